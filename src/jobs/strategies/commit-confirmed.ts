// commit-confirmed: put the whole target into a candidate, show the switch's own comparison
// as the dry run, commit with an automatic rollback after N minutes, verify that running
// equals the target, and only then confirm with a plain commit. A verification that fails
// is left alone: the switch rolls back by itself when the minutes run out. Any error before
// the confirmed commit throws the candidate away and leaves configuration mode.
// The target gets in by a terminal load (`load`, the text, the end key), or typed line by
// line with the platform's line-merge data (a TypedLoad: into a configuration session, or,
// with `timerFirst`, straight into running once the rollback timer runs).
// Confirming (once verified) is this strategy's; saving is the restore job's (the platform's
// persist, after the confirmation). What the switch will do by itself if nothing more is typed
// is `pending()`, which the job appends to any failure after apply.
// Vendor-neutral: every command and answer is the platform's (CommitConfirmedStrategy).

import { randomBytes } from 'node:crypto';
import { maskSecrets, unsavedLines } from '../../config/normalise.js';
import { planPush } from '../../config/push-plan.js';
import type { CommitConfirmedStrategy, PlatformConfigure, TypedLoad } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { asCaptureError } from '../capture.js';
import { maskCompare } from './compare-mask.js';
import { describePlan, typeChanges, verifyUnits } from './line-merge.js';
import { RestoreFailure } from './types.js';
import type { PushReport, RestorePlan, RestoreStage, StrategyContext, StrategyRun, Verification } from './types.js';

