// Restore one switch: read what it runs, plan with the platform's restore strategy what
// turns it into the target, ask (or not), apply, read the running config back and compare
// it with the target, confirm a verified result (a commit with an automatic rollback), and
// persist it (the platform's save; on a platform whose commit is the save, the confirmation). One SSH session for all of it: a restored configuration that
// changed AAA cannot lock the restore out of its own verification. Orchestration only:
// strategies are jobs/strategies/, plans config/'s, typing transport's.

import { randomBytes } from 'node:crypto';
import { maskSecrets, unsavedLines } from '../config/normalise.js';
import type { Device } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import type { LoginQuestion, Platform, RestoreStrategy } from '../platforms/platform.js';
import type { Store } from '../store/index.js';
import { asCaptureError, openDeviceShell, readCandidate, readRunning, readStartup, runOn } from './capture.js';
import type { DeviceShell } from './capture.js';
import { pinnedCheck } from './pinned-key.js';
import { runningAsSaved } from './unsaved.js';
import type { RestoreTarget } from './restore-target.js';
import { checkpointRollback } from './strategies/checkpoint-rollback.js';
import { commitConfirmed } from './strategies/commit-confirmed.js';
import { fileReplace } from './strategies/file-replace.js';
import { lineMerge } from './strategies/line-merge.js';
import { RestoreFailure } from './strategies/types.js';
import type { PushReport, RestorePlan, RestoreStage, SaveOutcome, StrategyContext, StrategyRun, Verification } from './strategies/types.js';
import type { TranscriptOut } from './transcript.js';

export type { PushReport, RejectedLine, RestorePlan, RestoreStage, SaveOutcome, Verification } from './strategies/types.js';

/**
 * The strategy by the name people use: today's `merge` and `replace` stay as the names of
 * line-merge and file-replace; any other strategy goes by its kind (`commit-confirmed`).
 */
export type RestoreMode = string;

const ALIAS: Record<string, RestoreStrategy['kind']> = { merge: 'line-merge', replace: 'file-replace' };
const NAME: Partial<Record<RestoreStrategy['kind'], string>> = { 'line-merge': 'merge', 'file-replace': 'replace' };

/** The name a strategy is shown by (`merge`, `replace`, `commit-confirmed`). */
export const modeName = (kind: RestoreStrategy['kind']): string => NAME[kind] ?? kind;

/** Every name `--mode` takes, for a usage message. */
export const MODE_NAMES = ['merge', 'replace', 'commit-confirmed', 'checkpoint-rollback'];

/** The platform's strategy for `mode` (absent: its first, most native one), or why there is none. */
export function chooseStrategy(platform: Platform, mode: string | undefined): RestoreStrategy | string {
  const built = platform.restore;
  if (mode === undefined) return built[0] ?? `${platform.label}: switchback cannot restore this platform`;
  const kind = ALIAS[mode] ?? mode;
  const found = built.find((s) => s.kind === kind);
  if (found) return found;
  const offered = built.map((s) => modeName(s.kind)).join(', ');
  return `${platform.label} has no ${mode} restore in switchback${offered ? `: use --mode ${offered}` : ''}`;
}

/** A restore session may type thousands of lines: it gets this many times the device's deadline. */
const RESTORE_DEADLINE_FACTOR = 5;

interface Common {
  device: string;
  mode: RestoreMode;
  target: { label: string; commit: string | null };
  durationMs: number;
}

export type DeviceRestore =
  | (Common & { status: 'planned' | 'declined'; plan: RestorePlan })
  | (Common & { status: 'verified' | 'not-verified'; plan: RestorePlan; push: PushReport; verification: Verification; save: SaveOutcome })
  | (Common & {
      status: 'failed';
      stage: RestoreStage;
      reason: string;
      plan: RestorePlan | null;
      push: PushReport | null;
      /** When the read-back did not match (a commit left to roll back): which lines. */
      verification?: Verification;
    });

