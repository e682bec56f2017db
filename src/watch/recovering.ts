// The recover step after a check that found something: what `--recover` makes of it (judged
// by recover-policy.ts), the alert that says it, and with `--recover auto` the restore itself —
// one at a time across the estate, judged again in its turn — and a second alert with how it
// went. The restore is act.ts's (as `switchback recover` does it).

import { existsSync } from 'node:fs';
import type { Device } from '../inventory/device.js';
import type { CheckedDevice } from '../jobs/check.js';
import { needsRecovery } from '../jobs/recover.js';
import { readRunStatus } from '../store/index.js';
import type { RunStatus, Store } from '../store/index.js';
import { lastGoodHeld, restoreDevice } from './act.js';
import type { Alerter } from './alerting.js';
import { findingFingerprint } from './diagnosis.js';
import type { WatchLog } from './log.js';
import { judgeRecover, restoresAt } from './recover-policy.js';
import type { RateLimit, RecoverMode, RecoverVerdict } from './recover-policy.js';
import type { DeviceState, WatchState } from './state-file.js';
import type { DeviceView, WatchEvent, WatchStatus } from './status.js';

export interface RecoverConfig {
  mode: RecoverMode;
  /** The kill-switch: present, `auto` only asks. '' none. */
  disableFile: string;
  /** What a person types to restore it. */
  command: (device: string) => string;
}

/** The kill-switch file exists: looked at when asked, since a person touches it at any moment. */
export const recoverDisabled = (cfg: RecoverConfig): boolean => cfg.disableFile !== '' && existsSync(cfg.disableFile);

/** What a verdict other than restore says in the alert and on the page. */
function notRestored(v: Exclude<RecoverVerdict, { act: 'restore' }>) {
  return v.act === 'ask'
    ? { outcome: 'asked' as const, detail: `not restored automatically (${v.why}); to restore: ${v.command}`, command: v.command }
    : { outcome: 'refused' as const, detail: `not restored: ${v.why}` };
}

export interface RecoveringDeps {
  recover: RecoverConfig;
  limit: RateLimit;
  store: Store | null;
  /** How long a restore waits for the store's lock held by another run (act.ts LOCK_WAIT_MS). */
  lockWaitMs: number | undefined;
  /** Aborted when the watch stops: a restore waiting for the lock stops waiting. */
  signal: AbortSignal;
  state: WatchState;
  /** Why the state cannot be written (auto then only asks: the rate limit would forget its restores). */
  stateProblem: () => string | undefined;
  saveState: () => Promise<void>;
  sendAlert: Alerter['send'];
  counters: WatchStatus['counters'];
  isClosing: () => boolean;
  changed: () => void;
  log: WatchLog;
}

/** A check that found something, not a person's follow-up: what the recover step needs of it. */
export interface AfterCheck {
  device: Device;
  view: DeviceView;
  ds: DeviceState;
  checked: CheckedDevice;
  events: WatchEvent[];
  diagnosis: string[];
  fingerprint: string;
  /** When the first of its events came (the alert's start). */
  firstAt: number;
}

export interface Recovering {
  /** Judges, alerts, and (auto) queues the restore; resolves when its restore (if any) is done. */
  afterFindings(c: AfterCheck): Promise<void>;
  /** Resolves when the restores queued so far are done (close() never cuts one off). */
  restoresDone(): Promise<unknown>;
}

