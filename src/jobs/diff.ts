// `switchback diff`: one device's running configuration (from the last backup, or fetched
// now over SSH) against its startup config, the last backup, last good, or any revision of
// the backups repository. Orchestration and one pure comparison; the CLI renders.

import type { StructuredPatchHunk } from 'diff';
import { linePatchOfLines } from '../config/line-diff.js';
import { comparableLines, linesInPlace, maskLine, secretPatternFor } from '../config/normalise.js';
import type { ConfigLine } from '../config/normalise.js';
import type { Device } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';
import { pinnedHostKey, readDevice } from '../store/index.js';
import type { Store } from '../store/index.js';
import { deviceFileAt, fileOrigin, RevisionError } from '../store/history.js';
import type { HostKey } from '../transport/ssh.js';
import { CaptureError, captureFor } from './capture.js';
import { hostKeyChanged } from './pinned-key.js';
import { bare, runningAsSaved } from './unsaved.js';
import type { TranscriptOut } from './transcript.js';

// ---------------------------------------------------------------- what to compare

/** The other side: `startup`, `backup`, `good`, or a revision of the backups repository. */
export type Against = { kind: 'startup' } | { kind: 'backup' } | { kind: 'good' } | { kind: 'rev'; rev: string };

export function parseAgainst(s: string): Against {
  if (s === 'startup' || s === 'backup' || s === 'good') return { kind: s };
  return { kind: 'rev', rev: s };
}

export const againstName = (a: Against): string => (a.kind === 'rev' ? a.rev : a.kind);

/** One side of a diff, as the header names it: `good (last-good.cfg @ 1a2b3c4, 2026-11-20 02:15 UTC)`. */
export interface DiffSide {
  /** `running`, `startup`, `good`, `backup`, or the revision as given. */
  name: string;
  /** Where the text came from, in words: `last-good.cfg @ 1a2b3c4, …` or `live 2026-11-24 02:13 UTC`. */
  source: string;
  live: boolean;
  /** The file in the device folder, for a side read from the backups repository. */
  file?: string;
  /** The commit the text is from; null for a file written but not committed yet. */
  commit?: string | null;
  /** ISO 8601: when the live capture was taken, or the date of `commit`. */
  at?: string;
}

export interface ConfigDiff {
  equal: boolean;
  /** Lines only in `to` (running), and only in `from` (the other side). */
  added: number;
  removed: number;
  /** Unified-diff hunks (the `diff` package's shape); secret lines masked unless asked otherwise. */
  hunks: StructuredPatchHunk[];
}

export interface DiffResult extends ConfigDiff {
  device: string;
  against: string;
  /** The other side (`---`). */
  from: DiffSide;
  /** The running configuration (`+++`). */
  to: DiffSide;
}

