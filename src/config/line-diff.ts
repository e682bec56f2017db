// A line diff fast enough for a 100,000-line configuration, giving exactly the `diff`
// package's answer. Lines are interned to numbers first (one hash lookup per line instead
// of a string comparison per step), and the edit graph is walked as the package walks it
// (its greedy Myers variant, its tie-breaks), with the path kept in typed arrays instead
// of one object per step: the same runs, the same hunks, a fraction of the time and garbage.
// Every caller used to call `diffArrays` / `structuredPatch` and their output was what tests
// and users saw, so the choice between equally short diffs (which `!` moved, which
// ` no shutdown` was added) must stay theirs; test/unit/line-diff.test.ts compares the two.

/** A run of lines, as the `diff` package's change objects count them: common, added (only in new) or removed (only in old). */
export interface LineRun {
  count: number;
  added: boolean;
  removed: boolean;
}

/** One hunk, in the `diff` package's StructuredPatchHunk shape. */
export interface LineHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/**
 * Each distinct value a small whole number, the same for equal values on either side. A value
 * of `b` that `a` lacks is never compared with another value of `b` (the walk only compares
 * one side with the other), so those get -1 without a place in the table.
 */
function intern<T>(a: readonly T[], b: readonly T[]): { a: Int32Array; b: Int32Array } {
  const ids = new Map<T, number>();
  const ia = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let n = ids.get(a[i]!);
    if (n === undefined) ids.set(a[i]!, (n = ids.size));
    ia[i] = n;
  }
  const ib = new Int32Array(b.length);
  for (let i = 0; i < b.length; i++) ib[i] = ids.get(b[i]!) ?? -1;
  return { a: ia, b: ib };
}

/** What a path node's edit run is: none (the start of every path), added lines or removed lines. */
const START = 0;
const ADDED = 1;
const REMOVED = 2;
/** No path on a diagonal (the package's `undefined`); -1 is a real position (before the first line). */
const NONE = -2;
/**
 * Below this many nodes the pool only grows; beyond, dead paths are dropped first. Small (under two
 * megabytes of nodes) so the pool stays in cache: a 2,000-edit walk makes two million nodes,
 * nearly all dead soon after, and compacting often costs less than growing (measured).
 */
const COMPACT_FROM = 1 << 17;

/**
 * The paths, as a tree of nodes in typed arrays (every path on the frontier shares its history
 * with others). A node is one edit run (its kind and length) and the run of common lines that
 * follows it; a path's last node is never shared while its common run is being counted, so
 * that count is written in place. Full: the nodes no frontier path reaches are dropped and the
 * rest renumbered in order (a node's predecessor always has a lower number).
 */
interface Pool {
  prev: Int32Array;
  edits: Int32Array;
  common: Int32Array;
  kind: Uint8Array;
  used: number;
}

function newPool(size: number): Pool {
  return { prev: new Int32Array(size), edits: new Int32Array(size), common: new Int32Array(size), kind: new Uint8Array(size), used: 0 };
}

function grow(pool: Pool, size: number): void {
  const bigger = newPool(size);
  bigger.prev.set(pool.prev.subarray(0, pool.used));
  bigger.edits.set(pool.edits.subarray(0, pool.used));
  bigger.common.set(pool.common.subarray(0, pool.used));
  bigger.kind.set(pool.kind.subarray(0, pool.used));
  Object.assign(pool, { ...bigger, used: pool.used });
}

/** Keep the nodes reachable from the live roots in `roots[from..to]` (rewritten to their new numbers). */
function compact(pool: Pool, roots: Int32Array, alive: Int32Array, from: number, to: number): void {
  const { prev, edits, common, kind } = pool;
  const mark = new Uint8Array(pool.used);
  for (let i = from; i <= to; i++) {
    if (alive[i] === NONE) continue;
    for (let n = roots[i]!; n >= 0 && mark[n] === 0; n = prev[n]!) mark[n] = 1;
  }
  const renumber = new Int32Array(pool.used);
  let kept = 0;
  for (let n = 0; n < pool.used; n++) {
    if (mark[n] === 0) continue;
    renumber[n] = kept;
    const p = prev[n]!;
    prev[kept] = p >= 0 ? renumber[p]! : -1;
    edits[kept] = edits[n]!;
    common[kept] = common[n]!;
    kind[kept] = kind[n]!;
    kept++;
  }
  pool.used = kept;
  for (let i = from; i <= to; i++) if (alive[i] !== NONE && roots[i]! >= 0) roots[i] = renumber[roots[i]!]!;
}

