// The watch's own look at the estate, for the notices that never arrive: a trap lost on a
// congested link, a switch whose trap destination was never configured, syslog to a dead
// relay. Every --sweep-interval (default 5 min) an SNMP sweep (as `check --snmp`) over the
// devices with SNMP settings; a device it finds rebooted, or with a stack problem, that the
// watch has not already checked for that reboot / those problems becomes an event of source
// `sweep`, and goes the same way as a trap (settle, answer, check, alert).

import type { Device } from '../inventory/device.js';
import { runSnmpCheck } from '../jobs/check-snmp.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import type { Store } from '../store/index.js';
import type { WatchEvent } from './status.js';

/** SNMP requests at a time: as check --snmp. */
const SWEEP_CONCURRENCY = 250;
/** Boot times read twice (by the sweep, by the check) may differ by the uptime's rounding. */
const SAME_BOOT_MS = 60_000;

/** What the watch already knows of a device: the boot its last check saw, the stack problems it saw. */
export interface Known {
  rebootAt?: string;
  stackProblems?: readonly string[];
}

/**
 * The events a sweep's result means, for what the watch does not already know. Pure.
 * `answeredBefore`: the device answered the previous sweep. A switch that came back with a
 * factory default has no trap or syslog destination any more, nor the inventory's community or
 * v3 user: it announces nothing, and the sweep sees it only as "no SNMP answer" — after it
 * answered before, that is worth a look (the check then waits for it and goes over SSH).
 */
export function sweepEvents(
  run: SnmpCheckRun,
  known: (device: string) => Known | undefined,
  now: number,
  answeredBefore: (device: string) => boolean = () => false,
): WatchEvent[] {
  const out: WatchEvent[] = [];
  for (const d of run.devices) {
    if (d.status === 'unreachable') {
      if (answeredBefore(d.device)) {
        const why = d.findings.find((f) => f.kind === 'unreachable')?.message.replace(/^unreachable: /, '');
        out.push({
          device: d.device,
          kind: 'reload',
          detail: `sweep: no SNMP answer any more${why ? ` (${why})` : ''}, no notice received`,
          source: 'sweep',
          at: now,
        });
      }
      continue;
    }
    const k = known(d.device);
    if (d.reboot) {
      const seen = k?.rebootAt !== undefined && Math.abs(Date.parse(k.rebootAt) - Date.parse(d.reboot.at)) <= SAME_BOOT_MS;
      if (!seen)
        out.push({
          device: d.device,
          kind: 'reload',
          detail: `sweep: rebooted at ${d.reboot.at} (${d.reboot.by}), no notice received`,
          source: 'sweep',
          at: now,
        });
    }
    const problems = d.stack?.problems ?? [];
    const fresh = problems.filter((p) => !(k?.stackProblems ?? []).includes(p));
    if (fresh.length > 0) {
      const first = d.stack?.missing[0];
      out.push({
        device: d.device,
        kind: 'member-lost',
        ...(first !== undefined ? { member: first } : {}),
        detail: `sweep: stack ${fresh.join('; ')}`,
        source: 'sweep',
        at: now,
      });
    }
  }
  return out;
}

export interface SweepOptions {
  devices: readonly Device[];
  store: Store | null;
  intervalS: number;
  known: (device: string) => Known | undefined;
  onEvent: (event: WatchEvent) => void;
  onSwept?: (run: SnmpCheckRun, durationMs: number) => void;
  onError?: (err: Error) => void;
}

export interface Sweep {
  /** Sweep now (the first runs at start); resolves when done. Never two at once. */
  runNow(): Promise<void>;
  close(): Promise<void>;
}

export function startSweep(opts: SweepOptions): Sweep {
  const devices = opts.devices.filter((d) => d.snmp !== undefined);
  let running: Promise<void> | undefined;
  let closed = false;
  /** Whether each device answered the last sweep (none known before the first). */
  const answered = new Map<string, boolean>();
  const once = (): Promise<void> =>
    (running ??= (async () => {
      const started = Date.now();
      try {
        if (devices.length === 0 || closed) return;
        const run = await runSnmpCheck({ devices: [...devices], store: opts.store, concurrency: SWEEP_CONCURRENCY });
        if (closed) return;
        opts.onSwept?.(run, Date.now() - started);
        const events = sweepEvents(run, opts.known, Date.now(), (d) => answered.get(d) === true);
        for (const d of run.devices) answered.set(d.device, d.status !== 'unreachable');
        for (const e of events) opts.onEvent(e);
      } catch (err) {
        opts.onError?.(err as Error);
      } finally {
        running = undefined;
      }
    })());
  const timer = opts.intervalS > 0 ? setInterval(() => void once(), opts.intervalS * 1000) : undefined;
  timer?.unref();
  return {
    runNow: once,
    close: async () => {
      closed = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
