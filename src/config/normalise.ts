// Configuration text as backup stores and compares it: what the terminal left
// removed, what changes by itself dropped, secrets masked on request, and the
// lines that differ between running and startup. Pure functions of text and a
// platform's data; no I/O.

import { diffArrays } from 'diff';
import type { Platform } from '../platforms/platform.js';
import { stripTerminal } from '../transport/terminal-text.js';

/** What a masked secret reads as. One word, so a masked line keeps its shape. */
export const SECRET_MASK = '<masked>';

/** A copy without `g`/`y`, whose `test`/`exec` keep no state between calls (platform data may carry either flag). */
function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

// ---------------------------------------------------------------- extract

/** The echo of one of the platform's commands, alone or after the prompt (`sw1#show running-config`). */
function isEcho(platform: Platform, line: string): boolean {
  const prompt = stateless(platform.prompt);
  return Object.values(platform.commands).some((cmd) => {
    if (cmd === undefined) return false;
    const at = line.indexOf(cmd);
    return at === 0 || (at > 0 && prompt.test(line.slice(0, at)));
  });
}

const isBlank = (line: string): boolean => line.trim() === '';
/** `!` alone: IOS's separator, which brackets the header comments and is not configuration. */
const isBang = (line: string): boolean => /^\s*!\s*$/.test(line);

/**
 * The configuration out of what a device printed for `show running-config` /
 * `show startup-config`: without the echoed command, the trailing prompt, the
 * terminal's leftovers and the volatile lines, starting at the first real line
 * (the `!` that bracketed the dropped header comments go with them) and ending
 * with exactly one newline.
 */
export function extractConfig(platform: Platform, rawCommandOutput: string): string {
  const volatile = platform.volatile.map(stateless);
  const prompt = stateless(platform.prompt);
  const lines = stripTerminal(rawCommandOutput).split('\n');

  const first = lines.findIndex((l) => !isBlank(l));
  if (first >= 0 && isEcho(platform, lines[first] ?? '')) lines.splice(0, first + 1);

  while (lines.length > 0 && isBlank(lines[lines.length - 1] ?? '')) lines.pop();
  if (lines.length > 0 && prompt.test(lines[lines.length - 1] ?? '')) lines.pop();

  const kept = lines.filter((l) => !volatile.some((v) => v.test(l)));
  const start = kept.findIndex((l) => !isBlank(l) && !isBang(l));
  const body = start < 0 ? [] : kept.slice(start);
  while (body.length > 0 && isBlank(body[body.length - 1] ?? '')) body.pop();
  return body.length === 0 ? '' : body.join('\n') + '\n';
}

/** Complete: the platform's end marker is there and the device complained about nothing. */
export function isComplete(platform: Platform, text: string): boolean {
  return stateless(platform.endMarker).test(text) && !platform.errors.some((e) => stateless(e).test(text));
}

// ---------------------------------------------------------------- structure

// `banner motd ^C` … `^C`: IOS shows the delimiter as the two characters `^C`;
// a banner typed with another delimiter keeps it (`banner login #`).
const BANNER = /^banner \S+ (\^C|\S)(.*)$/;

/** One line of a configuration in its place: the text, the lines it sits under, whether it is banner text. */
export interface ConfigLine {
  text: string;
  /** The lines it sits under: `interface Gi1/0/7` for ` description x`; the banner for its text. */
  parents: string[];
  /** Banner text is free text: not configuration syntax, never masked, and only its banner is its parent. */
  bannerText: boolean;
  /** The line is a banner's own (`banner motd ^C`), whether its text follows or is on the line. */
  banner: boolean;
}

/**
 * Every line (blank and `!` lines included) with its parents, from indentation (IOS
 * indents one space per level, some blocks more: both read the same way) and banner
 * delimiters (banner text is not indented, yet belongs to its banner).
 */
export function linesInPlace(text: string): ConfigLine[] {
  const out: ConfigLine[] = [];
  let stack: { indent: number; text: string }[] = [];
  let banner: { line: string; end: string } | undefined;
  for (const text_ of text.split('\n')) {
    if (banner) {
      out.push({ text: text_, parents: [banner.line], bannerText: true, banner: false });
      if (text_.includes(banner.end)) banner = undefined;
      continue;
    }
    const indent = /^\s*/.exec(text_)?.[0].length ?? 0;
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
    const b = BANNER.exec(text_);
    out.push({ text: text_, parents: stack.map((s) => s.text), bannerText: false, banner: b !== null });
    stack = [...stack, { indent, text: text_ }];
    if (b && !(b[2] ?? '').includes(b[1] ?? '')) banner = { line: text_, end: b[1] ?? '' };
  }
  return out;
}

// ---------------------------------------------------------------- secrets

/**
 * What comes before a line's own words: its indentation, and a `no` (restore shows the
 * lines it removes as typed). The platform's patterns read a line without it, so a
 * secret is masked at any depth and in either form, never only where a pattern's
 * author expected it.
 */
