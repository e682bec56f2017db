// The incident story on Cisco NX-OS lab switches (Nexus, one chassis each: no stacking), end to
// end through the real CLI over real SSH and SNMP: a change left unsaved is flagged with its
// lines; `ready --feed A` predicts an outage for the switch on feed A; feed A goes dark and the
// switch goes down; a power cycle that loses the configuration; `check` lists what happened;
// `recover --yes` restores under a checkpoint (`checkpoint NAME`, line merge, read back),
// verifies, removes the checkpoint and saves with `copy running-config startup-config`; the
// switch survives the next power event. And a restore that goes wrong is rolled back to the
// checkpoint with `rollback running-config checkpoint NAME atomic`, and says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { isUnsaved } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { nxos } from '../../src/lab/personalities/cisco-nxos/state.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** A Nexus 93180YC-FX3 on `feed`. */
function nexus(name: string, index: number, feed: string): LabSwitchSpec {
  return { name, hostname: name, index, platform: 'cisco-nxos', members: [{ number: 1, priority: 1, model: 'N9K-C93180YC-FX3', feed }] };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;
const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'cisco-nxos',
    specs: [nexus('nx-a', 1, 'A'), nexus('nx-b', 2, 'B')],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-nxos-incident-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  expect((await cli('backup')).code).toBe(0);
});
afterAll(() => fleet?.stop());

describe('a Nexus through the incident', () => {
  it('backup flags a change left unsaved, with its lines under their context', async () => {
    await fleet.apply('nx-a', { kind: 'change', lines: ['interface Ethernet1/2', 'description temporary uplink'] });
    const run = await cli('backup');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^nx-a\s+changed\s+\+1\/-0\s+1\/1/m);
    expect(run.stdout).toMatch(/^nx-b\s+unchanged\s+no\s+1\/1/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'nx-a')!;
    expect(a.platform).toBe('cisco-nxos');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toBe('unsaved: running-config differs from startup-config: 1 line not saved (a power loss loses them)');
    expect(unsaved.lines).toEqual(['+ interface Ethernet1/2', '+   description temporary uplink']);
    expect(devices.find((d) => d.device === 'nx-b')!.status).toBe('ok');
  });

  it('ready --feed A: nx-a (its only chassis on A) is an outage; nx-b is ready; the restore path is the checkpoint', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('nx-a')).toMatch(/NOT READY/);
    expect(section('nx-a')).toMatch(/FAIL\s+power\s+OUTAGE: member 1 loses power/);
    expect(section('nx-a')).toMatch(/FAIL\s+saved\s+/);
    expect(section('nx-b')).toMatch(/READY/);
    expect(section('nx-b')).toMatch(/pass\s+power\s+no member on feed A/);
    expect(section('nx-b')).toMatch(/pass\s+restore-path\s+last good restores cleanly \(checkpoint-rollback\)/);
  });

  it('feed A goes dark: the lab switch does what ready predicted', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    expect(said).toContain('nx-a: member 1 lost power; no member has power, the stack is down');
    expect(fleet.get('nx-a').state.up).toBe(false);
    expect(fleet.get('nx-b').state.up).toBe(true);
    await fleet.feed('A', true);
    expect(fleet.get('nx-a').state.up).toBe(true);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('nx-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'nx-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['rebooted', 'lost', 'lost-unsaved']));
    expect(a!.findings.find((f) => f.kind === 'lost-unsaved')!.lines).toEqual(['interface Ethernet1/2', '  description temporary uplink']);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: running-config is a factory default/);
    const backup = await cli('backup', 'nx-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/nx-a .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the plan, secrets masked, and takes no checkpoint, types nothing', async () => {
    const state = fleet.get('nx-a').state;
    const before = renderConfig(state.running);
    const run = await cli('restore', 'nx-a', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^nx-a: \d+ lines to add, 0 to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ hostname nx-a$/m);
    expect(run.stdout).toMatch(/^\s*\+ username admin password 5 <masked> {2}role network-admin$/m);
    expect(run.stdout).not.toContain('$5$LABLAB');
    expect(renderConfig(state.running)).toBe(before);
    expect(nxos(state).checkpoints.size).toBe(0);
  });

  it('recover --yes restores under a checkpoint, verifies and saves; the checkpoint is removed', async () => {
    const run = await cli('recover', '--yes', 'nx-a');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nx-a: VERIFIED .* verified, saved/);
    expect(run.stdout).toMatch(/^ {2}running-config now equals last good/m);
    const state = fleet.get('nx-a').state;
    expect(isUnsaved(state)).toBe(false);
    expect(renderConfig(state.running)).toContain('hostname nx-a\n');
    expect(renderConfig(state.running)).toContain('interface Ethernet1/2\n  switchport access vlan 30\n  description temporary uplink\n');
    expect(nxos(state).checkpoints.size).toBe(0);
    const check = await cli('check', 'nx-a');
    expect(check.stdout).not.toMatch(/lost|unsaved/);
  });

  it('survives the next power event: check finds only the reboot', async () => {
    await fleet.feed('A', false);
    await fleet.feed('A', true);
    const run = await cli('check', 'nx-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(renderConfig(fleet.get('nx-a').state.running)).toContain('hostname nx-a\n');
  });
});

