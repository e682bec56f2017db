// Reading a device's files as git remembers them, and committing a change that touches
// only named paths: what `switchback good DEVICE [REV]` needs.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { headCommit, headTree } from './head-tree.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';

/**
 * The full commit id `rev` names (`HEAD~1`, a hash, a tag, `main@{yesterday}`), or null if
 * it names no commit. A revision that starts with `-` is refused: git would read it as an option.
 */
export async function resolveCommit(store: Store, rev: string): Promise<string | null> {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) return null;
  // HEAD, asked by every device of a run whose state changed: read from the repository's files.
  if (rev === 'HEAD') return headCommit(store);
  // simple-git resolves, not rejects, when git fails quietly (as --quiet does): judge by the output.
  const out = await store.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => '');
  const commit = out.trim();
  return /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
}

/** `name`'s file as stored in `commit` (a full id from resolveCommit), or null if that commit lacks it. */
export async function readDeviceFileAt(store: Store, commit: string, name: string, key: DeviceFileKey): Promise<string | null> {
  deviceDir(store.dir, name); // validates the name
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`not a commit id: ${commit}`);
  const head = await headTree(store);
  if (head.commit === commit) {
    // The last commit (a backup comparing with it): its blob ids are known, one git process for the text.
    const id = head.files.get(`${name}/${DEVICE_FILES[key]}`)?.id;
    return id === undefined ? null : store.git.raw(['cat-file', 'blob', id]);
  }
  const spec = `${commit}:${name}/${DEVICE_FILES[key]}`;
  const blob = (await store.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', spec]).catch(() => '')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(blob)) return null;
  const type = (await store.git.raw(['cat-file', '-t', blob])).trim();
  if (type !== 'blob') return null;
  return store.git.raw(['cat-file', 'blob', blob]);
}

/**
 * Commit only `name`'s files `keys` (whatever else the work tree holds stays uncommitted,
 * e.g. a backup run whose own commit failed); null when they match the last commit.
 */
export async function commitDeviceFiles(
  store: Store,
  name: string,
  keys: DeviceFileKey[],
  message: { subject: string; body?: string },
): Promise<{ commit: string } | null> {
  deviceDir(store.dir, name);
  const subject = message.subject.trim();
  if (subject === '' || subject.includes('\n')) throw new Error('a commit subject is one non-empty line');
  const paths = keys.map((k) => `${name}/${DEVICE_FILES[k]}`);
  await store.git.raw(['add', '--', ...paths]);
  const staged = (await store.git.raw(['diff', '--cached', '--name-only', '-z', '--', ...paths])).split('\0').filter((p) => p !== '');
  if (staged.length === 0) return null;
  const body = message.body?.trim() ?? '';
  // `--only` with paths: exactly these files go into the commit; no hook may stop it.
  await store.git.raw(['commit', '--no-verify', '--quiet', '-m', subject, ...(body === '' ? [] : ['-m', body]), '--only', '--', ...paths]);
  return { commit: (await store.git.revparse(['HEAD'])).trim() };
}

/** Whether `dir` holds a backups repository already (commands that only read or amend one must not create it). */
export async function storeExists(dir: string): Promise<boolean> {
  return stat(path.join(dir, '.git')).then(
    (st) => st.isDirectory(),
    () => false,
  );
}
