// The backups repository is private to its owner: configurations and the secrets in them
// are there, in the work tree and in every git object. The CLI runs with umask 077, so
// what it creates now is private; this repairs what was created before (an older
// switchback under a permissive umask, or git init under the library's caller's umask).

import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';

const GROUP_OR_WORLD = 0o077;

/** Remove group and world permissions from `dir` and everything in it (symbolic links are left alone). */
async function privateTree(entry: string): Promise<void> {
  let st;
  try {
    st = await lstat(entry);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return; // gone meanwhile (a git temporary file)
    throw err;
  }
  if (st.isSymbolicLink()) return;
  if ((st.mode & GROUP_OR_WORLD) !== 0) await chmod(entry, st.mode & 0o7700);
  if (st.isDirectory()) for (const name of await readdir(entry)) await privateTree(path.join(entry, name));
}

/**
 * Make the repository in `dir` private if it is not: checked by `.git` itself (git creates
 * it and its contents with one umask), so a private repository costs one stat per open.
 */
export async function ensurePrivate(dir: string): Promise<void> {
  const git = await lstat(path.join(dir, '.git'));
  const top = await lstat(dir);
  if (((git.mode | top.mode) & GROUP_OR_WORLD) === 0) return;
  await privateTree(dir);
}
