// What git remembers about one device: used for `stale` findings and `good DEVICE [REV]`.

import { deviceDir } from './paths.js';
import type { Store } from './repo.js';

export interface CommitRef {
  commit: string;
  date: Date;
  subject: string;
}

/** False for a repository created but never committed to. */
async function hasCommits(store: Store): Promise<boolean> {
  // simple-git resolves (not rejects) when git exits non-zero without writing to stderr,
  // as `rev-parse --verify --quiet` does: judge by the output instead.
  const out = await store.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
  return out.trim() !== '';
}

/** The newest commit that changed anything in `name`'s folder, or null if none did. */
export async function lastCommitTouching(store: Store, name: string): Promise<CommitRef | null> {
  deviceDir(store.dir, name); // validates the name
  if (!(await hasCommits(store))) return null;
  const out = await store.git.raw(['log', '-1', '--format=%H%x00%cI%x00%s', 'HEAD', '--', `${name}/`]);
  const [commit, date, subject] = out.trim().split('\0');
  if (commit === undefined || commit === '' || date === undefined || subject === undefined) return null;
  return { commit, date: new Date(date), subject };
}
