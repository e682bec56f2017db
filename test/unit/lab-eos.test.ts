// The Arista EOS lab personality driven through its CLI session with an injected clock: what it
// prints is read back by the arista-eos platform's own parsers, a configuration session committed
// with `commit timer` is rolled back by the switch itself unless committed again, and `show mlag
// detail` prints the fleet's pair view so that the platform's `pair.parse` reads it back.

import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import * as model from '../../src/lab/model.js';
import type { LabPairView } from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { aristaEosPersonality } from '../../src/lab/personalities/arista-eos/index.js';
import { SYS_OBJECT_ID, sysDescr } from '../../src/lab/personalities/arista-eos/snmp.js';
import { eos, renderEos, whenRolledBack } from '../../src/lab/personalities/arista-eos/state.js';
import { aristaEos as platform } from '../../src/platforms/arista-eos/index.js';
import { pairCommand } from '../../src/platforms/platform.js';

const MINUTE = 40; // ms in a lab `commit timer` minute

function lab(privilege = 15) {
  const clock = { t: Date.parse('2026-01-05T10:00:00Z') };
  const p = aristaEosPersonality({ timerMinuteMs: MINUTE });
  const state = p.initialState(
    { name: 'leaf-1', hostname: 'leaf-1', index: 1, members: [{ number: 1, priority: 1, model: 'DCS-7050SX3-48YC8', feed: 'A' }] },
    clock.t,
  );
  const host: CliHost = { state, now: () => Date.now(), save: (by) => model.save(state, by, clock.t), touchRunning() {} };
  const cli = p.openCli(host, 'admin', privilege, 'en-secret');
  const run = (line: string) => cli.input(line).output;
  return { p, state, host, clock, cli, run };
}

describe('the session as the platform reads it', () => {
  it('greets with a last-login line and `leaf-1#`; `terminal length 0` says Pagination disabled', () => {
    const { cli, run } = lab();
    expect(platform.prompt.exec(cli.greeting())?.[1]).toBe('leaf-1');
    expect(cli.prompt()).toBe('leaf-1#');
    expect(run('terminal length 0')).toBe('Pagination disabled.\n');
    expect(cli.pageLength()).toBe(0);
    expect(platform.pagers.some((re) => re.test(cli.pager.prompt))).toBe(true);
  });

  it('an unprivileged login is at `>`; enable with the secret, `% Bad secret` otherwise (the platform’s words)', () => {
    const { cli, run } = lab(1);
    const enable = platform.session.kind === 'cli' ? platform.session.enable! : undefined;
    expect(enable!.unprivileged.test(cli.prompt())).toBe(true);
    expect(run('enable')).toMatch(enable!.passwordPrompt);
    expect(run('wrong')).toMatch(enable!.failure);
    run('enable');
    run('en-secret');
    expect(cli.prompt()).toBe('leaf-1#');
  });

  it('show version, show running-config (Oxidized’s command, pipes and all) and show startup-config read back with the platform', () => {
    const { run } = lab();
    expect(platform.parseVersion(run('show version'))).toMatchObject({ model: 'DCS-7050SX3-48YC8', version: '4.29.2F' });
    const full = run('show running-config');
    expect(full).toMatch(/^! Command: show running-config\n! Time: /);
    const piped = run(platform.commands.running);
    expect(piped).not.toMatch(/^! Time:/m);
    const running = extractConfig(platform, piped);
    expect(running.split('\n')[0]).toBe('! device: leaf-1 (DCS-7050SX3-48YC8, EOS-4.29.2F)');
    expect(extractConfig(platform, full)).toBe(running);
    expect(isComplete(platform, running)).toBe(true);
    expect(platform.isFactoryDefault!(running)).toBe(false);
    const startup = extractConfig(platform, run('show startup-config'));
    expect(startup).not.toMatch(/Startup-config last modified/);
    expect(unsavedLines(platform.syntax, running, startup).counts).toEqual({ added: 0, removed: 0 });
  });

  it('a change in configuration mode is unsaved until `copy running-config startup-config`', () => {
    const { run, state } = lab();
    run('configure terminal');
    run('interface Ethernet2');
    run('description temporary uplink');
    run('end');
    expect(model.isUnsaved(state)).toBe(true);
    const diff = unsavedLines(platform.syntax, extractConfig(platform, run(platform.commands.running)), extractConfig(platform, run('show startup-config')));
    expect(diff.added).toEqual(['interface Ethernet2', '   description temporary uplink']);
    expect(diff.counts).toEqual({ added: 1, removed: 0 });
    const persist = platform.persist.kind === 'save' ? platform.persist : undefined;
    expect(run(persist!.command)).toMatch(persist!.ok);
    expect(model.isUnsaved(state)).toBe(false);
  });

  it('SNMP names it as the platform detects it (aristaProducts sysObjectID, EOS sysDescr)', () => {
    expect(platform.snmp!.detect.sysObjectIdPrefixes.some((prefix) => SYS_OBJECT_ID.startsWith(prefix))).toBe(true);
    expect(platform.snmp!.detect.sysDescr.test(sysDescr())).toBe(true);
  });

  it('refuses an unknown command with a `% ` line, which the platform counts as a refusal', () => {
    const { run } = lab();
    expect(platform.errors.some((re) => re.test(run('show bogus')))).toBe(true);
  });
});

