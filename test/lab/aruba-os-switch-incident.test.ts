// The incident story on ArubaOS-Switch lab stacks (2930M backplane stacking), end to end
// through the real CLI over real SSH and SNMP: a change left unsaved is flagged with the
// platform's words; `ready --feed A` predicts who takes over (the standby becomes commander)
// and an outage where commander and standby share the feed; feed A goes dark and the lab
// stacks do what ready predicted; a power cycle that loses the configuration; `check` lists
// what happened; `recover --yes` restores by typing the differences in configuration mode,
// verifies, and saves with `write memory`; the stack survives the next power event. And the
// same result words, exit codes and JSON as cisco-ios on a mixed fleet.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { isUnsaved } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** A 2930M stack, member i+1 on feeds[i]: priority 255 (commander), 200 (standby), 128 for the rest. */
function aosSpec(name: string, index: number, feeds: string[]): LabSwitchSpec {
  return {
    name,
    hostname: name.toUpperCase(),
    index,
    platform: 'aruba-os-switch',
    members: feeds.map((feed, i) => ({ number: i + 1, priority: i === 0 ? 255 : i === 1 ? 200 : 128, model: 'JL322A', feed })),
  };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'aruba-os-switch',
    specs: [
      // as-a: the commander alone on feed A; standby and member on B.
      aosSpec('as-a', 1, ['A', 'B', 'B']),
      // as-b: commander and standby both on A.
      aosSpec('as-b', 2, ['A', 'A', 'B']),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-aos-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.stdout + first.stderr).toMatch(/as-a/);
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('an ArubaOS-Switch stack through the incident', () => {
  it('backup flags the unsaved VLAN with its lines, in the platform’s words', async () => {
    await fleet.apply('as-a', { kind: 'change', lines: ['vlan 30', 'name "PRINTERS"', 'tagged 1/1', 'exit'] });
    const run = await cli('backup');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^as-a\s+changed\s+\+4\/-0\s+3\/3/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'as-a')!;
    expect(a.platform).toBe('aruba-os-switch');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toContain('running-config differs from startup-config');
    expect(unsaved.lines).toEqual(['+ vlan 30', '+    name "PRINTERS"', '+    tagged 1/1', '+    no ip address']);
    expect(devices.find((d) => d.device === 'as-b')!.status).toBe('ok');
  });

  it('ready --feed A: as-a loses its commander and the standby takes over; as-b (commander and standby on A) is an outage', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('as-a')).toMatch(/WARN\s+power\s+failover: the commander member 1 is on feed A; the standby, member 2, takes over/);
    expect(section('as-a')).toMatch(/FAIL\s+saved\s+/);
    expect(section('as-b')).toMatch(
      /FAIL\s+power\s+OUTAGE: the commander \(1\) and the standby \(2\) are both on feed A; the members left re-elect a commander and reload/,
    );
  });

  it('feed A goes dark: the lab stacks do what ready predicted', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    expect(said).toMatch(/as-a: member 1 lost power; member 2 is now Commander/);
    expect(said).toMatch(/as-b: member 2 lost power; commander member 2 lost with no standby ready: the members left reloaded and elected member 3 commander/);
    // as-a kept its unsaved VLAN (the standby held the running configuration); as-b rebooted.
    expect(renderConfig(fleet.get('as-a').state.running)).toContain('vlan 30');
    expect(fleet.get('as-b').state.boots).toBe(2);
    await fleet.feed('A', true);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('as-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'as-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    const kinds = a!.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rebooted', 'lost', 'lost-unsaved']));
    const lostUnsaved = a!.findings.find((f) => f.kind === 'lost-unsaved')!;
    expect(lostUnsaved.lines).toEqual(['vlan 30', '   name "PRINTERS"', '   tagged 1/1', '   no ip address']);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: running-config is a factory default: /);
    const backup = await cli('backup', 'as-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/as-a .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the lines to type and changes nothing', async () => {
    const before = renderConfig(fleet.get('as-a').state.running);
    const run = await cli('restore', 'as-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^as-a: \d+ lines to add, \d+ to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ ?hostname "AS-A"$/m);
    expect(renderConfig(fleet.get('as-a').state.running)).toBe(before);
  });

  it('recover --yes types the differences in configuration mode, verifies, and saves with write memory', async () => {
    const run = await cli('recover', '--yes', 'as-a');
    expect(run.stdout + run.stderr).toMatch(/as-a: VERIFIED .* verified, saved/);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('last good kept');
    const state = fleet.get('as-a').state;
    expect(renderConfig(state.running)).toContain('hostname "AS-A"');
    expect(renderConfig(state.running)).toContain('vlan 30');
    expect(isUnsaved(state)).toBe(false);
    const check = await cli('check', 'as-a');
    expect(check.stdout).not.toMatch(/lost|unsaved/);
  });

  it('survives the next power event: the commander lost, then a power cycle; check finds nothing lost', async () => {
    await fleet.apply('as-a', { kind: 'member-down', member: 1 });
    await fleet.apply('as-a', { kind: 'power-cycle', loseConfig: false });
    const run = await cli('check', 'as-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(renderConfig(fleet.get('as-a').state.running)).toContain('vlan 30');
  });

  it('check --snmp reads the members from HP-STACK-MIB', async () => {
    const snmp = await cli('check', '--snmp', 'as-a', '--json');
    const [a] = json<CheckJson>(snmp.stdout).devices;
    expect(a!.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
      [3, 'member'],
    ]);
  });
});

