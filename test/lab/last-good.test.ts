// Last good end to end: the real CLI (`backup`, `good`) against lab switches over real SSH
// and SNMP, into a real git repository. The health gate seeds and advances last-good.cfg,
// holds it after a reboot into something else or a lost configuration, and `good` moves
// it by hand with a commit that says who and why.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { factoryDefaultConfig } from '../../src/lab/personalities/cisco-iosxe/state.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    specs: [stackSpec('sw-a', 2, 1), stackSpec('sw-b', 1, 2)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-last-good-'));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  env.SWITCHBACK_OPERATOR = 'alice';
});
afterAll(() => fleet.stop());

interface Outcome {
  device: string;
  status: string;
  lastGood?: 'advanced' | 'same' | { held: string };
  rebooted?: unknown;
}
interface Run {
  devices: Outcome[];
  counts: { lastGoodHeld: number };
  commit: string | null;
  exitCode: number;
}

const backup = (...args: string[]) => runCli(['backup', '--inventory', inventory, '--backups', backups, ...args], { env });
const good = (...args: string[]) => runCli(['good', '--inventory', inventory, '--backups', backups, ...args], { env });
async function backupJson(...args: string[]): Promise<{ code: number | null; run: Run; by: Record<string, Outcome> }> {
  const r = await backup('--json', ...args);
  const run = JSON.parse(r.stdout) as Run;
  return { code: r.code, run, by: Object.fromEntries(run.devices.map((d) => [d.device, d])) };
}
const file = (device: string, name: string) => readFileSync(join(backups, device, name), 'utf8');
const git = () => simpleGit(backups);
const atRev = (rev: string, path: string) => git().show([`${rev}:${path}`]);

