// `--metrics-file PATH` (or `metricsFile` in the inventory's defaults): after a run, its
// figures in Prometheus' text format (report/), written atomically for node_exporter's
// textfile collector. The command files call two things: metricsTarget before anything is
// contacted (a path that cannot be written is a bad invocation), and one write* after the
// run, once the exit code is known.

import { statSync } from 'node:fs';
import path from 'node:path';
import type { BackupRun } from '../jobs/backup-result.js';
import type { CheckRun } from '../jobs/check.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import type { ReadyRun } from '../jobs/ready.js';
import { readRunStatus } from '../store/index.js';
import type { RunStatus, Store } from '../store/index.js';
import { renderMetrics, sampleValue } from '../report/metrics.js';
import { readMetricsFile, writeMetricsFile } from '../report/metrics-file.js';
import { backupFigures, checkFigures, readyFigures, snmpCheckFigures } from '../report/run-figures.js';
import type { RunOutcome } from '../report/run-figures.js';
import { RUN_LAST_SUCCESS, runFamilies, runLabels } from '../report/run-metrics.js';
import type { RunFigures } from '../report/run-metrics.js';
import { parseShard } from '../inventory/shard.js';
import { EXIT, UserError } from './exit-codes.js';

type Labels = Readonly<Record<string, string>>;

/** Where the figures go, and the labels that set this run apart from the other runs of its command (its shard). */
export interface MetricsTarget {
  file: string;
  labels?: Labels;
}

/**
 * `--metrics-file` (else the inventory's `metricsFile`), checked before anything is
 * contacted: its folder exists and it is not itself a folder. Undefined when none is asked
 * for. With `--shard K/N` every series carries `shard="K/N"`: the N jobs' files then sit in
 * one collector folder without two claiming the same series.
 *
 * The inventory's `metricsFile` is said once for every command, but each run replaces its
 * file whole: a `check` every five minutes into the nightly backup's file would wipe the
 * backup's series, and an alert on them (the README's SwitchBackupStale) would never fire
 * for want of a series. So it names a file per command (and per shard), `switchback.prom`
 * → `switchback-backup.prom`, `switchback-check-shard-2-of-4.prom`. A --metrics-file is
 * the command line's own and is used as given.
 */
export function metricsTarget(
  opts: { metricsFile?: string; shard?: string },
  fromInventory: { metricsFile?: string },
  command: MetricsCommand,
): MetricsTarget | undefined {
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const sharded = shard && !('problem' in shard) ? shard : undefined;
  const file = opts.metricsFile ?? (fromInventory.metricsFile === undefined ? undefined : perCommand(fromInventory.metricsFile, command, sharded));
  if (file === undefined) return undefined;
  if (file.trim() === '') throw new UserError('--metrics-file takes a file path', EXIT.usage);
  const labels = sharded ? { labels: { shard: `${sharded.index}/${sharded.count}` } } : {};
  const target = path.resolve(file);
  const dir = path.dirname(target);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new UserError(
      `--metrics-file ${target}: the folder ${dir} does not exist (the file is created in it, never the folder); nothing was contacted`,
      EXIT.usage,
    );
  let exists: 'file' | 'dir' | 'none' = 'none';
  try {
    exists = statSync(target).isDirectory() ? 'dir' : 'file';
  } catch {
    exists = 'none';
  }
  if (exists === 'dir')
    throw new UserError(`--metrics-file ${target}: is a folder; give a file path such as ${path.join(target, 'switchback.prom')}`, EXIT.usage);
  return { file: target, ...labels };
}

/** The commands that write metrics, as their series' `command` label says. */
export type MetricsCommand = 'backup' | 'check' | 'ready';

/** `dir/switchback.prom` → `dir/switchback-backup.prom` (`-shard-K-of-N` too when sharded). */
export function perCommand(file: string, command: MetricsCommand, shard?: { index: number; count: number }): string {
  const ext = file.endsWith('.prom') ? '.prom' : '';
  const own = `-${command}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}`;
  return file.slice(0, file.length - ext.length) + own + ext;
}

/** Exit 0 and 3 are runs that did their work on every device: findings are not failures. */
const succeeded = (code: number): boolean => code === EXIT.ok || code === EXIT.findings;

/**
 * Render and replace the file. A failure to write is said on stderr and never changes the
 * run's exit code: the run did what it did, and the file left as it was goes stale, which the
 * README's staleness alert catches. Returns whether it was written.
 */
async function writeFigures(target: MetricsTarget, figures: (outcome: RunOutcome) => RunFigures, exitCode: number, command: string): Promise<boolean> {
  const { file, labels } = target;
  try {
    const previous = await readMetricsFile(file);
    const carried = previous === undefined ? undefined : sampleValue(previous, RUN_LAST_SUCCESS, runLabels({ command, ...(labels ? { labels } : {}) }));
    const outcome: RunOutcome = {
      exitCode,
      success: succeeded(exitCode),
      ...(labels ? { labels } : {}),
      ...(carried !== undefined && Number.isFinite(carried) ? { previousLastSuccessAt: carried } : {}),
    };
    await writeMetricsFile(file, renderMetrics(runFamilies(figures(outcome))));
    return true;
  } catch (err) {
    process.stderr.write(`switchback: --metrics-file ${file}: not written: ${(err as Error).message.split('\n')[0]}\n`);
    return false;
  }
}

async function statusOf(store: Store | null): Promise<RunStatus> {
  return store ? readRunStatus(store).catch(() => ({})) : {};
}

export async function writeBackupMetrics(target: MetricsTarget | undefined, run: BackupRun, exitCode: number, store: Store): Promise<void> {
  if (target === undefined) return;
  const status = await statusOf(store);
  await writeFigures(target, (o) => backupFigures(run, o, status), exitCode, 'backup');
}

export async function writeCheckMetrics(target: MetricsTarget | undefined, run: CheckRun, exitCode: number): Promise<void> {
  if (target === undefined) return;
  await writeFigures(target, (o) => checkFigures(run, o), exitCode, 'check');
}

export async function writeSnmpCheckMetrics(target: MetricsTarget | undefined, run: SnmpCheckRun, exitCode: number, store: Store | null): Promise<void> {
  if (target === undefined) return;
  const status = await statusOf(store);
  await writeFigures(target, (o) => snmpCheckFigures(run, o, status), exitCode, 'check');
}

export async function writeReadyMetrics(target: MetricsTarget | undefined, run: ReadyRun, exitCode: number, store: Store | null): Promise<void> {
  if (target === undefined) return;
  const status = await statusOf(store);
  await writeFigures(target, (o) => readyFigures(run, o, status), exitCode, 'ready');
}
