// The incident story on Aruba AOS-CX VSF lab switches, end to end through the real CLI over
// real SSH and SNMP: a change left unsaved is flagged in AOS-CX's words; `ready --feed A`
// predicts who takes over (the standby when the conductor loses power; an outage when
// conductor and standby share the feed); feed A goes dark and the lab stack does what was
// predicted; a power cycle that loses the configuration; `check` lists what happened;
// `recover --yes` restores under `checkpoint auto 5`, verifies, confirms with `checkpoint
// auto confirm` and saves with `write memory`; the stack survives the next power event. And a
// restore that is never confirmed is put back by the switch itself.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { isUnsaved } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { arubaAoscxPersonality } from '../../src/lab/personalities/aruba-aoscx/index.js';
import { aoscx, whenRestored } from '../../src/lab/personalities/aruba-aoscx/state.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** A VSF stack of 6300Ms, member i+1 on feeds[i]; member 1 is the primary, member 2 the secondary. */
function vsfSpec(name: string, index: number, feeds: string[]): LabSwitchSpec {
  return {
    name,
    hostname: name,
    index,
    platform: 'aruba-aoscx',
    members: feeds.map((feed, i) => ({ number: i + 1, priority: 128, model: 'JL658A', feed })),
  };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'aruba-aoscx',
    specs: [
      // cx-a: the conductor (member 1) alone on feed A; standby and member on B.
      vsfSpec('cx-a', 1, ['A', 'B', 'B']),
      // cx-b: conductor and standby both on A.
      vsfSpec('cx-b', 2, ['A', 'A', 'B']),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-aoscx-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('an AOS-CX VSF stack through the incident', () => {
  it('the inventory the lab writes names the platform and numbers VSF members from 1', async () => {
    const text = readFileSync(inventory, 'utf8');
    expect(text).toContain('platform: aruba-aoscx');
    expect(fleet.get('cx-a').state.members.map((m) => [m.number, m.role, m.feed])).toEqual([
      [1, 'active', 'A'],
      [2, 'standby', 'B'],
      [3, 'member', 'B'],
    ]);
  });

  it('backup flags a change left unsaved, with its lines under their context, in AOS-CX’s words', async () => {
    await fleet.apply('cx-a', { kind: 'change', lines: ['interface 1/1/2', 'description temporary uplink'] });
    const run = await cli('backup');
    // Done, with findings (unsaved), as on IOS.
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^cx-a\s+changed\s+\+1\/-0\s+3\/3/m);
    expect(run.stdout).toMatch(/^cx-b\s+unchanged\s+no\s+3\/3/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'cx-a')!;
    expect(a.platform).toBe('aruba-aoscx');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toBe('unsaved: running-config differs from startup-config: 1 line not saved (a power loss loses them)');
    expect(unsaved.lines).toEqual(['+ interface 1/1/2', '+     description temporary uplink']);
    // Roles read from the VSF member table over SNMP: conductor 1, standby 2.
    expect(a.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
      [3, 'member'],
    ]);
    expect(devices.find((d) => d.device === 'cx-b')!.status).toBe('ok');
  });

  it('ready --feed A: cx-a loses its conductor and the standby takes over; cx-b (conductor and standby on A) is an outage', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('cx-a')).toMatch(/WARN\s+power\s+failover: the conductor member 1 is on feed A; the standby, member 2, takes over/);
    expect(section('cx-a')).toMatch(/FAIL\s+saved\s+/);
    expect(section('cx-b')).toMatch(
      /FAIL\s+power\s+OUTAGE: the conductor \(1\) and the standby \(2\) are both on feed A; no member is left to be conductor and the stack stops forwarding/,
    );
  });

  it('feed A goes dark: the lab stack does what ready predicted', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    const a = fleet.get('cx-a').state.members;
    expect(a.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'member', 'removed'],
      [2, 'active', 'ready'],
      [3, 'member', 'ready'],
    ]);
    // cx-b: member 3 keeps power but no member can conduct: no management at all.
    expect(fleet.get('cx-b').state.members.some((m) => m.role === 'active')).toBe(false);
    expect(said).toContain('cx-a: member 1 lost power; member 2 is now Conductor');
    expect(said).toContain(
      'cx-b: member 2 lost power; neither the primary nor the secondary is left to be conductor: the stack has no management and stops forwarding',
    );
    const back = (await fleet.feed('A', true)).join('\n');
    expect(back).toContain('cx-b: member 1 has power again and rejoined the stack');
    expect(fleet.get('cx-b').state.members.find((m) => m.role === 'active')?.number).toBe(1);
    // No pre-emption: the secondary keeps conducting, the primary rejoins as standby.
    expect(fleet.get('cx-a').state.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'standby'],
      [2, 'active'],
      [3, 'member'],
    ]);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('cx-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'cx-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    const kinds = a!.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rebooted', 'lost', 'lost-unsaved']));
    const lostUnsaved = a!.findings.find((f) => f.kind === 'lost-unsaved')!;
    expect(lostUnsaved.lines).toEqual(['interface 1/1/2', '    description temporary uplink']);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: running-config is a factory default/);
    const backup = await cli('backup', 'cx-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/cx-a .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the line-merge plan and types nothing: no auto checkpoint is started', async () => {
    const state = fleet.get('cx-a').state;
    const before = renderConfig(state.running);
    const run = await cli('restore', 'cx-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^cx-a: \d+ lines to add, \d+ to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ hostname cx-a$/m);
    expect(run.stdout).toContain('<masked>');
    expect(run.stdout).not.toContain('AQBapWvl0dDUGq2mA3dLkE7yYwSwJ1qCrMtWA7lQgcHlzVuTYgAAAE1Ld3vnqjO9');
    expect(renderConfig(state.running)).toBe(before);
    expect(aoscx(state).auto).toBeUndefined();
  });

  it('recover --yes restores under checkpoint auto, verifies, confirms and saves: verified and saved', async () => {
    const run = await cli('recover', '--yes', 'cx-a');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cx-a: VERIFIED .* verified, saved/);
    expect(run.stdout).toMatch(/^ {2}running-config now equals last good/m);
    expect(run.stdout).not.toContain('last good kept');
    const state = fleet.get('cx-a').state;
    // Confirmed: nothing is waiting to be put back, and the confirmed checkpoint is kept.
    expect(aoscx(state).auto).toBeUndefined();
    expect(aoscx(state).checkpoints[0]!.name).toMatch(/^AUTO\d{14}$/);
    expect(isUnsaved(state)).toBe(false);
    expect(renderConfig(state.running)).toContain('hostname cx-a\n');

    const check = await cli('check', 'cx-a');
    expect(check.stdout).not.toMatch(/lost|unsaved/);
  });

  it('survives the next power event: the conductor lost, then a power cycle; check finds nothing lost', async () => {
    const conductor = fleet.get('cx-a').state.members.find((m) => m.role === 'active')!.number;
    await fleet.apply('cx-a', { kind: 'member-down', member: conductor });
    await fleet.apply('cx-a', { kind: 'power-cycle', loseConfig: false });
    const run = await cli('check', 'cx-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(renderConfig(fleet.get('cx-a').state.running)).toContain('hostname cx-a\n');
  });
});

