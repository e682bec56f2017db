// Reading a file the user named (an inventory file, a `file:` secret) without trusting it to
// be a file: `/dev/zero` never ends, a FIFO blocks the open until a writer comes, and either
// would hang every command. Only a regular file is read, and only up to a limit.

import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** The text of the file, or why it was not read (in a few words, never its content). */
export type ReadResult = { text: string } | { problem: string };

/**
 * Read `path` as UTF-8 if it is a regular file of at most `limit` bytes. The type is checked
 * before opening (so a FIFO is never opened), the open is non-blocking (so one swapped in
 * between does not block), and the open file is checked again (so what was read is what was
 * checked). A symlink to a regular file is fine: secrets are often mounted that way.
 */
export function readRegularFile(path: string, limit: number): ReadResult {
  let fd: number | undefined;
  try {
    const before = kindProblem(statSync(path), limit);
    if (before) return { problem: before };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const opened = kindProblem(fstatSync(fd), limit);
    if (opened) return { problem: opened };
    // One byte past the limit tells a file that grew since fstat from one that fits.
    const buffer = Buffer.alloc(limit + 1);
    let size = 0;
    for (let n = -1; n !== 0 && size < buffer.length; size += n) n = readSync(fd, buffer, size, buffer.length - size, size);
    if (size > limit) return { problem: tooLarge(limit) };
    return { text: buffer.subarray(0, size).toString('utf8') };
  } catch (err) {
    return { problem: fsReason(err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function kindProblem(stats: Stats, limit: number): string | undefined {
  if (stats.isDirectory()) return 'is a folder, not a file';
  if (!stats.isFile()) return `not a regular file (${kind(stats)})`;
  return stats.size > limit ? tooLarge(limit) : undefined;
}

const tooLarge = (limit: number) => `larger than ${limit % 1024 === 0 ? `${limit / 1024} KiB` : `${limit} bytes`}`;

function kind(stats: Stats): string {
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** A file-system error in a few words: `no such file`, `permission denied`. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return code ?? (err as Error).message;
  }
}