describe('last good', () => {
  it('the first backup seeds last-good.cfg with running.cfg', async () => {
    const { code, by } = await backupJson();
    expect(code).toBe(0);
    for (const d of ['sw-a', 'sw-b']) {
      expect(by[d]!.lastGood).toBe('advanced');
      expect(file(d, 'last-good.cfg')).toBe(file(d, 'running.cfg'));
    }
    const names = (await git().show(['--name-only', '--format=', 'HEAD'])).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining(['sw-a/last-good.cfg', 'sw-b/last-good.cfg']));
  });

  it('a backup with nothing changed leaves it (same), and a saved change advances it', async () => {
    const quiet = await backupJson();
    expect(quiet.code).toBe(0);
    expect(quiet.by['sw-a']!.lastGood).toBe('same');
    expect(quiet.run.commit).toBeNull();

    await fleet.apply('sw-a', { kind: 'change', lines: ['vlan 77', ' name CAMERAS'] });
    await fleet.apply('sw-a', { kind: 'save' });
    const { code, by } = await backupJson();
    expect(code).toBe(0);
    expect(by['sw-a']!.lastGood).toBe('advanced');
    expect(by['sw-b']!.lastGood).toBe('same');
    expect(file('sw-a', 'last-good.cfg')).toContain('\nvlan 77\n name CAMERAS\n');
    expect(file('sw-a', 'last-good.cfg')).toBe(file('sw-a', 'running.cfg'));
  });

  it('good DEVICE HEAD~1 moves it to that revision and commits who and why', async () => {
    const before = (await git().log()).total;
    const run = await good('sw-a', 'HEAD~1', '--reason', 'vlan 77 is not approved yet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(file('sw-a', 'last-good.cfg')).toBe(await atRev('HEAD~2', 'sw-a/running.cfg'));
    expect(file('sw-a', 'last-good.cfg')).not.toContain('vlan 77');
    expect(run.stdout).toMatch(/^sw-a: last good set to HEAD~1 \([0-9a-f]{12}\) \(2 lines of the previous last good removed, 0 added\)$/m);
    const log = await git().log();
    expect(log.total).toBe(before + 1);
    expect(log.latest!.message).toMatch(/^good: sw-a set to HEAD~1 \([0-9a-f]{12}\) by alice: vlan 77 is not approved yet$/);
    const names = (await git().show(['--name-only', '--format=', 'HEAD'])).trim().split('\n');
    expect(names).toEqual(['sw-a/last-good.cfg']);

    // Naming the same target again changes nothing and commits nothing.
    const again = await good('sw-a', 'HEAD~2', '--reason', 'again', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ device: 'sw-a', rev: 'HEAD~2', changed: false, commit: null, user: 'alice' });
    expect((await git().log()).total).toBe(before + 1);
  });

  it('power-cycle --lose-config: running.cfg records the factory default, last good is kept and the result says why (exit 3)', async () => {
    const lastGood = file('sw-b', 'last-good.cfg');
    await fleet.apply('sw-b', { kind: 'power-cycle', loseConfig: true });
    const { code, run, by } = await backupJson('sw-b');
    expect(code).toBe(3);
    expect(run.exitCode).toBe(3);
    expect(run.counts.lastGoodHeld).toBe(1);
    const b = by['sw-b']!;
    expect(b.rebooted).toBeDefined();
    expect(b.lastGood).toEqual({
      held: expect.stringMatching(/^last good kept: the device runs a factory default configuration \(\d+ lines of last good missing\)$/) as unknown,
    });
    // The truth is recorded; last good is not.
    expect(file('sw-b', 'running.cfg')).toBe(factoryDefaultConfig());
    expect(file('sw-b', 'last-good.cfg')).toBe(lastGood);
    const held = (b.lastGood as { held: string }).held;
    const body = (await git().log()).latest!.body;
    expect(body.split('\n')).toContain(`sw-b: ${held}`);

    // The next night is no different: still held, said in the REASON column.
    const table = await backup('sw-b');
    expect(table.code).toBe(3);
    expect(table.stdout).toMatch(
      /^sw-b\s+unchanged\s+no startup\s+1\/1\s+last good kept: the device runs a factory default configuration \(\d+ lines of last good missing\)/m,
    );
    expect(table.stdout).toContain('; 1 last good held;');
    expect(file('sw-b', 'last-good.cfg')).toBe(lastGood);
  });

  it('a bad revision or device exits 2 and changes nothing; --reason is required', async () => {
    const lastGood = file('sw-b', 'last-good.cfg');
    const commits = (await git().log()).total;
    const badRev = await good('sw-b', 'no-such-rev', '--reason', 'x');
    expect(badRev.code).toBe(2);
    expect(badRev.stderr).toContain('"no-such-rev" is not a revision of the backups repository');
    const option = await good('sw-b', '--help-me', '--reason', 'x');
    expect(option.code).toBe(2);
    const badDevice = await good('sw-zz', '--reason', 'x', '--json');
    expect(badDevice.code).toBe(2);
    expect(JSON.parse(badDevice.stdout)).toMatchObject({ exitCode: 2, error: expect.stringContaining('no device named sw-zz in the inventory') as unknown });
    const noReason = await good('sw-b');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
    expect(file('sw-b', 'last-good.cfg')).toBe(lastGood);
    expect((await git().log()).total).toBe(commits);
  });

  it('a reboot that lost an unsaved change holds last good, night after night, until good accepts it', async () => {
    // Last good follows healthy captures again (it moved back to include vlan 77 here),
    // unsaved lines included: they are what a restore should bring back.
    await fleet.apply('sw-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/5', ' description not-saved-yet'] });
    const unsaved = await backupJson('sw-a');
    expect(unsaved.code).toBe(3);
    expect(unsaved.by['sw-a']!.lastGood).toBe('advanced');
    expect(file('sw-a', 'last-good.cfg')).toContain(' description not-saved-yet\n');
    const lastGood = file('sw-a', 'last-good.cfg');

    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    const rebooted = await backupJson('sw-a');
    expect(rebooted.code).toBe(3);
    expect(rebooted.by['sw-a']!.lastGood).toEqual({
      held: 'last good kept: the device rebooted into a configuration that differs from last good (1 line missing)',
    });
    expect(file('sw-a', 'running.cfg')).not.toContain('not-saved-yet');
    expect(file('sw-a', 'last-good.cfg')).toBe(lastGood);

    // No reboot this time, but the switch still runs the same reduced config: still held.
    const next = await backupJson('sw-a');
    expect(next.code).toBe(3);
    expect(next.by['sw-a']!.lastGood).toEqual(rebooted.by['sw-a']!.lastGood);

    const accepted = await good('sw-a', '--reason', 'the description was a test');
    expect(accepted.code).toBe(0);
    expect((await git().log()).latest!.message).toBe('good: sw-a set to the current backup by alice: the description was a test');
    expect(file('sw-a', 'last-good.cfg')).toBe(file('sw-a', 'running.cfg'));

    const clean = await backupJson('sw-a');
    expect(clean.code).toBe(0);
    expect(clean.by['sw-a']!.lastGood).toBe('same');
  });

  it('after a lost config, a partial re-type by hand does not become last good', async () => {
    const lastGood = file('sw-b', 'last-good.cfg');
    // sw-b runs the factory default (held above). Someone types back three quarters of it and saves:
    // big enough that no size rule would hold it, yet not last good.
    const body = lastGood.slice(0, lastGood.indexOf('banner motd')).split('\n');
    const lines = body.slice(0, Math.floor(body.length * 0.75)).filter((l) => l.trim() !== '' && !l.startsWith('!'));
    await fleet.apply('sw-b', { kind: 'change', lines });
    await fleet.apply('sw-b', { kind: 'save' });
    const { code, by } = await backupJson('sw-b');
    expect(code).toBe(3);
    expect(by['sw-b']!.lastGood).toEqual({ held: expect.stringMatching(/^last good kept: the device runs a factory default configuration/) as unknown });
    expect(file('sw-b', 'last-good.cfg')).toBe(lastGood);
    expect(file('sw-b', 'running.cfg')).toContain('hostname SW-B\n');
  });

  it('without SNMP answers, a reboot is seen from show version uptime and last good is held', async () => {
    await fleet.apply('sw-a', { kind: 'change', lines: ['vlan 300', ' name PAYROLL'] });
    const seeded = await backupJson('sw-a');
    expect(seeded.by['sw-a']!.lastGood).toBe('advanced');
    const lastGood = file('sw-a', 'last-good.cfg');
    expect(lastGood).toContain('vlan 300\n name PAYROLL\n');
    // The last backup was last night, as in production (the lab boots in no time at all).
    const statusFile = join(backups, '.run-status.json');
    const status = JSON.parse(readFileSync(statusFile, 'utf8')) as Record<string, { lastSuccessAt?: string }>;
    status['sw-a']!.lastSuccessAt = new Date(Date.now() - 8 * 3600_000).toISOString();
    writeFileSync(statusFile, JSON.stringify(status));
    await fleet.apply('sw-a', { kind: 'fault', fault: { kind: 'snmp-silent' } });
    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    const after = await backupJson('sw-a');
    await fleet.apply('sw-a', { kind: 'clear-faults' });
    expect(after.code).toBe(3);
    expect(after.by['sw-a']!.rebooted).toMatchObject({ by: 'uptime' });
    expect(after.by['sw-a']!.lastGood).toEqual({
      held: expect.stringMatching(/^last good kept: the device rebooted into a configuration that differs from last good/) as unknown,
    });
    expect(file('sw-a', 'last-good.cfg')).toBe(lastGood);
  });
});
