// docs/deploy/switchback.crontab's job, run as cron runs it: `env -i` with only what cron gives
// a job and what the crontab sets, the command through /bin/sh, against lab switches. What
// it prints is what MAILTO receives: nothing on a clean night, the devices that need
// attention on a night with findings, the holder when the lock is held.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/store/lock.js';
import { BIN } from '../helpers/cli.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

const crontab = readFileSync(fileURLToPath(new URL('../../docs/deploy/switchback.crontab', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));
const settings = Object.fromEntries(crontab.filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const command = crontab.find((l) => !/^\w+=/.test(l))!.replace(/^(\S+\s+){5}/, '');

let lab: LabRun;
/** Where `switchback` is, as `npm install -g` would put it: a link to the package's bin/switchback. */
let bin: string;
let home: string;
beforeAll(async () => {
  lab = await labRun('switchback-deploy-cron-', ['cron-sw-1', 'cron-sw-2']);
  home = mkdtempSync(join(tmpdir(), 'switchback-cron-home-'));
  bin = join(home, 'bin');
  mkdirSync(bin);
  symlinkSync(BIN, join(bin, 'switchback'));
});
afterAll(() => lab.fleet.stop());

/**
 * The job as cron runs it: cron's own variables, then the crontab's (its PATH with the install's
 * bin in front; the inventory and repository of this lab), and the lab's secrets, which a
 * real crontab leaves to file: references in the inventory.
 */
function cronJob(): Promise<{ code: number | null; output: string }> {
  const env = {
    HOME: home,
    LOGNAME: 'switchback',
    SHELL: '/bin/sh',
    ...settings,
    PATH: `${bin}:${settings.PATH}`,
    SWITCHBACK_INVENTORY: lab.inventory,
    SWITCHBACK_BACKUPS: lab.backups,
    ...lab.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('env', ['-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), '/bin/sh', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe("the crontab's job, in cron's environment", () => {
  it('backs up and prints nothing on a clean night (no mail)', async () => {
    const run = await cronJob();
    expect(run).toEqual({ code: 0, output: '' });
    expect(readFileSync(join(lab.backups, 'cron-sw-1', 'running.cfg'), 'utf8')).toMatch(/hostname CRON-SW-1/);
  });

  it('prints the device that needs attention and the summary when there are findings', async () => {
    await lab.fleet.apply('cron-sw-2', { kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description cron-not-saved'] });
    const run = await cronJob();
    expect(run.output).toMatch(/^cron-sw-2\s+changed\s+\+1\/-0/m);
    expect(run.output).not.toMatch(/^cron-sw-1\s/m);
    expect(run.output).toMatch(/2 devices: .*1 unsaved/);
  });

  it('says who holds the lock when another run is still going', async () => {
    const lock = await acquireLock(lab.backups, { command: 'switchback backup' });
    try {
      const run = await cronJob();
      expect(run.output).toMatch(/is locked by switchback backup \(pid \d+ on .*\); another run is in progress — this one did nothing/);
    } finally {
      await lock.release();
    }
  });
});
