// When each device was last backed up successfully, kept outside git history:
// a successful run that changes nothing makes no commit, yet `stale` must know it
// succeeded. One small JSON file, ignored by the repository, written atomically.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, replaceFiles } from './atomic.js';
import type { Store } from './repo.js';

export const RUN_STATUS_FILE = '.run-status.json';

export interface DeviceRunStatus {
  /** ISO 8601: the last run that tried this device. */
  lastAttemptAt: string;
  /** ISO 8601: the last run that backed it up; absent if none ever did. */
  lastSuccessAt?: string;
  lastResult: 'ok' | 'failed';
  /** Why the last attempt failed, in words. */
  lastError?: string;
}

export type RunStatus = Record<string, DeviceRunStatus>;

export async function readRunStatus(store: Store): Promise<RunStatus> {
  try {
    const parsed = JSON.parse(await readFile(path.join(store.dir, RUN_STATUS_FILE), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RunStatus) : {};
  } catch (err) {
    // Missing or damaged: no device counts as recently backed up, which errs on the side of "stale".
    if (errnoCode(err) === 'ENOENT' || err instanceof SyntaxError) return {};
    throw err;
  }
}

/** Merge this run's results into the file (devices not in this run keep theirs). */
export async function updateRunStatus(store: Store, updates: RunStatus): Promise<void> {
  const merged = { ...(await readRunStatus(store)), ...updates };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, merged[k]]),
  );
  await replaceFiles(store.dir, [{ file: path.join(store.dir, RUN_STATUS_FILE), content: JSON.stringify(sorted, null, 2) + '\n' }], 0o600);
}
