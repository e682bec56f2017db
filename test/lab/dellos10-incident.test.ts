// The incident story on Dell OS10 lab switches, end to end through the real CLI over real SSH and
// SNMP, for one switch (the pair story is the integrator's, after the pair work merges): an unsaved
// change flagged with its lines; `ready --feed A` predicts an outage for a switch alone on feed A and
// nothing for one on feed B; feed A goes dark and the switch comes back from its saved
// configuration, the unsaved change lost; a power cycle that loses the configuration; `check` lists
// what happened; `recover --yes` restores by line merge in `configure terminal` (OS10 applies each
// line at once), verifies and saves with `copy running-configuration startup-configuration`; the
// switch survives the next power event. With the same result words, exit codes and JSON as cisco-ios.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

function os10Spec(name: string, index: number, feed: string): LabSwitchSpec {
  return { name, hostname: name, index, platform: 'dell-os10', members: [{ number: 1, priority: 1, model: 'S5248F-ON', feed }] };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'dell-os10',
    specs: [os10Spec('leaf-a', 1, 'A'), os10Spec('leaf-b', 2, 'B')],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-dellos10-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('a Dell OS10 switch through the incident', () => {
  it('the inventory the lab writes names the platform and the switch’s feed', () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as {
      devices: { name: string; platform: string; stack: { members: { number: number; feed: string }[] } }[];
    };
    const a = doc.devices.find((d) => d.name === 'leaf-a')!;
    expect(a.platform).toBe('dell-os10');
    expect(a.stack.members).toEqual([{ number: 1, feed: 'A' }]);
  });

  it('backup flags an unsaved change with its lines; check names them in OS10’s words', async () => {
    await fleet.apply('leaf-a', {
      kind: 'change',
      lines: ['interface vlan666', ' description TEST', 'exit', 'interface ethernet1/1/2', ' description finance-printer', 'exit'],
    });
    const run = await cli('backup');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^leaf-a\s+changed\s+\+3\/-0\s+1\/1/m);
    expect(run.stdout).toMatch(/^leaf-b\s+unchanged\s+no\s+1\/1/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'leaf-a')!;
    expect(a.platform).toBe('dell-os10');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toBe('unsaved: running-configuration differs from startup-configuration: 3 lines not saved (a power loss loses them)');
    expect(unsaved.lines).toEqual(['+ interface vlan666', '+  description TEST', '+ interface ethernet1/1/2', '+  description finance-printer']);
    expect(devices.find((d) => d.device === 'leaf-b')!.status).toBe('ok');
  });

  it('ready --feed A: leaf-a (alone on A, no pair in the inventory) is an outage and unsaved; leaf-b is ready', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('leaf-a')).toMatch(/^leaf-a\s+NOT READY/);
    expect(section('leaf-a')).toMatch(/FAIL\s+power\s+OUTAGE: member 1 loses power, and no Ready member on another feed is left/);
    expect(section('leaf-a')).toMatch(/FAIL\s+saved\s+running-configuration differs from startup-configuration: 3 line\(s\) not saved/);
    expect(section('leaf-b')).toMatch(/^leaf-b\s+READY/);
    expect(section('leaf-b')).toMatch(/pass\s+power\s+no member on feed A/);
    expect(run.stdout).toMatch(/NOT READY for losing feed A: 1 switch, 2 problems/);
  });

  it('feed A goes dark: leaf-a goes down and boots its saved configuration; check finds the change lost', async () => {
    expect((await fleet.feed('A', false)).join('\n')).toContain('leaf-a: member 1 lost power; no member has power');
    expect((await fleet.feed('A', true)).join('\n')).toContain('leaf-a: member 1 has power; the stack booted');
    const run = await cli('check', 'leaf-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted', 'lost-unsaved']);
    expect(a!.findings[1]!.lines).toEqual(['interface vlan666', ' description TEST', 'interface ethernet1/1/2', ' description finance-printer']);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved; backup holds last good', async () => {
    await fleet.apply('leaf-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'leaf-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted', 'lost', 'lost-unsaved']);
    const lost = a!.findings.find((f) => f.kind === 'lost')!;
    expect(lost.message).toMatch(/^lost: running-configuration is a factory default: \d+ lines of last good missing$/);
    // Secrets are masked in what check shows.
    expect(lost.lines).toContain('username admin password <masked> role sysadmin priv-lvl 15');
    expect(lost.lines).toContain('snmp-server community <masked> ro');
    const backup = await cli('backup', 'leaf-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/leaf-a .*no startup .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the lines to type in their blocks and changes nothing', async () => {
    const sw = fleet.get('leaf-a');
    const before = sw.personality.showRunning(sw.state, Date.now());
    const run = await cli('restore', 'leaf-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^leaf-a: 14 lines to add, 0 to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ hostname leaf-a$/m);
    expect(run.stdout).toMatch(/^\s+interface ethernet1\/1\/2\n\s*\+\s+description finance-printer$/m);
    expect(sw.personality.showRunning(sw.state, Date.now())).toBe(before);
  });

  it('recover --yes types last good in configure terminal, verifies, and saves with copy running-configuration startup-configuration', async () => {
    const run = await cli('recover', '--yes', 'leaf-a');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/leaf-a: VERIFIED — 14 of 14 changes typed, verified, saved/);
    expect(run.stdout).toMatch(/^ {2}running-configuration now equals last good/m);
    expect(run.stdout).not.toContain('last good kept');
    const sw = fleet.get('leaf-a');
    const running = sw.personality.showRunning(sw.state, Date.now());
    expect(running).toContain('hostname leaf-a\n');
    expect(running).toContain('!\ninterface vlan666\n description TEST\n');
    // Saved: startup is what runs, without the running header.
    expect(running.endsWith(sw.personality.showStartup(sw.state))).toBe(true);
    const check = await cli('check', 'leaf-a');
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/lost|unsaved/);
    expect((await cli('backup', 'leaf-a')).stdout).toMatch(/^leaf-a\s+unchanged\s+no\s+1\/1\s*$/m);
  });

  it('survives the next power event: a power cycle; check finds nothing lost; SNMP leaves unsaved to SSH', async () => {
    await fleet.apply('leaf-a', { kind: 'power-cycle', loseConfig: false });
    const run = await cli('check', 'leaf-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(fleet.get('leaf-a').personality.showRunning(fleet.get('leaf-a').state, Date.now())).toContain('interface vlan666');
    const snmp = await cli('check', '--snmp', 'leaf-a', '--json');
    const [s] = json<CheckJson>(snmp.stdout).devices;
    expect(s!.notes).toContain(
      'unsaved: judged over SSH only on Dell SmartFabric OS10: SNMP cannot compare running-configuration with startup-configuration; run switchback check without --snmp',
    );
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and dell-os10', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, os10Spec('os10-1', 12, 'A')],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-dellos10-parity-'));
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
    const os10 = devices.find((d) => d.device === 'os10-1')!;
    expect(Object.keys(os10).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, os10.status]).toEqual(['findings', 'findings']);
    expect(os10.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(os10.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(os10.findings[0]!.message).toContain('running-configuration differs from startup-configuration');

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
    const [bi, bo] = ['ios-1', 'os10-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, bo!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(bo!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('ready --save saves each its own way (write memory; copy running-configuration startup-configuration); both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^os10-1\s+READY/m);
    expect(ready.stdout).toMatch(/copy running-configuration startup-configuration/);
    expect((await run('check')).code).toBe(0);
  });
});
