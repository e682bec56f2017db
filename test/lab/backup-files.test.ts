// What a backup leaves on disk: private files whatever the umask, no temporary files of a
// killed run, and a first run that failed says so instead of claiming a backup was kept.

import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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
    child.on('close', (code) => resolve({ code, stdout, stderr }));
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
    expect(run.code).toBe(0);
    expect(existsSync(labInventoryFile)).toBe(true);
    expect(whileUp).toEqual([]);
  });
});
