// `--push`: the backups repository's commits go to its remote after each run, and a run
// starts from what the remote has. Several jobs may push to one remote at once (shards of
// one fleet, each on its own copy): a push refused because the remote moved is answered by
// fetching, putting the local commits on top (rebase.ts) and pushing again. A push that
// fails for any other reason (no answer, a hook on the remote that says no, no rights) is
// a failure in one line, and the commit stays here: the next run pushes it with its own.

import { headCommit } from './head-tree.js';
import { integrate } from './rebase.js';
import type { Integration } from './rebase.js';
import { remoteTarget, RemoteError, shownTarget, withoutCredentials } from './remote.js';
import type { RemoteTarget } from './remote.js';
import { remoteGit } from './repo.js';
import type { Store } from './repo.js';

/**
 * How many times a push is tried when the remote keeps moving. Each round of pushes that
 * race lets at least one through, so jobs pushing at the same moment all land within this
 * many rounds as long as they are at most this many; the growing, random pause between
 * attempts spreads more of them apart. Beyond it the remote is busier than a nightly
 * backup should wait for: the run fails, and keeps its commit for the next one.
 */
export const PUSH_ATTEMPTS = 10;

/**
 * A remote that prints nothing for this long is given up on (per git command). Fetch and push
 * run with --progress: a large first push to a slow remote keeps printing how far it is, so
 * only a remote that has stopped answering (an address that swallows packets) hits this.
 */
export const REMOTE_SILENCE_MS = 60_000;

export type PushResult =
  /** The remote's branch now holds the local commit. `rebased`: put on top of what others pushed first. */
  | { status: 'pushed'; target: string; commit: string; attempts: number; rebased: boolean }
  /** Nothing to push: no commit yet, or the remote already has it. */
  | { status: 'up-to-date'; target: string }
  /** One line; `commit` is the local commit that stays (null when there is none). */
  | { status: 'failed'; reason: string; commit: string | null };

export interface PushOptions {
  attempts?: number;
  silenceMs?: number;
  /** The pause before attempt `n` (2, 3, …); tests pass one that does not wait. */
  pause?: (attempt: number) => Promise<void>;
}

/** Up to 100 ms before the second attempt, doubling to at most 3.2 s: random, so racers part. */
const defaultPause = (attempt: number): Promise<void> => new Promise((r) => setTimeout(r, Math.random() * 100 * 2 ** Math.min(attempt - 2, 5)));

/** The line of git's answer that says why, credentials in a URL removed. */
export function gitReason(err: unknown, silenceMs = REMOTE_SILENCE_MS): string {
  const text = err instanceof Error ? err.message : String(err);
  // simple-git's own words when it stopped a silent git (its block timeout).
  if (/block timeout/i.test(text)) return `no answer from the remote for ${Math.round(silenceMs / 1000)} s`;
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'));
  const line =
    lines.find((l) => /\[(remote )?rejected\]/.test(l))?.replace(/^!\s*/, '') ??
    lines.find((l) => l.startsWith('fatal:')) ??
    lines.find((l) => l.startsWith('error:')) ??
    lines[0] ??
    'git failed without saying why';
  return withoutCredentials(line.replace(/^(fatal|error):\s*/, ''));
}

