// `switchback check` end to end (live: SNMP, then SSH where needed; --offline: the backups
// alone): the real CLI against lab switches over real SSH and SNMP on 127.0.0.1, judged
// against what `switchback backup` recorded. Each power-event scenario asserts the exact findings.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { openStore, updateRunStatus } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { FAULTY, inventoryWith, labEnv, stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

interface Finding {
  kind: string;
  message: string;
  lines?: string[];
}
interface Checked {
  device: string;
  status: 'ok' | 'findings' | 'unreachable';
  findings: Finding[];
  notes: string[];
  checkedVia: string[];
  sshBecause?: string;
  reboot: { at: string; by: string } | null;
  comparedWith: string | null;
}
interface CheckJson {
  mode: string;
  devices: Checked[];
  counts: { total: number; ok: number; withFindings: number; unreachable: number; byKind: Record<string, number> };
  exitCode: number;
}

// sw-a: unsaved then power-cycled; sw-b: power-cycled losing its config; sw-c: the Active
// member loses power; sw-d: a stale backup; sw-e: unreachable; sw-f: no SNMP settings (SSH only).
const NAMES = ['sw-a', 'sw-b', 'sw-c', 'sw-d', 'sw-e', 'sw-f'];

beforeAll(async () => {
  fleet = await startFleet({
    count: NAMES.length,
    specs: [
      stackSpec('sw-a', 2, 1),
      stackSpec('sw-b', 2, 2),
      stackSpec('sw-c', 3, 3),
      stackSpec('sw-d', 1, 4),
      stackSpec('sw-e', 2, 5),
      stackSpec('sw-f', 2, 6),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  const dir = mkdtempSync(join(tmpdir(), 'switchback-check-'));
  inventory = join(dir, 'lab.yaml');
  backups = join(dir, 'backups');
  const doc = parse(fleet.inventory()) as { defaults: Record<string, Record<string, unknown>>; devices: Record<string, unknown>[] };
  // sw-f has no SNMP: the live check logs in over SSH.
  const f = doc.devices.find((d) => d.name === 'sw-f')!;
  f.snmp = null;
  writeFileSync(inventory, stringify(doc));
  env = labEnv(fleet.exports());
});
afterAll(() => fleet.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env: { ...env, NO_COLOR: '1' } });
const check = (...args: string[]) => cli('check', ...args);
async function checkJson(...args: string[]): Promise<{ code: number | null; result: CheckJson; by: Record<string, Checked> }> {
  const run = await check('--json', ...args);
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as CheckJson;
  expect(result.exitCode).toBe(run.code);
  return { code: run.code, result, by: Object.fromEntries(result.devices.map((d) => [d.device, d])) };
}
const kinds = (d: Checked) => d.findings.map((f) => f.kind);
const finding = (d: Checked, kind: string) => d.findings.find((f) => f.kind === kind)!;
const lastGood = (device: string) => join(backups, device, 'last-good.cfg');

describe('switchback check', () => {
  it('a fleet never backed up: every device is stale (never backed up), exit 3', async () => {
    const { code, by } = await checkJson();
    expect(code).toBe(3);
    for (const name of NAMES) expect(kinds(by[name]!)).toEqual(['stale']);
    expect(finding(by['sw-a']!, 'stale').message).toBe('stale: never backed up successfully (no backups repository)');
  });

  it('(5) a clean fleet after a backup: exit 0, every switch ok, SSH only for the one without SNMP', async () => {
    const backup = await cli('backup');
    expect(backup.code).toBe(0);
    const run = await check();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of NAMES.filter((n) => n !== 'sw-f')) expect(run.stdout).toMatch(new RegExp(`^${name}\\s+ok\\s+snmp\\s+-$`, 'm'));
    expect(run.stdout).toMatch(/^sw-f\s+ok\s+ssh\s+-$/m);
    expect(run.stdout).toMatch(/^6 devices checked live \(5 over SNMP, 1 over SSH\): 6 ok, 0 with findings, 0 unreachable$/m);
    const { by } = await checkJson('sw-f');
    expect(by['sw-f']!.sshBecause).toBe('no snmp settings');
    expect(by['sw-f']!.findings).toEqual([]);

    const offline = await check('--offline');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^6 devices checked offline, from the backups: 6 ok, 0 with findings, 0 unreachable$/m);
  });

  it('(1) an unsaved change, a backup, then a power cycle: rebooted + lost-unsaved listing the lost lines', async () => {
    await fleet.apply('sw-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/5', ' description not-saved-yet'] });
    // Before the power event: unsaved, with its lines, live and (after a backup) offline.
    const before = await checkJson('sw-a');
    expect(before.code).toBe(3);
    expect(before.by['sw-a']!.findings).toEqual([
      {
        kind: 'unsaved',
        message: 'unsaved: running-config differs from startup-config: 1 line not saved (a power loss loses them)',
        lines: ['+ interface GigabitEthernet1/0/5', '+  description not-saved-yet'],
      },
    ]);
    expect(before.by['sw-a']!.sshBecause).toBe('unsaved per SNMP');
    // The backup itself says unsaved (exit 3) and records the unsaved lines in state.json.
    expect((await cli('backup', 'sw-a')).code).toBe(3);
    const offlineBefore = await checkJson('--offline', 'sw-a');
    expect(kinds(offlineBefore.by['sw-a']!)).toEqual(['unsaved']);

    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    const run = await check('sw-a');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-a\s+findings\s+snmp\+ssh\s+rebooted, lost-unsaved$/m);
    expect(run.stdout).toMatch(/^sw-a: rebooted at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+ s ago; snmpEngineBoots 1 → 2\)$/m);
    expect(run.stdout).toContain(
      [
        'sw-a: lost-unsaved: 1 line unsaved at the last backup is not in running-config after the reboot',
        '    interface GigabitEthernet1/0/5',
        '     description not-saved-yet',
      ].join('\n'),
    );
    const { by } = await checkJson('sw-a');
    const a = by['sw-a']!;
    expect(kinds(a)).toEqual(['rebooted', 'lost-unsaved']);
    expect(finding(a, 'lost-unsaved').lines).toEqual(['interface GigabitEthernet1/0/5', ' description not-saved-yet']);
    expect(a.reboot).toMatchObject({ by: 'engine-boots' });
    expect(a.sshBecause).toBe('rebooted');
  });

  it('(2) a power cycle that loses the configuration: rebooted + lost with the missing lines; last good survives the next backup', async () => {
    expect(existsSync(lastGood('sw-b'))).toBe(true);
    const goodBefore = readFileSync(lastGood('sw-b'), 'utf8');
    await fleet.apply('sw-b', { kind: 'power-cycle', loseConfig: true });
    const { code, by } = await checkJson('sw-b');
    expect(code).toBe(3);
    const b = by['sw-b']!;
    expect(kinds(b)).toEqual(['rebooted', 'lost']);
    const lost = finding(b, 'lost');
    expect(lost.message).toMatch(/^lost: running-config is a factory default: \d+ lines of (last good|the last backup) missing$/);
    expect(lost.lines).toContain('hostname SW-B');
    expect(lost.lines).toContain('vlan 10');
    expect(lost.lines).toContain(' description uplink core');
    // Secrets are masked in what is printed.
    expect(lost.lines!.some((l) => /^username \S+ privilege 15 secret 9 <masked>$/.test(l))).toBe(true);
    expect(lost.lines!.join('\n')).not.toMatch(/secret 9 \$9\$/);
    // Not "unsaved": saving a factory default would only make it worse.
    expect(b.notes).toContain(
      'running-config differs from the empty startup-config (none in NVRAM): not reported as unsaved — restore last good rather than saving this',
    );
    const text = await check('sw-b');
    expect(text.stdout).toMatch(/^sw-b\s+findings\s+snmp\+ssh\s+rebooted, lost$/m);
    expect(text.stdout).toMatch(/^ {4}hostname SW-B$/m);

    // The next backup records what the switch runs, and last good stays as it was.
    const backup = await cli('backup', 'sw-b', '--json');
    expect(backup.code).toBe(3);
    expect((JSON.parse(backup.stdout) as { devices: { lastGood: unknown }[] }).devices[0]!.lastGood).toMatchObject({
      held: expect.stringMatching(/factory default/),
    });
    expect(readFileSync(lastGood('sw-b'), 'utf8')).toBe(goodBefore);
    // After that backup the reboot is recorded (no longer "since the last backup"), and the
    // switch is still lost against last good: offline, and live (SSH because the backup was lost).
    const offline = await checkJson('--offline', 'sw-b');
    expect(offline.by['sw-b']!.findings).toEqual([lost]);
    expect(offline.by['sw-b']!.comparedWith).toBe('last-good');
    fleet.get('sw-b').advanceClock(6 * 60_000); // past the grace after boot: SNMP alone says "saved"
    const again = await checkJson('sw-b');
    expect(again.by['sw-b']!.findings).toEqual([lost]);
    expect(again.by['sw-b']!.sshBecause).toBe('the last backup was lost');
  });

  it('(3) the Active member loses power: stack (member missing, new Active), no config finding, no SSH', async () => {
    await fleet.apply('sw-c', { kind: 'member-down', member: 1 });
    const run = await check('sw-c');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-c\s+findings\s+snmp\s+stack$/m);
    expect(run.stdout).toContain('sw-c: stack 2/3 ready: member 1 missing (removed); active is now 2 (was 1)');
    const { by } = await checkJson('sw-c');
    expect(by['sw-c']!.findings).toEqual([{ kind: 'stack', message: 'stack 2/3 ready: member 1 missing (removed); active is now 2 (was 1)' }]);
    expect(by['sw-c']!.checkedVia).toEqual(['snmp']);
    // Offline, after a backup of the failed-over stack: the same stack finding, from show switch.
    expect((await cli('backup', 'sw-c')).code).toBe(3);
    const offline = await checkJson('--offline', 'sw-c');
    expect(offline.by['sw-c']!.findings).toEqual([{ kind: 'stack', message: 'stack 2/3 ready: member 1 missing (removed) (at the last backup)' }]);
  });

  it('(4) a switch whose last successful backup is 3 days old: stale', async () => {
    // A whole second, so that the time printed (to the second) is exactly this one.
    const threeDaysAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 86_400_000).toISOString();
    await updateRunStatus(await openStore(backups), { 'sw-d': { lastAttemptAt: threeDaysAgo, lastSuccessAt: threeDaysAgo, lastResult: 'ok' } });
    const stale = `stale: last successful backup 3 days ago (${threeDaysAgo.replace('.000Z', 'Z')}), more than the allowed 26 h`;
    const { code, by } = await checkJson('sw-d');
    expect(code).toBe(3);
    expect(kinds(by['sw-d']!)).toEqual(['stale']);
    expect(finding(by['sw-d']!, 'stale').message).toBe(stale);
    const offline = await checkJson('--offline', 'sw-d');
    expect(kinds(offline.by['sw-d']!)).toEqual(['stale']);
    expect(finding(offline.by['sw-d']!, 'stale').message).toBe(stale);
    // A longer allowed age: clean.
    expect((await check('sw-d', '--max-age', '4d')).code).toBe(0);

    // Without the run status (a fresh clone of the backups repository), the last commit that
    // touched the device stands in for its last backup: recent, so not stale, and said so.
    const statusFile = join(backups, '.run-status.json');
    const saved = readFileSync(statusFile, 'utf8');
    rmSync(statusFile);
    try {
      const fromGit = await checkJson('--offline', 'sw-d');
      expect(kinds(fromGit.by['sw-d']!)).toEqual([]);
      expect(fromGit.by['sw-d']!.notes.join('\n')).toMatch(/no run status for this device: its last backup is taken from the last commit that touched it/);
    } finally {
      writeFileSync(statusFile, saved);
    }
  });

  it('an unreachable switch (SSH refuses the login, SNMP silent): exit 1 with the reason, the others still checked', async () => {
    await fleet.apply('sw-e', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    await fleet.apply('sw-e', { kind: 'fault', fault: { kind: 'snmp-silent' } });
    // The silent agent is given up after one second; the others keep the usual room.
    const normal = inventory;
    inventory = inventoryWith(normal, { 'sw-e': FAULTY });
    try {
      const run = await check();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^sw-e\s+unreachable\s+-\s+unreachable$/m);
      expect(run.stdout).toMatch(/^sw-e: unreachable: SSH: auth: .+; SNMP: no SNMP answer from 127\.0\.0\.1:\d+ within 1 s \(1 try\)/m);
      expect(run.stdout).toMatch(/^sw-a\s+findings\s+snmp\+ssh\s+rebooted, lost-unsaved$/m);
      expect(run.stdout).toMatch(/^sw-f\s+ok\s+ssh\s+-$/m);
      expect(run.stdout).toMatch(
        /^6 devices checked live \(4 over SNMP, 3 over SSH\): 1 ok, 4 with findings \(1 rebooted, 1 lost, 1 lost-unsaved, 1 stack, 1 stale\), 1 unreachable; stale means no successful backup within 26h$/m,
      );
      for (const secret of [env.SWITCHBACK_LAB_PASSWORD!, env.SWITCHBACK_LAB_SNMP_AUTH!]) expect(run.stdout).not.toContain(secret);
    } finally {
      inventory = normal;
      await fleet.apply('sw-e', { kind: 'clear-faults' });
    }
  });

  it('a bad invocation is exit 2, nothing contacted; --help explains each finding with examples', async () => {
    const both = await check('--live', '--offline');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('switchback: --live and --offline cannot be combined');
    const age = await check('--max-age', 'yesterday');
    expect(age.code).toBe(2);
    expect(age.stderr).toContain('--max-age: a duration is a whole number and a unit (s, m, h or d), e.g. 90s, 5m, 26h or 3d; got "yesterday"');
    const noBackups = await runCli(['check', '--offline', '--inventory', inventory, '--backups', join(backups, 'nope')], { env });
    expect(noBackups.code).toBe(2);
    expect(noBackups.stderr).toContain('--offline judges the backups alone');
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    for (const kind of ['unreachable', 'rebooted', 'lost', 'lost-unsaved', 'unsaved', 'stack', 'stale'])
      expect(help.stdout).toMatch(new RegExp(`^  ${kind} +\\S`, 'm'));
    expect(help.stdout).toContain('switchback check --offline --max-age 3d');
  });
});
