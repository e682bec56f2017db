// `npm run bench`: every figure of issue 17, each measured as its own process where a user would
// run it as one, beside its target and, for the backup, beside the floor (a bare ssh2 client doing
// the same logins and commands in the same minute). Prints a table, writes the figures as JSON.
// Benchmarks never fail on time: the exit code is 0 unless something broke.
//
//   npm run bench                       the full suite (about 15–25 minutes on 2 busy cores)
//   npm run bench -- --quick            smaller sizes, a few minutes
//   npm run bench -- --markdown         also print the table as markdown (docs/PERFORMANCE.md)
//   npm run bench -- --json PATH        write the figures there too (always: bench-results/<time>.json)
//   npm run bench -- --only backup,diff sections: backup, memory, snmp, offline, commit, diff, capture, mixed
// Sizes: --fleet 200 --concurrency 20,50,200 --memory 1000[,5000] --snmp 1000 --offline 5000
//        --commit 5000 --diff-lines 100000 --capture 5,10,20 --latency 50 --mixed (a mixed-platform extra)
//        --no-build (dist/ is current)

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformByName } from '../../src/platforms/index.js';
import { stackReadings } from '../../src/platforms/stack-models/index.js';
import type { CaptureFigure } from './capture.js';
import { startFleetProcess } from './fleet-client.js';
import type { FleetProcess } from './fleet-client.js';
import type { FleetInfo } from './fleet-process.js';
import type { FloorResult } from './floor.js';
import { measureNode } from './measure.js';
import type { Measured } from './measure.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/switchback');
const TSX = ['--import', 'tsx'];
const suiteStart = performance.now();

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string, full: string, quick: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : flag('quick') ? quick : full;
};
const list = (s: string) =>
  s
    .split(',')
    .map(Number)
    .filter((n) => n > 0);

const quick = flag('quick');
const opts = {
  fleet: Number(value('fleet', '200', '50')),
  concurrency: list(value('concurrency', '20,50,200', '20,50')),
  memory: list(value('memory', '1000', '')),
  snmp: Number(value('snmp', '1000', '200')),
  offline: Number(value('offline', '5000', '1000')),
  commit: Number(value('commit', '5000', '1000')),
  diffLines: Number(value('diff-lines', '100000', '100000')),
  capture: list(value('capture', '5,10,20', '2,5')),
  latency: Number(value('latency', '50', '50')),
  memoryConcurrency: list(value('memory-concurrency', '50,200', '50')),
};
const only = new Set(value('only', 'backup,memory,snmp,offline,commit,diff,capture', 'backup,memory,snmp,offline,commit,diff,capture').split(','));
if (flag('mixed')) only.add('mixed');

// ---------------------------------------------------------------- figures

export interface Figure {
  section: string;
  figure: string;
  /** The measured value, in `unit`. */
  measured: number;
  unit: 'ms' | 's' | 'MB' | '×' | 'ms/device' | 's/MB';
  floor?: number;
  /** measured ÷ floor. */
  ratio?: number;
  /** The issue's target, in `unit`, and as words. */
  target?: number;
  targetText: string;
  met?: boolean;
  note?: string;
}

const figures: Figure[] = [];
const problems: string[] = [];
const context: Record<string, unknown> = {};

function add(f: Omit<Figure, 'met' | 'ratio'> & { ratio?: number }): void {
  const ratio = f.ratio ?? (f.floor !== undefined && f.floor > 0 ? f.measured / f.floor : undefined);
  const met = f.target !== undefined ? f.measured <= f.target : undefined;
  const fig: Figure = { ...f, ...(ratio !== undefined ? { ratio } : {}), ...(met !== undefined ? { met } : {}) };
  figures.push(fig);
  process.stdout.write(
    `  ${fig.figure}: ${fmt(fig.measured, fig.unit)}${fig.floor !== undefined ? ` (floor ${fmt(fig.floor, fig.unit)})` : ''} — target ${fig.targetText}\n`,
  );
}

function fmt(n: number, unit: Figure['unit']): string {
  switch (unit) {
    case '×':
      return `${n.toFixed(2)}×`;
    case 's':
      return `${n.toFixed(2)} s`;
    case 's/MB':
      return `${n.toFixed(3)} s/MB`;
    case 'MB':
      return `${Math.round(n)} MB`;
    case 'ms/device':
      return `${n.toFixed(1)} ms`;
    case 'ms':
      return `${Math.round(n)} ms`;
  }
}

