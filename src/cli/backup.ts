// `switchback backup`: the nightly job. Wiring, progress and the summary; the
// work is jobs/backup.ts.

import type { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { checkSecrets } from '../inventory/secrets.js';
import { countRun, lastGoodHeld, startupUnreadableNote } from '../jobs/backup-result.js';
import type { BackupRun, DeviceOutcome } from '../jobs/backup-result.js';
import { runBackup } from '../jobs/backup.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore } from '../store/index.js';
import { wholeNumber } from './args.js';
import { lockFor } from './lock.js';
import { committedAs, noPushOption, pushAfterRun, pushFailed, pushLine, pushOption, pushWanted, syncBeforeRun } from './push-run.js';
import type { RunSettingsOptions } from './run-settings.js';
import { metricsTarget, writeBackupMetrics } from './metrics-output.js';
import { metricsFileOption, runSettingsFor } from './run-settings.js';
import { commaList, noColorOption, optionShowingDefault, quietOption } from './options.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesAndSettingsFor, inventoryOption, shardOption, problemList } from './inventory.js';
import { ALERTS_HELP, execHookOption, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import type { InventoryOptions } from './inventory.js';
import { styleFor, table } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

export const BACKUPS_ENV = 'SWITCHBACK_BACKUPS';
export const DEFAULT_BACKUPS = 'backups';

/** `--backups DIR`, the same on every command. */
export function backupsOption(): Option {
  return optionShowingDefault('--backups <dir>', 'the backups repository', `$${BACKUPS_ENV}, else ${DEFAULT_BACKUPS}/`);
}

interface BackupCliOptions extends InventoryOptions, RunSettingsOptions {
  concurrency: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  backups?: string;
  acceptNewHostKey?: string[];
  metricsFile?: string;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('capture running and startup configs and stack state of every device and commit them (the nightly job)')
    .argument('[name...]', 'only these devices')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(shardOption())
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .option('--concurrency <n>', 'devices at a time', '20')
    .option(
      '--accept-new-host-key <names>',
      "accept these devices' changed SSH host keys (after you verified why they changed); comma-separated or repeated",
      commaList,
    )
    .addOption(pushOption())
    .addOption(noPushOption())
    .option('--json', 'print the run as one JSON document')
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addOption(metricsFileOption())
    .addOption(quietOption('print only problems and the one-line summary (for cron)'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
Results: new (first backup), changed, unchanged, failed (the previous backup is kept).
Unsaved: +added/-removed lines of the running configuration that the saved one lacks (lost at the
next reload; where a commit is the save, lines in the candidate not committed).
Stack: members Ready / members expected by the inventory.
Last good: last-good.cfg follows the running configuration only when the capture passes the health gate
(complete, not under half of last good, not a factory default, not a reboot into something
else); otherwise REASON says "last good kept: …" and \`switchback good\` moves it by hand.

Exit codes: 0 all backed up, nothing needs attention; 1 some devices failed, or --push could not
push (the commit stays in the repository for the next run); 2 bad invocation or
inventory, nothing contacted; 3 all backed up, with findings (unsaved changes, stack member missing,
last good kept, startup-unreadable: the switch would not show its saved configuration; startup.cfg
stays as it was).

Examples:
  switchback backup                                  # every device in devices/
  switchback backup core-1 core-2 --json
  switchback backup --group dc1 --concurrency 50
  switchback backup core-1 --accept-new-host-key core-1
  switchback backup --inventory devices/lab.yaml lab-sw-01 lab-sw-02
  switchback backup --shard 2/4 --push --quiet      # job 2 of 4 sharing a fleet, pushing to the remote
  switchback backup --quiet --webhook env:SWITCHBACK_WEBHOOK --webhook-format slack
  switchback backup --quiet --metrics-file /var/lib/node_exporter/textfile/switchback.prom
  15 2 * * *  cd /srv/switchback && npx switchback backup --quiet   # crontab: nightly at 02:15`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (names: string[], opts: BackupCliOptions) => {
      process.exitCode = await backupCommand(names, opts);
    });
}

/**
 * How far V8 lets the heap grow past what the last full collection kept, in percent. A run
 * allocates a few copies of every configuration it reads, each large one straight into the
 * old generation; by default V8 lets that garbage reach several times the live data before
 * collecting it (500 MB at 200 sessions for under 100 MB live). Half again bounds the peak
 * for about a tenth more CPU. Set for the backup process only: it is a long run of many
 * sessions, and nothing else shares its heap.
 */
const HEAP_GROWING_PERCENT = 50;

async function backupCommand(names: string[], opts: BackupCliOptions): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const concurrency = wholeNumber(opts.concurrency, '--concurrency', 1, 1000);
  const { devices, settings } = devicesAndSettingsFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  const secrets = checkSecrets(devices);
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
  const unknownAccept = (opts.acceptNewHostKey ?? []).filter((n) => !devices.some((d) => d.name === n));
  if (unknownAccept.length > 0) throw new UserError(`--accept-new-host-key names devices not in this run: ${unknownAccept.join(', ')}`, EXIT.usage);
  const metrics = metricsTarget(opts, settings, 'backup');

  const push = pushWanted(opts, settings);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  const lock = await lockFor(dir, 'switchback backup', 'this one did nothing');
  const out = styleFor(process.stdout);
  const err = styleFor(process.stderr);
  // Ctrl-C or a kill from cron: give the lock back so the next run need not take it over.
  const interrupted = (signal: NodeJS.Signals) => {
    void lock.release().finally(() => {
      process.stderr.write(`\nswitchback: ${signal}: stopped; the devices already written stay, nothing was committed\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (lock.note && !opts.json) process.stderr.write(lock.note + '\n');
    const store = await openStore(dir).catch((e: unknown) => {
      // A path that cannot be a repository is a bad invocation, said in one line.
      throw new UserError(`--backups ${dir}: ${(e as Error).message.split('\n')[0]}`, EXIT.usage);
    });
    const synced = await syncBeforeRun(store, push);
    const run = await runBackup({
      ...transcriptOption(opts),
      devices,
      store,
      concurrency,
      acceptNewHostKey: opts.acceptNewHostKey ?? [],
      onDevice: (o, done, total) => progress(o, done, total, opts, err),
    });
    if (lock.note) run.notes.push(lock.note);
    if (synced) run.notes.push(synced);
    const pushed = await pushAfterRun(store, push);
    run.commit = committedAs(run.commit, pushed);
    const code = pushFailed(pushed) ? EXIT.failed : exitCodeFor(run);
    if (err.tty && !opts.json && !opts.quiet) process.stderr.write('\r\x1b[K');
    const alerts = await sendAlerts(
      runSettings,
      { command: 'backup', run },
      { exitCode: code, devices, store, quiet: opts.quiet, json: opts.json, notes: pushed?.status === 'failed' ? [pushed.reason] : [] },
    );
    if (opts.json) printJson({ ...run, counts: countRun(run.devices), ...(pushed ? { remote: pushed } : {}), exitCode: code, ...alerts });
    else process.stdout.write(renderBackup(run, opts.quiet ?? false, out) + pushLine(pushed, out, opts.quiet));
    await writeBackupMetrics(metrics, run, code, store);
    return code;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await lock.release();
  }
}

export function exitCodeFor(run: BackupRun): number {
  const c = countRun(run.devices);
  if (c.failed > 0 || run.commitError) return EXIT.failed;
  if (c.unsaved > 0 || c.stackProblems > 0 || c.lastGoodHeld > 0 || c.startupUnreadable > 0) return EXIT.findings;
  return EXIT.ok;
}

/** On a terminal one line that updates; otherwise a plain line per device as it finishes (not with --quiet). */
function progress(o: DeviceOutcome, done: number, total: number, opts: BackupCliOptions, st: Style): void {
  if (opts.json || opts.quiet) return;
  if (st.tty) process.stderr.write(`\r\x1b[K[${done}/${total}] ${o.device} ${o.status}`);
  else process.stderr.write(`[${done}/${total}] ${o.device} ${o.status}\n`);
}

/** Worth a line even in --quiet: anything a person should read tomorrow morning. */
function noteworthy(d: DeviceOutcome): boolean {
  if (d.status === 'failed') return true;
  return (
    d.unsaved !== null ||
    d.noStartup ||
    d.startupUnreadable !== undefined ||
    (d.stack?.missing.length ?? 0) > 0 ||
    d.pinnedHostKey !== undefined ||
    d.replacedHostKey !== undefined ||
    d.rebooted !== undefined ||
    lastGoodHeld(d) !== undefined ||
    (d.via?.includes('SSH failed') ?? false)
  );
}

export function renderBackup(run: BackupRun, quiet: boolean, st: Style): string {
  const c = countRun(run.devices);
  const shown = quiet ? run.devices.filter(noteworthy) : run.devices;
  const rows = shown.map((d) => {
    const keyNotes = [
      d.pinnedHostKey && `first contact: host key pinned ${d.pinnedHostKey}`,
      d.replacedHostKey && `host key replaced as asked: ${d.replacedHostKey.from} -> ${d.replacedHostKey.to}`,
    ];
    if (d.status === 'failed')
      return [
        d.device,
        st.red('failed'),
        '',
        '',
        [`${d.stage}: ${d.reason}${d.noBackupYet ? ' (no backup yet)' : ''}`, ...keyNotes].filter(Boolean).join('; '),
      ];
    const unsaved = d.startupUnreadable
      ? st.yellow('unknown')
      : d.noStartup
        ? st.yellow('no startup')
        : d.unsaved
          ? // Nothing pending, only a commit that did not reach every routing engine: say that, not +0/-0.
            st.yellow(
              d.unsaved.counts.added + d.unsaved.counts.removed === 0 && d.notSynced ? 'not synced' : `+${d.unsaved.counts.added}/-${d.unsaved.counts.removed}`,
            )
          : 'no';
    const stack = d.stack ? `${d.stack.ready}/${d.stack.expected}` + (d.stack.missing.length ? st.yellow(` missing ${d.stack.missing.join(',')}`) : '') : '-';
    const held = lastGoodHeld(d);
    const note = [
      d.factsChanged?.join(', '),
      held && st.yellow(held),
      d.startupUnreadable && st.yellow(startupUnreadableNote(d.startupUnreadable)),
      d.notSynced && st.yellow(d.notSynced),
      ...keyNotes,
      d.rebooted && `rebooted ${d.rebooted.at}`,
      d.via && `via ${d.via}`,
      d.snmpError && `SNMP: ${d.snmpError}`,
    ]
      .filter((x): x is string => typeof x === 'string' && x !== '')
      .join('; ');
    return [d.device, d.status === 'unchanged' ? d.status : st.bold(d.status), unsaved, stack, note];
  });
  const summary =
    `${c.total} device${c.total === 1 ? '' : 's'}: ${c.added} new, ${c.changed} changed, ${c.unchanged} unchanged, ` +
    `${c.failed > 0 ? st.red(`${c.failed} failed`) : '0 failed'}; ${c.unsaved > 0 ? st.yellow(`${c.unsaved} unsaved`) : '0 unsaved'}` +
    `${c.stackProblems > 0 ? `; ${st.yellow(`${c.stackProblems} stack problem${c.stackProblems === 1 ? '' : 's'}`)}` : ''}` +
    `${c.lastGoodHeld > 0 ? `; ${st.yellow(`${c.lastGoodHeld} last good held`)}` : ''}` +
    `${c.startupUnreadable > 0 ? `; ${st.yellow(`${c.startupUnreadable} startup unreadable`)}` : ''}; ` +
    (run.commit ? `committed ${run.commit.slice(0, 12)}` : run.commitError ? st.red('NOT COMMITTED') : 'nothing changed, no commit');
  const notes = run.notes.map((n) => `note: ${n}\n`).join('');
  const body = rows.length > 0 ? table(['DEVICE', 'RESULT', 'UNSAVED', 'STACK', 'REASON'], rows) : '';
  return body + notes + summary + '\n';
}
