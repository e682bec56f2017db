// `switchback check`: what needs a person, switch by switch. Live (SNMP sweep, then SSH where
// needed), --offline (the backups alone) or --snmp (SNMP alone). Wiring and rendering; the
// work is jobs/check.ts and jobs/check-snmp.ts.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Device } from '../inventory/device.js';
import { checkSecrets } from '../inventory/secrets.js';
import { FINDING_KINDS, runCheck } from '../jobs/check.js';
import type { CheckedDevice, CheckRun } from '../jobs/check.js';
import { duration, runSnmpCheck } from '../jobs/check-snmp.js';
import type { SnmpCheckDevice, SnmpCheckRun } from '../jobs/check-snmp.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore } from '../store/index.js';
import { durationFlag, wholeNumber } from './args.js';
import { BACKUPS_ENV, backupsOption } from './backup.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesAndSettingsFor, inventoryOption, shardOption, problemList } from './inventory.js';
import { ALERTS_HELP, execHookOption, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import { metricsTarget, writeCheckMetrics, writeSnmpCheckMetrics } from './metrics-output.js';
import { metricsFileOption, runSettingsFor } from './run-settings.js';
import type { RunSettingsOptions } from './run-settings.js';
import { noColorOption, optionShowingDefault, quietOption } from './options.js';
import type { InventoryOptions } from './inventory.js';
import { styleFor, table, terminalProgress } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

const DEFAULT_BACKUPS = 'backups';
const NO_RECORD = /^no boot record from a backup yet/;
/** Configuration lines printed under one finding; --json has them all. */
const MAX_DETAIL_LINES = 40;

interface CheckCliOptions extends InventoryOptions, RunSettingsOptions {
  snmp?: boolean;
  live?: boolean;
  offline?: boolean;
  maxAge: string;
  concurrency?: string;
  backups?: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  metricsFile?: string;
}

/** SSH sessions are heavy on both ends; SNMP requests are small UDP packets (1,000 switches: about 4 s at 250). */
const SSH_CONCURRENCY = 20;
const SNMP_CONCURRENCY = 250;

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'what needs a person: unsaved, rebooted, lost, lost-unsaved, stack, stale, unreachable — live (SNMP, then SSH where needed), --offline or --snmp',
    )
    .argument('[name...]', 'only these devices')
    .option('--live', 'the default: an SNMP sweep, then SSH for the switches that rebooted, are unsaved, or have no (answering) SNMP')
    .option('--offline', 'from the backups repository only (state.json, the configs, the run status): no network')
    .option('--snmp', 'over SNMP only: seconds for a whole fleet, no SSH login (reboots, unsaved, stack members)')
    .option('--max-age <age>', 'stale when the last successful backup is older than this (s, m, h, d)', '26h')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(shardOption())
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .addOption(
      optionShowingDefault(
        '--concurrency <n>',
        'SSH logins at a time; with --snmp, devices asked at a time',
        `${SSH_CONCURRENCY}; with --snmp ${SNMP_CONCURRENCY}`,
      ),
    )
    .option('--json', 'print the check as one JSON document')
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addOption(metricsFileOption())
    .addOption(quietOption('print only the switches that need attention, their findings and the summary line'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
One line per switch, then each finding with its details (configuration lines indented,
secrets masked). The findings, and what to do:
  unreachable   no answer, login refused, or a changed SSH host key; with the reason.
                Fix access, then check again. A changed host key is never accepted by check:
                verify it, then switchback backup NAME --accept-new-host-key NAME.
  rebooted      the switch booted since the last backup (SNMP snmpEngineBoots / sysUpTime, or
                the uptime the switch reports); says when. Look at its other findings; the next backup
                records the new boot.
  lost          the running configuration lacks lines of last good (last-good.cfg; without one,
                the last backup) after a reboot, or shrank below half of it, or is a factory default.
                Lists the missing lines. Do not save: put last good back with switchback restore NAME
                (one switch), or switchback recover (every switch that came back wrong).
  lost-unsaved  lines that were unsaved at the last backup before the reboot are gone: the
                reboot lost them. Lists them; re-apply them by hand if they are still wanted.
  unsaved       the running configuration differs from the saved one (or, where a commit is the
                save, a candidate holds uncommitted lines): lines (+) a power loss would lose,
                (-) lines it would bring back. Save them (the platform's save or commit) or revert them.
                Each message names the configurations as the platform does.
  startup-unreadable  the switch refused to show its saved configuration (an error for a user
                without the privilege, an old train) or printed nothing, so unsaved cannot be
                judged. Give the user the privilege to read it.
  stack         a member missing, not ready, renumbered, provisioned only, on another software
                version, or no standby; against the inventory's stack.members and the last
                backup. Power, cabling, or the member's software.
  stale         no successful backup within --max-age (default 26h), or never. Run or fix
                switchback backup for it.

Live (the default) reads SNMP first and logs in over SSH only where SNMP cannot say what is
wrong: a reboot, an unsaved change, no SNMP settings, or SNMP not answering. The SSH host key
must match the pinned one (check never pins or changes keys). --offline judges the backups
alone (lost-unsaved needs live). --snmp is the SNMP sweep alone (rebooted, unsaved, stack,
unreachable), judged against the boot the last backup recorded.

Exit codes: 0 nothing needs attention; 1 some devices could not be checked (wins over 3); 2
bad invocation or inventory, nothing contacted; 3 findings.

Examples:
  switchback check                                   # every device in devices/, live
  switchback check core-1 core-2 --json
  switchback check --offline --max-age 3d            # no network: what the backups say
  switchback check --snmp --group dc1                # seconds for the whole group
  */5 * * * *  cd /srv/switchback && npx switchback check --snmp || notify-oncall   # crontab`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (names: string[], opts: CheckCliOptions) => {
      process.exitCode = await checkCommand(names, opts);
    });
}

