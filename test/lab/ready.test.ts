// ready end to end: the real CLI against lab StackWise switches over real SSH and SNMP,
// with a real backups repository. A clean fleet is READY; an unsaved change is NOT READY
// and --save --yes fixes it; losing a feed predicts an outage or a failover (naming the new
// Active); a missing member, a stale backup and an unreachable switch are caught.

import { simpleGit } from 'simple-git';
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
  fleet = await startFleet({
    count: 4,
    // r-a: member 1 (Active) on feed A, member 2 (Standby) on B. r-b: both members on A.
    specs: [stackSpec('r-a', 2, 1), bothOnA, stackSpec('r-c', 3, 3), stackSpec('r-d', 2, 4)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-ready-', { commandMs: 4000, deviceMs: 10000 }));
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
    expect(text.stdout).toMatch(/^READY: 4 switches$/m);
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
      reason: 'OUTAGE: members 1, 2 are on feed A, and no member on another feed is ready',
    });
    expect(item('r-a', 'power')).toEqual({
      item: 'power',
      state: 'warn',
      reason: 'failover: the active member 1 is on feed A; member 2 takes over (member 1 loses power)',
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
    expect(run.stderr).toMatch(/stdin is not a terminal/);
  });

  it('a missing stack member fails the stack item', async () => {
    await fleet.apply('r-c', { kind: 'member-down', member: 3 });
    const { code, item } = await ready('r-c');
    expect(code).toBe(3);
    expect(item('r-c', 'stack')).toMatchObject({ state: 'fail', reason: 'stack 2/3 ready: member 3 missing (removed)' });
    await fleet.apply('r-c', { kind: 'member-up', member: 3 });
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

  it('--help explains each item and the exit codes', async () => {
    const run = await runCli(['ready', '--help']);
    expect(run.stdout).toContain('switchback ready --feed A');
    expect(run.stdout).toMatch(/restore-path {2}last good/);
    expect(run.stdout).toMatch(/Exit codes: 0 ready/);
  });
});
