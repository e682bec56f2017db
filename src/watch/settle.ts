// The settle window of one device: when the watch may check it after events. A stack that
// reloads sends a burst (coldStart from the stack, a member trap per member, a syslog line
// per member, a role change) spread over its boot; a check started on the first of them
// would see half a stack and run again for the rest. So the first event opens a window, each
// further event pushes its end out by the quiet time, and the window never stays open longer
// than a maximum from its first event (a device that never stops talking is still checked).
// An event that arrives while the device is being checked or restored is not lost: the
// device goes round once more after it. Pure: state and time in, state out.

/**
 * The window's numbers. Quiet 5 s: the notices of one event come in well under a second from
 * one switch (the sender fires them back to back), and a stack's members report within a few
 * seconds of each other as they boot; five seconds of silence means the burst is over, and it
 * is a small share of the "alert within 10 s of answering" the watch is held to — most of the
 * wait is for the switch to answer anyway. Maximum 60 s: a flapping member or a storm of
 * link traps must not postpone the check forever; a minute is long enough to take a whole
 * stack's boot burst in one window and short against the minutes a lost configuration costs.
 */
export interface SettleConfig {
  quietMs: number;
  maxMs: number;
}

export const DEFAULT_SETTLE: SettleConfig = { quietMs: 5_000, maxMs: 60_000 };

export type SettleState =
  /** Nothing pending. */
  | { phase: 'quiet' }
  /** Events arriving: checked at `dueAt` unless another event pushes it (never past firstAt + maxMs). */
  | { phase: 'settling'; firstAt: number; dueAt: number; events: number }
  /** Taken: waiting for the device, checking or restoring it. `again`: an event came meanwhile. */
  | { phase: 'busy'; since: number; again: boolean; eventsSince: number };

export const QUIET: SettleState = { phase: 'quiet' };

/** When the window must close at the latest: its first event plus the maximum. */
const deadline = (firstAt: number, cfg: SettleConfig): number => firstAt + cfg.maxMs;

/** An event at `at`: opens a window, extends one (up to the maximum), or marks a busy device to go round again. */
export function settleEvent(s: SettleState, at: number, cfg: SettleConfig): SettleState {
  switch (s.phase) {
    case 'quiet':
      return { phase: 'settling', firstAt: at, dueAt: Math.min(at + cfg.quietMs, deadline(at, cfg)), events: 1 };
    case 'settling':
      // An event older than the last one (clock skew between sources) never shortens the window.
      return { ...s, dueAt: Math.max(s.dueAt, Math.min(at + cfg.quietMs, deadline(s.firstAt, cfg))), events: s.events + 1 };
    case 'busy':
      return { ...s, again: true, eventsSince: s.eventsSince + 1 };
  }
}

/** Whether the window is over at `now`: the device may be taken. */
export function settleDue(s: SettleState, now: number): boolean {
  return s.phase === 'settling' && now >= s.dueAt;
}

/** How long until the window is over (0 when due; undefined when there is no window). */
export function settleWait(s: SettleState, now: number): number | undefined {
  return s.phase === 'settling' ? Math.max(0, s.dueAt - now) : undefined;
}

/** The device is taken (waiting, checking): events from now on mark it to go round again. */
export function settleTake(s: SettleState, now: number): SettleState {
  return { phase: 'busy', since: now, again: false, eventsSince: 0 };
}

/**
 * The check (and any restore) is over. Events during it open a fresh window from now: what
 * they announced happened while the check was reading, so the check may have missed it.
 */
export function settleFinish(s: SettleState, now: number, cfg: SettleConfig): SettleState {
  if (s.phase !== 'busy' || !s.again) return QUIET;
  return { phase: 'settling', firstAt: now, dueAt: now + Math.min(cfg.quietMs, cfg.maxMs), events: s.eventsSince };
}