async function checkCommand(names: string[], opts: CheckCliOptions): Promise<number> {
  const modes = [opts.live && '--live', opts.offline && '--offline', opts.snmp && '--snmp'].filter((m): m is string => typeof m === 'string');
  if (modes.length > 1) throw new UserError(`${modes.join(' and ')} cannot be combined: choose one way to check`, EXIT.usage);
  if (opts.snmp) return snmpCommand(names, opts);
  const maxAgeSeconds = durationFlag(opts.maxAge, '--max-age');
  const concurrency = opts.concurrency === undefined ? SSH_CONCURRENCY : wholeNumber(opts.concurrency, '--concurrency', 1, 1000);
  const mode = opts.offline ? 'offline' : 'live';
  const { devices, settings } = devicesAndSettingsFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  const metrics = metricsTarget(opts, settings, 'check');
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (mode === 'offline' && !existsSync(dir))
    throw new UserError(`no backups repository at ${dir}: --offline judges the backups alone (give --backups DIR, or check live)`, EXIT.usage);
  if (mode === 'live') {
    // Any device may need SSH (a reboot, no SNMP answer): every secret it could use must resolve.
    const secrets = checkSecrets(devices);
    if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
  }
  // Without a backups repository (live) nothing is created: every device is then stale.
  const store = existsSync(dir) ? await openStore(dir) : null;
  const out = styleFor(process.stdout);
  const progress = terminalProgress(styleFor(process.stderr), !opts.json && !opts.quiet);
  const run = await runCheck({
    ...transcriptOption(opts),
    devices,
    store,
    mode,
    maxAgeSeconds,
    concurrency,
    snmpConcurrency: SNMP_CONCURRENCY,
    onDevice: progress.update,
  });
  progress.clear();
  const code = exitCodeForRun(run);
  const alerts = await sendAlerts(runSettings, { command: 'check', run }, { exitCode: code, devices, store, quiet: opts.quiet, json: opts.json });
  if (opts.json) printJson({ ...run, backups: store ? store.dir : null, exitCode: code, ...alerts });
  else process.stdout.write(renderRun(run, out, opts.maxAge, opts.quiet));
  await writeCheckMetrics(metrics, run, code);
  return code;
}

