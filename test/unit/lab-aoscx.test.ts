// The Aruba AOS-CX VSF lab personality driven through its CLI session with an injected clock:
// what it prints is read back by the aruba-aoscx platform's own parsers (the lab and the
// platform agree on the real captures' layouts), `checkpoint auto` puts the configuration back
// by itself unless confirmed, configuration contexts, and VSF's election on power events.

import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import * as model from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { arubaAoscxPersonality } from '../../src/lab/personalities/aruba-aoscx/index.js';
import { aoscx, whenRestored } from '../../src/lab/personalities/aruba-aoscx/state.js';
import { arubaAoscx as platform } from '../../src/platforms/aruba-aoscx/index.js';

const MINUTE = 40; // ms in a lab `checkpoint auto` minute

function lab(feeds = ['A', 'B', 'B']) {
  const clock = { t: Date.parse('2026-01-05T10:00:00Z') };
  const p = arubaAoscxPersonality({ checkpointMinuteMs: MINUTE });
  const rules = { elect: p.elect! };
  const state = p.initialState(
    { name: 'cx-1', hostname: 'cx-1', index: 1, members: feeds.map((feed, i) => ({ number: i + 1, priority: 128, model: 'JL658A', feed })) },
    clock.t,
  );
  const saved: string[] = [];
  const host: CliHost = { state, now: () => clock.t, save: (by) => (model.save(state, by, clock.t), saved.push(by)), touchRunning() {} };
  const cli = p.openCli(host, 'admin', 15, '');
  const run = (line: string) => cli.input(line).output;
  return { p, state, host, clock, cli, run, rules, saved };
}

describe('the session as the platform reads it', () => {
  it('greets with the last-login lines and a `name# ` prompt the platform recognises', () => {
    const { cli } = lab();
    const greeting = cli.greeting();
    expect(greeting).toMatch(/Last login: .*\nUser "admin" has logged in \d+ times in the past 30 days\ncx-1# $/);
    expect(platform.prompt.exec(greeting)?.[1]).toBe('cx-1');
    expect(cli.input('no page').output).toBe('');
    expect(cli.pageLength()).toBe(0);
    expect(platform.pagers.some((re) => re.test(cli.pager.prompt))).toBe(true);
  });

  it('show version, show vsf detail and show running-config read back with the platform’s parsers', () => {
    const { run } = lab();
    expect(platform.parseVersion(run('show version')).version).toBe('FL.10.13.1101');
    const members = platform.stack!.parse(run('show vsf detail'));
    expect(members.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'standby', 'ready'],
      [3, 'member', 'ready'],
    ]);
    const running = extractConfig(platform, run('show running-config'));
    expect(running.split('\n')[0]).toBe('!Version ArubaOS-CX FL.10.13.1101');
    expect(isComplete(platform, running)).toBe(true);
    expect(platform.isFactoryDefault!(running)).toBe(false);
    expect(unsavedLines(platform.syntax, running, extractConfig(platform, run('show startup-config'))).counts).toEqual({ added: 0, removed: 0 });
  });

  it('refuses an unknown command with the words the platform counts as a refusal', () => {
    const { run } = lab();
    const out = run('show bogus');
    expect(out).toBe('Invalid input: bogus\n');
    expect(platform.errors.some((re) => re.test(out))).toBe(true);
  });

  it('the factory default is one by the platform’s rule', () => {
    const { p } = lab();
    expect(platform.isFactoryDefault!(renderConfig(p.factoryDefault()))).toBe(true);
  });
});

describe('configuration mode', () => {
  it('contexts change the prompt; lines go under their context with four spaces; `no` keeps AOS-CX’s kept forms', () => {
    const { cli, run, state } = lab();
    run('configure terminal');
    expect(cli.prompt()).toBe('cx-1(config)# ');
    expect(platform.restore.find((r) => r.kind === 'line-merge')?.kind).toBe('line-merge');
    run('interface 1/1/2');
    expect(cli.prompt()).toBe('cx-1(config-if)# ');
    run('description printer');
    run('shutdown');
    run('vlan access 30');
    run('exit');
    run('vlan 40');
    expect(cli.prompt()).toBe('cx-1(config-vlan-40)# ');
    run('name guests');
    run('end');
    expect(cli.prompt()).toBe('cx-1# ');
    const text = renderConfig(state.running);
    expect(text).toContain('interface 1/1/2\n    description printer\n    shutdown\n    no routing\n    vlan access 30\n');
    expect(text).toContain('vlan 30\n    name printers\nvlan 40\n    name guests\n');
    expect(model.isUnsaved(state)).toBe(true);
  });

  it('write memory saves and says Success, as the platform expects', () => {
    const { run, state, saved } = lab();
    run('configure terminal');
    run('hostname cx-renamed');
    run('end');
    const out = run('write memory');
    expect(out).toMatch(platform.persist.kind === 'save' ? platform.persist.ok : /never/);
    expect(saved).toEqual(['admin']);
    expect(platform.persist.kind === 'save' && platform.persist.ok.test('Copying configuration: [Success]')).toBe(true);
    expect(model.isUnsaved(state)).toBe(false);
  });
});