/** Fetch the remote's branch into its tracking ref; 'absent' when the remote has no such branch yet. */
async function fetchBranch(store: Store, t: RemoteTarget, silenceMs: number): Promise<'fetched' | 'absent'> {
  const net = remoteGit(store, silenceMs);
  try {
    await net.raw(['fetch', '--progress', '--no-tags', '--no-write-fetch-head', t.remote, `+refs/heads/${t.remoteBranch}:${t.trackingRef}`]);
    return 'fetched';
  } catch (err) {
    if (/couldn't find remote ref/i.test((err as Error).message)) return 'absent';
    throw err;
  }
}

/** Push HEAD to the remote, rebasing onto it and retrying while it moves. Never throws. */
export async function pushStore(store: Store, opts: PushOptions = {}): Promise<PushResult> {
  const attempts = opts.attempts ?? PUSH_ATTEMPTS;
  const silenceMs = opts.silenceMs ?? REMOTE_SILENCE_MS;
  const pause = opts.pause ?? defaultPause;
  let local: string | null = null;
  try {
    local = await headCommit(store);
    const t = await remoteTarget(store);
    const shown = shownTarget(t);
    if (local === null) return { status: 'up-to-date', target: shown };
    const failed = (reason: string): PushResult => ({ status: 'failed', reason: `push to ${shown} failed: ${reason}`, commit: local });
    let rebased = false;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await pause(attempt);
      let refused: unknown;
      try {
        await remoteGit(store, silenceMs).raw(['push', '--progress', '--no-verify', t.remote, `HEAD:refs/heads/${t.remoteBranch}`]);
        local = await headCommit(store);
        return { status: 'pushed', target: shown, commit: local!, attempts: attempt, rebased };
      } catch (err) {
        refused = err;
      }
      // Refused: because the remote moved (then its commits are fetched and ours go on top),
      // or for a reason of its own (then fetching shows nothing new, and the push's words stand).
      const fetched = await fetchBranch(store, t, silenceMs).catch(() => 'unreachable' as const);
      if (fetched !== 'fetched') return failed(gitReason(refused, silenceMs));
      const joined: Integration = await integrate(store, t);
      local = await headCommit(store);
      if (joined.status === 'refused')
        return failed(`the remote has commits this repository cannot be put under: ${joined.reason}; rebase abandoned, the local commit is kept`);
      if (joined.status === 'current') {
        // Nothing new there: unless it already holds our commit (a push that reported an error after all), the refusal is its own.
        const theirs = (await store.git.raw(['rev-parse', '--verify', '--quiet', t.trackingRef]).catch(() => '')).trim();
        if (theirs === local) return { status: 'pushed', target: shown, commit: local!, attempts: attempt, rebased };
        return failed(gitReason(refused, silenceMs));
      }
      if (joined.status === 'fast-forward') return { status: 'up-to-date', target: shown };
      rebased = true;
    }
    return failed(`the remote kept moving: ${attempts} attempts, each refused because another job had just pushed; the local commit is kept`);
  } catch (err) {
    const reason = err instanceof RemoteError ? err.message : `push failed: ${gitReason(err, silenceMs)}`;
    return { status: 'failed', reason, commit: local };
  }
}

export type SyncResult =
  | { status: 'current' | 'fast-forward' | 'rebased' | 'no-remote-branch'; target: string }
  /** No remote (or no branch) to push to: the push at the end says so, with what to do. */
  | { status: 'no-remote'; reason: string }
  /** The run goes on from the local state; the push at its end says whether that worked. */
  | { status: 'skipped'; reason: string };

/**
 * Before a run that will push: bring the repository up to what the remote has, so that the
 * run judges "changed", last good and host keys against the fleet's latest backups and not a
 * stale (or empty: a fresh pod) copy. Never throws and never fails the run by itself.
 */
export async function syncStore(store: Store, opts: Pick<PushOptions, 'silenceMs'> = {}): Promise<SyncResult> {
  const silenceMs = opts.silenceMs ?? REMOTE_SILENCE_MS;
  try {
    const t = await remoteTarget(store);
    const shown = shownTarget(t);
    if ((await fetchBranch(store, t, silenceMs)) === 'absent') return { status: 'no-remote-branch', target: shown };
    const joined = await integrate(store, t);
    if (joined.status === 'refused') return { status: 'skipped', reason: `not brought up to date with ${shown}: ${joined.reason}` };
    return { status: joined.status, target: shown };
  } catch (err) {
    if (err instanceof RemoteError) return { status: 'no-remote', reason: err.message };
    return { status: 'skipped', reason: `could not fetch: ${gitReason(err, silenceMs)}` };
  }
}