describe('configuration sessions', () => {
  it('rollback clean-config empties the session; the diffs show what changes; abort leaves running alone', () => {
    const { run, cli, state } = lab();
    const before = renderEos(state.running);
    run('configure session switchback-0a1b2c3d');
    expect(cli.prompt()).toBe('leaf-1(config-s-switchback-0a1b2c3d)#');
    run('interface Ethernet1');
    expect(cli.prompt()).toBe('leaf-1(config-s-switchback-0a1b2c3d-if-Et1)#');
    run('exit');
    run('rollback clean-config');
    run('hostname leaf-9');
    const diffs = run('show session-config diffs');
    expect(diffs).toMatch(/^--- system:\/running-config$/m);
    expect(diffs).toMatch(/^\+hostname leaf-9$/m);
    expect(diffs).toMatch(/^-hostname leaf-1$/m);
    expect(diffs).toMatch(/^-interface Ethernet1$/m);
    run('abort');
    expect(cli.prompt()).toBe('leaf-1#');
    expect(renderEos(state.running)).toBe(before);
    expect(eos(state).sessions.size).toBe(0);
  });

  it('the whole configuration typed back into a clean session shows no difference', () => {
    const { run, state, cli } = lab();
    const text = renderEos(state.running);
    run('configure session s1');
    run('rollback clean-config');
    for (const l of text.split('\n'))
      if (l !== '!' && l !== 'end' && l !== '') {
        // Back to the top before each top-level line, as the engine's plan does with `exit`.
        if (!/^\s/.test(l) && cli.prompt() !== 'leaf-1(config-s-s1)#') run('exit');
        run(l.trim());
      }
    run('end');
    run('configure session s1');
    expect(run('show session-config diffs')).toBe('');
    run('abort');
  });

  it('commit timer: committed now; the switch rolls back by itself when the timer ends with no commit', async () => {
    const { run, state, cli } = lab();
    run('configure session s2');
    run('hostname leaf-9');
    const rolled = whenRolledBack(state);
    run(platform.restore[0]!.kind === 'commit-confirmed' ? platform.restore[0]!.confirmed(5) : '');
    expect(cli.prompt()).toBe('leaf-9#');
    await rolled;
    expect(cli.prompt()).toBe('leaf-1#');
    expect(eos(state).sessions.size).toBe(0);
  });

  it('commit timer then the session committed again (`configure session S`, `commit`): the change stays', async () => {
    const { run, state } = lab();
    run('configure session s3');
    run('hostname leaf-9');
    run('commit timer 00:00:03');
    run('configure session s3');
    run('commit');
    await new Promise((r) => setTimeout(r, 5 * MINUTE));
    expect(renderEos(state.running)).toContain('hostname leaf-9\n');
    expect(eos(state).sessions.size).toBe(0);
  });
});

describe('show mlag detail from the fleet’s pair view', () => {
  const views: LabPairView[] = [
    { domain: 'dc1-pod1', peer: 'leaf-2', peerUp: true, peerLinkUp: true, role: 'primary' },
    { domain: 'dc1-pod1', peer: 'leaf-1', peerUp: true, peerLinkUp: true, role: 'secondary' },
    { domain: 'dc1-pod1', peer: 'leaf-2', peerUp: false, peerLinkUp: false, role: 'primary' },
    { domain: 'dc1-pod1', peer: 'leaf-2', peerUp: true, peerLinkUp: false, role: 'secondary' },
  ];
  it.each(views)('is read back by pair.parse as the same state (%o)', (view) => {
    const { run, state } = lab();
    state.pair = view;
    const out = run(pairCommand(platform.pair!, view));
    expect(platform.pair!.parse(out)).toEqual({
      peer: view.peerUp ? 'up' : 'down',
      peerLink: view.peerLinkUp ? 'up' : 'down',
      role: view.role,
      domain: 'dc1-pod1',
    });
  });
  it('a switch whose spec is in a pair carries the MLAG lines (domain, peer link), which the platform reads as configuration', () => {
    const p = aristaEosPersonality({ timerMinuteMs: MINUTE });
    const spec = {
      name: 'leaf-2',
      hostname: 'leaf-2',
      index: 2,
      members: [{ number: 1, priority: 1, model: 'DCS-7050SX3-48YC8', feed: 'B' }],
      pair: { peer: 'leaf-1', domain: '10', role: 'secondary' as const },
    };
    const state = p.initialState(spec, Date.now());
    const text = renderEos(state.running);
    expect(text).toContain('mlag configuration\n   domain-id 10\n   local-interface Vlan4094\n   peer-address 10.255.252.1\n   peer-link Port-Channel10\n');
    expect(text).toContain('interface Vlan4094\n   ip address 10.255.252.2/30\n');
    expect(isComplete(platform, extractConfig(platform, p.showRunning(state, Date.now())))).toBe(true);
    // Without a pair: no MLAG lines.
    expect(renderEos(lab().state.running)).not.toContain('mlag configuration');
  });

  it('with no pair, prints the real Disabled answer: nothing known', () => {
    const { run } = lab();
    const out = run('show mlag detail');
    expect(out).toMatch(/^state\s+:\s+Disabled$/m);
    expect(platform.pair!.parse(out)).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
  });
});
