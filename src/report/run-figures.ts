// Each command's result as the figures its metrics are made of (run-metrics.ts): which
// result a device had, whether unsaved could be judged, its findings by kind. One function per
// command; they read the job's plain result, never the CLI's options.

import { countRun, lastGoodHeld } from '../jobs/backup-result.js';
import type { BackupRun, DeviceOutcome } from '../jobs/backup-result.js';
import { FINDING_KINDS } from '../jobs/check.js';
import type { CheckRun } from '../jobs/check.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import type { ReadyRun } from '../jobs/ready.js';
import { READY_ITEMS } from '../jobs/ready.js';
import type { RunStatus } from '../store/index.js';
import type { DeviceFigures, RunFigures } from './run-metrics.js';

/** How the run ended, which the job's result does not say by itself (the CLI decides exit codes). */
export interface RunOutcome {
  exitCode: number;
  /** Every device's work done (findings allowed). */
  success: boolean;
  /** Labels of this run beyond `command` (e.g. its shard). */
  labels?: Readonly<Record<string, string>>;
  /** The last successful run's end, from the file this run replaces, kept when this run fails. */
  previousLastSuccessAt?: number;
}

/** What makes `backup` exit 3: each is a finding kind in the metrics. */
export const BACKUP_FINDING_KINDS = ['unsaved', 'startup-unreadable', 'stack', 'last-good-held'] as const;

function runPart(command: string, run: { startedAt: string; finishedAt: string }, outcome: RunOutcome) {
  const lastSuccessAt = outcome.success ? Date.parse(run.finishedAt) / 1000 : outcome.previousLastSuccessAt;
  return {
    command,
    ...(outcome.labels ? { labels: outcome.labels } : {}),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    exitCode: outcome.exitCode,
    success: outcome.success,
    ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
  };
}

/** `status`: the backups repository's run status after the run (the failed devices keep their earlier success). */
export function backupFigures(run: BackupRun, outcome: RunOutcome, status: RunStatus): RunFigures {
  return {
    ...runPart('backup', run, outcome),
    results: ['new', 'changed', 'unchanged', 'failed'],
    findingKinds: BACKUP_FINDING_KINDS,
    devices: run.devices.map((d) => backupDevice(d, status)),
  };
}

function backupDevice(d: DeviceOutcome, status: RunStatus): DeviceFigures {
  const base = { device: d.device, result: d.status, lastSuccessAt: status[d.device]?.lastSuccessAt ?? null, durationMs: d.durationMs };
  if (d.status === 'failed') return { ...base, success: false, findings: [] };
  // Counted as the summary line counts (countRun): a lost configuration with no startup is not "unsaved".
  const unsaved = countRun([d]).unsaved > 0;
  const held = lastGoodHeld(d) !== undefined;
  const findings = [
    ...(unsaved ? ['unsaved'] : []),
    ...(d.startupUnreadable !== undefined ? ['startup-unreadable'] : []),
    ...(d.stack !== null && d.stack.missing.length > 0 ? ['stack'] : []),
    ...(held ? ['last-good-held'] : []),
  ];
  return {
    ...base,
    success: true,
    // A startup the switch would not show: whether anything is unsaved is not known.
    ...(d.startupUnreadable === undefined
      ? { unsaved: { unsaved, ...(d.unsaved ? { lines: { added: d.unsaved.counts.added, removed: d.unsaved.counts.removed } } : {}) } }
      : {}),
    findings,
    ...(d.stack ? { stack: { ready: d.stack.ready, expected: d.stack.expected } } : {}),
  };
}

export function checkFigures(run: CheckRun, outcome: RunOutcome): RunFigures {
  return {
    ...runPart('check', run, outcome),
    results: ['ok', 'findings', 'unreachable'],
    findingKinds: FINDING_KINDS,
    devices: run.devices.map((d) => {
      const kinds = d.findings.map((f) => f.kind);
      // Unsaved is judged unless the switch was not reached, would not show its startup, or (offline) has no backup to judge from.
      const judged = d.status !== 'unreachable' && !kinds.includes('startup-unreadable') && !(run.mode === 'offline' && d.lastBackupAt === null);
      return {
        device: d.device,
        result: d.status,
        success: d.status !== 'unreachable',
        lastSuccessAt: d.lastBackupAt,
        durationMs: d.durationMs,
        ...(judged ? { unsaved: { unsaved: kinds.includes('unsaved') } } : {}),
        findings: kinds,
        ...(d.stack ? { stack: { ready: d.stack.ready, expected: d.stack.expected } } : {}),
      };
    }),
  };
}

/** `check --snmp`: the sweep alone; `status` gives each device's last successful backup. */
export function snmpCheckFigures(run: SnmpCheckRun, outcome: RunOutcome, status: RunStatus): RunFigures {
  return {
    ...runPart('check', run, outcome),
    results: ['ok', 'findings', 'unreachable'],
    findingKinds: ['unreachable', 'rebooted', 'unsaved', 'stack'],
    devices: run.devices.map((d) => ({
      device: d.device,
      result: d.status,
      success: d.status !== 'unreachable',
      lastSuccessAt: status[d.device]?.lastSuccessAt ?? null,
      durationMs: d.durationMs,
      // SNMP's verdict: `grace` (just booted) and `unknown` say nothing either way.
      ...(d.status !== 'unreachable' && (d.unsaved === 'saved' || d.unsaved === 'unsaved') ? { unsaved: { unsaved: d.unsaved === 'unsaved' } } : {}),
      findings: d.findings.map((f) => f.kind),
      ...(d.stack ? { stack: { ready: d.stack.ready, expected: d.stack.expected } } : {}),
    })),
  };
}

/** `ready`: a finding per checklist item that fails (warnings are not findings); `status` as for backup. */
export function readyFigures(run: ReadyRun, outcome: RunOutcome, status: RunStatus): RunFigures {
  return {
    ...runPart('ready', run, outcome),
    results: ['ready', 'not-ready', 'unchecked'],
    findingKinds: READY_ITEMS,
    devices: run.devices.map((d) => {
      const saved = d.items.find((i) => i.item === 'saved');
      return {
        device: d.device,
        result: d.status,
        success: d.status !== 'unchecked',
        lastSuccessAt: status[d.device]?.lastSuccessAt ?? null,
        durationMs: d.durationMs,
        ...(saved?.state === 'pass' || saved?.state === 'fail' ? { unsaved: { unsaved: saved.state === 'fail' } } : {}),
        findings: d.items.filter((i) => i.state === 'fail').map((i) => i.item),
      };
    }),
  };
}