describe('the other commands on an ArubaOS-Switch stack', () => {
  it('diff against startup and last good, history, good, check --offline', async () => {
    // The backup that records what feed A did to as-b (it reloaded): the starting point here.
    expect([0, 3]).toContain((await cli('backup', 'as-b')).code);
    await fleet.apply('as-b', { kind: 'change', lines: ['hostname "AS-B-RENAMED"'] });
    const live = await cli('diff', 'as-b', '--live');
    expect(live.code).toBe(3);
    expect(live.stdout).toMatch(/^\+ ?hostname "AS-B-RENAMED"$/m);
    expect(live.stdout).toMatch(/^- ?hostname "AS-B"$/m);
    await fleet.apply('as-b', { kind: 'save' });
    expect((await cli('backup', 'as-b')).code).toBe(0);

    const history = await cli('history', 'as-b');
    expect(history.code).toBe(0);
    expect(history.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);

    // Last good set by hand to the backup before the rename: diff shows the rename against it.
    const good = await cli('good', 'as-b', 'HEAD~1', '--reason', 'the rename was a mistake');
    expect(good.code).toBe(0);
    // Against startup (what the switch boots) nothing differs: the rename was saved.
    expect((await cli('diff', 'as-b')).code).toBe(0);
    const offlineDiff = await cli('diff', 'as-b', '--against', 'good');
    expect(offlineDiff.code).toBe(3);
    expect(offlineDiff.stdout).toMatch(/hostname "AS-B-RENAMED"/);

    const offline = await cli('check', '--offline', '--json');
    expect([0, 3]).toContain(offline.code);
    expect(json<CheckJson>(offline.stdout).devices.map((d) => d.device)).toEqual(['as-a', 'as-b']);
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and aruba-os-switch', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, aosSpec('as-1', 12, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-aos-parity-'));
    e = { ...labEnv(mixed.exports()), NO_COLOR: '1' };
    expect((await run('backup')).code).toBe(0);
  });
  afterAll(() => mixed?.stop());

  it('an unsaved change: the same finding kind, keys and exit code', async () => {
    for (const sw of mixed.switches) await sw.apply({ kind: 'change', lines: [...sw.personality.sampleChange] });
    const check = await run('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const ios = devices.find((d) => d.device === 'ios-1')!;
    const aos = devices.find((d) => d.device === 'as-1')!;
    expect(Object.keys(aos).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, aos.status]).toEqual(['findings', 'findings']);
    expect(aos.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(aos.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(aos.findings[0]!.message).toContain('running-config differs from startup-config');

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
    const [bi, ba] = ['ios-1', 'as-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, ba!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(ba!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('ready --save saves each with write memory; both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^as-1\s+READY/m);
    expect(ready.code).toBe(0);
    expect((await run('check')).code).toBe(0);
  });
});
