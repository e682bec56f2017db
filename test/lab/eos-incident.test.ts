// The incident story on Arista EOS lab switches, end to end through the real CLI over real SSH and
// SNMP: a change left unsaved is flagged; `ready --feed A` says what a switch alone on feed A does
// (EOS does not stack: it goes dark); feed A goes dark and comes back; a power cycle that loses the
// configuration; `check` lists what happened; `recover --yes` restores in a configuration session
// (`rollback clean-config`, the target typed, `show session-config diffs`, `commit timer`),
// verifies, commits the session again and saves with `copy running-config startup-config`; the
// switch survives the next power event. And a restore that is never confirmed is rolled back by
// the switch itself when its commit timer ends.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { isUnsaved } from '../../src/lab/model.js';
import type { SwitchState } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { aristaEosPersonality } from '../../src/lab/personalities/arista-eos/index.js';
import { eos, whenRolledBack } from '../../src/lab/personalities/arista-eos/state.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

function eosSpec(name: string, index: number, feed: string): LabSwitchSpec {
  return { name, hostname: name, index, platform: 'arista-eos', members: [{ number: 1, priority: 1, model: 'DCS-7050SX3-48YC8', feed }] };
}

/**
 * Every running configuration the lab switch puts in place from now on (a commit, a rollback),
 * rendered, in order: what ran between two events, whenever the test looks.
 */
function configurationsRun(state: SwitchState): string[] {
  const ran: string[] = [];
  let running = state.running;
  Object.defineProperty(state, 'running', {
    configurable: true,
    enumerable: true,
    get: () => running,
    set: (tree: SwitchState['running']) => {
      running = tree;
      ran.push(renderConfig(tree));
    },
  });
  return ran;
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'arista-eos',
    specs: [eosSpec('leaf-a', 1, 'A'), eosSpec('leaf-b', 2, 'B')],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-eos-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('an Arista EOS switch through the incident', () => {
  it('the inventory the lab writes names the platform', () => {
    expect(readFileSync(inventory, 'utf8')).toContain('platform: arista-eos');
  });

  it('backup flags a change left unsaved, with its lines under their interface', async () => {
    await fleet.apply('leaf-a', { kind: 'change', lines: ['interface Ethernet2', 'description temporary uplink'] });
    const run = await cli('backup');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^leaf-a\s+changed\s+\+1\/-0/m);
    expect(run.stdout).toMatch(/^leaf-b\s+unchanged\s+no/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'leaf-a')!;
    expect(a.platform).toBe('arista-eos');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toBe('unsaved: running-config differs from startup-config: 1 line not saved (a power loss loses them)');
    expect(unsaved.lines).toEqual(['+ interface Ethernet2', '+    description temporary uplink']);
    expect(devices.find((d) => d.device === 'leaf-b')!.status).toBe('ok');
  });

  it('ready --feed A: leaf-a is on feed A alone and goes dark; its unsaved line would be lost', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name)) ?? '';
    expect(section('leaf-a')).toMatch(/FAIL\s+saved\s+/);
    // EOS does not stack: one chassis on one feed is an outage (its MLAG peer is judged as a pair, not here).
    expect(section('leaf-a')).toMatch(/FAIL\s+power\s+OUTAGE: member 1 loses power, and no Ready member on another feed is left/);
    expect(section('leaf-a')).toMatch(/pass\s+restore-path\s+last good restores cleanly \(commit-confirmed\)/);
    expect(section('leaf-b')).not.toMatch(/FAIL/);
    // A switch that does not stack is not called a stack of one.
    expect(section('leaf-b')).toMatch(/pass\s+stack\s+standalone/);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('leaf-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'leaf-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['rebooted', 'lost', 'lost-unsaved']));
    expect(a!.findings.find((f) => f.kind === 'lost-unsaved')!.lines).toEqual(['interface Ethernet2', '   description temporary uplink']);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: running-config is a factory default/);
    const backup = await cli('backup', 'leaf-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/leaf-a .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the session’s diffs, commits nothing and leaves no session behind', async () => {
    const state = fleet.get('leaf-a').state;
    const before = renderConfig(state.running);
    const run = await cli('restore', 'leaf-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^leaf-a: \d+ lines to add, \d+ to remove to match last good/m);
    // The switch's own comparison of running and the session, secrets masked.
    expect(run.stdout).toMatch(/^\s+--- system:\/running-config$/m);
    expect(run.stdout).toMatch(/^\s+\+hostname leaf-a$/m);
    expect(run.stdout).toMatch(/^\s+-no ip routing$/m);
    expect(run.stdout).toContain('<masked>');
    expect(run.stdout).not.toContain('labcommunity');
    expect(renderConfig(state.running)).toBe(before);
    expect(eos(state).sessions.size).toBe(0);
  });

  it('recover --yes restores under commit timer, verifies, commits again and saves: verified and saved', async () => {
    const run = await cli('recover', '--yes', 'leaf-a');
    expect(run.stdout + run.stderr).toMatch(/leaf-a: VERIFIED .* verified, saved/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}running-config now equals last good/m);
    const state = fleet.get('leaf-a').state;
    // Committed again: no session is left pending its timer.
    expect(eos(state).sessions.size).toBe(0);
    expect(isUnsaved(state)).toBe(false);
    expect(renderConfig(state.running)).toContain('hostname leaf-a\n');
    const check = await cli('check', 'leaf-a');
    expect(check.stdout).not.toMatch(/lost|unsaved/);
  });

  it('survives the next power event: feed A dark and back, then check finds nothing lost', async () => {
    await fleet.feed('A', false);
    expect(fleet.get('leaf-a').state.up).toBe(false);
    await fleet.feed('A', true);
    const run = await cli('check', 'leaf-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(renderConfig(fleet.get('leaf-a').state.running)).toContain('hostname leaf-a\n');
  });
});