export function exitCodeForRun(run: CheckRun): number {
  if (run.counts.unreachable > 0) return EXIT.failed;
  if (run.counts.withFindings > 0) return EXIT.findings;
  return EXIT.ok;
}

/** The table, each finding with its lines indented, the notes, and a summary line. */
export function renderRun(run: CheckRun, st: Style, maxAge: string, quiet = false): string {
  const colour = (d: CheckedDevice, s: string) => (d.status === 'unreachable' ? st.red(s) : d.status === 'findings' ? st.yellow(s) : s);
  const shown = quiet ? run.devices.filter((d) => d.status !== 'ok') : run.devices;
  const rows = shown.map((d) => [
    d.device,
    d.status === 'ok' ? st.green('ok') : colour(d, d.status),
    d.checkedVia.join('+') || '-',
    d.findings.length === 0 ? '-' : [...new Set(d.findings.map((f) => f.kind))].join(', '),
  ]);
  const details = run.devices.flatMap((d) =>
    d.findings.flatMap((f) => {
      const lines = f.lines ?? [];
      const shown = lines.length > MAX_DETAIL_LINES ? lines.slice(0, MAX_DETAIL_LINES - 1) : lines;
      const more = lines.length - shown.length;
      return [
        `${d.device}: ${colour(d, f.message)}`,
        ...shown.map((l) => `    ${l}`),
        ...(more > 0 ? [st.dim(`    … and ${more} more lines (all of them: switchback check ${d.device} --json)`)] : []),
      ];
    }),
  );
  const notes = quiet ? [] : run.devices.flatMap((d) => d.notes.map((n) => st.dim(`${d.device}: note: ${n}`)));
  const c = run.counts;
  const kinds = FINDING_KINDS.filter((k) => k !== 'unreachable' && c.byKind[k] > 0).map((k) => `${c.byKind[k]} ${k}`);
  const how = run.mode === 'live' ? `live (${c.overSnmp} over SNMP, ${c.overSsh} over SSH)` : 'offline, from the backups';
  const summary =
    `${c.total} device${c.total === 1 ? '' : 's'} checked ${how}: ${c.ok} ok, ` +
    (c.withFindings + c.unreachable > 0 && kinds.length > 0
      ? st.yellow(`${c.withFindings} with findings (${kinds.join(', ')})`)
      : `${c.withFindings} with findings`) +
    ', ' +
    (c.unreachable > 0 ? st.red(`${c.unreachable} unreachable`) : '0 unreachable') +
    (c.byKind.stale > 0 ? st.dim(`; stale means no successful backup within ${maxAge}`) : '');
  const sections = rows.length > 0 ? [table(['DEVICE', 'RESULT', 'CHECKED', 'FINDINGS'], rows)] : [];
  if (details.length > 0) sections.push(details.join('\n') + '\n');
  if (notes.length > 0) sections.push(notes.join('\n') + '\n');
  sections.push(summary + '\n');
  return sections.join('\n');
}

