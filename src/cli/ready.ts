// `switchback ready`: the pre-maintenance readiness check. Wiring and rendering; the work
// is jobs/ready.ts.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSecrets } from '../inventory/secrets.js';
import { runReady, sameFeed } from '../jobs/ready.js';
import type { ReadyRun } from '../jobs/ready.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore } from '../store/index.js';
import type { Lock } from '../store/index.js';
import { durationFlag, wholeNumber } from './args.js';
import { BACKUPS_ENV, backupsOption, DEFAULT_BACKUPS } from './backup.js';
import { askYesNo } from './confirm.js';
import { lockFor } from './lock.js';
import { committedAs, noPushOption, pushAfterRun, pushFailed, pushLine, pushOption, pushWanted, syncBeforeRun } from './push-run.js';
import type { RunSettingsOptions } from './run-settings.js';
import { noColorOption, optionShowingDefault, quietOption } from './options.js';
import { EXIT, UserError } from './exit-codes.js';
import { metricsTarget, writeReadyMetrics } from './metrics-output.js';
import { metricsFileOption, runSettingsFor } from './run-settings.js';
import { devicesAndSettingsFor, inventoryOption, shardOption, problemList } from './inventory.js';
import { ALERTS_HELP, execHookOption, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import type { InventoryOptions } from './inventory.js';
import { styleFor } from './style.js';
import type { Style } from './style.js';
import { printJson } from './json-output.js';
import { transcriptOption, verboseOption } from './verbose.js';

interface ReadyCliOptions extends InventoryOptions, RunSettingsOptions {
  feed?: string;
  maxAge: string;
  save?: boolean;
  yes?: boolean;
  concurrency?: string;
  backups?: string;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  metricsFile?: string;
}

const SSH_CONCURRENCY = 20;
const SNMP_CONCURRENCY = 250;
/** Unsaved lines printed per switch; --json has them all. */
const MAX_LINES = 20;

export function registerReady(program: Command): void {
  program
    .command('ready')
    .description('before planned work: is every switch saved, backed up, restorable, and does every stack survive losing a power feed?')
    .argument('[name...]', 'only these devices')
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(shardOption())
    .option('--feed <feed>', 'the power feed that goes dark (members carry feed: in the inventory)')
    .option('--max-age <age>', 'a backup older than this fails (s, m, h, d)', '24h')
    .option('--save', "show each unsaved diff and save it (the platform's save, or its commit) after one confirmation")
    .option('--yes', 'with --save: do not ask')
    .addOption(optionShowingDefault('--concurrency <n>', 'SSH logins at a time', String(SSH_CONCURRENCY)))
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .addOption(pushOption())
    .addOption(noPushOption())
    .option('--json', 'print the checklist as one JSON document (with --save, the diffs and the question go to stderr)')
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addOption(metricsFileOption())
    .addOption(quietOption('print only the items that warn or fail, and the verdict'))
    .addOption(noColorOption())
    .addOption(verboseOption())
    .addHelpText(
      'after',
      `
The checklist, per switch (pass / warn / fail, with the reason):
  reachable     SSH answers (host key = the pinned one) and SNMP answers, if configured
  saved         running = saved configuration (nothing uncommitted where a commit is the save);
                --save saves (or commits) it after one question
  backup        the last successful backup is within --max-age and equals what runs now
  last-good     a last-good.cfg exists (what restore puts back after the work)
  stack         every expected member present and Ready, a Standby, one software
                version, no member provisioned only
  power         with --feed (any case): the members that lose power. FAIL (OUTAGE) when no
                Ready member is left, or the Active and the Standby both go (the rest
                reload), or the Active goes with no Standby; WARN on a failover (the
                Standby takes over, named), and where feed data or roles are unknown.
                A standalone switch is a stack of one: stack: { members: [{ number: 1, feed: A }] }
  restore-path  last good, against what runs now, is a target restore accepts (no masked
                secrets, no exec-level lines) — a dry-run restore

The last line is the verdict: READY, or NOT READY: N switches, M problems.

Exit codes: 0 ready (warnings allowed); 1 a switch could not be checked over SSH or SNMP,
or --save could not save or back one up, or --push could not push (wins over 3); 2 bad invocation or inventory, or a
feed no member is on — nothing contacted; 3 not ready.

Examples:
  switchback ready --feed A                       # feed A goes dark on Saturday
  switchback ready --group dc1 --feed B --max-age 12h
  switchback ready --save                         # show unsaved diffs, save after "y"
  switchback ready --feed A --save --yes --json   # from a change-management script`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (names: string[], opts: ReadyCliOptions) => {
      process.exitCode = await readyCommand(names, opts);
    });
}

async function readyCommand(names: string[], opts: ReadyCliOptions): Promise<number> {
  const maxAgeSeconds = durationFlag(opts.maxAge, '--max-age');
  if (opts.yes && !opts.save) throw new UserError('--yes answers the question --save asks: give --save too', EXIT.usage);
  if (opts.feed !== undefined && opts.feed.trim() === '') throw new UserError('--feed needs a feed name, e.g. --feed A', EXIT.usage);
  const concurrency = opts.concurrency === undefined ? SSH_CONCURRENCY : wholeNumber(opts.concurrency, '--concurrency', 1, 1000);
  const { devices, all, settings } = devicesAndSettingsFor(names, opts, { knownPlatforms: PLATFORM_NAMES });
  const metrics = metricsTarget(opts, settings, 'ready');
  const runSettings = runSettingsFor(opts, settings);
  if (opts.save && !opts.yes && !process.stdin.isTTY)
    throw new UserError(
      'stdin is not a terminal, so nobody can confirm the save: pass --yes with --save, or leave --save out to only check; nothing was done',
      EXIT.usage,
    );
  if (opts.feed !== undefined) {
    // A feed no member of the inventory is on is a typo, not good news. The whole inventory's:
    // the switches named, or a shard, may all be on the other feed, and that is an answer (ready).
    const feeds = [...new Set(all.flatMap((d) => d.stack?.members.flatMap((m) => (m.feed !== undefined ? [m.feed] : [])) ?? []))];
    if (!feeds.some((f) => sameFeed(f, opts.feed!)))
      throw new UserError(
        `no member of any switch in the inventory is on feed ${JSON.stringify(opts.feed)} (the inventory's feeds: ${feeds.length > 0 ? feeds.join(', ') : 'none'})`,
        EXIT.usage,
      );
  }
  const secrets = checkSecrets(devices);
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was contacted', secrets), EXIT.usage);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (opts.save && !existsSync(dir))
    throw new UserError(
      `no backups repository at ${dir}: --save needs the pinned host keys and backs the saved switches up there (give --backups DIR)`,
      EXIT.usage,
    );
  const store = existsSync(dir) ? await openStore(dir) : null;
  const out = styleFor(process.stdout);
  const ask = opts.json ? styleFor(process.stderr) : out;
  const askStream = opts.json ? process.stderr : process.stdout;

  // Saving writes to the switches and the backups repository: one run at a time.
  let lock: Lock | undefined;
  if (opts.save && store) lock = await lockFor(store.dir, 'switchback ready --save', 'nothing was checked');
  let run: ReadyRun;
  // Only a saving run commits, so only it pushes.
  const push = pushWanted(opts, settings) && lock !== undefined && store !== null;
  let pushed;
  try {
    const synced = push ? await syncBeforeRun(store!, push) : undefined;
    if (synced) process.stderr.write(synced + '\n');
    run = await runReady({
      ...transcriptOption(opts),
      devices,
      store,
      feed: opts.feed ?? null,
      maxAgeSeconds,
      concurrency,
      snmpConcurrency: SNMP_CONCURRENCY,
      ...(opts.save
        ? {
            save: async (unsaved) => {
              for (const u of unsaved) {
                askStream.write(`${ask.bold(u.device)}: unsaved\n`);
                for (const l of u.lines) askStream.write(`    ${l.startsWith('+ ') ? ask.green(l) : ask.red(l)}\n`);
              }
              if (opts.yes) return true;
              return askYesNo(`Save ${unsaved.length} switch${unsaved.length === 1 ? '' : 'es'} (${[...new Set(unsaved.map((u) => u.words))].join(', ')})?`);
            },
          }
        : {}),
    });
    pushed = push ? await pushAfterRun(store!, push) : undefined;
    if (run.recorded) run.recorded.commit = committedAs(run.recorded.commit, pushed);
  } finally {
    await lock?.release();
  }
  const code = pushFailed(pushed) ? EXIT.failed : exitCodeOfReady(run);
  const alerts = await sendAlerts(
    runSettings,
    { command: 'ready', run },
    { exitCode: code, devices, store, quiet: opts.quiet, json: opts.json, notes: pushed?.status === 'failed' ? [pushed.reason] : [] },
  );
  if (opts.json) printJson({ ...run, ...(pushed ? { remote: pushed } : {}), exitCode: code, ...alerts });
  else process.stdout.write(renderReady(run, out, opts.quiet) + pushLine(pushed, out, opts.quiet));
  await writeReadyMetrics(metrics, run, code, store);
  return code;
}

export function exitCodeOfReady(run: ReadyRun): number {
  if (run.verdict.unchecked > 0 || run.verdict.saveFailures > 0 || run.recorded?.commitError) return EXIT.failed;
  return run.verdict.ready ? EXIT.ok : EXIT.findings;
}

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL' } as const;

export function renderReady(run: ReadyRun, s: Style, quiet = false): string {
  const out: string[] = [];
  const width = Math.max(...run.devices.flatMap((d) => d.items.map((i) => i.item.length)), 8);
  for (const d of run.devices) {
    const items = quiet ? d.items.filter((i) => i.state !== 'pass') : d.items;
    if (quiet && items.length === 0) continue;
    const head = d.status === 'ready' ? s.green('READY') : d.status === 'unchecked' ? s.red('NOT CHECKED') : s.red('NOT READY');
    out.push(`${s.bold(d.device)}  ${head}`);
    for (const i of items) {
      const mark = i.state === 'pass' ? s.green(MARK.pass) : i.state === 'warn' ? s.yellow(MARK.warn) : s.red(MARK.fail);
      out.push(`  ${mark}  ${i.item.padEnd(width)}  ${i.reason}`);
      // Under the reason: 2 + 4 (the mark) + 2 + the item column + 2.
      const indent = ' '.repeat(width + 10);
      for (const l of (i.lines ?? []).slice(0, MAX_LINES)) out.push(indent + l);
      if ((i.lines?.length ?? 0) > MAX_LINES) out.push(`${indent}… ${i.lines!.length - MAX_LINES} more (--json has them all)`);
    }
    if (!quiet) for (const n of d.notes) out.push(s.dim(`  note: ${n}`));
    out.push('');
  }
  const v = run.verdict;
  const feed = run.feed !== null ? ` for losing feed ${run.feed}` : '';
  const warnings = v.warnings > 0 ? ` (${v.warnings} warning${v.warnings === 1 ? '' : 's'})` : '';
  if (run.recorded?.commit) out.push(`saved switches backed up: committed ${run.recorded.commit.slice(0, 7)} to the backups repository`);
  if (run.recorded?.commitError) out.push(run.recorded.commitError);
  if (v.ready) out.push(s.green(s.bold(`READY${feed}`)) + `: ${run.devices.length} switch${run.devices.length === 1 ? '' : 'es'}${warnings}`);
  else
    out.push(
      s.red(s.bold(`NOT READY${feed}`)) +
        `: ${v.notReady} switch${v.notReady === 1 ? '' : 'es'}, ${v.problems} problem${v.problems === 1 ? '' : 's'}` +
        (v.unchecked > 0 ? `; ${v.unchecked} could not be checked` : '') +
        warnings,
    );
  return out.join('\n') + '\n';
}
