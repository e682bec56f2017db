// The arista-eos platform's parsers and configuration data on every real EOS capture in
// test/fixtures/real (SOURCES.md): Oxidized's DCS-7050SX3 4.29.2F recording and what Oxidized
// stored from it, napalm's vEOS 4.15 running/startup pair, pyeapi's `show running-config all`
// (vEOS 4.13), ntc-templates' `show version` (vEOS, cEOS) and `show mlag`, exscript's two EOS
// login banners, and three real `show mlag detail` answers (avd-to-containerlab, vEOS 4.24).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, maskSecrets, significant, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { planPush } from '../../src/config/push-plan.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { aristaEos } from '../../src/platforms/arista-eos/index.js';
import { platformByName } from '../../src/platforms/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

const RECORDING = 'oxidized/eos#DCS-7050SX3-48YC8_4.29.2F';
const session = parseRecordedSession(real(`${RECORDING}#simulation.yaml`));
const RUNNING_CMD = 'show running-config | no-more | exclude ! Time:';
const answer = (command: string): string => session.exchanges.find((e) => e.send === `${command}\n`)?.output ?? '';
const recorded = (): string => extractConfig(aristaEos, answer(RUNNING_CMD));
const NAPALM = 'napalm/eos/test_get_config/normal/';
const configure = (() => {
  const r = aristaEos.restore.find((s) => s.kind === 'line-merge');
  if (r?.kind !== 'line-merge') throw new Error('no line-merge data');
  return r.configure;
})();

describe('registry', () => {
  it('is in the platform registry under its inventory name, with no stack and an MLAG pair', () => {
    expect(platformByName('arista-eos')).toBe(aristaEos);
    expect(aristaEos.stack).toBeUndefined();
    expect(aristaEos.pair?.model).toBe('mlag');
  });
});

describe('prompt', () => {
  it('matches the recorded first prompt and the end of every recorded answer; the name is group 1', () => {
    expect(aristaEos.prompt.exec(session.initPrompt)?.[1]).toBe('eos-test-01');
    for (const e of session.exchanges.filter((x) => x.send !== 'exit\n')) expect(aristaEos.prompt.exec(e.output)?.[1]).toBe('eos-test-01');
    // The command asked for is the one the recording answers.
    expect(aristaEos.commands.running).toBe(RUNNING_CMD);
  });

  it('reads exscript’s real EOS logins: `hostname(s1)#`, and `localhost>` before enable, `% Bad secret` refused', () => {
    const two = real('exscript/banners/eos.2');
    const five = real('exscript/banners/eos.5');
    expect(aristaEos.prompt.exec(two.trimEnd())?.[1]).toBe('hostname');
    expect(aristaEos.prompt.exec(five.trimEnd())?.[1]).toBe('localhost');
    const enable = aristaEos.session.kind === 'cli' ? aristaEos.session.enable! : undefined;
    expect(enable?.unprivileged.test('localhost>')).toBe(true);
    expect(enable?.passwordPrompt.test('Password:')).toBe(true);
    expect(enable?.failure.test('% Bad secret')).toBe(true);
    expect(five).toMatch(enable!.failure);
  });

  it('knows configuration and session prompts; no line of a configuration is a prompt', () => {
    expect(aristaEos.prompt.exec('sw1(config)#')?.[1]).toBe('sw1');
    expect(aristaEos.prompt.exec('sw1(config-if-Et1)#')?.[1]).toBe('sw1');
    // A real transcript (ansible-collections/arista.eos issue 476): the session's name in full, the sub-mode after it.
    expect(aristaEos.prompt.exec('test(s2)(config-s-ansible)#')?.[1]).toBe('test');
    expect(aristaEos.prompt.exec('test(s2)(config-s-ansible-acl-TESTACL1)#')?.[1]).toBe('test');
    expect(configure.topLevel.test('test(s2)(config-s-ansible)#')).toBe(true);
    expect(configure.topLevel.test('test(s2)(config-s-ansible-acl-TESTACL1)#')).toBe(false);
    expect(configure.inConfigMode.test('test(s2)(config-s-ansible-acl-TESTACL1)#')).toBe(true);
    // switchback's own session names have a dash: told from a sub-mode by their form.
    expect(configure.topLevel.test('sw1(config-s-switchback-0a1b2c3d)#')).toBe(true);
    expect(configure.topLevel.test('sw1(config-s-switchback-0a1b2c3d-if-Et1)#')).toBe(false);
    expect(configure.inConfigMode.test('sw1(config-s-switchback-0a1b2c3d-if-Et1)#')).toBe(true);
    expect(configure.inConfigMode.test('sw1#')).toBe(false);
    for (const text of [recorded(), real(`${NAPALM}show_running_config.text`), real('pyeapi/fixtures/running_config.text')])
      for (const l of text.split('\n')) expect(aristaEos.prompt.test(l)).toBe(false);
  });
});