/**
 * The runs `diffArrays(a, b, { maxEditLength })` of the `diff` package (9.x) returns, without
 * their values; undefined when more than maxEditLength lines must be added or removed.
 * Values are compared with `===` (a Map key's SameValueZero, which differs only for NaN).
 */
export function diffRuns<T>(a: readonly T[], b: readonly T[], opts: { maxEditLength?: number } = {}): LineRun[] | undefined {
  const { a: old, b: nw } = intern(a, b);
  return walk(old, nw, opts.maxEditLength);
}

/** The package's walk of the edit graph, on interned values. */
function walk(old: Int32Array, nw: Int32Array, maxEdits: number | undefined): LineRun[] | undefined {
  const oldLen = old.length;
  const newLen = nw.length;
  const maxEditLength = Math.min(oldLen + newLen, maxEdits ?? Infinity);
  const pool = newPool(4096);
  // bestOld[diagonal]: the furthest old position reached on it, bestNode[diagonal] that path's
  // last node. A path's diagonal (oldPos - newPos) lies in [-newLen, oldLen]; the arrays have
  // room for one more on each side, which never holds a path but is read as a neighbour.
  const offset = newLen + 2;
  const bestOld = new Int32Array(oldLen + newLen + 5).fill(NONE);
  const bestNode = new Int32Array(oldLen + newLen + 5).fill(-1);

  // The start: the common lines at the top, on diagonal 0.
  let pos = -1;
  while (pos + 1 < newLen && pos + 1 < oldLen && old[pos + 1] === nw[pos + 1]) pos++;
  pool.prev[0] = -1;
  pool.kind[0] = START;
  pool.edits[0] = 0;
  pool.common[0] = pos + 1;
  pool.used = 1;
  if (pos + 1 >= oldLen && pos + 1 >= newLen) return runsOf(pool, 0);
  bestOld[offset] = pos;
  bestNode[offset] = 0;

  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    // Room for this round's nodes (one per diagonal), dropping dead paths when the pool is large.
    const room = editLength + 2;
    if (pool.used + room > pool.prev.length) {
      if (pool.prev.length >= COMPACT_FROM) {
        // Only diagonals within ±editLength have ever held a path.
        compact(pool, bestNode, bestOld, Math.max(0, offset - editLength), Math.min(bestOld.length - 1, offset + editLength));
      }
      if ((pool.used + room) * 2 > pool.prev.length) grow(pool, Math.max(pool.prev.length * 2, (pool.used + room) * 2));
    }
    const { prev, edits, common, kind } = pool;
    let used = pool.used;
    // The package also visits diagonals further out, where neither neighbour can hold a path: nothing happens there.
    let low = Math.max(minDiagonal, -editLength);
    if (low < -newLen - 1) low += Math.ceil((-newLen - 1 - low) / 2) * 2;
    const high = Math.min(maxDiagonal, editLength, oldLen + 1);
    for (let diagonal = low; diagonal <= high; diagonal += 2) {
      const d = diagonal + offset;
      const removeOld = bestOld[d - 1]!;
      const addOld = bestOld[d + 1]!;
      if (removeOld !== NONE) bestOld[d - 1] = NONE; // no one else uses it
      const addNewPos = addOld - diagonal;
      const canAdd = addOld !== NONE && addNewPos >= 0 && addNewPos < newLen;
      const canRemove = removeOld !== NONE && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        bestOld[d] = NONE;
        continue;
      }
      let oldPos: number;
      let from: number;
      let k: number;
      if (!canRemove || (canAdd && removeOld < addOld)) {
        oldPos = addOld;
        from = bestNode[d + 1]!;
        k = ADDED;
      } else {
        oldPos = removeOld + 1;
        from = bestNode[d - 1]!;
        k = REMOVED;
      }
      // The package's addToPath: one more line of the same kind lengthens the last run (as a new node: it may be shared).
      const n = used++;
      if (kind[from] === k && common[from] === 0) {
        prev[n] = prev[from]!;
        edits[n] = edits[from]! + 1;
      } else {
        prev[n] = from;
        edits[n] = 1;
      }
      kind[n] = k;
      // Then the common lines that follow (the package's extractCommon).
      let newPos = oldPos - diagonal;
      const startPos = oldPos;
      while (newPos + 1 < newLen && oldPos + 1 < oldLen && old[oldPos + 1] === nw[newPos + 1]) {
        newPos++;
        oldPos++;
      }
      common[n] = oldPos - startPos;
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
        pool.used = used;
        return runsOf(pool, n);
      }
      bestOld[d] = oldPos;
      bestNode[d] = n;
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
    pool.used = used;
  }
  return undefined;
}

