// What restore types into a switch to turn the configuration it runs into a target one,
// and how close the switch came afterwards. Pure functions of text and the platform's
// configure data; the typing itself is the job's.
//
// A configuration is compared as lines in their place (a line under its parents, as
// `show running-config` indents them), order-blind: IOS prints its blocks in an order
// of its own, so a line that merely moved is not a change. A banner is one unit: it is
// typed, removed and compared as a whole.

import type { PlatformConfigure } from '../platforms/platform.js';
import { lineKey, significant } from './normalise.js';

/** One unit of configuration in its place: a line, or a banner with its text. */
export interface PlanLine {
  /** As `show running-config` prints it, indentation kept; for a banner, its first line. */
  text: string;
  /** The lines it sits under, outermost first. */
  parents: string[];
  /** Identity for comparing: the parents and the text (a banner: all of its lines). */
  key: string;
  /** A banner: its lines as printed (the banner line, the text, the closing delimiter). */
  banner?: string[];
}

export interface PlanItem {
  change: 'add' | 'remove';
  line: PlanLine;
  /** What is typed, under the line's parents: the line, its `no` form, or a banner's lines. */
  type: string[];
}

export interface PushPlan {
  /** Removals first (in running order: `no description` must not follow the new description), then additions in target order. */
  items: PlanItem[];
  add: number;
  remove: number;
  /** In running, not in the target, and the platform cannot remove them (a physical port, `line con 0`): left as they are. */
  unremovable: PlanLine[];
}

/** Lines of a configuration as units (blank and `!` lines left out, banners whole, unmanaged lines dropped). */
export function unitsOf(configure: PlatformConfigure, text: string): PlanLine[] {
  const lines = significant(text);
  const out: PlanLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.bannerText) continue; // taken with its banner below
    const bannerText: string[] = [];
    while (lines[i + 1]?.bannerText && lines[i + 1]!.parents[0] === l.text) bannerText.push(lines[++i]!.text);
    if (bannerText.length > 0 || /^banner \S+ /.test(l.text)) {
      const banner = [l.text, ...bannerText];
      out.push({ text: l.text, parents: l.parents, key: lineKey({ ...l, text: banner.join('\n') }), banner });
      continue;
    }
    if (configure.unmanaged.some((re) => re.test(l.text.trim()))) continue;
    out.push({ text: l.text, parents: l.parents, key: lineKey(l) });
  }
  return out;
}

/** Units of `from` that `other` does not have as often, in `from`'s order. */
function minus(from: PlanLine[], other: PlanLine[]): PlanLine[] {
  const count = new Map<string, number>();
  for (const l of other) count.set(l.key, (count.get(l.key) ?? 0) + 1);
  return from.filter((l) => {
    const n = count.get(l.key) ?? 0;
    count.set(l.key, n - 1);
    return n <= 0;
  });
}

/** The keys of a line's parents, outermost first, as lineKey builds them. */
function ancestorKeys(l: PlanLine): string[] {
  return l.parents.map((_, i) =>
    l.parents
      .slice(0, i + 1)
      .map((s) => s.trimEnd())
      .join('\n'),
  );
}

const sameParents = (a: PlanLine, b: PlanLine) => a.parents.length === b.parents.length && a.parents.every((p, i) => p === b.parents[i]);

/** What to type to go from `running` to `target`. */
export function planPush(configure: PlatformConfigure, running: string, target: string): PushPlan {
  const have = unitsOf(configure, running);
  const want = unitsOf(configure, target);
  const adds = minus(want, have);
  const removals: PlanItem[] = [];
  const unremovable: PlanLine[] = [];
  const removedBlocks = new Set<string>();
  for (const extra of minus(have, want)) {
    // Its block goes as a whole (`no interface Vlan20` takes its sub-lines with it).
    if (ancestorKeys(extra).some((k) => removedBlocks.has(k))) continue;
    const no = configure.negate(extra.text);
    if (no === undefined) {
      unremovable.push(extra);
      continue;
    }
    // A new value typed in its place replaces it; its `no` form could remove the new value too.
    if (adds.some((a) => sameParents(a, extra) && configure.replaces(a.text, extra.text))) continue;
    removals.push({ change: 'remove', line: extra, type: [no] });
    removedBlocks.add(extra.key);
  }
  const additions: PlanItem[] = adds.map((line) => ({
    change: 'add',
    line,
    type: line.banner ? configure.typeBanner(line.banner) : [line.text.trim()],
  }));
  return { items: [...removals, ...additions], add: additions.length, remove: removals.length, unremovable };
}

