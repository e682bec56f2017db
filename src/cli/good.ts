// `switchback good DEVICE [REV]`: move last good by hand. Wiring and output; the work
// is jobs/good.ts.

import type { Command } from 'commander';
import os from 'node:os';
import { resolve } from 'node:path';
import { GoodRefused, runGood, targetLabel } from '../jobs/good.js';
import type { GoodResult } from '../jobs/good.js';
import { openStore, storeExists } from '../store/index.js';
import { BACKUPS_ENV, backupsOption, DEFAULT_BACKUPS } from './backup.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesAndSettingsFor, inventoryOption } from './inventory.js';
import type { InventoryOptions } from './inventory.js';
import { lockFor } from './lock.js';
import { committedAs, noPushOption, pushAfterRun, pushFailed, pushLine, pushOption, pushWanted, syncBeforeRun } from './push-run.js';
import type { RunSettingsOptions } from './run-settings.js';
import { noColorOption, quietOption } from './options.js';
import { styleFor } from './style.js';
import { printJson } from './json-output.js';

// Not SWITCHBACK_USER: inventories use that for the SSH login, and a commit must name a person.
export const USER_ENV = 'SWITCHBACK_OPERATOR';

interface GoodCliOptions extends InventoryOptions, RunSettingsOptions {
  reason: string;
  force?: boolean;
  backups?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerGood(program: Command): void {
  program
    .command('good')
    .description("set a device's last good configuration by hand: to its current backup, or to its running configuration at any git revision")
    .argument('<device>', 'the device (its folder in the backups repository)')
    .argument('[rev]', 'a git revision of the backups repository (HEAD~1, a commit hash, a tag); default: the current backup')
    .requiredOption('--reason <text>', 'why: it goes into the commit message')
    .option('--force', 'accept a target that is incomplete (no end marker, or error text in it)')
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .addOption(pushOption())
    .addOption(noPushOption())
    .option('--json', 'print the result as one JSON document')
    .addOption(quietOption('print only the result line, not the commit'))
    .addOption(noColorOption())
    .addHelpText(
      'after',
      `
Last good (DEVICE/last-good.cfg) is what restore puts back by default. A backup advances it only
when the capture passes the health gate; when the gate holds it ("last good kept: …") and the
change was intended, or to go back to an older configuration, move it here. The commit reads
"good: DEVICE set to REV by USER: REASON"; USER is $${USER_ENV}, else your login name.
A later backup whose capture passes the gate moves last good on again, to what the switch runs then.

Exit codes: 0 done (or last good already was the target); 1 the repository is locked by a run,
git failed, or --push could not push (the commit stays in the repository); 2 bad invocation: a device not in the inventory, an unknown revision, an incomplete target without
--force; nothing was changed.

Examples:
  switchback good core-1 --reason "VLAN 300 removed on purpose (change 4711)"
  switchback good core-1 HEAD~1 --reason "yesterday's change was wrong"
  switchback good core-1 3f2a9c1 --reason "back to before the migration" --json
  git -C backups log --oneline -- core-1/    # find the revision to name`,
    )
    .action(async (device: string, rev: string | undefined, opts: GoodCliOptions) => {
      process.exitCode = await goodCommand(device, rev, opts);
    });
}

function currentUser(): string {
  const fromEnv = process.env[USER_ENV]?.trim();
  if (fromEnv) return fromEnv;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function goodCommand(device: string, rev: string | undefined, opts: GoodCliOptions): Promise<number> {
  // One line in the commit subject: newlines become spaces.
  const reason = opts.reason.replace(/\s+/g, ' ').trim();
  if (reason === '') throw new UserError('--reason needs words: say why last good moves', EXIT.usage);
  // A device the inventory does not name is a typo or a switch that is gone: say so, not "no backup".
  const { settings } = devicesAndSettingsFor([device], opts);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (!(await storeExists(dir))) throw new UserError(`no backups repository at ${dir} (run switchback backup first, or give --backups)`, EXIT.usage);

  const lock = await lockFor(dir, 'switchback good', 'last good was not changed');
  try {
    if (lock.note && !opts.json) process.stderr.write(lock.note + '\n');
    const store = await openStore(dir);
    const push = pushWanted(opts, settings);
    const synced = await syncBeforeRun(store, push);
    if (synced && !opts.json) process.stderr.write(synced + '\n');
    let result: GoodResult;
    try {
      result = await runGood({ store, device, ...(rev !== undefined ? { rev } : {}), reason, user: currentUser(), force: opts.force ?? false });
    } catch (err) {
      if (err instanceof GoodRefused) throw new UserError(err.message, EXIT.usage);
      throw err;
    }
    const pushed = await pushAfterRun(store, push);
    result.commit = committedAs(result.commit, pushed);
    const code = pushFailed(pushed) ? EXIT.failed : EXIT.ok;
    if (opts.json) printJson({ ...result, ...(pushed ? { remote: pushed } : {}), exitCode: code });
    else
      process.stdout.write(
        (opts.quiet ? renderGood(result).split('\n')[0] + '\n' : renderGood(result)) + pushLine(pushed, styleFor(process.stdout), opts.quiet),
      );
    return code;
  } finally {
    await lock.release();
  }
}

export function renderGood(r: GoodResult): string {
  const target = targetLabel(r.rev, r.revCommit);
  if (!r.changed) return `${r.device}: last good already is ${target}; nothing changed${r.commit ? `; committed ${r.commit.slice(0, 12)}` : ', no commit'}\n`;
  const against = r.seeded
    ? 'there was no last good before'
    : `${r.missing} line${r.missing === 1 ? '' : 's'} of the previous last good removed, ${r.added} added`;
  return (
    `${r.device}: last good set to ${target} (${against})${r.forced ? '; forced: the target is incomplete' : ''}\n` +
    (r.commit ? `committed ${r.commit.slice(0, 12)}: good: ${r.device} set to ${target} by ${r.user}: ${r.reason}\n` : '')
  );
}
