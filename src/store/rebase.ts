// Putting this repository's commits on top of what the remote has (fetched already):
// fast-forward, or replay the local commits onto it (a rebase), so that history stays one
// line and a push is a fast-forward again. Jobs that share a fleet by shards commit
// different devices' folders, so their commits replay cleanly; the files every run may
// touch at the top of the repository are joined here by their meaning, not by lines:
// `.known_hosts` by device (known-hosts-merge.ts) and `.gitignore` (switchback writes it
// whole: this version's text wins). Any other conflict — the same device changed on both
// sides — is abandoned (`rebase --abort`): the local commit stays as it was, and the
// caller says so.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, replaceFiles } from './atomic.js';
import { headCommit } from './head-tree.js';
import { mergeKnownHosts } from './known-hosts-merge.js';
import { GITIGNORE_FILE, KNOWN_HOSTS_FILE } from './paths.js';
import type { Store } from './repo.js';
import type { RemoteTarget } from './remote.js';

export type Integration =
  /** The remote has nothing this repository lacks (or no such branch yet). */
  | { status: 'current' }
  /** This repository had nothing of its own: it now is the remote's branch. */
  | { status: 'fast-forward' }
  /** `commits` local commits replayed onto the remote's; `joined`: top-level files merged by meaning. */
  | { status: 'rebased'; commits: number; joined: string[] }
  /** Not done; the local commits and files are as they were. */
  | { status: 'refused'; reason: string };

type Stage = 1 | 2 | 3;
type Resolver = (stages: Record<Stage, string | undefined>) => { ok: true; text: string } | { ok: false; reason: string };

/** During a rebase stage 2 is the side being built on (the remote's), 3 the local commit replayed. */
const RESOLVERS: Record<string, Resolver> = {
  [KNOWN_HOSTS_FILE]: (s) => mergeKnownHosts(s[1], s[2] ?? '', s[3] ?? ''),
  [GITIGNORE_FILE]: (s) => ({ ok: true, text: s[3] ?? s[2] ?? '' }),
};

async function commitId(store: Store, rev: string): Promise<string | undefined> {
  const out = await store.git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => '');
  return out.trim() === '' ? undefined : out.trim();
}

/** Whether `a` is `b` or an ancestor of it. By merge-base's answer, not its exit code: simple-git
 *  resolves a command that fails without printing (`merge-base --is-ancestor`'s "no"). */
async function isAncestor(store: Store, a: string, b: string): Promise<boolean> {
  const base = await store.git.raw(['merge-base', a, b]).catch(() => '');
  return base.trim() === a;
}

async function rebaseInProgress(store: Store): Promise<boolean> {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    try {
      await stat(path.join(store.dir, '.git', dir));
      return true;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
  }
  return false;
}

const firstLine = (err: unknown): string =>
  ((err as Error).message ?? String(err))
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^(fatal|error):/.test(l)) ?? ((err as Error).message ?? String(err)).split('\n')[0]!.trim();

async function abort(store: Store): Promise<void> {
  if (await rebaseInProgress(store)) await store.git.raw(['rebase', '--abort']).catch(() => undefined);
}

/**
 * Bring HEAD on top of `target.trackingRef` (fetched by the caller). Never loses a local
 * commit: whatever goes wrong, the rebase is abandoned and HEAD is where it was.
 */
