// What the `switchback lab …` commands do. Loaded only when one of them runs.

import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { callControl, controlSocketFor, serveControl } from '../lab/control.js';
import type { ControlReply, ControlRequest } from '../lab/control.js';
import { EmitTargetError, parseEmitTarget } from '../lab/emitter.js';
import type { EmitTarget } from '../lab/emitter.js';
import { EventSyntaxError, parseLabEvent } from '../lab/events.js';
import { LAB_ENV, startFleet, TRAP_VERSIONS } from '../lab/fleet.js';
import type { LabFleet, SwitchStatus, TrapVersion } from '../lab/fleet.js';
import { personalityFor, UnknownPlatformError } from '../lab/personalities/index.js';
import { wholeNumber } from './args.js';
import { EXIT, UserError } from './exit-codes.js';
import { DEFAULT_INVENTORY } from './lab.js';
import { styleFor, table } from './style.js';
import { printJson } from './json-output.js';

interface LabOptions {
  inventory?: string;
  json?: boolean;
  quiet?: boolean;
}

/** --inventory, else devices/lab.yaml; a folder means its lab.yaml (to the other commands, its *.yaml). */
function labInventory(given: string | undefined): string {
  const path = resolve(given ?? DEFAULT_INVENTORY);
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'lab.yaml') : path;
}

/** --platform: one of the lab's platforms, refused with the list when it is not. */
export function labPlatform(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  try {
    return personalityFor(given).platform;
  } catch (err) {
    if (err instanceof UnknownPlatformError) throw new UserError(`--platform: ${err.message}`, EXIT.usage);
    throw err;
  }
}

/** What a fleet runs, for people: each platform's label and how many switches run it. */
export function fleetMix(fleet: LabFleet): string {
  const counts = new Map<string, { label: string; n: number }>();
  for (const sw of fleet.switches) {
    const c = counts.get(sw.personality.platform) ?? { label: sw.personality.label, n: 0 };
    c.n += 1;
    counts.set(sw.personality.platform, c);
  }
  return [...counts.entries()].map(([platform, c]) => `${c.n} ${platform}: ${c.label}`).join('; ');
}

/** --address: one loopback address for the whole fleet; refused as a usage error when it is not loopback. */
function labAddress(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const a = given.trim();
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^::1$/.test(a))
    throw new UserError(`--address takes a loopback address (127.x.x.x or ::1), got ${JSON.stringify(given)}`, EXIT.usage);
  return a;
}

/** Where a per-switch fleet listens, for people: the first and last switch's address. */
function addressRange(fleet: LabFleet): string {
  const first = fleet.switches[0]!.address;
  const last = fleet.switches[fleet.switches.length - 1]!.address;
  return first === last ? first : `${first} … ${last} (one address per switch)`;
}

/** `host:port` as snmpget takes it (an IPv6 address in brackets). */
const hostPort = (host: string, port: number) => (host.includes(':') ? `udp6:[${host}]:${port}` : `${host}:${port}`);

/** --trap-to / --syslog-to: HOST:PORT, refused as a usage error otherwise. */
function emitTarget(given: string | undefined, what: string): EmitTarget | undefined {
  if (given === undefined) return undefined;
  try {
    return parseEmitTarget(given, what);
  } catch (err) {
    if (err instanceof EmitTargetError) throw new UserError(err.message, EXIT.usage);
    throw err;
  }
}

/** --trap-version: 3 (the default: as the lab's inventory polls) or 2c. */
function labTrapVersion(given: string | undefined): TrapVersion {
  const v = (given ?? '3').replace(/^v/i, '');
  if ((TRAP_VERSIONS as readonly string[]).includes(v)) return v as TrapVersion;
  throw new UserError(`--trap-version takes ${TRAP_VERSIONS.join(' or ')}, got ${JSON.stringify(given)}`, EXIT.usage);
}

