// Configuration text as backup stores and compares it: what the terminal left
// removed, what changes by itself dropped, secrets masked on request, and the
// lines that differ between running and startup. Pure functions of text and a
// platform's data; no I/O.

import type { ConfigSyntax, Platform } from '../platforms/platform.js';
import { stripTerminal } from '../transport/terminal-text.js';
import { diffRuns } from './line-diff.js';

/** What a masked secret reads as. One word, so a masked line keeps its shape. */
export const SECRET_MASK = '<masked>';

/** A copy without `g`/`y`, whose `test`/`exec` keep no state between calls (platform data may carry either flag). */
function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

// ---------------------------------------------------------------- extract

/** Every command the platform sends to read something: running, version, stack, startup. */
export function readCommands(platform: Platform): string[] {
  return [
    platform.commands.running,
    platform.commands.version,
    ...(platform.stack ? [platform.stack, ...(platform.stack.alternatives ?? [])].map((r) => r.command) : []),
    ...(platform.startup.from === 'command' ? [platform.startup.command] : []),
  ];
}

/** The echo of one of the platform's commands, alone or after the prompt (`sw1#<command>`). */
function isEcho(platform: Platform, line: string): boolean {
  const prompt = stateless(platform.prompt);
  return readCommands(platform).some((cmd) => {
    if (cmd === undefined) return false;
    const at = line.indexOf(cmd);
    return at === 0 || (at > 0 && prompt.test(line.slice(0, at)));
  });
}

const isBlank = (line: string): boolean => line.trim() === '';
/**
 * A comment line without a word in it (a `!` alone): a separator, which brackets the
 * header comments and is not configuration. A comment with words may be a person's.
 */
const isSeparator = (syntax: ConfigSyntax, line: string): boolean => stateless(syntax.comment).test(line) && !/\w/.test(line);

/** What stripTerminal changes: control characters (ESC, CR, backspace, NUL, …), everything below a space but tab and newline. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

/**
 * The platform's volatile patterns as one test of a line: one expression, their alternation,
 * where that reads the same (one flag set, no back-reference or named group whose number or
 * name would change), else each in turn. A line is tested once instead of once per pattern:
 * a 100,000-line configuration is read in a few milliseconds instead of tens.
 */
