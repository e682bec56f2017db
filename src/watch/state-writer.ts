// Writes the watch's state (state-file.ts) one write at a time, never losing a change: a save
// while a write runs queues one more write, which takes the state as it is when it starts.

import { writeWatchState } from './state-file.js';
import type { WatchState } from './state-file.js';
import type { WatchLog } from './log.js';

export interface StateWriter {
  /** Writes the state as it is (soon); resolves when that write is done. */
  save(): Promise<void>;
  /** Why the last write failed (undefined: it did not, or the one after it succeeded). */
  problem(): string | undefined;
  /** Resolves when every write asked for so far is done. */
  flushed(): Promise<void>;
}

/** `file` absent: nothing is written (no backups repository). */
export function createStateWriter(file: string | undefined, state: WatchState, log: WatchLog): StateWriter {
  let writing: Promise<void> = Promise.resolve();
  /** A write queued behind the one running, not started yet: it will take the state as it is then. */
  let queuedWrite: Promise<void> | undefined;
  let stateProblem: string | undefined;
  const save = (): Promise<void> => {
    if (!file) return Promise.resolve();
    // One write waiting is enough for any number of changes: a feed-off opens a window on a
    // whole row at once, and a write per device would pile up.
    if (queuedWrite) return queuedWrite;
    queuedWrite = writing = writing.then(() => {
      queuedWrite = undefined;
      // No copy needed: writeWatchState serialises the state before its first await.
      return writeWatchState(file, state).then(
        () => {
          if (stateProblem) log({ level: 'info', what: 'state', message: `${file} written again` });
          stateProblem = undefined;
        },
        (err: Error) => {
          stateProblem = `the state file ${file} could not be written: ${err.message.split('\n')[0]}`;
          log({ level: 'error', what: 'state', message: stateProblem });
        },
      );
    });
    return writing;
  };
  return { save, problem: () => stateProblem, flushed: () => writing };
}
