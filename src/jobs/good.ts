// `switchback good DEVICE [REV]`: move last good by hand, to the current backup's
// running.cfg or to DEVICE/running.cfg of any git revision of the backups repository,
// with a commit that says who did it and why. The health gate's verdicts are for the
// nightly job; this is a person deciding, so only an incomplete target needs --force.

import { isComplete, unsavedLines } from '../config/normalise.js';
import { platformByName } from '../platforms/index.js';
import { commitDeviceFiles, InvalidDeviceNameError, readDevice, readDeviceFileAt, resolveCommit, writeDevice } from '../store/index.js';
import type { Store } from '../store/index.js';

export interface GoodOptions {
  store: Store;
  device: string;
  /** A git revision of the backups repository; absent: the current backup (the work tree's running.cfg). */
  rev?: string;
  /** Why, in the user's words: it goes into the commit subject. */
  reason: string;
  user: string;
  /** Accept a target that fails the completeness check (no end marker, error text in it). */
  force: boolean;
}

export interface GoodResult {
  device: string;
  /** The revision as given, or null for the current backup. */
  rev: string | null;
  /** The commit `rev` resolved to; null for the current backup. */
  revCommit: string | null;
  /** False when last good already was the target (nothing written, no commit). */
  changed: boolean;
  /** Against the previous last good: lines it had that the new one lacks, and the reverse. */
  missing: number;
  added: number;
  /** There was no last good before. */
  seeded: boolean;
  /** The target failed the completeness check and --force took it anyway. */
  forced: boolean;
  reason: string;
  user: string;
  /** The commit made, or null when nothing changed. */
  commit: string | null;
}

/** Nothing was done, and why: a device or revision that does not exist, or an incomplete target. */
export class GoodRefused extends Error {
  override name = 'GoodRefused';
}

/** `HEAD~1 (1a2b3c4d5e6f)`, `1a2b3c4d5e6f`, or `the current backup`. */
export function targetLabel(rev: string | null, commit: string | null): string {
  if (rev === null || commit === null) return 'the current backup';
  const short = commit.slice(0, 12);
  return commit.startsWith(rev.toLowerCase()) ? short : `${rev} (${short})`;
}

export async function runGood(opts: GoodOptions): Promise<GoodResult> {
  const { store, device } = opts;
  let current;
  try {
    current = await readDevice(store, device);
  } catch (err) {
    if (err instanceof InvalidDeviceNameError) throw new GoodRefused(err.message);
    throw err;
  }
  const rev = opts.rev ?? null;
  let target: string | undefined;
  let revCommit: string | null = null;
  if (rev === null) {
    target = current.running;
    if (target === undefined) throw new GoodRefused(`no backup of ${device} in ${store.dir}: run switchback backup ${device} first, or name a revision`);
  } else {
    revCommit = await resolveCommit(store, rev);
    if (revCommit === null)
      throw new GoodRefused(
        `${JSON.stringify(rev)} is not a revision of the backups repository ${store.dir} (see switchback history ${device}, or git -C ${store.dir} log)`,
      );
    target = (await readDeviceFileAt(store, revCommit, device, 'running')) ?? undefined;
    if (target === undefined) throw new GoodRefused(`${targetLabel(rev, revCommit)} has no ${device}/running.cfg: ${device} had no backup at that revision`);
  }

  const platformName = platformOf(current.state);
  const platform = platformName ? platformByName(platformName) : undefined;
  if (!platform)
    throw new GoodRefused(
      `cannot tell the platform of ${device}: its state.json ${platformName ? `names ${platformName}, which switchback does not know` : 'is missing'}`,
    );
  const complete = isComplete(platform, target);
  if (!complete && !opts.force) {
    throw new GoodRefused(
      `${device}/running.cfg of ${targetLabel(rev, revCommit)} is incomplete (no end marker, or the device printed an error in it); ` +
        `last good left as it was. If you are sure, add --force`,
    );
  }

  const previous = current.lastGood;
  const diff = previous === undefined ? { counts: { added: 0, removed: 0 } } : unsavedLines(platform.syntax, target, previous);
  // A hand-set last good ends a hold the gate kept for a reboot (backup writes lastGoodHeld).
  const state = isRecord(current.state) ? withoutKey(current.state, 'lastGoodHeld') : undefined;
  const changed = previous !== target;
  const result: GoodResult = {
    device,
    rev,
    revCommit,
    changed,
    missing: diff.counts.removed,
    added: diff.counts.added,
    seeded: previous === undefined,
    forced: !complete,
    reason: opts.reason,
    user: opts.user,
    commit: null,
  };
  if (!changed && state === current.state) return result;
  await writeDevice(store, device, { lastGood: target, ...(state !== undefined ? { state } : {}) });
  const body = [
    previous === undefined
      ? `${device}/last-good.cfg: set for the first time`
      : `${device}/last-good.cfg: ${diff.counts.removed} lines of the previous last good removed, ${diff.counts.added} added`,
    ...(complete ? [] : [`forced: the target is incomplete (no end marker, or error text in it)`]),
  ].join('\n');
  const made = await commitDeviceFiles(store, device, ['lastGood', 'state'], {
    subject: `good: ${device} set to ${targetLabel(rev, revCommit)} by ${opts.user}: ${opts.reason}`,
    body,
  });
  return { ...result, commit: made?.commit ?? null };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The same object when `key` is absent (so "unchanged" is an identity check), else a copy without it. */
function withoutKey(o: Record<string, unknown>, key: string): Record<string, unknown> {
  if (!(key in o)) return o;
  const copy = { ...o };
  delete copy[key];
  return copy;
}

function platformOf(state: unknown): string | undefined {
  return isRecord(state) && typeof state.platform === 'string' ? state.platform : undefined;
}