export async function labUp(
  opts: LabOptions & {
    devices: string;
    basePort?: string;
    authorizedKey?: string;
    platform?: string;
    trapTo?: string;
    syslogTo?: string;
    trapVersion?: string;
    inform?: boolean;
    address?: string;
  },
): Promise<void> {
  const count = wholeNumber(opts.devices, '--devices', 1, 5000);
  const basePort = opts.basePort === undefined ? 0 : wholeNumber(opts.basePort, '--base-port', 1024, 65000);
  const platform = labPlatform(opts.platform);
  const authorizedKeys = opts.authorizedKey ? [readKeyFile(opts.authorizedKey)] : [];
  const trap = emitTarget(opts.trapTo, '--trap-to');
  const syslog = emitTarget(opts.syslogTo, '--syslog-to');
  const trapVersion = labTrapVersion(opts.trapVersion);
  const emit = trap || syslog ? { ...(trap ? { trap } : {}), ...(syslog ? { syslog } : {}), trapVersion, ...(opts.inform ? { inform: true } : {}) } : undefined;
  const started = Date.now();
  const address = labAddress(opts.address);
  let fleet: LabFleet;
  try {
    fleet = await startFleet({
      count,
      basePort,
      credentials: { authorizedKeys },
      // One address per switch unless told one: what a real estate looks like to a trap receiver.
      ...(address ? { address } : { addresses: 'per-switch' as const }),
      ...(platform ? { platform } : {}),
      ...(emit ? { emit } : {}),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EADDRNOTAVAIL' || /loopback addresses/.test(e.message)) throw new UserError(e.message, EXIT.failed);
    throw err;
  }
  const where = address ?? addressRange(fleet);
  const inventory = labInventory(opts.inventory);
  const socket = controlSocketFor(inventory);
  let control;
  try {
    mkdirSync(dirname(inventory), { recursive: true });
    writeFileSync(inventory, fleet.inventory());
    control = await serveControl(fleet, socket);
  } catch (err) {
    await fleet.stop();
    throw new UserError((err as Error).message, EXIT.failed);
  }
  const ms = Date.now() - started;
  // Listen for Ctrl-C before saying it stops the lab: a signal that comes between the
  // message and the listener would kill the process without stopping the fleet.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  if (opts.json) {
    printJson({ inventory, control: socket, startupMs: ms, exports: fleet.exports(), switches: fleet.status() });
  } else {
    const st = styleFor(process.stdout);
    const first = fleet.switches[0]!;
    const head = [
      `${st.bold(`${count} lab switches`)} up in ${ms} ms on ${where} (${fleetMix(fleet)})`,
      `inventory: ${inventory}   control: ${socket}`,
      ...(emit
        ? [
            `notifications: ${[
              trap &&
                `${opts.inform ? 'informs' : 'traps'} to ${opts.trapTo} as ${trapVersion === '3' ? `SNMPv3 user ${fleet.credentials.snmpV3.user} (authPriv)` : 'SNMP v2c with the lab community'}`,
              syslog && `syslog to ${opts.syslogTo}`,
            ]
              .filter(Boolean)
              .join(', ')} (each from its switch's address)`,
          ]
        : []),
    ];
    // The secrets a login to the first switch asks for: the password, and any its OS adds.
    const secrets = [
      `password: $${LAB_ENV.password}`,
      ...Object.entries(first.personality.inventoryCredentials ?? {}).map(([field, secret]) => `${field}: $${LAB_ENV[secret]}`),
    ].join(', ');
    const quiet = [...head, 'Ctrl-C stops the lab.', ''];
    process.stdout.write(
      (opts.quiet
        ? quiet
        : [
            ...head,
            '',
            'Secrets for this lab (the inventory refers to them by env: reference):',
            ...fleet.exports().map((l) => '  ' + l),
            '',
            'Try, from another shell (after the exports):',
            `  ssh -p ${first.ports.ssh} ${fleet.credentials.username}@${first.address}        # ${secrets}`,
            `  snmpget -v2c -c "$SWITCHBACK_LAB_COMMUNITY" ${hostPort(first.address, first.ports.snmp)} 1.3.6.1.2.1.1.5.0`,
            '  switchback lab status',
            `  switchback lab event ${first.name} power-cycle --lose-config`,
            '',
            'Ctrl-C stops the lab.',
            '',
          ]
      ).join('\n'),
    );
  }
  await stopped;
  control.close();
  try {
    unlinkSync(socket);
  } catch {
    // already gone
  }
  await fleet.stop();
}

export async function labStatus(opts: LabOptions): Promise<void> {
  const reply = await control(opts.inventory, { op: 'status' });
  const status = reply.status ?? [];
  // An object, not the bare list: every --json document carries schemaVersion.
  if (opts.json) printJson({ switches: status });
  else process.stdout.write(renderStatus(opts.quiet ? status.filter(needsLook) : status));
}

export async function labEvent(name: string, words: string[], opts: LabOptions & { loseConfig?: boolean; bootTime?: string }): Promise<void> {
  let event;
  try {
    if (opts.bootTime !== undefined && words[0] !== 'power-cycle')
      throw new EventSyntaxError(`--boot-time goes with power-cycle, not ${words[0] ?? 'nothing'}`);
    // The options commander took belong to the event's words (power-cycle reads them).
    const more = [...(opts.loseConfig ? ['--lose-config'] : []), ...(opts.bootTime !== undefined ? ['--boot-time', opts.bootTime] : [])];
    event = parseLabEvent([...words, ...more]);
  } catch (err) {
    if (err instanceof EventSyntaxError) throw new UserError(err.message, EXIT.usage);
    throw err;
  }
  const reply = await control(opts.inventory, { op: 'event', name, event });
  printMessages(reply.messages, opts);
}

export async function labFeed(feed: string, state: string, opts: LabOptions): Promise<void> {
  if (state !== 'off' && state !== 'on') throw new UserError(`feed state is off or on, not ${JSON.stringify(state)}`);
  const reply = await control(opts.inventory, { op: 'feed', feed, on: state === 'on' });
  printMessages(reply.messages, opts);
}

function printMessages(messages: string[], { json, quiet }: LabOptions): void {
  if (quiet && !json) return;
  if (json) printJson({ messages });
  else process.stdout.write(messages.join('\n') + '\n');
}

async function control(inventory: string | undefined, req: ControlRequest): Promise<ControlReply & { ok: true }> {
  let reply: ControlReply;
  try {
    reply = await callControl(controlSocketFor(labInventory(inventory)), req);
  } catch (err) {
    throw new UserError((err as Error).message, EXIT.failed);
  }
  if (!reply.ok) throw new UserError(reply.error, EXIT.failed);
  return reply;
}

export function renderStatus(status: SwitchStatus[]): string {
  const st = styleFor(process.stdout);
  const rows = status.map((s) => [
    s.name,
    s.hostname,
    s.address,
    String(s.sshPort),
    String(s.snmpPort),
    s.up ? st.green('up') : st.red('down'),
    String(s.boots),
    s.up ? duration(s.uptimeSeconds) : '-',
    s.unsaved ? st.yellow(s.startupPresent ? `+${s.unsavedLines.added}/-${s.unsavedLines.removed}` : 'no startup') : 'no',
    s.members.map((m) => `${m.number}${roleMark(s, m.number)}${m.ready ? '' : ':' + m.state}${m.feed ? '/' + m.feed : ''}`).join(' '),
    s.faults.join(',') || '-',
    s.platform,
  ]);
  const headers = [
    'NAME',
    'HOSTNAME',
    'ADDRESS',
    'SSH',
    'SNMP',
    'POWER',
    'BOOTS',
    'UPTIME',
    'UNSAVED',
    'MEMBERS (*active +standby /feed)',
    'FAULTS',
    'PLATFORM',
  ];
  // A fleet with redundant pairs: each peer's view (domain, peer, role now, peer and peer link up or down).
  if (!status.some((s) => s.pair)) return table(headers, rows);
  const pairOf = (s: SwitchStatus) =>
    s.pair ? `${s.pair.domain}:${s.pair.peer} ${s.pair.role} peer-${s.pair.peerUp ? 'up' : 'down'} link-${s.pair.peerLinkUp ? 'up' : 'down'}` : '-';
  return table(
    [...headers, 'PAIR (domain:peer role)'],
    rows.map((r, i) => [...r, pairOf(status[i]!)]),
  );
}

/** For lab status --quiet: a switch worth a look. */
const needsLook = (s: SwitchStatus) =>
  !s.up || s.unsaved || s.faults.length > 0 || s.members.some((m) => !m.ready) || (s.pair !== undefined && (!s.pair.peerUp || !s.pair.peerLinkUp));

const roleMark = (s: SwitchStatus, member: number) => (s.active === member ? '*' : s.standby === member ? '+' : '');

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new UserError(`--authorized-key ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}
