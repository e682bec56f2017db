// What a backup changed, for its alert: each changed switch's running configuration at the
// commit before the run against what the run stored, as `switchback diff --against REV`
// compares them (jobs/diff.ts compareConfigs: normalised, volatile lines dropped, shown
// lines masked). Reads the backups repository; the alert itself is alert.ts's, pure.

import type { StructuredPatchHunk } from 'diff';
import type { BackupRun } from '../jobs/backup-result.js';
import { compareConfigs } from '../jobs/diff.js';
import type { Platform } from '../platforms/platform.js';
import { readDevice } from '../store/index.js';
import type { Store } from '../store/index.js';
import { resolveRevision } from '../store/history.js';
import { DEVICE_FILES } from '../store/paths.js';
import type { AlertDiff } from './alert.js';

/** Lines of context around each change: enough to place it (its parent lines), few enough for a chat message. */
const CONTEXT = 2;

/**
 * Changed switches given a diff, in the run's order. Each costs a git process and a
 * comparison; an alert about more changed switches than this is read as "many changed", and
 * `switchback diff` or the history show each. The others are in the alert without a diff.
 */
export const MAX_DIFFS = 100;

/** Hunks as unified-diff lines: `@@ -a,b +c,d @@`, then the lines. */
export function hunkLines(hunks: StructuredPatchHunk[]): string[] {
  return hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.filter((l) => !l.startsWith('\\'))]);
}

/**
 * The diff of every `changed` device whose running configuration differs from the commit
 * before this run (a change in its state.json or startup alone has none). A `new` device
 * has nothing to compare with. A device that cannot be read is left out: the alert goes
 * out without its diff rather than not at all.
 */
export async function backupChanges(store: Store, run: BackupRun, platformOf: (device: string) => Platform | undefined): Promise<Map<string, AlertDiff>> {
  const out = new Map<string, AlertDiff>();
  // The run's commit has the new files, its parent the old; uncommitted (git failed), HEAD is the old.
  let before;
  try {
    before = await resolveRevision(store, run.commit ? `${run.commit}^` : 'HEAD');
  } catch {
    return out; // the first commit: nothing before it
  }
  const to = run.commit ? run.commit.slice(0, 7) : 'not committed';
  const changed = run.devices.filter((d) => d.status === 'changed').slice(0, MAX_DIFFS);
  for (const d of changed) {
    const platform = platformOf(d.device);
    if (!platform) continue;
    try {
      // One git process: the blob as committed (a device with no running.cfg then fails, and has no diff).
      const old = await store.git.raw(['cat-file', 'blob', `${before.commit}:${d.device}/${DEVICE_FILES.running}`]);
      const now = (await readDevice(store, d.device)).running;
      if (now === undefined) continue;
      const diff = compareConfigs(platform, old, now, { context: CONTEXT, showSecrets: false });
      if (diff.equal) continue;
      out.set(d.device, { from: before.short, to, added: diff.added, removed: diff.removed, lines: hunkLines(diff.hunks) });
    } catch {
      // The first commit has no parent; a file git cannot read: no diff for it, the alert still goes.
      continue;
    }
  }
  return out;
}
