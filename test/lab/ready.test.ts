// ready end to end: the real CLI against lab StackWise switches over real SSH and SNMP,
// with a real backups repository. A clean fleet is READY; an unsaved change is NOT READY
// and --save --yes fixes it; losing a feed predicts an outage or a failover (naming the new
// Active); a missing member, a stale backup and an unreachable switch are caught.

import { readFileSync, writeFileSync } from 'node:fs';
import { simpleGit } from 'simple-git';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { openStore, updateRunStatus } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  const bothOnA = stackSpec('r-b', 2, 2);
  bothOnA.members = bothOnA.members.map((m) => ({ ...m, feed: 'A' }));
  const activeAndStandbyOnA = stackSpec('r-e', 3, 5);
  activeAndStandbyOnA.members = activeAndStandbyOnA.members.map((m) => ({ ...m, feed: m.number === 3 ? 'B' : 'A' }));
  fleet = await startFleet({
    count: 7,
    // r-a: member 1 (Active) on feed A, member 2 (Standby) on B. r-b: both members on A.
    // r-c: 3 members, 1 and 3 on A. r-e: Active and Standby on A. r-f: the Standby's feed
    // is not in the inventory. r-g: a standalone switch with no feed data at all.
    specs: [
      stackSpec('r-a', 2, 1),
      bothOnA,
      stackSpec('r-c', 3, 3),
      stackSpec('r-d', 2, 4),
      activeAndStandbyOnA,
      stackSpec('r-f', 2, 6),
      stackSpec('r-g', 1, 7),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-ready-'));
  const doc = parse(readFileSync(inventory, 'utf8')) as { devices: { name: string; stack?: { members: { number: number; feed?: string }[] } }[] };
  for (const d of doc.devices) {
    if (d.name === 'r-f') delete d.stack!.members[1]!.feed;
    if (d.name === 'r-g') delete d.stack;
  }
  writeFileSync(inventory, stringify(doc));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  expect((await cli('backup')).code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

interface Item {
  item: string;
  state: 'pass' | 'warn' | 'fail';
  reason: string;
  lines?: string[];
}
interface ReadyJson {
  devices: { device: string; status: string; items: Item[] }[];
  verdict: { ready: boolean; notReady: number; problems: number; unchecked: number };
  exitCode: number;
}
async function ready(...args: string[]): Promise<{ code: number | null; run: ReadyJson; item: (device: string, item: string) => Item | undefined }> {
  const r = await cli('ready', ...args, '--json');
  const run = JSON.parse(r.stdout) as ReadyJson;
  return { code: r.code, run, item: (device, item) => run.devices.find((d) => d.device === device)?.items.find((i) => i.item === item) };
}

describe('ready', () => {
  it('a clean fleet is READY: every item passes, one line says so (exit 0)', async () => {
    const text = await cli('ready');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^READY: 7 switches$/m);
    expect(text.stdout).toMatch(/^r-a {2}READY$/m);
    expect(text.stdout).toMatch(/^ {2}pass {2}stack +2\/2 members ready, active 1, standby 2$/m);
    const { run } = await ready();
    for (const d of run.devices) {
      expect(d.status).toBe('ready');
      expect(d.items.map((i) => [i.item, i.state])).toEqual([
        ['reachable', 'pass'],
        ['saved', 'pass'],
        ['backup', 'pass'],
        ['last-good', 'pass'],
        ['stack', 'pass'],
        ['restore-path', 'pass'],
      ]);
    }
  });

  it('--feed A: both members on A is an outage; the Active on A is a failover warning naming the new Active', async () => {
    const { code, run, item } = await ready('r-a', 'r-b', '--feed', 'A');
    expect(code).toBe(3);
    expect(item('r-b', 'power')).toEqual({
      item: 'power',
      state: 'fail',
      reason: 'OUTAGE: members 1, 2 lose power, and no Ready member on another feed is left',
    });
    expect(item('r-a', 'power')).toEqual({
      item: 'power',
      state: 'warn',
      reason: 'failover: the active member 1 is on feed A; the standby, member 2, takes over (member 1 loses power)',
    });
    expect(run.devices.find((d) => d.device === 'r-a')!.status).toBe('ready');
    expect(run.verdict).toMatchObject({ ready: false, notReady: 1, problems: 1 });
    const text = await cli('ready', 'r-a', 'r-b', '--feed', 'A');
    expect(text.stdout).toMatch(/^NOT READY for losing feed A: 1 switch, 1 problem \(1 warning\)$/m);
    // Feed B takes only r-a's Standby: nothing to fear.
    expect((await ready('r-a', '--feed', 'B')).item('r-a', 'power')).toMatchObject({
      state: 'pass',
      reason: 'member 2 loses power; the stack keeps member 1 with active 1',
    });
  });

  it('--feed: the Active and the Standby going together is an outage; a lost Standby alone is fine; unknown feeds are said', async () => {
    const { code, item } = await ready('r-c', 'r-e', 'r-f', 'r-g', '--feed', 'a');
    expect(code).toBe(3);
    expect(item('r-e', 'power')).toMatchObject({
      state: 'fail',
      reason: 'OUTAGE: the active (1) and the standby (2) are both on feed a; the other members reload (members 1, 2 lose power)',
    });
    expect(item('r-c', 'power')).toMatchObject({
      state: 'warn',
      reason: 'failover: the active member 1 is on feed a; the standby, member 2, takes over (members 1, 3 lose power)',
    });
    expect(item('r-f', 'power')).toMatchObject({
      state: 'warn',
      reason: "unknown: the active (1) is on feed a and the standby's (2) feed is not in the inventory (member 1 loses power)",
    });
    expect(item('r-g', 'power')).toMatchObject({ state: 'warn', reason: expect.stringMatching(/^unknown: no feed data in the inventory/) });
    expect((await ready('r-c', '--feed', 'B')).item('r-c', 'power')).toMatchObject({
      state: 'pass',
      reason: 'member 2 loses power; the stack keeps members 1, 3 with active 1',
    });
    const typo = await cli('ready', '--feed', 'C');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/no member of any switch in the inventory is on feed "C" \(the inventory's feeds: A, B\)/);
    // A feed the inventory has but the switch named is not on is an answer, not a typo: it survives.
    const offFeed = await ready('r-b', '--feed', 'B');
    expect(offFeed.code).not.toBe(2);
    expect(offFeed.item('r-b', 'power')).toMatchObject({ state: 'pass' });
  });

  it('an unsaved change is NOT READY, naming its lines; --save --yes saves it and makes it READY', async () => {
    await fleet.apply('r-c', { kind: 'change', lines: ['interface GigabitEthernet1/0/9', ' description temp-camera'] });
    const before = await ready('r-c');
    expect(before.code).toBe(3);
    expect(before.item('r-c', 'saved')).toMatchObject({
      state: 'fail',
      // The new description replaced the port's old one: both sides are named.
      lines: ['+ interface GigabitEthernet1/0/9', '+  description temp-camera', '- interface GigabitEthernet1/0/9', '-  description printer-1-9'],
    });
    const text = await cli('ready', 'r-c');
    expect(text.stdout).toMatch(
      /^ {2}FAIL {2}saved +running-config differs from startup-config: 1 line\(s\) not saved, 1 only in startup — a power loss loses them$/m,
    );
    expect(text.stdout).toMatch(/^NOT READY: 1 switch, 2 problems$/m); // saved, and the backup no longer equals running

    const saved = await ready('r-c', '--save', '--yes');
    expect(saved.code).toBe(0);
    expect(saved.item('r-c', 'saved')).toMatchObject({ state: 'pass', reason: 'saved now (write memory): running-config = startup-config' });
    // Saved, then backed up at once: the backup equals what runs, and the commit says why.
    expect(saved.item('r-c', 'backup')).toMatchObject({
      state: 'pass',
      reason: expect.stringMatching(/^backed up now, after the save \(commit [0-9a-f]{7}\)$/),
    });
    expect((await simpleGit(backups).log()).latest?.message).toBe('ready --save: 1 switch saved');
    const after = await ready('r-c');
    expect(after.code).toBe(0);
    expect(after.item('r-c', 'saved')).toMatchObject({ state: 'pass', reason: 'running-config = startup-config' });
  });

  it('--save without a terminal and without --yes is refused before anything is contacted (exit 2)', async () => {
    const run = await cli('ready', '--save');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin is not a terminal, so nobody can confirm the save: pass --yes with --save/);
    expect(run.stdout).toBe('');
  });

  it('a missing stack member fails the stack item', async () => {
    await fleet.apply('r-c', { kind: 'member-down', member: 3 });
    try {
      const { code, item } = await ready('r-c');
      expect(code).toBe(3);
      expect(item('r-c', 'stack')).toMatchObject({ state: 'fail', reason: 'stack 2/3 ready: member 3 missing (removed)' });
    } finally {
      await fleet.apply('r-c', { kind: 'member-up', member: 3 });
    }
  });

  it('a backup older than --max-age fails the backup item', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await updateRunStatus(await openStore(backups), { 'r-d': { lastAttemptAt: old, lastSuccessAt: old, lastResult: 'ok' } });
    const { code, item } = await ready('r-d');
    expect(code).toBe(3);
    expect(item('r-d', 'backup')).toMatchObject({
      state: 'fail',
      reason: expect.stringMatching(/^last successful backup 3 days ago .*more than the allowed 24 h$/),
    });
    expect((await ready('r-d', '--max-age', '4d')).code).toBe(0);
  });

  it('a switch that refuses the login could not be checked: exit 1, and the verdict says so', async () => {
    await fleet.apply('r-d', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    try {
      const { code, run, item } = await ready('r-d', '--max-age', '4d');
      expect(code).toBe(1);
      expect(run.devices[0]!.status).toBe('unchecked');
      expect(item('r-d', 'reachable')).toMatchObject({ state: 'fail', reason: expect.stringMatching(/^SSH: auth: authentication failed/) });
      const text = await cli('ready', 'r-d', '--max-age', '4d');
      expect(text.stdout).toMatch(/^r-d {2}NOT CHECKED$/m);
      expect(text.stdout).toMatch(/^NOT READY: 1 switch, 1 problem; 1 could not be checked \(2 warnings\)$/m);
    } finally {
      await fleet.apply('r-d', { kind: 'clear-faults' });
    }
  });

  it('--save never saves a switch that came back as a factory default: it points at restore instead', async () => {
    await fleet.apply('r-b', { kind: 'power-cycle', loseConfig: true });
    const { code, item } = await ready('r-b', '--save', '--yes');
    expect(code).toBe(3);
    expect(item('r-b', 'saved')).toMatchObject({
      state: 'fail',
      reason: 'running-config is a factory default: not offered for saving — restore last good (switchback restore r-b)',
    });
    expect(fleet.get('r-b').state.startup).toBeNull();
  });

  it('--help explains each item and the exit codes', async () => {
    const run = await runCli(['ready', '--help']);
    expect(run.stdout).toContain('switchback ready --feed A');
    expect(run.stdout).toMatch(/restore-path {2}last good/);
    expect(run.stdout).toMatch(/Exit codes: 0 ready/);
  });
});