describe('a restore that goes wrong is rolled back to the checkpoint', () => {
  it('a refused line: rolled back with the atomic rollback, and the result says so; the switch runs what it ran before', async () => {
    await fleet.apply('nx-b', { kind: 'power-cycle', loseConfig: true });
    const state = fleet.get('nx-b').state;
    const before = renderConfig(state.running);
    nxos(state).refuseTyped = /^logging server /;
    const run = await cli('restore', 'nx-b', '--yes', '--json');
    delete nxos(state).refuseTyped;
    expect(run.code).not.toBe(0);
    const r = JSON.parse(run.stdout) as { status: string; stage: string; reason: string; push: { rejected: { line: string; error: string }[] } };
    expect(r.status).toBe('failed');
    expect(r.stage).toBe('push');
    expect(r.push.rejected).toEqual([{ line: '+ logging server 192.0.2.130', error: "% Invalid command at '^' marker." }]);
    expect(r.reason).toMatch(/^1 line\(s\) refused; rolled back to checkpoint switchback-[0-9a-f]{8}: the switch runs what it ran before the restore$/);
    expect(renderConfig(state.running)).toBe(before);
    // The checkpoint that was rolled back to stays, for a person to look at.
    expect(nxos(state).checkpoints.size).toBe(1);
  });

  it('a line taken without a word and not applied: the read-back is not the target, so it is rolled back', async () => {
    const state = fleet.get('nx-b').state;
    const before = renderConfig(state.running);
    nxos(state).dropTyped = /^snmp-server location /;
    const run = await cli('restore', 'nx-b', '--yes');
    delete nxos(state).dropTyped;
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(
      /the switch does not run the target \(1 line\(s\) missing, 0 left over\); rolled back to checkpoint switchback-[0-9a-f]{8}: the switch runs what it ran before the restore/,
    );
    expect(renderConfig(state.running)).toBe(before);
  });

  it('then a clean restore: verified and saved', async () => {
    const run = await cli('restore', 'nx-b', '--yes');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nx-b: VERIFIED .* verified, saved/);
    expect(renderConfig(fleet.get('nx-b').state.running)).toContain('snmp-server location lab rack 7\n');
    expect(isUnsaved(fleet.get('nx-b').state)).toBe(false);
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and cisco-nxos', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, nexus('nx-1', 12, 'A')],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-nxos-parity-'));
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
    const nx = devices.find((d) => d.device === 'nx-1')!;
    expect(Object.keys(nx).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, nx.status]).toEqual(['findings', 'findings']);
    expect(nx.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(nx.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(nx.findings[0]!.message).toBe('unsaved: running-config differs from startup-config: 1 line not saved (a power loss loses them)');
    expect(ios.findings[0]!.message).toMatch(/^unsaved: running-config differs from startup-config: \d+ lines? not saved.* \(a power loss loses them\)$/);

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
    const [bi, bn] = ['ios-1', 'nx-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, bn!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(bn!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('ready --save saves each its own way; both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^nx-1\s+READY/m);
    expect(isUnsaved(mixed.get('nx-1').state)).toBe(false);
    expect((await run('check')).code).toBe(0);
  });
});