export async function integrate(store: Store, target: RemoteTarget): Promise<Integration> {
  const upstream = await commitId(store, target.trackingRef);
  if (upstream === undefined) return { status: 'current' };
  const head = await headCommit(store);
  if (head === null) {
    // A repository with no commit yet (a fresh clone-less start: a pod's empty volume): it
    // becomes the remote's branch. Files already here that the remote also has are replaced
    // by the remote's (they were never committed); others stay for the run to commit.
    // One command, which writes the files before it moves the branch: killed half-way, the
    // branch is still unborn and the next run does this again. Moving the branch first, a
    // run killed before the checkout would leave the branch on the remote's commit with its
    // files missing here, and the next commit (`add --all`) would delete them for everyone.
    await store.git.raw(['reset', '--hard', '--quiet', upstream]);
    return { status: 'fast-forward' };
  }
  if (head === upstream || (await isAncestor(store, upstream, head))) return { status: 'current' };
  const dirty = (await store.git.raw(['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty !== '') return { status: 'refused', reason: 'files changed since the last commit are not committed yet' };
  const ownCommits = Number((await store.git.raw(['rev-list', '--count', `${upstream}..HEAD`])).trim());
  const fastForward = await isAncestor(store, head, upstream);
  const joined = new Set<string>();
  // Failures are judged by the repository's state, not by exit codes (see isAncestor).
  let said = '';
  try {
    // The merge backend whatever the user's rebase.backend; no autostash, no rerere, no hook.
    await store.git.raw(['rebase', '--merge', '--no-autostash', '--no-rerere-autoupdate', '--no-verify', '--empty=drop', upstream]);
  } catch (err) {
    said = firstLine(err);
  }
  // Each stop is one replayed commit that conflicted: at most one per local commit.
  for (let stop = 0; await rebaseInProgress(store); stop++) {
    const resolved = stop < ownCommits ? await resolveStop(store) : { ok: false as const, reason: 'the rebase kept stopping' };
    if (!resolved.ok) {
      await abort(store);
      return { status: 'refused', reason: resolved.reason };
    }
    for (const f of resolved.files) joined.add(f);
    if (!(await rebaseInProgress(store))) break; // the stop's commit was skipped, and it was the last
    await store.git.raw(['rebase', '--continue']).catch((err: unknown) => (said = firstLine(err)));
  }
  const now = await headCommit(store);
  if (now === null || !(await isAncestor(store, upstream, now)))
    return { status: 'refused', reason: said || 'the rebase did not put the local commits on top of the remote' };
  return fastForward ? { status: 'fast-forward' } : { status: 'rebased', commits: ownCommits, joined: [...joined].sort() };
}

/**
 * One stop of the rebase: every conflicted file must be one joined by meaning; each is
 * written and staged, and the replayed commit is made with its own message (`-C
 * REBASE_HEAD`: no editor, no "# Conflicts" lines). A commit left empty is skipped.
 */
async function resolveStop(store: Store): Promise<{ ok: true; files: string[] } | { ok: false; reason: string }> {
  const conflicted = (await store.git.raw(['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter((f) => f !== '');
  if (conflicted.length === 0) return { ok: false, reason: 'the rebase stopped without a conflict (a file in the way?)' };
  const foreign = conflicted.filter((f) => RESOLVERS[f] === undefined);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    return { ok: false, reason: `the remote changed the same files differently (${shown})` };
  }
  for (const file of conflicted) {
    const stages = { 1: await staged(store, 1, file), 2: await staged(store, 2, file), 3: await staged(store, 3, file) };
    const merged = RESOLVERS[file]!(stages);
    if (!merged.ok) return { ok: false, reason: `${file}: ${merged.reason}` };
    await replaceFiles(store.dir, [{ file: path.join(store.dir, file), content: merged.text }], 0o600);
    await store.git.raw(['add', '--', file]);
  }
  const pending = (await store.git.raw(['diff', '--cached', '--name-only'])).trim();
  if (pending === '') await store.git.raw(['rebase', '--skip']).catch(() => undefined);
  else await store.git.raw(['commit', '--quiet', '--no-verify', '-C', 'REBASE_HEAD']);
  return { ok: true, files: conflicted };
}

async function staged(store: Store, stage: Stage, file: string): Promise<string | undefined> {
  return store.git.raw(['show', `:${stage}:${file}`]).catch(() => undefined);
}

/**
 * A rebase a killed run left half done (HEAD detached among replayed commits) is abandoned,
 * which puts the branch back on the commits it had: call only with the run lock held (only
 * a run holding it rebases). Left as it was, the next commit would go onto the detached HEAD
 * and be lost when the rebase was abandoned later. True when there was one.
 */
export async function abandonInterruptedRebase(store: Store): Promise<boolean> {
  if (!(await rebaseInProgress(store))) return false;
  await store.git.raw(['rebase', '--abort']);
  return true;
}
