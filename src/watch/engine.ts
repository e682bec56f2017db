// The watch's engine: events in (from the receivers, by source address and the platform's
// rules — datagrams.ts — or from its own sweep), alerts out. Per device: the settle window
// (settle.ts), then wait for the device to answer (answering.ts), run `check` on it alone
// (runCheck, live, check-slots.ts bounding them), say what it found (diagnosis.ts) through the
// alert hooks (alerting.ts), and with `--recover auto` restore last good as `switchback
// recover` does (recovering.ts; recover-policy.ts decides; one device at a time) and say how
// that went. What it knows is a WatchStatus snapshot (snapshot.ts, status.ts) the HTTP layer
// renders; what it must not forget across restarts is the state file (state-file.ts, written
// by state-writer.ts, taken up again by resume.ts).
//
// This file keeps the per-device slots, the settle timers, the cycle and the wiring.
//
// Never two cycles of one device at once (its settle state says busy; events meanwhile make
// it go round once more); cycles of different devices run side by side, bounded. Nothing a
// device or a datagram does throws out of here: a failed check is an alert, a failed alert a
// counter and a log line.

import type { Device } from '../inventory/device.js';
import { checkDevice } from './act.js';
import { createRecovering } from './recovering.js';
import { createCheckSlots } from './check-slots.js';
import { resumeEvent } from './resume.js';
import { RECENT_EVENTS, applyCheck, initialView, snapshot } from './snapshot.js';
import { readRunStatus } from '../store/index.js';
import type { RunStatus, Store } from '../store/index.js';
import type { TrapRecord } from '../transport/trap-receiver.js';
import type { SyslogRecord } from '../transport/syslog-receiver.js';
import { waitUntilAnswering } from './answering.js';
import type { AnswerOptions } from './answering.js';
import { diagnose, findingFingerprint } from './diagnosis.js';
import { DEFAULT_RATE_LIMIT } from './recover-policy.js';
import type { RateLimit, RecoverMode } from './recover-policy.js';
import { DEFAULT_SETTLE, QUIET, settleEvent, settleFinish, settleTake, settleWait } from './settle.js';
import type { SettleConfig, SettleState } from './settle.js';
import type { SourceMap } from './sources.js';
import { emptyState, readWatchState } from './state-file.js';
import { createStateWriter } from './state-writer.js';
import { ALERT_RETRY_MS, createAlerter } from './alerting.js';
import type { AlertOutcome, WatchAlertSource } from './alerting.js';
import { createDropLog, createReceive } from './datagrams.js';
import { watchLog } from './log.js';
import type { WatchLogEntry } from './log.js';
import type { WatchState } from './state-file.js';
import { startSweep } from './sweep.js';
import type { Sweep } from './sweep.js';
import type { DeviceView, ReceiverView, WatchEvent, WatchStatus, WatchView } from './status.js';

/**
 * Someone configured the switch (`config-changed`): every change a person makes says so, many
 * times a day across an estate, and a check would find the change unsaved while the person is
 * still typing — an alert for work in progress, and an SSH login per change. The watch is for
 * what happens to a switch, not for what people do to it: such an event is recorded and
 * counted, and joins a window another event opened, but opens none itself — except on a switch
 * whose last check found something (FOLLOW_UP): there the change may be the fix (a person ran
 * `switchback recover`, or typed it back), and the page must not say "lost" for a switch that is
 * whole again. The scheduled `check` finds a change left unsaved.
 */
const OPENS_A_WINDOW = (kind: WatchEvent['kind']): boolean => kind !== 'config-changed';

/**
 * A window of configuration changes alone, on a switch with open findings: checked again to
 * see whether it is fixed, never alerted or restored on its own — a person is at work on it
 * and already has the alert; the page and the state follow what the check finds.
 */
const FOLLOW_UP = (events: readonly WatchEvent[]): boolean => events.length > 0 && events.every((e) => !OPENS_A_WINDOW(e.kind));

/** Checks at a time: each is an SSH login, and a feed-off event may take out a row at once. */
export const DEFAULT_CHECK_CONCURRENCY = 10;
/** How long close() lets a running check finish before it stops waiting for it. */
const CLOSE_GRACE_MS = 30_000;
/** The engine's heartbeat: health says the loop is stuck when it has not beaten for a while. */
const BEAT_MS = 5_000;

export type { WatchLogEntry } from './log.js';
export type { AlertOutcome, WatchAlertSource } from './alerting.js';