const volatileTests = new WeakMap<readonly RegExp[], (line: string) => boolean>();
function volatileTest(patterns: readonly RegExp[]): (line: string) => boolean {
  let test = volatileTests.get(patterns);
  if (test) return test;
  const each = patterns.map(stateless);
  const flags = new Set(each.map((v) => v.flags));
  const separate = each.some((v) => /\\[1-9k]|\(\?<[^=!]/.test(v.source));
  let one: RegExp | undefined;
  if (each.length > 1 && flags.size === 1 && !separate) {
    try {
      one = new RegExp(each.map((v) => `(?:${v.source})`).join('|'), each[0]!.flags);
    } catch {
      one = undefined;
    }
  }
  test = one ? (line) => one.test(line) : (line) => each.some((v) => v.test(line));
  volatileTests.set(patterns, test);
  return test;
}

/** extractConfig's lines, without the final newline's empty line. */
function extractLines(platform: Platform, rawCommandOutput: string): string[] {
  const volatile = volatileTest(platform.volatile);
  const prompt = stateless(platform.prompt);
  // Text without a control character (a stored config, read again) is what stripTerminal would make of it.
  const lines = (TERMINAL_CONTROL.test(rawCommandOutput) ? stripTerminal(rawCommandOutput) : rawCommandOutput).split('\n');

  const first = lines.findIndex((l) => !isBlank(l));
  if (first >= 0 && isEcho(platform, lines[first] ?? '')) lines.splice(0, first + 1);

  while (lines.length > 0 && isBlank(lines[lines.length - 1] ?? '')) lines.pop();
  if (lines.length > 0 && prompt.test(lines[lines.length - 1] ?? '')) lines.pop();

  const kept = lines.filter((l) => !volatile(l));
  const start = kept.findIndex((l) => !isBlank(l) && !isSeparator(platform.syntax, l));
  const body = start < 0 ? [] : kept.slice(start);
  while (body.length > 0 && isBlank(body[body.length - 1] ?? '')) body.pop();
  return body;
}

/**
 * The configuration out of what a device printed for its running or startup
 * command: without the echoed command, the trailing prompt, the
 * terminal's leftovers and the volatile lines, starting at the first real line
 * (the `!` that bracketed the dropped header comments go with them) and ending
 * with exactly one newline.
 */
export function extractConfig(platform: Platform, rawCommandOutput: string): string {
  const body = extractLines(platform, rawCommandOutput);
  return body.length === 0 ? '' : body.join('\n') + '\n';
}

/**
 * `withoutComments(platform.syntax, extractConfig(platform, raw))`, the text a comparison
 * reads, without making the intermediate text and reading it into lines again.
 */
export function comparableConfig(platform: Platform, rawCommandOutput: string): string {
  return comparableLines(platform, rawCommandOutput).join('\n');
}

/** comparableConfig's text split at `\n` (its last piece the empty one after the final newline), for a line diff. */
export function comparableLines(platform: Platform, rawCommandOutput: string): string[] {
  const body = extractLines(platform, rawCommandOutput);
  // extractConfig's text, split: its lines and the empty one after the final newline (or '' alone).
  body.push('');
  return commentLinesDropped(platform.syntax, body);
}

/**
 * Complete: the platform's completeness mark is there (`syntax.complete`) and the device
 * complained about nothing. A `prompt-returned` rule (a platform with no end marker) is what
 * the text can show: the header among the first lines, enough lines of configuration, and in
 * an `exit-closed` syntax every block closed (see PromptReturnedComplete).
 */
export function isComplete(platform: Platform, text: string): boolean {
  return whyIncomplete(platform.syntax, text) === undefined && !platform.errors.some((e) => stateless(e).test(text));
}

/**
 * What the text lacks to be complete by the syntax's rule, in words (the platform's
 * `completeSays`, made precise for a `prompt-returned` rule); undefined when it lacks nothing.
 * Error text from the device is the caller's to find (platform.errors).
 */
export function whyIncomplete(syntax: ConfigSyntax, text: string): string | undefined {
  const rule = syntax.complete;
  if (rule instanceof RegExp) return stateless(rule).test(text) ? undefined : syntax.completeSays;
  const header = stateless(rule.header);
  if (!text.split('\n', rule.within).some((l) => header.test(l))) return `${syntax.completeSays}: no header (${rule.header}) in its first ${rule.within} lines`;
  const walked = walk(syntax, text);
  const lines = walked.lines.filter((l) => isConfiguration(syntax, l)).length;
  if (lines < rule.minLines) return `${syntax.completeSays}: ${lines} line(s) of configuration, fewer than ${rule.minLines}`;
  if (walked.open.length > 0)
    return `${syntax.completeSays}: ${walked.open.length} block(s) not closed (the last opened: ${JSON.stringify(walked.open[walked.open.length - 1]!.trim().slice(0, 60))})`;
  return undefined;
}

/** The rule `syntax.complete` in a few words, for messages: the end marker's pattern, or the header rule. */
export function completeRuleWords(syntax: ConfigSyntax): string {
  const rule = syntax.complete;
  return rule instanceof RegExp ? String(rule) : `header ${rule.header} in the first ${rule.within} lines, at least ${rule.minLines} lines`;
}

// ---------------------------------------------------------------- structure

/**
 * One line of a configuration in its place: the text, the lines it sits under, whether it
 * is part of a multi-line value. "Banner" below is any such value (the platform's
 * `syntax.multiLine`: a login banner), named after the common case.
 */
export interface ConfigLine {
  text: string;
  /** The lines it sits under: `interface Gi1/0/7` for ` description x`; the banner for its text. None in a `set` syntax; the open blocks in an `exit-closed` one. */
  parents: string[];
  /** Banner text is free text: not configuration syntax, never masked, and only its banner is its parent. */
  bannerText: boolean;
  /** The line opens a multi-line value (a banner's first line), whether its text follows or is on the line. */
  banner: boolean;
  /**
   * Set on a line that is structure, not configuration, in an `exit-closed` syntax: a block's
   * closer (`exit`) or the frame around the configuration (`configure`). Never compared or pushed.
   */
  structure?: true;
}

/**
 * Every line (blank and comment lines included) with its parents. In an `indent` syntax
 * the parents come from indentation (one space per level on most switches, some blocks more:
 * both read the same way); in a `set` syntax every line is a whole path and has none; in an
 * `exit-closed` syntax they are the blocks opened above it and not yet closed.
 * A multi-line value's text belongs to its first line, whatever its indentation, up to
 * the line that holds the delimiter again.
 */
export function linesInPlace(syntax: ConfigSyntax, text: string): ConfigLine[] {
  return walk(syntax, text).lines;
}

/**
 * The width of a line's leading white space (what `^\s*` matches): spaces counted directly,
 * the rarer tab or other white space by the expression.
 */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  const c = i < line.length ? line.charCodeAt(i) : 0;
  if (c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 160 || c > 255) return /^\s*/.exec(line)?.[0].length ?? 0;
  return i;
}