async function snmpCommand(names: string[], opts: CheckCliOptions): Promise<number> {
  const concurrency = opts.concurrency === undefined ? SNMP_CONCURRENCY : wholeNumber(opts.concurrency, '--concurrency', 1, 1000);
  const { devices: selected, settings } = devicesAndSettingsFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  const metrics = metricsTarget(opts, settings, 'check');
  const devices = selected.filter((d) => d.snmp !== undefined);
  const skipped = selected.filter((d) => d.snmp === undefined).map((d) => d.name);
  if (devices.length === 0)
    throw new UserError(`no selected device has snmp settings in the inventory (${skipped.length} without): nothing to check over SNMP`, EXIT.usage);
  // Only the SNMP secrets matter here: an SSH password that is not set does not stop a check.
  const secrets = checkSecrets(devices.map(snmpOnly));
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);

  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  // Without a backups repository there is no boot record to compare with; nothing is created.
  const store = existsSync(dir) ? await openStore(dir) : null;
  const out = styleFor(process.stdout);
  const progress = terminalProgress(styleFor(process.stderr), !opts.json && !opts.quiet);
  if (skipped.length > 0 && !opts.json && !opts.quiet) process.stderr.write(`skipped (no snmp settings): ${skipped.join(', ')}\n`);
  const run = await runSnmpCheck({
    devices,
    store,
    concurrency,
    onDevice: progress.update,
  });
  progress.clear();
  const code = exitCodeFor(run);
  const alerts = await sendAlerts(runSettings, { command: 'check', run }, { exitCode: code, devices, store, quiet: opts.quiet, json: opts.json });
  if (opts.json) printJson({ ...run, skipped, backups: store ? store.dir : null, exitCode: code, ...alerts });
  else process.stdout.write(renderCheck(run, out, opts.quiet));
  await writeSnmpCheckMetrics(metrics, run, code, store);
  return code;
}

/** The device as far as SNMP goes: SSH credentials left out of the secret check. */
function snmpOnly(d: Device): Device {
  return { ...d, credentials: { username: typeof d.credentials.username === 'string' ? d.credentials.username : 'snmp-only' } };
}

export function exitCodeFor(run: SnmpCheckRun): number {
  if (run.counts.unreachable > 0) return EXIT.failed;
  if (run.counts.withFindings > 0) return EXIT.findings;
  return EXIT.ok;
}

export function renderCheck(run: SnmpCheckRun, st: Style, quiet = false): string {
  const rows = run.devices
    .filter((d) => !quiet || d.status !== 'ok')
    .map((d) => [
      d.device,
      d.status === 'ok' ? st.green('ok') : d.status === 'unreachable' ? st.red('unreachable') : st.yellow('findings'),
      d.uptimeSeconds === null ? '-' : duration(d.uptimeSeconds),
      d.findings.length === 0 ? '-' : [...new Set(d.findings.map((f) => f.kind))].join(', '),
    ]);
  const details = run.devices.flatMap((d) => d.findings.map((f) => `${d.device}: ${colourFinding(f.message, d, st)}`));
  const notes = run.devices.flatMap((d) => d.notes.filter((n) => !NO_RECORD.test(n)).map((n) => st.dim(`${d.device}: note: ${n}`)));
  const noRecord = run.devices.filter((d) => d.notes.some((n) => NO_RECORD.test(n))).map((d) => d.device);
  if (noRecord.length > 0)
    notes.push(st.dim(`note: no boot record yet for ${someNames(noRecord)}: reboots are reported once switchback backup has recorded one`));

  const c = run.counts;
  const kinds = [c.rebooted > 0 && `${c.rebooted} rebooted`, c.unsaved > 0 && `${c.unsaved} unsaved`, c.stack > 0 && `${c.stack} stack`].filter(
    (x): x is string => typeof x === 'string',
  );
  const summary =
    `${c.total} device${c.total === 1 ? '' : 's'} checked over SNMP: ${c.ok} ok, ` +
    (c.withFindings > 0 ? st.yellow(`${c.withFindings} with findings (${kinds.join(', ')})`) : '0 with findings') +
    ', ' +
    (c.unreachable > 0 ? st.red(`${c.unreachable} unreachable`) : '0 unreachable');
  const sections = rows.length > 0 ? [table(['DEVICE', 'RESULT', 'UPTIME', 'FINDINGS'], rows)] : [];
  if (details.length > 0) sections.push(details.join('\n') + '\n');
  if (notes.length > 0 && !quiet) sections.push(notes.join('\n') + '\n');
  sections.push(summary + '\n');
  return sections.join('\n');
}

function colourFinding(message: string, d: SnmpCheckDevice, st: Style): string {
  return d.status === 'unreachable' ? st.red(message) : st.yellow(message);
}

function someNames(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}