const say = (s: string) => process.stdout.write(`${s}\n`);
const elapsed = () => `${((performance.now() - suiteStart) / 1000 / 60).toFixed(1)} min`;

function ok(m: Measured, what: string, allowed: number[] = [0]): boolean {
  if (m.code !== null && allowed.includes(m.code)) return true;
  const err = m.stderr.trim().split('\n').slice(-5).join('\n  ');
  problems.push(`${what} exited ${m.code}: ${err}`);
  say(`  ! ${what} exited ${m.code}\n  ${err}`);
  return false;
}

// ---------------------------------------------------------------- set-up

const work = mkdtempSync(join(tmpdir(), 'switchback-bench-'));
const resultsDir = join(ROOT, 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const floorJs = join(resultsDir, '.build', 'floor.js');

if (!flag('no-build')) {
  say('building dist/ (npm run build) and the floor client …');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
// The floor runs as plain JavaScript like switchback does: compiled here with the project's tsc.
execFileSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    join(ROOT, 'test/bench/floor.ts'),
    '--outDir',
    join(resultsDir, '.build'),
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--esModuleInterop',
    '--skipLibCheck',
    '--types',
    'node',
  ],
  { cwd: ROOT, stdio: 'inherit' },
);

const platform = platformByName('cisco-ios')!;
const startupCommand = platform.startup.from === 'command' ? [platform.startup.command] : [];
/** What switchback backup types at an IOS switch after `enable`, in its order (capture.ts captureOn). */
const FLOOR_COMMANDS = [
  ...platform.setup,
  platform.commands.version,
  ...stackReadings(platform.stack).map((r) => r.command),
  platform.commands.running,
  ...startupCommand,
];
context.floorCommands = FLOOR_COMMANDS;

function writeInventory(info: FleetInfo, dir: string): string {
  const file = join(dir, `fleet-${info.count}.yaml`);
  writeFileSync(file, info.inventory);
  return file;
}

async function floor(info: FleetInfo, concurrency: number): Promise<FloorResult | undefined> {
  const targets = join(work, `floor-${info.count}.json`);
  writeFileSync(
    targets,
    JSON.stringify({
      targets: info.ports.map((p) => ({ host: '127.0.0.1', port: p.ssh })),
      commands: FLOOR_COMMANDS,
      env: { username: 'SWITCHBACK_LAB_USER', password: 'SWITCHBACK_LAB_PASSWORD', enableSecret: 'SWITCHBACK_LAB_ENABLE' },
    }),
  );
  const m = await measureNode([floorJs, '--targets', targets, '--concurrency', String(concurrency)], { env: info.env });
  if (!ok(m, `floor (${info.count} switches, c${concurrency})`)) return undefined;
  const r = JSON.parse(m.stdout.trim().split('\n').pop()!) as FloorResult;
  if (r.failed > 0) problems.push(`floor: ${r.failed} of ${r.devices} failed: ${r.errors.join('; ')}`);
  // Whole process, as the backup is measured.
  return { ...r, wallMs: m.wallMs, cpuUserMs: m.userMs, cpuSysMs: m.sysMs, maxRssMb: m.maxRssMb };
}

interface BackupRun {
  m: Measured;
  dir: string;
  ok: number;
  failed: number;
}

async function backup(info: FleetInfo, concurrency: number, inventory: string, tag: string): Promise<BackupRun | undefined> {
  const dir = join(work, `backups-${info.count}-c${concurrency}-${tag}`);
  rmSync(dir, { recursive: true, force: true });
  const m = await measureNode([BIN, 'backup', '--inventory', inventory, '--backups', dir, '--concurrency', String(concurrency), '--json'], { env: info.env });
  // 3: all backed up, with findings; 1: some devices failed (counted below).
  if (!ok(m, `switchback backup (${info.count} switches, c${concurrency})`, [0, 1, 3])) return undefined;
  let good = 0;
  let failed = 0;
  try {
    const out = JSON.parse(m.stdout) as { devices?: { result?: string; status?: string }[] };
    for (const d of out.devices ?? []) if ((d.result ?? d.status) === 'failed') failed++;
    good = (out.devices?.length ?? 0) - failed;
  } catch {
    problems.push(`switchback backup --json (${info.count}, c${concurrency}) printed no JSON`);
  }
  if (failed > 0) problems.push(`switchback backup (${info.count}, c${concurrency}): ${failed} devices failed`);
  return { m, dir, ok: good, failed };
}

