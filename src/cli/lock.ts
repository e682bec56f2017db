// One run at a time on a backups repository: a held lock is exit 1 with what did not happen.

import { acquireLock, LockHeldError, removeLeftovers, storeExists } from '../store/index.js';
import type { Lock } from '../store/index.js';
import { EXIT, UserError } from './exit-codes.js';

/**
 * The lock for `command`, or a UserError that says who holds it and that `notDone` (e.g.
 * "nothing was typed"). Once held, the temporary files of a run that was killed are removed.
 */
export async function lockFor(dir: string, command: string, notDone: string): Promise<Lock> {
  let lock: Lock;
  try {
    lock = await acquireLock(dir, { command });
  } catch (err) {
    if (err instanceof LockHeldError) throw new UserError(`${err.message}; another run is in progress — ${notDone}`, EXIT.failed);
    throw err;
  }
  let said: string;
  try {
    const removed = (await storeExists(dir)) ? await removeLeftovers(dir) : [];
    if (removed.length === 0) return lock;
    said = `removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by an interrupted run (${removed.join(', ')})`;
  } catch (err) {
    // Tidying up is never a reason not to back up.
    said = `could not remove the temporary files left by an interrupted run: ${(err as Error).message}`;
  }
  return { ...lock, note: lock.note === undefined ? said : `${lock.note}; ${said}` };
}
