// line-merge: type what differs into configuration mode, line by line, each change in its
// place (the plan is config/push-plan.ts's, from the platform's `configure` data); the
// target is verified by comparing units in their place. For any CLI that takes configuration line by line with a negating form.

import { maskSecrets } from '../../config/normalise.js';
import { compareWithTarget, describeLines, isUnder, planPush, typingFor } from '../../config/push-plan.js';
import type { PlanItem, PlanLine, PushPlan } from '../../config/push-plan.js';
import type { Platform, PlatformConfigure } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { asCaptureError } from '../capture.js';
import type { DeviceShell } from '../capture.js';
import { RestoreFailure } from './types.js';
import type { PushReport, RestorePlan, StrategyContext, StrategyRun, Verification } from './types.js';

export function lineMerge(ctx: StrategyContext, configure: PlatformConfigure): StrategyRun {
  let planned: PushPlan | undefined;
  return {
    async plan(before) {
      planned = planPush(ctx.platform.syntax, configure, before, ctx.target);
      return { plan: describePlan(ctx.platform, planned), changes: planned.items.length };
    },
    async abandon() {},
    async apply(push) {
      if (planned && planned.items.length > 0) await typeChanges(ctx.shell, ctx.platform, configure, planned.items, push, ctx.onProgress);
    },
    verify: (after) => verifyUnits(ctx.platform, configure, after, ctx.target),
  };
}

/** The plan as a person reads it: `+ ` / `- ` under their parents, secrets masked. */
export function describePlan(platform: Platform, plan: PushPlan): RestorePlan {
  const mask = (l: string) => maskSecrets(platform, l);
  return {
    add: plan.add,
    remove: plan.remove,
    lines: describeLines(
      plan.items.map((i) => ({ change: i.change, line: i.line })),
      mask,
    ),
    unremovable: describeLines(
      plan.unremovable.map((line) => ({ change: 'left' as const, line })),
      mask,
    ),
  };
}

/** Running against the target, unit by unit in their place (lines the platform cannot remove aside). */
export function verifyUnits(platform: Platform, configure: PlatformConfigure, after: string, target: string): Verification {
  const c = compareWithTarget(platform.syntax, configure, after, target);
  const show = (lines: PlanLine[], change: 'missing' | 'left') =>
    describeLines(
      lines.map((line) => ({ change, line })),
      (l) => maskSecrets(platform, l),
    );
  return { same: c.same, missing: show(c.missing, 'missing'), leftOver: show(c.leftOver, 'left'), unremovable: show(c.unremovable, 'left') };
}

export function typingDialect(platform: Platform, configure: PlatformConfigure): TypingDialect {
  return {
    prompt: platform.prompt,
    errors: configure.errors,
    questions: configure.questions,
    unknownQuestion: configure.unknownQuestion,
    decline: configure.decline,
  };
}

// ---------------------------------------------------------------- typing the changes

/**
 * An added line that opens a block in an `exit-closed` syntax (`vlan 10,20` / `exit`): typing it
 * enters the block's mode even when no line of the plan goes under it.
 */
function entersEmptyBlock(platform: Platform, item: PlanItem): boolean {
  const h = platform.syntax.hierarchy;
  if (typeof h === 'string' || item.change !== 'add') return false;
  const line = item.line.text.trim();
  return h.opens.some((re) => new RegExp(re.source, re.flags.replace(/[gy]/g, '')).test(line));
}

/**
 * Type the plan: into configuration mode, each change at its place (up out of the levels
 * it does not share with the last one, into its parents), out again. A refused line is
 * reported with the switch's words and the changes under it are skipped — they would
 * land in whatever mode the session is in. Everything else is still typed: after a power
 * event, 4,999 lines back beat none. Leaving configuration mode unexpectedly stops it.
 */
export async function typeChanges(
  shell: DeviceShell,
  platform: Platform,
  configure: PlatformConfigure,
  items: PlanItem[],
  push: PushReport,
  onProgress?: (typed: number, of: number) => void,
  /** Enter and leave configuration mode around the changes; false when the caller's candidate is already open (a configuration session). */
  frame = true,
): Promise<void> {
  const dialect = typingDialect(platform, configure);
  const mask = (text: string) => maskSecrets(platform, text);
  const said = (error: string) => mask(configure.refusalShown(error));
  let prompt = '';
  const type = async (lines: string[], what: string) => {
    let typed;
    try {
      typed = await shell.engine.type(lines, dialect);
    } catch (err) {
      const e = asCaptureError(err);
      throw new RestoreFailure(
        'push',
        `${e.message} — after ${push.typed} of ${push.of} changes; nothing was saved. Run the restore again: it types only what is still missing`,
      );
    }
    if (!configure.inConfigMode.test(typed.prompt))
      throw new RestoreFailure(
        'push',
        `the switch left configuration mode after ${mask(what)} (prompt ${typed.prompt}); stopped after ${push.typed} of ${push.of} changes`,
      );
    prompt = typed.prompt;
    return typed;
  };

  if (frame) await type([configure.enter], configure.enter);
  let open: string[] = [];
  const refused: string[][] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (refused.some((path) => isUnder(item.line, path))) {
      push.skipped.push(...describeLines([item], mask));
      continue;
    }
    const how = typingFor(open, item, items[i + 1]);
    for (let up = 0; up < how.ups; up++) {
      // At the top already (a level that was never really entered): another `exit` would leave configuration mode.
      if (configure.topLevel.test(prompt)) {
        open = [];
        break;
      }
      await type([configure.up], configure.up);
      open = open.slice(0, -1);
    }
    let entered = true;
    for (const parent of how.context) {
      const r = await type([parent.trim()], parent);
      if (r.error !== undefined) {
        push.rejected.push({ line: mask(parent), error: said(r.error) });
        refused.push([...open, parent]);
        push.skipped.push(...describeLines([item], mask));
        entered = false;
        break;
      }
      open = [...open, parent];
    }
    if (!entered) continue;
    const r = await type(item.type, item.line.text);
    push.typed++;
    onProgress?.(push.typed, push.of);
    if (r.error !== undefined) {
      push.rejected.push({ line: describeLines([item], mask).join('\n'), error: said(r.error) });
      refused.push([...item.line.parents, item.line.text]);
    } else if (how.opens) open = [...item.line.parents, item.line.text];
    else if (entersEmptyBlock(platform, item)) {
      // It entered its block's mode and nothing is typed into it: back up, or the next line
      // lands in that mode (a CLI whose blocks are closed by a line takes no global command there).
      await type([configure.up], configure.up);
    }
  }
  // `leave` leaves configuration mode from any level; its prompt is the exec one. In a caller's
  // candidate, back up to its top instead, where the caller's next command is typed.
  if (!frame) {
    for (let up = 0; up < open.length && !configure.topLevel.test(prompt); up++) await type([configure.up], configure.up);
    return;
  }
  try {
    await shell.engine.type([configure.leave], { ...dialect });
  } catch (err) {
    throw new RestoreFailure('push', `${asCaptureError(err).message} (leaving configuration mode after ${push.typed} of ${push.of} changes)`);
  }
}