export interface RestoreOptions {
  store: Store | null;
  /** The strategy by name (`merge`, `replace`, `commit-confirmed`); absent: the platform's first. */
  mode?: RestoreMode;
  save: boolean;
  dryRun: boolean;
  /** Asked with the plan while the session waits; absent: go ahead (`--yes`, or recover after its one question). */
  confirm?: (plan: RestorePlan) => Promise<boolean>;
  /** Told as changes are typed, for a progress line on a terminal. */
  onProgress?: (typed: number, of: number) => void;
  /** --verbose: the session's transcript, typed lines included, masked (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

export async function restoreDevice(device: Device, target: RestoreTarget, opts: RestoreOptions): Promise<DeviceRestore> {
  const started = Date.now();
  let mode: RestoreMode = opts.mode ?? 'merge';
  const common = () => ({ device: device.name, mode, target: { label: target.label, commit: target.commit }, durationMs: Date.now() - started });
  let plan: RestorePlan | null = null;
  let push: PushReport | null = null;
  const failed = (stage: RestoreStage, reason: string, verification?: Verification): DeviceRestore => ({
    ...common(),
    status: 'failed',
    stage,
    reason,
    plan,
    push,
    ...(verification ? { verification } : {}),
  });

  const platform = platformByName(device.platform);
  if (!platform)
    return failed('platform', `platform ${device.platform}: switchback cannot restore it (name the platform in the inventory; auto is not enough)`);
  if (!opts.save && !opts.dryRun && platform.persist.kind === 'commit') return failed('platform', noSaveRefused(platform));
  const strategy = chooseStrategy(platform, opts.mode);
  if (typeof strategy === 'string') return failed('platform', strategy);
  mode = opts.mode ?? modeName(strategy.kind);

  let shell: DeviceShell;
  try {
    shell = await openPinned(device, platform, opts.store, opts.transcript);
  } catch (err) {
    return err instanceof RestoreFailure ? failed(err.stage, err.message) : failed('connect', asCaptureError(err).message);
  }
  let run: StrategyRun | undefined;
  /** From the first thing apply types on: a failure then is not undone by abandon (a commit may be pending instead). */
  let applying = false;
  try {
    // read
    const before = await readRunning(shell, platform).catch((err: unknown) => {
      throw new RestoreFailure('read', asCaptureError(err).message);
    });
    const ctx: StrategyContext = {
      shell,
      device,
      platform,
      target: target.text,
      longStepMs: device.timeouts.deviceMs * RESTORE_DEADLINE_FACTOR,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    };
    run = runOf(ctx, platform, strategy);
    // plan
    const planned = await run.plan(before);
    plan = planned.plan;
    // confirm
    if (opts.dryRun) {
      await run.abandon();
      return { ...common(), status: 'planned', plan };
    }
    if (opts.confirm && planned.changes > 0) {
      await run.release?.();
      if (!(await opts.confirm(plan))) {
        await run.abandon();
        return { ...common(), status: 'declined', plan };
      }
    }
    // apply
    push = { typed: 0, of: planned.changes, rejected: [], skipped: [] };
    if (planned.changes > 0) {
      applying = true;
      await run.apply(push);
    } else await run.abandon();

    // verify
    const after = await readRunning(shell, platform).catch((err: unknown) => {
      throw new RestoreFailure('verify', `the configuration was typed, but reading it back failed: ${asCaptureError(err).message}`);
    });
    const verification = run.verify(after);
    const ok = verification.same && push.rejected.length === 0 && push.skipped.length === 0;
    if (!ok) {
      // Not confirmed: a commit with an automatic rollback undoes itself; the lines that differ stay in the result.
      const left = run.pending?.();
      if (left !== undefined)
        return failed('verify', `the switch does not run the target after the commit (${verificationWords(verification, push)}); ${left}`, verification);
      return { ...common(), status: 'not-verified', plan, push, verification, save: { state: 'not-saved', why: 'not-verified' } };
    }
    // confirm (always, once verified), then persist
    let confirmed = false;
    try {
      confirmed = (await run.confirm?.()) ?? false;
    } catch (err) {
      const left = run.pending?.();
      const reason = (err as Error).message;
      const save: SaveOutcome = { state: 'failed', reason: left ? `${reason}; ${left}` : reason, ...(left ? { rollsBack: left } : {}) };
      return { ...common(), status: 'verified', plan, push, verification, save };
    }
    const save: SaveOutcome = !opts.save
      ? { state: 'not-saved', why: 'no-save', ...(confirmed ? { confirmed: true as const } : {}) }
      : platform.persist.kind === 'commit'
        ? // The commit is the save: what the switch boots with is the committed configuration just
          // verified (confirmed now, or nothing to change). Lines someone left uncommitted in a
          // shared candidate are not the restore's to commit: they would change what was verified.
          { state: 'saved' }
        : await persistAndCheck(shell, platform, after);
    return { ...common(), status: 'verified', plan, push, verification, save };
  } catch (err) {
    let reason = (err as Error).message;
    // Before apply (a question that threw, a failed read): throw away what plan left (a candidate).
    if (run && !applying)
      await run.abandon().catch((e: unknown) => {
        reason += `; ${(e as Error).message}`;
      });
    // After: what the switch does by itself (a pending commit rolls back), or that it is unknown.
    const left = applying ? run?.pending?.() : undefined;
    if (left !== undefined) reason += `; ${left}`;
    return failed(err instanceof RestoreFailure ? err.stage : 'internal', reason);
  } finally {
    shell.close();
  }
}

