// What every restore strategy gives the restore job (jobs/restore.ts), whose steps are
// read → plan → confirm → apply → verify → persist. A strategy is chosen by name from the
// platform's `restore` list; its implementation here is vendor-neutral, parameterised only
// by the platform's data. One strategy run lives in one SSH session.

import type { Device } from '../../inventory/device.js';
import type { Platform } from '../../platforms/platform.js';
import type { DeviceShell } from '../capture.js';

export interface RestorePlan {
  add: number;
  remove: number;
  /** The changes as a person reads them (`+ `, `- `, parents for context), secrets masked. */
  lines: string[];
  /** Lines the switch runs that the target lacks and the platform cannot remove, masked. */
  unremovable: string[];
}

export interface RejectedLine {
  /** The line as typed, under its parents, secrets masked. */
  line: string;
  /** What the switch said, e.g. a `%` error line. */
  error: string;
}

export interface PushReport {
  /** Changes typed, and how many there were. */
  typed: number;
  of: number;
  rejected: RejectedLine[];
  /** Changes not typed because a line they sit under was refused (they would land in the wrong mode). */
  skipped: string[];
}

export interface Verification {
  /** The running config read back equals the target. */
  same: boolean;
  /** Target lines the switch does not run. */
  missing: string[];
  /** Lines still running that the target does not have. */
  leftOver: string[];
  /** Lines the target lacks that the platform cannot remove (not a failure). */
  unremovable: string[];
}

/**
 * `rollsBack`: a commit with an automatic rollback is still pending (or may be), so the switch
 * puts its previous configuration back by itself; in words, with the minutes.
 * `confirmed`: with --no-save, the commit with an automatic rollback was confirmed all the same
 * (it stays until the switch reloads), only the platform's save was left out.
 */
export type SaveOutcome =
  | { state: 'saved' }
  | { state: 'not-saved'; why: 'no-save' | 'not-verified'; rollsBack?: string; confirmed?: true }
  | { state: 'failed'; reason: string; rollsBack?: string };

export type RestoreStage = 'platform' | 'host-key' | 'connect' | 'read' | 'push' | 'replace' | 'verify' | 'save' | 'internal';

/** Why a step failed, with the stage it failed at. */
export class RestoreFailure extends Error {
  constructor(
    readonly stage: RestoreStage,
    message: string,
  ) {
    super(message);
  }
}

export interface StrategyContext {
  shell: DeviceShell;
  device: Device;
  platform: Platform;
  /** The whole target configuration (extracted, as stored). */
  target: string;
  /** How long the switch may take for one long step (a replace, a load): the restore's session length. */
  longStepMs: number;
  onProgress?: (typed: number, of: number) => void;
}

/** One strategy, bound to one session and one target. */
export interface StrategyRun {
  /** The dry run from what the switch runs now: what will change, and how many changes that is. */
  plan(before: string): Promise<{ plan: RestorePlan; changes: number }>;
  /**
   * Nothing more will be done (a dry run, a no, nothing to change, an error before apply):
   * undo what plan left behind. Throws a RestoreFailure saying what is left on the switch
   * when it cannot (a candidate the switch would not throw away).
   */
  abandon(): Promise<void>;
  /**
   * Let go of what plan holds while a person is asked (an exclusive candidate locks everyone
   * else out); apply takes it again, and refuses when the switch's plan changed meanwhile.
   * Throws as abandon does. Absent: nothing is held.
   */
  release?(): Promise<void>;
  /** Put the target on the switch. */
  apply(push: PushReport): Promise<void>;
  /** Whether the running configuration read back is the target. */
  verify(after: string): Verification;
  /**
   * Keep a verified result: confirm what the strategy left to undo itself (a commit with an
   * automatic rollback). True when something was confirmed, false when nothing was pending (nothing
   * to change); a failure throws (RestoreFailure, stage `save`). Called for every verified result,
   * --save or not: saving (the platform's `persist`) is the restore job's, after this. Absent: nothing
   * to confirm.
   */
  confirm?(): Promise<boolean>;
  /**
   * What the switch does by itself if nothing more is typed, in words (`the switch rolls back …
   * within 5 min`), or `unknown whether …` after a step whose answer never came; undefined when
   * nothing is pending. Appended to any failure after apply.
   */
  pending?(): string | undefined;
}
