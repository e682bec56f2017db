// The Dell OS10 lab personality driven through its CLI session with an injected clock: what it
// prints is read back by the dell-os10 platform's own parsers (the lab and the platform agree on
// the real captures' layouts), `show vlt` drawn from `state.pair` and read back to the same
// PairState, configuration applied line by line, the save, and a restore plan applied by typing.

import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { compareWithTarget, planPush } from '../../src/config/push-plan.js';
import * as model from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { dellOs10Personality as p } from '../../src/lab/personalities/dell-os10/index.js';
import { personalityFor } from '../../src/lab/personalities/index.js';
import { dellOs10 as platform } from '../../src/platforms/dell-os10/index.js';
import { pairCommand } from '../../src/platforms/platform.js';

function lab() {
  const clock = { t: Date.parse('2026-01-05T10:00:00Z') };
  const state = p.initialState({ name: 'leaf-1', hostname: 'leaf-1', index: 3, members: [{ number: 1, priority: 1, model: 'S5248F-ON', feed: 'A' }] }, clock.t);
  const host: CliHost = {
    state,
    now: () => clock.t,
    save: (by) => model.save(state, by, clock.t),
    touchRunning: (by) => ((state.runningChangedAt = clock.t), (state.runningChangedBy = by)),
  };
  const cli = p.openCli(host, 'admin', 15, '');
  const run = (line: string) => cli.input(line).output;
  const configure = platform.restore[0]!.kind === 'line-merge' ? platform.restore[0]!.configure : undefined;
  return { state, host, clock, cli, run, configure: configure! };
}

describe('the session as the platform reads it', () => {
  it('greets with a `name# ` prompt the platform recognises; `terminal length 0` turns paging off', () => {
    const { cli, run } = lab();
    expect(platform.prompt.exec(cli.greeting())?.[1]).toBe('leaf-1');
    expect(run('terminal length 0')).toBe('');
    expect(cli.pageLength()).toBe(0);
    expect(personalityFor('dell-os10')).toBe(p);
  });

  it('show version | display-xml and show running-configuration read back with the platform’s parsers', () => {
    const { run, clock, state } = lab();
    const v = platform.parseVersion(run(platform.commands.version));
    expect(v).toMatchObject({ hostname: 'leaf-1', version: '10.5.1.0', model: 'S5248F-ON', uptimeSeconds: Math.floor((clock.t - state.bootedAt) / 1000) });
    const shown = run('show running-configuration');
    expect(shown).toMatch(/^! Version 10\.5\.1\.0\n! Last configuration change at [A-Z][a-z]{2}  \d\d \d\d:\d\d:\d\d \d{4}\n!\n/);
    const running = extractConfig(platform, shown);
    expect(isComplete(platform, running)).toBe(true);
    expect(platform.isFactoryDefault!(running)).toBe(false);
    const startup = extractConfig(platform, run('show startup-configuration'));
    expect(startup.startsWith('ip vrf default\n')).toBe(true); // no header, as the real capture
    expect(isComplete(platform, startup)).toBe(true);
    expect(unsavedLines(platform.syntax, running, startup).counts).toEqual({ added: 0, removed: 0 });
    expect(running).toContain('!\ninterface ethernet1/1/1\n no shutdown\n switchport access vlan 10\n!\n');
  });

  it('refuses an unknown command with the words the platform counts as a refusal', () => {
    const { run } = lab();
    expect(platform.errors.some((re) => re.test(run('show stacking')))).toBe(true);
    expect(platform.errors.some((re) => re.test(run('show')))).toBe(true);
  });

  it('the factory default is one by the platform’s judgement', () => {
    const { state } = lab();
    state.running = p.factoryDefault();
    expect(platform.isFactoryDefault!(extractConfig(platform, p.showRunning(state, Date.now())))).toBe(true);
  });
});

