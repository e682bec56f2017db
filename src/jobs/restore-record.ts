// After a restore: record what the switches run now, as a backup would (the same health
// gate for last good, the boot record that makes the next check clean), and commit it
// with a `restore` / `recover` message. One commit for the whole command.

import type { Device } from '../inventory/device.js';
import { commitRun, readRunStatus } from '../store/index.js';
import type { RunMessage, Store } from '../store/index.js';
import { backupDevice, recordRunStatus } from './backup.js';
import { pool } from './pool.js';
import type { DeviceOutcome } from './backup-result.js';
import type { DeviceRestore } from './restore.js';
import type { TranscriptOut } from './transcript.js';

export interface Recorded {
  /** The backup taken of each switch that was typed into, by device. */
  backups: Map<string, DeviceOutcome>;
  commit: string | null;
  /** Why nothing was committed although something was recorded (git failed). */
  commitError?: string;
}

/** Whether the switch may have changed: anything was typed (even a push that failed half way). */
export function touched(r: DeviceRestore): boolean {
  if (r.status === 'verified' || r.status === 'not-verified') return r.push.typed > 0 || r.save.state === 'saved';
  return r.status === 'failed' && r.push !== null && (r.push.typed > 0 || r.stage === 'replace');
}

export async function recordRestores(
  store: Store,
  devices: Device[],
  restores: DeviceRestore[],
  command: 'restore' | 'recover',
  concurrency = 1,
  transcript?: TranscriptOut,
): Promise<Recorded> {
  const typedInto = restores.filter(touched).flatMap((r) => devices.filter((d) => d.name === r.device));
  // A restore that did not verify leaves a switch that runs neither its old config nor the target;
  // one whose commit is left to roll back (a confirmation that failed) runs the target only for minutes.
  const holds = new Map(
    restores
      .filter((r) => touched(r) && (r.status !== 'verified' || (r.save.state === 'failed' && r.save.rollsBack !== undefined)))
      .map((r) => [r.device, `a restore from ${r.target.label} did not finish (${resultWords(r)}): last good is kept until the switch runs it again`]),
  );
  return recordDevices(store, typedInto, restoreMessage(command, restores), concurrency, holds, transcript);
}

/**
 * Back up `devices` now (a switch that was typed into, or saved) and commit them with
 * `message`: the run status, last good behind its gate and the boot record move as in a
 * nightly backup. Nothing is committed when there is nothing to record.
 */
export async function recordDevices(
  store: Store,
  devices: Device[],
  message: RunMessage,
  concurrency = 1,
  /** Devices whose last good must not move, and why. */
  holds: Map<string, string> = new Map(),
  /** --verbose: the backups' sessions' transcript. */
  transcript?: TranscriptOut,
): Promise<Recorded> {
  const backups = new Map<string, DeviceOutcome>();
  if (devices.length === 0) return { backups, commit: null };
  const previous = await readRunStatus(store);
  await pool(devices, concurrency, async (device) => {
    const hold = holds.get(device.name);
    const outcome = await backupDevice(
      device,
      { store, acceptNewHostKey: [], ...(hold !== undefined ? { holdLastGood: hold } : {}), ...(transcript ? { transcript } : {}) },
      previous[device.name]?.lastSuccessAt,
    ).catch((err: unknown): DeviceOutcome => ({
      device: device.name,
      status: 'failed',
      stage: 'internal',
      reason: (err as Error).message,
      durationMs: 0,
    }));
    backups.set(device.name, outcome);
  });
  // In the order given, whatever finished first.
  const ordered = new Map(devices.map((d) => [d.name, backups.get(d.name)!]));
  await recordRunStatus(store, [...ordered.values()], previous);
  try {
    const commit = await commitRun(
      store,
      message,
      devices.map((d) => d.name),
    );
    return { backups: ordered, commit: commit?.commit ?? null };
  } catch (err) {
    return {
      backups: ordered,
      commit: null,
      commitError: `the commit failed, the files are written but not committed: ${(err as Error).message.split('\n')[0]}`,
    };
  }
}

/** One word for a restore's result, as the commit and the summary say it. */
export function resultWords(r: DeviceRestore): string {
  switch (r.status) {
    case 'verified':
      return r.save.state === 'saved' ? 'verified, saved' : r.save.state === 'failed' ? `verified, save FAILED` : 'verified, not saved (--no-save)';
    case 'not-verified':
      return `NOT verified (${[
        r.push.rejected.length > 0 ? `${r.push.rejected.length} rejected` : '',
        r.verification.missing.length > 0 ? `${r.verification.missing.length} missing` : '',
        r.verification.leftOver.length > 0 ? `${r.verification.leftOver.length} left over` : '',
      ]
        .filter(Boolean)
        .join(', ')}), not saved`;
    case 'failed':
      return `failed at ${r.stage}`;
    case 'planned':
      return 'planned (dry run)';
    case 'declined':
      return 'declined';
  }
}

/** `restore core-1 from last good (a1b2c3d): verified, saved`; recover lists every switch it typed into. */
export function restoreMessage(command: 'restore' | 'recover', restores: DeviceRestore[]): { subject: string; body: string } {
  const typed = restores.filter(touched);
  const body = typed.map((r) => {
    const counts = 'plan' in r && r.plan ? ` (+${r.plan.add} -${r.plan.remove})` : '';
    return `${r.device}: ${r.mode} from ${r.target.label}${counts}: ${resultWords(r)}`;
  });
  if (command === 'restore' && typed.length === 1) {
    const r = typed[0]!;
    return { subject: `restore ${r.device} from ${r.target.label}: ${resultWords(r)}`, body: body.join('\n') };
  }
  const verified = typed.filter((r) => r.status === 'verified').length;
  return { subject: `${command}: ${typed.length} switch${typed.length === 1 ? '' : 'es'} restored, ${verified} verified`, body: body.join('\n') };
}