describe('checkpoint auto', () => {
  const strategy = platform.restore[0]!;
  if (strategy.kind !== 'commit-confirmed') throw new Error('the default restore is commit-confirmed');

  it('unconfirmed, the switch puts the configuration back by itself when the minutes run out', async () => {
    const { run, state, clock } = lab();
    const before = renderConfig(state.running);
    const out = run(strategy.confirmed(2));
    expect(out).toBe('Auto checkpoint mode expires in 2 minute(s)\n');
    expect(strategy.confirmedOk.test(out)).toBe(true);
    run('configure terminal');
    run('hostname changed');
    run('end');
    expect(renderConfig(state.running)).toContain('hostname changed');
    const restored = whenRestored(state);
    clock.t += 2 * MINUTE; // the switch's own timer notices, with nobody typing
    await restored;
    expect(renderConfig(state.running)).toBe(before);
    expect(aoscx(state).auto).toBeUndefined();
  });

  it('confirmed in time, the changes stay and the checkpoint is kept as AUTO<timestamp>', async () => {
    const { run, state, clock } = lab();
    run(strategy.confirmed(1));
    run('configure terminal');
    run('hostname kept');
    run('end');
    const out = run(strategy.commit({ synchronize: false }));
    expect(out).toBe('checkpoint AUTO20260105100000 created\n');
    expect(strategy.commitOk.test(out)).toBe(true);
    clock.t += 5 * MINUTE;
    await new Promise((r) => setTimeout(r, 3 * MINUTE));
    expect(renderConfig(state.running)).toContain('hostname kept');
    // Nothing pending: a second confirm is refused in words the platform counts as an error.
    const again = run('checkpoint auto confirm');
    expect(strategy.errors.some((re) => re.test(again))).toBe(true);
  });

  it('a reboot forgets a pending auto checkpoint: the switch boots what was saved', () => {
    const { run, state, p, clock, rules } = lab();
    run(strategy.confirmed(5));
    run('configure terminal');
    run('hostname unsaved');
    run('end');
    model.powerCycle(state, p.factoryDefault(), clock.t, false, rules);
    expect(aoscx(state).auto).toBeUndefined();
    expect(renderConfig(state.running)).toContain('hostname cx-1');
  });
});

describe('VSF on power events', () => {
  it('the conductor lost: the secondary (standby) conducts; the primary back rejoins as standby (no pre-emption)', () => {
    const { state, p, clock, rules } = lab();
    model.memberDown(state, 1, rules);
    expect(state.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'member'],
      [2, 'active'],
      [3, 'member'],
    ]);
    model.memberUp(state, 1, p.factoryDefault(), clock.t, rules);
    expect(state.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'standby'],
      [2, 'active'],
      [3, 'member'],
    ]);
  });

  it('conductor and standby both lost: a plain member cannot conduct; the stack has no management', () => {
    const { state, rules } = lab(['A', 'A', 'B']);
    model.memberDown(state, 1, rules);
    model.memberDown(state, 2, rules);
    expect(state.members.some((m) => m.role === 'active')).toBe(false);
    expect(state.up).toBe(true);
  });

  it('show vsf detail names each member’s serial and MAC as the lab keeps them', () => {
    const { state, run } = lab();
    const cliMembers = platform.stack!.parse(run('show vsf detail'));
    expect(cliMembers.map((m) => m.serial)).toEqual(state.members.map((m) => m.serial));
    expect(cliMembers.map((m) => m.mac)).toEqual(state.members.map((m) => m.mac.replace(/:/g, '').replace(/(.{4})(.{4})(.{4})/, '$1.$2.$3')));
  });
});
