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
import { deviceFileAt } from '../store/history.js';
import type { AlertDiff } from './alert.js';

/** Lines of context around each change: enough to place it (its parent lines), few enough for a chat message. */
const CONTEXT = 2;

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
  const before = run.commit ? `${run.commit}^` : 'HEAD';
  const to = run.commit ? run.commit.slice(0, 7) : 'not committed';
  for (const d of run.devices) {
    if (d.status !== 'changed') continue;
    const platform = platformOf(d.device);
    if (!platform) continue;
    try {
      const old = await deviceFileAt(store, before, d.device, 'running');
      const now = (await readDevice(store, d.device)).running;
      if (old.text === undefined || now === undefined) continue;
      const diff = compareConfigs(platform, old.text, now, { context: CONTEXT, showSecrets: false });
      if (diff.equal) continue;
      out.set(d.device, { from: old.short, to, added: diff.added, removed: diff.removed, lines: hunkLines(diff.hunks) });
    } catch {
      // The first commit has no parent; a file git cannot read: no diff for it, the alert still goes.
      continue;
    }
  }
  return out;
}