describe('a restore that is never confirmed', () => {
  let small: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  beforeAll(async () => {
    // A `commit timer` minute lasts 400 ms here (the lab knob), so the 5-minute rollback comes in 2 s.
    small = await startFleet({
      count: 1,
      platform: 'arista-eos',
      registry: [aristaEosPersonality({ timerMinuteMs: 400 })],
      specs: [eosSpec('leaf-r', 4, 'A')],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(small, 'switchback-eos-rollback-'));
    e = { ...labEnv(small.exports()), NO_COLOR: '1' };
    expect((await runCli(['backup', '--inventory', inv, '--backups', bk], { env: e })).code).toBe(0);
  });
  afterAll(() => small?.stop());

  it('a verification that fails is not confirmed: the switch rolls the commit back by itself when the timer ends', async () => {
    const sw = small.get('leaf-r');
    await small.apply('leaf-r', { kind: 'power-cycle', loseConfig: true });
    expect(readFileSync(`${bk}/leaf-r/last-good.cfg`, 'utf8')).toContain('hostname leaf-r');
    const rolled = whenRolledBack(sw.state);
    const ran = configurationsRun(sw.state);
    // A line the switch takes without a word and does not apply (the lab's fault): what runs is not the target.
    eos(sw.state).dropTyped = /^snmp-server location /;
    const run = await runCli(['restore', 'leaf-r', '--yes', '--inventory', inv, '--backups', bk], { env: e });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/FAILED at verify: .*not confirmed: the switch rolls back to its previous configuration by itself within 5 min/);
    expect(run.stdout).toMatch(/^\s+\+ snmp-server location lab rack 4$/m);
    await rolled;
    // Committed with the timer: the target (without the dropped line) ran until the timer ended
    // (judged from what the switch put in place, not from how soon the CLI exited: the timer is 2 s).
    expect(ran.at(-2)).toContain('hostname leaf-r');
    expect(ran.at(-1)).not.toContain('hostname leaf-r');
    expect(renderConfig(sw.state.running)).not.toContain('hostname leaf-r');
    expect(eos(sw.state).sessions.size).toBe(0);
  });

  it('--mode merge types the differences in configure terminal, verifies and saves', async () => {
    const sw = small.get('leaf-r');
    delete eos(sw.state).dropTyped;
    const run = await runCli(['restore', 'leaf-r', '--yes', '--mode', 'merge', '--inventory', inv, '--backups', bk], { env: e });
    expect(run.stdout + run.stderr).toMatch(/leaf-r: VERIFIED .* verified, saved/);
    expect(run.code).toBe(0);
    expect(renderConfig(sw.state.running)).toContain('hostname leaf-r\n');
    expect(renderConfig(sw.state.running)).toContain('snmp-server location lab rack 4\n');
    expect(isUnsaved(sw.state)).toBe(false);
    expect(eos(sw.state).sessions.size).toBe(0);
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and arista-eos', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, eosSpec('leaf-1', 12, 'B')],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-eos-parity-'));
    e = { ...labEnv(mixed.exports()), NO_COLOR: '1' };
    expect((await run('backup')).code).toBe(0);
  });
  afterAll(() => mixed?.stop());

  it('an unsaved change: the same finding kind, keys, words and exit code', async () => {
    for (const sw of mixed.switches) await sw.apply({ kind: 'change', lines: [...sw.personality.sampleChange] });
    const check = await run('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const ios = devices.find((d) => d.device === 'ios-1')!;
    const leaf = devices.find((d) => d.device === 'leaf-1')!;
    expect(Object.keys(leaf).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, leaf.status]).toEqual(['findings', 'findings']);
    expect(leaf.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(leaf.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    // The same sentence; IOS's sample change also replaces a line, so it has a removed part too.
    expect(leaf.findings[0]!.message).toBe('unsaved: running-config differs from startup-config: 2 lines not saved (a power loss loses them)');
    expect(ios.findings[0]!.message).toMatch(/^unsaved: running-config differs from startup-config: \d+ lines? not saved.*\(a power loss loses them\)$/);
  });

  it('check --snmp on EOS: no stack table, one chassis; the same keys as on cisco-ios', async () => {
    const snmp = await run('check', '--snmp', '--json');
    const devices = json<CheckJson>(snmp.stdout).devices;
    const ios = devices.find((d) => d.device === 'ios-1')!;
    const leaf = devices.find((d) => d.device === 'leaf-1')!;
    expect(leaf.platform).toBe('arista-eos');
    // SNMP has no startup counterpart on EOS: unsaved is left to SSH, and said so.
    expect((leaf as unknown as { unsaved: string }).unsaved).toBe('unknown');
    expect((leaf as unknown as { notes: string[] }).notes.join('\n')).toMatch(/unsaved: judged over SSH only on Arista EOS/);
    // ENTITY-MIB's one chassis row: the switch, ready.
    expect((leaf as unknown as { stack: { ready: number; expected: number } }).stack).toMatchObject({ ready: 1, expected: 1 });
    expect(Object.keys(leaf).sort()).toEqual(Object.keys(ios).sort());
  });

  it('ready --save saves each (copy running-config startup-config on EOS); both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^leaf-1\s+READY/m);
    expect((await run('check')).code).toBe(0);
  });
});
