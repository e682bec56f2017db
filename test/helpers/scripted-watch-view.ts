// A WatchView a test drives by hand (the engine's side of src/watch/status.ts without the
// engine): a snapshot the test replaces, subscribers told at each change, health it sets.
// And a sample estate as the status page and /metrics would see it during maintenance.

import type { DeviceView, WatchStatus, WatchView } from '../../src/watch/status.js';

export interface ScriptedView extends WatchView {
  /** Replaces the snapshot with `change(current)` and tells every subscriber. */
  update(change: (s: WatchStatus) => WatchStatus): void;
  setHealth(health: { ok: boolean; problems: string[] }): void;
  subscribers(): number;
}

export function scriptedView(initial: WatchStatus): ScriptedView {
  let status = initial;
  let health = { ok: true, problems: [] as string[] };
  const subs = new Set<() => void>();
  return {
    status: () => status,
    health: () => health,
    subscribe(onChange) {
      // A wrapper per call, so that one function subscribed twice is two subscriptions.
      const sub = (): void => onChange();
      subs.add(sub);
      return () => void subs.delete(sub);
    },
    update(change) {
      status = change(status);
      for (const s of [...subs]) s();
    },
    setHealth(h) {
      health = h;
      for (const s of [...subs]) s();
    },
    subscribers: () => subs.size,
  };
}

/** One device changed, the rest as they were. */
export function withDevice(s: WatchStatus, name: string, change: (d: DeviceView) => DeviceView): WatchStatus {
  return { ...s, devices: s.devices.map((d) => (d.name === name ? change(d) : d)) };
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * An estate of four: a Catalyst stack of three on feeds A, B, A; a Junos virtual chassis of
 * two on A and B; an Aruba VSX pair, one switch per feed. All quiet, checked, backed up.
 */
export function sampleStatus(now: number): WatchStatus {
  const checked = (minutesAgo: number) => ({ at: now - minutesAgo * MIN, status: 'ok' as const, findings: [] });
  return {
    startedAt: now - 2 * HOUR,
    now,
    receivers: [
      { kind: 'trap', address: '0.0.0.0', port: 1162, received: 12, dropped: { malformed: 1, 'unknown-community': 2 } },
      { kind: 'syslog', address: '0.0.0.0', port: 1514, received: 40, dropped: {} },
    ],
    recover: { mode: 'ask', disabled: false, disableFile: '/var/lib/switchback/.watch-disabled', recent: 0, limit: '3 an hour' },
    sweep: { intervalSeconds: 300, lastAt: now - 2 * MIN, lastDurationMs: 1800 },
    devices: [
      {
        name: 'core-stack',
        platform: 'cisco-iosxe',
        host: '127.1.0.2',
        phase: 'quiet',
        lastCheck: checked(30),
        lastBackupAt: now - 9 * HOUR,
        members: [
          { number: 1, feed: 'A', role: 'active', state: 'ready' },
          { number: 2, feed: 'B', role: 'standby', state: 'ready' },
          { number: 3, feed: 'A', role: 'member', state: 'ready' },
        ],
      },
      {
        name: 'dist-vc',
        platform: 'juniper-junos',
        host: '127.1.0.3',
        phase: 'quiet',
        lastCheck: checked(31),
        lastBackupAt: now - 9 * HOUR,
        members: [
          { number: 0, feed: 'A', role: 'active', state: 'ready' },
          { number: 1, feed: 'B', role: 'standby', state: 'ready' },
        ],
      },
      {
        name: 'edge-1',
        platform: 'aruba-aoscx',
        host: '127.1.0.4',
        phase: 'quiet',
        lastCheck: checked(32),
        lastBackupAt: now - 9 * HOUR,
        members: [{ number: 1, feed: 'A' }],
        pair: { peer: 'edge-2', domain: 'vsx-edge' },
      },
      {
        name: 'edge-2',
        platform: 'aruba-aoscx',
        host: '127.1.0.5',
        phase: 'quiet',
        lastCheck: checked(32),
        lastBackupAt: now - 9 * HOUR,
        members: [{ number: 1, feed: 'B' }],
        pair: { peer: 'edge-1', domain: 'vsx-edge' },
      },
    ],
    recent: [],
    counters: { events: { reload: 1 }, checks: 4, alertsSent: 1, alertsFailed: 0, recoveries: 0, unknownSources: 3 },
  };
}
