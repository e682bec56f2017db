// A device that prints more than its output limit (maxOutput in the inventory) fails alone
// with `too-large`, over real SSH, while the others are backed up as usual.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

let lab: LabRun;
beforeAll(async () => {
  lab = await labRun('switchback-large-output-', ['sw-a', 'sw-b', 'sw-c']);
  // sw-b may print 8 KB per command: its show version fits, its running-config (about 16 KB) does not.
  const doc = parse(readFileSync(lab.inventory, 'utf8')) as { devices: { name: string; maxOutput?: string }[] };
  doc.devices.find((d) => d.name === 'sw-b')!.maxOutput = '8 KB';
  writeFileSync(lab.inventory, stringify(doc));
});
afterAll(() => lab.fleet.stop());

describe('output limit', () => {
  it('the device over its limit fails with too-large; the others are backed up', async () => {
    const run = await lab.cli('backup', '--json');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { devices: { device: string; status: string; stage?: string; reason?: string }[] };
    const by = Object.fromEntries(doc.devices.map((d) => [d.device, d]));
    expect(by['sw-a']!.status).toBe('new');
    expect(by['sw-c']!.status).toBe('new');
    expect(by['sw-b']).toMatchObject({ status: 'failed', stage: 'too-large' });
    expect(by['sw-b']!.reason).toContain('more than 8 KB while running "show running-config"');
    expect(existsSync(join(lab.backups, 'sw-b', 'running.cfg'))).toBe(false);
    expect(readFileSync(join(lab.backups, 'sw-a', 'running.cfg'), 'utf8')).toMatch(/\nend\n$/);
  });

  it('the table shows the reason', async () => {
    const run = await lab.cli('backup', 'sw-b');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sw-b\s+failed\s+too-large: the device printed more than 8 KB/m);
  });
});
