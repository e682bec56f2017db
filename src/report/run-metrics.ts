// A run's figures as Prometheus metric families: what `--metrics-file` writes after backup,
// check and ready (and what `watch` will serve). The figures are plain data that each
// command's result is mapped to (run-figures.ts); this file names the metrics, says what each
// means (the HELP text, the same whichever command wrote it: node_exporter's textfile
// collector merges the files of several commands, and families must agree), and picks the
// labels. Every series carries `command` (backup, check, ready), so one collector folder can
// hold a file per command (and per shard, with the run's own labels) without two files
// claiming the same series.

import type { MetricFamily, MetricSample } from './metrics.js';

export interface DeviceFigures {
  device: string;
  /** The device's result in this run, one of RunFigures.results. */
  result: string;
  /** This run did the device's work: backed up, checked, its checklist complete. */
  success: boolean;
  /** ISO time of the device's last successful backup, from the backups repository (a failure keeps the earlier one); null if it never had one. */
  lastSuccessAt: string | null;
  durationMs: number;
  /** Unsaved changes, when the run could judge them (absent: unknown — failed, or the saved configuration unreadable). */
  unsaved?: { unsaved: boolean; lines?: { added: number; removed: number } };
  /** One entry per finding (a kind may repeat). */
  findings: readonly string[];
  /** Stack members Ready and expected, where known. */
  stack?: { ready: number; expected: number };
}

export interface RunFigures {
  command: string;
  /** Labels of this run beyond `command` (e.g. `shard: '2/4'`), put on every series. */
  labels?: Readonly<Record<string, string>>;
  startedAt: string;
  finishedAt: string;
  exitCode: number;
  /** The run did its work on every device (findings are not failures). */
  success: boolean;
  /** Unix seconds the last successful run ended: this one's end when it succeeded, else carried over (undefined: unknown). */
  lastSuccessAt?: number;
  /** Every result a device can have in this command, so that a zero is written, not left out. */
  results: readonly string[];
  /** Every finding kind of this command, for the run's totals (zeros written too). */
  findingKinds: readonly string[];
  devices: readonly DeviceFigures[];
}

export const RUN_LAST_SUCCESS = 'switchback_run_last_success_timestamp_seconds';

const seconds = (iso: string): number => Date.parse(iso) / 1000;

/** The labels every series of this run carries. */
export function runLabels(run: Pick<RunFigures, 'command' | 'labels'>): Record<string, string> {
  return { ...run.labels, command: run.command };
}

function family(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

export function runFamilies(run: RunFigures): MetricFamily[] {
  const base = runLabels(run);
  const one = (value: number): MetricSample[] => [{ labels: base, value }];
  const perDevice = (value: (d: DeviceFigures) => number | undefined, extra: Record<string, string> = {}): MetricSample[] =>
    run.devices.flatMap((d) => {
      const v = value(d);
      return v === undefined ? [] : [{ labels: { ...base, device: d.device, ...extra }, value: v }];
    });
  const findingCount = (d: DeviceFigures, kind: string) => d.findings.filter((k) => k === kind).length;
  const kinds = [...new Set([...run.findingKinds, ...run.devices.flatMap((d) => d.findings)])];
  const duration = Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return [
    family('switchback_run_start_timestamp_seconds', 'Unix time the run started.', one(seconds(run.startedAt))),
    family('switchback_run_duration_seconds', 'How long the run took, in seconds.', one(duration)),
    family(
      'switchback_run_exit_code',
      'Exit code of the run: 0 nothing needs attention, 1 some devices failed or could not be checked, 3 findings (a bad invocation, 2, writes no metrics).',
      one(run.exitCode),
    ),
    family('switchback_run_success', '1 when the run did its work on every device (findings allowed: exit code 0 or 3), else 0.', one(run.success ? 1 : 0)),
    family(
      RUN_LAST_SUCCESS,
      'Unix time the last successful run of this command ended (switchback_run_success 1); a failed run keeps the time from the file it replaces.',
      run.lastSuccessAt === undefined ? [] : one(run.lastSuccessAt),
    ),
    family(
      'switchback_run_devices',
      'Devices in the run by result (backup: new, changed, unchanged, failed; check: ok, findings, unreachable; ready: ready, not-ready, unchecked).',
      [...new Set([...run.results, ...run.devices.map((d) => d.result)])].map((result) => ({
        labels: { ...base, result },
        value: run.devices.filter((d) => d.result === result).length,
      })),
    ),
    family(
      'switchback_run_devices_with_findings',
      'Devices in the run with at least one finding of this kind.',
      kinds.map((kind) => ({ labels: { ...base, kind }, value: run.devices.filter((d) => findingCount(d, kind) > 0).length })),
    ),
    family(
      'switchback_device_success',
      "1 when this run did the device's work (backed up, checked), 0 when it failed or could not be reached.",
      perDevice((d) => (d.success ? 1 : 0)),
    ),
    family(
      'switchback_device_last_success_timestamp_seconds',
      "Unix time of the device's last successful backup, from the backups repository (a device that failed keeps its earlier time); 0 if it never had one.",
      perDevice((d) => (d.lastSuccessAt === null ? 0 : seconds(d.lastSuccessAt))),
    ),
    family(
      'switchback_device_duration_seconds',
      "How long this run's work on the device took, in seconds.",
      perDevice((d) => d.durationMs / 1000),
    ),
    family(
      'switchback_device_unsaved',
      '1 when the device runs changes that a reload would lose (running differs from saved, or uncommitted), 0 when not; absent when unknown (failed, saved configuration unreadable).',
      perDevice((d) => (d.unsaved === undefined ? undefined : d.unsaved.unsaved ? 1 : 0)),
    ),
    family(
      'switchback_device_unsaved_lines',
      'Unsaved configuration lines: added (in running, not saved) and removed (saved, not running).',
      run.devices.flatMap((d) => {
        const lines = d.unsaved?.lines;
        if (!lines) return [];
        return [
          { labels: { ...base, device: d.device, change: 'added' }, value: lines.added },
          { labels: { ...base, device: d.device, change: 'removed' }, value: lines.removed },
        ];
      }),
    ),
    family(
      'switchback_device_findings',
      'Findings of this kind on the device in this run (only kinds it has are written).',
      run.devices.flatMap((d) => [...new Set(d.findings)].map((kind) => ({ labels: { ...base, device: d.device, kind }, value: findingCount(d, kind) }))),
    ),
    family(
      'switchback_device_stack_members_ready',
      'Stack members present and Ready.',
      perDevice((d) => d.stack?.ready),
    ),
    family(
      'switchback_device_stack_members_expected',
      'Stack members the inventory expects (else, that the switch reports).',
      perDevice((d) => d.stack?.expected),
    ),
  ];
}