describe('show vlt <domain> from state.pair', () => {
  it('prints the real layout for its own domain, and the platform reads it back to the same PairState', () => {
    const { state, run } = lab();
    state.pair = { domain: '7', peer: 'leaf-2', peerUp: true, peerLinkUp: true, role: 'primary' };
    const out = run('show vlt 7');
    expect(out).toContain('Domain ID                              : 7\n');
    expect(out).toContain('VLTi Link Status\n    port-channel1000                   : up\n');
    expect(platform.pair!.parse(out)).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '7' });
  });

  it('a lost peer and a cut VLTi: the survivor, now primary, says so (read by the command the platform sends)', () => {
    const { state, run } = lab();
    const command = pairCommand(platform.pair!, { domain: '7' });
    state.pair = { domain: '7', peer: 'leaf-1', peerUp: false, peerLinkUp: false, role: 'primary' };
    expect(platform.pair!.parse(run(command))).toEqual({ peer: 'down', peerLink: 'down', role: 'primary', domain: '7' });
    state.pair = { domain: '7', peer: 'leaf-1', peerUp: true, peerLinkUp: false, role: 'secondary' };
    expect(platform.pair!.parse(run(command))).toEqual({ peer: 'up', peerLink: 'down', role: 'secondary', domain: '7' });
  });

  it('another domain than the switch’s, or no pair at all: refused with an `% Error:` line the platform counts as a refusal', () => {
    const { state, run } = lab();
    state.pair = { domain: '7', peer: 'leaf-2', peerUp: true, peerLinkUp: true, role: 'primary' };
    const wrong = run('show vlt 8');
    expect(wrong).toMatch(/^% Error: /);
    expect(platform.errors.some((re) => re.test(wrong))).toBe(true);
    expect(platform.pair!.parse(wrong)).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
    state.pair = undefined;
    expect(run('show vlt 7')).toMatch(/^% Error: /);
  });

  it('answers only the documented form: `show vlt all` is not a command the lab knows', () => {
    const { state, run } = lab();
    state.pair = { domain: '7', peer: 'leaf-2', peerUp: true, peerLinkUp: true, role: 'primary' };
    expect(run('show vlt all')).toBe('% Error: Unrecognized command.\n');
  });
});

describe('configuration mode and the save', () => {
  it('each line applies at once, in the mode prompts OS10 shows; the save makes it survive', () => {
    const { cli, run, state } = lab();
    run('configure terminal');
    expect(cli.prompt()).toBe('leaf-1(config)# ');
    run('interface ethernet 1/1/2');
    expect(cli.prompt()).toBe('leaf-1(conf-if-eth1/1/2)# ');
    run(' description finance-printer');
    run('end');
    const running = extractConfig(platform, run('show running-configuration'));
    expect(running).toContain('interface ethernet1/1/2\n description finance-printer\n no shutdown\n');
    const startup = () => extractConfig(platform, run('show startup-configuration'));
    expect(unsavedLines(platform.syntax, running, startup()).counts).toEqual({ added: 1, removed: 0 });
    expect(run(platform.persist.kind === 'save' ? platform.persist.command : '')).toBe('');
    expect(platform.persist.kind === 'save' && platform.persist.ok.test('')).toBe(true);
    expect(unsavedLines(platform.syntax, running, startup()).counts).toEqual({ added: 0, removed: 0 });
    expect(state.startup).not.toBeNull();
  });

  it('a restore plan typed line by line makes running equal the target', () => {
    const { run, configure } = lab();
    const target = extractConfig(platform, run('show running-configuration'));
    for (const l of [
      'configure terminal',
      'hostname intruder',
      'interface vlan666',
      ' description TEST',
      'exit',
      'interface ethernet1/1/1',
      ' no switchport access vlan',
      ' shutdown',
      'end',
    ])
      run(l);
    const drifted = extractConfig(platform, run('show running-configuration'));
    expect(compareWithTarget(platform.syntax, configure, drifted, target).same).toBe(false);
    const plan = planPush(platform.syntax, configure, drifted, target);
    run(configure.enter);
    for (const item of plan.items) {
      for (const parent of item.line.parents) run(parent.trim());
      for (const t of item.type) expect(platform.errors.some((re) => re.test(run(t)))).toBe(false);
      for (let i = 0; i < item.line.parents.length; i++) run(configure.up);
    }
    run(configure.leave);
    const after = extractConfig(platform, run('show running-configuration'));
    expect(compareWithTarget(platform.syntax, configure, after, target).same).toBe(true);
  });

  it('a physical port cannot be removed', () => {
    const { run } = lab();
    run('configure terminal');
    expect(platform.errors.some((re) => re.test(run('no interface ethernet1/1/1')))).toBe(true);
  });
});
