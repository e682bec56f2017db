// What the watch does to one device, through the jobs every command uses: check it (live,
// alone, staleness aside), find whether last good is held to restore from, and restore it as
// `switchback recover` does — verified, saved, recorded by a backup, under the store's lock so
// that a scheduled backup or a person's recover is never run into. Outcomes in words for the alert.

import type { Device } from '../inventory/device.js';
import { runCheck } from '../jobs/check.js';
import type { CheckedDevice } from '../jobs/check.js';
import { runRecover } from '../jobs/recover.js';
import type { DeviceRestore } from '../jobs/restore.js';
import { resolveTarget, TargetRefused } from '../jobs/restore-target.js';
import { platformByName } from '../platforms/index.js';
import { abandonInterruptedRebase } from '../store/index.js';
import type { Store } from '../store/index.js';
import { acquireLock, LockHeldError } from '../store/lock.js';
import type { Lock } from '../store/lock.js';

export interface RestoreOutcome {
  outcome: 'restored' | 'failed' | 'refused';
  detail: string;
  result?: DeviceRestore;
}

/** `check` on one device, live: SNMP, then SSH where needed. */
export async function checkDevice(device: Device, store: Store | null): Promise<CheckedDevice> {
  const run = await runCheck({
    devices: [device],
    store,
    mode: 'live',
    // Staleness is the scheduled check's business, not an event's.
    maxAgeSeconds: Number.MAX_SAFE_INTEGER,
    concurrency: 1,
    snmpConcurrency: 1,
  });
  return run.devices[0]!;
}

/** Whether last good resolves as a restore target for it, or why not. */
export async function lastGoodHeld(device: Device, checked: CheckedDevice, store: Store | null): Promise<{ held: true } | { held: false; why: string }> {
  if (!store) return { held: false, why: 'no backups repository' };
  const platform = platformByName(checked.platform ?? device.platform);
  if (!platform) return { held: false, why: `platform ${checked.platform ?? device.platform} unknown` };
  try {
    await resolveTarget(store, device.name, platform, { kind: 'good' });
    return { held: true };
  } catch (err) {
    if (err instanceof TargetRefused) return { held: false, why: err.message };
    return { held: false, why: (err as Error).message.split('\n')[0] ?? 'unreadable' };
  }
}

/**
 * How long a restore waits for the store's lock while another run holds it: the nightly
 * backup of a large estate holds it for minutes, and a power event during it is exactly when
 * the restore is wanted — refusing would turn `auto` into `ask` at 3 a.m. Ten minutes covers a
 * backup (a 1,000-switch run takes a few); a run stuck longer is a person's to look at.
 */
export const LOCK_WAIT_MS = 10 * 60 * 1000;
/** How often the lock is tried again meanwhile: a backup's end is noticed within this. */
const LOCK_RETRY_MS = 2_000;

export interface RestoreOptions {
  lockWaitMs?: number;
  /** The watch stopping: stop waiting for the lock (nothing was typed yet). */
  signal?: AbortSignal;
  /** Called once when the lock is held by another run and the restore starts waiting (for the log). */
  onWait?: (holder: string) => void;
}

/** The store's lock, waited for while another run holds it (LOCK_WAIT_MS), or why not. */
async function lockForRestore(store: Store, opts: RestoreOptions): Promise<Lock | { refused: string }> {
  const deadline = Date.now() + (opts.lockWaitMs ?? LOCK_WAIT_MS);
  let waiting = false;
  for (;;) {
    try {
      return await acquireLock(store.dir, { command: 'switchback watch (--recover auto)' });
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      if (!waiting) opts.onWait?.(err.message);
      waiting = true;
      if (opts.signal?.aborted) return { refused: `not restored: the watch is stopping (${err.message})` };
      if (Date.now() >= deadline) return { refused: `not restored: ${err.message}, still after ${Math.round((opts.lockWaitMs ?? LOCK_WAIT_MS) / 1000)} s` };
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(LOCK_RETRY_MS, Math.max(0, deadline - Date.now())));
        opts.signal?.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
      });
    }
  }
}

/** The verified restore of `switchback recover`, for this one device, under the store's lock. */
export async function restoreDevice(device: Device, store: Store | null, opts: RestoreOptions = {}): Promise<RestoreOutcome> {
  if (!store) return { outcome: 'refused', detail: 'not restored: no backups repository' };
  const lock = await lockForRestore(store, opts);
  if ('refused' in lock) return { outcome: 'refused', detail: lock.refused };
  try {
    // As every command that takes the lock (cli/lock.ts): a push killed mid-rebase leaves HEAD
    // detached, and the restore's record must be committed on the branch — a commit on the
    // detached HEAD is dropped when the next backup abandons that rebase.
    try {
      await abandonInterruptedRebase(store);
    } catch (err) {
      return {
        outcome: 'refused',
        detail: `not restored: a rebase left by an interrupted run could not be abandoned (${(err as Error).message.split('\n')[0]}): run git -C ${store.dir} rebase --abort`,
      };
    }
    const run = await runRecover({ devices: [device], store, concurrency: 1, snmpConcurrency: 1, dryRun: false, save: true });
    const r = run.restores[0];
    if (!r) {
      // Recover checks again before it types anything: the switch may have been fixed meanwhile.
      const left = run.notRestored[0];
      return { outcome: 'refused', detail: `not restored: recover's own check chose nothing${left ? ` (${left.why}: ${left.detail.join('; ')})` : ''}` };
    }
    return { ...restoreWords(r), result: r };
  } catch (err) {
    return { outcome: 'failed', detail: `restore failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** `restored last good (abc1234), verified, saved in 12.3 s`, or what went wrong. */
export function restoreWords(r: DeviceRestore): Omit<RestoreOutcome, 'result'> {
  // The label names its commit already (`last good (18a0d14)`).
  const target = r.target.label;
  const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
  switch (r.status) {
    case 'verified':
      return r.save.state === 'saved'
        ? { outcome: 'restored', detail: `restored ${target}, verified, saved in ${secs}` }
        : { outcome: 'failed', detail: `restored ${target} and verified, NOT saved (${r.save.state === 'failed' ? r.save.reason : 'not saved'})` };
    case 'not-verified':
      return { outcome: 'failed', detail: `restored ${target}, NOT verified: what it runs now is not the target` };
    case 'failed':
      return { outcome: 'failed', detail: `restore of ${target} failed at ${r.stage}: ${r.reason}` };
    default:
      return { outcome: 'failed', detail: `restore of ${target}: ${r.status}` };
  }
}
