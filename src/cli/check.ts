// `switchback check --snmp`: the fleet-wide "is anything wrong?" from SNMP alone.
// Wiring and rendering; the work is jobs/check-snmp.ts.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Device } from '../inventory/device.js';
import { checkSecrets } from '../inventory/secrets.js';
import { duration, runSnmpCheck } from '../jobs/check-snmp.js';
import type { SnmpCheckDevice, SnmpCheckRun } from '../jobs/check-snmp.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore } from '../store/index.js';
import { wholeNumber } from './args.js';
import { BACKUPS_ENV } from './backup.js';
import { EXIT, UserError } from './exit-codes.js';
import { DEFAULT_INVENTORY, devicesFor, INVENTORY_ENV, problemList } from './inventory.js';
import type { InventoryOptions } from './inventory.js';
import { styleFor, table } from './style.js';
import type { Style } from './style.js';

const DEFAULT_BACKUPS = 'backups';
const NO_RECORD = /^no boot record from a backup yet/;

interface CheckCliOptions extends InventoryOptions {
  snmp?: boolean;
  concurrency: string;
  backups?: string;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('is anything wrong? reboots, unsaved changes and stack members of every device, from SNMP alone (--snmp)')
    .argument('[name...]', 'only these devices')
    .option('--snmp', 'check over SNMP only: seconds for a whole fleet, no SSH login (the only check so far)')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .option('--inventory <path...>', `inventory files or folders; default $${INVENTORY_ENV} or ${DEFAULT_INVENTORY}`)
    .option('--backups <dir>', `the backups repository, for the boot recorded at the last backup; default $${BACKUPS_ENV} or ${DEFAULT_BACKUPS}/`)
    .option('--concurrency <n>', 'devices at a time', '100')
    .option('--json', 'print the check as one JSON document')
    .addHelpText(
      'after',
      `
Findings, one line each below the table:
  rebooted     snmpEngineBoots grew (or sysUpTime started again) since the last backup; says when
  unsaved      ccmHistory: running-config changed after startup-config was last written
               (not judged in the first minutes after boot, while the switch applies its config)
  stack        a member missing or not ready against the inventory's stack.members, or no standby
  unreachable  no SNMP answer (timeout), or SNMPv3 authentication/decryption refused; with the reason

Reboots are judged against the boot that switchback backup recorded in state.json; a device
never backed up with SNMP settings gets a note instead.

Exit codes: 0 nothing needs attention; 1 some devices did not answer (wins over 3); 2 bad
invocation or inventory, nothing contacted; 3 findings.

Examples:
  switchback check --snmp                            # every device in devices/
  switchback check --snmp --group dc1 --json
  switchback check --snmp core-1 core-2 --backups /srv/switchback/backups
  */5 * * * *  cd /srv/switchback && npx switchback check --snmp || notify-oncall   # crontab`,
    )
    .action(async (names: string[], opts: CheckCliOptions) => {
      process.exitCode = await checkCommand(names, opts);
    });
}

async function checkCommand(names: string[], opts: CheckCliOptions): Promise<number> {
  if (!opts.snmp) {
    throw new UserError(
      'check needs --snmp: only the SNMP check exists so far (reboots, unsaved changes, stack members); checks over SSH come later.\n' +
        'Try: switchback check --snmp',
      EXIT.usage,
    );
  }
  const concurrency = wholeNumber(opts.concurrency, '--concurrency', 1, 1000);
  const selected = devicesFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
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
  const err = styleFor(process.stderr);
  if (skipped.length > 0 && !opts.json) process.stderr.write(`skipped (no snmp settings): ${skipped.join(', ')}\n`);
  const run = await runSnmpCheck({
    devices,
    store,
    concurrency,
    onDevice: (d, done, total) => {
      if (err.tty && !opts.json) process.stderr.write(`\r\x1b[K[${done}/${total}] ${d.device} ${d.status}`);
    },
  });
  if (err.tty && !opts.json) process.stderr.write('\r\x1b[K');
  const code = exitCodeFor(run);
  if (opts.json) process.stdout.write(JSON.stringify({ ...run, skipped, backups: store ? store.dir : null, exitCode: code }, null, 2) + '\n');
  else process.stdout.write(renderCheck(run, out));
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

export function renderCheck(run: SnmpCheckRun, st: Style): string {
  const rows = run.devices.map((d) => [
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
  const sections = [table(['DEVICE', 'RESULT', 'UPTIME', 'FINDINGS'], rows)];
  if (details.length > 0) sections.push(details.join('\n') + '\n');
  if (notes.length > 0) sections.push(notes.join('\n') + '\n');
  sections.push(summary + '\n');
  return sections.join('\n');
}

function colourFinding(message: string, d: SnmpCheckDevice, st: Style): string {
  return d.status === 'unreachable' ? st.red(message) : st.yellow(message);
}

function someNames(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}
