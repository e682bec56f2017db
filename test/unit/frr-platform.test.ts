// The frr platform's data against real sessions with real FRRouting 8.4.4 behind OpenSSH
// (test/fixtures/frr, made by test/peers/record-frr.ts; see test/fixtures/SOURCES.md).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, maskSecrets, unsavedLines } from '../../src/config/normalise.js';
import { compareConfigs } from '../../src/jobs/diff.js';
import { runningAsSaved, unsavedOf } from '../../src/jobs/unsaved.js';
import { configPath, frr, pathspaceOf } from '../../src/platforms/frr/index.js';
import { lastLine, stripTerminal } from '../../src/transport/terminal-text.js';

const FRR = fileURLToPath(new URL('../fixtures/frr/', import.meta.url));
const recorded = (file: string): string => readFileSync(join(FRR, file), 'utf8');

/** Every prompt line of a recorded session: the text before each typed command, as the engine sees it. */
function promptLines(session: string): string[] {
  return stripTerminal(session)
    .split('\n')
    .map((l) => /^(.*?[#$] )\S/.exec(l)?.[1] ?? (/[#$] $/.test(l) ? l : undefined))
    .filter((l): l is string => l !== undefined);
}

const session = frr.session.kind === 'shell-then-cli' ? frr.session : undefined;

describe('frr prompts, on the real sessions', () => {
  it('every vtysh prompt of the recorded sessions is the CLI prompt, with the host name in group 1', () => {
    const prompts = promptLines(recorded('session-shell.txt')).filter((l) => l.startsWith('leaf1'));
    expect(prompts).toEqual(expect.arrayContaining(['leaf1# ', 'leaf1(config)# ', 'leaf1(config-if)# ', 'leaf1(config-router)# ']));
    for (const p of prompts) {
      expect(frr.prompt.exec(p)?.[1]).toBe('leaf1');
      expect(session!.shellPrompt.test(p)).toBe(false);
    }
  });

  it("Debian bash's prompt is the shell prompt and never the CLI's; so are other shells'", () => {
    const bash = lastLine(recorded('session-daemons-down.txt'));
    expect(bash).toBe('switchback-frr@leaf1:~$ ');
    for (const p of [bash, 'root@leaf1:/etc/frr# ', '[admin@leaf1 ~]$ ', '$ ', 'cumulus@leaf1:mgmt:~$ ']) {
      expect(session!.shellPrompt.test(p)).toBe(true);
      expect(frr.prompt.test(p)).toBe(false);
    }
  });

  it('the login that lands in vtysh ends at the CLI prompt', () => {
    const first = recorded('session-vtysh.txt');
    const upToPrompt = first.slice(0, first.indexOf('leaf1# ') + 'leaf1# '.length);
    expect(frr.prompt.exec(lastLine(upToPrompt))?.[1]).toBe('leaf1');
  });

  it('no line of a configuration looks like a prompt', () => {
    for (const line of stripTerminal(recorded('show-running-config.txt')).split('\n')) expect(frr.prompt.test(line)).toBe(false);
  });
});

describe('frr told apart over SSH (platform: auto), since SNMP says only "Linux"', () => {
  it("vtysh's real show version says FRRouting; an IOS or NX-OS one does not", () => {
    expect(frr.snmp).toBeUndefined();
    expect(frr.sshDetect!.versionSays.test(recorded('show-version.txt'))).toBe(true);
    const real = fileURLToPath(new URL('../fixtures/real/ntc-templates/', import.meta.url));
    for (const other of ['cisco_ios/show_version', 'cisco_nxos/show_version']) {
      const dir = join(real, other);
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.raw')))
        expect(frr.sshDetect!.versionSays.test(readFileSync(join(dir, f), 'utf8')), f).toBe(false);
    }
  });
});

describe('frr session start', () => {
  it('starts vtysh, with the pathspace when the inventory names one', () => {
    expect(session!.start({})).toBe('vtysh');
    expect(session!.start({ pathspace: 'fabric' })).toBe('vtysh -N fabric');
    expect(pathspaceOf({ pathspace: '' })).toBeUndefined();
  });

  it('refuses a pathspace that is not a plain name (it goes into a command line)', () => {
    for (const bad of ['a/b', 'x.y', 'a; reboot', '$(id)', 'a b']) expect(() => session!.start({ pathspace: bad })).toThrow(/pathspace/);
  });

  it('knows the real "FRR is down" message', () => {
    const said = stripTerminal(recorded('daemons-down.txt'));
    expect(session!.startFailure.some((re) => re.test(said))).toBe(true);
    expect(session!.startFailure.some((re) => re.test(stripTerminal(recorded('vtysh-banner.txt'))))).toBe(false);
  });
});

describe('frr configuration text', () => {
  it('a running capture is complete (`end`), extracted without the header', () => {
    const text = extractConfig(frr, recorded('show-running-config.txt'));
    expect(text.split('\n')[0]).toBe('frr version 8.4.4');
    expect(text).not.toContain('Building configuration');
    expect(isComplete(frr, text)).toBe(true);
  });

  it('the saved file has no `end`: it is read from a file, whole, not judged by the mark', () => {
    expect(isComplete(frr, recorded('frr.conf'))).toBe(false);
    expect(frr.startup.from).toBe('file');
  });

  it('running (saved just before) and frr.conf hold the same configuration lines: `end` and `exit` are no configuration', () => {
    // session-vtysh.txt printed the running config after the `write memory` that wrote frr.conf.
    const raw = recorded('session-vtysh.txt');
    const running = extractConfig(frr, raw.slice(raw.indexOf('Building configuration'), raw.lastIndexOf('leaf1# ')));
    const saved = extractConfig(frr, recorded('frr.conf'));
    const lines = (t: string) => t.split('\n').filter((l) => l.trim() !== '' && !frr.syntax.comment.test(l));
    expect(lines(running)).toEqual(lines(saved));
    expect(lines(saved)).toContain(' description uplink to spine1');
    expect(lines(saved)).not.toContain('exit');
    expect(running).toMatch(/^end$/m);
  });

  it('diff and unsaved agree: running (with `end`) against frr.conf (without) is no difference, and a real change counts alone', () => {
    const raw = recorded('session-vtysh.txt');
    const running = raw.slice(raw.indexOf('Building configuration'), raw.lastIndexOf('leaf1# '));
    const saved = recorded('frr.conf');
    expect(compareConfigs(frr, saved, running, { context: 3, showSecrets: false })).toEqual({ equal: true, added: 0, removed: 0, hunks: [] });
    expect(unsavedLines(frr.syntax, extractConfig(frr, running), extractConfig(frr, saved)).counts).toEqual({ added: 0, removed: 0 });
    // One unsaved route at the end, next to `end`: one line added, and `end` neither shown nor counted.
    const changed = running.replace('router bgp 65001', 'ip route 203.0.113.0/24 Null0\r\n!\r\nrouter bgp 65001');
    const d = compareConfigs(frr, saved, changed, { context: 3, showSecrets: false });
    expect(d).toMatchObject({ equal: false, added: 1, removed: 0 });
    expect(d.hunks.flatMap((h) => h.lines).filter((l) => /^[+-]/.test(l))).toEqual(['+ip route 203.0.113.0/24 Null0', '+!']);
    expect(JSON.stringify(d.hunks)).not.toMatch(/[+-]end/);
  });

  it('a frr.conf written by hand, without the lines FRR prints by itself, is all saved; a forwarding change against a saved one is not', () => {
    const raw = recorded('session-vtysh.txt');
    const running = extractConfig(frr, raw.slice(raw.indexOf('Building configuration'), raw.lastIndexOf('leaf1# ')));
    const template = [
      'hostname leaf1',
      'ip route 198.51.100.0/24 Null0',
      'interface eth0',
      ' description uplink to spine1',
      'router bgp 65001',
      ' bgp router-id 10.255.0.1',
      ' neighbor 169.254.240.1 remote-as 65000',
      '',
    ].join('\n');
    expect(unsavedOf(frr, { running, startup: template })).toEqual({ kind: 'saved' });
    const d = compareConfigs(frr, template, runningAsSaved(frr, running, template), { context: 3, showSecrets: false });
    expect(d).toMatchObject({ equal: true, added: 0, removed: 0 });
    // The saved file has a forwarding line: a different one running is unsaved.
    const saved = extractConfig(frr, recorded('frr.conf'));
    const u = unsavedOf(frr, { running: running.replace('no ip forwarding', 'ip forwarding'), startup: saved });
    expect(u).toMatchObject({ kind: 'differs', diff: { added: ['ip forwarding'], removed: ['no ip forwarding'] } });
    // A host name typed and not saved still counts, even against a file without one.
    expect(unsavedOf(frr, { running: running.replace('hostname leaf1', 'hostname leaf9'), startup: template })).toMatchObject({
      kind: 'differs',
      diff: { added: ['hostname leaf9'], removed: ['hostname leaf1'] },
    });
  });

  it('one space per level under a block, as FRR prints it', () => {
    const text = recorded('frr.conf');
    expect(text).toContain('router bgp 65001\n bgp router-id 10.255.0.1\n neighbor 169.254.240.1 remote-as 65000\nexit\n');
    expect(frr.syntax.hierarchy).toBe('indent');
  });
});

describe('frr startup, save and refusals', () => {
  it('frr.conf where the pathspace puts it, read with cat; a missing file is no startup', () => {
    expect(configPath({})).toBe('/etc/frr/frr.conf');
    expect(configPath({ pathspace: 'fabric' })).toBe('/etc/frr/fabric/frr.conf');
    if (frr.startup.from !== 'file') throw new Error('frr reads its startup from a file');
    expect(frr.startup.read(frr.startup.path({ pathspace: 'fabric' }))).toBe('cat /etc/frr/fabric/frr.conf');
    expect(frr.startup.missing.test('cat: /etc/frr/fabric/frr.conf: No such file or directory\n')).toBe(true);
  });

  it('`write memory` and its real [OK]', () => {
    expect(frr.persist).toMatchObject({ kind: 'save', command: 'write memory', words: 'write memory' });
    if (frr.persist.kind !== 'save') throw new Error('frr saves');
    expect(frr.persist.ok.test(recorded('write-memory.txt'))).toBe(true);
    expect(frr.persist.ok.test(recorded('daemons-down.txt'))).toBe(false);
  });

  it("vtysh's real refusal is seen, and shown without the typed line", () => {
    const merge = frr.restore[0];
    if (merge?.kind !== 'line-merge') throw new Error('frr restores by line merge');
    const said = stripTerminal(recorded('configure-unknown-command.txt')).trim();
    expect(merge.configure.errors.some((re) => re.test(said))).toBe(true);
    expect(frr.errors.some((re) => re.test(said))).toBe(true);
    expect(merge.configure.refusalShown(said)).toBe('% Unknown command');
    expect(frr.errors.some((re) => re.test(recorded('show-running-config.txt')))).toBe(false);
  });

  it('configuration mode prompts as recorded', () => {
    const merge = frr.restore[0];
    if (merge?.kind !== 'line-merge') throw new Error('frr restores by line merge');
    const c = merge.configure;
    expect(c.inConfigMode.test('leaf1(config-router)# ')).toBe(true);
    expect(c.inConfigMode.test('leaf1# ')).toBe(false);
    expect(c.topLevel.test('leaf1(config)# ')).toBe(true);
    expect(c.topLevel.test('leaf1(config-if)# ')).toBe(false);
  });

  it('negates and replaces as vtysh takes it', () => {
    const merge = frr.restore[0];
    if (merge?.kind !== 'line-merge') throw new Error('frr restores by line merge');
    const c = merge.configure;
    expect(c.negate('ip route 192.0.2.0/24 Null0')).toBe('no ip route 192.0.2.0/24 Null0');
    expect(c.negate(' description uplink to spine1')).toBe('no description');
    expect(c.negate('no ip forwarding')).toBe('ip forwarding');
    expect(c.negate('interface eth0')).toBeUndefined();
    expect(c.negate('frr version 8.4.4')).toBeUndefined();
    expect(c.replaces(' bgp router-id 10.255.0.2', ' bgp router-id 10.255.0.1')).toBe(true);
    expect(c.replaces(' neighbor 169.254.240.1 remote-as 65001', ' neighbor 169.254.240.1 remote-as 65000')).toBe(true);
    expect(c.replaces('ip route 198.51.100.0/24 Null0', 'ip route 192.0.2.0/24 Null0')).toBe(false);
  });
});

describe('frr secrets', () => {
  it('masks the secret and keeps the rest of the line', () => {
    const text = [
      'password zebra',
      'router bgp 65001',
      ' neighbor 192.0.2.1 password s3cret',
      'exit',
      'interface eth0',
      ' ip ospf message-digest-key 1 md5 k3y',
      'exit',
      '',
    ].join('\n');
    const masked = maskSecrets(frr, text);
    expect(masked).not.toMatch(/zebra|s3cret|k3y/);
    expect(masked).toContain(' neighbor 192.0.2.1 password ');
    expect(masked).toContain('router bgp 65001');
  });
});
