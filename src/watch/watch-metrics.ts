// What `switchback watch` serves on /metrics: its status snapshot (status.ts) as Prometheus
// metric families, rendered by src/report/metrics.ts. Pure: a snapshot in, families out.
//
// Names start `switchback_watch_`, apart from the `switchback_run_*` / `switchback_device_*`
// families that `--metrics-file` writes for node_exporter's textfile collector: a host that
// runs both (watch scraped directly, the nightly backup through the collector) must not get
// two sources claiming one series. Counters end in `_total` and are the watch's own counts
// since it started (Prometheus' rate() handles the reset a restart brings); every other family
// is a gauge. A state that is one of a known set (a device's phase, the last check's status,
// the recover mode) is written as one series per possible value, 1 for the current one and 0
// for the others, so that an alert rule can say `== 1` and a series never vanishes while the
// device is in another state.

import type { WatchEventKind } from '../platforms/notifications.js';
import type { MetricFamily, MetricSample, MetricType } from '../report/metrics.js';
import { RECOVER_MODES } from './recover-policy.js';
import type { DevicePhase, DeviceView, WatchStatus } from './status.js';

/** Every event kind, so that a kind not yet seen is written as 0 (a rate() over it then works from the start). */
const EVENT_KINDS: Record<WatchEventKind, true> = {
  reload: true,
  'member-lost': true,
  'member-added': true,
  'role-change': true,
  'config-changed': true,
  'pair-peer-lost': true,
};

const PHASES: Record<DevicePhase, true> = { quiet: true, settling: true, waiting: true, checking: true, recovering: true };
const CHECK_STATUSES = ['ok', 'findings', 'unreachable'] as const;

const seconds = (ms: number): number => ms / 1000;

function family(name: string, type: MetricType, help: string, samples: MetricSample[]): MetricFamily {
  return { name: `switchback_watch_${name}`, help, type, samples };
}

const one = (value: number): MetricSample[] => [{ labels: {}, value }];

function perDevice(devices: readonly DeviceView[], value: (d: DeviceView) => number | undefined): MetricSample[] {
  return devices.flatMap((d) => {
    const v = value(d);
    return v === undefined ? [] : [{ labels: { device: d.name }, value: v }];
  });
}

/** A state written as one series per possible value: 1 for `current`, 0 for the others. */
function stateSet(labels: Record<string, string>, label: string, values: readonly string[], current: string): MetricSample[] {
  return values.map((v) => ({ labels: { ...labels, [label]: v }, value: v === current ? 1 : 0 }));
}

