// A backup run's writes: an unchanged switch is not written at all, and "which of this device's
// files differ from the last commit" is deviceChanges (commit.ts), judged in the process against
// the last commit's tree (head-tree.ts, one `git ls-tree` per commit) instead of a `git status`
// per device: a spawn each, and quadratic in the fleet (every status reads the index of every
// device).

import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';
import { deviceChanges } from './commit.js';
import { stateJson, writeDevice } from './device-files.js';
import type { DeviceFiles, DeviceWrite } from './device-files.js';
import type { HeadTree } from './head-tree.js';

/**
 * writeDevice, then deviceChanges: a file whose new content is byte for byte what the folder
 * holds, as a regular file, is not written again (an unchanged switch costs a few reads, not
 * four writes, fsyncs and renames). `current` is what readDevice returned for this device just
 * before (a text key absent: no such file), so those files need not be read again. The verdict
 * is deviceChanges' (commit.ts): bytes, mode, a link someone made, attributes — judged against
 * the last commit now, so a commit made by hand during the run is taken into account.
 * Without an exact tree: writeDevice of every file, and git, as before.
 */
export async function writeDeviceChanges(
  store: Store,
  tree: HeadTree | undefined,
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
    // Only a regular file can be left as it is: a link (or anything else) is replaced by the write.
    const st = await lstat(path.join(dir, DEVICE_FILES[key])).catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return undefined;
      throw err;
    });
    if (st !== undefined && !st.isFile()) continue;
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
  return deviceChanges(store, name);
}

function sameBytes(disk: string | Buffer | undefined, text: string): boolean {
  if (disk === undefined) return false;
  if (typeof disk === 'string') return disk === text;
  return disk.length === Buffer.byteLength(text, 'utf8') && disk.equals(Buffer.from(text, 'utf8'));
}

/** `name`'s file as the tree's commit holds it, or null if it holds none: one `git cat-file` (none when absent). */
export async function committedFileIn(store: Store, tree: HeadTree, name: string, key: DeviceFileKey): Promise<string | null> {
  deviceDir(store.dir, name); // validates the name
  const id = tree.files.get(`${name}/${DEVICE_FILES[key]}`)?.id;
  if (id === undefined || !/^[0-9a-f]{40,64}$/.test(id)) return null;
  return store.git.raw(['cat-file', 'blob', id]);
}
