// `switchback restore DEVICE`: put last good (or a revision, or a file) back on one switch —
// the plan, one question, the push, a verified and saved result, a commit. Wiring and
// output; the work is jobs/restore*.ts.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Device } from '../inventory/device.js';
import { checkSecrets } from '../inventory/secrets.js';
import { chooseStrategy, MODE_NAMES, modeName, noSaveRefused, restoreDevice } from '../jobs/restore.js';
import type { DeviceRestore, RestoreMode } from '../jobs/restore.js';
import { recordRestores } from '../jobs/restore-record.js';
import type { Recorded } from '../jobs/restore-record.js';
import { resolveTarget, TargetRefused } from '../jobs/restore-target.js';
import type { RestoreSource } from '../jobs/restore-target.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';
import { openStore, readDevice, storeExists } from '../store/index.js';
import type { Lock, Store } from '../store/index.js';
import { BACKUPS_ENV, backupsOption, DEFAULT_BACKUPS } from './backup.js';
import { askYesNo, requireAnswerable } from './confirm.js';
import { EXIT, UserError } from './exit-codes.js';
import { lockFor } from './lock.js';
import { committedAs, noPushOption, pushAfterRun, pushFailed, pushLine, pushOption, pushWanted, syncBeforeRun } from './push-run.js';
import type { RunSettingsOptions } from './run-settings.js';
import { noColorOption, quietOption } from './options.js';
import { devicesAndSettingsFor, inventoryOption, problemList } from './inventory.js';
import { ALERTS_HELP, execHookOption, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import { runSettingsFor } from './run-settings.js';
import type { InventoryOptions } from './inventory.js';
import { renderPlan, renderResult } from './restore-render.js';
import { styleFor } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

interface RestoreCliOptions extends InventoryOptions, RunSettingsOptions {
  from: string;
  dryRun?: boolean;
  yes?: boolean;
  save: boolean;
  mode?: string;
  backups?: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('put the last good configuration (or a revision, or a file) back on one switch: plan, one confirmation, push, verify, save, commit')
    .argument('<device>', 'the device, by its inventory name')
    .option('--from <source>', 'good (last-good.cfg), a git revision of the backups repository (its running.cfg then), or a file', 'good')
    .option('--dry-run', 'show the plan (lines to add and remove) and stop: nothing is typed')
    .option('--yes', 'do not ask: for scripts (without it, a non-terminal stdin is refused)')
    .option(
      '--no-save',
      "do not save (the platform's save) after a verified restore; a commit with an automatic rollback is still confirmed. Refused where the commit is the save",
    )
    .option(
      '--mode <mode>',
      "the platform's restore strategy (default: its first, most native one): merge types the missing lines and removes the extra ones; " +
        'replace has the switch fetch the whole target from switchback over TFTP; commit-confirmed loads the target, commits with an automatic rollback and confirms once verified',
    )
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .addOption(pushOption())
    .addOption(noPushOption())
    .option('--json', 'print the result as one JSON document (the plan and the question go to stderr)')
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addOption(quietOption('no progress line, and with --yes the result without the plan'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
What happens (read, plan, confirm, apply, verify, persist; docs/PLATFORMS.md has each
platform's commands):
  1. Logs in (the SSH host key must be the pinned one: restore never types into a switch it
     cannot identify), reads the running configuration and shows the plan: each line to add (+)
     and to remove (-) under its parent lines, secrets masked.
  2. Asks once (on a terminal; --yes for scripts; --dry-run stops here).
  3. Applies it with the platform's strategy.
     merge: configuration mode, each change in its place. A line the switch rejects is
     reported with the switch's words; the lines under it are skipped; the rest is still typed.
     replace: the switch fetches the target from switchback's own TFTP server (needs
     tftp: { address, port } in the inventory) and replaces its configuration with it.
     commit-confirmed: the target is loaded into a candidate (the plan is the switch's own
     comparison) and committed with an automatic rollback.
  4. Reads the running configuration back and compares it with the target: VERIFIED, or every line
     that did not take (a commit-confirmed that does not verify is left to roll back).
  5. Keeps only a verified result: commit-confirmed confirms it (always), then, unless
     --no-save, the platform's save, and what the switch boots with read back and compared.
     Where the commit is the save, confirming is the save and --no-save is refused (exit 2).
     Anything failing after a commit with an automatic rollback says it rolls back by itself.
  6. Takes a backup of the switch and commits it: "restore DEVICE from SOURCE: RESULT".

Refused before any switch is touched (exit 2): a target with masked secrets (a repository
written with --mask-secrets), with commands that act instead of configure (the platform's
list: reload, erase, delete, format …), or that is not a whole configuration.

A dropped connection mid-push is reported; nothing is saved, and running restore again
types only what is still missing.

Exit codes: 0 verified and saved, or --dry-run with nothing to change; 1 not verified, a
line rejected, the save failed, the switch unreachable or its host key changed, or you
answered no, or --push could not push; 2 bad invocation, unknown device, no last good, a refused target — nothing
was typed; 3 verified but not saved (--no-save), or --dry-run and the switch differs.

Examples:
  switchback restore core-1 --dry-run                 # what would be typed
  switchback restore core-1                           # plan, "Restore core-1? [y/N]", push
  switchback restore core-1 --yes --json              # from a script
  switchback restore core-1 --from HEAD~3             # what it ran three commits ago
  switchback restore core-1 --from ./core-1-fixed.cfg --no-save
  switchback restore core-1 --mode replace --yes      # the switch fetches the target over TFTP`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (name: string, opts: RestoreCliOptions) => {
      process.exitCode = await restoreCommand(name, opts);
    });
}

async function restoreCommand(name: string, opts: RestoreCliOptions): Promise<number> {
  const requested = parseMode(opts.mode);
  const {
    devices: [device],
    settings,
  } = devicesAndSettingsFor([name], opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  if (!device) throw new UserError(`no device ${name} in the inventory`, EXIT.usage);
  requireAnswerable(opts);
  const secrets = checkSecrets([device]);
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (!(await storeExists(dir)))
    throw new UserError(
      `no backups repository at ${dir}: restore needs the pinned host key and a target from it (run switchback backup first, or give --backups DIR)`,
    );
  const store = await openStore(dir);
  const platform = await platformOf(device, store);
  const strategy = chooseStrategy(platform, requested);
  if (typeof strategy === 'string') throw new UserError(`${device.name}: ${strategy}`, EXIT.usage);
  const mode = requested ?? modeName(strategy.kind);
  if (!opts.save && !opts.dryRun && platform.persist.kind === 'commit') throw new UserError(`${device.name}: ${noSaveRefused(platform)}`, EXIT.usage);
  const source = sourceOf(opts.from);

  let lock: Lock | undefined;
  if (!opts.dryRun) lock = await lockFor(dir, 'switchback restore', 'nothing was typed');
  const push = pushWanted(opts, settings) && !opts.dryRun;
  try {
    const synced = await syncBeforeRun(store, push);
    if (synced) process.stderr.write(synced + '\n');
    let target;
    try {
      target = await resolveTarget(store, device.name, platform, source);
    } catch (err) {
      if (err instanceof TargetRefused) throw new UserError([`${device.name}: ${err.message}`, ...err.lines.map((l) => `  ${l}`)].join('\n'), EXIT.usage);
      throw err;
    }
    const out = styleFor(process.stdout);
    const err = styleFor(process.stderr);
    // The plan and the question go where a person reads them; with --json stdout is for tooling.
    const planStream = opts.json ? process.stderr : process.stdout;
    const planStyle = opts.json ? err : out;
    const progress = err.tty && !opts.json && !opts.quiet;
    const result = await restoreDevice({ ...device, platform: platform.name }, target, {
      ...transcriptOption(opts),
      store,
      mode,
      save: opts.save,
      dryRun: opts.dryRun === true,
      ...(opts.yes
        ? {}
        : {
            confirm: async (plan) => {
              planStream.write(renderPlan(device.name, target.label, plan, planStyle));
              return askYesNo(`Restore ${device.name} (${mode}${persistWords(platform, strategy.kind, opts.save)})?`);
            },
          }),
      ...(progress ? { onProgress: (typed: number, of: number) => process.stderr.write(`\r\x1b[K[${typed}/${of}] ${device.name} typing`) } : {}),
    });
    if (progress) process.stderr.write('\r\x1b[K');
    const recorded = opts.dryRun ? null : await recordRestores(store, [device], [result], 'restore', 1, transcriptOption(opts).transcript);
    const pushed = await pushAfterRun(store, push);
    if (recorded) recorded.commit = committedAs(recorded.commit, pushed);
    const code = pushFailed(pushed) ? EXIT.failed : exitCodeOf(result, recorded);
    const alerts = await sendAlerts(
      runSettings,
      { command: 'restore', result, recorded },
      { exitCode: code, devices: [device], store, quiet: opts.quiet, json: opts.json, notes: pushed?.status === 'failed' ? [pushed.reason] : [] },
    );
    if (opts.json) {
      printJson({ ...result, recorded: recordedJson(recorded), ...(pushed ? { remote: pushed } : {}), exitCode: code, ...alerts });
      return code;
    }
    // The plan was shown before the question; with --yes or --dry-run it is shown here.
    if (((opts.yes && !opts.quiet) || opts.dryRun) && 'plan' in result && result.plan)
      process.stdout.write(renderPlan(device.name, target.label, result.plan, out));
    if (result.status === 'declined') process.stdout.write(`${device.name}: not restored (you answered no); nothing was typed\n`);
    process.stdout.write(renderResult(result, out, platform.words));
    process.stdout.write(recordedLines(recorded) + pushLine(pushed, out, opts.quiet));
    return code;
  } finally {
    await lock?.release();
  }
}

function parseMode(mode: string | undefined): RestoreMode | undefined {
  if (mode === undefined || MODE_NAMES.includes(mode) || ['line-merge', 'file-replace'].includes(mode)) return mode;
  throw new UserError(`--mode is one of ${MODE_NAMES.join(', ')}, got ${JSON.stringify(mode)}`, EXIT.usage);
}

/** `good`, an existing file, or else a revision of the backups repository. */
export function sourceOf(from: string): RestoreSource {
  if (from === 'good') return { kind: 'good' };
  if (existsSync(from)) return { kind: 'file', path: resolve(from) };
  return { kind: 'rev', rev: from };
}

/** The inventory's platform, or for `auto` the one the last backup found. */
export async function platformOf(device: Device, store: Store): Promise<Platform> {
  let name = device.platform;
  if (name === 'auto') {
    const state = (await readDevice(store, device.name).catch(() => ({ state: undefined }))).state as { platform?: unknown } | undefined;
    if (typeof state?.platform !== 'string')
      throw new UserError(`${device.name}: platform auto, and no backup says which platform it is: name the platform in the inventory or run a backup first`);
    name = state.platform;
  }
  const platform = platformByName(name);
  if (!platform || typeof chooseStrategy(platform, undefined) === 'string')
    throw new UserError(`${device.name}: platform ${name}: switchback cannot restore it`);
  return platform;
}

/** What happens once verified, for the question: the confirmation, the save, or what --no-save leaves. */
export function persistWords(platform: Platform, kind: string, save: boolean): string {
  const confirms = kind === 'commit-confirmed';
  if (platform.persist.kind === 'commit')
    return confirms ? `, confirmed once verified: that ${platform.persist.words} is the save` : `, then ${platform.persist.words}`;
  const first = confirms ? ', confirmed once verified' : '';
  return save
    ? `${first}, then ${platform.persist.words}`
    : `${first}, no ${platform.persist.words}: it runs until the switch reloads, then what it boots with comes back`;
}

export function exitCodeOf(r: DeviceRestore, recorded: Recorded | null): number {
  if (recorded?.commitError) return EXIT.failed;
  switch (r.status) {
    case 'planned':
      return r.plan.add + r.plan.remove === 0 ? EXIT.ok : EXIT.findings;
    case 'verified':
      // Verified but not saved (--no-save): done, and a power loss would undo it — a finding.
      return r.save.state === 'failed' ? EXIT.failed : r.save.state === 'saved' ? EXIT.ok : EXIT.findings;
    case 'declined':
    case 'not-verified':
    case 'failed':
      return EXIT.failed;
  }
}

export function recordedJson(recorded: Recorded | null) {
  if (!recorded) return null;
  return {
    commit: recorded.commit,
    ...(recorded.commitError ? { commitError: recorded.commitError } : {}),
    backups: [...recorded.backups.values()],
  };
}

/** What was committed, and a backup that could not be taken after the restore. */
export function recordedLines(recorded: Recorded | null): string {
  if (!recorded) return '';
  const out: string[] = [];
  for (const b of recorded.backups.values()) {
    if (b.status === 'failed') out.push(`${b.device}: the backup after the restore failed (${b.stage}: ${b.reason}); the next backup records it`);
    else if (b.lastGood !== 'same' && b.lastGood !== 'advanced') out.push(`${b.device}: ${b.lastGood.held}`); // the gate's reason says `last good kept: …` itself
  }
  if (recorded.commit) out.push(`committed ${recorded.commit.slice(0, 7)} to the backups repository`);
  if (recorded.commitError) out.push(recorded.commitError);
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