const fleets: Record<string, unknown>[] = [];
async function withFleet<T>(count: number, fn: (f: FleetProcess, inventory: string) => Promise<T>, platformArg = 'cisco-ios'): Promise<T> {
  const t0 = performance.now();
  const fleet = await startFleetProcess(['--count', String(count), '--latency', String(opts.latency), '--platform', platformArg]);
  const { info } = fleet;
  const l = info.lines;
  say(
    `\nlab fleet (its own process): ${info.count} ${platformArg} switches up in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${info.rssMb} MB; ` +
      `running config ${l.mean} lines on average (${l.min}–${l.max}; ${l.bigCount} big at ${l.bigMean}, the rest ${l.regularMean}), ` +
      `${(info.bytes.mean / 1024).toFixed(0)} KB on average; ${info.latencyMs} ms per command`,
  );
  fleets.push({ count: info.count, platform: platformArg, lines: l, bytes: info.bytes, latencyMs: info.latencyMs, startMs: info.startMs, rssMb: info.rssMb });
  try {
    return await fn(fleet, writeInventory(info, work));
  } finally {
    await fleet.stop();
  }
}

// ---------------------------------------------------------------- the sections

const perDevice = (ms: number, n: number) => ms / Math.max(1, n);
let storeForOffline: string | undefined;

async function backupSection(fleet: FleetProcess, inventory: string): Promise<void> {
  const { info } = fleet;
  say(`backup against the floor, ${info.count} switches (each concurrency: the floor, then switchback backup into a fresh backups dir)`);
  for (const c of opts.concurrency) {
    const lab0 = await fleet.cpuMs();
    const f = await floor(info, c);
    const lab1 = await fleet.cpuMs();
    const b = await backup(info, c, inventory, 'ratio');
    const lab2 = await fleet.cpuMs();
    if (!f || !b) continue;
    storeForOffline ??= b.dir;
    const n = info.count;
    add({
      section: 'backup',
      figure: `backup wall ÷ floor, ${n} switches, concurrency ${c}`,
      measured: b.m.wallMs / 1000,
      unit: 's',
      floor: f.wallMs / 1000,
      target: 1.25 * (f.wallMs / 1000),
      targetText: '≤ 1.25× the floor',
      note: `the floor read ${(f.bytes / 1024 / 1024).toFixed(0)} MB${b.failed ? `; ${b.failed} backups failed` : ''}`,
    });
    add({
      section: 'backup',
      figure: `CPU per device, backup, concurrency ${c} (switchback's node process)`,
      measured: perDevice(b.m.cpuMs, n),
      unit: 'ms/device',
      floor: perDevice(f.cpuUserMs + f.cpuSysMs, n),
      target: 10,
      targetText: '≤ 10 ms',
    });
    if (b.m.cpuWithChildrenMs !== undefined)
      add({
        section: 'backup',
        figure: `CPU per device, backup, concurrency ${c}, with its git processes`,
        measured: perDevice(b.m.cpuWithChildrenMs, n),
        unit: 'ms/device',
        floor: perDevice(f.cpuUserMs + f.cpuSysMs, n),
        targetText: '— (the 10 ms target is the node process)',
      });
    add({
      section: 'backup',
      figure: `peak RSS, backup, ${n} switches, concurrency ${c}`,
      measured: b.m.maxRssMb,
      unit: 'MB',
      floor: f.maxRssMb,
      target: 300,
      targetText: '≤ 300 MB',
    });
    add({
      section: 'backup',
      figure: `the lab's CPU per device while serving it, concurrency ${c}`,
      measured: perDevice(lab2 - lab1, info.count),
      unit: 'ms/device',
      floor: perDevice(lab1 - lab0, info.count),
      targetText: '— (the lab shares the 2 cores: more here is less for the client)',
    });
  }
}

async function memorySection(fleet: FleetProcess, inventory: string): Promise<string | undefined> {
  const { info } = fleet;
  say(`backup memory, ${info.count} switches`);
  let dir: string | undefined;
  for (const c of opts.memoryConcurrency) {
    const lab0 = await fleet.cpuMs();
    const b = await backup(info, c, inventory, 'memory');
    const labMs = (await fleet.cpuMs()) - lab0;
    if (!b) continue;
    dir ??= b.dir;
    add({
      section: 'memory',
      figure: `peak RSS, backup, ${info.count} switches, concurrency ${c}`,
      measured: b.m.maxRssMb,
      unit: 'MB',
      target: 300,
      targetText: '≤ 300 MB, flat from 1,000 to 5,000',
      note: `wall ${(b.m.wallMs / 1000).toFixed(1)} s, CPU ${perDevice(b.m.cpuMs, info.count).toFixed(1)} ms per device (the lab ${perDevice(labMs, info.count).toFixed(1)} ms)${b.failed ? `, ${b.failed} failed` : ''}`,
    });
  }
  return dir;
}