function runsOf(pool: Pool, last: number): LineRun[] {
  const runs: LineRun[] = [];
  for (let n = last; n >= 0; n = pool.prev[n]!) {
    if (pool.common[n]! > 0) runs.push({ count: pool.common[n]!, added: false, removed: false });
    if (pool.kind[n] !== START) runs.push({ count: pool.edits[n]!, added: pool.kind[n] === ADDED, removed: pool.kind[n] === REMOVED });
  }
  return runs.reverse();
}

/** `diffArrays(a, b, opts)` of the `diff` package: the same change objects, values included. */
export function diffArraysFast<T>(
  a: readonly T[],
  b: readonly T[],
  opts: { maxEditLength?: number } = {},
): { count: number; added: boolean; removed: boolean; value: T[] }[] | undefined {
  const runs = diffRuns(a, b, opts);
  if (!runs) return undefined;
  let i = 0;
  let j = 0;
  return runs.map((r) => {
    const value = r.removed ? a.slice(i, (i += r.count)) : b.slice(j, (j += r.count));
    if (!r.added && !r.removed) i += r.count;
    return { count: r.count, added: r.added, removed: r.removed, value };
  });
}

/**
 * A text's lines as the package tokenizes them (each with its `\n`, the last without one if
 * the text lacks it), from the text split at `\n`: token k is split[k] and a newline, or for the
 * last of a text without a final newline split[k] alone. An empty last piece is no token.
 */
class SplitLines {
  readonly count: number;
  /** The last token lacks its newline. */
  readonly open: boolean;
  constructor(readonly split: readonly string[]) {
    this.open = split[split.length - 1] !== '';
    this.count = this.open ? split.length : split.length - 1;
  }

  /** Token k as a string (made when asked for: a diff shows few of them). */
  line = (k: number): string => (this.open && k === this.count - 1 ? this.split[k]! : this.split[k] + '\n');
}

/** The id of a last token without its newline: no other token equals it. */
const OPEN_LAST = 0x7fffffff;

/**
 * intern() for two texts' lines, by their pieces (strings split already: no string is made),
 * in a Map, whose string hashing and comparison are V8's own. A line of the new text that the
 * old lacks gets -1 (see intern); a last line without a newline equals only the other's.
 */
function internLines(a: SplitLines, b: SplitLines): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const ia = new Int32Array(a.count);
  const as = a.split;
  const aClosed = a.open ? a.count - 1 : a.count;
  for (let k = 0; k < aClosed; k++) {
    const line = as[k]!;
    let n = ids.get(line);
    if (n === undefined) ids.set(line, (n = ids.size));
    ia[k] = n;
  }
  if (a.open) ia[aClosed] = OPEN_LAST;
  const ib = new Int32Array(b.count);
  const bs = b.split;
  const bClosed = b.open ? b.count - 1 : b.count;
  for (let k = 0; k < bClosed; k++) ib[k] = ids.get(bs[k]!) ?? -1;
  if (b.open) ib[bClosed] = a.open && as[aClosed] === bs[bClosed] ? OPEN_LAST : -1;
  return [ia, ib];
}

