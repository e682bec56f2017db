// `switchback history DEVICE`: the commits of the backups repository that touched a device,
// newest first, with the files they changed and the run's line about the device.

import type { Command } from 'commander';
import { deviceHistory } from '../store/history.js';
import type { DeviceCommit } from '../store/history.js';
import { utcMinute } from '../jobs/diff.js';
import { wholeNumber } from './args.js';
import { backupsOption } from './backup.js';
import { checkedName, openBackups } from './diff.js';
import { devicesFor, inventoryOption } from './inventory.js';
import { noColorOption, quietOption } from './options.js';
import { styleFor, table } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';

interface HistoryCliOptions {
  limit: string;
  json?: boolean;
  backups?: string;
  inventory?: string[];
  quiet?: boolean;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('the commits of the backups repository that touched a device, newest first')
    .argument('<device>', 'the device (its folder in the backups repository)')
    .option('--limit <n>', 'at most this many commits', '20')
    .option('--json', 'print the commits as one JSON document')
    .addOption(
      inventoryOption(
        'an inventory file or folder, as every command takes (history itself reads only the backups repository; a bad inventory is refused); repeat for more',
      ),
    )
    .addOption(backupsOption())
    .addOption(quietOption("print only the commits: not the run's line about the device, not the count"))
    .addOption(noColorOption())
    .addHelpText(
      'after',
      `
Each commit: its short hash, date (UTC), which of the device's files it changed (running,
startup, last-good, state) and its subject; below, the run's line about the device
(\`core-1: changed, unsaved +2/-0\`) when there is one. Any hash works with
\`switchback diff DEVICE --against HASH\`.

Exit codes: 0 listed (also when nothing touched the device); 2 bad invocation.

Examples:
  switchback history core-1
  switchback history core-1 --limit 5
  switchback history core-1 --json | jq -r '.commits[0].commit'`,
    )
    .action(async (name: string, opts: HistoryCliOptions) => {
      process.exitCode = await historyCommand(name, opts);
    });
}

async function historyCommand(name: string, opts: HistoryCliOptions): Promise<number> {
  checkedName(name);
  const limit = wholeNumber(opts.limit, '--limit', 1, 1_000_000);
  // Taken as every command takes it, so one set of options serves them all. The history of a
  // switch no longer in the inventory is still worth reading: only a bad inventory is refused.
  if (opts.inventory) devicesFor([], { inventory: opts.inventory });
  const store = await openBackups(opts.backups);
  // One more than asked: to say that there are more.
  const found = await deviceHistory(store, name, limit + 1);
  const commits = found.slice(0, limit);
  const more = found.length > limit;
  if (opts.json) {
    const doc = { device: name, commits: commits.map((c) => ({ ...c, date: c.date.toISOString() })), more };
    printJson(doc);
  } else {
    process.stdout.write(renderHistory(name, commits, more, styleFor(process.stdout), opts.quiet));
  }
  return 0;
}

/**
 *   COMMIT   DATE (UTC)            FILES            SUBJECT
 *   3f9c2ab  2026-11-24 02:15 UTC  running,state    backup: 1 changed, 1 unsaved of 4
 *       core-1: changed, unsaved +2/-0
 */
export function renderHistory(name: string, commits: DeviceCommit[], more: boolean, st: Style, quiet = false): string {
  if (commits.length === 0) return `no commit in the backups repository touches ${name}/ (never backed up under this name?)\n`;
  const rows = commits.map((c) => [st.yellow(c.short), utcMinute(c.date), c.files.join(','), c.subject]);
  const lines = table(['COMMIT', 'DATE', 'FILES', 'SUBJECT'], rows).trimEnd().split('\n');
  const out = [lines[0] ?? ''];
  commits.forEach((c, i) => {
    out.push(lines[i + 1] ?? '');
    if (c.summary !== undefined && !quiet) out.push(st.dim(`    ${c.summary}`));
  });
  const tail = more
    ? `${commits.length} newest commits touching ${name}/; more with --limit`
    : `${commits.length} commit${commits.length === 1 ? '' : 's'} touching ${name}/`;
  return out.join('\n') + '\n' + (quiet ? '' : tail + '\n');
}