async function snmpSection(fleet: FleetProcess, inventory: string, store: string): Promise<void> {
  const n = fleet.info.count;
  say(`check --snmp, ${n} switches (SNMPv3 authPriv SHA/AES, as the lab inventory has it)`);
  const lab0 = await fleet.cpuMs();
  const m = await measureNode([BIN, 'check', '--snmp', '--inventory', inventory, '--backups', store, '--json'], { env: fleet.info.env });
  const labMs = (await fleet.cpuMs()) - lab0;
  // 3: findings (a fact, not a failure of the bench).
  if (!ok(m, 'switchback check --snmp', [0, 3])) return;
  let unreachable = 0;
  try {
    const out = JSON.parse(m.stdout) as { devices?: { findings?: { kind: string }[] }[] };
    unreachable = (out.devices ?? []).filter((d) => d.findings?.some((f) => f.kind === 'unreachable')).length;
  } catch {
    // the figure stands without the count
  }
  if (unreachable > 0) problems.push(`check --snmp: ${unreachable} of ${n} unreachable`);
  add({
    section: 'snmp',
    figure: `check --snmp, ${n} switches, as its own process`,
    measured: m.wallMs / 1000,
    unit: 's',
    target: 5,
    targetText: '≤ 5 s',
    ...(unreachable ? { note: `${unreachable} unreachable` } : {}),
  });
  add({
    section: 'snmp',
    figure: `CPU per device, check --snmp, ${n} switches`,
    measured: perDevice(m.cpuMs, n),
    unit: 'ms/device',
    targetText: '— (15 ms before)',
    note: `the lab's agents meanwhile: ${perDevice(labMs, n).toFixed(1)} ms per device`,
  });
}

async function offlineAndCommitSection(): Promise<void> {
  if (!storeForOffline) {
    problems.push('check --offline / commit: no backup store to build from (the backup section did not run or failed)');
    return;
  }
  const count = Math.max(opts.offline, opts.commit);
  const store = join(work, `store-${count}`);
  const inventory = join(work, `store-${count}.yaml`);
  say(`\nthe backups store of ${count} devices (made from the ${opts.fleet}-switch backup, committed as one run)`);
  const clone = await measureNode([
    ...TSX,
    join(ROOT, 'test/bench/store-bench.ts'),
    'clone',
    '--from',
    storeForOffline,
    '--count',
    String(count),
    '--out',
    store,
    '--inventory-out',
    inventory,
  ]);
  if (!ok(clone, 'store-bench clone')) return;
  const c = JSON.parse(clone.stdout.trim()) as { writeMs: number; commitNewMs: number };
  add({
    section: 'commit',
    figure: `commit of a first run: ${count} new devices`,
    measured: c.commitNewMs / 1000,
    unit: 's',
    targetText: '— (not in the issue)',
  });
  if (only.has('offline')) {
    say(`check --offline, ${count} stored devices`);
    const m = await measureNode([BIN, 'check', '--offline', '--inventory', inventory, '--backups', store, '--json']);
    if (ok(m, 'switchback check --offline', [0, 3]))
      add({
        section: 'offline',
        figure: `check --offline, ${count} stored devices, as its own process`,
        measured: m.wallMs / 1000,
        unit: 's',
        target: 3,
        targetText: '≤ 3 s',
        note: `CPU ${(m.cpuMs / 1000).toFixed(2)} s (node), ${(((m.cpuWithChildrenMs ?? m.cpuMs) as number) / 1000).toFixed(2)} s with git`,
      });
  }
  if (only.has('commit')) {
    say(`commit of a run (the store's commitRun), ${opts.commit} of ${count} devices`);
    const m = await measureNode([...TSX, join(ROOT, 'test/bench/store-bench.ts'), 'commit', '--store', store, '--count', String(opts.commit), '--few', '5']);
    if (!ok(m, 'store-bench commit')) return;
    const r = JSON.parse(m.stdout.trim()) as { commitAllMs: number; commitFewMs: number };
    add({
      section: 'commit',
      figure: `commit of a run: ${opts.commit} changed devices`,
      measured: r.commitAllMs / 1000,
      unit: 's',
      target: 5,
      targetText: '≤ 5 s',
    });
    add({ section: 'commit', figure: `commit of a run: 5 changed of ${count}`, measured: r.commitFewMs / 1000, unit: 's', target: 0.5, targetText: '≤ 0.5 s' });
  }
}