const LEAD = /^\s*(?:no\s+)?/;

/**
 * Replace secrets with SECRET_MASK: on each line the first of the platform's
 * secret patterns that matches (the line read without its LEAD) keeps its group 1
 * and loses the rest of its match (text after the match stays). Banner text is left
 * alone: a banner that says "password" holds none.
 */
export function maskSecrets(platform: Platform, text: string): string {
  return linesInPlace(text)
    .map(({ text: line, bannerText }) => {
      const re = bannerText ? undefined : secretPatternFor(platform, line);
      if (!re) return line;
      const lead = LEAD.exec(line)?.[0] ?? '';
      return lead + line.slice(lead.length).replace(stateless(re), (_all, kept: string | undefined) => (kept ?? '') + SECRET_MASK);
    })
    .join('\n');
}

/** The platform's secret pattern (one of `platform.secrets`) that masks `line`, if any. */
export function secretPatternFor(platform: Platform, line: string): RegExp | undefined {
  const words = line.slice(LEAD.exec(line)?.[0].length ?? 0);
  return platform.secrets.find((p) => stateless(p).test(words));
}

/** The lines maskSecrets masked, e.g. for restore to name what it refuses to push. */
export function maskedLines(text: string): string[] {
  return text.split('\n').filter((l) => l.includes(SECRET_MASK));
}

// ---------------------------------------------------------------- unsaved

export interface UnsavedDiff {
  /** In running, not in startup: lost at the next reload. Each under its parent lines, as config to type. */
  added: string[];
  /** In startup, not in running: they come back at the next reload. */
  removed: string[];
  /** How many lines changed, without the parent lines printed for context. */
  counts: { added: number; removed: number };
}

/** Lines that carry configuration: not blank, not a `!` comment (banner text counts whatever it says). */
export function significant(text: string): ConfigLine[] {
  return linesInPlace(text).filter((l) => !isBlank(l.text) && (l.bannerText || !/^\s*!/.test(l.text)));
}

/** How many lines carry configuration (blank and `!` comment lines do not): a config's size for the health gate. */
export function significantLineCount(text: string): number {
  return significant(text).length;
}

/** A line's identity for comparing: the same words under the same parents. */
export const lineKey = (l: ConfigLine): string => [...l.parents, l.text].map((s) => s.trimEnd()).join('\n');

/**
 * The changed lines, each preceded by the parents not already printed just
 * before it: `interface Gi1/0/7`, ` description x`. A parent that changed itself
 * is printed once, as a change.
 */
export function withParents(changed: ConfigLine[]): string[] {
  const out: string[] = [];
  let open: string[] = [];
  for (const l of changed) {
    let shared = 0;
    while (shared < l.parents.length && open[shared] === l.parents[shared]) shared++;
    out.push(...l.parents.slice(shared), l.text);
    open = [...l.parents, l.text];
  }
  return out;
}

/**
 * Beyond this many differing lines a sequence diff costs seconds (Myers is
 * O(lines × differences)); such configs are compared as multisets of lines.
 */
const MAX_EDIT_LENGTH = 1000;

/** Lines of `from` that `other` does not have as often, in `from`'s order: the order-blind comparison. */
function missingFrom(from: ConfigLine[], other: ConfigLine[]): ConfigLine[] {
  const count = new Map<string, number>();
  for (const l of other) count.set(lineKey(l), (count.get(lineKey(l)) ?? 0) + 1);
  return from.filter((l) => {
    const n = count.get(lineKey(l)) ?? 0;
    count.set(lineKey(l), n - 1);
    return n <= 0;
  });
}

/**
 * What running has that startup lacks and the reverse, in each file's order,
 * from a sequence diff of lines keyed by their parents: a line that moved (the
 * order of `access-list 10` entries matters) shows as removed and added.
 * Pass extracted configurations (extractConfig): blank and `!` lines are ignored.
 */
export function unsavedLines(running: string, startup: string): UnsavedDiff {
  const run = significant(running);
  const start = significant(startup);
  const changes = diffArrays(start.map(lineKey), run.map(lineKey), { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return diffOf(missingFrom(run, start), missingFrom(start, run));
  const added: ConfigLine[] = [];
  const removed: ConfigLine[] = [];
  let r = 0;
  let s = 0;
  for (const change of changes) {
    const n = change.value.length;
    if (change.added) added.push(...run.slice(r, (r += n)));
    else if (change.removed) removed.push(...start.slice(s, (s += n)));
    else {
      r += n;
      s += n;
    }
  }
  return diffOf(added, removed);
}

function diffOf(added: ConfigLine[], removed: ConfigLine[]): UnsavedDiff {
  return { added: withParents(added), removed: withParents(removed), counts: { added: added.length, removed: removed.length } };
}