/** Why a diff could not be made: `input` (bad invocation, nothing contacted) or `fetch` (the live capture failed). */
export class DiffError extends Error {
  constructor(
    readonly kind: 'input' | 'fetch',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- the comparison (pure)

export interface CompareOptions {
  /** Lines of context around each change. */
  context: number;
  /** Print secrets as they are; by default masked with the platform's patterns. */
  showSecrets: boolean;
}

/**
 * `from` → `to` as unified-diff hunks, both sides normalised first (extractConfig drops
 * the platform's volatile lines, so `! Last configuration change at …` is never a
 * difference; comment lines go too, and separators are shown but never counted). Secrets are compared as they are (a changed password is a difference) and
 * masked only in the lines shown: each shown line is replaced by the same line of the
 * masked text, which maskSecrets keeps line for line.
 */
export function compareConfigs(platform: Platform, from: string, to: string, opts: CompareOptions): ConfigDiff {
  // Comment lines are no configuration, as unsaved and check read it: a running config that
  // ends with a closing word its saved file lacks is the same configuration.
  // Each side's text as lines: the diff reads them as they are, the text is made only to mask.
  const a = comparableLines(platform, from);
  const b = comparableLines(platform, to);
  // linePatchOfLines: structuredPatch's hunks exactly, on lines interned to numbers (config/line-diff.ts).
  let hunks: StructuredPatchHunk[] = linePatchOfLines(a, b, opts.context);
  if (!opts.showSecrets && hunks.length > 0) {
    // Only the lines shown are masked, each as maskSecrets masks it in its text. Where it sits
    // (banner text is never masked) matters only for a line a secret pattern matches: the
    // texts are read in place only then, and once.
    const inPlace = (split: string[]) => {
      let lines: ConfigLine[] | undefined;
      return (i: number, line: string): string => {
        if (secretPatternFor(platform, line) === undefined) return line;
        lines ??= linesInPlace(platform.syntax, split.join('\n'));
        const l = lines[i];
        return l === undefined ? line : maskLine(platform, l);
      };
    };
    const maskA = inPlace(a);
    const maskB = inPlace(b);
    hunks = hunks.map((h) => {
      let i = h.oldStart - 1;
      let j = h.newStart - 1;
      const lines = h.lines.map((line) => {
        const mark = line[0];
        if (mark === '-') return '-' + maskA(i++, line.slice(1));
        if (mark === '+') return '+' + maskB(j++, line.slice(1));
        if (mark === ' ') {
          j++;
          return ' ' + maskA(i++, line.slice(1));
        }
        return line; // `\ No newline at end of file`
      });
      return { ...h, lines };
    });
  }
  // A blank line, or a comment without words (a `!` separator after blocks): shown
  // as text, but neither counted nor a difference alone.
  const comment = platform.syntax.comment.global || platform.syntax.comment.sticky ? new RegExp(platform.syntax.comment.source) : platform.syntax.comment;
  const separator = (line: string) => /^[+-]\s*$/.test(line) || (/^[+-]/.test(line) && comment.test(line.slice(1)) && !/\w/.test(line));
  hunks = hunks.filter((h) => h.lines.some((l) => (l.startsWith('+') || l.startsWith('-')) && !separator(l)));
  let added = 0;
  let removed = 0;
  for (const h of hunks) {
    for (const line of h.lines) {
      if (separator(line)) continue;
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  return { equal: hunks.length === 0, added, removed, hunks };
}

/** `2026-11-24 02:13 UTC`: minutes are enough to tell captures apart, and UTC for everyone. */
export function utcMinute(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'unknown time' : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

// ---------------------------------------------------------------- the job

export interface DiffOptions {
  store: Store;
  name: string;
  /** Absent: `startup` where the platform keeps one apart from running, else `good`. */
  against?: Against;
  /** The inventory's entry: needed for --live (where and how to log in); else a fallback for the platform. */
  device?: Device;
  /** Fetch the running (and startup) config now over SSH instead of reading the last backup. */
  live: boolean;
  context: number;
  showSecrets: boolean;
  now?: () => Date;
  /** --verbose: the live session's transcript, masked whatever showSecrets says (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

const LABELS = { running: 'running.cfg', startup: 'startup.cfg', lastGood: 'last-good.cfg' } as const;

export async function runDiff(opts: DiffOptions): Promise<DiffResult> {
  const { store, name } = opts;
  const files = await readDevice(store, name);
  const state = files.state as { platform?: unknown } | undefined;
  const platform = platformFor(opts, typeof state?.platform === 'string' ? state.platform : undefined);
  const never = `${name} has never been backed up into ${store.dir}`;
  const against: Against = opts.against ?? (platform.startup.from === 'none' ? { kind: 'good' } : { kind: 'startup' });

  // Everything read from the repository first: bad input fails before any switch is contacted.
  const stored = async (key: keyof typeof LABELS, sideName: string, missing: string): Promise<{ side: DiffSide; text: string }> => {
    const text = files[key];
    if (text === undefined) throw new DiffError('input', missing);
    const origin = await fileOrigin(store, name, key);
    const c = origin.commit;
    const source = c === null || origin.uncommitted ? `${LABELS[key]}, not committed yet` : `${LABELS[key]} @ ${c.short}, ${utcMinute(c.date)}`;
    return {
      side: {
        name: sideName,
        source,
        live: false,
        file: LABELS[key],
        commit: c === null || origin.uncommitted ? null : c.commit,
        ...(c && !origin.uncommitted ? { at: c.date.toISOString() } : {}),
      },
      text,
    };
  };

  let from: { side: DiffSide; text: string } | undefined;
  switch (against.kind) {
    case 'startup':
      if (platform.startup.from === 'none')
        throw new DiffError(
          'input',
          `${platform.label} keeps no startup configuration apart from running (${platform.startup.why}): compare with --against good, backup --live or a revision; switchback check lists what is not committed`,
        );
      if (!opts.live) from = await stored('startup', 'startup', `${never} (no startup.cfg): run \`switchback backup ${name}\` first, or use --live`);
      break;
    case 'backup':
      // Without --live both sides would be the same file: an "equal" that means nothing.
      if (!opts.live) throw new DiffError('input', `--against backup compares the backup with what ${name} runs now: add --live`);
      from = await stored('running', 'backup', `${never} (no running.cfg): there is no backup to compare with`);
      break;
    case 'good':
      from = await stored(
        'lastGood',
        'good',
        `${name} has no last good configuration yet (no last-good.cfg in ${store.dir}): a backup that passes the health gate sets it, ` +
          `or \`switchback good ${name}\` sets it by hand; compare with --against startup or a revision meanwhile`,
      );
      break;
    case 'rev': {
      let at;
      try {
        at = await deviceFileAt(store, against.rev, name, 'running');
      } catch (err) {
        if (err instanceof RevisionError) throw new DiffError('input', err.message);
        throw err;
      }
      if (at.text === undefined) throw new DiffError('input', `${name}/running.cfg does not exist at ${against.rev} (${at.short}, ${utcMinute(at.date)})`);
      from = {
        side: {
          name: against.rev,
          source: `running.cfg @ ${at.short}, ${utcMinute(at.date)}`,
          live: false,
          file: 'running.cfg',
          commit: at.commit,
          at: at.date.toISOString(),
        },
        text: at.text,
      };
      break;
    }
  }

  let to: { side: DiffSide; text: string };
  if (opts.live) {
    const live = await fetchLive(opts, platform);
    to = { side: live.side('running'), text: live.running };
    if (against.kind === 'startup') {
      const side = live.side('startup');
      if (live.startup === null) side.source += `, no ${bare(platform.words.startup)} on the device`;
      from = { side, text: live.startup ?? '' };
    }
  } else {
    to = await stored('running', 'running', `${never} (no running.cfg): run \`switchback backup ${name}\` first, or use --live`);
  }
  if (from === undefined) throw new Error('internal: no side to compare with');

  // Against startup, running reads as unsaved reads it: lines the switch shows whether or not they are saved are no difference.
  const running = against.kind === 'startup' ? runningAsSaved(platform, to.text, from.text) : to.text;
  const diff = compareConfigs(platform, from.text, running, { context: opts.context, showSecrets: opts.showSecrets });
  return { device: name, against: againstName(against), from: from.side, to: to.side, ...diff };
}

/** The platform that reads this device's text: as recorded by the backup, else the inventory's. */
function platformFor(opts: DiffOptions, recorded: string | undefined): Platform {
  const configured = opts.device?.platform;
  // Live: the inventory says how to talk to the switch now; `auto` was resolved by the last backup.
  const wanted = opts.live ? (configured !== undefined && configured !== 'auto' ? configured : recorded) : (recorded ?? configured);
  if (wanted === undefined || wanted === 'auto') {
    throw new DiffError(
      'input',
      opts.live
        ? `${opts.name}: platform auto is resolved over SNMP by a backup; run \`switchback backup ${opts.name}\` once, then diff --live`
        : `${opts.name}: the platform is not known (no state.json in the backups, and not in the inventory)`,
    );
  }
  const platform = platformByName(wanted);
  if (!platform) throw new DiffError('input', `${opts.name}: platform ${wanted} is not one switchback knows`);
  return platform;
}

/**
 * The running and startup configs now, over the device's transport. The SSH host key must
 * be the one pinned by backup: a changed key is refused, and an unknown one is never
 * trusted or pinned here (pinning is backup's, on first contact).
 */
async function fetchLive(opts: DiffOptions, platform: Platform) {
  const device = opts.device;
  if (!device) throw new DiffError('input', `--live needs ${opts.name} in the inventory (where and how to log in)`);
  let pin;
  try {
    pin = await pinnedHostKey(opts.store, device.name);
  } catch (err) {
    throw new DiffError('fetch', `host-key: ${(err as Error).message}`);
  }
  if (!pin && device.transport === 'ssh') {
    throw new DiffError(
      'input',
      `${device.name} has no pinned SSH host key in ${opts.store.dir}: run \`switchback backup ${device.name}\` first (it pins the key on first contact); ` +
        'diff --live never trusts an unknown key',
    );
  }
  const pinned: HostKey | undefined = pin ? { algo: pin.algo, base64: pin.key } : undefined;
  // No pin is allowed only over SNMP + TFTP (no SSH key at all); an SSH key is then refused.
  const verify = (key: HostKey): true | string =>
    pinned && pinned.algo === key.algo && pinned.base64 === key.base64
      ? true
      : pinned
        ? hostKeyChanged(device, pinned, key, '; diff --live refuses it')
        : `${device.name} has no pinned SSH host key; diff --live never trusts an unknown key`;
  let capture;
  try {
    capture = await captureFor(device, platform, verify, pin ? [pin.algo] : undefined, opts.transcript ? { transcript: opts.transcript } : {});
  } catch (err) {
    if (err instanceof CaptureError) throw new DiffError('fetch', `${device.name}: live fetch failed (${err.stage}): ${err.message}`);
    throw err;
  }
  const at = (opts.now ?? (() => new Date()))();
  const how = capture.via === 'ssh' ? 'live' : 'live over SNMP + TFTP';
  return {
    running: capture.running,
    startup: capture.startup,
    side: (sideName: string): DiffSide => ({ name: sideName, source: `${how} ${utcMinute(at)}`, live: true, at: at.toISOString() }),
  };
}