export interface WatchEngineOptions {
  devices: readonly Device[];
  /** The backups repository: checks judge against it, restores restore from it. null: checks only (every device stale, no restore). */
  store: Store | null;
  settle?: SettleConfig;
  recover?: { mode: RecoverMode; disableFile: string; limit?: RateLimit; command: (device: string) => string };
  /** Sends one alert (the CLI builds the payload and posts it); absent: nothing is sent, the log says it. */
  alert?: (source: WatchAlertSource) => Promise<AlertOutcome>;
  /** Where the state is kept across restarts; absent: nowhere. */
  statePath?: string;
  /** Device by datagram source (sources.ts), for receive(). */
  sources?: SourceMap;
  /** 0: no sweep. */
  sweepIntervalS?: number;
  answer?: Pick<AnswerOptions, 'timeoutMs' | 'pollMs' | 'probe'>;
  checkConcurrency?: number;
  /** How long a restore waits for the store's lock held by another run (act.ts LOCK_WAIT_MS). */
  lockWaitMs?: number;
  /** Waits before each new try of an alert no target took; default ALERT_RETRY_MS. */
  alertRetryMs?: readonly number[];
  log?: (entry: WatchLogEntry) => void;
}

export interface WatchEngine extends WatchView {
  /** One recognised event (from the receivers, the sweep, or a test). */
  ingest(event: WatchEvent): void;
  /** A datagram's record: its device by source address, its meaning by the platform's rules. */
  receive(record: TrapRecord | SyslogRecord): void;
  /** The receivers' views and problems, from whoever runs them (the CLI). */
  attachReceivers(views: () => ReceiverView[]): void;
  /** A datagram a receiver refused: counted there, logged here (rate-limited per reason). */
  dropped(kind: 'trap' | 'syslog', from: string | undefined, reason: string): void;
  /** The trap receiver's SNMP engine ID kept in the state (undefined the first time). */
  engineID(): string | undefined;
  setEngineID(id: string): void;
  /** Sweep now; resolves when done (tests, and the first sweep at start). */
  sweepNow(): Promise<void>;
  /** Resolves when no device has anything pending or running (tests wait for it). */
  idle(): Promise<void>;
  /** Stop: no new cycles, waits abandoned, the running check given a grace, state written. */
  close(): Promise<void>;
}

interface Slot {
  device: Device;
  settle: SettleState;
  /** The events of the open window (and those during a cycle, for the next one). */
  pending: WatchEvent[];
  timer?: NodeJS.Timeout;
  view: DeviceView;
}