async function diffSection(): Promise<void> {
  const lines = opts.diffLines;
  say(`\ndiff of a ${lines}-line config, 1% changed`);
  const store = join(work, 'diff-store');
  const setup = await measureNode([
    ...TSX,
    join(ROOT, 'test/bench/store-bench.ts'),
    'diff-setup',
    '--lines',
    String(lines),
    '--changed',
    '0.01',
    '--out',
    store,
  ]);
  if (!ok(setup, 'store-bench diff-setup')) return;
  const inproc = await measureNode([...TSX, join(ROOT, 'test/bench/store-bench.ts'), 'diff-inproc', '--lines', String(lines), '--changed', '0.01']);
  if (ok(inproc, 'store-bench diff-inproc')) {
    const r = JSON.parse(inproc.stdout.trim()) as { medianMs: number; medianCpuMs: number; added: number; removed: number };
    add({
      section: 'diff',
      figure: `diff of a ${lines}-line config, 1% changed: the comparison (compareConfigs)`,
      measured: r.medianMs,
      unit: 'ms',
      target: 200,
      targetText: '≤ 200 ms',
      note: `+${r.added} -${r.removed}, median of 3 (CPU ${r.medianCpuMs} ms)`,
    });
  }
  const m = await measureNode([BIN, 'diff', 'big-diff', '--backups', store, '--json']);
  // 3: they differ.
  if (ok(m, 'switchback diff', [0, 3]))
    add({
      section: 'diff',
      figure: `switchback diff big-diff (${lines} lines, 1% changed) as its own process`,
      measured: m.wallMs,
      unit: 'ms',
      targetText: '— (start-up and git reads on top of the comparison)',
      note: `CPU ${m.cpuMs} ms`,
    });
}

async function captureSection(): Promise<void> {
  say(`\ncapture of a large running config over SSH (${opts.capture.join(', ')} MB; the lab switch in its own process)`);
  const out = join(work, 'capture.json');
  const m = await measureNode([...TSX, join(ROOT, 'test/bench/capture.ts'), ...opts.capture.map(String), '--json', out]);
  if (!ok(m, 'capture.ts')) return;
  const caps = JSON.parse(readFileSync(out, 'utf8')) as CaptureFigure[];
  for (const c of caps)
    add({
      section: 'capture',
      figure: `capture of a ${c.mb} MB config`,
      measured: c.seconds,
      unit: 's',
      ...(c.mb >= 20 ? { target: 2 } : {}),
      targetText: c.mb >= 20 ? '≤ 2 s' : '— (linear: s/MB as at the largest)',
      note: `${c.secondsPerMb.toFixed(3)} s/MB, CPU ${c.cpuSeconds.toFixed(2)} s`,
    });
  const first = caps[0];
  const last = caps[caps.length - 1];
  if (first && last && last !== first)
    add({
      section: 'capture',
      figure: `capture linearity: s/MB at ${last.mb} MB ÷ s/MB at ${first.mb} MB`,
      measured: last.secondsPerMb / first.secondsPerMb,
      unit: '×',
      target: 1.5,
      targetText: 'linear (≈ 1; ≤ 1.5 allowing for noise)',
    });
}

async function mixedSection(fleet: FleetProcess, inventory: string): Promise<void> {
  say(`backup of a mixed-platform fleet (every lab platform dealt out in turn; no floor: the floor speaks IOS)`);
  const b = await backup(fleet.info, 50, inventory, 'mixed');
  if (!b) return;
  add({
    section: 'mixed',
    figure: `backup, ${fleet.info.count} mixed-platform switches, concurrency 50`,
    measured: b.m.wallMs / 1000,
    unit: 's',
    targetText: '— (extra figure)',
    note: `CPU ${perDevice(b.m.cpuMs, fleet.info.count).toFixed(1)} ms per device, peak RSS ${b.m.maxRssMb} MB${b.failed ? `, ${b.failed} failed` : ''}`,
  });
}

