// One run at a time on a backups repository: a held lock is exit 1 with what did not happen.

import { acquireLock, LockHeldError } from '../store/index.js';
import type { Lock } from '../store/index.js';
import { EXIT, UserError } from './exit-codes.js';

/** The lock for `command`, or a UserError that says who holds it and that `notDone` (e.g. "nothing was typed"). */
export async function lockFor(dir: string, command: string, notDone: string): Promise<Lock> {
  try {
    return await acquireLock(dir, { command });
  } catch (err) {
    if (err instanceof LockHeldError) throw new UserError(`${err.message}; another run is in progress — ${notDone}`, EXIT.failed);
    throw err;
  }
}