export function watchFamilies(status: WatchStatus): MetricFamily[] {
  const { counters, devices } = status;
  return [
    family('start_timestamp_seconds', 'gauge', 'Unix time this switchback watch started (its counters count from then).', one(seconds(status.startedAt))),

    // The receivers: what came in and what was thrown away, by reason.
    family(
      'datagrams_received_total',
      'counter',
      'Datagrams received by the trap or syslog receiver.',
      status.receivers.map((r) => ({ labels: { receiver: r.kind }, value: r.received })),
    ),
    family(
      'datagrams_dropped_total',
      'counter',
      'Datagrams the receiver dropped, by reason (malformed, unknown community or user, oversized, unknown source, ...).',
      status.receivers.flatMap((r) => Object.entries(r.dropped).map(([reason, n]) => ({ labels: { receiver: r.kind, reason }, value: n }))),
    ),
    family('unknown_source_datagrams_total', 'counter', 'Datagrams from an address that no inventory device has.', one(counters.unknownSources)),

    // What the watch made of them.
    family(
      'events_total',
      'counter',
      'Recognised events (reload, member-lost, member-added, role-change, config-changed, pair-peer-lost), from traps, syslog and the sweep.',
      (Object.keys(EVENT_KINDS) as WatchEventKind[]).map((kind) => ({ labels: { kind }, value: counters.events[kind] ?? 0 })),
    ),
    family('checks_total', 'counter', 'Checks the watch ran on a device after an event settled.', one(counters.checks)),
    family('alerts_total', 'counter', 'Alerts delivered through the webhook and exec hooks (sent), or that could not be delivered (failed).', [
      { labels: { result: 'sent' }, value: counters.alertsSent },
      { labels: { result: 'failed' }, value: counters.alertsFailed },
    ]),
    family('recoveries_total', 'counter', 'Verified restores the watch ran (--recover auto), whatever their outcome.', one(counters.recoveries)),

    // Recovery policy.
    family('recover_mode', 'gauge', 'The --recover mode: 1 for the one in force.', stateSet({}, 'mode', RECOVER_MODES, status.recover.mode)),
    family(
      'recover_disabled',
      'gauge',
      '1 when the kill-switch file exists (auto acts as ask until it is removed), else 0.',
      one(status.recover.disabled ? 1 : 0),
    ),
    family('recover_recent', 'gauge', "Automatic restores within the rate limit's window.", one(status.recover.recent)),

    // The sweep, the fallback for traps that never arrive.
    family('sweep_interval_seconds', 'gauge', 'Seconds between SNMP sweeps (0: no sweep).', one(status.sweep.intervalSeconds)),
    family(
      'sweep_last_timestamp_seconds',
      'gauge',
      'Unix time the last SNMP sweep started.',
      status.sweep.lastAt === undefined ? [] : one(seconds(status.sweep.lastAt)),
    ),
    family(
      'sweep_last_duration_seconds',
      'gauge',
      'How long the last SNMP sweep took, in seconds.',
      status.sweep.lastDurationMs === undefined ? [] : one(seconds(status.sweep.lastDurationMs)),
    ),

    // Per device.
    family(
      'device_info',
      'gauge',
      "The device's platform and address (always 1).",
      devices.map((d) => ({ labels: { device: d.name, platform: d.platform, host: d.host }, value: 1 })),
    ),
    family(
      'device_phase',
      'gauge',
      "Where the device is in the watch's cycle (quiet, settling, waiting for it to answer, checking, recovering): 1 for its phase.",
      devices.flatMap((d) => stateSet({ device: d.name }, 'phase', Object.keys(PHASES), d.phase)),
    ),
    family(
      'device_last_event_timestamp_seconds',
      'gauge',
      'Unix time of the last event from the device.',
      perDevice(devices, (d) => (d.lastEventAt === undefined ? undefined : seconds(d.lastEventAt))),
    ),
    family(
      'device_last_check_timestamp_seconds',
      'gauge',
      'Unix time of the last check of the device.',
      perDevice(devices, (d) => (d.lastCheck === undefined ? undefined : seconds(d.lastCheck.at))),
    ),
    family(
      'device_last_check_status',
      'gauge',
      "The last check's result (ok, findings, unreachable): 1 for it; absent before the first check.",
      devices.flatMap((d) => (d.lastCheck === undefined ? [] : stateSet({ device: d.name }, 'status', CHECK_STATUSES, d.lastCheck.status))),
    ),
    family(
      'device_open_findings',
      'gauge',
      'Findings of this kind in the last check of the device (only kinds it has are written).',
      devices.flatMap((d) => {
        const byKind = new Map<string, number>();
        for (const f of d.lastCheck?.findings ?? []) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
        return [...byKind].map(([kind, n]) => ({ labels: { device: d.name, kind }, value: n }));
      }),
    ),
    family(
      'device_last_backup_age_seconds',
      'gauge',
      'Seconds since the last successful backup of the device (absent: it never had one).',
      perDevice(devices, (d) => (d.lastBackupAt === undefined ? undefined : Math.max(0, seconds(status.now - d.lastBackupAt)))),
    ),
    family(
      'device_member_ready',
      'gauge',
      'A stack member the inventory expects: 1 when the last check saw it ready, 0 when it saw it otherwise or not at all; absent before a check saw the stack.',
      devices.flatMap((d) =>
        d.members.flatMap((m) =>
          m.state === undefined
            ? []
            : [{ labels: { device: d.name, member: String(m.number), ...(m.feed !== undefined ? { feed: m.feed } : {}) }, value: m.state === 'ready' ? 1 : 0 }],
        ),
      ),
    ),
  ];
}
