// commit-confirmed: put the whole target into a candidate, show the switch's own comparison
// as the dry run, commit with an automatic rollback after N minutes, verify that running
// equals the target, and only then confirm with a plain commit. A verification that fails
// is left alone: the switch rolls back by itself when the minutes run out. Any error before
// the confirmed commit throws the candidate away and leaves configuration mode.
// The target gets in by a terminal load (`load`, the text, the end key), or typed line by
// line with the platform's line-merge data (a TypedLoad: into a configuration session, or,
// with `timerFirst`, straight into running once the rollback timer runs).
// Vendor-neutral: every command and answer is the platform's (CommitConfirmedStrategy).

import { maskSecrets, unsavedLines } from '../../config/normalise.js';
import { planPush } from '../../config/push-plan.js';
import type { CommitConfirmedStrategy, PlatformConfigure, TypedLoad } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { asCaptureError } from '../capture.js';
import { describePlan, typeChanges } from './line-merge.js';
import { RestoreFailure } from './types.js';
import type { PushReport, RestorePlan, RestoreStage, SaveOutcome, StrategyContext, StrategyRun, Verification } from './types.js';

export function commitConfirmed(ctx: StrategyContext, s: CommitConfirmedStrategy): StrategyRun {
  const { shell, platform, target } = ctx;
  const dialect: TypingDialect = { prompt: platform.prompt, errors: s.errors, questions: [] };
  const mask = (l: string) => maskSecrets(platform, l);
  /** In configuration mode with a candidate that may hold the target. */
  let inCandidate = false;
  /** The confirmed commit is on the switch, waiting for the confirmation. */
  let confirmedPending = false;

  /** Type one step and check what it must say; a refusal or a missing answer throws. */
  const step = async (stage: RestoreStage, lines: string[], expect: RegExp | undefined, what: string, timeoutMs?: number) => {
    let out: string;
    let error: string | undefined;
    try {
      const t = await shell.engine.type(lines, dialect, timeoutMs);
      out = t.output;
      error = t.error;
    } catch (err) {
      throw new RestoreFailure(stage, `${what}: ${asCaptureError(err).message}`);
    }
    if (error !== undefined) throw new RestoreFailure(stage, `${what}: the switch said ${JSON.stringify(mask(error).slice(0, 200))}`);
    if (expect && !expect.test(out)) {
      const last = out.trim().split('\n').pop()?.trim() ?? '';
      throw new RestoreFailure(stage, `${what}: the switch did not confirm (${last ? JSON.stringify(mask(last).slice(0, 200)) : 'no output'})`);
    }
    return out;
  };

  /** Throw the candidate away and leave: after an error, a dry run or a no. Never throws. */
  const discard = async () => {
    if (!inCandidate) return;
    inCandidate = false;
    try {
      await shell.engine.type([s.discard], dialect);
      await shell.engine.type([s.leave], dialect);
    } catch {
      // The session is gone: an exclusive candidate dies with it.
    }
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

  return {
    async plan(before: string): Promise<{ plan: RestorePlan; changes: number }> {
      if (typed?.timerFirst) {
        // Nothing is typed before the timer runs: the dry run is the line-merge plan.
        timerFirstItems = planPush(platform.syntax, configure!, before, target);
        return { plan: describePlan(platform, timerFirstItems), changes: timerFirstItems.items.length };
      }
      try {
        await step('push', [s.enter], s.entered, 'entering the candidate');
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
        const shown = compare
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => {
            // Secret patterns read a line without its mark and indentation.
            const m = /^([+-]?\s*)(.*)$/.exec(l)!;
            return m[1]! + mask(m[2]!);
          });
        const counted = s.countChanges?.(compare) ?? {
          add: changed.filter((l) => l.startsWith('+')).length,
          remove: changed.filter((l) => l.startsWith('-')).length,
        };
        return {
          plan: { add: counted.add, remove: counted.remove, lines: shown, unremovable: [] },
          changes: counted.add + counted.remove,
        };
      } catch (err) {
        await discard();
        throw err;
      }
    },
    abandon: discard,
    async apply(push: PushReport) {
      if (typed?.timerFirst) {
        // The timer first (it keeps the configuration to go back to), then the differences typed in place.
        await step('push', [s.confirmed(s.minutes)], s.confirmedOk, `starting the automatic rollback after ${s.minutes} min`);
        confirmedPending = true;
        const rollsBack = `the switch rolls back to its previous configuration by itself within ${s.minutes} min`;
        try {
          await typeChanges(shell, platform, configure!, timerFirstItems?.items ?? [], push, ctx.onProgress);
        } catch (err) {
          const e = err instanceof RestoreFailure ? err : new RestoreFailure('push', asCaptureError(err).message);
          throw new RestoreFailure(e.stage, `${e.message}; not confirmed: ${rollsBack}`);
        }
        return;
      }
      try {
        await step('push', [s.confirmed(s.minutes)], s.confirmedOk, `committing with an automatic rollback after ${s.minutes} min`, ctx.longStepMs);
      } catch (err) {
        await discard();
        throw err;
      }
      inCandidate = false;
      confirmedPending = true;
      push.typed = push.of;
      ctx.onProgress?.(push.typed, push.of);
      // Out of configuration mode, so running is read the usual way.
      await step('push', [s.leave], undefined, 'leaving configuration mode').catch(() => undefined);
    },
    verify(after: string): Verification {
      const d = unsavedLines(platform.syntax, target, after);
      return { same: d.counts.added + d.counts.removed === 0, missing: d.added.map(mask), leftOver: d.removed.map(mask), unremovable: [] };
    },
    async persist(verified: boolean, save: boolean): Promise<SaveOutcome> {
      const rollsBack = `not confirmed: the switch rolls back to its previous configuration by itself within ${s.minutes} min`;
      if (!confirmedPending) return { state: 'not-saved', why: verified ? 'no-save' : 'not-verified' };
      if (!verified) return { state: 'not-saved', why: 'not-verified', rollsBack };
      if (!save) return { state: 'not-saved', why: 'no-save', rollsBack };
      try {
        // A timer started in exec mode is confirmed there (typed.timerFirst); a candidate's commit inside configuration mode.
        const inConfig = !typed?.timerFirst;
        if (inConfig) await step('save', [s.enter], s.entered, 'entering configuration mode to confirm');
        const synchronize = (ctx.device.stack?.members.length ?? 0) > 1;
        await step('save', [s.commit({ synchronize })], s.commitOk, 'confirming the commit', ctx.longStepMs);
        if (inConfig) await step('save', [s.leave], undefined, 'leaving configuration mode').catch(() => undefined);
        confirmedPending = false;
        return { state: 'saved' };
      } catch (err) {
        return { state: 'failed', reason: `${(err as Error).message}; ${rollsBack}` };
      }
    },
  };
}