describe('a restore that is never confirmed', () => {
  let small: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  beforeAll(async () => {
    // A `checkpoint auto` minute lasts 400 ms here (the lab knob), so the 5-minute restore comes in 2 s.
    small = await startFleet({
      count: 1,
      platform: 'aruba-aoscx',
      registry: [arubaAoscxPersonality({ checkpointMinuteMs: 400 })],
      specs: [vsfSpec('cx-r', 4, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(small, 'switchback-aoscx-rollback-'));
    e = { ...labEnv(small.exports()), NO_COLOR: '1' };
    expect((await runCli(['backup', '--inventory', inv, '--backups', bk], { env: e })).code).toBe(0);
  });
  afterAll(() => small?.stop());

  it('a verification that fails is not confirmed: the switch puts its previous configuration back by itself', async () => {
    const sw = small.get('cx-r');
    await small.apply('cx-r', { kind: 'power-cycle', loseConfig: true });
    const target = readFileSync(`${bk}/cx-r/last-good.cfg`, 'utf8');
    expect(target).toContain('hostname cx-r');
    const restored = whenRestored(sw.state);
    // A line the switch takes without a word and does not apply (the lab's fault): what runs after typing is not the target.
    aoscx(sw.state).dropTyped = /^snmp-server system-location /;
    const run = await runCli(['restore', 'cx-r', '--yes', '--inventory', inv, '--backups', bk], { env: e });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/rolls back to its previous configuration by itself within 5 min/);
    await restored;
    expect(renderConfig(sw.state.running)).not.toContain('hostname cx-r');
    expect(aoscx(sw.state).checkpoints).toEqual([]);
  });

  it('--mode merge types the differences without the safety net, verifies and saves with write memory', async () => {
    const sw = small.get('cx-r');
    delete aoscx(sw.state).dropTyped;
    const run = await runCli(['restore', 'cx-r', '--yes', '--mode', 'merge', '--inventory', inv, '--backups', bk], { env: e });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cx-r: VERIFIED .* verified, saved/);
    expect(renderConfig(sw.state.running)).toContain('hostname cx-r\n');
    expect(renderConfig(sw.state.running)).toContain('snmp-server system-location lab rack 4\n');
    expect(isUnsaved(sw.state)).toBe(false);
    // No auto checkpoint was started or confirmed.
    expect(aoscx(sw.state).auto).toBeUndefined();
    expect(aoscx(sw.state).checkpoints).toEqual([]);
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and aruba-aoscx', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, vsfSpec('cx-1', 12, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-aoscx-parity-'));
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
    const cx = devices.find((d) => d.device === 'cx-1')!;
    expect(Object.keys(cx).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, cx.status]).toEqual(['findings', 'findings']);
    expect(cx.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(cx.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(cx.findings[0]!.message).toBe(ios.findings[0]!.message.replace(/\d+ lines?/, '2 lines'));

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
    const [bi, bc] = ['ios-1', 'cx-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, bc!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(bc!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('check --snmp reads the VSF roles from the HP-VSF-VC member table', async () => {
    const snmp = await run('check', '--snmp', 'cx-1', '--json');
    const [c] = json<CheckJson>(snmp.stdout).devices;
    expect(c!.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
    ]);
  });

  it('ready --save saves each with write memory; both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^cx-1\s+READY/m);
    expect((await run('check')).code).toBe(0);
  });
});
