// Where the backups repository is pushed: the current branch to its upstream if it has one
// (`git push -u` or `git branch --set-upstream-to`), else to `origin`, same branch name.
// The remote is the user's, set up with git itself (`git -C backups remote add origin URL`);
// credentials come as for any git: an SSH key or ~/.ssh/config (or core.sshCommand in the
// global config), a credential helper for HTTPS. switchback never asks for a password.

import type { Store } from './repo.js';

export interface RemoteTarget {
  /** The remote's name (`origin`). */
  remote: string;
  /** The local branch (`main`). */
  branch: string;
  /** The branch on the remote, without refs/heads/ (`main`). */
  remoteBranch: string;
  /** Where a fetch keeps the remote's branch here: `refs/remotes/origin/main`. */
  trackingRef: string;
}

export class RemoteError extends Error {
  override name = 'RemoteError';
}

// A name git itself would accept as a remote or branch, and that no git command could read
// as an option (a leading dash).
const SAFE_NAME = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

async function config(store: Store, key: string): Promise<string | undefined> {
  const out = await store.git.raw(['config', '--get', key]).catch(() => '');
  return out.trim() === '' ? undefined : out.trim();
}

/** The remote and branch to push to; throws RemoteError (one line, with what to do) when there is none. */
export async function remoteTarget(store: Store): Promise<RemoteTarget> {
  const branch = (await store.git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '')).trim();
  if (branch === '')
    throw new RemoteError(`${store.dir} is not on a branch (HEAD is detached): check out the branch to push (git -C ${store.dir} checkout main)`);
  const upstreamRemote = await config(store, `branch.${branch}.remote`);
  const upstreamMerge = await config(store, `branch.${branch}.merge`);
  let remote: string;
  let remoteBranch: string;
  if (upstreamRemote !== undefined && upstreamRemote !== '.' && upstreamMerge?.startsWith('refs/heads/')) {
    remote = upstreamRemote;
    remoteBranch = upstreamMerge.slice('refs/heads/'.length);
  } else {
    const remotes = (await store.git.raw(['remote'])).split('\n').map((r) => r.trim());
    if (!remotes.includes('origin')) throw new RemoteError(`${store.dir} has no remote to push to: add one with \`git -C ${store.dir} remote add origin URL\``);
    remote = 'origin';
    remoteBranch = branch;
  }
  for (const name of [remote, remoteBranch, branch])
    if (!SAFE_NAME.test(name) || name.includes('..'))
      throw new RemoteError(`${store.dir}: the remote or branch name ${JSON.stringify(name)} is not one switchback pushes to`);
  return { remote, branch, remoteBranch, trackingRef: `refs/remotes/${remote}/${remoteBranch}` };
}

/** `origin/main`, for messages. */
export const shownTarget = (t: RemoteTarget): string => `${t.remote}/${t.remoteBranch}`;

/** A remote URL with a password or token in it (`https://user:token@host/…`) is shown without it. */
export function withoutCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
}
