// What the last commit holds, path by path (blob id and mode), read with one `git ls-tree`
// per commit instead of one git process per device: a run of 5,000 devices asks "did this
// device's files change?" 5,000 times, and a git process each costs milliseconds of CPU and
// tens of milliseconds of waiting (the store's git handle runs a few at a time). A file
// differs from the commit when its git blob id (a hash of its bytes, computed here) or its
// mode differs, which is what `git status` compares too.

import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import type { Store } from './repo.js';

export interface HeadTree {
  /** The commit, or null for a repository without commits (every file is then new). */
  commit: string | null;
  /** `device/running.cfg` → its blob id and git mode (`100644`, `100755`, `120000`). */
  files: Map<string, { id: string; mode: string }>;
  /**
   * False where hashing a work-tree file could disagree with git: a .gitattributes (committed,
   * at the top of the work tree, or in .git/info) may convert or filter files on the way in.
   * Callers then ask git.
   */
  exact: boolean;
}

const trees = new WeakMap<Store, { commit: string | null; tree: Promise<HeadTree> }>();

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * HEAD's commit id from the repository's files (no process): `.git/HEAD` names a branch, whose
 * id is in its loose ref or in packed-refs. Undefined when it cannot be told this way (then
 * git is asked); null when the branch has no commit yet.
 */
async function headFromFiles(gitDir: string): Promise<string | null | undefined> {
  const read = (file: string) =>
    readFile(path.join(gitDir, file), 'utf8').catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return undefined;
      throw err;
    });
  const head = (await read('HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (OBJECT_ID.test(head)) return head; // detached
  const ref = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
  if (ref === undefined || ref.includes('..')) return undefined;
  const loose = (await read(ref))?.trim();
  if (loose !== undefined) return OBJECT_ID.test(loose) ? loose : undefined;
  const packed = await read('packed-refs');
  for (const line of packed?.split('\n') ?? []) {
    const [id, name] = line.split(' ');
    if (name === ref && id !== undefined && OBJECT_ID.test(id)) return id;
  }
  return null; // an unborn branch: no commit yet
}

/** HEAD's commit id, or null before the first commit: from the repository's files when it can be told so, else from git. */
export async function headCommit(store: Store): Promise<string | null> {
  const fromFiles = await headFromFiles(path.join(store.dir, '.git')).catch(() => undefined);
  if (fromFiles !== undefined) return fromFiles;
  // simple-git resolves (not rejects) when git fails quietly: judge by the output.
  const out = (await store.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '')).trim();
  return OBJECT_ID.test(out) ? out : null;
}

/** Whether a .gitattributes could change what git stores for a file (see HeadTree.exact). */
async function attributesFree(store: Store, committed: Iterable<string>): Promise<boolean> {
  for (const p of committed) if (p === '.gitattributes' || p.endsWith('/.gitattributes')) return false;
  for (const file of [path.join(store.dir, '.gitattributes'), path.join(store.dir, '.git', 'info', 'attributes')]) {
    const there = await lstat(file).then(
      () => true,
      (err: unknown) => {
        if (errnoCode(err) === 'ENOENT') return false;
        throw err;
      },
    );
    if (there) return false;
  }
  return true;
}

async function readTree(store: Store, commit: string | null): Promise<HeadTree> {
  const files = new Map<string, { id: string; mode: string }>();
  if (commit === null) return { commit, files, exact: await attributesFree(store, []) };
  const out = await store.git.raw(['ls-tree', '-r', '-z', '--full-tree', commit]);
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type, id = ''] = entry.slice(0, tab).split(' ');
    if (type === 'blob') files.set(entry.slice(tab + 1), { id, mode });
  }
  return { commit, files, exact: await attributesFree(store, files.keys()) };
}

/** The last commit's files; read again only when HEAD has moved (a commit made since). */
export async function headTree(store: Store): Promise<HeadTree> {
  const commit = await headCommit(store);
  const cached = trees.get(store);
  if (cached && cached.commit === commit) return cached.tree;
  const tree = readTree(store, commit);
  trees.set(store, { commit, tree });
  tree.catch(() => {
    if (trees.get(store)?.tree === tree) trees.delete(store);
  });
  return tree;
}

/** git's id for a blob with these bytes (`git hash-object`): SHA-1, or SHA-256 in a repository that uses it (64-digit ids). */
export function blobId(bytes: Buffer, sha256 = false): string {
  return createHash(sha256 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
