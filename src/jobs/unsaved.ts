// What is unsaved on a switch, by the platform's own model: running against startup, or
// the pending lines of an uncommitted candidate and a commit that did not reach every
// routing engine. One reading for backup, check and ready, so they
// say the same thing in the same words. Pure: a capture in, a verdict out.

import { significantLineCount, unsavedLines } from '../config/normalise.js';
import type { UnsavedDiff } from '../config/normalise.js';
import type { ConfigWords, Platform } from '../platforms/platform.js';

export type UnsavedState =
  /** Nothing is unsaved. */
  | { kind: 'saved' }
  /** Running differs from startup: `diff.added` lost at the next reload, `diff.removed` back. */
  | { kind: 'differs'; diff: UnsavedDiff }
  /** No saved configuration at all (an empty NVRAM, no file): everything running is lost at the next reload. */
  | { kind: 'no-startup'; diff: UnsavedDiff }
  /** Uncommitted candidate changes (`diff.added` the pending lines), and/or a commit not on every routing engine. */
  | { kind: 'pending'; diff: UnsavedDiff; notSynced?: string }
  /** It cannot be judged: the startup could not be read (why). */
  | { kind: 'unknown'; why: string };

/** What a capture says about unsaved changes (startup `null` with `startupUnreadable`: unknown). */
export function unsavedOf(
  platform: Platform,
  c: { running: string; startup: string | null; startupUnreadable?: string; candidate?: { lines: string[]; sync?: { synced: boolean; detail: string } } },
): UnsavedState {
  if (c.startupUnreadable !== undefined) return { kind: 'unknown', why: c.startupUnreadable };
  if (platform.unsaved.kind === 'candidate') {
    const lines = c.candidate?.lines ?? [];
    const notSynced = c.candidate?.sync && !c.candidate.sync.synced ? c.candidate.sync.detail : undefined;
    if (lines.length === 0 && notSynced === undefined) return { kind: 'saved' };
    return {
      kind: 'pending',
      diff: { added: lines, removed: [], counts: { added: lines.length, removed: 0 } },
      ...(notSynced !== undefined ? { notSynced } : {}),
    };
  }
  if (c.startup === null) {
    // A platform that keeps no startup apart from running has nothing to lose this way.
    if (platform.startup.from === 'none') return { kind: 'saved' };
    return { kind: 'no-startup', diff: unsavedLines(platform.syntax, c.running, '') };
  }
  // The same text is saved, whatever the syntax: no lines to compare (the usual night, and the cost of a diff).
  if (c.running === c.startup) return { kind: 'saved' };
  const diff = unsavedLines(platform.syntax, runningAsSaved(platform, c.running, c.startup), c.startup);
  return diff.counts.added + diff.counts.removed === 0 ? { kind: 'saved' } : { kind: 'differs', diff };
}

/**
 * Running without the lines the platform shows whether or not they are saved (its
 * `unsaved.implied`), where the saved configuration has none of their kind: what running
 * is compared with startup as. Everything else stays, in place.
 */
export function runningAsSaved(platform: Platform, running: string, startup: string): string {
  const implied = platform.unsaved.kind === 'running-vs-startup' ? (platform.unsaved.implied ?? []) : [];
  // The same text: startup has every implied line running has.
  if (implied.length === 0 || running === startup) return running;
  // Each pattern without `g`/`y` once, not once per line: test() then keeps no state between lines.
  const patterns = implied.map((re) => new RegExp(re.source, re.flags.replace(/[gy]/g, '')));
  const saved = startup.split('\n');
  const absent = patterns.filter((re) => !saved.some((l) => re.test(l)));
  if (absent.length === 0) return running;
  return running
    .split('\n')
    .filter((l) => !absent.some((re) => re.test(l)))
    .join('\n');
}

/** The lines behind an unsaved state, for state.json and the finding: the diff, or none. */
export function unsavedDiffOf(u: UnsavedState): UnsavedDiff | null {
  return u.kind === 'differs' || u.kind === 'no-startup' || u.kind === 'pending' ? u.diff : null;
}

/** How many lines a running configuration carries, for "all N lines" of a switch with no startup. */
export const runningLines = (platform: Platform, running: string): number => significantLineCount(platform.syntax, running);

/** Words for the configurations when no platform is known: no vendor's names. */
export const NEUTRAL_WORDS: ConfigWords = { running: 'the running configuration', startup: 'the saved configuration' };

/** The platform's names for running and startup in messages, or neutral words when the platform is not known. */
export function configWords(platform: Platform | undefined): ConfigWords {
  return platform?.words ?? NEUTRAL_WORDS;
}

/** A configuration word without its article, where the sentence gives one or needs none: `no startup-config`, `committed configuration at HEAD~1`. */
export function bare(word: string): string {
  return word.replace(/^the /, '');
}

/**
 * What saving is called on this platform, and what it saves to, for messages: its save
 * command and its startup word; "commit" and the committed configuration.
 */
export function saveWords(platform: Platform): { save: string; saved: string } {
  return { save: platform.persist.words, saved: platform.words.startup };
}