/** No parents: one shared array (ConfigLine.parents is never written to). */
const NO_PARENTS: string[] = [];

/** Lines in place, and (in an `exit-closed` syntax) the blocks still open at the end: a cut text leaves some. */
function walk(syntax: ConfigSyntax, text: string): { lines: ConfigLine[]; open: string[] } {
  const out: ConfigLine[] = [];
  const start = syntax.multiLine ? stateless(syntax.multiLine.start) : undefined;
  const h = syntax.hierarchy;
  const closed = typeof h === 'object' ? h : undefined;
  const closer = closed ? stateless(closed.close) : undefined;
  const opens = closed ? closed.opens.map(stateless) : [];
  const frames = closed ? closed.frame.map(stateless) : [];
  // indent: the lines a following line may sit under, each with its own parents and (made once,
  // shared by all its children) the parents of a line under it. A config of 100,000 lines has a
  // few thousand distinct parent lists, not 100,000 copies.
  const stack: { indent: number; text: string; parents: string[]; under?: string[] }[] = [];
  /** exit-closed: the open blocks, innermost last; a frame is open but no line's parent. */
  let blocks: { text: string; frame: boolean }[] = [];
  /** exit-closed: the parents of a line at the current depth, rebuilt only when a block opens or closes. */
  let blockParents: string[] = NO_PARENTS;
  const setBlocks = (next: { text: string; frame: boolean }[]) => {
    blocks = next;
    const p = blocks.filter((x) => !x.frame).map((x) => x.text);
    blockParents = p.length === 0 ? NO_PARENTS : p;
  };
  let banner: { line: string; end: string; parents: string[] } | undefined;
  for (const text_ of text.split('\n')) {
    if (banner) {
      out.push({ text: text_, parents: banner.parents, bannerText: true, banner: false });
      if (text_.includes(banner.end)) banner = undefined;
      continue;
    }
    const b = start?.exec(text_) ?? null;
    if (h === 'indent') {
      const indent = indentOf(text_);
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const top = stack[stack.length - 1];
      const parents = top ? (top.under ??= [...top.parents, top.text]) : NO_PARENTS;
      out.push({ text: text_, parents, bannerText: false, banner: b !== null });
      stack.push({ indent, text: text_, parents });
    } else if (closed) {
      const trimmed = text_.trim();
      const parents = blockParents;
      if (closer!.test(trimmed)) {
        // Closes the innermost block; one with nothing open (a stray `exit`) closes nothing.
        out.push({ text: text_, parents, bannerText: false, banner: false, structure: true });
        if (blocks.length > 0) setBlocks(blocks.slice(0, -1));
        continue;
      }
      if (frames.some((f) => f.test(trimmed))) {
        out.push({ text: text_, parents, bannerText: false, banner: false, structure: true });
        setBlocks([...blocks, { text: text_, frame: true }]);
        continue;
      }
      out.push({ text: text_, parents, bannerText: false, banner: b !== null });
      if (opens.some((o) => o.test(trimmed))) setBlocks([...blocks, { text: text_, frame: false }]);
    } else out.push({ text: text_, parents: NO_PARENTS, bannerText: false, banner: b !== null });
    if (b && (b[1] ?? '') !== '' && !(b[2] ?? '').includes(b[1] ?? '')) banner = { line: text_, end: b[1] ?? '', parents: [text_] };
  }
  return { lines: out, open: blocks.map((x) => x.text) };
}

