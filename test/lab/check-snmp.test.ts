// `switchback check --snmp` end to end: the real CLI against lab switches' SNMP agents
// (SNMPv3 authPriv on 127.0.0.1), judged against what `switchback backup` recorded.
// Also the boot record the backup keeps, and `platform: auto` resolved over SNMP.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import { FAULTY, inventoryWith, labEnv, stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

interface Finding {
  kind: string;
  message: string;
}
interface CheckedDevice {
  device: string;
  status: 'ok' | 'findings' | 'unreachable';
  findings: Finding[];
  notes: string[];
  platform: string | null;
  uptimeSeconds: number | null;
  engineBoots: number | null;
  reboot: { at: string; by: string; bootsBefore: number; bootsAfter: number } | null;
  unsaved: string;
  stack: { ready: number; expected: number; missing: number[]; active?: number; problems: string[] } | null;
}
interface CheckJson {
  devices: CheckedDevice[];
  counts: Record<string, number>;
  exitCode: number;
}

const NAMES = ['sw-a', 'sw-b', 'sw-c', 'sw-d', 'sw-e'];

beforeAll(async () => {
  fleet = await startFleet({
    count: NAMES.length,
    specs: [stackSpec('sw-a', 3, 1), stackSpec('sw-b', 2, 2), stackSpec('sw-c', 1, 3), stackSpec('sw-d', 3, 4), stackSpec('sw-e', 2, 5)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  const dir = mkdtempSync(join(tmpdir(), 'switchback-check-snmp-'));
  inventory = join(dir, 'lab.yaml');
  backups = join(dir, 'backups');
  const doc = parse(fleet.inventory()) as { defaults: Record<string, Record<string, unknown>>; devices: Record<string, unknown>[] };
  // sw-e says platform: auto; it is detected from sysObjectID / sysDescr.
  doc.devices.find((d) => d.name === 'sw-e')!.platform = 'auto';
  writeFileSync(inventory, stringify(doc));
  env = labEnv(fleet.exports());
});
afterAll(() => fleet.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env: { ...env, NO_COLOR: '1' } });
const check = (...args: string[]) => cli('check', '--snmp', ...args);
async function checkJson(...args: string[]): Promise<{ code: number | null; result: CheckJson; by: Record<string, CheckedDevice> }> {
  const run = await check('--json', ...args);
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as CheckJson;
  return { code: run.code, result, by: Object.fromEntries(result.devices.map((d) => [d.device, d])) };
}
const state = (device: string) => JSON.parse(readFileSync(join(backups, device, 'state.json'), 'utf8')) as Record<string, unknown>;
const commits = async () => (await simpleGit(backups).log()).total;

describe('switchback check --snmp', () => {
  it('a clean fleet without backups: exit 0, every device ok, a note that reboots need a backup first', async () => {
    const run = await check();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of NAMES) expect(run.stdout).toMatch(new RegExp(`^${name}\\s+ok\\s+\\d+ days\\s+-$`, 'm'));
    expect(run.stdout).toContain('note: no boot record yet for sw-a, sw-b, sw-c, sw-d, sw-e');
    expect(run.stdout).toMatch(/^5 devices checked over SNMP: 5 ok, 0 with findings, 0 unreachable$/m);
  });

  it('backup records the boot (snmpEngineBoots, bootedAt) and backs up the platform: auto device after detecting it', async () => {
    const run = await cli('backup', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { devices: { device: string; status: string; platformDetected?: string; snmpError?: string }[] };
    expect(result.devices.map((d) => d.status)).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(result.devices.every((d) => d.snmpError === undefined)).toBe(true);
    expect(result.devices.find((d) => d.device === 'sw-e')!.platformDetected).toBe('cisco-ios (from sysObjectID and sysDescr)');
    const e = state('sw-e');
    expect(e.platform).toBe('cisco-ios');
    expect(readFileSync(join(backups, 'sw-e', 'running.cfg'), 'utf8')).toMatch(/^hostname SW-E$/m);
    for (const name of NAMES) {
      const snmp = state(name).snmp as { engineBoots: number; bootedAt: string };
      expect(snmp.engineBoots).toBe(1);
      const booted = Date.parse(snmp.bootedAt);
      // The lab's own idea of when it booted, to the second (give or take the tolerance).
      expect(Math.abs(booted - fleet.get(name).state.bootedAt)).toBeLessThan(5 * 60_000);
      expect(snmp.bootedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    // The boot record is stable: a second run changes nothing and commits nothing.
    const again = await cli('backup');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed, no commit');
    expect(await commits()).toBe(1);
  });

  it('after the backup: exit 0, every device ok, no notes about boot records', async () => {
    const { code, result } = await checkJson();
    expect(code).toBe(0);
    expect(result.exitCode).toBe(0);
    expect(result.devices.map((d) => d.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(result.devices.every((d) => d.unsaved === 'saved' && d.engineBoots === 1 && d.reboot === null)).toBe(true);
    expect(result.devices.flatMap((d) => d.notes).filter((n) => n.startsWith('no boot record'))).toEqual([]);
  });

  it('a power cycle: rebooted, with when; right after boot unsaved is not judged (grace), later it is saved', async () => {
    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    const run = await check();
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-a\s+findings\s+\d+ s\s+rebooted$/m);
    expect(run.stdout).toMatch(/^sw-a: rebooted at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+ s ago; snmpEngineBoots 1 → 2\)$/m);
    expect(run.stdout).toMatch(/^sw-a: note: unsaved not judged yet: booted \d+ s ago, within the 5 min grace after boot$/m);
    expect(run.stdout).not.toMatch(/^sw-a: unsaved/m);
    for (const name of ['sw-b', 'sw-c', 'sw-d', 'sw-e']) expect(run.stdout).toMatch(new RegExp(`^${name}\\s+ok\\s`, 'm'));
    expect(run.stdout).toMatch(/^5 devices checked over SNMP: 4 ok, 1 with findings \(1 rebooted\), 0 unreachable$/m);

    const { by } = await checkJson('sw-a');
    expect(by['sw-a']!.reboot).toMatchObject({ by: 'engine-boots', bootsBefore: 1, bootsAfter: 2 });
    // The lab booted a minute before the power cycle returned; the reported time is that boot.
    expect(Math.abs(Date.parse(by['sw-a']!.reboot!.at) - fleet.get('sw-a').state.bootedAt)).toBeLessThan(5_000);
    expect(by['sw-a']!.unsaved).toBe('grace');

    // Past the grace period, applying startup-config at boot is still not an unsaved change.
    fleet.get('sw-a').advanceClock(6 * 60_000);
    const later = await checkJson('sw-a');
    expect(later.by['sw-a']!.unsaved).toBe('saved');
    expect(later.by['sw-a']!.findings.map((f) => f.kind)).toEqual(['rebooted']);
  });

  it('the next backup records the new boot (and says so); then the reboot is no longer a finding', async () => {
    const run = await cli('backup', 'sw-a', '--json');
    expect(run.code).toBe(0);
    const a = (JSON.parse(run.stdout) as { devices: { rebooted?: { by: string; bootsBefore: number; bootsAfter: number } }[] }).devices[0]!;
    expect(a.rebooted).toMatchObject({ by: 'engine-boots', bootsBefore: 1, bootsAfter: 2 });
    expect((state('sw-a').snmp as { engineBoots: number }).engineBoots).toBe(2);
    const log = await simpleGit(backups).log();
    // Only state.json changed (the boot record): the commit and the table say changed, and why.
    expect(log.latest!.body).toMatch(/^sw-a: changed, rebooted at \S+Z$/m);
    const { code, by } = await checkJson('sw-a');
    expect(code).toBe(0);
    expect(by['sw-a']!.status).toBe('ok');
  });

  it('an unsaved change is a finding until it is saved', async () => {
    await fleet.apply('sw-b', { kind: 'change', lines: ['interface GigabitEthernet1/0/5', ' description not-saved-yet'] });
    const run = await check();
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-b\s+findings\s+\d+ days\s+unsaved$/m);
    expect(run.stdout).toMatch(/^sw-b: unsaved: running-config changed \d+ s ago, after startup-config was last written \(a power loss loses it\)$/m);
    expect(run.stdout).toMatch(/1 with findings \(1 unsaved\)/);

    await fleet.apply('sw-b', { kind: 'save' });
    const { code, by } = await checkJson();
    expect(code).toBe(0);
    expect(by['sw-b']!.unsaved).toBe('saved');
  });

  it('a change typed minutes after a reboot, inside the grace period, is unsaved — then and after the grace', async () => {
    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    await fleet.apply('sw-a', { kind: 'change', lines: ['vlan 300', ' name PAYROLL'] });
    const now = await checkJson('sw-a');
    expect(now.by['sw-a']!.unsaved).toBe('unsaved');
    fleet.get('sw-a').advanceClock(6 * 60_000);
    const later = await checkJson('sw-a');
    expect(later.by['sw-a']!.unsaved).toBe('unsaved');
    expect(later.by['sw-a']!.findings.map((f) => f.kind)).toContain('unsaved');
    await fleet.apply('sw-a', { kind: 'save' });
    expect((await checkJson('sw-a')).by['sw-a']!.unsaved).toBe('saved');
    // Record the new boot, so the reboot is no longer a finding for the tests that follow. (Exit 3:
    // it rebooted into a configuration that differs from last good, so last good is held.)
    const recorded = await cli('backup', 'sw-a');
    expect(recorded.code).toBe(3);
    expect(recorded.stdout).toContain('last good kept: the device rebooted into a configuration that differs from last good');
  });

  it('sysUpTime wrapping past 497 days without a reboot is not a reboot', async () => {
    await fleet.apply('sw-c', { kind: 'set-uptime', seconds: 498 * 86_400 });
    expect(fleet.get('sw-c').sysUpTime()).toBeLessThan(2 * 86_400 * 100); // the counter went round
    const { code, by } = await checkJson('sw-c');
    expect(code).toBe(0);
    expect(by['sw-c']!.reboot).toBeNull();
    expect(by['sw-c']!.findings).toEqual([]);
    expect(by['sw-c']!.uptimeSeconds).toBeGreaterThanOrEqual(498 * 86_400);
    expect(by['sw-c']!.unsaved).toBe('saved');
  });

  it('the active member loses power: a stack finding naming the member and the new active', async () => {
    await fleet.apply('sw-d', { kind: 'member-down', member: 1 });
    const run = await check('sw-d');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-d\s+findings\s+\d+ days\s+stack$/m);
    expect(run.stdout).toContain('sw-d: stack 2/3 ready: member 1 missing (removed); active is now 2 (was 1)');
    const { by } = await checkJson('sw-d');
    expect(by['sw-d']!.stack).toMatchObject({ ready: 2, expected: 3, missing: [1], active: 2, previousActive: 1, problems: ['member 1 missing (removed)'] });
    // A failover is not a reboot.
    expect(by['sw-d']!.reboot).toBeNull();

    // Power back: member 1 rejoins as a member; the stack is whole again, the new active is only a note.
    await fleet.apply('sw-d', { kind: 'member-up', member: 1 });
    const back = await checkJson('sw-d');
    expect(back.code).toBe(0);
    expect(back.by['sw-d']!.notes).toContain('stack: active is now 2 (was 1 at the last backup)');
  });

  it('a silent agent is unreachable (exit 1, wins over findings) while the others are still checked', async () => {
    await fleet.apply('sw-b', { kind: 'fault', fault: { kind: 'snmp-silent' } });
    await fleet.apply('sw-c', { kind: 'change', lines: ['interface GigabitEthernet1/0/9', ' description unsaved-too'] });
    // The silent agent is given up after one second; the others keep the usual room.
    const normal = inventory;
    inventory = inventoryWith(normal, { 'sw-b': FAULTY });
    try {
      const run = await check();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^sw-b\s+unreachable\s+-\s+unreachable$/m);
      expect(run.stdout).toMatch(/^sw-b: unreachable: no SNMP answer from 127\.0\.0\.1:\d+ within 1 s \(1 try\)/m);
      expect(run.stdout).toMatch(/^sw-c\s+findings\s+\d+ days\s+unsaved$/m);
      for (const name of ['sw-a', 'sw-d', 'sw-e']) expect(run.stdout).toMatch(new RegExp(`^${name}\\s+ok\\s`, 'm'));
      expect(run.stdout).toMatch(/^5 devices checked over SNMP: 3 ok, 1 with findings \(1 unsaved\), 1 unreachable$/m);
      expect(run.stdout).not.toContain(env.SWITCHBACK_LAB_SNMP_AUTH!);

      // The backup does not fail for SNMP: it notes it and keeps the boot record as it was.
      const before = state('sw-b').snmp;
      const backup = await cli('backup', 'sw-b', '--json');
      expect(backup.code).toBe(0);
      const b = (JSON.parse(backup.stdout) as { devices: { status: string; snmpError?: string }[] }).devices[0]!;
      expect(b.status).toBe('changed'); // the change saved above, captured over SSH as usual
      expect(b.snmpError).toMatch(/^no SNMP answer from 127\.0\.0\.1:\d+/);
      expect(state('sw-b').snmp).toEqual(before);
    } finally {
      inventory = normal;
      await fleet.apply('sw-b', { kind: 'clear-faults' });
      await fleet.apply('sw-c', { kind: 'save' });
    }
  });

  it('a wrong SNMPv3 auth key is unreachable with the reason, and the key never printed', async () => {
    const run = await runCli(['check', '--snmp', 'sw-a', '--inventory', inventory, '--backups', backups], {
      env: { ...env, NO_COLOR: '1', SWITCHBACK_LAB_SNMP_AUTH: 'not-the-auth-key' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sw-a: unreachable: SNMPv3 authentication failed for user switchback: wrong auth key or protocol$/m);
    expect(run.stdout).not.toContain('not-the-auth-key');
  });

  it('platform: auto fails the backup clearly when SNMP cannot detect it', async () => {
    await fleet.apply('sw-e', { kind: 'fault', fault: { kind: 'snmp-silent' } });
    const normal = inventory;
    inventory = inventoryWith(normal, { 'sw-e': FAULTY });
    try {
      const run = await cli('backup', 'sw-e', '--json');
      expect(run.code).toBe(1);
      const e = (JSON.parse(run.stdout) as { devices: { status: string; stage: string; reason: string }[] }).devices[0]!;
      expect(e).toMatchObject({ status: 'failed', stage: 'platform' });
      expect(e.reason).toMatch(/^platform auto: SNMP detection failed: no SNMP answer from 127\.0\.0\.1:\d+/);
    } finally {
      inventory = normal;
      await fleet.apply('sw-e', { kind: 'clear-faults' });
    }
    const { by } = await checkJson('sw-e');
    expect(by['sw-e']!.platform).toBe('cisco-ios');
    expect(by['sw-e']!.notes).toContain('platform cisco-ios detected from sysObjectID and sysDescr');
  });

  it('--snmp with --live or --offline is a bad invocation: exit 2, nothing contacted', async () => {
    const run = await check('--offline');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('switchback: --offline and --snmp cannot be combined: choose one way to check');
  });

  it('a bad selection or inventory is exit 2, nothing contacted; --help has examples', async () => {
    const unknown = await check('sw-zz');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no device named sw-zz in the inventory');
    const concurrency = await check('--concurrency', '0');
    expect(concurrency.code).toBe(2);
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('switchback check --snmp --group dc1');
    expect(help.stdout).toContain('--concurrency <n>');
  });
});