/** The strategy's implementation for this session. */
function runOf(ctx: StrategyContext, platform: Platform, strategy: RestoreStrategy): StrategyRun {
  const merge = platform.restore.find((s) => s.kind === 'line-merge');
  switch (strategy.kind) {
    case 'line-merge':
      return lineMerge(ctx, strategy.configure);
    case 'file-replace':
      return fileReplace(ctx, strategy, merge?.kind === 'line-merge' ? merge.configure : undefined);
    case 'commit-confirmed':
      return commitConfirmed(ctx, strategy);
    case 'checkpoint-rollback':
      return checkpointRollback(ctx, strategy, merge?.kind === 'line-merge' ? merge.configure : undefined);
  }
}

/**
 * --no-save where the commit is the save: a restore would be committed with an automatic
 * rollback and never confirmed — reported done, then undone by the switch minutes later. Refused.
 */
export function noSaveRefused(platform: Platform): string {
  return `${platform.label}: --no-save cannot be kept: there the ${platform.persist.words} that keeps a restore is the save, and without it the switch rolls the restore back by itself. Restore without --no-save (or --dry-run to see the plan)`;
}

function verificationWords(v: Verification, push: PushReport): string {
  return (
    [
      push.rejected.length > 0 && `${push.rejected.length} line(s) refused`,
      push.skipped.length > 0 && `${push.skipped.length} line(s) skipped under a refused one`,
      v.missing.length > 0 && `${v.missing.length} line(s) missing`,
      v.leftOver.length > 0 && `${v.leftOver.length} line(s) left over`,
    ]
      .filter(Boolean)
      .join(', ') || 'it differs'
  );
}

// ---------------------------------------------------------------- connect

/**
 * A session only to a switch that shows the pinned host key: restore types secrets into
 * the switch, so a switch switchback cannot identify is never touched, not even on first contact.
 */
async function openPinned(device: Device, platform: Platform, store: Store | null, transcript?: TranscriptOut): Promise<DeviceShell> {
  const key = await pinnedCheck(store, device, '; nothing was typed').catch((err: unknown) => {
    throw new RestoreFailure('host-key', (err as Error).message);
  });
  if (!key.pinned)
    throw new RestoreFailure(
      'host-key',
      `no pinned SSH host key for ${device.name}: restore types secrets into the switch and never does so to one it cannot identify. Run switchback backup ${device.name} first`,
    );
  try {
    return await openDeviceShell(device, platform, key.verify, key.algorithms, device.timeouts.deviceMs * RESTORE_DEADLINE_FACTOR, undefined, transcript);
  } catch (err) {
    const e = asCaptureError(err);
    throw new RestoreFailure(e.stage === 'host-key' ? 'host-key' : 'connect', `${e.stage}: ${e.message}`);
  }
}