/** A line that carries configuration: not blank, not a comment, not structure (banner text counts whatever it says). */
function isConfiguration(syntax: ConfigSyntax, l: ConfigLine): boolean {
  return !l.structure && !isBlank(l.text) && (l.bannerText || !stateless(syntax.comment).test(l.text));
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
  return linesInPlace(platform.syntax, text)
    .map((l) => maskLine(platform, l))
    .join('\n');
}

/** One line in its place as maskSecrets masks it: a line no secret pattern matches is returned as it is, whatever its place. */
export function maskLine(platform: Platform, { text: line, bannerText }: Pick<ConfigLine, 'text' | 'bannerText'>): string {
  const re = bannerText ? undefined : secretPatternFor(platform, line);
  if (!re) return line;
  const lead = LEAD.exec(line)?.[0] ?? '';
  return lead + line.slice(lead.length).replace(stateless(re), (_all, kept: string | undefined) => (kept ?? '') + SECRET_MASK);
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

/** Lines that carry configuration: not blank, not a comment, not an `exit-closed` block's closer or frame (banner text counts whatever it says). */
export function significant(syntax: ConfigSyntax, text: string): ConfigLine[] {
  return linesInPlace(syntax, text).filter((l) => isConfiguration(syntax, l));
}

/**
 * The text without its comment lines that carry words (a note; a block's closing `exit` or the
 * final `end` where the syntax reads them as comments): they are no configuration, so a
 * comparison ignores them as unsaved and check do. Separators (a `!` alone) and blank lines
 * stay, to show blocks apart; banner text stays whatever it says.
 */
export function withoutComments(syntax: ConfigSyntax, text: string): string {
  return commentLinesDropped(syntax, text.split('\n')).join('\n');
}

function commentLinesDropped(syntax: ConfigSyntax, lines: string[]): string[] {
  const comment = stateless(syntax.comment);
  // Only where banner text is matters here, not the parents: walk's banner reading alone.
  const banner = bannerTextOf(syntax, lines);
  return lines.filter((l, i) => banner?.[i] === true || !comment.test(l) || !/\w/.test(l));
}

/**
 * Which lines are banner text, as walk reads them (same start, same end, and in an
 * `exit-closed` syntax no banner opened by a closer or frame line); undefined when none is.
 */
function bannerTextOf(syntax: ConfigSyntax, lines: string[]): boolean[] | undefined {
  if (!syntax.multiLine) return undefined;
  const start = stateless(syntax.multiLine.start);
  const closed = typeof syntax.hierarchy === 'object' ? syntax.hierarchy : undefined;
  const closer = closed ? stateless(closed.close) : undefined;
  const frames = closed ? closed.frame.map(stateless) : [];
  let flags: boolean[] | undefined;
  let end: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (end !== undefined) {
      flags![i] = true;
      if (line.includes(end)) end = undefined;
      continue;
    }
    const b = start.exec(line);
    if (closed) {
      const trimmed = line.trim();
      if (closer!.test(trimmed) || frames.some((f) => f.test(trimmed))) continue;
    }
    if (b && (b[1] ?? '') !== '' && !(b[2] ?? '').includes(b[1] ?? '')) {
      end = b[1] ?? '';
      flags ??= new Array<boolean>(lines.length).fill(false);
    }
  }
  return flags;
}

