// The incident story on Juniper EX Virtual Chassis lab switches, end to end through the real
// CLI over real SSH and SNMP: a candidate change left uncommitted and a commit that never
// reached the backup routing engine are flagged unsaved with the platform's words; `ready
// --feed A` predicts who takes over (and an outage where split detection leaves no majority);
// feed A goes dark and a power cycle loses the configuration; `check` lists what happened;
// `recover --yes` restores by commit confirmed and confirms with commit synchronize; the VC
// survives the next power event. And a restore whose verification fails is left for the
// switch to roll back by itself.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { committedSetLines, juniperJunosPersonality, junosUnsaved } from '../../src/lab/personalities/juniper-junos/index.js';
import { junos, whenRolledBack } from '../../src/lab/personalities/juniper-junos/state.js';
import { json, runCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** A VC of `feeds.length` EX members (priority 255 for the first two: master and backup), member i+1 on feeds[i]. */
function vcSpec(name: string, index: number, feeds: string[]): LabSwitchSpec {
  return {
    name,
    hostname: name,
    index,
    platform: 'juniper-junos',
    members: feeds.map((feed, i) => ({ number: i + 1, priority: i < 2 ? 255 : 128, model: 'ex4300-48p', feed })),
  };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 3,
    platform: 'juniper-junos',
    specs: [
      // vc-a: the master (fpc0) alone on feed A; backup and linecard on B.
      vcSpec('vc-a', 1, ['A', 'B', 'B']),
      // vc-b: master and backup both on A.
      vcSpec('vc-b', 2, ['A', 'A', 'B']),
      // vc-c: a two-member VC whose last commit did not reach its backup RE.
      vcSpec('vc-c', 3, ['A', 'B']),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-junos-incident-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

describe('a Junos VC through the incident', () => {
  it('the inventory the lab writes numbers VC members as Junos does, from 0', () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as {
      devices: { name: string; platform: string; stack: { members: { number: number; feed: string }[] } }[];
    };
    const a = doc.devices.find((d) => d.name === 'vc-a')!;
    expect(a.platform).toBe('juniper-junos');
    expect(a.stack.members).toEqual([
      { number: 0, feed: 'A' },
      { number: 1, feed: 'B' },
      { number: 2, feed: 'B' },
    ]);
  });

  it('backup flags an uncommitted candidate with its lines, and a commit that did not reach the backup RE', async () => {
    await fleet.apply('vc-a', { kind: 'change', lines: ['set interfaces ge-0/0/5 description "temporary uplink"'] });
    // A plain commit on a VC without `system commit synchronize`: the backup RE keeps the old configuration.
    await fleet.apply('vc-c', { kind: 'change', lines: ['set system location building 7', 'commit'] });
    expect(junosUnsaved(fleet.get('vc-c').state).backupBehind).toBe(true);

    const run = await cli('backup');
    // Done, with findings (unsaved), as on IOS.
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^vc-a\s+changed\s+\+1\/-0\s+3\/3/m);
    expect(run.stdout).toMatch(/^vc-c\s+changed\s+not synced\s+2\/2\s+fpc1 last configured .* commit synchronize copies it$/m);

    const check = await cli('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const a = devices.find((d) => d.device === 'vc-a')!;
    expect(a.platform).toBe('juniper-junos');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.message).toContain('not committed (commit applies them)');
    expect(unsaved.message).not.toContain('write memory');
    expect(unsaved.lines).toEqual(['+ set interfaces ge-0/0/5 description "temporary uplink"']);
    const c = devices.find((d) => d.device === 'vc-c')!;
    expect(c.findings.find((f) => f.kind === 'unsaved')!.message).toMatch(/fpc1 last configured .*, fpc0 \(master\) .*commit synchronize copies it/);
    expect(devices.find((d) => d.device === 'vc-b')!.status).toBe('ok');
  });

  it('ready --feed A: vc-a loses its master and the backup takes over; vc-b (master and backup on A) is an outage', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('vc-a')).toMatch(/WARN\s+power\s+failover: the master member 0 is on feed A; the backup, member 1, takes over/);
    expect(section('vc-a')).toMatch(/FAIL\s+saved\s+1 line\(s\) in the candidate not committed \(commit applies them\)/);
    expect(section('vc-b')).toMatch(/FAIL\s+power\s+OUTAGE: split detection/);
    expect(section('vc-b')).toContain('members 0, 1 lose power');
  });

  it('feed A goes dark: the lab VC does what ready predicted', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    expect(said).toContain('vc-a: member 0 lost power; backup member 1 took over as master');
    expect(said).toMatch(/vc-b: member 1 lost power; split detection: 1 of 3 members left without master or backup; the VC part is inactive/);
    const back = (await fleet.feed('A', true)).join('\n');
    expect(back).toMatch(/vc-b: member 0 has power again and rejoined the stack; the VC has a majority again; member \d elected master/);
  });

  it('a power cycle that loses the configuration: check lists rebooted, lost and lost-unsaved', async () => {
    await fleet.apply('vc-a', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('check', 'vc-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    const kinds = a!.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rebooted', 'lost', 'lost-unsaved']));
    const lostUnsaved = a!.findings.find((f) => f.kind === 'lost-unsaved')!;
    expect(lostUnsaved.lines).toEqual(['set interfaces ge-0/0/5 description "temporary uplink"']);
    // In Junos's words: what runs and boots is the committed configuration; it has no running-config.
    expect(lostUnsaved.message).toMatch(/ not in the committed configuration after the reboot$/);
    expect(a!.findings.find((f) => f.kind === 'lost')!.message).toMatch(/^lost: the committed configuration is a factory default: /);
    expect(a!.findings.map((f) => f.message).join('\n')).not.toMatch(/running-config|startup-config/);
    // The nightly backup records the factory default and keeps last good, until the switch runs it again.
    const backup = await cli('backup', 'vc-a');
    expect(backup.code).toBe(3);
    expect(backup.stdout).toMatch(/vc-a .*last good kept: the device runs a factory default configuration/);
  });

  it('restore --dry-run shows the switch’s own show | compare and changes nothing', async () => {
    const before = committedSetLines(fleet.get('vc-a').state);
    const run = await cli('restore', 'vc-a', '--dry-run');
    // A dry run with changes to make: exit 3, as on IOS.
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^vc-a: \d+ lines to add, \d+ to remove to match last good/m);
    expect(run.stdout).toMatch(/^\s*\+ set system host-name vc-a$/m);
    expect(committedSetLines(fleet.get('vc-a').state)).toEqual(before);
    // The exclusive candidate was thrown away: nothing is left pending.
    expect(junosUnsaved(fleet.get('vc-a').state).added).toBe(0);
  });

  it('recover --yes restores by commit confirmed, verifies, and commits synchronize: verified and saved', async () => {
    const run = await cli('recover', '--yes', 'vc-a');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/vc-a: VERIFIED .* verified, saved/);
    expect(run.stdout).toMatch(/^ {2}the committed configuration now equals last good/m);
    expect(run.stdout).not.toMatch(/running-config|startup-config/);
    // The backup after the restore finds last good running again: no hold is left.
    expect(run.stdout).not.toContain('last good kept');
    const state = fleet.get('vc-a').state;
    expect(committedSetLines(state)).toContain('set system host-name vc-a');
    // Confirmed (nothing waiting to roll back) and on both routing engines.
    expect(junos(state).confirm).toBeUndefined();
    expect(junosUnsaved(state)).toMatchObject({ added: 0, removed: 0, backupBehind: false });
    expect(junos(state).history[0]!.comment).toBeUndefined();
    expect(junos(state).history[1]!.comment).toMatch(/commit confirmed, rollback in 5mins/);

    const check = await cli('check', 'vc-a');
    expect(check.stdout).not.toMatch(/lost|unsaved/);
  });

  it('survives the next power event: the master lost, then a power cycle; check finds nothing lost', async () => {
    await fleet.apply('vc-a', { kind: 'member-down', member: 0 });
    await fleet.apply('vc-a', { kind: 'power-cycle', loseConfig: false });
    const run = await cli('check', 'vc-a', '--json');
    const [a] = json<CheckJson>(run.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(['rebooted']);
    expect(committedSetLines(fleet.get('vc-a').state)).toContain('set system host-name vc-a');
  });
});

