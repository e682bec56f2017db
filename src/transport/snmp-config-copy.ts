// Config copy over SNMP, driven by a copy table the platform gives as data (ConfigCopyMib:
// the table's OID, its columns and enum values): running or startup config to a TFTP
// server that switchback runs itself for the length of the copy, and running → startup
// (a save) without any file transfer.
//
// One copy is one row: a random index, created with createAndGo (or createAndWait, the
// columns, then active when an agent refuses createAndGo), polled through its state column
// until it is successful or failed, and destroyed afterwards whatever happened. The TFTP
// receiver accepts exactly the one file from exactly the one switch, and only one
// receiver listens on a port at a time: copies to the same port wait for each other.
//
// Vendor-neutral transport: the platform hands over its MIB (`snmp.configCopy`); this file
// knows only RowStatus and InetAddressType, which are standard. It must not import anything
// from src/lab.

import { randomInt } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { ConfigCopyMib } from '../platforms/platform.js';
import { SnmpError } from './snmp-types.js';
import type { SnmpSession, SnmpSetValue, SnmpValue } from './snmp-types.js';
import { startTftpReceiver, TftpReceiveError } from './tftp-receiver.js';
import type { TftpReceiver } from './tftp-receiver.js';

// ---------------------------------------------------------------- the MIB, as the platform gives it

/** RowStatus (RFC 2579). */
const ROW_STATUS = { active: 1, createAndGo: 4, createAndWait: 5, destroy: 6 } as const;
/** InetAddressType (RFC 4001). */
const INET_ADDRESS_TYPE = { ipv4: 1, ipv6: 2 } as const;

/** The state words for a timeout message. */
function stateWord(mib: ConfigCopyMib, state: number): string {
  const known = Object.entries(mib.state).find(([, v]) => v === state)?.[0];
  return known ?? `state ${state}`;
}

const cellOf = (mib: ConfigCopyMib) => (column: number, index: number) => `${mib.entry}.${column}.${index}`;
const intOf =
  (mib: ConfigCopyMib) =>
  (column: number, index: number, value: number): SnmpSetValue => ({ oid: cellOf(mib)(column, index), type: 'integer', value });

// ---------------------------------------------------------------- errors

/**
 * Why a copy did not deliver: `invalid` bad arguments (nothing was sent), `tftp` our
 * receiver could not listen or the upload went wrong on the wire, `refused` the agent
 * would not create the row, `failed` the switch ran the copy and reported a failure
 * (`failCause`), `timeout` no outcome within the time allowed, `snmp` the agent stopped
 * answering or answered nonsense mid-copy.
 */
export type ConfigCopyFailure = 'invalid' | 'tftp' | 'refused' | 'failed' | 'timeout' | 'snmp';

export class ConfigCopyError extends Error {
  constructor(
    readonly reason: ConfigCopyFailure,
    message: string,
    /** The fail cause's MIB name, when the switch reported one. */
    readonly failCause?: string,
    /** The switch has no such configuration (the MIB's `noConfig` cause: an empty NVRAM). */
    readonly noConfig = false,
  ) {
    super(message);
    this.name = 'ConfigCopyError';
  }
}

// ---------------------------------------------------------------- one TFTP port, one receiver

const portQueues = new Map<number, Promise<void>>();

/**
 * Run `work` when no other copy in this process uses `port`. A switch cannot be told a
 * TFTP port (the MIB has no column for it), so every copy goes to the same well-known
 * port and must wait for the one before it.
 */
