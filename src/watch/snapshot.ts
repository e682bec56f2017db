// What the page shows: each device's DeviceView as the state and the run status leave it at
// start and as each check changes it, and the whole WatchStatus snapshot (status.ts) the HTTP
// layer renders — a plain copy, so nothing the page holds changes under it.

import type { Device } from '../inventory/device.js';
import type { CheckedDevice } from '../jobs/check.js';
import { rateLimitWords, recentRestores, restoresAt } from './recover-policy.js';
import type { RateLimit } from './recover-policy.js';
import { recoverDisabled } from './recovering.js';
import type { RecoverConfig } from './recovering.js';
import type { DeviceState, WatchState } from './state-file.js';
import type { DeviceView, ReceiverView, WatchEvent, WatchStatus } from './status.js';

/** Events kept for the page (newest first); /metrics counts them all. */
export const RECENT_EVENTS = 100;

/** A device's view at start: what the state remembers of it and its last backup (ms since the epoch). */
export function initialView(d: Device, remembered: DeviceState | undefined, lastSuccessAt: string | undefined): DeviceView {
  return {
    name: d.name,
    platform: d.platform,
    host: d.host,
    phase: 'quiet',
    ...(remembered?.lastEvent ? { lastEventAt: remembered.lastEvent.at } : {}),
    ...(remembered?.lastCheck
      ? { lastCheck: { at: remembered.lastCheck.at, status: remembered.lastCheck.status, findings: remembered.lastCheck.findings } }
      : {}),
    ...(lastSuccessAt ? { lastBackupAt: Date.parse(lastSuccessAt) } : {}),
    members: (d.stack?.members ?? []).map((m) => ({ number: m.number, ...(m.feed ? { feed: m.feed } : {}) })),
    ...(d.pair ? { pair: { peer: d.pair.peer, domain: d.pair.domain } } : {}),
  };
}

/** What a check changes on the page: its verdict, the last backup, and what it saw of each member. */
export function applyCheck(view: DeviceView, checked: CheckedDevice, findings: NonNullable<DeviceView['lastCheck']>['findings'], at: number): void {
  view.lastCheck = { at, status: checked.status, findings };
  if (checked.lastBackupAt) view.lastBackupAt = Date.parse(checked.lastBackupAt);
  if (checked.stack) {
    const seen = new Map(checked.stack.members.map((m) => [m.number, m]));
    const expected: { number: number; feed?: string }[] = view.members.length > 0 ? view.members : checked.stack.members.map((m) => ({ number: m.number }));
    view.members = expected.map((m) => {
      const s = seen.get(m.number);
      // Built afresh: a member missing now keeps no role from a check before.
      return { number: m.number, ...(m.feed ? { feed: m.feed } : {}), ...(s ? { role: s.role, state: s.state } : { state: 'missing' }) };
    });
  }
}

export interface SnapshotInput {
  startedAt: number;
  receivers: ReceiverView[];
  recover: RecoverConfig;
  limit: RateLimit;
  state: WatchState;
  sweep: WatchStatus['sweep'];
  devices: DeviceView[];
  recent: readonly WatchEvent[];
  counters: WatchStatus['counters'];
}

/** The status as it is now, a copy. */
export function snapshot(input: SnapshotInput): WatchStatus {
  const { recover, limit, counters } = input;
  const now = Date.now();
  return structuredClone({
    startedAt: input.startedAt,
    now,
    receivers: input.receivers,
    recover: {
      mode: recover.mode,
      disabled: recoverDisabled(recover),
      disableFile: recover.disableFile,
      recent: recentRestores(restoresAt(input.state.recoveries), now, limit),
      limit: rateLimitWords(limit),
    },
    sweep: input.sweep,
    devices: input.devices,
    recent: input.recent.slice(0, RECENT_EVENTS),
    counters,
  });
}
