// What a backup leaves on disk: private files whatever the umask, no temporary files of a
// killed run, and a first run that failed says so instead of claiming a backup was kept.

import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { BIN, runCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let dir: string;
let inventory: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({ count: 1, specs: [stackSpec('sw-f', 2, 1)], credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
  ({ dir, inventory } = labInventory(fleet, 'switchback-backup-files-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
});
afterAll(() => fleet.stop());

/** The CLI started from a shell whose umask is 000, as a careless crontab or container would. */
function underUmask000(args: string[], opts: { whenReady?: { ready: RegExp; then: () => void } } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'umask 000; exec "$@"', 'sh', process.execPath, BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const ready = opts.whenReady;
      if (ready && ready.ready.test(stdout)) {
        opts.whenReady = undefined;
        try {
          ready.then();
        } finally {
          child.kill('SIGINT');
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, stdout, stderr: signal ? `${stderr}[killed by ${signal}]` : stderr }));
  });
}

/** Every entry under `root` (itself included) that its group or others may read, write or enter. */
function accessibleToOthers(root: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) found.push(`${p.slice(root.length) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(root);
  return found;
}

describe('files a backup creates', () => {
  it('are private whatever the umask: the repository, .git, .gitignore, .known_hosts, every config', async () => {
    const backups = join(dir, 'umask-backups');
    const run = await underUmask000(['backup', '--inventory', inventory, '--backups', backups]);
    expect(run.code).toBe(0);
    expect(existsSync(join(backups, '.known_hosts'))).toBe(true);
    expect(existsSync(join(backups, '.gitignore'))).toBe(true);
    expect(accessibleToOthers(backups)).toEqual([]);
    // A second run (commits nothing) and a run with a change (new git objects) stay private too.
    await fleet.apply('sw-f', { kind: 'change', lines: ['vlan 31', ' name PRIVATE'] });
    expect((await underUmask000(['backup', '--inventory', inventory, '--backups', backups])).code).toBe(3);
    expect(accessibleToOthers(backups)).toEqual([]);
    await fleet.apply('sw-f', { kind: 'save' });
  });

  it('the lab writes its inventory and control socket privately whatever the umask', async () => {
    const labDir = mkdtempSync(join(tmpdir(), 'switchback-lab-umask-'));
    const labInventoryFile = join(labDir, 'devices', 'lab.yaml');
    let whileUp: string[] = [];
    const run = await underUmask000(['lab', 'up', '--devices', '1', '--inventory', labInventoryFile], {
      whenReady: { ready: /Ctrl-C stops the lab/, then: () => (whileUp = accessibleToOthers(join(labDir, 'devices'))) },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(labInventoryFile)).toBe(true);
    expect(whileUp).toEqual([]);
  });
});

describe('a run killed mid-write', () => {
  it('leaves temporary files that the next run holding the lock removes, and only those', async () => {
    const backups = join(dir, 'leftover-backups');
    const backup = () => runCli(['backup', '--inventory', inventory, '--backups', backups], { env });
    expect((await backup()).code).toBe(0);
    // As a run killed between writing and renaming leaves them (its pid is long gone)…
    const dead = 999_999_999;
    const leftovers = [`sw-f/.running.cfg.${dead}-0badc0de.tmp`, `sw-f/.last-good.cfg.${dead}-12345678.tmp`, `..run-status.json.${dead}-9f8e7d6c.tmp`];
    // …and files that only look like them: not ours, or a writer that is still running.
    const others = ['sw-f/.running.cfg.tmp', 'sw-f/notes.1234-0badc0de.tmp', `sw-f/.running.cfg.${process.pid}-0badc0de.tmp`, 'sw-f/.keep-me.tmp'];
    for (const f of [...leftovers, ...others]) writeFileSync(join(backups, f), 'hostname SW-F\nenable secret 5 $1$leftover\n');
    const run = await backup();
    expect(run.code).toBe(0);
    for (const f of leftovers) expect(existsSync(join(backups, f)), f).toBe(false);
    for (const f of others) expect(existsSync(join(backups, f)), f).toBe(true);
    expect(run.stdout).toContain('removed 3 temporary files left by an interrupted run');
    // Nothing of it was committed.
    expect((await simpleGit(backups).raw(['ls-files'])).split('\n').filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a run whose devices all failed', () => {
  it('says "no backup yet" when there was none, and "previous backup kept" only when there is one', async () => {
    const backups = join(dir, 'first-failed-backups');
    const backup = () => runCli(['backup', '--inventory', inventory, '--backups', backups], { env });
    const body = async () => (await simpleGit(backups).raw(['log', '-1', '--format=%B'])).trim();
    await fleet.apply('sw-f', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const first = await backup();
    expect(first.code).toBe(1);
    expect(await body()).toMatch(/^sw-f: failed \(auth: authentication failed[^\n]*\); no backup yet$/m);
    expect(await body()).not.toContain('previous backup kept');

    await fleet.apply('sw-f', { kind: 'clear-faults' });
    expect((await backup()).code).toBe(0);
    await fleet.apply('sw-f', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    await fleet.apply('sw-f', { kind: 'change', lines: ['vlan 32', ' name NOT-REACHED'] });
    const later = await runCli(['backup', '--inventory', inventory, '--backups', backups, '--json'], { env });
    await fleet.apply('sw-f', { kind: 'clear-faults' });
    expect(later.code).toBe(1);
    const [f] = (JSON.parse(later.stdout) as { devices: { status: string; noBackupYet?: boolean }[] }).devices;
    expect(f).toMatchObject({ status: 'failed' });
    expect(f!.noBackupYet).toBeUndefined();
    expect(first.stdout).toMatch(/^sw-f\s+failed\s+auth: .*\(no backup yet\)$/m);
  });
});