describe('the other commands on a Junos VC, with the same words, exit codes and JSON as on IOS', () => {
  it('diff against last good, history, good, check --offline and check --snmp', async () => {
    await fleet.apply('vc-b', { kind: 'change', lines: ['set system host-name vc-b-renamed', 'commit synchronize'] });
    const diff = await cli('diff', 'vc-b', '--live');
    expect(diff.code).toBe(3);
    expect(diff.stdout).toMatch(/^\+ ?set system host-name vc-b-renamed$/m);
    expect(diff.stdout).toMatch(/^- ?set system host-name vc-b$/m);
    expect((await cli('backup', 'vc-b')).code).toBe(0);

    const history = await runCli(['history', 'vc-b', '--backups', backups], { env });
    expect(history.code).toBe(0);
    expect(history.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);

    // Last good set by hand to the backup before the rename; diff (no startup on Junos: against good) shows it.
    const good = await cli('good', 'vc-b', 'HEAD~1', '--reason', 'the rename was a mistake');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('vc-b');
    const offlineDiff = await cli('diff', 'vc-b');
    expect(offlineDiff.code).toBe(3);
    expect(offlineDiff.stdout).toMatch(/^\+ ?set system host-name vc-b-renamed$/m);

    const offline = await cli('check', '--offline', '--json');
    expect([0, 3]).toContain(offline.code);
    expect(json<CheckJson>(offline.stdout).devices.map((d) => d.device)).toEqual(['vc-a', 'vc-b', 'vc-c']);

    const snmp = await cli('check', '--snmp', 'vc-a', '--json');
    const [a] = json<CheckJson>(snmp.stdout).devices;
    // Unsaved is an uncommitted candidate: SSH shows it, SNMP cannot, and the note says so.
    expect(a!.notes).toContain(
      'unsaved: judged over SSH only on Juniper Junos: SNMP cannot show uncommitted changes in the candidate; run switchback check without --snmp',
    );
    // Roles from jnxVirtualChassisMemberTable; after the power cycle member 0 is master again.
    expect(a!.stack!.members.map((m) => [m.number, m.role])).toEqual([
      [0, 'active'],
      [1, 'standby'],
      [2, 'member'],
    ]);

    // A reboot seen over SNMP alone: snmpEngineBoots moved on since the last backup.
    await fleet.apply('vc-c', { kind: 'power-cycle', loseConfig: false });
    const rebooted = await cli('check', '--snmp', 'vc-c', '--json');
    expect(rebooted.code).toBe(3);
    const [c] = json<CheckJson>(rebooted.stdout).devices;
    expect(c!.findings.map((f) => f.kind)).toContain('rebooted');
    expect(c!.findings.find((f) => f.kind === 'rebooted')!.message).toMatch(/snmpEngineBoots \d+ → \d+/);
  });
});