// ---------------------------------------------------------------- typing in place

/** Whether `line` sits under exactly the path `path` (or deeper). */
export function isUnder(line: PlanLine, path: string[]): boolean {
  return path.length <= line.parents.length && path.every((p, i) => line.parents[i] === p);
}

export interface Typing {
  /** How many levels to go up (`exit`) from where the session is. */
  ups: number;
  /** Parent lines to type to get to the item's place, outermost first. */
  context: string[];
  /** The item's own line opens a level that the next item goes into. */
  opens: boolean;
}

/**
 * How to get from the level `open` (the parent lines the session is in) to the place of
 * `item`: up the levels not shared, into the parents not yet entered. IOS takes a global
 * command in any sub-mode, but going up first keeps a line from meaning something else
 * in the sub-mode it would otherwise land in.
 */
export function typingFor(open: string[], item: PlanItem, next: PlanItem | undefined): Typing {
  const parents = item.line.parents;
  let shared = 0;
  while (shared < open.length && shared < parents.length && open[shared] === parents[shared]) shared++;
  const opens = item.change === 'add' && next !== undefined && isUnder(next.line, [...parents, item.line.text]);
  return { ups: open.length - shared, context: parents.slice(shared), opens };
}

// ---------------------------------------------------------------- after the push

export interface TargetComparison {
  /** The switch runs exactly the target (lines the platform cannot remove aside). */
  same: boolean;
  /** Target lines the switch does not run: they did not take. */
  missing: PlanLine[];
  /** Lines the switch runs that the target does not have, and that could have been removed. */
  leftOver: PlanLine[];
  /** Lines the switch runs that the target does not have and the platform cannot remove. */
  unremovable: PlanLine[];
}

export function compareWithTarget(configure: PlatformConfigure, running: string, target: string): TargetComparison {
  const have = unitsOf(configure, running);
  const want = unitsOf(configure, target);
  const missing = minus(want, have);
  const leftOver: PlanLine[] = [];
  const unremovable: PlanLine[] = [];
  const leftBlocks = new Set<string>();
  for (const extra of minus(have, want)) {
    if (ancestorKeys(extra).some((k) => leftBlocks.has(k))) continue;
    if (configure.negate(extra.text) === undefined) unremovable.push(extra);
    else {
      leftOver.push(extra);
      leftBlocks.add(extra.key);
    }
  }
  return { same: missing.length === 0 && leftOver.length === 0, missing, leftOver, unremovable };
}

// ---------------------------------------------------------------- for a person

/**
 * Lines as a person reads them, each change under the parents not already shown:
 * `  interface Gi1/0/7` (context), `+  description x` (added), `- logging host 10.0.0.9` (removed).
 * Banner text follows its banner line. `mask` is applied to each configuration line before
 * it is marked (secret patterns are anchored at the start of a line); banner text is free text.
 */
export function describeLines(items: { change: 'add' | 'remove' | 'missing' | 'left'; line: PlanLine }[], mask: (line: string) => string = (l) => l): string[] {
  const mark = { add: '+ ', remove: '- ', missing: '+ ', left: '- ' } as const;
  const out: string[] = [];
  let open: string[] = [];
  for (const { change, line } of items) {
    let shared = 0;
    while (shared < open.length && shared < line.parents.length && open[shared] === line.parents[shared]) shared++;
    out.push(...line.parents.slice(shared).map((p) => `  ${mask(p)}`));
    const [first = line.text, ...text] = line.banner ?? [line.text];
    out.push(mark[change] + mask(first), ...text.map((t) => mark[change] + t));
    open = [...line.parents, line.text];
  }
  return out;
}

/** Target lines that are commands, not configuration (`do …`, `reload`, `write erase`): restore refuses the target. */
export function execLevelLines(configure: PlatformConfigure, target: string): string[] {
  return significant(target)
    .filter((l) => !l.bannerText && configure.execLevel.some((re) => re.test(l.text.trim())))
    .map((l) => l.text);
}
