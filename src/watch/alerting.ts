// Sending the watch's alerts: through the user's hooks (the CLI builds the payload and posts
// it), counted, remembered in the state (what was alerted, an alert no target took), and tried
// again when no target took it.

import type { AlertSource } from '../report/alert.js';
import type { DeviceState } from './state-file.js';
import type { WatchStatus } from './status.js';
import type { WatchLog } from './log.js';

export type WatchAlertSource = Extract<AlertSource, { command: 'watch' }>;

/** What sending one alert did: how many targets got it, how many did not. */
export interface AlertOutcome {
  sent: number;
  failed: number;
}

/**
 * An alert no target took is tried again after these waits (about half an hour in all): the
 * webhook may be unreachable in the very power event the alert is about, and unlike a nightly
 * run the watch has no next run that would say it — nothing else brings that switch up again.
 */
export const ALERT_RETRY_MS: readonly number[] = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000];

export interface AlerterDeps {
  /** Sends one alert; absent: nothing is sent, the log says it. */
  alert: ((source: WatchAlertSource) => Promise<AlertOutcome>) | undefined;
  retryWaits: readonly number[];
  counters: WatchStatus['counters'];
  deviceState: (name: string) => DeviceState;
  saveState: () => Promise<void>;
  isClosing: () => boolean;
  changed: () => void;
  log: WatchLog;
}

export interface Alerter {
  /** Sends it (fingerprint: remembered as alerted once a target took it; undefined: not remembered). */
  send(source: WatchAlertSource, fingerprint: string | undefined): Promise<void>;
  /** Stop: the retries not yet due are dropped (the state says an alert went unsent). */
  cancelRetries(): void;
}

export function createAlerter(deps: AlerterDeps): Alerter {
  const { counters, deviceState, log } = deps;
  const retryTimers = new Set<NodeJS.Timeout>();
  /** When an alert about each device last got out (a newer one makes an older retry moot). */
  const lastSentAt = new Map<string, number>();
  const sendAlert = async (source: WatchAlertSource, fingerprint: string | undefined, tried = 0, firstTriedAt = Date.now()): Promise<void> => {
    const name = source.device;
    if (!deps.alert) {
      log({ level: 'info', what: 'alert', device: name, message: `no alert target: ${source.diagnosis.join('; ') || source.failure?.reason || ''}` });
      return;
    }
    const started = Date.now();
    const out = await deps.alert(source).catch((err: Error): AlertOutcome => {
      log({ level: 'error', what: 'alert', device: name, message: `the alert could not be sent: ${err.message}` });
      return { sent: 0, failed: 1 };
    });
    counters.alertsSent += out.sent;
    counters.alertsFailed += out.failed;
    if (out.sent > 0) {
      const ds = deviceState(name);
      lastSentAt.set(name, Date.now());
      delete ds.alertUnsentSince;
      if (fingerprint !== undefined) ds.lastAlert = { at: Date.now(), fingerprint };
    } else if (out.failed > 0) deviceState(name).alertUnsentSince ??= Date.now();
    const wait = deps.retryWaits[tried];
    if (out.sent === 0 && out.failed > 0 && wait !== undefined && !deps.isClosing()) {
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        // A newer alert about it got out meanwhile: this one is history.
        if (deps.isClosing() || (lastSentAt.get(name) ?? 0) > firstTriedAt) return;
        void sendAlert(source, fingerprint, tried + 1, firstTriedAt).then(() => deps.saveState());
      }, wait);
      timer.unref();
      retryTimers.add(timer);
    }
    log({
      level: out.failed > 0 ? 'warn' : 'info',
      what: 'alert',
      device: name,
      message: `alert ${out.failed > 0 ? `failed for ${out.failed} target(s), ` : ''}sent to ${out.sent}: ${source.diagnosis.join('; ') || source.failure?.reason || ''}${source.recover ? `; ${source.recover.detail}` : ''}`,
      data: { sent: out.sent, failed: out.failed, ms: Date.now() - started, ...(tried > 0 ? { retry: tried } : {}) },
    });
    deps.changed();
  };
  return {
    send: (source, fingerprint) => sendAlert(source, fingerprint),
    cancelRetries() {
      for (const t of retryTimers) clearTimeout(t);
    },
  };
}
