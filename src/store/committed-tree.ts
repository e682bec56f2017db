// A backup run's writes judged against the last commit's files (head-tree.ts, read once per
// run), so that "which of this device's files differ from the last commit" is a hash of a few
// files in the process instead of a `git status` per device: a spawn each, and quadratic in
// the fleet (every status reads the index of every device), and an unchanged switch is not
// written at all. Same answer as deviceChanges (commit.ts): a file added, modified or deleted
// in the work tree against HEAD.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';
import { deviceChanges } from './commit.js';
import { stateJson, writeDevice } from './device-files.js';
import type { DeviceFiles, DeviceWrite } from './device-files.js';
import { blobId, headTree } from './head-tree.js';
import type { HeadTree } from './head-tree.js';

/** The last commit's files as a run reads them once at its start: head-tree.ts's HeadTree. */
export type CommittedTree = HeadTree;

/** The last commit's files (one `git ls-tree` per commit, cached: head-tree.ts). */
export function readCommittedTree(store: Store): Promise<CommittedTree> {
  return headTree(store);
}

/** A committed file's id against these bytes (a string stands for its UTF-8 encoding). */
function differs(committed: { id: string } | undefined, content: Buffer | string | undefined): boolean {
  if (content === undefined) return committed !== undefined;
  if (committed === undefined) return true;
  return blobId(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, committed.id.length === 64) !== committed.id;
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
    let content: Buffer | undefined;
    try {
      content = await readFile(path.join(dir, DEVICE_FILES[key]));
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
    if (differs(tree.files.get(`${name}/${DEVICE_FILES[key]}`), content)) changed.push(key);
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
  for (const key of keys) if (differs(tree.files.get(`${name}/${DEVICE_FILES[key]}`), onDisk[key])) changed.push(key);
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
  const id = tree.files.get(`${name}/${DEVICE_FILES[key]}`)?.id;
  if (id === undefined || !/^[0-9a-f]{40,64}$/.test(id)) return null;
  return store.git.raw(['cat-file', 'blob', id]);
}
