// A run killed between writing a temporary file and renaming it leaves the file behind:
// a whole configuration under a hidden name that git ignores and no one reads. The next
// run that holds the lock removes them — only names the store itself gives (tempNameFor),
// only in the places it writes them, and only when the process that wrote one is gone.

import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, tempWriter } from './atomic.js';

function writerGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errnoCode(err) === 'ESRCH'; // EPERM: alive, someone else's
  }
}

async function entries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return [];
    throw err;
  });
}

/**
 * Remove the temporary files of dead runs from the store in `dir` (its top level and each
 * device folder); returns their paths relative to `dir`. Call only while holding the lock.
 */
export async function removeLeftovers(dir: string): Promise<string[]> {
  const folders = ['', ...(await entries(dir)).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)];
  const removed: string[] = [];
  for (const folder of folders) {
    for (const e of await entries(path.join(dir, folder))) {
      const pid = e.isFile() ? tempWriter(e.name) : undefined;
      if (pid === undefined || !writerGone(pid)) continue;
      const rel = path.join(folder, e.name);
      await unlink(path.join(dir, rel)).then(
        () => removed.push(rel),
        (err: unknown) => {
          if (errnoCode(err) !== 'ENOENT') throw err;
        },
      );
    }
  }
  return removed;
}
