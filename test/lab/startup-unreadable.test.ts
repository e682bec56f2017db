// A switch that will not show its startup config (`% Invalid input`: a user without the
// privilege, an old train; or nothing at all) still has its running config backed up:
// startup.cfg keeps its previous content, and the finding startup-unreadable says why.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabEvent } from '../../src/lab/events.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

let lab: LabRun;
beforeAll(async () => {
  lab = await labRun('switchback-startup-unreadable-', ['sw-a', 'sw-b']);
});
afterAll(() => lab.fleet.stop());

const file = (device: string, name: string) => readFileSync(join(lab.backups, device, name), 'utf8');

interface Outcome {
  device: string;
  status: string;
  unsaved: unknown;
  noStartup: boolean;
  startupUnreadable?: string;
}

describe('the lab fault', () => {
  it('lab event NAME fault startup-refused [invalid|silent]', () => {
    expect(parseLabEvent(['fault', 'startup-refused'])).toEqual({ kind: 'fault', fault: { kind: 'startup-refused', answer: 'invalid' } });
    expect(parseLabEvent(['fault', 'startup-refused', 'silent'])).toEqual({ kind: 'fault', fault: { kind: 'startup-refused', answer: 'silent' } });
    expect(() => parseLabEvent(['fault', 'startup-refused', 'loud'])).toThrow('takes invalid (the default) or silent');
  });
});

describe('startup-config unreadable', () => {
  let startupBefore: string;

  it('refused with % Invalid input: running stored, startup.cfg untouched, finding, exit 3', async () => {
    expect((await lab.cli('backup')).code).toBe(0);
    startupBefore = file('sw-a', 'startup.cfg');
    await lab.fleet.apply('sw-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description kept-although-startup-refused'] });
    await lab.fleet.apply('sw-a', { kind: 'fault', fault: { kind: 'startup-refused', answer: 'invalid' } });

    const run = await lab.cli('backup', '--json');
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as { devices: Outcome[]; counts: { startupUnreadable: number; unsaved: number } };
    const a = doc.devices.find((d) => d.device === 'sw-a')!;
    expect(a.status).toBe('changed');
    expect(a.startupUnreadable).toBe(`the device refused "show startup-config": % Invalid input detected at '^' marker.`);
    // Not "no startup", not "nothing unsaved": unknown.
    expect(a.noStartup).toBe(false);
    expect(a.unsaved).toBeNull();
    expect(doc.counts).toMatchObject({ startupUnreadable: 1, unsaved: 0 });
    expect(doc.devices.find((d) => d.device === 'sw-b')!.status).toBe('unchanged');

    expect(file('sw-a', 'running.cfg')).toContain(' description kept-although-startup-refused');
    expect(file('sw-a', 'running.cfg')).toMatch(/\nend\n$/);
    expect(file('sw-a', 'startup.cfg')).toBe(startupBefore);
    // Last good is judged on the running config as usual.
    expect(file('sw-a', 'last-good.cfg')).toContain(' description kept-although-startup-refused');
    expect(JSON.parse(file('sw-a', 'state.json'))).toMatchObject({ startupPresent: null, startupUnreadable: a.startupUnreadable, unsaved: null });

    const body = await simpleGit(lab.backups).show(['-s', '--format=%s%n%b', 'HEAD']);
    expect(body).toContain('1 startup unreadable');
    expect(body).toMatch(/^sw-a: startup-unreadable: the device refused "show startup-config"/m);
  });

  it('the table says unknown under UNSAVED and the finding under REASON', async () => {
    const run = await lab.cli('backup');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /^sw-a\s+unchanged\s+unknown\s+\S+\s+startup-unreadable: the device refused "show startup-config": % Invalid input detected at '\^' marker\.; startup\.cfg kept from the last backup, unsaved changes cannot be judged/m,
    );
    expect(run.stdout).toMatch(/^2 devices: .*; 1 startup unreadable; /m);
    expect(file('sw-a', 'startup.cfg')).toBe(startupBefore);
  });

  it('check reads startup live: the same finding, not unreachable', async () => {
    const run = await lab.cli('check', 'sw-a', '--json');
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as { devices: { status: string; findings: { kind: string; message: string }[] }[] };
    expect(doc.devices[0]!.status).toBe('findings');
    expect(doc.devices[0]!.findings.map((f) => f.kind)).toContain('startup-unreadable');
    const offline = await lab.cli('check', 'sw-a', '--offline', '--json');
    const off = JSON.parse(offline.stdout) as { devices: { findings: { kind: string }[] }[] };
    expect(off.devices[0]!.findings.map((f) => f.kind)).toEqual(['startup-unreadable']);
  });

  it('a switch that prints nothing for it: the same, with that reason', async () => {
    await lab.fleet.apply('sw-b', { kind: 'fault', fault: { kind: 'startup-refused', answer: 'silent' } });
    const before = file('sw-b', 'startup.cfg');
    const run = await lab.cli('backup', 'sw-b', '--json');
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as { devices: Outcome[] };
    expect(doc.devices[0]!.startupUnreadable).toBe('"show startup-config" printed nothing');
    expect(file('sw-b', 'startup.cfg')).toBe(before);
  });

  it('once it can be read again, startup.cfg follows and the finding goes', async () => {
    await lab.fleet.apply('sw-a', { kind: 'clear-faults' });
    await lab.fleet.apply('sw-b', { kind: 'clear-faults' });
    const run = await lab.cli('backup', '--json');
    expect(run.code).toBe(3); // sw-a's change is unsaved: now it can be said
    const doc = JSON.parse(run.stdout) as { devices: Outcome[] };
    const a = doc.devices.find((d) => d.device === 'sw-a')!;
    expect(a.startupUnreadable).toBeUndefined();
    expect(a.unsaved).not.toBeNull();
    expect(existsSync(join(lab.backups, 'sw-a', 'startup.cfg'))).toBe(true);
    expect(JSON.parse(file('sw-a', 'state.json'))).toMatchObject({ startupPresent: true });
    expect(JSON.parse(file('sw-a', 'state.json')).startupUnreadable).toBeUndefined();
  });
});
