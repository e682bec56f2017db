// What is unsaved on a switch, by the platform's own model: running against startup, or
// the pending lines of an uncommitted candidate and a commit that did not reach every
// routing engine. One reading for backup, check and ready, so they
// say the same thing in the same words. Pure: a capture in, a verdict out.

import { significantLineCount, unsavedLines } from '../config/normalise.js';
import type { UnsavedDiff } from '../config/normalise.js';
import type { Platform } from '../platforms/platform.js';

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
  const diff = unsavedLines(platform.syntax, c.running, c.startup);
  return diff.counts.added + diff.counts.removed === 0 ? { kind: 'saved' } : { kind: 'differs', diff };
}

/** The lines behind an unsaved state, for state.json and the finding: the diff, or none. */
export function unsavedDiffOf(u: UnsavedState): UnsavedDiff | null {
  return u.kind === 'differs' || u.kind === 'no-startup' || u.kind === 'pending' ? u.diff : null;
}

/** How many lines a running configuration carries, for "all N lines" of a switch with no startup. */
export const runningLines = (platform: Platform, running: string): number => significantLineCount(platform.syntax, running);

/**
 * What saving is called on this platform, and what it saves to, for messages: its save
 * command and startup-config; "commit" and the committed configuration.
 */
export function saveWords(platform: Platform): { save: string; saved: string } {
  return platform.persist.kind === 'commit'
    ? { save: platform.persist.words, saved: 'the committed configuration' }
    : { save: platform.persist.words, saved: 'startup-config' };
}
