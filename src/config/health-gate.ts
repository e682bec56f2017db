// The health gate for last good (docs/ARCHITECTURE.md): a capture becomes `last-good.cfg` only if it
// is complete, not drastically smaller than the current last good, not a factory default,
// and not a reboot into a configuration that differs from last good. Otherwise the backup
// still records what the switch runs (the truth) and the verdict says, in words, why last
// good did not move. Pure: text in, verdict out.

import type { ConfigSyntax, Platform } from '../platforms/platform.js';
import { isComplete, significantLineCount, unsavedLines, whyIncomplete as whyIncompleteText } from './normalise.js';

/**
 * A capture with fewer than this share of last good's significant lines (blank and `!`
 * lines do not count) is held. Half, because no ordinary change removes half of a
 * switch's configuration in one night — even decommissioning a whole stack member takes
 * out one member's interfaces of several — while the failures this guards against take
 * out far more: a config that came back without its interfaces, VLANs and users, or a
 * capture cut short without an error. A real halving is rare enough that confirming it by
 * hand with `switchback good` costs little; a halved last good would cost the restore.
 */
export const SHRINK_THRESHOLD = 0.5;

/** `restore-unfinished`: a restore typed into the switch but did not verify (a rejected line, a dropped session). */
export type HoldKind = 'incomplete' | 'shrank' | 'factory-default' | 'rebooted-different' | 'restore-unfinished';

export type GateVerdict = { advance: true } | { advance: false; reason: string; kind: HoldKind };

export interface GateInput {
  platform: Platform;
  /** The running configuration just captured (extracted, as stored). */
  running: string;
  /** The current last good; absent before the first backup that passes the gate. */
  lastGood?: string;
  /** The device rebooted since the last backup (SNMP boot counter / uptime); false when unknown. */
  rebooted: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A copy without `g`/`y`, so `test` keeps no state between calls. */
const stateless = (re: RegExp): RegExp => (re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re);

/** Why an incomplete capture is incomplete, for the reason. */
function whyIncomplete(platform: Platform, running: string): string {
  const error = platform.errors.map(stateless).find((e) => e.test(running));
  if (error) {
    const line = running.split('\n').find((l) => error.test(l)) ?? '';
    return `the device printed an error in it: ${JSON.stringify(line.trim().slice(0, 80))}`;
  }
  if (running.trim() === '') return 'it is empty';
  // "End marker": the platform's completeness mark, whatever it is (its words: `syntax.completeSays`).
  // A platform with no end marker (a `prompt-returned` rule) says what the text lacks.
  if (platform.syntax.complete instanceof RegExp) return 'the end marker is missing';
  return whyIncompleteText(platform.syntax, running) ?? platform.syntax.completeSays;
}

/** `312 lines missing`, `3 lines missing, 2 lines added`: what running lacks of last good, and the reverse. */
function difference(syntax: ConfigSyntax, running: string, lastGood: string): { missing: number; added: number; words: string } {
  // unsavedLines(a, b): `added` is in a and not in b; `removed` is in b and not in a.
  const d = unsavedLines(syntax, running, lastGood);
  const missing = d.counts.removed;
  const added = d.counts.added;
  const words = [missing > 0 && `${plural(missing, 'line')} missing`, added > 0 && `${plural(added, 'line')} added`]
    .filter((x): x is string => typeof x === 'string')
    .join(', ');
  return { missing, added, words };
}

/**
 * Whether the switch runs last good: the same text, or nothing missing and nothing added
 * by the platform's comparison. A `set` configuration restored with `load set` may print
 * its statements in another order than the capture it came from, and it is still last good.
 */
export function runsLastGood(syntax: ConfigSyntax, running: string, lastGood: string): boolean {
  if (running === lastGood) return true;
  const d = unsavedLines(syntax, running, lastGood);
  return d.counts.added === 0 && d.counts.removed === 0;
}

/** Whether `running` may become last good, and if not, why. */
export function judgeLastGood(input: GateInput): GateVerdict {
  const { platform, running, lastGood, rebooted } = input;
  // Before the first good capture there is nothing to keep: the verdict says it is not set.
  const kept = lastGood === undefined ? 'last good not set' : 'last good kept';
  const hold = (kind: HoldKind, why: string): GateVerdict => ({ advance: false, kind, reason: `${kept}: ${why}` });

  if (!isComplete(platform, running)) return hold('incomplete', `the capture is incomplete (${whyIncomplete(platform, running)})`);
  if (lastGood !== undefined && runsLastGood(platform.syntax, running, lastGood)) return { advance: true };

  const diff = lastGood === undefined ? undefined : difference(platform.syntax, running, lastGood);
  if (platform.isFactoryDefault?.(running)) {
    return hold(
      'factory-default',
      `the device runs a factory default configuration${diff && diff.missing > 0 ? ` (${plural(diff.missing, 'line')} of last good missing)` : ''}`,
    );
  }
  if (lastGood === undefined || diff === undefined) return { advance: true };
  if (rebooted && diff.missing + diff.added > 0) {
    return hold('rebooted-different', `the device rebooted into a configuration that differs from last good (${diff.words})`);
  }
  const now = significantLineCount(platform.syntax, running);
  const before = significantLineCount(platform.syntax, lastGood);
  if (now < before * SHRINK_THRESHOLD) {
    return hold(
      'shrank',
      `the configuration shrank to ${plural(now, 'line')}, fewer than ${Math.round(SHRINK_THRESHOLD * 100)}% of last good's ${before} (${diff.words})`,
    );
  }
  return { advance: true };
}
