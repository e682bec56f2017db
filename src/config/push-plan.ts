// What restore types into a switch to turn the configuration it runs into a target one,
// and how close the switch came afterwards. Pure functions of text and the platform's
// configure data; the typing itself is the job's.
//
// A configuration is compared as lines in their place (a line under its parents, as the
// platform's syntax nests them: by indentation, by blocks closed with `exit`, or none in a
// `set` syntax where every line is a whole path), order-blind: a switch prints its blocks in an order of its own, so a
// line that merely moved is not a change. A multi-line value (a banner) is one unit:
// it is typed, removed and compared as a whole.

import type { ConfigSyntax, PlatformConfigure } from '../platforms/platform.js';
import { lineKey, linesInPlace, significant } from './normalise.js';
import type { ConfigLine } from './normalise.js';

/** One unit of configuration in its place: a line, or several typed and compared as one. */
export interface PlanLine {
  /** As the running configuration prints it, indentation kept; for a unit of several lines, its first. */
  text: string;
  /** The lines it sits under, outermost first. */
  parents: string[];
  /** Identity for comparing: the parents and the text (a unit of several lines: all of them). */
  key: string;
  /**
   * A unit of several lines, as printed: a banner (its line, text and closing delimiter), a
   * whole block (a certificate and its body), or a group of sibling lines that make one
   * setting (a numbered ACL), with the line that removes the group whole.
   */
  unit?: { kind: 'banner' | 'block'; lines: string[] } | { kind: 'group'; lines: string[]; no: string; typedOver: boolean };
}