// ---------------------------------------------------------------- persist

/**
 * Make the verified configuration survive a reboot, the platform's way, and check it took:
 * a save (its command, and its words of success), then what the switch boots with read back
 * equals running; or, on a platform whose commit is the save, a commit (through its
 * commit-confirmed strategy's commands), then nothing left pending.
 */
export async function persistAndCheck(shell: DeviceShell, platform: Platform, running: string, stackMembers = 0): Promise<SaveOutcome> {
  const persist = platform.persist;
  try {
    if (persist.kind === 'commit') {
      const cc = platform.restore.find((s) => s.kind === 'commit-confirmed');
      if (!cc || cc.kind !== 'commit-confirmed') return { state: 'failed', reason: `${platform.label}: switchback knows no way to ${persist.words}` };
      const dialect = { prompt: platform.prompt, errors: cc.errors, questions: [] };
      // A named candidate gets a fresh name; a platform whose pending lines sit in a shared candidate names it in persist.enter.
      const enter = persist.enter ?? (typeof cc.enter === 'string' ? cc.enter : cc.enter(`switchback-${randomBytes(4).toString('hex')}`));
      const entered = await shell.engine.type([enter], dialect);
      if (entered.error !== undefined || !cc.entered.test(entered.output))
        return { state: 'failed', reason: `could not enter configuration mode to ${persist.words}` };
      const out = await shell.engine.type([cc.commit({ synchronize: stackMembers > 1 })], dialect);
      await shell.engine.type([cc.leave], dialect).catch(() => undefined);
      if (out.error !== undefined || !cc.commitOk.test(out.output))
        return { state: 'failed', reason: `${persist.words} did not confirm: ${maskSecrets(platform, lastWords(out.output))}` };
      const left = await readCandidate(shell, platform);
      const n = left?.lines.length ?? 0;
      if (n > 0) return { state: 'failed', reason: `committed, but ${n} line${n === 1 ? '' : 's'} still pending` };
      if (left?.sync && !left.sync.synced) return { state: 'failed', reason: `committed, but ${left.sync.detail}` };
      return { state: 'saved' };
    }
    const out = persist.questions?.length ? await typeSave(shell, platform, persist.command, persist.questions) : await runOn(shell, persist.command);
    if (!persist.ok.test(out)) return { state: 'failed', reason: `${persist.words} did not confirm: ${maskSecrets(platform, lastWords(out))}` };
    const startup = await readStartup(shell, platform);
    if (startup.kind === 'none')
      return platform.startup.from === 'none' ? { state: 'saved' } : { state: 'failed', reason: 'saved, but no saved configuration was found afterwards' };
    if (startup.kind === 'unreadable')
      return { state: 'failed', reason: `saved, but the saved configuration could not be read back: ${startup.incomplete ?? startup.why}` };
    const diff = unsavedLines(platform.syntax, runningAsSaved(platform, running, startup.text), startup.text);
    const n = diff.counts.added + diff.counts.removed;
    if (n > 0)
      return { state: 'failed', reason: `saved, but ${platform.words.startup} still differs from ${platform.words.running} in ${n} line${n === 1 ? '' : 's'}` };
    return { state: 'saved' };
  } catch (err) {
    return { state: 'failed', reason: asCaptureError(err).message };
  }
}

/**
 * A save that asks before it saves (`Are you sure … (y/n)`): typed, with its questions answered as
 * the platform says; its output, echo and prompt removed, for the success text. A question the
 * platform does not list is not answered: the save times out and is reported failed.
 */
async function typeSave(shell: DeviceShell, platform: Platform, command: string, questions: LoginQuestion[]): Promise<string> {
  try {
    const typed = await shell.engine.type([command], {
      prompt: platform.prompt,
      errors: platform.errors,
      questions: questions.map((q) => ({ ...q, for: /(?:)/ })),
    });
    return typed.output;
  } catch (err) {
    throw asCaptureError(err);
  }
}

function lastWords(out: string): string {
  return out.trim().split('\n').pop()?.trim() || '(no output)';
}
