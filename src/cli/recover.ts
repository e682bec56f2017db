// `switchback recover`: after a power event, every switch that came back wrong gets its
// last good configuration back — one sweep, one plan, one question, restores side by
// side, a summary with the time each took. Wiring and output; the work is jobs/recover.ts.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { checkSecrets } from '../inventory/secrets.js';
import { duration } from '../jobs/check-snmp.js';
import { runRecover } from '../jobs/recover.js';
import type { RecoverRun } from '../jobs/recover.js';
import { resultWords } from '../jobs/restore-record.js';
import { noSaveRefused } from '../jobs/restore.js';
import { configWords } from '../jobs/unsaved.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import { openStore, storeExists } from '../store/index.js';
import type { Lock } from '../store/index.js';
import { wholeNumber } from './args.js';
import { BACKUPS_ENV, backupsOption, DEFAULT_BACKUPS } from './backup.js';
import { askYesNo, requireAnswerable } from './confirm.js';
import { lockFor } from './lock.js';
import { committedAs, noPushOption, pushAfterRun, pushFailed, pushLine, pushOption, pushWanted, syncBeforeRun } from './push-run.js';
import type { RunSettingsOptions } from './run-settings.js';
import { noColorOption, optionShowingDefault, quietOption } from './options.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesAndSettingsFor, inventoryOption, shardOption, problemList } from './inventory.js';
import { ALERTS_HELP, execHookOption, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import { runSettingsFor } from './run-settings.js';
import type { InventoryOptions } from './inventory.js';
import { renderPlan, renderResult } from './restore-render.js';
import { recordedJson, recordedLines } from './restore.js';
import { styleFor, table, terminalProgress } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

interface RecoverCliOptions extends InventoryOptions, RunSettingsOptions {
  dryRun?: boolean;
  yes?: boolean;
  save: boolean;
  concurrency?: string;
  backups?: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

/** Restores at a time: each is an SSH session typing hundreds of lines. */
const RESTORE_CONCURRENCY = 10;
const SNMP_CONCURRENCY = 250;

export function registerRecover(program: Command): void {
  program
    .command('recover')
    .description('after a power event: find every switch that rebooted and lost configuration (or runs a factory default) and restore last good on all of them')
    .argument('[name...]', 'only these devices')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(shardOption())
    .option('--dry-run', 'sweep and show the plan for each switch; type nothing')
    .option('--yes', 'do not ask: for scripts (without it, a non-terminal stdin is refused)')
    .option('--no-save', 'do not save after a verified restore')
    .addOption(optionShowingDefault('--concurrency <n>', 'switches restored at a time', String(RESTORE_CONCURRENCY)))
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .addOption(pushOption())
    .addOption(noPushOption())
    .option('--json', 'print the run as one JSON document (plans and the question go to stderr)')
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addOption(quietOption('no progress line; the results and the summary'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
What happens:
  1. A live check of the selected switches: SNMP first (reboots, stack), SSH where needed.
  2. Chosen for restore: switches that rebooted and lack lines of last good, lost their
     unsaved lines, run a factory default, or whose last restore did not finish. A switch with only stack findings (a member
     missing, no standby) is reported, not pushed: its configuration is fine. So is a
     configuration someone shrank by hand without a reboot (use restore for that).
  3. One plan for all (lines to add and remove per switch), one question (--yes: none).
  4. Restores side by side (--concurrency), each verified and saved as restore does, then
     one commit: "recover: N switches restored, M verified".

Exit codes: 0 every switch that needed it is verified and saved, and nothing else needs
attention; 1 a restore failed or was not verified, a save failed, a switch could not be
checked, you answered no, or --push could not push; 2 bad invocation or inventory, nothing contacted; 3 done (or
--dry-run with a plan), and a restore is verified but not saved (--no-save), or there are
switches recover does not fix (stack, unsaved) — see the list.

Examples:
  switchback recover --dry-run                 # who came back wrong, and what would be typed
  switchback recover                           # the plan, "Restore 3 switches? [y/N]"
  switchback recover --group dc1 --yes --json
  switchback recover core-1 core-2 --yes`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (names: string[], opts: RecoverCliOptions) => {
      process.exitCode = await recoverCommand(names, opts);
    });
}

async function recoverCommand(names: string[], opts: RecoverCliOptions): Promise<number> {
  const concurrency = opts.concurrency === undefined ? RESTORE_CONCURRENCY : wholeNumber(opts.concurrency, '--concurrency', 1, 200);
  const { devices, settings } = devicesAndSettingsFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  requireAnswerable(opts);
  if (!opts.save && !opts.dryRun) {
    const refused = devices.flatMap((d) => {
      const p = platformByName(d.platform);
      return p?.persist.kind === 'commit' ? [`${d.name}: ${noSaveRefused(p)}`] : [];
    });
    if (refused.length > 0) throw new UserError(problemList('--no-save, refused before any switch was contacted', refused), EXIT.usage);
  }
  const secrets = checkSecrets(devices);
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (!(await storeExists(dir))) throw new UserError(`no backups repository at ${dir}: recover restores last good from it (give --backups DIR)`);
  const store = await openStore(dir);

  let lock: Lock | undefined;
  if (!opts.dryRun) lock = await lockFor(dir, 'switchback recover', 'nothing was typed');
  const push = pushWanted(opts, settings) && !opts.dryRun;
  try {
    const synced = await syncBeforeRun(store, push);
    if (synced) process.stderr.write(synced + '\n');
    const out = styleFor(process.stdout);
    const err = styleFor(process.stderr);
    const planStream = opts.json ? process.stderr : process.stdout;
    const planStyle = opts.json ? err : out;
    const progress = terminalProgress(err, !opts.json && !opts.quiet);
    if (err.tty && !opts.json && !opts.quiet) process.stderr.write(`sweeping ${devices.length} switch${devices.length === 1 ? '' : 'es'} …`);
    const run = await runRecover({
      ...transcriptOption(opts),
      devices,
      store,
      concurrency,
      snmpConcurrency: SNMP_CONCURRENCY,
      dryRun: opts.dryRun === true,
      save: opts.save,
      onSwept: () => progress.clear(),
      onRestored: (r, done, total) => progress.update({ device: r.device, status: r.status }, done, total),
      ...(opts.yes
        ? {}
        : {
            confirm: async (plans) => {
              for (const p of plans) if ('plan' in p && p.plan) planStream.write(renderPlan(p.device, p.target.label, p.plan, planStyle));
              const n = plans.filter((p) => p.status === 'planned').length;
              return askYesNo(`Restore last good on ${n} switch${n === 1 ? '' : 'es'}${opts.save ? ' and save' : ' (no save)'}?`);
            },
          }),
    });
    progress.clear();
    const pushed = await pushAfterRun(store, push);
    if (run.recorded) run.recorded.commit = committedAs(run.recorded.commit, pushed);
    const code = pushFailed(pushed) ? EXIT.failed : exitCodeOfRecover(run);
    const alerts = await sendAlerts(
      runSettings,
      { command: 'recover', run },
      { exitCode: code, devices, store, quiet: opts.quiet, json: opts.json, notes: pushed?.status === 'failed' ? [pushed.reason] : [] },
    );
    if (opts.json) {
      printJson({ ...recoverJson(run), ...(pushed ? { remote: pushed } : {}), exitCode: code, ...alerts });
      return code;
    }
    process.stdout.write(renderRecover(run, out, run.dryRun) + pushLine(pushed, out, opts.quiet));
    return code;
  } finally {
    await lock?.release();
  }
}

/** The run for tooling: the sweep as counts (check --json has the details), the restores whole. */
export function recoverJson(run: RecoverRun) {
  const { check, recorded, ...rest } = run;
  return { ...rest, swept: check.counts, recorded: recordedJson(recorded), exitCode: exitCodeOfRecover(run) };
}

export function exitCodeOfRecover(run: RecoverRun): number {
  if (run.declined || run.recorded?.commitError) return EXIT.failed;
  const bad = run.restores.some((r) => (run.dryRun ? r.status === 'failed' : r.status !== 'verified' || r.save.state === 'failed'));
  if (bad || run.notRestored.some((n) => n.why === 'unreachable' || n.why === 'no-target')) return EXIT.failed;
  if (run.dryRun && run.restores.length > 0) return EXIT.findings;
  // Verified but not saved (--no-save): a power loss undoes it, as restore counts it — a finding.
  if (run.restores.some((r) => r.status === 'verified' && r.save.state !== 'saved')) return EXIT.findings;
  return run.notRestored.length > 0 ? EXIT.findings : EXIT.ok;
}

/** The plans' lines are shown on a dry run (and before the question); after a restore, its result says what was typed. */
export function renderRecover(run: RecoverRun, s: Style, showPlans: boolean): string {
  const out: string[] = [];
  const swept = run.check.counts;
  out.push(
    `swept ${swept.total} switch${swept.total === 1 ? '' : 'es'} (${swept.overSnmp} over SNMP, ${swept.overSsh} over SSH): ${run.selected.length} to restore`,
  );
  if (showPlans) for (const r of run.restores) if ('plan' in r && r.plan) out.push(renderPlan(r.device, r.target.label, r.plan, s).trimEnd());
  if (run.declined) out.push('not restored (you answered no); nothing was typed');
  if (!run.dryRun && !run.declined && run.restores.length > 0) {
    for (const r of run.restores) {
      // The platform the sweep found (or the inventory named): its words for running and startup.
      const platform = platformByName(run.check.devices.find((d) => d.device === r.device)?.platform ?? '');
      const text = renderResult(r, s, configWords(platform)).trimEnd();
      if (text !== '') out.push(text);
    }
    out.push(
      '',
      table(
        ['switch', 'result', 'time'],
        run.restores.map((r) => [r.device, resultWords(r), `${(r.durationMs / 1000).toFixed(1)} s`]),
      ).trimEnd(),
    );
  }
  if (run.notRestored.length > 0) {
    out.push('', 'not restored:');
    const why = {
      'stack-only': 'stack findings only (configuration fine)',
      unreachable: 'could not be checked',
      'no-target': 'no target',
      'other-findings': 'findings recover does not fix',
    };
    for (const n of run.notRestored) {
      out.push(`  ${s.bold(n.device)}: ${why[n.why]}`);
      for (const d of n.detail.slice(0, 8)) out.push(`    ${d}`);
    }
  }
  const took = duration(Math.max(1, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)));
  out.push(`done in ${took}`);
  const recorded = recordedLines(run.recorded).trimEnd();
  if (recorded !== '') out.push(recorded);
  return out.join('\n') + '\n';
}
