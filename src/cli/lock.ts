// One run at a time on a backups repository: a held lock is exit 1 with what did not happen.

import { abandonInterruptedRebase, acquireLock, existingStore, LockHeldError, removeLeftovers, storeExists } from '../store/index.js';
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
  const said: string[] = [];
  const exists = await storeExists(dir);
  try {
    const removed = exists ? await removeLeftovers(dir) : [];
    if (removed.length > 0)
      said.push(`removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by an interrupted run (${removed.join(', ')})`);
  } catch (err) {
    // Tidying up is never a reason not to back up.
    said.push(`could not remove the temporary files left by an interrupted run: ${(err as Error).message}`);
  }
  // A push (--push) killed mid-rebase leaves HEAD detached: this run must commit on the branch.
  try {
    if (exists && (await abandonInterruptedRebase(existingStore(dir))))
      said.push('abandoned the rebase an interrupted push left: the repository is on its branch with its commits again');
  } catch (err) {
    await lock.release();
    const why = (err as Error).message.split('\n')[0];
    throw new UserError(
      `${dir}: a rebase left by an interrupted run could not be abandoned (${why}): run git -C ${dir} rebase --abort — ${notDone}`,
      EXIT.failed,
    );
  }
  if (said.length === 0) return lock;
  const note = said.join('; ');
  return { ...lock, note: lock.note === undefined ? note : `${lock.note}; ${note}` };
}
