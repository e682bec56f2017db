// `switchback inventory`: list the devices and validate the inventory. Also the one place
// commands turn inventory options into devices, so every command reads it the same way.

import { Option } from 'commander';
import type { Command } from 'commander';
import { delimiter } from 'node:path';
import type { Device } from '../inventory/device.js';
import { InventoryError, loadInventoryWithSettings } from '../inventory/load.js';
import type { InventoryRunSettings } from '../inventory/run-settings.js';
import { devicesOfShard, parseShard } from '../inventory/shard.js';
import type { LoadOptions } from '../inventory/load.js';
import { checkSecrets } from '../inventory/secrets.js';
import { selectDevices, SelectionError } from '../inventory/select.js';
import { EXIT, UserError } from './exit-codes.js';
import { noColorOption, optionShowingDefault, quietOption, repeatable } from './options.js';
import { table } from './style.js';
import { inventoryImportCommand } from './inventory-import.js';
import { printJson } from './json-output.js';

export const DEFAULT_INVENTORY = 'devices/';
export const INVENTORY_ENV = 'SWITCHBACK_INVENTORY';

export interface InventoryOptions {
  inventory?: string[];
  group?: string;
  tag?: string;
  /** `K/N` (--shard): this run's share of the selection. */
  shard?: string;
}

/** `--inventory` if given, else $SWITCHBACK_INVENTORY (several paths joined like PATH), else devices/. */
export function inventoryPaths(given: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (given && given.length > 0) return given;
  const fromEnv = (env[INVENTORY_ENV] ?? '').split(delimiter).filter((p) => p !== '');
  return fromEnv.length > 0 ? fromEnv : [DEFAULT_INVENTORY];
}

/** Load and select; a bad inventory or selection is a usage error (exit 2), one problem per line. */
export function devicesFor(names: string[], opts: InventoryOptions, load: LoadOptions = {}): Device[] {
  return devicesAndSettingsFor(names, opts, load).devices;
}

/**
 * The selected devices (this shard's share of them with --shard; possibly none) and the run
 * settings of the inventory's defaults. Selection errors come before the shard is taken: a
 * name that is not in the inventory is wrong in every shard.
 */
export function devicesAndSettingsFor(
  names: string[],
  opts: InventoryOptions,
  load: LoadOptions = {},
): { devices: Device[]; settings: InventoryRunSettings; /** Every device of the inventory, before selection and shard. */ all: Device[] } {
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard && 'problem' in shard) throw new UserError(shard.problem, EXIT.usage);
  try {
    const { devices: all, settings } = loadInventoryWithSettings(inventoryPaths(opts.inventory), load);
    const selected = selectDevices(all, {
      names,
      ...(opts.group !== undefined ? { group: opts.group } : {}),
      ...(opts.tag !== undefined ? { tag: opts.tag } : {}),
    });
    return { devices: shard ? devicesOfShard(selected, shard) : selected, settings, all };
  } catch (err) {
    if (err instanceof InventoryError) throw new UserError(problemList('bad inventory, nothing was done', err.problems), EXIT.usage);
    if (err instanceof SelectionError) throw new UserError(err.problems.join('\n'), EXIT.usage);
    throw err;
  }
}

/** `--inventory PATH`, repeatable (never greedy: `--inventory a.yaml sw-01` leaves sw-01 a device name). */
export function inventoryOption(what = 'an inventory file or folder (a folder: its *.yaml and *.yml); repeat for more'): Option {
  return optionShowingDefault('--inventory <path>', what, `$${INVENTORY_ENV}, else ${DEFAULT_INVENTORY}`).argParser(repeatable);
}

/** `--shard K/N`, on every command that selects devices. */
export function shardOption(): Option {
  return new Option(
    '--shard <K/N>',
    "only this run's share of the selected devices: the K-th of N, stable by device name (N jobs of a scheduler split a fleet; a share may be empty)",
  );
}

/** A heading and one problem per line, so each can be read (and grepped) on its own. */
export function problemList(heading: string, problems: string[]): string {
  return `${heading} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`;
}

export function registerInventory(program: Command): void {
  program
    .command('inventory')
    .description('list the devices in the inventory and check it: every problem with its file, device and field')
    .argument('[name...]', 'only these devices')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(shardOption())
    .addOption(inventoryOption())
    .option('--check-secrets', 'also fail (exit 2) when an env: variable is unset or a file: secret is unreadable, as backup would')
    .option('--json', 'print the devices as one JSON document')
    .addOption(quietOption('print only the summary line (and the warnings on stderr)'))
    .addOption(noColorOption())
    .addCommand(inventoryImportCommand(program)) // `inventory import`: inventory-import.ts
    .addHelpText(
      'after',
      `
Secrets are never in the inventory: credentials hold env:NAME or file:PATH (a relative
PATH is relative to the inventory file's folder). Without --check-secrets, references that
would not resolve are reported on stderr as warnings.

Examples:
  switchback inventory                              # every device in devices/
  switchback inventory --group dc1 --tag stack
  switchback inventory core-stack-1 --json
  switchback inventory --inventory devices/lab.yaml --check-secrets

Exit codes: 0 the inventory is valid, 2 it is not (each problem on its own line on stderr).`,
    )
    .action((names: string[], opts: InventoryOptions & { json?: boolean; checkSecrets?: boolean; quiet?: boolean }) => {
      const devices = devicesFor(names, opts);
      const secrets = checkSecrets(devices);
      if (opts.checkSecrets && secrets.length > 0) throw new UserError(problemList('secrets that would not resolve, nothing was done', secrets), EXIT.usage);
      if (opts.json) {
        printJson({ devices, missingSecrets: secrets });
        return;
      }
      const text = renderDevices(devices);
      // The summary is the last line of the table's text.
      process.stdout.write(opts.quiet ? text.split('\n').slice(-2).join('\n') : text);
      for (const s of secrets) process.stderr.write(`warning: ${s}\n`);
    });
}

export function renderDevices(devices: Device[]): string {
  const rows = devices.map((d) => [
    d.name,
    `${d.host.includes(':') ? `[${d.host}]` : d.host}:${d.port}`,
    d.platform,
    d.group ?? '-',
    d.tags.join(',') || '-',
    d.stack ? d.stack.members.map((m) => `${m.number}${m.feed !== undefined ? '/' + m.feed : ''}`).join(' ') : '-',
    d.transport,
  ]);
  const groups = new Set(devices.map((d) => d.group).filter((g) => g !== undefined)).size;
  const summary = `${devices.length} device${devices.length === 1 ? '' : 's'}${groups > 0 ? ` in ${groups} group${groups === 1 ? '' : 's'}` : ''}\n`;
  return table(['NAME', 'HOST', 'PLATFORM', 'GROUP', 'TAGS', 'STACK (member/feed)', 'TRANSPORT'], rows) + summary;
}
