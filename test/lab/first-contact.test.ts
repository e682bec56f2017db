// First contact: the host key is pinned at the first authenticated login, as ssh does,
// even when the backup then fails; later jobs that need a pinned key accept the device.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { labInventory } from '../helpers/lab.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

let lab: LabRun;
beforeAll(async () => {
  lab = await labRun('switchback-first-contact-', ['sw-a', 'sw-b']);
});
afterAll(() => lab.fleet.stop());
const pinnedNames = () => (existsSync(join(lab.backups, '.known_hosts')) ? readFileSync(join(lab.backups, '.known_hosts'), 'utf8').match(/^sw-\S+/gm) : []);

describe('host key pinned at the first authenticated login', () => {
  it('a backup that fails after a good login pins the key and says first contact', async () => {
    // sw-a logs in fine, then drops the connection in the middle of its first long output.
    await lab.fleet.apply('sw-a', { kind: 'fault', fault: { kind: 'drop', afterBytes: 100 } });
    const run = await lab.cli('backup', '--json');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { devices: { device: string; status: string; pinnedHostKey?: string }[] };
    const a = doc.devices.find((d) => d.device === 'sw-a')!;
    expect(a.status).toBe('failed');
    expect(a.pinnedHostKey).toMatch(/^SHA256:/);
    expect(pinnedNames()).toEqual(['sw-a', 'sw-b']);
  });

  it('the table names first contact on the failed row', async () => {
    const fresh = labInventory(lab.fleet, 'switchback-first-contact-table-');
    const run = await runCli(['backup', 'sw-a', '--inventory', fresh.inventory, '--backups', fresh.backups], { env: lab.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sw-a\s+failed\s+closed: .*; first contact: host key pinned SHA256:\S+/m);
  });

  it('a later diff --live is not refused for the host key', async () => {
    await lab.fleet.apply('sw-a', { kind: 'clear-faults' });
    const diff = await lab.cli('diff', 'sw-a', '--live');
    expect(diff.stderr).not.toMatch(/host key/i);
    expect([0, 3]).toContain(diff.code);
  });

  it('a login that fails pins nothing', async () => {
    const fresh = labInventory(lab.fleet, 'switchback-first-contact-auth-');
    await lab.fleet.apply('sw-b', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const run = await runCli(['backup', 'sw-b', '--inventory', fresh.inventory, '--backups', fresh.backups, '--json'], { env: lab.env });
    await lab.fleet.apply('sw-b', { kind: 'clear-faults' });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { devices: { status: string; stage: string; pinnedHostKey?: string }[] };
    expect(doc.devices[0]).toMatchObject({ status: 'failed', stage: 'auth' });
    expect(doc.devices[0]!.pinnedHostKey).toBeUndefined();
    const hosts = join(fresh.backups, '.known_hosts');
    expect(existsSync(hosts) ? readFileSync(hosts, 'utf8') : '').not.toMatch(/^sw-b /m);
  });
});