async function onePerPort<T>(port: number, work: () => Promise<T>): Promise<T> {
  const before = portQueues.get(port) ?? Promise.resolve();
  const run = before.then(work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  portQueues.set(port, tail);
  try {
    return await run;
  } finally {
    if (portQueues.get(port) === tail) portQueues.delete(port);
  }
}

// ---------------------------------------------------------------- copies

export type ConfigSource = 'running' | 'startup';

export interface TftpCopyOptions {
  source: ConfigSource;
  /** Where switchback's receiver listens: the address the switch is told to send to, and the UDP port. */
  server: { address: string; port: number };
  /** The file name the switch is told to write; the receiver accepts no other. */
  filename: string;
  /** The switch's address as it will appear as the sender (an IP address). */
  expectFrom: string;
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** From the moment the receiver listens (waiting for the port does not count) to the file in hand. */
  timeoutMs: number;
  /** How often the copy's state is read (default 250 ms). */
  pollMs?: number;
}

const SOURCE_NAME: Record<ConfigSource, string> = { running: 'running-config', startup: 'startup-config' };

/**
 * Have the switch upload its running or startup config to a TFTP receiver switchback
 * runs for this copy; resolves with the bytes it sent (the config without the CLI's
 * header lines). Always destroys the row and closes the receiver.
 */
export async function copyConfigToTftp(session: SnmpSession, mib: ConfigCopyMib, opts: TftpCopyOptions): Promise<Buffer> {
  const [cell, int, COLUMN] = [cellOf(mib), intOf(mib), mib.columns];
  const { address, port } = opts.server;
  const what = `SNMP copy of ${SOURCE_NAME[opts.source]} to TFTP ${isIPv6(address) ? `[${address}]` : address}:${port}`;
  if (!isIPv4(address) && !isIPv6(address)) throw new ConfigCopyError('invalid', `${what}: the TFTP address must be an IP address (the switch is told it)`);
  if (address === '0.0.0.0' || address === '::') throw new ConfigCopyError('invalid', `${what}: the switch must be told a real address, not ${address}`);
  if (!isIPv4(opts.expectFrom) && !isIPv6(opts.expectFrom))
    throw new ConfigCopyError('invalid', `${what}: the switch's address must be an IP address, not ${opts.expectFrom}`);
  if (opts.filename === '' || /[\0]/.test(opts.filename)) throw new ConfigCopyError('invalid', `${what}: bad file name`);

  return onePerPort(port, async () => {
    let receiver: TftpReceiver;
    try {
      receiver = await startTftpReceiver({
        address,
        port,
        expect: { filename: opts.filename, from: opts.expectFrom },
        maxBytes: opts.maxBytes,
        timeoutMs: opts.timeoutMs,
      });
    } catch (err) {
      throw new ConfigCopyError('tftp', `${what}: cannot listen for TFTP on ${address}:${port}: ${bindReason(err)}`);
    }
    let tftpError: TftpReceiveError | undefined;
    let file: Buffer | undefined;
    receiver.received.then(
      (data) => (file = data),
      (err: unknown) => (tftpError = err instanceof TftpReceiveError ? err : new TftpReceiveError('socket-error', String(err))),
    );
    const deadline = Date.now() + opts.timeoutMs;
    let index: number | undefined;
    try {
      index = await createRow(session, mib, what, (i) => [
        int(COLUMN.protocol, i, mib.protocol.tftp),
        int(COLUMN.sourceFileType, i, opts.source === 'running' ? mib.fileType.runningConfig : mib.fileType.startupConfig),
        int(COLUMN.destFileType, i, mib.fileType.networkFile),
        ...serverAddress(mib, i, address),
        { oid: cell(COLUMN.fileName, i), type: 'octets', value: opts.filename },
      ]);
      await awaitOutcome(session, mib, index, what, { deadline, timeoutMs: opts.timeoutMs, pollMs: opts.pollMs }, () => {
        // Our side of the wire failed (too large, the sender aborted): no use waiting for the switch.
        if (tftpError && tftpError.reason !== 'timeout') throw new ConfigCopyError('tftp', `${what}: ${tftpError.message}`);
        if (Date.now() < deadline) return;
        if (file) return 'the file did arrive';
        return (tftpError?.message ?? receiver.timeoutMessage()).replace(/^TFTP: /, 'TFTP receiver: ');
      });
      // The switch says it is done; the last block may still be on its way to us.
      while (!file && !tftpError && Date.now() < deadline) await sleep(Math.min(50, deadline - Date.now()));
      if (file) return file;
      const why = tftpError ? tftpError.message : `no file arrived within ${opts.timeoutMs} ms`;
      throw new ConfigCopyError(tftpError?.reason === 'timeout' || !tftpError ? 'timeout' : 'tftp', `${what}: the switch reports success, but ${why}`);
    } finally {
      if (index !== undefined) await destroyRow(session, mib, index);
      await receiver.close();
    }
  });
}

/** running → startup on the switch itself: a save, without any file transfer. */
export async function saveRunningToStartup(session: SnmpSession, mib: ConfigCopyMib, timeoutMs: number, pollMs?: number): Promise<void> {
  const [int, COLUMN] = [intOf(mib), mib.columns];
  const what = 'SNMP copy of running-config to startup-config';
  const deadline = Date.now() + timeoutMs;
  const index = await createRow(session, mib, what, (i) => [
    int(COLUMN.sourceFileType, i, mib.fileType.runningConfig),
    int(COLUMN.destFileType, i, mib.fileType.startupConfig),
  ]);
  try {
    await awaitOutcome(session, mib, index, what, { deadline, timeoutMs, pollMs }, () => (Date.now() < deadline ? undefined : ''));
  } finally {
    await destroyRow(session, mib, index);
  }
}

// ---------------------------------------------------------------- rows

/** The server address as both the InetAddress pair and, for IPv4, the deprecated IpAddress column. */
function serverAddress(mib: ConfigCopyMib, index: number, address: string): SnmpSetValue[] {
  const [cell, int, COLUMN] = [cellOf(mib), intOf(mib), mib.columns];
  if (isIPv4(address)) {
    return [
      int(COLUMN.serverAddressType, index, INET_ADDRESS_TYPE.ipv4),
      { oid: cell(COLUMN.serverAddressRev1, index), type: 'octets', value: Buffer.from(address.split('.').map(Number)) },
      { oid: cell(COLUMN.serverAddress, index), type: 'ipaddress', value: address },
    ];
  }
  return [
    int(COLUMN.serverAddressType, index, INET_ADDRESS_TYPE.ipv6),
    { oid: cell(COLUMN.serverAddressRev1, index), type: 'octets', value: ipv6Bytes(address) },
  ];
}

/** The 16 bytes of an IPv6 address (`::` shorthand and an embedded IPv4 tail included). */
export function ipv6Bytes(address: string): Buffer {
  let text = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0) is local to this host
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** An unused-looking index: a copy table index is 1..2147483647; random so that two managers do not collide. */
const randomIndex = () => randomInt(1, 0x7fffffff);

/**
 * Create and activate a copy row; returns its index. createAndGo with every column in one
 * SET (RowStatus last, as agents expect); an agent that refuses that gets createAndWait,
 * the columns, then active, on a fresh index.
 */
async function createRow(session: SnmpSession, mib: ConfigCopyMib, what: string, columns: (index: number) => SnmpSetValue[]): Promise<number> {
  const [int, COLUMN] = [intOf(mib), mib.columns];
  const first = randomIndex();
  try {
    await session.set([...columns(first), int(COLUMN.rowStatus, first, ROW_STATUS.createAndGo)]);
    return first;
  } catch (err) {
    // Only an agent that answered "no" (an error-status) gets the second way; a timeout
    // leaves it unknown whether the row exists, and repeating would not help.
    if (!(err instanceof SnmpError) || err.kind !== 'refused') throw asCopyError(err, what);
    const goRefused = err.message;
    const index = randomIndex();
    let created = false;
    try {
      await session.set([int(COLUMN.rowStatus, index, ROW_STATUS.createAndWait)]);
      created = true;
      await session.set(columns(index));
      await session.set([int(COLUMN.rowStatus, index, ROW_STATUS.active)]);
      return index;
    } catch (err2) {
      if (created) await destroyRow(session, mib, index);
      if (!(err2 instanceof SnmpError) || err2.kind !== 'refused') throw asCopyError(err2, what);
      throw new ConfigCopyError(
        'refused',
        `${what}: the switch refused the copy request (createAndGo: ${goRefused}; createAndWait, then active: ${err2.message})`,
      );
    }
  }
}

/** Destroy a copy row; a failure here must not hide the copy's own outcome. */
async function destroyRow(session: SnmpSession, mib: ConfigCopyMib, index: number): Promise<void> {
  const [int, COLUMN] = [intOf(mib), mib.columns];
  try {
    await session.set([int(COLUMN.rowStatus, index, ROW_STATUS.destroy)]);
  } catch {
    // The agent went away or already dropped the row (agents age finished rows out after
    // some minutes): nothing more we can do from here.
  }
}

/**
 * Poll the copy's state until successful or failed. `overdue` is asked between polls: it may
 * throw to stop early, and returns text for the timeout message once time is up.
 */
async function awaitOutcome(
  session: SnmpSession,
  mib: ConfigCopyMib,
  index: number,
  what: string,
  time: { deadline: number; timeoutMs: number; pollMs?: number | undefined },
  overdue: () => string | undefined,
): Promise<void> {
  const { deadline, timeoutMs } = time;
  const [cell, COLUMN] = [cellOf(mib), mib.columns];
  let lastState: number = mib.state.waiting;
  for (;;) {
    let values: SnmpValue[];
    try {
      values = await session.get([cell(COLUMN.state, index), cell(COLUMN.failCause, index)]);
    } catch (err) {
      throw asCopyError(err, what);
    }
    const [state, cause] = values;
    if (state?.type !== 'integer') {
      throw new ConfigCopyError('snmp', `${what}: the copy row disappeared from the switch (its state reads ${state ? state.type : 'nothing'}; rebooted?)`);
    }
    lastState = state.value;
    if (state.value === mib.state.successful) return;
    if (state.value === mib.state.failed) {
      const known = cause?.type === 'integer' ? mib.failCause[cause.value] : undefined;
      const words = known ? `${known.words} (${known.name})` : `fail cause ${cause?.type === 'integer' ? cause.value : 'not given'}`;
      throw new ConfigCopyError('failed', `${what} failed on the switch: ${words}`, known?.name, cause?.type === 'integer' && cause.value === mib.noConfig);
    }
    const late = overdue();
    if (late !== undefined) {
      const word = stateWord(mib, lastState);
      throw new ConfigCopyError('timeout', `${what} timed out after ${timeoutMs} ms: the switch still reports the copy ${word}${late ? `; ${late}` : ''}`);
    }
    await sleep(Math.max(1, Math.min(time.pollMs ?? 250, deadline - Date.now())));
  }
}

function asCopyError(err: unknown, what: string): ConfigCopyError {
  if (err instanceof ConfigCopyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof SnmpError && err.kind === 'timeout') return new ConfigCopyError('timeout', `${what}: ${message}`);
  return new ConfigCopyError('snmp', `${what}: ${message}`);
}

function bindReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return 'the port is in use (another TFTP server?)';
  if (code === 'EACCES') return 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)';
  if (code === 'EADDRNOTAVAIL') return 'this host has no such address';
  return (err as Error).message;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
