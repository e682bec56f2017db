// What a restarted watch takes up: a device with events received before the restart that no
// check answered, or with an alert no target took before it (its retries were timers, gone
// with the process), is checked again at once — through an event made from the last one it
// remembers, so the alert says what happened and why it comes now.

import type { DeviceState } from './state-file.js';
import type { WatchEvent } from './status.js';

/**
 * Kinds taken up as they were; any other (a configuration change, which opens no window of its
 * own, or a kind the file does not know: it keeps them as strings) is taken up as a reload.
 */
const KINDS: readonly string[] = ['reload', 'member-lost', 'member-added', 'role-change', 'pair-peer-lost'];
const SOURCES: readonly string[] = ['trap', 'syslog', 'sweep'];

/**
 * The event to take a device up with after a restart, or undefined when nothing is owed on it.
 * Clears the markers it read: the event's window sets pendingSince again.
 */
export function resumeEvent(device: string, remembered: DeviceState | undefined, now: number): WatchEvent | undefined {
  if (remembered?.pendingSince === undefined && remembered?.alertUnsentSince === undefined) return undefined;
  const last = remembered.lastEvent;
  const why =
    remembered.pendingSince !== undefined ? 'received before the watch restarted, not checked yet' : 'its alert taken by no target before the watch restarted';
  delete remembered.pendingSince;
  delete remembered.alertUnsentSince;
  return {
    device,
    kind: last && KINDS.includes(last.kind) ? (last.kind as WatchEvent['kind']) : 'reload',
    detail: `${last?.detail ?? 'an event'} (${why})`,
    source: last && SOURCES.includes(last.source) ? (last.source as WatchEvent['source']) : 'sweep',
    at: now,
  };
}
