// `switchback backup` end to end: the real CLI against lab switches over real SSH,
// into a real git repository.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import { FAULTY, TEST_CREDENTIALS, inventoryWith, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let dir: string;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 4,
    specs: [stackSpec('sw-a', 2, 1), stackSpec('sw-b', 3, 2), stackSpec('sw-c', 1, 3), stackSpec('sw-d', 2, 4)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ dir, inventory, backups } = labInventory(fleet, 'switchback-backup-'));
  env = labEnv(fleet.exports());
});
afterAll(() => fleet.stop());

const backup = (...args: string[]) => runCli(['backup', '--inventory', inventory, '--backups', backups, ...args], { env: { ...env, NO_COLOR: '1' } });
const git = () => simpleGit(backups);
const commits = async () => (await git().log()).total;
const file = (device: string, name: string) => readFileSync(join(backups, device, name), 'utf8');

describe('switchback backup', () => {
  it('first run: creates the repository (0700) and one commit with every device', async () => {
    const run = await backup();
    // Not on a terminal: one plain progress line per device on stderr, nothing else.
    expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual(
      ['[1/4] sw-', '[2/4] sw-', '[3/4] sw-', '[4/4] sw-'].map((p, i) =>
        expect.stringMatching(new RegExp(`^\\[${i + 1}/4\\] sw-[abcd] new$`)),
      ) as unknown as string[],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/4 devices: 4 new, 0 changed, 0 unchanged, 0 failed; 0 unsaved; committed [0-9a-f]{12}/);
    expect(await commits()).toBe(1);
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('stat', ['-c', '%a', backups]).toString().trim()).toBe('700');
    for (const d of ['sw-a', 'sw-b', 'sw-c', 'sw-d']) {
      expect(file(d, 'running.cfg')).toMatch(/^version 17\.9\n/);
      expect(file(d, 'running.cfg')).toMatch(/\nend\n$/);
      expect(file(d, 'running.cfg')).not.toMatch(/Current configuration|Building configuration|Last configuration change/);
    }
    const state = JSON.parse(file('sw-b', 'state.json')) as { stack: { ready: number; expected: number; active: number } };
    expect(state.stack).toMatchObject({ ready: 3, expected: 3, active: 1 });
    expect(readFileSync(join(backups, '.known_hosts'), 'utf8').match(/^sw-[abcd] ssh-ed25519 /gm)).toHaveLength(4);
  });

  it('a second run without changes makes no commit', async () => {
    const run = await backup();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nothing changed, no commit');
    expect(await commits()).toBe(1);
  });

  it('a saved change on one switch gives one commit touching only that switch', async () => {
    await fleet.apply('sw-b', { kind: 'change', lines: ['vlan 77', ' name CAMERAS'] });
    await fleet.apply('sw-b', { kind: 'save' });
    const run = await backup();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sw-b\s+changed\s+no\s+3\/3/m);
    expect(await commits()).toBe(2);
    const show = await git().show(['--name-only', '--format=%s', 'HEAD']);
    // The saved change passes the health gate: last good advances with it, in the same commit.
    expect(show.trim().split('\n')).toEqual(['backup: 1 changed of 4', '', 'sw-b/last-good.cfg', 'sw-b/running.cfg', 'sw-b/startup.cfg']);
  });

  it('an unsaved change is flagged with its lines, and exits 3', async () => {
    await fleet.apply('sw-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/5', ' description not-saved-yet'] });
    const run = await backup('--json');
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout) as { devices: { device: string; unsaved: { added: string[]; removed: string[] } | null }[]; exitCode: number };
    expect(result.exitCode).toBe(3);
    const a = result.devices.find((d) => d.device === 'sw-a')!;
    expect(a.unsaved).toEqual({ added: ['interface GigabitEthernet1/0/5', ' description not-saved-yet'], removed: [], counts: { added: 1, removed: 0 } });
    expect(result.devices.filter((d) => d.device !== 'sw-a').every((d) => d.unsaved === null)).toBe(true);
    const state = JSON.parse(file('sw-a', 'state.json')) as { unsaved: unknown };
    expect(state.unsaved).toEqual(a.unsaved);
    await fleet.apply('sw-a', { kind: 'save' });
  });

  it('the table says +1/-0 for one unsaved line, and a stack member missing is a finding (exit 3)', async () => {
    await fleet.apply('sw-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/6', ' description also-not-saved'] });
    const unsaved = await backup('sw-a');
    expect(unsaved.code).toBe(3);
    expect(unsaved.stdout).toMatch(/^sw-a\s+changed\s+\+1\/-0\s+2\/2/m);
    await fleet.apply('sw-a', { kind: 'save' });

    await fleet.apply('sw-b', { kind: 'member-down', member: 3 });
    const down = await backup('sw-b', '--json');
    await fleet.apply('sw-b', { kind: 'member-up', member: 3 });
    expect(down.code).toBe(3);
    const b = (JSON.parse(down.stdout) as { devices: { device: string; stack: unknown }[] }).devices[0]!;
    expect(b.stack).toEqual({ ready: 2, expected: 3, missing: [3], active: 1 });
  });

  it('stores config text that looks like a pager or a prompt exactly, even when it arrives in drips', async () => {
    await fleet.apply('sw-c', {
      kind: 'change',
      lines: ['interface GigabitEthernet1/0/9', ' description printer --More-- here', 'banner motd ^C', 'Authorized access only', 'SW-C#', '^C'],
    });
    await fleet.apply('sw-c', { kind: 'save' });
    await fleet.apply('sw-c', { kind: 'fault', fault: { kind: 'drip', chunkBytes: 7, pauseMs: 0 } });
    const run = await backup('sw-c');
    await fleet.apply('sw-c', { kind: 'clear-faults' });
    expect(run.code).toBe(0);
    const running = file('sw-c', 'running.cfg');
    expect(running).toContain(' description printer --More-- here\n');
    expect(running).toContain('banner motd ^C\nAuthorized access only\nSW-C#\n^C\n');
    expect(running).toMatch(/\nend\n$/);
  });

  it('auth refused, hang, drop mid-output and garbage each fail only their switch, with a reason; their files stay', async () => {
    const before = Object.fromEntries(['sw-a', 'sw-b', 'sw-c', 'sw-d'].map((d) => [d, file(d, 'running.cfg')]));
    await fleet.apply('sw-a', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    await fleet.apply('sw-b', { kind: 'fault', fault: { kind: 'hang' } });
    await fleet.apply('sw-c', { kind: 'fault', fault: { kind: 'drop', afterBytes: 5000 } });
    await fleet.apply('sw-d', { kind: 'fault', fault: { kind: 'garbage' } });
    // The hung switch times out in seconds; the others keep the usual room.
    const run = await runCli(['backup', '--inventory', inventoryWith(inventory, { 'sw-b': FAULTY }), '--backups', backups, '--json'], { env });
    for (const d of ['sw-a', 'sw-b', 'sw-c', 'sw-d']) await fleet.apply(d, { kind: 'clear-faults' });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { devices: { device: string; status: string; stage: string; reason: string }[] };
    const by = Object.fromEntries(result.devices.map((d) => [d.device, d]));
    expect(by['sw-a']).toMatchObject({ status: 'failed', stage: 'auth' });
    expect(by['sw-a']!.reason).toContain('authentication failed');
    expect(by['sw-b']).toMatchObject({ status: 'failed', stage: 'timeout' });
    expect(by['sw-c']).toMatchObject({ status: 'failed', stage: 'closed' });
    expect(by['sw-d']).toMatchObject({ status: 'failed' });
    expect(by['sw-d']!.reason).toMatch(/prompt|incomplete|refused/);
    for (const [d, text] of Object.entries(before)) expect(file(d, 'running.cfg')).toBe(text);
    expect(JSON.stringify(result)).not.toContain(env.SWITCHBACK_LAB_PASSWORD!);
  });

  it('only the failing switch fails when the others are fine', async () => {
    await fleet.apply('sw-c', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const run = await backup();
    await fleet.apply('sw-c', { kind: 'clear-faults' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sw-c\s+failed\s+auth: authentication failed/m);
    for (const d of ['sw-a', 'sw-b', 'sw-d']) expect(run.stdout).toMatch(new RegExp(`^${d}\\s+(unchanged|changed)\\s`, 'm'));
    expect(run.stdout).toMatch(/4 devices: 0 new, \d changed, \d unchanged, 1 failed/);
  });

  it('a changed host key is refused loudly until --accept-new-host-key', async () => {
    await fleet.apply('sw-d', { kind: 'new-host-key' });
    const refused = await backup('sw-d');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('HOST KEY CHANGED for sw-d');
    expect(refused.stdout).toContain('--accept-new-host-key sw-d');
    const accepted = await backup('sw-d', '--accept-new-host-key', 'sw-d');
    expect(accepted.code).toBe(0);
    const again = await backup('sw-d');
    expect(again.code).toBe(0);
  });

  it('two concurrent runs never both write: the second names the holder and does nothing', async () => {
    const [one, two] = await Promise.all([backup(), backup()]);
    const codes = [one.code, two.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = one.code === 1 ? one : two;
    expect(loser.stderr).toMatch(/is locked by switchback backup \(pid \d+/);
    expect(existsSync(join(backups, 'switchback.lock'))).toBe(false);
  });

  it('a bad inventory exits 2 and contacts nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'devices:\n  - name: Bad Name\n    host: 127.0.0.1\n    platform: cisco-ios\n');
    const run = await runCli(['backup', '--inventory', bad, '--backups', join(dir, 'other')], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.yaml: devices[0]');
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('a missing secret exits 2 before contacting anything', async () => {
    const run = await runCli(['backup', '--inventory', inventory, '--backups', backups], { env: { ...env, SWITCHBACK_LAB_PASSWORD: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SWITCHBACK_LAB_PASSWORD');
  });
});