// ---------------------------------------------------------------- the run

say(`switchback bench${quick ? ' (quick)' : ''}: ${JSON.stringify(opts)}; sections ${[...only].join(', ')}`);
say(`work dir ${work}`);
try {
  // One fleet per size, each used for every section that needs that size.
  const sizes = new Set<number>();
  if (only.has('backup') || only.has('offline') || only.has('commit')) sizes.add(opts.fleet);
  if (only.has('memory')) for (const m of opts.memory) sizes.add(m);
  if (only.has('snmp')) sizes.add(opts.snmp);
  for (const size of [...sizes].sort((a, b) => a - b)) {
    await withFleet(size, async (fleet, inventory) => {
      let store: string | undefined;
      if (size === opts.fleet && (only.has('backup') || only.has('offline') || only.has('commit'))) {
        await backupSection(fleet, inventory);
        store = storeForOffline;
      }
      if (only.has('memory') && opts.memory.includes(size)) store = (await memorySection(fleet, inventory)) ?? store;
      if (only.has('snmp') && size === opts.snmp) {
        if (!store) {
          say(`a backup first (concurrency 200), so check --snmp compares with stored state`);
          store = (await backup(fleet.info, 200, inventory, 'for-snmp'))?.dir;
        }
        if (store) await snmpSection(fleet, inventory, store);
      }
    });
    say(`  (${elapsed()} so far)`);
  }
  if (only.has('offline') || only.has('commit')) await offlineAndCommitSection();
  if (only.has('diff')) await diffSection();
  if (only.has('capture')) await captureSection();
  if (only.has('mixed')) await withFleet(opts.fleet, mixedSection, 'mixed');
} catch (err) {
  problems.push(`the bench broke: ${(err as Error).stack ?? String(err)}`);
} finally {
  if (!flag('keep')) rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the report

const totalS = (performance.now() - suiteStart) / 1000;
const cell = (f: Figure) => ({
  figure: f.figure,
  measured: fmt(f.measured, f.unit),
  floor: f.floor !== undefined ? fmt(f.floor, f.unit) : '',
  ratio: f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '',
  target: f.targetText + (f.met === undefined ? '' : f.met ? ' ✓' : ' ✗'),
  note: f.note ?? '',
});
const rows = figures.map(cell);
const cols = ['figure', 'measured', 'floor', 'ratio', 'target', 'note'] as const;
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))])) as Record<(typeof cols)[number], number>;
say(`\n${cols.map((c) => c.padEnd(width[c])).join('  ')}`);
say(cols.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of rows) say(cols.map((c) => r[c].padEnd(width[c])).join('  '));

const when = new Date().toISOString();
const cpus = (await import('node:os')).cpus();
const machine = { cpus: cpus.length, model: cpus[0]?.model ?? 'unknown', node: process.version, load: (await import('node:os')).loadavg() };
if (flag('markdown')) {
  say(`\n<!-- bench: ${when}, ${machine.cpus} × ${machine.model}, node ${machine.node}, ${quick ? 'quick' : 'full'}: npm run bench -- ${argv.join(' ')} -->`);
  for (const f of fleets) {
    const l = f.lines as FleetInfo['lines'];
    say(
      `Fleet of ${f.count} ${f.platform} switches: running config ${l.mean} lines on average (${l.min}–${l.max}; ${l.bigCount} at ${l.bigMean}, the rest ${l.regularMean}), ${f.latencyMs} ms per command.  `,
    );
  }
  say('');
  say('| figure | measured | floor | ratio to floor | target | note |');
  say('|---|---|---|---|---|---|');
  for (const r of rows) say(`| ${r.figure} | ${r.measured} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.note} |`);
}

const result = { when, quick, options: opts, machine, fleets, context, figures, problems, totalSeconds: Math.round(totalS) };
const file = join(resultsDir, `${when.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
const jsonAt = argv.indexOf('--json');
if (jsonAt >= 0 && argv[jsonAt + 1]) writeFileSync(argv[jsonAt + 1]!, JSON.stringify(result, null, 2) + '\n');
if (problems.length > 0) say(`\nproblems:\n  ${problems.join('\n  ')}`);
say(`\nfigures written to ${file}; the bench took ${(totalS / 60).toFixed(1)} min`);
// Never fail on time: only when something broke (a process failed, devices failed, SNMP went unanswered).
process.exitCode = problems.length > 0 ? 1 : 0;