/** The package's line tokens: each line with its `\n` (a `\r\n` stays whole), the last without one if the text lacks it. */
export function lineTokens(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * `structuredPatch('', '', oldText, newText, undefined, undefined, { context }).hunks` of
 * the `diff` package: the same hunks, line for line (`\ No newline at end of file` included).
 */
export function linePatch(oldText: string, newText: string, context: number): LineHunk[] {
  // The same text: one common run, no hunk (the package's answer), without reading a line.
  if (oldText === newText) return [];
  return linePatchOfLines(oldText.split('\n'), newText.split('\n'), context);
}

/**
 * linePatch of the texts `oldSplit.join('\n')` and `newSplit.join('\n')`, from those pieces
 * (a text split at `\n`): a caller that has the lines needs not join them to be split again.
 */
export function linePatchOfLines(oldSplit: readonly string[], newSplit: readonly string[], context: number): LineHunk[] {
  if (oldSplit.length === newSplit.length && oldSplit.every((l, k) => l === newSplit[k])) return [];
  const oldLines = new SplitLines(oldSplit);
  const newLines = new SplitLines(newSplit);
  const runs = walk(...internLines(oldLines, newLines), undefined)!;
  // Only the lines a hunk shows become strings.
  const oldTokens = oldLines.line;
  const newTokens = newLines.line;
  // The package's patch builder, on runs: a run's lines are its tokens (from old when removed,
  // else from new), read by position rather than copied, and an empty common run closes the list.
  type Part = { added: boolean; removed: boolean; from: (k: number) => string; start: number; count: number };
  const parts: Part[] = [];
  let i = 0;
  let j = 0;
  for (const r of runs) {
    if (r.removed) {
      parts.push({ added: false, removed: true, from: oldTokens, start: i, count: r.count });
      i += r.count;
    } else {
      parts.push({ added: r.added, removed: false, from: newTokens, start: j, count: r.count });
      j += r.count;
      if (!r.added) i += r.count;
    }
  }
  parts.push({ added: false, removed: false, from: newTokens, start: 0, count: 0 });
  const hunks: LineHunk[] = [];
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let curRange: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let k = 0; k < parts.length; k++) {
    const current = parts[k]!;
    const { from, start, count } = current;
    if (current.added || current.removed) {
      if (!oldRangeStart) {
        const prev = parts[k - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (prev) {
          curRange = [];
          // prev.lines.slice(-context): its last `context` lines (none when context is 0).
          if (context > 0) for (let c = Math.max(0, prev.count - context); c < prev.count; c++) curRange.push(' ' + prev.from(prev.start + c));
          oldRangeStart -= curRange.length;
          newRangeStart -= curRange.length;
        }
      }
      const mark = current.added ? '+' : '-';
      for (let c = 0; c < count; c++) curRange.push(mark + from(start + c));
      if (current.added) newLine += count;
      else oldLine += count;
    } else {
      if (oldRangeStart) {
        if (count <= context * 2 && k < parts.length - 2) {
          for (let c = 0; c < count; c++) curRange.push(' ' + from(start + c));
        } else {
          const contextSize = Math.min(count, context);
          for (let c = 0; c < contextSize; c++) curRange.push(' ' + from(start + c));
          hunks.push({
            oldStart: oldRangeStart,
            oldLines: oldLine - oldRangeStart + contextSize,
            newStart: newRangeStart,
            newLines: newLine - newRangeStart + contextSize,
            lines: curRange,
          });
          oldRangeStart = 0;
          newRangeStart = 0;
          curRange = [];
        }
      }
      oldLine += count;
      newLine += count;
    }
  }
  for (const hunk of hunks) {
    for (let k = 0; k < hunk.lines.length; k++) {
      if (hunk.lines[k]!.endsWith('\n')) hunk.lines[k] = hunk.lines[k]!.slice(0, -1);
      else {
        hunk.lines.splice(k + 1, 0, '\\ No newline at end of file');
        k++;
      }
    }
  }
  return hunks;
}
