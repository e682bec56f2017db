// `switchback diff DEVICE`: what differs between a device's running configuration and its
// startup config, the last backup, last good, or any revision. Wiring and rendering; the
// work is jobs/diff.ts.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Device } from '../inventory/device.js';
import { checkSecrets } from '../inventory/secrets.js';
import { DiffError, parseAgainst, runDiff } from '../jobs/diff.js';
import type { DiffResult } from '../jobs/diff.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { assertDeviceName, InvalidDeviceNameError, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { wholeNumber } from './args.js';
import { BACKUPS_ENV, backupsOption } from './backup.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesFor, inventoryOption, problemList } from './inventory.js';
import { noColorOption, quietOption } from './options.js';
import { styleFor } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

const DEFAULT_BACKUPS = 'backups';

interface DiffCliOptions {
  against?: string;
  live?: boolean;
  json?: boolean;
  verbose?: boolean;
  context: string;
  showSecrets?: boolean;
  inventory?: string[];
  backups?: string;
  quiet?: boolean;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description("compare a device's running config with its startup config, the last backup, last good, or any revision")
    .argument('<device>', 'the device (its folder in the backups repository)')
    .option(
      '--against <what>',
      'startup (the default, where the platform keeps one apart from running; else good), backup (the last backup; with --live), good (last-good.cfg) or a git revision of the backups repository',
    )
    .option('--live', 'fetch the running (and startup) config now over SSH instead of reading the last backup')
    .option('--context <n>', 'lines of context around each change', '3')
    .option('--show-secrets', 'print passwords, keys and communities as they are (masked by default)')
    .option('--json', 'print the diff as one JSON document')
    .addOption(inventoryOption('an inventory file or folder (for --live); repeat for more'))
    .addOption(backupsOption())
    .addOption(quietOption('print only the summary line (the exit code says whether they differ)'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
The running config comes from the last backup (running.cfg), or with --live from the switch
now (the SSH host key must match the one backup pinned). It is compared with:
  startup   the startup config from the same source (the default where the platform keeps
            one apart from running; else good): the unsaved lines show as +
  backup    the last backup's running.cfg: what changed since the backup (use with --live)
  good      last-good.cfg, what restore puts back: what a reboot lost shows as -
  REV       running.cfg at any git revision of the backups repository (HEAD~1, a hash, a date rev)
Volatile lines (\`! Last configuration change at …\`, \`ntp clock-period\`, …) are ignored;
secrets are masked unless --show-secrets. Colour only on a terminal and never with NO_COLOR.

Exit codes: 0 the two are the same; 3 they differ; 1 the live fetch failed; 2 bad invocation
(unknown device or revision, no last good yet).

Examples:
  switchback diff core-1                          # unsaved changes, from the last backup
  switchback diff core-1 --live                   # unsaved changes, right now
  switchback diff core-1 --live --against backup  # changed since last night's backup
  switchback diff core-1 --live --against good    # after a reboot: what came back wrong
  switchback diff core-1 --against HEAD~7 --context 0
  switchback diff core-1 --json | jq .added
  switchback diff core-1 --live -q || echo unsaved   # the summary line alone`,
    )
    .action(async (name: string, opts: DiffCliOptions) => {
      process.exitCode = await diffCommand(name, opts);
    });
}

/** The backups repository, which must exist already: reading commands never create one. */
export async function openBackups(given: string | undefined): Promise<Store> {
  const dir = resolve(given ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (!existsSync(join(dir, '.git'))) {
    throw new UserError(`no backups repository at ${dir}: run \`switchback backup\` first, or point --backups (or $${BACKUPS_ENV}) at it`, EXIT.usage);
  }
  return openStore(dir).catch((e: unknown) => {
    throw new UserError(`--backups ${dir}: ${(e as Error).message.split('\n')[0]}`, EXIT.usage);
  });
}

export function checkedName(name: string): string {
  try {
    assertDeviceName(name);
  } catch (err) {
    if (err instanceof InvalidDeviceNameError) throw new UserError(err.message, EXIT.usage);
    throw err;
  }
  return name;
}

async function diffCommand(name: string, opts: DiffCliOptions): Promise<number> {
  checkedName(name);
  const context = wholeNumber(opts.context, '--context', 0, 100_000);
  const against = opts.against === undefined ? undefined : parseAgainst(opts.against);
  let device: Device | undefined;
  if (opts.live) {
    device = devicesFor([name], { ...(opts.inventory ? { inventory: opts.inventory } : {}) }, { knownPlatforms: PLATFORM_NAMES })[0];
    if (device) {
      const secrets = checkSecrets([device]);
      if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
    }
  } else if (opts.inventory) {
    // Only a fallback for the platform, when the backup did not record it.
    device = devicesFor([name], { inventory: opts.inventory }, { knownPlatforms: PLATFORM_NAMES })[0];
  }
  const store = await openBackups(opts.backups);
  let result: DiffResult;
  try {
    result = await runDiff({
      ...transcriptOption(opts),
      store,
      name,
      ...(against ? { against } : {}),
      ...(device ? { device } : {}),
      live: opts.live ?? false,
      context,
      showSecrets: opts.showSecrets ?? false,
    });
  } catch (err) {
    if (err instanceof DiffError) throw new UserError(err.message, err.kind === 'fetch' ? EXIT.failed : EXIT.usage);
    throw err;
  }
  if (opts.json) printJson({ ...result, exitCode: result.equal ? EXIT.ok : EXIT.findings });
  else process.stdout.write(renderDiff(result, styleFor(process.stdout), opts.quiet));
  return result.equal ? EXIT.ok : EXIT.findings;
}

/**
 * A unified diff with headers naming both sides, then one summary line:
 *
 *   --- good (last-good.cfg @ 1a2b3c4, 2026-11-20 02:15 UTC)
 *   +++ running (live 2026-11-24 02:13 UTC)
 *   @@ -40,7 +40,4 @@
 *   …
 *   core-1: running differs from good: +0 -3 lines
 */
export function renderDiff(r: DiffResult, st: Style, quiet = false): string {
  const cyan = (s: string) => (st.color ? `\x1b[36m${s}\x1b[39m` : s);
  const what = `${r.to.name} and ${r.from.name}`;
  if (r.equal) return `${r.device}: ${what} are the same (${r.from.source}; ${r.to.source}; volatile lines ignored)\n`;
  const out = quiet ? [] : [st.bold(`--- ${r.from.name} (${r.from.source})`), st.bold(`+++ ${r.to.name} (${r.to.source})`)];
  for (const h of quiet ? [] : r.hunks) {
    out.push(cyan(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`));
    for (const line of h.lines) {
      if (line.startsWith('+')) out.push(st.green(line));
      else if (line.startsWith('-')) out.push(st.red(line));
      else out.push(line);
    }
  }
  out.push(
    `${r.device}: ${r.to.name} differs from ${r.from.name}: ${st.green(`+${r.added}`)} ${st.red(`-${r.removed}`)} line${r.added + r.removed === 1 ? '' : 's'}`,
  );
  return out.join('\n') + '\n';
}

/** `start,count` as diff -u prints it: `,count` left out for one line, start one back for none. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? Math.max(0, start - 1) : start},${count}`;
}
