// `switchback watch`: the long-running service that notices a power event, checks the switch
// when it answers again, and says what it lost — traps and syslog in, the SNMP sweep as the
// fallback, alerts through the same --webhook / --exec-hook as every command, and (with
// --recover auto) the verified restore of `recover`. Wiring only: the engine is src/watch/.

import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSecrets } from '../inventory/secrets.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore, WATCH_DISABLE_FILE } from '../store/index.js';
import { startWatchEngine } from '../watch/engine.js';
import type { AlertOutcome, WatchAlertSource, WatchLogEntry } from '../watch/engine.js';
import { startReceivers } from '../watch/receivers.js';
import { parseRateLimit, RECOVER_MODES, recoverCommand } from '../watch/recover-policy.js';
import type { RecoverMode } from '../watch/recover-policy.js';
import { resolveSources } from '../watch/sources.js';
import { statePathFor } from '../watch/state-file.js';
import { durationFlag, wholeNumber } from './args.js';
import { BACKUPS_ENV, backupsOption, DEFAULT_BACKUPS } from './backup.js';
import { ALERTS_HELP, execHookOption, hasAlertTarget, sendAlerts, webhookFormatOption, webhookOption } from './alerts.js';
import { EXIT, UserError } from './exit-codes.js';
import { devicesAndSettingsFor, inventoryOption, inventoryPaths, problemList } from './inventory.js';
import type { InventoryOptions } from './inventory.js';
import { runSettingsFor } from './run-settings.js';
import { snmpAcceptors } from './watch-acceptors.js';
import { SCHEMA_VERSION } from './json-output.js';
import { noColorOption, quietOption } from './options.js';
import type { RunSettingsOptions } from './run-settings.js';

interface WatchCliOptions extends InventoryOptions, RunSettingsOptions {
  backups?: string;
  trapPort: string;
  syslogPort: string;
  receiveAddress: string;
  httpPort?: string;
  listen: string;
  recover: string;
  settle: string;
  settleMax: string;
  sweepInterval: string;
  answerTimeout: string;
  disableFile?: string;
  rateLimit: string;
  trapCommunity: string[];
  json?: boolean;
  quiet?: boolean;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      'run as a service: on a trap, a syslog line or the SNMP sweep, check the switch when it answers and alert what it lost (--recover: restore it)',
    )
    .option('--group <group>', 'only devices in this group')
    .option('--tag <tag>', 'only devices with this tag')
    .addOption(inventoryOption())
    .addOption(backupsOption())
    .option('--trap-port <port>', 'UDP port for SNMP traps and informs (v2c, v3); off: none', '162')
    .option('--syslog-port <port>', 'UDP port for syslog (RFC 3164, 5424); off: none', '514')
    .option(
      '--trap-community <ref>',
      'also accept v1/v2c traps with this community, when switches send traps with another than they are polled with (env:NAME or file:PATH; repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--receive-address <address>', 'address the trap and syslog receivers listen on', '0.0.0.0')
    .option('--http-port <port>', 'serve /metrics, /healthz and the status page on this port (default: no HTTP)')
    .option('--listen <address>', 'address the HTTP server listens on', '127.0.0.1')
    .addOption(
      new Option('--recover <mode>', 'never: alert only; ask: the alert carries the recover command; auto: restore last good (verified, saved)')
        .default('never')
        .choices(RECOVER_MODES as string[]),
    )
    .option('--settle <duration>', 'quiet time after the last event before a device is checked', '5s')
    .option('--settle-max <duration>', 'the longest a device waits for its events to stop', '60s')
    .option('--sweep-interval <duration>', 'SNMP sweep for notices that never came; 0: off', '5m')
    .option('--answer-timeout <duration>', 'how long to wait for a device to answer after an event', '15m')
    .option('--disable-file <path>', `while this file exists --recover auto only asks (default: <backups>/${WATCH_DISABLE_FILE})`)
    .option('--rate-limit <count/period>', 'automatic restores across the estate', '3/h')
    .option('--json', 'one JSON object per log line')
    .addOption(quietOption('log only warnings and errors (alerts still go out)'))
    .addOption(noColorOption())
    .addOption(webhookOption())
    .addOption(webhookFormatOption())
    .addOption(execHookOption())
    .addHelpText(
      'after',
      `
What happens: an event (coldStart, a stack member lost, the platform's restart message, or
the sweep finding a reboot nobody announced) opens a settle window per device (--settle,
at most --settle-max); then the watch waits for the device to answer (its SSH port; SNMP
without SSH), runs check on it and alerts what it found: rebooted, "lost: factory default, N lines
missing (first: …)", "lost after the reboot: …", "stack member 2 missing (feed B)".
The same finding is not alerted twice, across restarts too (<backups>/.watch-state.json).

--recover auto restores last good as switchback recover does (verified, saved), one device
at a time, only for a configuration lost after a reboot or a factory default, within
--rate-limit; while the --disable-file exists it asks instead (touch it to stop it).

Ports below 1024 need privilege (CAP_NET_BIND_SERVICE). SIGTERM or SIGINT: receivers closed,
the running check finished, state written, exit 0.

Examples:
  switchback watch --webhook env:CHAT_WEBHOOK
  switchback watch --recover ask --http-port 9162
  switchback watch --trap-port 1162 --syslog-port 1514 --recover auto --json`,
    )
    .addHelpText('after', ALERTS_HELP)
    .action(async (opts: WatchCliOptions) => {
      process.exitCode = await watchCommand(opts);
    });
}

