// The metrics file on disk, replaced atomically: node_exporter's textfile collector may read
// it at any moment, and a half-written file would be a scrape error (or, worse, a partial set
// of series that looks like devices vanished). The new text goes to a temporary file in the
// same folder (rename is atomic only within one filesystem), is fsynced, then renamed over the
// old one; a reader holding the old file keeps reading the old inode whole. The temporary name
// ends in `.tmp`, not `.prom`, so the collector never picks it up.

import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, tempNameFor } from '../store/atomic.js';

/**
 * Readable by all: the collector runs as its own user (node-exporter, prometheus), and the
 * file holds device names and figures, no secret. Set with chmod, as the process umask (077,
 * cli/main.ts) would otherwise take the read bits away.
 */
export const METRICS_FILE_MODE = 0o644;

/** A previous file larger than this is not read for figures to carry over (it is not ours). */
const MAX_PREVIOUS_BYTES = 64 * 1024 * 1024;

export async function writeMetricsFile(file: string, text: string): Promise<void> {
  const temp = tempNameFor(file);
  try {
    const fh = await open(temp, 'wx', METRICS_FILE_MODE);
    try {
      await fh.chmod(METRICS_FILE_MODE);
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

/** The file this run will replace, or undefined when there is none (or it cannot be read: nothing is carried over then). */
export async function readMetricsFile(file: string): Promise<string | undefined> {
  try {
    const fh = await open(file, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile() || st.size > MAX_PREVIOUS_BYTES) return undefined;
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    // Missing (the first run), unreadable or not a file: the file is replaced all the same.
    return undefined;
  }
}