/** How many lines carry configuration (blank and comment lines do not): a config's size for the health gate. */
export function significantLineCount(syntax: ConfigSyntax, text: string): number {
  return significant(syntax, text).length;
}

/** The key part of a parent list, once per list: lines under one parent share their list (walk). */
const parentKeys = new WeakMap<string[], string>();

/** A line's identity for comparing: the same words under the same parents. */
export const lineKey = (l: ConfigLine): string => {
  if (l.parents.length === 0) return l.text.trimEnd();
  let prefix = parentKeys.get(l.parents);
  if (prefix === undefined) parentKeys.set(l.parents, (prefix = l.parents.map((s) => s.trimEnd()).join('\n') + '\n'));
  return prefix + l.text.trimEnd();
};

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
  for (const l of other) {
    const k = lineKey(l);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return from.filter((l) => {
    const k = lineKey(l);
    const n = count.get(k) ?? 0;
    count.set(k, n - 1);
    return n <= 0;
  });
}

/**
 * What running has that startup lacks and the reverse, in each file's order,
 * from a sequence diff of lines keyed by their parents: a line that moved (the
 * order of `access-list 10` entries matters) shows as removed and added.
 * In a `set` syntax every line stands alone, so a moved line is no change there: the
 * comparison is order-blind. Pass extracted configurations (extractConfig): blank and
 * comment lines are ignored.
 */
export function unsavedLines(syntax: ConfigSyntax, running: string, startup: string): UnsavedDiff;
/**
 * @deprecated The two-argument form reads `!` and `#` lines as comments and indentation as
 * hierarchy; kept only for src/lab until its personalities pass their syntax.
 */
export function unsavedLines(running: string, startup: string): UnsavedDiff;
export function unsavedLines(...args: [ConfigSyntax, string, string] | [string, string]): UnsavedDiff {
  const [syntax, running, startup] = args.length === 3 ? args : [LEGACY_SYNTAX, ...args];
  // The same text has nothing unsaved, whatever the syntax: the common case, without reading a line.
  if (running === startup) return diffOf([], []);
  const run = significant(syntax, running);
  const start = significant(syntax, startup);
  if (syntax.hierarchy === 'set') return diffOf(missingFrom(run, start), missingFrom(start, run));
  // diffRuns gives diffArrays' runs exactly, on lines interned to numbers (line-diff.ts).
  const changes = diffRuns(start.map(lineKey), run.map(lineKey), { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return diffOf(missingFrom(run, start), missingFrom(start, run));
  const added: ConfigLine[] = [];
  const removed: ConfigLine[] = [];
  let r = 0;
  let s = 0;
  for (const change of changes) {
    const n = change.count;
    if (change.added) added.push(...run.slice(r, (r += n)));
    else if (change.removed) removed.push(...start.slice(s, (s += n)));
    else {
      r += n;
      s += n;
    }
  }
  return diffOf(added, removed);
}

/** What the two-argument unsavedLines reads: `!`/`#` comments, indentation. */
const LEGACY_SYNTAX: ConfigSyntax = { comment: /^\s*[!#]/, hierarchy: 'indent', complete: /(?:)/, completeSays: '' };

function diffOf(added: ConfigLine[], removed: ConfigLine[]): UnsavedDiff {
  return { added: withParents(added), removed: withParents(removed), counts: { added: added.length, removed: removed.length } };
}