describe('a restore whose verification fails', () => {
  let small: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  beforeAll(async () => {
    // A commit-confirmed minute lasts 400 ms here (the lab knob), so the 5-minute rollback comes in 2 s.
    small = await startFleet({
      count: 1,
      platform: 'juniper-junos',
      registry: [juniperJunosPersonality({ commitMinuteMs: 400 })],
      specs: [vcSpec('vc-r', 4, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(small, 'switchback-junos-rollback-'));
    e = { ...labEnv(small.exports()), NO_COLOR: '1' };
    expect((await runCli(['backup', '--inventory', inv, '--backups', bk], { env: e })).code).toBe(0);
  });
  afterAll(() => small?.stop());

  it('is not confirmed: the switch rolls the commit back by itself', async () => {
    const sw = small.get('vc-r');
    await small.apply('vc-r', { kind: 'power-cycle', loseConfig: true });
    const target = readFileSync(`${bk}/vc-r/last-good.cfg`, 'utf8');
    expect(target).toContain('set system host-name vc-r');
    const rolledBack = whenRolledBack(sw.state);
    // A statement the switch drops at commit time (the lab's fault): what runs after the commit is not the target.
    junos(sw.state).dropAtCommit = /^set snmp location /;
    const run = await runCli(['restore', 'vc-r', '--yes', '--inventory', inv, '--backups', bk], { env: e });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/rolls back to its previous configuration by itself within 5 min/);
    await rolledBack;
    // Back to what ran before the restore (the factory default), recorded as Junos does.
    expect(committedSetLines(sw.state)).not.toContain('set system host-name vc-r');
    expect(junos(sw.state).history[0]).toMatchObject({ by: 'root', via: 'other' });
  });
});

describe('the same result words, exit codes and JSON on cisco-ios and juniper-junos', () => {
  let mixed: LabFleet;
  let inv: string;
  let bk: string;
  let e: Record<string, string>;
  const run = (...args: string[]) => runCli([...args, '--inventory', inv, '--backups', bk], { env: e });
  beforeAll(async () => {
    mixed = await startFleet({
      count: 2,
      specs: [{ ...stackSpec('ios-1', 2, 11), platform: 'cisco-ios' }, vcSpec('vc-1', 12, ['A', 'B'])],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory: inv, backups: bk } = labInventory(mixed, 'switchback-junos-parity-'));
    e = { ...labEnv(mixed.exports()), NO_COLOR: '1' };
    expect((await run('backup')).code).toBe(0);
  });
  afterAll(() => mixed?.stop());

  it('an unsaved change: the same finding kind, keys and exit code; each platform in its own words', async () => {
    for (const sw of mixed.switches) await sw.apply({ kind: 'change', lines: [...sw.personality.sampleChange] });
    const check = await run('check', '--json');
    expect(check.code).toBe(3);
    const devices = json<CheckJson>(check.stdout).devices;
    const ios = devices.find((d) => d.device === 'ios-1')!;
    const vc = devices.find((d) => d.device === 'vc-1')!;
    expect(Object.keys(vc).sort()).toEqual(Object.keys(ios).sort());
    expect([ios.status, vc.status]).toEqual(['findings', 'findings']);
    expect(ios.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(vc.findings.map((f) => f.kind)).toEqual(['unsaved']);
    expect(Object.keys(vc.findings[0]!).sort()).toEqual(Object.keys(ios.findings[0]!).sort());
    expect(ios.findings[0]!.message).toContain('running-config differs from startup-config');
    expect(vc.findings[0]!.message).toContain('not committed (commit applies them)');
    expect(vc.findings[0]!.message).not.toContain('write memory');

    const backup = await run('backup', '--json');
    expect(backup.code).toBe(3);
    const b = JSON.parse(backup.stdout) as { devices: { device: string; status: string; unsaved: unknown }[] };
    const [bi, bv] = ['ios-1', 'vc-1'].map((n) => b.devices.find((d) => d.device === n)!);
    expect([bi!.status, bv!.status]).toEqual(['changed', 'changed']);
    expect(Object.keys(bv!).sort()).toEqual(Object.keys(bi!).sort());
  });

  it('ready --save saves each its own way (write memory, commit); both end READY', async () => {
    const ready = await run('ready', '--save', '--yes');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ios-1\s+READY/m);
    expect(ready.stdout).toMatch(/^vc-1\s+READY/m);
    expect(ready.stdout).toMatch(/pass\s+saved\s+committed now \(commit\): nothing uncommitted/);
    expect((await run('check')).code).toBe(0);
  });
});