describe('running configuration from the real recording', () => {
  it('is stored without the echo and the prompt, from the `! device:` line to `end`, complete', () => {
    const stored = recorded();
    expect(stored.split('\n')[0]).toBe('! device: eos-test-01 (DCS-7050SX3-48YC8, EOS-4.29.2F)');
    expect(stored.endsWith('\nend\n')).toBe(true);
    expect(isComplete(aristaEos, stored)).toBe(true);
  });

  it('is what Oxidized stored from the same session, after Oxidized’s own `! show inventory` comment lines', () => {
    const lines = real(`${RECORDING}#output.txt`).split('\n');
    // Oxidized's comment block (`show inventory`, seven `! ` lines) stands above the configuration.
    const oxidized = lines.slice(lines.findIndex((l) => l.startsWith('! device:'))).join('\n');
    expect(recorded()).toBe(oxidized);
  });

  it('a capture cut before `end` is incomplete, and says so', () => {
    const cut = recorded().replace(/end\n$/, '');
    expect(isComplete(aristaEos, cut)).toBe(false);
    expect(whyIncomplete(aristaEos.syntax, cut)).toBeDefined();
  });

  it('masks the SNMP communities of the recording, in the community line and in the host lines', () => {
    const masked = maskSecrets(aristaEos, recorded());
    for (const secret of ['publiccom', 'string123', 'string456']) expect(masked).not.toContain(secret);
    expect(masked).toContain('snmp-server host 10.1.2.4 version 2c ');
    expect(masked).toContain('snmp-server community ');
  });

  it('is configured, not a factory default', () => {
    expect(aristaEos.isFactoryDefault!(recorded())).toBe(false);
  });
});

describe('running and startup from napalm (vEOS 4.15, no unsaved changes)', () => {
  const running = extractConfig(aristaEos, real(`${NAPALM}show_running_config.text`));
  const startup = extractConfig(aristaEos, real(`${NAPALM}show_startup_config.text`));

  it('drops the volatile header lines (`! Command:`, `! Startup-config last modified at`) and keeps `! device:`', () => {
    expect(running).not.toMatch(/^! Command:/m);
    expect(running).not.toMatch(/Startup-config last modified/);
    expect(running.split('\n')[0]).toBe('! device: localhost (vEOS, EOS-4.15.2.1F)');
    expect(isComplete(aristaEos, running)).toBe(true);
    expect(isComplete(aristaEos, startup)).toBe(true);
  });

  it('running and startup compare equal, as the capture says', () => {
    const d = unsavedLines(aristaEos.syntax, running, startup);
    expect(d.counts).toMatchObject({ added: 0, removed: 0 });
  });

  it('a save time that moved is no change; a changed line is', () => {
    const raw = real(`${NAPALM}show_startup_config.text`).replace('Sun Sep 11 18:35:01 2016', 'Mon Dec  7 10:00:00 2026');
    expect(unsavedLines(aristaEos.syntax, running, extractConfig(aristaEos, raw)).counts).toMatchObject({ added: 0, removed: 0 });
    const changed = running.replace('spanning-tree mode mstp', 'spanning-tree mode rapid-pvst');
    expect(unsavedLines(aristaEos.syntax, changed, startup).counts.added).toBe(1);
  });

  it('masks the user and root secrets', () => {
    const masked = maskSecrets(aristaEos, running);
    for (const hash of ['$1$zr7sHZaW$WagNykw1d5wjy4ZhtMgUS/', '$1$VoQBHXed$4z2.EoAeoIY2SFme/Pz3Q/', '$1$l/6gq.Qs$ifURvKWUYzLm0RqmRgr.W1'])
      expect(masked).not.toContain(hash);
    expect(masked).toContain('username admin privilege 15 role network-admin secret 5 ');
    expect(masked).toContain('aaa root secret 5 ');
  });
});

describe('`show running-config all` from pyeapi (vEOS 4.13, 56 KB)', () => {
  const all = extractConfig(aristaEos, real('pyeapi/fixtures/running_config.text'));
  it('is complete, three-space indented, and its user secrets are masked', () => {
    expect(isComplete(aristaEos, all)).toBe(true);
    expect(significant(aristaEos.syntax, all).length).toBeGreaterThan(1000);
    const masked = maskSecrets(aristaEos, all);
    expect(masked).not.toContain('$1$eCurfHLe$JCbuUNM7Xwy6i6/zknYha.');
    expect(masked).toContain('username admin privilege 1 role network-admin nopassword');
    expect(masked).toContain('no enable password');
  });
  it('typed whole into an empty session (`rollback clean-config`), no line is `end` and every line goes under its parents', () => {
    const plan = planPush(aristaEos.syntax, configure, '', all);
    expect(plan.items.length).toBeGreaterThan(1000);
    expect(plan.items.some((i) => i.line.text.trim() === 'end')).toBe(false);
  });
});