/** `off`: none; else a UDP/TCP port (0: any free one). */
function portFlag(text: string, flag: string): number | null {
  if (text === 'off') return null;
  return wholeNumber(text, flag, 0, 65535);
}

/** `0`/`off`: none; else a duration in seconds. */
function optionalDuration(text: string, flag: string): number {
  return text === '0' || text === 'off' ? 0 : durationFlag(text, flag);
}

/** A log line as --json prints it: versioned like every --json document, its time in ISO 8601. */
export function watchLogJson(e: WatchLogEntry) {
  return { schemaVersion: SCHEMA_VERSION as typeof SCHEMA_VERSION, ...e, at: new Date(e.at).toISOString() };
}

/** A log line: JSON (--json) or plain text, one per entry, on stdout. */
function logLine(json: boolean, quiet: boolean): (e: WatchLogEntry) => void {
  return (e) => {
    // Quiet keeps what a service's journal needs: that it started (and where it listens), and stopped.
    if (quiet && e.level === 'info' && e.what !== 'started' && e.what !== 'stopped') return;
    if (json) process.stdout.write(JSON.stringify(watchLogJson(e)) + '\n');
    else {
      const data = e.data
        ? ` (${Object.entries(e.data)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : '';
      process.stdout.write(`${new Date(e.at).toISOString()} ${e.level.padEnd(5)} ${e.what}${e.device ? ` ${e.device}` : ''}: ${e.message}${data}\n`);
    }
  };
}

async function watchCommand(opts: WatchCliOptions): Promise<number> {
  const { devices, settings } = devicesAndSettingsFor([], opts, { knownPlatforms: PLATFORM_NAMES });
  const runSettings = runSettingsFor(opts, settings);
  const trapPort = portFlag(opts.trapPort, '--trap-port');
  const syslogPort = portFlag(opts.syslogPort, '--syslog-port');
  const httpPort = opts.httpPort === undefined ? null : portFlag(opts.httpPort, '--http-port');
  const quietS = durationFlag(opts.settle, '--settle');
  const maxS = durationFlag(opts.settleMax, '--settle-max');
  if (maxS < quietS) throw new UserError(`--settle-max (${opts.settleMax}) must be at least --settle (${opts.settle})`, EXIT.usage);
  const sweepS = optionalDuration(opts.sweepInterval, '--sweep-interval');
  const answerS = durationFlag(opts.answerTimeout, '--answer-timeout');
  const limit = parseRateLimit(opts.rateLimit);
  if ('problem' in limit) throw new UserError(`--rate-limit ${limit.problem}`, EXIT.usage);
  const mode = opts.recover as RecoverMode;
  // Any device may need SSH (a reboot is checked over SSH): every secret it could use must resolve now, not at 3 a.m.
  const secrets = checkSecrets(devices);
  if (secrets.length > 0) throw new UserError(problemList('secrets that do not resolve, nothing was started', secrets), EXIT.usage);
  const dir = resolve(opts.backups ?? process.env[BACKUPS_ENV] ?? DEFAULT_BACKUPS);
  if (!existsSync(dir) && mode !== 'never')
    throw new UserError(`no backups repository at ${dir}: --recover ${mode} restores last good from it (give --backups DIR)`, EXIT.usage);
  const acceptors = snmpAcceptors(devices, opts.trapCommunity);
  const store = existsSync(dir) ? await openStore(dir) : null;
  const disableFile = resolve(opts.disableFile ?? resolve(dir, WATCH_DISABLE_FILE));
  const inventories = inventoryPaths(opts.inventory).map((p) => resolve(p));
  const log = logLine(opts.json === true, opts.quiet === true);
  if (!store)
    log({
      at: Date.now(),
      level: 'warn',
      what: 'started',
      message: `no backups repository at ${dir}: checks have nothing to compare with, and nothing is remembered across restarts`,
    });

  const alert = async (source: WatchAlertSource): Promise<AlertOutcome> => {
    const failed = source.failure !== undefined || source.checked?.status === 'unreachable' || source.recover?.outcome === 'failed';
    const out = await sendAlerts(runSettings, source, {
      exitCode: failed ? EXIT.failed : EXIT.findings,
      devices: [...devices],
      store,
      quiet: true,
      json: opts.json,
      secrets: acceptors.secrets,
    });
    const alerts = out.alerts ?? [];
    return { sent: alerts.filter((a) => a.outcome === 'sent').length, failed: alerts.filter((a) => a.outcome === 'failed').length };
  };

  // The signals are taken before anything starts: a SIGTERM during start-up (systemd stopping a
  // unit that is still starting) still ends it cleanly. Signal handlers do not keep Node's event
  // loop alive, and a watch with neither receiver (the sweep only) has no socket to: a timer does.
  const alive = setInterval(() => undefined, 60_000);
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      done();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });

  try {
    const engine = await startWatchEngine({
      devices,
      store,
      settle: { quietMs: quietS * 1000, maxMs: maxS * 1000 },
      recover: { mode, disableFile, limit, command: (d) => recoverCommand(d, inventories, dir) },
      ...(hasAlertTarget(runSettings) ? { alert } : {}),
      ...(store ? { statePath: statePathFor(store.dir) } : {}),
      sources: await resolveSources(devices),
      sweepIntervalS: sweepS,
      answer: { timeoutMs: answerS * 1000 },
      log,
    });

    let receivers;
    let http: { port: number; close(): Promise<void> } | undefined;
    try {
      receivers = await startReceivers({
        engine,
        ...(trapPort !== null ? { trap: { address: opts.receiveAddress, port: trapPort, communities: acceptors.communities, users: acceptors.users } } : {}),
        ...(syslogPort !== null ? { syslog: { address: opts.receiveAddress, port: syslogPort } } : {}),
      });
      if (httpPort !== null) {
        // The HTTP layer is loaded only when asked for. A literal specifier, so that the bundle
        // (scripts/bundle.mjs) splits it into a chunk of its own instead of leaving a path that
        // only exists in src/.
        const { startWatchHttp } = await import('../watch/http-server.js');
        http = await startWatchHttp({ view: engine, address: opts.listen, port: httpPort });
      }
    } catch (err) {
      await receivers?.close();
      await engine.close();
      throw new UserError(`could not start: ${(err as Error).message}`, EXIT.failed);
    }
    const listening = [...receivers.views().map((v) => `${v.kind} on ${v.address}:${v.port}`), ...(http ? [`http on ${opts.listen}:${http.port}`] : [])];
    log({
      at: Date.now(),
      level: 'info',
      what: 'started',
      message: `listening: ${listening.join(', ') || 'nothing (sweep only)'}`,
      data: {
        ...(receivers.trap ? { trapPort: receivers.trap.port } : {}),
        ...(receivers.syslog ? { syslogPort: receivers.syslog.port } : {}),
        ...(http ? { httpPort: http.port } : {}),
        devices: devices.length,
      },
    });
    if (receivers.trap)
      for (const c of acceptors.clashes)
        log({
          at: Date.now(),
          level: 'warn',
          what: 'started',
          message: `SNMPv3 user ${c.user} has other keys on ${c.devices.join(', ')} than on the first device with it: a receiver knows one set per user name, so their traps are dropped (auth-failed); the sweep still covers them`,
        });

    await stopped;
    await receivers.close();
    await http?.close();
    await engine.close();
    return EXIT.ok;
  } finally {
    clearInterval(alive);
  }
}
