// `--push` for every command that commits (backup, good, restore, recover, ready --save):
// before the work, the backups repository is brought up to its remote (so the run judges
// against the fleet's latest backups, not a stale or empty copy); after the commit, it is
// pushed. The store does the git (store/push.ts); this file words it and decides the exit.

import type { Option } from 'commander';
import type { InventoryRunSettings } from '../inventory/run-settings.js';
import { pushStore, syncStore } from '../store/index.js';
import type { PushResult, Store } from '../store/index.js';
import { pushOptions } from './run-settings.js';
import type { RunSettingsOptions } from './run-settings.js';
import type { Style } from './style.js';

/** `--push` and `--no-push` (run-settings.ts words them), one at a time for commander's chain. */
export const pushOption = (): Option => pushOptions()[0]!;
export const noPushOption = (): Option => pushOptions()[1]!;

/**
 * Whether this run pushes: the flag, else the inventory's `push: true`. As runSettingsFor
 * decides it, without resolving the other settings: a command that sends no alert must not
 * fail because a webhook's env: reference is not set in this shell.
 */
export const pushWanted = (opts: Pick<RunSettingsOptions, 'push'>, fromInventory: InventoryRunSettings): boolean => opts.push ?? fromInventory.push ?? false;

/**
 * Before a run that pushes, with the run lock held. Returns a line for the run's notes when
 * the repository could not be brought up to date (the run goes on from what it has; the
 * push at the end says whether the result reached the remote), undefined otherwise.
 */
export async function syncBeforeRun(store: Store, push: boolean): Promise<string | undefined> {
  if (!push) return undefined;
  const r = await syncStore(store);
  return r.status === 'skipped' ? `--push: ${r.reason}` : undefined;
}

/** After the run's commit (whether it made one or not: an earlier run's may wait). Undefined without --push. */
export async function pushAfterRun(store: Store, push: boolean): Promise<PushResult | undefined> {
  return push ? pushStore(store) : undefined;
}

/**
 * The id the run's own commit has after the push: a rebase onto what other jobs pushed gave
 * it a new one (it is the tip the remote now holds), and the old id is on no branch anywhere.
 * Unchanged when nothing was rebased, or the run committed nothing.
 */
export function committedAs(commit: string | null, pushed: PushResult | undefined): string | null {
  return commit !== null && pushed?.status === 'pushed' && pushed.rebased ? pushed.commit : commit;
}

/** The push as the run's report says it: one line, or nothing when there was nothing to say. */
export function pushLine(r: PushResult | undefined, st: Style, quiet = false): string {
  if (r === undefined) return '';
  if (r.status === 'failed') {
    const kept = r.commit ? `; the commit ${r.commit.slice(0, 12)} stays in the backups repository and the next run with --push pushes it` : '';
    return `${st.red('PUSH FAILED')}: ${r.reason}${kept}\n`;
  }
  if (quiet) return '';
  if (r.status === 'up-to-date') return `push: ${r.target} is up to date\n`;
  return `pushed ${r.commit.slice(0, 12)} to ${r.target}${r.rebased ? ' (on top of commits other jobs pushed)' : ''}\n`;
}

/** A failed push fails the run (exit 1): the backup exists, but not where it was asked to be. */
export const pushFailed = (r: PushResult | undefined): boolean => r?.status === 'failed';
