// Atomic file replacement: a reader (or a crash) sees the old file or the new one, never
// half of one. Every new content is first written and fsynced under a temporary name in the
// same folder (rename is only atomic within one filesystem), and only when all of them are
// safely on disk are they renamed into place, so a failure while writing leaves every old
// file as it was.

import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Temporary names look like `.running.cfg.1234-9f8e7d6c.tmp`; the store's .gitignore hides them. */
export const TEMP_PATTERN = '.*.tmp';

export function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** The process that wrote a temporary file named by tempNameFor, or undefined for any other name. */
export function tempWriter(name: string): number | undefined {
  const m = /^\..+\.(\d{1,10})-[0-9a-f]{8}\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Write, fsync and close one new file; fails if it exists. */
export async function writeNewFile(file: string, content: string | Buffer, mode = 0o600): Promise<void> {
  const fh = await open(file, 'wx', mode);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync a directory so that renames and creations in it survive a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (err) {
    // Some filesystems refuse fsync on a directory; the rename itself has still happened.
    if (errnoCode(err) !== 'EINVAL' && errnoCode(err) !== 'EBADF') throw err;
  } finally {
    await fh.close();
  }
}

/**
 * Replace the given files (absolute paths, all in `dir`) with new contents. Either every
 * temporary file is written before any rename happens, or nothing is renamed and the
 * temporary files are removed.
 */
export async function replaceFiles(dir: string, files: { file: string; content: string }[], mode = 0o600): Promise<void> {
  const staged: { temp: string; file: string }[] = [];
  let renamed = 0;
  try {
    for (const { file, content } of files) {
      const temp = tempNameFor(file);
      staged.push({ temp, file }); // before writing: a half-written temporary file is cleaned up too
      await writeNewFile(temp, content, mode);
    }
    for (const s of staged) {
      await rename(s.temp, s.file);
      renamed++;
    }
  } catch (err) {
    await Promise.all(staged.slice(renamed).map((s) => unlink(s.temp).catch(() => undefined)));
    throw err;
  }
  await fsyncDir(dir);
}