describe('show version', () => {
  it('reads the vEOS 4.14 capture', () => {
    const v = aristaEos.parseVersion(real('ntc-templates/arista_eos/show_version/arista_eos_show_version.raw'));
    expect(v).toMatchObject({ model: 'vEOS', version: '4.14.7M', uptimeSeconds: 3900, serials: [], members: [] });
  });
  it('reads the cEOS 4.31 capture (engineering build, serial)', () => {
    const v = aristaEos.parseVersion(real('ntc-templates/arista_eos/show_version/arista_eos_show_version_ceos.raw'));
    expect(v).toMatchObject({ model: 'cEOSLab', version: '4.31.6M', serials: ['35BA12C16E793CAD48DE0EEC072CFD74'] });
    expect(v.uptimeSeconds).toBe(2 * 86400 + 15 * 3600 + 56 * 60);
  });
});

describe('MLAG (pair.parse)', () => {
  const parse = aristaEos.pair!.parse;
  it('the primary of an Active pair (avd-to-containerlab EAPI-LEAF1A)', () => {
    expect(parse(real('avd-to-containerlab/EAPI-LEAF1A_show_mlag_detail.txt'))).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: 'EAPI_LEAF1' });
  });
  it('its peer, the secondary (EAPI-LEAF1B)', () => {
    expect(parse(real('avd-to-containerlab/EAPI-LEAF1B_show_mlag_detail.txt'))).toEqual({
      peer: 'up',
      peerLink: 'up',
      role: 'secondary',
      domain: 'EAPI_LEAF1',
    });
  });
  it('a switch with MLAG disabled (EAPI-RS02): nothing known, no domain', () => {
    expect(parse(real('avd-to-containerlab/EAPI-RS02_show_mlag_detail.txt'))).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
  });
  it('`show mlag` Inactive, peer link Lowerlayerdown (ntc-templates): peer and link down, role not shown', () => {
    expect(parse(real('ntc-templates/arista_eos/show_mlag/arista_eos_show_mlag.raw'))).toEqual({
      peer: 'down',
      peerLink: 'down',
      role: 'unknown',
      domain: 'mlagDomain',
    });
  });
});

describe('configuration data', () => {
  it('negates lines the EOS way, never a physical port', () => {
    expect(configure.negate('hostname eos-test-01')).toBe('no hostname');
    expect(configure.negate('snmp-server community publiccom ro')).toBe('no snmp-server community publiccom');
    expect(configure.negate('no aaa root')).toBe('aaa root');
    expect(configure.negate('interface Ethernet1')).toBeUndefined();
    expect(configure.negate('interface Management1')).toBeUndefined();
    expect(configure.negate('interface Port-Channel10')).toBe('no interface Port-Channel10');
  });
  it('knows settings that replace each other', () => {
    expect(configure.replaces('hostname a', 'hostname b')).toBe(true);
    expect(configure.replaces('ip routing', 'no ip routing')).toBe(true);
    expect(configure.replaces('ip address 192.0.2.10/24', 'ip address 192.0.2.11/24')).toBe(true);
    expect(configure.replaces('snmp-server host 10.1.2.3 version 1 a', 'snmp-server host 10.1.2.4 version 1 b')).toBe(false);
  });
  it('a refusal is shown without the token it names', () => {
    expect(configure.refusalShown("% Invalid input (at token 3: 's3cret')")).not.toContain('s3cret');
  });
  it('a skeleton with nothing configured is a factory default; a hostname makes it configured', () => {
    const skeleton =
      '! device: localhost (DCS-7050SX3-48YC8, EOS-4.29.2F)\n!\nno aaa root\n!\ninterface Ethernet1\n!\ninterface Management1\n!\nno ip routing\n!\nend\n';
    expect(aristaEos.isFactoryDefault!(skeleton)).toBe(true);
    expect(aristaEos.isFactoryDefault!(skeleton.replace('no aaa root', 'hostname leaf1'))).toBe(false);
    expect(aristaEos.isFactoryDefault!(extractConfig(aristaEos, real(`${NAPALM}show_running_config.text`)))).toBe(false);
  });
});
