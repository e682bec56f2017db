// The last commit's files by blob id, read once per run, so that "which of this device's
// files differ from the last commit" is a hash of a few files in the process instead of
// a `git status` per device: a spawn each, and quadratic in the fleet (every status reads
// the index of every device). Same answer as deviceChanges (commit.ts): a file added,
// modified or deleted in the work tree against HEAD.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';
import { deviceChanges } from './commit.js';
import { stateJson, writeDevice } from './device-files.js';
import type { DeviceFiles, DeviceWrite } from './device-files.js';

export interface CommittedTree {
  /** The commit read (HEAD when the run started), or null in a repository with no commit yet. */
  head: string | null;
  /** Blob id of every file in that commit, by path in the store. */
  blobs: Map<string, string>;
  /**
   * False where hashing the work tree could disagree with git (attributes that filter or
   * convert files): deviceChangesIn then asks git, as deviceChanges does.
   */
  exact: boolean;
}

/** One `git ls-tree` of HEAD: every committed file's blob id. */
export async function readCommittedTree(store: Store): Promise<CommittedTree> {
  const head = (await store.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(head)) return { head: null, blobs: new Map(), exact: await noAttributes(store, []) };
  const out = await store.git.raw(['ls-tree', '-r', '-z', '--full-tree', head]);
  const blobs = new Map<string, string>();
  for (const entry of out.split('\0')) {
    // `<mode> blob <id>\t<path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && id !== undefined) blobs.set(entry.slice(tab + 1), id);
  }
  return { head, blobs, exact: await noAttributes(store, [...blobs.keys()]) };
}

/** No .gitattributes anywhere (committed, at the top of the work tree, or in .git/info): files are stored byte for byte. */
async function noAttributes(store: Store, committed: string[]): Promise<boolean> {
  if (committed.some((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'))) return false;
  for (const file of [path.join(store.dir, '.gitattributes'), path.join(store.dir, '.git', 'info', 'attributes')]) {
    try {
      await stat(file);
      return false;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') return false;
    }
  }
  return true;
}

/** git's object id of `content` as a blob, in the repository's hash (SHA-1, or SHA-256 where ids are 64 digits). */
export function blobId(content: Buffer | string, algo: 'sha1' | 'sha256' = 'sha1'): string {
  const length = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  return createHash(algo).update(`blob ${length}\0`).update(content).digest('hex');
}

/**
 * Which of `name`'s files differ from the commit `tree` was read from (added, modified or
 * deleted in the work tree): deviceChanges' answer, without a git process, while nothing
 * but this run has committed since the tree was read.
 */
export async function deviceChangesIn(store: Store, tree: CommittedTree, name: string): Promise<DeviceFileKey[]> {
  if (!tree.exact) return deviceChanges(store, name);
  const dir = deviceDir(store.dir, name);
  const changed: DeviceFileKey[] = [];
  for (const key of Object.keys(DEVICE_FILES) as DeviceFileKey[]) {
    const committed = tree.blobs.get(`${name}/${DEVICE_FILES[key]}`);
    let content: Buffer | undefined;
    try {
      content = await readFile(path.join(dir, DEVICE_FILES[key]));
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
    if (content === undefined) {
      if (committed !== undefined) changed.push(key);
      continue;
    }
    if (committed === undefined || blobId(content, committed.length === 64 ? 'sha256' : 'sha1') !== committed) changed.push(key);
  }
  return changed;
}

/**
 * writeDevice, then deviceChangesIn, reading each of the device's files at most once: a file
 * whose new content is byte for byte what the folder holds is not written again (an unchanged
 * switch costs a few reads, not four writes, fsyncs and renames), and what the folder holds
 * afterwards is hashed against the tree. `current` is what readDevice returned for this device
 * just before (a text key absent: no such file), so those files need not be read again; without
 * it every file is read. Without an exact tree: writeDevice and git, as before.
 */
export async function writeDeviceChanges(
  store: Store,
  tree: CommittedTree | undefined,
  name: string,
  files: DeviceWrite,
  current?: Pick<DeviceFiles, 'running' | 'startup' | 'lastGood'>,
): Promise<DeviceFileKey[]> {
  if (!tree?.exact) {
    await writeDevice(store, name, files);
    return deviceChanges(store, name);
  }
  const dir = deviceDir(store.dir, name);
  const keys = Object.keys(DEVICE_FILES) as DeviceFileKey[];
  /** A file's bytes: a string stands for its UTF-8 encoding. */
  const onDisk: Partial<Record<DeviceFileKey, string | Buffer>> = {};
  for (const key of keys) {
    const known = key === 'state' || current === undefined ? undefined : current[key];
    // Decoded text stands for the file only where decoding lost nothing (no U+FFFD for a byte that was not UTF-8).
    if (key !== 'state' && current !== undefined && (known === undefined || !known.includes('\uFFFD'))) {
      if (known !== undefined) onDisk[key] = known;
      continue;
    }
    try {
      onDisk[key] = await readFile(path.join(dir, DEVICE_FILES[key]));
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
  }
  const write: DeviceWrite = {};
  for (const key of keys) {
    const next = key === 'state' ? (files.state !== undefined ? stateJson(files.state) : undefined) : files[key];
    if (next === undefined || sameBytes(onDisk[key], next)) continue;
    if (key === 'state') write.state = files.state!;
    else write[key] = next;
    onDisk[key] = next;
  }
  await writeDevice(store, name, write);
  const changed: DeviceFileKey[] = [];
  for (const key of keys) {
    const committed = tree.blobs.get(`${name}/${DEVICE_FILES[key]}`);
    const content = onDisk[key];
    if (content === undefined ? committed !== undefined : committed === undefined || blobId(content, committed.length === 64 ? 'sha256' : 'sha1') !== committed)
      changed.push(key);
  }
  return changed;
}

function sameBytes(disk: string | Buffer | undefined, text: string): boolean {
  if (disk === undefined) return false;
  if (typeof disk === 'string') return disk === text;
  return disk.length === Buffer.byteLength(text, 'utf8') && disk.equals(Buffer.from(text, 'utf8'));
}

/** `name`'s file as the tree's commit holds it, or null if it holds none: one `git cat-file` (none when absent). */
export async function committedFileIn(store: Store, tree: CommittedTree, name: string, key: DeviceFileKey): Promise<string | null> {
  deviceDir(store.dir, name); // validates the name
  const id = tree.blobs.get(`${name}/${DEVICE_FILES[key]}`);
  if (id === undefined || !/^[0-9a-f]{40,64}$/.test(id)) return null;
  return store.git.raw(['cat-file', 'blob', id]);
}