export function commitConfirmed(ctx: StrategyContext, s: CommitConfirmedStrategy): StrategyRun {
  const { shell, platform, target } = ctx;
  const dialect: TypingDialect = { prompt: platform.prompt, errors: s.errors, questions: [] };
  const mask = (l: string) => maskSecrets(platform, l);
  /** In configuration mode with a candidate that may hold the target. */
  let inCandidate = false;
  /**
   * The commit with an automatic rollback: not typed; `maybe` typed with no clear answer (it may
   * run); `pending` running, to be confirmed; `confirming` the confirmation typed with no answer
   * (it may have taken); `confirmed`.
   */
  let commit: 'none' | 'maybe' | 'pending' | 'confirming' | 'confirmed' = 'none';
  /** A named candidate's name for this run (random: no run meets another's leftovers). */
  const name = `switchback-${randomBytes(4).toString('hex')}`;
  const enter = typeof s.enter === 'string' ? s.enter : s.enter(name);

  /**
   * Type one step and check what it must say. `refused`: the switch said an error; `unanswered`:
   * no error but not the words that say it worked; `lost`: no answer at all (timeout, session
   * gone) — whether it took is unknown.
   */
  const tryStep = async (
    lines: string[],
    expect: RegExp | undefined,
    what: string,
    timeoutMs?: number,
  ): Promise<{ ok: true; out: string; prompt: string } | { ok: false; how: 'refused' | 'unanswered' | 'lost'; message: string }> => {
    let t;
    try {
      t = await shell.engine.type(lines, dialect, timeoutMs);
    } catch (err) {
      return { ok: false, how: 'lost', message: `${what}: ${asCaptureError(err).message}` };
    }
    if (t.error !== undefined) return { ok: false, how: 'refused', message: `${what}: the switch said ${JSON.stringify(mask(t.error).slice(0, 200))}` };
    if (expect && !expect.test(t.output)) {
      const last = t.output.trim().split('\n').pop()?.trim() ?? '';
      return {
        ok: false,
        how: 'unanswered',
        message: `${what}: the switch did not confirm (${last ? JSON.stringify(mask(last).slice(0, 200)) : 'no output'})`,
      };
    }
    return { ok: true, out: t.output, prompt: t.prompt };
  };
  /** A step that must work: a refusal or a missing answer throws. */
  const step = async (stage: RestoreStage, lines: string[], expect: RegExp | undefined, what: string, timeoutMs?: number) => {
    const r = await tryStep(lines, expect, what, timeoutMs);
    if (!r.ok) throw new RestoreFailure(stage, r.message);
    return r.out;
  };

  /**
   * Throw the candidate away and leave: after an error, a dry run or a no. Never throws: what is
   * left on the switch when it did not work, in words, or undefined when the session is back at
   * its exec prompt with nothing held.
   */
  const discard = async (): Promise<string | undefined> => {
    if (!inCandidate) return undefined;
    inCandidate = false;
    const held = `the switch may still hold the loaded target in an uncommitted candidate (not running it; it may block other changes): throw it away by hand with \`${s.discard}\`, then \`${s.leave}\``;
    const thrown = await tryStep([s.discard], undefined, 'throwing the candidate away');
    if (!thrown.ok) {
      // No answer at all: the session is gone, and an exclusive candidate with it — unless the switch keeps named ones.
      if (thrown.how === 'lost' && typeof s.enter === 'string') return undefined;
      return `${thrown.message}; ${held}`;
    }
    const left = await tryStep([s.leave], undefined, 'leaving configuration mode');
    if (!left.ok) return left.how === 'lost' ? undefined : `${left.message}; ${held}`;
    if (left.prompt.trim() !== shell.engine.info.prompt.trim())
      return `after throwing the candidate away the switch is not back at its exec prompt (${JSON.stringify(left.prompt.trim())}); ${held}`;
    return undefined;
  };
  const abandon = async () => {
    const left = await discard();
    if (left !== undefined) throw new RestoreFailure('push', left);
  };
  /** `err` (a failed step) with what discarding left, for a failure before the commit. */
  const discardAfter = async (err: unknown): Promise<never> => {
    const left = await discard();
    if (left === undefined) throw err;
    const e = err instanceof RestoreFailure ? err : new RestoreFailure('push', asCaptureError(err).message);
    throw new RestoreFailure(e.stage, `${e.message}; ${left}`);
  };

  const typed = typeof s.load === 'string' ? undefined : s.load;
  // A typed load uses the platform's line-merge data: how lines nest, negate, go up, refuse.
  const merge = ctx.platform.restore.find((r) => r.kind === 'line-merge');
  const configure: PlatformConfigure | undefined = merge?.kind === 'line-merge' ? merge.configure : undefined;
  if (typed && !configure) throw new RestoreFailure('platform', `${platform.label}: a typed load needs the platform's line-merge data, and it has none`);
  /** With `timerFirst`: the differences typed after the timer starts, planned from what the switch ran. */
  let timerFirstItems: ReturnType<typeof planPush> | undefined;

  /** Type the target (whole after `clear`, or the differences from `before`) into the open candidate; any refusal throws. */
  const typeIntoCandidate = async (load: TypedLoad, before: string) => {
    if (load.clear !== undefined) await step('push', [load.clear], undefined, 'clearing the candidate');
    const planned = planPush(platform.syntax, configure!, load.clear !== undefined ? '' : before, target);
    const push: PushReport = { typed: 0, of: planned.items.length, rejected: [], skipped: [] };
    try {
      await typeChanges(shell, platform, configure!, planned.items, push, undefined, false);
    } catch (err) {
      if (err instanceof RestoreFailure) throw err;
      throw new RestoreFailure('push', `typing the target: ${asCaptureError(err).message}`);
    }
    // A candidate with some lines refused is not the target: nothing of it is committed.
    const refused = push.rejected[0];
    if (refused)
      throw new RestoreFailure('push', `typing the target: the switch refused ${push.rejected.length} line(s), the first ${refused.line}: ${refused.error}`);
  };

  /** The candidate loaded and compared (plan); again at apply after release. */
  const load = async (before: string): Promise<{ plan: RestorePlan; changes: number }> => {
    try {
      await step('push', [enter], s.entered, 'entering the candidate');
      inCandidate = true;
      if (typed) await typeIntoCandidate(typed, before);
      else {
        // The whole target, then the end-of-input key: the switch answers once it has read it all.
        const lines = s.loadLines ? s.loadLines(target, before) : target.replace(/\n$/, '').split('\n');
        if (s.loadEnd === undefined || s.loaded === undefined)
          throw new RestoreFailure('platform', `${platform.label}: a terminal load needs its end key and its success text`);
        await step('push', [s.load as string, ...lines, s.loadEnd], s.loaded, 'loading the target', ctx.longStepMs);
      }
      if (s.compare === '' && typed) {
        const planned = planPush(platform.syntax, configure!, before, target);
        return { plan: describePlan(platform, planned), changes: planned.items.length };
      }
      const compare = await step('push', [s.compare], undefined, 'comparing the candidate');
      // A unified diff's file headers (`--- running`, `+++ session`) are no change.
      const changed = compare.split('\n').filter((l) => /^[+-]/.test(l) && !/^(?:---|\+\+\+)(?:\s|$)/.test(l));
      // A secret's line may not name the secret's keyword (`community NAME {` under a section header):
      // masked as a whole path, the platform's or with its context in front of it.
      const shown = s.compareLines ? s.compareLines(compare).map(markedMask(mask)) : maskCompare(compare, mask);
      // Counted as the platform reads the comparison when it can (whole statements, not a new
      // block's brace lines); otherwise its marked lines.
      const counted = s.compareLines ? s.compareLines(compare).filter((l) => /^[+-] /.test(l)) : changed;
      const add = counted.filter((l) => l.startsWith('+')).length;
      const remove = counted.filter((l) => l.startsWith('-')).length;
      return { plan: { add, remove, lines: shown, unremovable: [] }, changes: add + remove };
    } catch (err) {
      return discardAfter(err);
    }
  };
  /** What plan read and showed: apply after a release loads again and must show the same. */
  let planned: { before: string; lines: string[] } | undefined;
  let released = false;

  return {
    async plan(before: string): Promise<{ plan: RestorePlan; changes: number }> {
      if (typed?.timerFirst) {
        // Nothing is typed before the timer runs: the dry run is the line-merge plan.
        timerFirstItems = planPush(platform.syntax, configure!, before, target);
        return { plan: describePlan(platform, timerFirstItems), changes: timerFirstItems.items.length };
      }
      const p = await load(before);
      planned = { before, lines: p.plan.lines };
      return p;
    },
    abandon,
    async release() {
      // A terminal load is one step: thrown away while a person decides (an exclusive candidate
      // locks everyone else out meanwhile) and loaded again at apply. A typed load would be typed
      // twice, minutes for a large target: it keeps its candidate.
      if (typed || !inCandidate) return;
      await abandon();
      released = true;
    },
    async apply(push: PushReport) {
      if (released && planned) {
        released = false;
        const again = await load(planned.before);
        if (again.plan.lines.join('\n') !== planned.lines.join('\n'))
          return discardAfter(
            new RestoreFailure(
              'push',
              'the switch changed while you were asked: its comparison is no longer the plan you answered; nothing was committed. Run restore again',
            ),
          );
      }
      if (typed?.timerFirst) {
        // The timer first (it keeps the configuration to go back to), then the differences typed in place.
        const timer = await tryStep([s.confirmed(s.minutes)], s.confirmedOk, `starting the automatic rollback after ${s.minutes} min`);
        if (!timer.ok) {
          // Refused: nothing runs. Any other answer: the timer may run (the job says so).
          if (timer.how !== 'refused') commit = 'maybe';
          throw new RestoreFailure('push', timer.message);
        }
        commit = 'pending';
        // A failure while typing is the job's to report, with pending() (the timer runs).
        await typeChanges(shell, platform, configure!, timerFirstItems?.items ?? [], push, ctx.onProgress);
        return;
      }
      const committed = await tryStep([s.confirmed(s.minutes)], s.confirmedOk, `committing with an automatic rollback after ${s.minutes} min`, ctx.longStepMs);
      if (!committed.ok) {
        if (committed.how !== 'refused') commit = 'maybe';
        return discardAfter(new RestoreFailure('push', committed.message));
      }
      inCandidate = false;
      commit = 'pending';
      push.typed = push.of;
      ctx.onProgress?.(push.typed, push.of);
      // Out of configuration mode, so running is read the usual way.
      await step('push', [s.leave], undefined, 'leaving configuration mode').catch(() => undefined);
    },
    verify(after: string): Verification {
      // A typed load is the line-merge plan: verified unit by unit as line-merge does (lines the
      // platform cannot remove, unmanaged lines that change on their own are no failure).
      if (typed && configure) return verifyUnits(platform, configure, after, target);
      const d = unsavedLines(platform.syntax, target, after);
      return { same: d.counts.added + d.counts.removed === 0, missing: d.added.map(mask), leftOver: d.removed.map(mask), unremovable: [] };
    },
    async confirm(): Promise<boolean> {
      if (commit === 'none' || commit === 'confirmed') return false;
      // A timer started in exec mode is confirmed there (typed.timerFirst); a candidate's commit inside configuration mode.
      const inConfig = !typed?.timerFirst;
      if (inConfig) await step('save', [enter], s.entered, 'entering configuration mode to confirm');
      const synchronize = (ctx.device.stack?.members.length ?? 0) > 1;
      const done = await tryStep([s.commit({ synchronize })], s.commitOk, 'confirming the commit', ctx.longStepMs);
      if (!done.ok) {
        // Refused: still pending. No clear answer: it may have taken.
        if (done.how !== 'refused') commit = 'confirming';
        else if (inConfig) await tryStep([s.leave], undefined, 'leaving configuration mode');
        throw new RestoreFailure('save', done.message);
      }
      commit = 'confirmed';
      if (inConfig) await step('save', [s.leave], undefined, 'leaving configuration mode').catch(() => undefined);
      return true;
    },
    pending(): string | undefined {
      const within = `the switch rolls back to its previous configuration by itself within ${s.minutes} min`;
      switch (commit) {
        case 'pending':
          return `not confirmed: ${within}`;
        case 'maybe':
          return `unknown whether the commit with an automatic rollback took; if it did, ${within}`;
        case 'confirming':
          return `unknown whether the confirmation took; if not, ${within}`;
        default:
          return undefined;
      }
    },
  };
}

/** A line that may lead with a change's mark (`+ `, `- `), masked without it: secret patterns read the statement. */
const markedMask =
  (mask: (l: string) => string) =>
  (l: string): string => {
    const m = /^([+-]?\s*)(.*)$/.exec(l)!;
    return m[1]! + mask(m[2]!);
  };
