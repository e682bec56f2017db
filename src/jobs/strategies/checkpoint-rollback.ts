// checkpoint-rollback: keep what the switch runs under a checkpoint name of switchback's own,
// type the differences by line merge, read running back and compare it with the target; a
// refused line, a typing that stopped, or a read-back that is not the target puts the
// checkpoint back (the platform's rollback) and says so — the switch then runs what it ran
// before, not half a restore. On success the checkpoint is removed (where the platform can).
// The dry run is the line-merge plan: nothing is taken or typed. Vendor-neutral: the commands
// are the platform's CheckpointRollbackStrategy data, the typing its line-merge `configure`.

import { randomBytes } from 'node:crypto';
import { maskSecrets, unsavedLines } from '../../config/normalise.js';
import { planPush } from '../../config/push-plan.js';
import type { PushPlan } from '../../config/push-plan.js';
import type { CheckpointRollbackStrategy, PlatformConfigure } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { asCaptureError, readRunning } from '../capture.js';
import { describePlan, typeChanges, verifyUnits } from './line-merge.js';
import { RestoreFailure } from './types.js';
import type { PushReport, StrategyContext, StrategyRun, Verification } from './types.js';

/** Where the run is: nothing taken, the checkpoint holds the configuration from before, or it was put back. */
type Stage = 'none' | 'taken' | 'rolled-back' | 'kept';

export function checkpointRollback(ctx: StrategyContext, cr: CheckpointRollbackStrategy, configure: PlatformConfigure | undefined): StrategyRun {
  const { platform, shell, target } = ctx;
  // Fresh per run, so one run never rolls back to another's checkpoint (a switch may refuse a name in use).
  const name = `switchback-${randomBytes(4).toString('hex')}`;
  const exec: TypingDialect = { prompt: platform.prompt, errors: cr.errors, questions: [] };
  const mask = (s: string) => maskSecrets(platform, s);
  let planned: PushPlan | undefined;
  let before = '';
  let stage: Stage = 'none';

  /** One exec command; its output, or the switch's refusal as a RestoreFailure. */
  const run = async (command: string, failStage: 'push' | 'verify' | 'save', what: string): Promise<string> => {
    try {
      const typed = await shell.engine.type([command], exec, ctx.longStepMs);
      if (typed.error !== undefined) throw new RestoreFailure(failStage, `${what}: the switch refused it (${mask(typed.error.trim())})`);
      return typed.output;
    } catch (err) {
      if (err instanceof RestoreFailure) throw err;
      throw new RestoreFailure(failStage, `${what}: ${asCaptureError(err).message}`);
    }
  };

  /** Put the checkpoint back, check the switch runs what it ran before, and say it all in `why`'s failure. */
  const rollBack = async (why: string, failStage: 'push' | 'verify'): Promise<never> => {
    let out: string;
    try {
      out = await run(cr.rollback(name), failStage, `rolling back to checkpoint ${name}`);
    } catch (err) {
      throw new RestoreFailure(failStage, `${why}; ${(err as Error).message}`);
    }
    if (!cr.ok.test(out)) throw new RestoreFailure(failStage, `${why}; rolling back to checkpoint ${name} did not confirm: ${mask(lastLine(out))}`);
    stage = 'rolled-back';
    const now = await readRunning(shell, platform).catch(() => undefined);
    const d = now === undefined ? undefined : unsavedLines(platform.syntax, now, before);
    const back =
      d === undefined
        ? 'but reading it back failed'
        : d.counts.added + d.counts.removed === 0
          ? 'the switch runs what it ran before the restore'
          : `but ${d.counts.added + d.counts.removed} line(s) still differ from what it ran before`;
    throw new RestoreFailure(failStage, `${why}; rolled back to checkpoint ${name}: ${back}`);
  };

  return {
    async plan(running) {
      before = running;
      planned = planPush(platform.syntax, requireConfigure(), running, target);
      return { plan: describePlan(platform, planned), changes: planned.items.length };
    },
    async abandon() {},
    async apply(push: PushReport) {
      if (!planned || planned.items.length === 0) return;
      const taken = await run(cr.checkpoint(name), 'push', `taking checkpoint ${name}`);
      if (!cr.taken.test(taken)) throw new RestoreFailure('push', `taking checkpoint ${name} did not confirm: ${mask(lastLine(taken))}; nothing was typed`);
      stage = 'taken';
      try {
        await typeChanges(shell, platform, requireConfigure(), planned.items, push, ctx.onProgress);
      } catch (err) {
        // Typing stopped (the switch left configuration mode, the session timed out): put it back if the session still answers.
        await rollBack((err as Error).message, 'push');
      }
      if (push.rejected.length > 0 || push.skipped.length > 0)
        await rollBack(`${push.rejected.length} line(s) refused${push.skipped.length ? `, ${push.skipped.length} skipped under them` : ''}`, 'push');
      const after = await readRunning(shell, platform).catch(async (err: unknown) =>
        rollBack(`reading running back failed: ${asCaptureError(err).message}`, 'verify'),
      );
      const v = verifyUnits(platform, requireConfigure(), after, target);
      if (!v.same) await rollBack(`the switch does not run the target (${v.missing.length} line(s) missing, ${v.leftOver.length} left over)`, 'verify');
    },
    verify: (after): Verification => verifyUnits(platform, requireConfigure(), after, target),
    async confirm() {
      if (stage !== 'taken') return false;
      stage = 'kept';
      // Housekeeping: a checkpoint left behind costs one of the switch's few slots, nothing more.
      if (cr.remove) await run(cr.remove(name), 'save', `removing checkpoint ${name}`).catch(() => undefined);
      return false;
    },
    pending() {
      if (stage !== 'taken') return undefined;
      return `checkpoint ${name} on the switch holds the configuration from before the restore (put it back with: ${cr.rollback(name)})`;
    },
  };

  function requireConfigure(): PlatformConfigure {
    if (!configure)
      throw new RestoreFailure('platform', `${platform.label}: checkpoint-rollback applies by line merge, and the platform has no line-merge data`);
    return configure;
  }
}

function lastLine(out: string): string {
  return out.trim().split('\n').pop()?.trim() || '(no output)';
}
