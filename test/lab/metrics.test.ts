// `--metrics-file` on the lab, as a node_exporter textfile collector would see it: the real CLI
// runs backup, check and ready against a stack that loses a member, a switch with unsaved
// lines and one that refuses the login; every file passes Prometheus' own checker
// (`promtool check metrics`) and holds what a user would put in an alert. The file is
// replaced whole (a new inode, no temporary file left), so a reader never sees half of one.

import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';
import { parseExposition, promtoolCheck, samplesOf, valueOf } from '../helpers/prometheus.js';
import type { ParsedExposition } from '../helpers/prometheus.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;
/** The textfile collector's folder. */
let collector: string;

beforeAll(async () => {
  fleet = await startFleet({
    count: 3,
    specs: [stackSpec('sw-stack', 3, 1), stackSpec('sw-unsaved', 1, 2), stackSpec('sw-fail', 1, 3)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  let dir: string;
  ({ dir, inventory, backups } = labInventory(fleet, 'switchback-metrics-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  collector = join(dir, 'textfile');
  mkdirSync(collector);
});
afterAll(() => fleet.stop());

const cli = (...args: string[]): Promise<CliRun> => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

/** The file, checked by promtool (no problem said), and parsed. */
function readMetrics(file: string): { text: string; parsed: ParsedExposition } {
  const text = readFileSync(file, 'utf8');
  const check = promtoolCheck(text);
  expect(check.output, `promtool check metrics on ${file}`).toBe('');
  expect(check.code).toBe(0);
  return { text, parsed: parseExposition(text) };
}

/** The backups repository's own record of each device's last successful backup. */
function runStatus(): Record<string, { lastSuccessAt?: string }> {
  return JSON.parse(readFileSync(join(backups, '.run-status.json'), 'utf8')) as Record<string, { lastSuccessAt?: string }>;
}

describe('--metrics-file', () => {
  let firstSuccess: number;
  let firstRunSuccess: number;

  it('backup: a clean first run writes every device and the run, and passes promtool', async () => {
    const file = join(collector, 'backup.prom');
    const run = await cli('backup', '--metrics-file', file, '--quiet');
    expect(run.code).toBe(0);
    // Readable by the collector's own user, whatever the CLI's umask (077).
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const { parsed } = readMetrics(file);
    for (const d of ['sw-stack', 'sw-unsaved', 'sw-fail']) {
      expect(valueOf(parsed, 'switchback_device_success', { command: 'backup', device: d })).toBe(1);
      expect(valueOf(parsed, 'switchback_device_unsaved', { device: d })).toBe(0);
      expect(valueOf(parsed, 'switchback_device_duration_seconds', { device: d })).toBeGreaterThan(0);
    }
    firstSuccess = valueOf(parsed, 'switchback_device_last_success_timestamp_seconds', { device: 'sw-fail' });
    expect(firstSuccess).toBe(Date.parse(runStatus()['sw-fail']!.lastSuccessAt!) / 1000);
    expect(valueOf(parsed, 'switchback_device_stack_members_ready', { device: 'sw-stack' })).toBe(3);
    expect(valueOf(parsed, 'switchback_device_stack_members_expected', { device: 'sw-stack' })).toBe(3);
    expect(valueOf(parsed, 'switchback_run_devices', { result: 'new' })).toBe(3);
    expect(valueOf(parsed, 'switchback_run_devices', { result: 'failed' })).toBe(0);
    expect(valueOf(parsed, 'switchback_run_exit_code')).toBe(0);
    expect(valueOf(parsed, 'switchback_run_success')).toBe(1);
    firstRunSuccess = valueOf(parsed, 'switchback_run_last_success_timestamp_seconds');
    const start = valueOf(parsed, 'switchback_run_start_timestamp_seconds');
    expect(firstRunSuccess).toBeCloseTo(start + valueOf(parsed, 'switchback_run_duration_seconds'), 3);
    expect(samplesOf(parsed, 'switchback_device_findings')).toEqual([]);
  });

  it('backup: a failed device keeps its last success time, the unsaved one shows 1 with its lines, the stack its missing member; the file is replaced whole', async () => {
    const file = join(collector, 'backup.prom');
    const before = readFileSync(file, 'utf8');
    const inode = statSync(file).ino;
    // A reader that opened the file before the run (the collector mid-scrape) …
    const reader = openSync(file, 'r');
    try {
      await fleet.apply('sw-unsaved', { kind: 'change', lines: ['vlan 77', ' name METRICS'] });
      await fleet.apply('sw-fail', { kind: 'fault', fault: { kind: 'refuse-auth' } });
      await fleet.apply('sw-stack', { kind: 'member-down', member: 3 });
      const run = await cli('backup', '--metrics-file', file, '--json');
      expect(run.code).toBe(1);
      const json = JSON.parse(run.stdout) as { devices: { device: string; unsaved?: { counts: { added: number; removed: number } } }[] };

      // … reads the old file whole: the new one is another inode, put in place by rename.
      expect(readFileSync(reader, 'utf8')).toBe(before);
      expect(statSync(file).ino).not.toBe(inode);
      expect(readdirSync(collector)).toEqual(['backup.prom']);

      const { parsed } = readMetrics(file);
      expect(valueOf(parsed, 'switchback_device_success', { device: 'sw-fail' })).toBe(0);
      expect(valueOf(parsed, 'switchback_device_last_success_timestamp_seconds', { device: 'sw-fail' })).toBe(firstSuccess);
      expect(samplesOf(parsed, 'switchback_device_unsaved', { device: 'sw-fail' })).toEqual([]);
      expect(valueOf(parsed, 'switchback_device_last_success_timestamp_seconds', { device: 'sw-unsaved' })).toBeGreaterThan(firstSuccess);

      const counts = json.devices.find((d) => d.device === 'sw-unsaved')!.unsaved!.counts;
      expect(counts.added).toBeGreaterThan(0);
      expect(valueOf(parsed, 'switchback_device_unsaved', { device: 'sw-unsaved' })).toBe(1);
      expect(valueOf(parsed, 'switchback_device_unsaved_lines', { device: 'sw-unsaved', change: 'added' })).toBe(counts.added);
      expect(valueOf(parsed, 'switchback_device_unsaved_lines', { device: 'sw-unsaved', change: 'removed' })).toBe(counts.removed);
      expect(valueOf(parsed, 'switchback_device_findings', { device: 'sw-unsaved', kind: 'unsaved' })).toBe(1);

      expect(valueOf(parsed, 'switchback_device_stack_members_ready', { device: 'sw-stack' })).toBe(2);
      expect(valueOf(parsed, 'switchback_device_stack_members_expected', { device: 'sw-stack' })).toBe(3);
      expect(valueOf(parsed, 'switchback_device_findings', { device: 'sw-stack', kind: 'stack' })).toBe(1);

      expect(valueOf(parsed, 'switchback_run_devices', { result: 'failed' })).toBe(1);
      expect(valueOf(parsed, 'switchback_run_devices_with_findings', { kind: 'unsaved' })).toBe(1);
      expect(valueOf(parsed, 'switchback_run_devices_with_findings', { kind: 'stack' })).toBe(1);
      expect(valueOf(parsed, 'switchback_run_exit_code')).toBe(1);
      expect(valueOf(parsed, 'switchback_run_success')).toBe(0);
      // The last successful run is still the first one.
      expect(valueOf(parsed, 'switchback_run_last_success_timestamp_seconds')).toBe(firstRunSuccess);
    } finally {
      closeSync(reader);
    }
  });

  it('check: the same switches, judged live, with command="check"', async () => {
    const file = join(collector, 'check.prom');
    const run = await cli('check', '--metrics-file', file, '--json');
    const json = JSON.parse(run.stdout) as { devices: { device: string; status: string; findings: { kind: string }[] }[] };
    const { parsed } = readMetrics(file);
    expect(valueOf(parsed, 'switchback_run_exit_code', { command: 'check' })).toBe(run.code);
    for (const d of json.devices) {
      expect(valueOf(parsed, 'switchback_device_success', { command: 'check', device: d.device })).toBe(d.status === 'unreachable' ? 0 : 1);
      for (const kind of new Set(d.findings.map((f) => f.kind)))
        expect(valueOf(parsed, 'switchback_device_findings', { device: d.device, kind })).toBe(d.findings.filter((f) => f.kind === kind).length);
    }
    expect(valueOf(parsed, 'switchback_device_unsaved', { device: 'sw-unsaved' })).toBe(1);
    expect(valueOf(parsed, 'switchback_device_findings', { device: 'sw-stack', kind: 'stack' })).toBe(1);
    expect(valueOf(parsed, 'switchback_device_last_success_timestamp_seconds', { device: 'sw-fail' })).toBe(firstSuccess);
    for (const s of parsed.samples) expect(s.labels.command).toBe('check');
  });

  it('ready: its failing checklist items are its findings, and saved is the unsaved figure', async () => {
    const file = join(collector, 'ready.prom');
    const run = await cli('ready', '--metrics-file', file);
    expect(run.code).not.toBe(0);
    const { parsed } = readMetrics(file);
    expect(valueOf(parsed, 'switchback_run_exit_code', { command: 'ready' })).toBe(run.code);
    expect(valueOf(parsed, 'switchback_device_unsaved', { command: 'ready', device: 'sw-unsaved' })).toBe(1);
    expect(valueOf(parsed, 'switchback_device_findings', { device: 'sw-unsaved', kind: 'saved' })).toBe(1);
  });

  it('check --offline and check --snmp write their own figures under command="check"', async () => {
    for (const mode of ['--offline', '--snmp']) {
      const file = join(collector, 'check.prom');
      const run = await cli('check', mode, '--metrics-file', file);
      const { parsed } = readMetrics(file);
      expect(valueOf(parsed, 'switchback_run_exit_code', { command: 'check' })).toBe(run.code);
      expect(valueOf(parsed, 'switchback_device_stack_members_ready', { device: 'sw-stack' })).toBe(2);
      expect(valueOf(parsed, 'switchback_device_last_success_timestamp_seconds', { device: 'sw-fail' })).toBe(firstSuccess);
      expect(valueOf(parsed, 'switchback_device_findings', { device: 'sw-stack', kind: 'stack' })).toBe(1);
    }
  });

  it("the inventory's defaults give the file (relative to the inventory's folder); with --shard every series says which", async () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as { defaults?: Record<string, unknown> };
    doc.defaults = { ...doc.defaults, metricsFile: 'textfile/from-inventory.prom' };
    const withFile = join(dirname(inventory), 'with-metrics.yaml');
    writeFileSync(withFile, stringify(doc));
    const run = await runCli(['check', '--offline', '--shard', '1/1', '--inventory', withFile, '--backups', backups], { env });
    expect(run.code).not.toBe(2);
    const { parsed } = readMetrics(join(collector, 'from-inventory-check-shard-1-of-1.prom'));
    expect(parsed.samples.length).toBeGreaterThan(0);
    for (const s of parsed.samples) expect(s.labels).toMatchObject({ command: 'check', shard: '1/1' });
  });

  it('a folder that does not exist is a bad invocation: exit 2, nothing contacted, nothing written', async () => {
    await fleet.apply('sw-fail', { kind: 'clear-faults' });
    const missing = join(collector, 'no-such-folder', 'backup.prom');
    const run = await cli('backup', '--metrics-file', missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(collector).sort()).toEqual(['backup.prom', 'check.prom', 'from-inventory-check-shard-1-of-1.prom', 'ready.prom']);
  });
});