export interface PlanItem {
  change: 'add' | 'remove';
  line: PlanLine;
  /** What is typed, under the line's parents: the line, its `no` form, or a unit's lines. */
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

/** Lines of a configuration as units (blank and comment lines left out, banners, blocks and groups whole, unmanaged lines dropped). */
export function unitsOf(syntax: ConfigSyntax, configure: PlatformConfigure, text: string): PlanLine[] {
  const comment =
    syntax.comment.global || syntax.comment.sticky ? new RegExp(syntax.comment.source, syntax.comment.flags.replace(/[gy]/g, '')) : syntax.comment;
  const isComment = (line: string) => line.trim() === '' || comment.test(line);
  // A closer or frame line in an `exit-closed` syntax (`exit`, `configure`) is structure: the typing makes its own.
  const isStructure = (l: ConfigLine) => l.structure === true || isComment(l.text);
  const lines = linesInPlace(syntax, text);
  const out: PlanLine[] = [];
  const keyOf = (l: ConfigLine, all: string[]) => lineKey({ ...l, text: all.join('\n') });
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.bannerText || isStructure(l)) continue;
    const trimmed = l.text.trim();
    if (l.banner) {
      // Banner text is free text: blank lines and `!` in it are part of it.
      const text: string[] = [];
      while (lines[i + 1]?.bannerText && lines[i + 1]!.parents[0] === l.text) text.push(lines[++i]!.text);
      const all = [l.text, ...text];
      out.push({ text: l.text, parents: l.parents, key: keyOf(l, all), unit: { kind: 'banner', lines: all } });
      continue;
    }
    if (configure.wholeBlocks.some((re) => re.test(trimmed))) {
      const depth = l.parents.length;
      const body: string[] = [];
      while (
        lines[i + 1] &&
        ((lines[i + 1]!.parents.length > depth && lines[i + 1]!.parents[depth] === l.text) || isStructure(lines[i + 1]!)) &&
        !lines[i + 1]!.bannerText
      ) {
        const next = lines[++i]!;
        if (!isStructure(next)) body.push(next.text);
      }
      const all = [l.text, ...body];
      out.push({ text: l.text, parents: l.parents, key: keyOf(l, all), unit: { kind: 'block', lines: all } });
      continue;
    }
    if (configure.unmanaged.some((re) => re.test(trimmed))) continue;
    const group = configure.groupOf(trimmed);
    if (group) {
      const all = [l.text];
      const sameParents = (x: ConfigLine) => x.parents.length === l.parents.length && x.parents.every((p, k) => p === l.parents[k]);
      while (lines[i + 1] && sameParents(lines[i + 1]!) && configure.groupOf(lines[i + 1]!.text.trim())?.key === group.key) all.push(lines[++i]!.text);
      out.push({ text: l.text, parents: l.parents, key: keyOf(l, all), unit: { kind: 'group', lines: all, no: group.no, typedOver: group.typedOver } });
      continue;
    }
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
export function planPush(syntax: ConfigSyntax, configure: PlatformConfigure, running: string, target: string): PushPlan {
  const have = unitsOf(syntax, configure, running);
  const want = unitsOf(syntax, configure, target);
  const adds = minus(want, have);
  const removals: PlanItem[] = [];
  const unremovable: PlanLine[] = [];
  const removedBlocks = new Set<string>();
  for (const extra of minus(have, want)) {
    // Its block goes as a whole (`no interface Vlan20` takes its sub-lines with it).
    if (ancestorKeys(extra).some((k) => removedBlocks.has(k))) continue;
    const no = extra.unit?.kind === 'group' ? extra.unit.no : configure.negate(extra.text);
    if (no === undefined) {
      unremovable.push(extra);
      continue;
    }
    // A new value typed in its place replaces it; its `no` form could remove the new value too.
    const replacedBy = (a: PlanLine) =>
      extra.unit?.kind === 'group'
        ? extra.unit.typedOver && a.unit?.kind === 'group' && a.unit.no === extra.unit.no
        : a.unit?.kind !== 'group' && configure.replaces(a.text, extra.text);
    if (adds.some((a) => sameParents(a, extra) && replacedBy(a))) continue;
    removals.push({ change: 'remove', line: extra, type: [no] });
    removedBlocks.add(extra.key);
  }
  const additions: PlanItem[] = adds.map((line) => ({
    change: 'add',
    line,
    type: typedLines(configure, line),
  }));
  return { items: [...removals, ...additions], add: additions.length, remove: removals.length, unremovable };
}

/** The lines typed for a unit: a banner with a delimiter its text lacks; anything else as printed, without indentation. */
function typedLines(configure: PlatformConfigure, line: PlanLine): string[] {
  if (line.unit?.kind === 'banner') return configure.typeBanner(line.unit.lines);
  return (line.unit?.lines ?? [line.text]).map((l) => l.trim());
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
 * `item`: up the levels not shared, into the parents not yet entered. A switch may take a global
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

export function compareWithTarget(syntax: ConfigSyntax, configure: PlatformConfigure, running: string, target: string): TargetComparison {
  const have = unitsOf(syntax, configure, running);
  const want = unitsOf(syntax, configure, target);
  const missing = minus(want, have);
  const leftOver: PlanLine[] = [];
  const unremovable: PlanLine[] = [];
  const leftBlocks = new Set<string>();
  for (const extra of minus(have, want)) {
    if (ancestorKeys(extra).some((k) => leftBlocks.has(k))) continue;
    if (extra.unit?.kind !== 'group' && configure.negate(extra.text) === undefined) unremovable.push(extra);
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
    const [first = line.text, ...rest] = line.unit?.lines ?? [line.text];
    // Banner text is free text; the other lines of a unit are configuration, masked too.
    const body = line.unit?.kind === 'banner' ? rest : rest.map(mask);
    out.push(mark[change] + mask(first), ...body.map((t) => mark[change] + t));
    open = [...line.parents, line.text];
  }
  return out;
}

/** Target lines that are commands, not configuration (`do …`, `reload`, `write erase`): restore refuses the target. */
export function execLevelLines(syntax: ConfigSyntax, configure: PlatformConfigure, target: string): string[] {
  return significant(syntax, target)
    .filter((l) => !l.bannerText && configure.execLevel.some((re) => re.test(l.text.trim())))
    .map((l) => l.text);
}