export function createRecovering(deps: RecoveringDeps): Recovering {
  const { recover: cfg, limit, state, saveState, sendAlert, counters, changed, log } = deps;

  // Restores one at a time across the estate: a chain.
  let restoreChain: Promise<unknown> = Promise.resolve();
  const oneRestoreAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = restoreChain.then(work, work);
    restoreChain = next.catch(() => undefined);
    return next;
  };

  const setRecoverView = (view: DeviceView, outcome: NonNullable<DeviceView['recover']>['outcome'], detail: string) => {
    view.recover = { at: Date.now(), outcome, detail };
    changed();
  };

  const restoreOne = (device: Device) =>
    restoreDevice(device, deps.store, {
      signal: deps.signal,
      ...(deps.lockWaitMs !== undefined ? { lockWaitMs: deps.lockWaitMs } : {}),
      onWait: (holder) => log({ level: 'warn', what: 'recover', device: device.name, message: `waiting for the backups repository: ${holder}` }),
    });

  const afterFindings = async ({ device, view, ds, checked, events, diagnosis, fingerprint, firstAt }: AfterCheck): Promise<void> => {
    const name = device.name;
    // What --recover makes of it (judged now; an auto restore waits its turn in the queue).
    const wantsRestore = cfg.mode !== 'never' && needsRecovery(checked);
    const target = wantsRestore ? await lastGoodHeld(device, checked, deps.store) : ({ held: false, why: 'not needed' } as const);
    const judge = () => {
      const stateProblem = deps.stateProblem();
      return judgeRecover({
        mode: cfg.mode,
        checked,
        target,
        disabled: recoverDisabled(cfg),
        disableFile: cfg.disableFile,
        restoresAt: restoresAt(state.recoveries),
        deviceRestoresAt: restoresAt(state.recoveries, name),
        limit,
        now: Date.now(),
        command: cfg.command(name),
        ...(stateProblem !== undefined ? { stateUnwritable: stateProblem } : {}),
      });
    };
    const verdict = judge();
    const base = { command: 'watch' as const, device: name, events, checked, diagnosis, startedAt: new Date(firstAt).toISOString() };
    const news = ds.lastAlert?.fingerprint !== fingerprint;
    if (verdict.act !== 'restore') {
      if (!news) {
        log({ level: 'info', what: 'alert', device: name, message: 'the same findings were alerted before: not alerted again' });
        await saveState();
        return;
      }
      // A refusal is news only where a restore was wanted (`never` and no loss say nothing of it).
      const recover = verdict.act === 'ask' || wantsRestore ? notRestored(verdict) : undefined;
      if (recover) setRecoverView(view, recover.outcome, recover.detail);
      await sendAlert({ ...base, ...(recover ? { recover } : {}), finishedAt: new Date().toISOString() }, fingerprint);
      await saveState();
      return;
    }

    // auto: say what was found at once, then restore (in turn) and say how it went.
    await sendAlert({ ...base, diagnosis: [...diagnosis, 'restoring last good now (--recover auto)'], finishedAt: new Date().toISOString() }, fingerprint);
    await saveState();
    await oneRestoreAtATime(async () => {
      if (deps.isClosing()) {
        // Announced, never run: the restarted watch takes it up (checks it again, restores it).
        ds.pendingSince ??= Date.now();
        return;
      }
      // Judged again in its turn: the kill-switch or the rate limit may have changed meanwhile.
      const again = judge();
      if (again.act !== 'restore') {
        const recover = notRestored(again);
        setRecoverView(view, recover.outcome, recover.detail);
        await sendAlert({ ...base, recover, finishedAt: new Date().toISOString() }, undefined);
        return;
      }
      view.phase = 'recovering';
      changed();
      const restoreStarted = Date.now();
      const outcome = await restoreOne(device);
      if (deps.isClosing() && outcome.outcome === 'refused') {
        // Stopped while it waited for the store's lock, nothing typed: as one never run, the
        // restarted watch takes it up.
        ds.pendingSince ??= Date.now();
        return;
      }
      // A restore refused before anything was typed (the store's lock held) is not one.
      if (outcome.outcome !== 'refused') counters.recoveries++;
      state.recoveries.push({ device: name, at: restoreStarted, outcome: outcome.outcome });
      setRecoverView(view, outcome.outcome, outcome.detail);
      if (outcome.outcome === 'restored') {
        // Verified against last good and recorded by a backup (the reboot resolved with it):
        // the page shows it fine again rather than the loss it no longer has.
        const now = Date.now();
        view.lastCheck = { at: now, status: 'ok', findings: [] };
        // The backup recover records after a restore: the page's backup age starts again.
        const success = deps.store ? (await readRunStatus(deps.store).catch((): RunStatus => ({})))[name]?.lastSuccessAt : undefined;
        if (success) view.lastBackupAt = Date.parse(success);
        ds.lastCheck = { at: now, status: 'ok', fingerprint: findingFingerprint({ findings: [], reboot: null }), findings: [] };
      }
      log({
        level: outcome.outcome === 'restored' ? 'info' : 'warn',
        what: 'recover',
        device: name,
        message: outcome.detail,
        data: { ms: Date.now() - restoreStarted, sinceFirstEventMs: Date.now() - firstAt },
      });
      await sendAlert(
        {
          ...base,
          recover: { ...outcome, ...(outcome.outcome !== 'restored' ? { command: cfg.command(name) } : {}) },
          finishedAt: new Date().toISOString(),
        },
        undefined,
      );
      await saveState();
    });
  };

  return { afterFindings, restoresDone: () => restoreChain };
}
