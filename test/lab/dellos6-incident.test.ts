// The incident story on Dell OS6 (N-series) lab stacks, end to end through the real CLI over real
// SSH and SNMP: an unsaved change flagged with its lines; `ready --feed A` predicts who takes over
// when the management unit loses power (the standby) and an outage where the management unit and
// the standby share the feed; feed A goes dark and the lab stacks do what was predicted; a power
// cycle that loses the configuration; `check` lists what happened; `recover --yes` restores by
// line-merge in configuration mode, verifies and saves with `copy running-config startup-config`
// (its (y/n) question answered); the stack survives the next power event. With the same result
// words, exit codes and JSON as cisco-ios.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** A stack of N4032 units, unit i+1 on feeds[i]; unit 1 has the highest priority (management unit), unit 2 the next (standby). */
function os6Spec(name: string, index: number, feeds: string[]): LabSwitchSpec {
  return {
    name,
    hostname: name,
    index,
    platform: 'dell-os6',
    members: feeds.map((feed, i) => ({ number: i + 1, priority: i === 0 ? 15 : i === 1 ? 10 : 1, model: 'N4032', feed })),
  };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'dell-os6',
    specs: [
      // n-a: the management unit alone on feed A; standby and member on B.
      os6Spec('n-a', 1, ['A', 'B', 'B']),
      // n-b: management unit and standby both on A.
      os6Spec('n-b', 2, ['A', 'A', 'B']),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-dellos6-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('a Dell OS6 stack through the incident', () => {
  it('the inventory the lab writes names the platform and each unit’s feed', () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as {
      devices: { name: string; platform: string; stack: { members: { number: number; feed: string }[] } }[];
    };
    const a = doc.devices.find((d) => d.name === 'n-a')!;
    expect(a.platform).toBe('dell-os6');
    expect(a.stack.members).toEqual([
      { number: 1, feed: 'A' },
      { number: 2, feed: 'B' },
      { number: 3, feed: 'B' },
    ]);
  });

  it('backup flags an unsaved change with its lines; check names them in OS6’s words', async () => {
    await fleet.apply('n-a', { kind: 'change', lines: ['vlan 666', 'name "TEST"', 'exit', 'interface Te1/0/20', 'description "finance-printer"', 'exit'] });
    const run = await cli('backup');
    // Done, with findings (unsaved), as on IOS.
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^n-a\s+changed\s+\+5\/-1\s+3\/3/m);
    expect(run.stdout).toMatch(/^n-b\s+unchanged\s+no\s+3\/3/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'n-a')!;
    expect(a.platform).toBe('dell-os6');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toBe(
      'unsaved: running-config differs from startup-config: 5 lines not saved, 1 line only in startup-config (a power loss loses them)',
    );
    expect(unsaved.lines).toEqual([
      '+ vlan 10,20,99,666',
      '+ vlan 666',
      '+ name "TEST"',
      '+ interface Te1/0/20',
      '+ description "finance-printer"',
      '- vlan 10,20,99',
    ]);
    // The stack as show switch gives it.
    expect(a.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
      [3, 'member'],
    ]);
    expect(devices.find((d) => d.device === 'n-b')!.status).toBe('ok');
  });

  it('ready --feed A: n-a loses its management unit and the standby takes over; n-b (both on A) is an outage', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('n-a')).toMatch(
      /WARN\s+power\s+failover: the management unit member 1 is on feed A; the standby, member 2, takes over \(member 1 loses power\)/,
    );
    expect(section('n-a')).toMatch(/FAIL\s+saved\s+running-config differs from startup-config: 5 line\(s\) not saved, 1 only in startup/);
    expect(section('n-a')).toMatch(/pass\s+stack\s+3\/3 members ready, management unit 1, standby 2/);
    expect(section('n-b')).toMatch(
      /FAIL\s+power\s+OUTAGE: the management unit \(1\) and the standby \(2\) are both on feed A; the members left re-elect a management unit and reload/,
    );
    expect(section('n-b')).toContain('members 1, 2 lose power');
  });

  it('feed A goes dark: the lab stacks do what ready predicted', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    expect(said).toContain('n-a: member 1 lost power; member 2 is now Mgmt Sw');
    // n-b: the standby took over, then lost power too before a new standby had the state: the unit left reloads.
    expect(said).toMatch(
      /n-b: member 2 lost power; no standby could take over from the management unit; the units left elected unit 3 and reloaded from startup-config/,
    );
    const back = (await fleet.feed('A', true)).join('\n');
    expect(back).toContain('n-a: member 1 has power again and rejoined the stack');
    const run = await cli('check', 'n-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    // No pre-emption: unit 2 keeps management, unit 3 became the standby; the unsaved change survived the failover.
    expect(a!.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'member'],
      [2, 'active'],
      [3, 'standby'],
    ]);
    expect(a!.findings.map((f) => f.kind)).toEqual(['unsaved']);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('n-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'n-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted', 'lost', 'lost-unsaved']);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: running-config is a factory default: \d+ lines of last good missing$/);
    expect(a!.findings.find((f) => f.kind === 'lost-unsaved')!.lines).toEqual([
      'vlan 10,20,99,666',
      'vlan 666',
      'name "TEST"',
      'interface Te1/0/20',
      'description "finance-printer"',
    ]);
    // Secrets are masked in what check shows.
    expect(a!.findings.find((f) => f.kind === 'lost')!.lines).toContain('username "admin" password <masked> privilege 15 encrypted');
    const backup = await cli('backup', 'n-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/n-a .*no startup .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the lines to type in their blocks and changes nothing', async () => {
    const before = fleet.get('n-a').personality.showRunning(fleet.get('n-a').state, Date.now());
    const run = await cli('restore', 'n-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^n-a: \d+ lines to add, 0 to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ hostname "n-a"$/m);
    expect(fleet.get('n-a').personality.showRunning(fleet.get('n-a').state, Date.now())).toBe(before);
  });

  it('recover --yes types last good in configuration mode, verifies, and saves with its question answered', async () => {
    const run = await cli('recover', '--yes', 'n-a');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/n-a: VERIFIED — \d+ of \d+ changes typed, verified, saved/);
    expect(run.stdout).toMatch(/^ {2}running-config now equals last good/m);
    // The backup after the restore finds last good running again: no hold is left.
    expect(run.stdout).not.toContain('last good kept');
    const sw = fleet.get('n-a');
    const running = sw.personality.showRunning(sw.state, Date.now());
    expect(running).toContain('hostname "n-a"');
    expect(running).toContain('vlan 666\nname "TEST"\nexit\n');
    // Saved: startup is what runs.
    expect(sw.personality.showStartup(sw.state)).toBe(running);
    const check = await cli('check', 'n-a');
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/lost|unsaved/);
    expect((await cli('backup', 'n-a')).stdout).toMatch(/^n-a\s+unchanged\s+no\s+3\/3\s*$/m);
  });

  it('survives the next power event: a unit lost, then a power cycle; check finds nothing lost', async () => {
    await fleet.apply('n-a', { kind: 'member-down', member: 2 });
    await fleet.apply('n-a', { kind: 'power-cycle', loseConfig: false });
    const run = await cli('check', 'n-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(fleet.get('n-a').personality.showRunning(fleet.get('n-a').state, Date.now())).toContain('hostname "n-a"');

    // Over SNMP: the roles from agentInventoryUnitTable; unsaved is SSH's to judge.
    const snmp = await cli('check', '--snmp', 'n-a', '--json');
    const [s] = json<CheckJson>(snmp.stdout).devices;
    expect(s!.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
      [3, 'member'],
    ]);
    expect(s!.notes).toContain(
      'unsaved: judged over SSH only on Dell OS6 (N-series): SNMP cannot compare running-config with startup-config; run switchback check without --snmp',
    );
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and dell-os6', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, os6Spec('os6-1', 12, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-dellos6-parity-'));
    e = { ...labEnv(mixed.exports()), NO_COLOR: '1' };
    expect((await run('backup')).code).toBe(0);
  });
  afterAll(() => mixed?.stop());

  it('an unsaved change: the same finding kind, keys, message and exit code', async () => {
    for (const sw of mixed.switches) await sw.apply({ kind: 'change', lines: [...sw.personality.sampleChange] });
    const check = await run('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const ios = devices.find((d) => d.device === 'ios-1')!;
    const os6 = devices.find((d) => d.device === 'os6-1')!;
    expect(Object.keys(os6).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, os6.status]).toEqual(['findings', 'findings']);
    expect(os6.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(os6.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(os6.findings[0]!.message).toContain('running-config differs from startup-config');

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
    const [bi, bo] = ['ios-1', 'os6-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, bo!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(bo!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('ready --save saves each its own way (write memory; copy running-config startup-config and its question); both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^os6-1\s+READY/m);
    expect(ready.stdout).toMatch(/copy running-config startup-config/);
    expect((await run('check')).code).toBe(0);
  });
});
