// commit-confirmed: load the whole target into an exclusive candidate, show the switch's own
// comparison as the dry run, commit with an automatic rollback after N minutes, verify that
// running equals the target, and only then confirm with a plain commit. A verification that
// fails is left alone: the switch rolls back by itself when the minutes run out. Any error
// before the confirmed commit throws the candidate away and leaves configuration mode.
// Vendor-neutral: every command and answer is the platform's (CommitConfirmedStrategy).

import { maskSecrets, unsavedLines } from '../../config/normalise.js';
import type { CommitConfirmedStrategy } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { asCaptureError } from '../capture.js';
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

  return {
    async plan(before: string): Promise<{ plan: RestorePlan; changes: number }> {
      try {
        await step('push', [s.enter], s.entered, 'entering the candidate');
        inCandidate = true;
        // The whole target, then the end-of-input key: the switch answers once it has read it all.
        const lines = s.loadLines ? s.loadLines(target, before) : target.replace(/\n$/, '').split('\n');
        await step('push', [s.load, ...lines, s.loadEnd], s.loaded, 'loading the target', ctx.longStepMs);
        const compare = await step('push', [s.compare], undefined, 'comparing the candidate');
        const changed = compare.split('\n').filter((l) => /^[+-]/.test(l));
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
        await step('save', [s.enter], s.entered, 'entering configuration mode to confirm');
        const synchronize = (ctx.device.stack?.members.length ?? 0) > 1;
        await step('save', [s.commit({ synchronize })], s.commitOk, 'confirming the commit', ctx.longStepMs);
        await step('save', [s.leave], undefined, 'leaving configuration mode').catch(() => undefined);
        confirmedPending = false;
        return { state: 'saved' };
      } catch (err) {
        return { state: 'failed', reason: `${(err as Error).message}; ${rollsBack}` };
      }
    },
  };
}