/** Starts the engine: reads the state, starts the sweep (first pass at once unless it is off). */
export async function startWatchEngine(opts: WatchEngineOptions): Promise<WatchEngine> {
  const settleCfg = opts.settle ?? DEFAULT_SETTLE;
  const recoverCfg = opts.recover ?? { mode: 'never' as const, disableFile: '', command: (d: string) => `switchback recover ${d}` };
  const limit = opts.recover?.limit ?? DEFAULT_RATE_LIMIT;
  const log = watchLog(opts.log);
  let state: WatchState = emptyState();
  if (opts.statePath) {
    const read = await readWatchState(opts.statePath);
    state = read.state;
    if (read.problem) log({ level: 'warn', what: 'state', message: read.problem });
  }
  const runStatus: RunStatus = opts.store ? await readRunStatus(opts.store).catch((): RunStatus => ({})) : {};
  const startedAt = Date.now();
  const slots = new Map<string, Slot>();
  for (const d of opts.devices) {
    const remembered = state.devices[d.name];
    const success = runStatus[d.name]?.lastSuccessAt;
    slots.set(d.name, {
      device: d,
      settle: QUIET,
      pending: [],
      view: initialView(d, remembered, success),
    });
  }

  const counters: WatchStatus['counters'] = { events: {}, checks: 0, alertsSent: 0, alertsFailed: 0, recoveries: 0, unknownSources: 0 };
  const recent: WatchEvent[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) {
      try {
        l();
      } catch {
        // A subscriber's bug is its own.
      }
    }
  };
  let receiverViews: () => ReceiverView[] = () => [];
  let sweepView: WatchStatus['sweep'] = { intervalSeconds: opts.sweepIntervalS ?? 0 };
  let closing = false;
  const abort = new AbortController();
  let lastBeat = Date.now();
  const beat = setInterval(() => (lastBeat = Date.now()), BEAT_MS);
  beat.unref();

  // ------------------------------------------------------------ state

  const stateWriter = createStateWriter(opts.statePath, state, log);
  const saveState = stateWriter.save;
  const deviceState = (name: string) => (state.devices[name] ??= {});

  // ------------------------------------------------------------ bounded work

  const inFlight = new Set<Promise<void>>();
  const checkSlots = createCheckSlots(opts.checkConcurrency ?? DEFAULT_CHECK_CONCURRENCY);

  // ------------------------------------------------------------ events

  const setPhase = (slot: Slot, phase: DeviceView['phase']) => {
    slot.view.phase = phase;
    changed();
  };

  const schedule = (slot: Slot) => {
    if (slot.timer || closing) return;
    const wait = settleWait(slot.settle, Date.now());
    if (wait === undefined) return;
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      const left = settleWait(slot.settle, Date.now());
      if (left === undefined) return;
      // Extended meanwhile: wait for the rest (one timer per device, not one per event).
      if (left > 0) return schedule(slot);
      startCycle(slot);
    }, wait);
  };

  const ingest = (event: WatchEvent) => {
    if (closing) return;
    const slot = slots.get(event.device);
    if (!slot) return;
    counters.events[event.kind] = (counters.events[event.kind] ?? 0) + 1;
    recent.unshift(event);
    if (recent.length > RECENT_EVENTS * 2) recent.length = RECENT_EVENTS;
    slot.view.lastEventAt = event.at;
    deviceState(slot.device.name).lastEvent = { at: event.at, kind: event.kind, source: event.source, detail: event.detail };
    const before = slot.settle.phase;
    if (!OPENS_A_WINDOW(event.kind) && before === 'quiet' && slot.view.lastCheck?.status !== 'findings') {
      // Seen and counted (the page lists it), not a reason to log in: see OPENS_A_WINDOW.
      changed();
      return;
    }
    slot.settle = settleEvent(slot.settle, event.at, settleCfg);
    // Enough to rebuild what happened; a storm must not keep every datagram.
    if (slot.pending.length < 50) slot.pending.push(event);
    const ds = deviceState(slot.device.name);
    if (ds.pendingSince === undefined) {
      // Written now, once per window: a restart before the check (the switch takes minutes to
      // boot) must not forget that something happened to it.
      ds.pendingSince = event.at;
      void saveState();
    }
    if (before === 'quiet') {
      log({ level: 'info', what: 'event', device: event.device, message: `${event.kind} (${event.detail}): settling`, data: { source: event.source } });
      setPhase(slot, 'settling');
    } else if (before === 'busy' && slot.settle.phase === 'busy' && slot.settle.eventsSince === 1) {
      log({
        level: 'info',
        what: 'event',
        device: event.device,
        message: `${event.kind} (${event.detail}) during the ${slot.view.phase}: it goes round once more after it`,
      });
      changed();
    } else changed();
    schedule(slot);
  };

  const receive = createReceive({ sources: opts.sources, counters, isClosing: () => closing, ingest, log });
  const dropped = createDropLog(log);

  // ------------------------------------------------------------ one cycle

  const startCycle = (slot: Slot) => {
    if (closing || slot.settle.phase !== 'settling') return;
    const events = slot.pending;
    slot.pending = [];
    log({
      level: 'info',
      what: 'settled',
      device: slot.device.name,
      message: `${events.length} event(s) settled: waiting for it to answer`,
      data: { events: events.length },
    });
    slot.settle = settleTake(slot.settle, Date.now());
    setPhase(slot, 'waiting');
    const p = cycle(slot, events)
      .catch((err: Error) => log({ level: 'error', what: 'checked', device: slot.device.name, message: `the watch failed on it: ${err.message}` }))
      .finally(() => {
        inFlight.delete(p);
        slot.settle = settleFinish(slot.settle, Date.now(), settleCfg);
        setPhase(slot, slot.settle.phase === 'settling' ? 'settling' : 'quiet');
        schedule(slot);
        notifyIdle();
      });
    inFlight.add(p);
  };

  const alerter = createAlerter({
    alert: opts.alert,
    retryWaits: opts.alertRetryMs ?? ALERT_RETRY_MS,
    counters,
    deviceState,
    saveState,
    isClosing: () => closing,
    changed,
    log,
  });
  const sendAlert = alerter.send;
  const recovering = createRecovering({
    recover: recoverCfg,
    limit,
    store: opts.store,
    lockWaitMs: opts.lockWaitMs,
    signal: abort.signal,
    state,
    stateProblem: stateWriter.problem,
    saveState,
    sendAlert,
    counters,
    isClosing: () => closing,
    changed,
    log,
  });

  const cycle = async (slot: Slot, events: WatchEvent[]): Promise<void> => {
    const name = slot.device.name;
    const firstAt = events[0]?.at ?? Date.now();
    const answered = await waitUntilAnswering(slot.device, { ...opts.answer, signal: abort.signal });
    if (!answered.answered) {
      if (answered.cancelled) return;
      answeredEvents(slot);
      log({ level: 'warn', what: 'unanswered', device: name, message: answered.why });
      const fingerprint = 'unanswered';
      if (deviceState(name).lastAlert?.fingerprint !== fingerprint)
        await sendAlert(
          {
            command: 'watch',
            device: name,
            events,
            checked: null,
            failure: { stage: 'answer', reason: `${name} ${answered.why} after the event` },
            diagnosis: [`did not answer again: ${answered.why}`],
            startedAt: new Date(firstAt).toISOString(),
            finishedAt: new Date().toISOString(),
          },
          fingerprint,
        );
      await saveState();
      return;
    }
    const answeredAt = Date.now();
    log({
      level: 'info',
      what: 'answered',
      device: name,
      message: `answers (after ${answered.attempts} attempt(s)): checking`,
      data: { waitedMs: answered.afterMs },
    });
    if (closing) return;
    setPhase(slot, 'checking');
    // Queued behind other checks when the watch stops: abandoned, not started.
    const checked = await checkSlots.run(async () => (closing ? null : checkDevice(slot.device, opts.store)));
    if (!checked) return;
    answeredEvents(slot);
    counters.checks++;
    const fingerprint = findingFingerprint(checked);
    const findings = checked.findings.filter((f) => f.kind !== 'stale').map((f) => ({ kind: f.kind, message: f.message }));
    const at = Date.now();
    applyCheck(slot.view, checked, findings, at);
    const ds = deviceState(name);
    ds.lastCheck = {
      at,
      status: checked.status,
      fingerprint,
      findings,
      ...(checked.reboot ? { rebootAt: checked.reboot.at } : {}),
      ...(checked.stack ? { stackProblems: checked.stack.problems } : {}),
    };
    const diagnosis = diagnose({ checked, events, members: slot.device.stack?.members ?? [] });
    log({
      level: 'info',
      what: 'checked',
      device: name,
      message: `${checked.status}${diagnosis.length ? `: ${diagnosis.join('; ')}` : ''}`,
      data: { ms: checked.durationMs, sinceAnsweredMs: Date.now() - answeredAt, findings: findings.length },
    });
    changed();
    if (checked.status === 'ok' || findings.length === 0) {
      // Nothing wrong: the next time something is, it is news again.
      delete ds.lastAlert;
      await saveState();
      return;
    }
    if (FOLLOW_UP(events)) {
      // `alert`, not a second `checked` line: one `checked` line per check (the storm test counts them).
      log({
        level: 'info',
        what: 'alert',
        device: name,
        message: 'changed by a person while it had findings: not alerted or restored (they have the alert)',
      });
      await saveState();
      return;
    }

    // What --recover makes of it, the alert, and an auto restore in its turn (recovering.ts).
    await recovering.afterFindings({ device: slot.device, view: slot.view, ds, checked, events, diagnosis, fingerprint, firstAt });
  };

  /** The cycle's events have their answer (a check, or "did not answer"); events since keep it pending. */
  const answeredEvents = (slot: Slot) => {
    const again = slot.settle.phase === 'busy' && slot.settle.again;
    if (!again) delete deviceState(slot.device.name).pendingSince;
  };

  // ------------------------------------------------------------ idle, sweep, close

  const idleWaiters: (() => void)[] = [];
  const isIdle = () => inFlight.size === 0 && [...slots.values()].every((s) => s.settle.phase === 'quiet');
  const notifyIdle = () => {
    if (!isIdle()) return;
    for (const w of idleWaiters.splice(0)) w();
  };

  let sweep: Sweep | undefined;
  if ((opts.sweepIntervalS ?? 0) > 0) {
    sweep = startSweep({
      devices: opts.devices,
      store: opts.store,
      intervalS: opts.sweepIntervalS!,
      known: (device) => {
        const c = state.devices[device]?.lastCheck;
        return c ? { ...(c.rebootAt ? { rebootAt: c.rebootAt } : {}), ...(c.stackProblems ? { stackProblems: c.stackProblems } : {}) } : undefined;
      },
      onEvent: (e) => {
        // A device already in a cycle is checked anyway: no need to go round again for the sweep.
        const slot = slots.get(e.device);
        if (slot && slot.settle.phase !== 'quiet') return;
        ingest(e);
      },
      onSwept: (run, ms) => {
        sweepView = { intervalSeconds: opts.sweepIntervalS!, lastAt: Date.now(), lastDurationMs: ms };
        log({
          level: 'info',
          what: 'sweep',
          message: `swept ${run.counts.total} device(s) over SNMP: ${run.counts.rebooted} rebooted, ${run.counts.stack} stack, ${run.counts.unreachable} unreachable`,
          data: { ms },
        });
        changed();
      },
      onError: (err) => log({ level: 'error', what: 'sweep', message: `the sweep failed: ${err.message}` }),
    });
  }

  // The first pass at once: what happened while the watch was not running.
  if (sweep) void sweep.runNow();

  const status = (): WatchStatus =>
    snapshot({
      startedAt,
      receivers: receiverViews(),
      recover: recoverCfg,
      limit,
      state,
      sweep: sweepView,
      devices: [...slots.values()].map((s) => s.view),
      recent,
      counters,
    });

  log({
    level: 'info',
    what: 'started',
    message: `watching ${slots.size} device(s); settle ${settleCfg.quietMs / 1000} s (at most ${settleCfg.maxMs / 1000} s); --recover ${recoverCfg.mode}; sweep ${opts.sweepIntervalS ? `every ${opts.sweepIntervalS} s` : 'off'}`,
  });
  // Events received before a restart that no check answered, or an alert no target took before
  // it: the switch is checked now (and what it has said again).
  for (const slot of slots.values()) {
    const event = resumeEvent(slot.device.name, state.devices[slot.device.name], Date.now());
    if (event) ingest(event);
  }
  for (const u of opts.sources?.unresolved ?? [])
    log({ level: 'warn', what: 'started', device: u.device, message: `${u.why}: its notices cannot be told from a stranger's` });
  for (const s of opts.sources?.shared ?? [])
    log({ level: 'warn', what: 'started', message: `${s.address} is the host of ${s.devices.join(', ')}: its notices go to ${s.devices[0]}` });

  return {
    status,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    health() {
      const problems: string[] = [];
      if (closing) problems.push('stopping');
      if (Date.now() - lastBeat > BEAT_MS * 6) problems.push(`the engine's loop has not run for ${Math.round((Date.now() - lastBeat) / 1000)} s`);
      const stateProblem = stateWriter.problem();
      if (stateProblem) problems.push(stateProblem);
      for (const r of receiverViews()) if (r.port === 0) problems.push(`the ${r.kind} receiver is not listening`);
      return { ok: problems.length === 0, problems };
    },
    ingest,
    receive,
    dropped,
    attachReceivers(views) {
      receiverViews = views;
      changed();
    },
    engineID: () => state.engineID,
    setEngineID(id) {
      if (state.engineID === id) return;
      state.engineID = id;
      void saveState();
    },
    sweepNow: () => sweep?.runNow() ?? Promise.resolve(),
    idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((done) => idleWaiters.push(done))),
    async close() {
      if (closing) return;
      closing = true;
      log({
        level: 'info',
        what: 'stopping',
        message: `${inFlight.size} device(s) in a cycle: waiting are abandoned, a running check is let finish, a restore is never cut off`,
      });
      for (const s of slots.values()) if (s.timer) clearTimeout(s.timer);
      alerter.cancelRetries();
      abort.abort();
      checkSlots.releaseAll();
      await sweep?.close();
      // A running check is let finish for a while (its SSH session closes cleanly); a restore
      // is never cut off half-typed — it is awaited whatever it takes.
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((done) => (graceTimer = setTimeout(done, CLOSE_GRACE_MS)));
      await Promise.race([Promise.all([...inFlight]), grace.then(() => recovering.restoresDone())]);
      clearTimeout(graceTimer);
      clearInterval(beat);
      await saveState();
      await stateWriter.flushed();
      log({ level: 'info', what: 'stopped', message: opts.statePath ? `state written to ${opts.statePath}` : 'no state kept (no backups repository)' });
      for (const w of idleWaiters.splice(0)) w();
    },
  };
}
