// Whether the watch restores a device by itself after a check (`--recover never|ask|auto`).
// A restore types last good into a switch nobody is looking at, so `auto` acts only in the
// case `switchback recover` exists for — configuration lost after a reboot, or a factory
// default (needsRecovery) — with last good held to restore from, while no one has switched it
// off (the kill-switch file), and within a rate limit across the whole estate: a fault that
// makes every switch look lost (a bad last good, a broken comparison) must not push to the
// whole estate at machine speed. Whatever auto will not do, it asks: the alert carries the
// exact command. One device at a time is the engine's queue; this judges one device when its
// turn comes. Pure: facts in, verdict out.

import { UNIT_SECONDS } from '../config/duration.js';
import type { CheckedDevice } from '../jobs/check.js';
import { needsRecovery } from '../jobs/recover.js';

export type RecoverMode = 'never' | 'ask' | 'auto';
export const RECOVER_MODES: readonly RecoverMode[] = ['never', 'ask', 'auto'];

export type RecoverVerdict =
  | { act: 'restore' }
  /** A person decides: the alert carries the command, and why auto did not act. */
  | { act: 'ask'; command: string; why: string }
  | { act: 'none'; why: string };

/**
 * Three restores an hour across the estate: a power event takes out a row or a room, whose
 * few stacks lose their configuration together — three covers a bad night — while a fault
 * that made every switch look lost stops after three, and a person is asked about the rest.
 */
export interface RateLimit {
  count: number;
  windowMs: number;
}
export const DEFAULT_RATE_LIMIT: RateLimit = { count: 3, windowMs: 60 * 60 * 1000 };

/** `3/h`, `5/30m`, `10/1d`: restores per window. */
export function parseRateLimit(text: string): RateLimit | { problem: string } {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d*)\s*(s|m|h|d)\s*$/.exec(text);
  if (!m) return { problem: `takes COUNT/PERIOD, e.g. 3/h or 5/30m, got ${JSON.stringify(text)}` };
  const count = Number(m[1]);
  const n = m[2] === '' ? 1 : Number(m[2]);
  const unit = UNIT_SECONDS[m[3] as keyof typeof UNIT_SECONDS] * 1000;
  if (count < 1 || n < 1) return { problem: `takes a count and a period of at least 1, got ${JSON.stringify(text)}` };
  return { count, windowMs: n * unit };
}

export function rateLimitWords(l: RateLimit): string {
  // The largest unit that divides the window.
  const units = (['d', 'h', 'm', 's'] as const).map((u): [number, string] => [UNIT_SECONDS[u] * 1000, u]);
  const [size, unit] = units.find(([u]) => l.windowMs % u === 0) ?? [1_000, 's'];
  const n = l.windowMs / size;
  return `${l.count}/${n === 1 ? '' : n}${unit}`;
}

/** When automatic restores ran (a refused one typed nothing): of every device, or of `device`. */
export function restoresAt(recoveries: readonly { device: string; at: number; outcome: string }[], device?: string): number[] {
  return recoveries.filter((r) => r.outcome !== 'refused' && (device === undefined || r.device === device)).map((r) => r.at);
}

/** Restores within the window before `now`. */
export function recentRestores(at: readonly number[], now: number, limit: RateLimit): number {
  return at.filter((t) => t <= now && now - t < limit.windowMs).length;
}

export interface PolicyInput {
  mode: RecoverMode;
  checked: CheckedDevice;
  /** Last good resolves as a restore target (restore-target.ts), or why not. */
  target: { held: true } | { held: false; why: string };
  /** The kill-switch file exists. */
  disabled: boolean;
  disableFile: string;
  /** When automatic restores ran (any device), for the rate limit. */
  restoresAt: readonly number[];
  /** When automatic restores of this device ran: one that did not hold is not typed again by itself. */
  deviceRestoresAt?: readonly number[];
  limit: RateLimit;
  now: number;
  /** The exact command a person would type for this device. */
  command: string;
  /**
   * Why the watch's state file cannot be written, when it cannot: the rate limit and the
   * once-per-boot rule live there, so a watch that restarts (a crash loop under systemd)
   * would forget its restores and begin counting again. Absent: the state is written.
   */
  stateUnwritable?: string;
}

export function judgeRecover(input: PolicyInput): RecoverVerdict {
  const { mode, checked } = input;
  if (mode === 'never') return { act: 'none', why: '--recover never' };
  if (checked.status === 'unreachable') return { act: 'none', why: 'the check could not reach it' };
  if (!needsRecovery(checked)) return { act: 'none', why: 'nothing recover restores: no configuration lost after a reboot, no factory default' };
  if (!input.target.held) return { act: 'none', why: `no last good to restore: ${input.target.why}` };
  const ask = (why: string): RecoverVerdict => ({ act: 'ask', command: input.command, why });
  if (mode === 'ask') return ask('--recover ask');
  if (input.disabled) return ask(`automatic restore is switched off (${input.disableFile} exists)`);
  if (input.stateUnwritable !== undefined) return ask(`its memory of restores cannot be kept (${input.stateUnwritable}), so the rate limit cannot hold`);
  const recent = recentRestores(input.restoresAt, input.now, input.limit);
  if (recent >= input.limit.count) return ask(`the rate limit is reached: ${recent} automatic restores within the window (${rateLimitWords(input.limit)})`);
  // Once per boot: a restore that failed, did not verify or did not save leaves the switch as
  // lost as before, and the switch's own notices about the typing make it go round again — a
  // second restore would type the same into the same switch and spend the estate's rate limit
  // on it. Since its boot (or, with no boot time, within the rate limit's window).
  const bootAt = checked.reboot ? Date.parse(checked.reboot.at) : Number.NaN;
  const since = Number.isNaN(bootAt) ? input.now - input.limit.windowMs : bootAt;
  const tried = (input.deviceRestoresAt ?? []).filter((t) => t >= since && t <= input.now);
  if (tried.length > 0)
    return ask(`an automatic restore of it already ran at ${new Date(Math.max(...tried)).toISOString()} and it is still lost: a person looks before another`);
  return { act: 'restore' };
}

/** The command a person types to do what auto would: recover this one device. */
export function recoverCommand(device: string, inventory: readonly string[], backups: string): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['switchback', 'recover', quote(device), ...inventory.flatMap((i) => ['--inventory', quote(i)]), '--backups', quote(backups)].join(' ');
}
