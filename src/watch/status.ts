// What `switchback watch` knows at a moment, as plain data: the engine keeps it, the HTTP
// layer renders it (/metrics, /healthz, the status page, /status.json) and never changes it.
// Times are milliseconds since the epoch, so a snapshot is JSON as it stands.

import type { WatchEventKind } from '../platforms/notifications.js';

/** Where the watch learnt of an event: a trap or inform, a syslog line, or its own SNMP sweep. */
export type EventSource = 'trap' | 'syslog' | 'sweep';

/** One recognised notification (src/watch/recognise.ts), tied to the device whose address sent it. */
export interface WatchEvent {
  device: string;
  kind: WatchEventKind;
  member?: number;
  /** One line: what was received and which rule matched (never a community or a key). */
  detail: string;
  source: EventSource;
  at: number;
}

/**
 * Where one device is in the watch's cycle: nothing pending; events arriving (the settle
 * window); waiting for it to answer; `check` running; a verified restore running.
 */
export type DevicePhase = 'quiet' | 'settling' | 'waiting' | 'checking' | 'recovering';

export interface DeviceFinding {
  kind: string;
  message: string;
}

export interface DeviceView {
  name: string;
  platform: string;
  host: string;
  phase: DevicePhase;
  lastEventAt?: number;
  /** The last check the watch ran (or the sweep's view when no check has run since start). */
  lastCheck?: { at: number; status: 'ok' | 'findings' | 'unreachable'; findings: DeviceFinding[] };
  /** The last successful backup (the store's run status), for the backup-age column. */
  lastBackupAt?: number;
  /** The members the inventory expects with their feeds, and what the last check saw of each. */
  members: { number: number; feed?: string; role?: string; state?: string }[];
  pair?: { peer: string; domain: string };
  /** The last recovery `--recover auto` ran on it, or refused to run, and why. */
  recover?: { at: number; outcome: 'restored' | 'failed' | 'refused' | 'asked'; detail: string };
}

export interface ReceiverView {
  kind: 'trap' | 'syslog';
  address: string;
  port: number;
  received: number;
  /** Dropped datagrams by reason (malformed, unknown community or user, oversized, unknown source, …). */
  dropped: Record<string, number>;
}

export interface WatchStatus {
  startedAt: number;
  now: number;
  receivers: ReceiverView[];
  recover: {
    mode: 'never' | 'ask' | 'auto';
    /** The kill-switch file exists: `auto` acts as `ask` until it is removed. */
    disabled: boolean;
    disableFile: string;
    /** Automatic restores within the rate limit's window, and the limit in words. */
    recent: number;
    limit: string;
  };
  sweep: { intervalSeconds: number; lastAt?: number; lastDurationMs?: number };
  devices: DeviceView[];
  /** Newest first, bounded (the page shows them; /metrics counts them all). */
  recent: WatchEvent[];
  counters: {
    events: Partial<Record<WatchEventKind, number>>;
    checks: number;
    alertsSent: number;
    alertsFailed: number;
    recoveries: number;
    /** Datagrams from an address no inventory device has. */
    unknownSources: number;
  };
}

/** What the HTTP layer is given: a snapshot when asked, a call when anything changed, and health. */
export interface WatchView {
  status(): WatchStatus;
  /** Called (with no argument) whenever the status changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  /** Receivers listening and the engine's loop alive; problems in words. */
  health(): { ok: boolean; problems: string[] };
}
