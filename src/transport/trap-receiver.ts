// switchback's SNMP notification receiver: traps and informs (v1, v2c, v3) on one UDP socket,
// handed on as plain records for `switchback watch` to recognise.
//
// net-snmp's Receiver does the protocol work (BER decoding, community and USM checks, the
// Response to an inform as RFC 3416 §4.2.7 requires, the Report that answers a v3 sender's
// engine ID discovery). This module wraps it so that:
//   - every notification becomes a `TrapRecord` (no net-snmp types leak out); snmpTrapOID.0
//     is lifted out as `trapOid`; a v1 Trap-PDU is converted as RFC 3584 §3.1 says;
//   - everything refused — garbage, an unknown community, an unknown user, a wrong key, a
//     PDU that is not a notification — is counted by reason and reported as one line
//     (`TrapDrop`), never thrown: a switch sending junk must not stop the watch;
//   - communities and keys never reach a log line: net-snmp's own error messages quote the
//     refused community and carry the user's keys in `error.info`, so they are mapped to
//     our own reasons here and never passed on.
//
// v3 engine IDs (how net-snmp 3.x's Receiver treats them; see test/unit/trap-receiver.test.ts):
//   - A trap is sent by the authoritative engine, the switch itself (RFC 3414 §1.5.1): the
//     receiver localises the user's keys with whatever msgAuthoritativeEngineID the message
//     carries. So v3 traps from any switch are accepted with only the user and its passwords
//     configured, no per-switch engine ID (unlike snmptrapd's `createUser -e`). The price:
//     net-snmp keeps no notion of each sender's engineBoots/engineTime, so it does no
//     timeliness check (RFC 3414 §3.2 step 7) — a captured authentic trap can be replayed.
//     The watch treats a trap as a reason to look, never as proof, so a replay costs one check.
//   - An inform is sent to the authoritative engine, the receiver (RFC 3414 §1.5.1): the
//     sender first discovers the receiver's engine ID (a noAuth reportable request answered
//     with a usmStatsUnknownEngineIDs Report), then sends the inform localised to it.
//     That engine ID is random per process unless `engineID` is given; a switch that caches
//     it (or is configured with it, as some require for informs) needs it stable across
//     restarts, so the watch should keep one in its state and pass it here.
//     Its Reports always say engineBoots 0, engineTime 10 (net-snmp's Engine); Debian's
//     snmpinform accepts that and its authPriv informs are answered (the test shows it).
//   - A refused v3 inform (unknown user, too low a level) is answered with a Report, which
//     never reaches net-snmp's callback: those are counted where the Report is sent.
//   - net-snmp decrypts before it checks the digest (RFC 3414 orders it the other way); both
//     failures are a drop here, so the order does not matter to us.
//   - Users are found by name only: two users with one name and different passwords cannot
//     both work, so `startTrapReceiver` refuses that configuration.
//
// Runtime code: it must not import anything from src/lab. No vendor words: the rules that
// give a trap its meaning are the platforms' (src/platforms/<name>/traps.ts).

import dgram from 'node:dgram';
import type { Socket } from 'node:dgram';
import snmp from 'net-snmp';
// Key localisation split in two with the master key cached: every switch sending v3 traps
// has its own engine ID, so without it each new sender costs two million-byte hashes.
import './snmp-keys.js';

/** snmpTrapOID.0 (SNMPv2-MIB, RFC 3418): the varbind that names a v2 notification. */
export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
/** sysUpTime.0: the first varbind of every v2 notification. */
export const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
/** snmpTrapAddress.0 (SNMP-COMMUNITY-MIB, RFC 3584): a v1 trap's agent-addr, after conversion. */
const SNMP_TRAP_ADDRESS = '1.3.6.1.6.3.18.1.3.0';
/** snmpTrapEnterprise.0 (SNMPv2-MIB): a v1 trap's enterprise, after conversion. */
const SNMP_TRAP_ENTERPRISE = '1.3.6.1.6.3.1.1.4.3.0';

export type VarbindType =
  | 'boolean'
  | 'integer'
  | 'bits'
  | 'octets'
  | 'null'
  | 'oid'
  | 'ip'
  | 'counter'
  | 'gauge'
  | 'timeticks'
  | 'opaque'
  | 'counter64'
  | 'no-such-object'
  | 'no-such-instance'
  | 'end-of-mib-view'
  | 'unknown';

export interface TrapVarbind {
  /** Numeric, no leading dot. */
  oid: string;
  type: VarbindType;
  /**
   * Numbers as numbers (counter64 as a decimal string: it may not fit); OIDs and addresses
   * as text; octets as text when they are printable UTF-8, otherwise as `hex`. null for
   * null and the exception values.
   */
  value: string | number | boolean | null;
  /** The octets, hex, when `type` is 'octets' or 'opaque' (text or not: a MAC is octets). */
  hex?: string;
}

interface TrapRecordBase {
  kind: 'trap';
  /** The sender's address (the UDP source), as the watch finds the device by it. */
  from: string;
  fromPort: number;
  /** An inform (acknowledged with a Response before this record is handed on) or a trap. */
  inform: boolean;
  /** snmpTrapOID.0, numeric; for a v1 trap the RFC 3584 translation. */
  trapOid: string;
  /** Every varbind as received (sysUpTime.0 and snmpTrapOID.0 included). */
  varbinds: TrapVarbind[];
  receivedAt: Date;
}

export type TrapRecord =
  | (TrapRecordBase & {
      version: '1' | '2c';
      /** The community it was accepted with: a secret, never log it. */
      community: string;
    })
  | (TrapRecordBase & {
      version: '3';
      user: string;
      /** msgAuthoritativeEngineID, hex: for a trap the sender's engine, for an inform ours. */
      engineID: string;
    });

export type TrapDropReason =
  /** Not a decodable SNMP message (BER, version, PDU type). */
  | 'malformed'
  /** v1 / v2c with a community not in the list. */
  | 'unknown-community'
  /** v3 with a user name not in the list. */
  | 'unknown-user'
  /** v3 with a lower security level than the user requires (e.g. noAuth for an authPriv user). */
  | 'security-level'
  /** v3 digest did not match: wrong auth password (or a tampered message). */
  | 'auth-failed'
  /** v3 privacy: the PDU did not decrypt (wrong priv password). */
  | 'decrypt-failed'
  /** A decodable message that is not a notification (a Get, a Set, a Response…). */
  | 'not-a-notification'
  /** A v2 notification without snmpTrapOID.0 as its second varbind (RFC 3416 §4.2.6). */
  | 'no-trap-oid'
  /** The socket reported an error after start. */
  | 'socket-error';

export interface TrapDrop {
  from?: string;
  reason: TrapDropReason;
  /** One line, safe to log: no community, no key, no digest. */
  detail: string;
  at: Date;
}

export interface TrapUser {
  name: string;
  auth: { protocol: 'sha' | 'sha256'; key: string };
  priv: { protocol: 'aes'; key: string };
}

export interface TrapReceiverOptions {
  /** Address to listen on ('0.0.0.0' for all IPv4, '::' for all IPv6). */
  address: string;
  /** UDP port; 0 picks a free one (read it back from the receiver). */
  port: number;
  /** v1 / v2c communities accepted (secrets). Empty: v1 / v2c refused. */
  communities: readonly string[];
  /** v3 users accepted (authPriv only, as the inventory allows). Empty: v3 refused. */
  users: readonly TrapUser[];
  /** Our snmpEngineID, hex (5 to 32 octets), for v3 informs; absent: a random one per start. */
  engineID?: string;
  /** The socket's receive buffer (SO_RCVBUF), bytes; default 4 MiB. */
  receiveBufferBytes?: number;
  onTrap: (record: TrapRecord) => void;
  onDrop?: (drop: TrapDrop) => void;
}

export interface TrapReceiverCounts {
  received: number;
  informs: number;
  dropped: Record<TrapDropReason, number>;
}

export interface TrapReceiver {
  readonly address: string;
  readonly port: number;
  /** Our snmpEngineID, hex: what a v3 inform sender discovers (configure it on switches that need it). */
  readonly engineID: string;
  counts(): TrapReceiverCounts;
  /** Stops listening; resolves when the socket is closed. Safe to call twice. */
  close(): Promise<void>;
}

const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
const PDU_TRAP_V1 = 164;
const PDU_INFORM = 166;
const PDU_REPORT = 168;

/** usmStats… OIDs a Report carries (RFC 3414 §5): which refusal it was. */
const USM_STATS = '1.3.6.1.6.3.15.1.1.';
const REPORT_REASONS: Record<string, { reason: TrapDropReason; detail: string } | undefined> = {
  '1': { reason: 'security-level', detail: 'v3 security level below the user’s (answered with a Report)' },
  '3': { reason: 'unknown-user', detail: 'v3 user not configured (answered with a Report)' },
  // '4' (unknown engine ID) is the discovery step of every v3 inform: not a drop.
  '5': { reason: 'security-level', detail: 'v3 message without the authentication its user requires (answered with a Report)' },
};

const TYPE_NAMES: Record<number, VarbindType> = {
  1: 'boolean',
  2: 'integer',
  3: 'bits',
  4: 'octets',
  5: 'null',
  6: 'oid',
  64: 'ip',
  65: 'counter',
  66: 'gauge',
  67: 'timeticks',
  68: 'opaque',
  70: 'counter64',
  128: 'no-such-object',
  129: 'no-such-instance',
  130: 'end-of-mib-view',
};

const AUTH = { sha: snmp.AuthProtocols.sha, sha256: snmp.AuthProtocols.sha256 } as const;

/** What net-snmp hands to its callback (its typings say `any`). */
interface RawVarbind {
  oid: string;
  type: number;
  value: unknown;
}
interface RawPdu {
  type: number;
  varbinds?: RawVarbind[];
  enterprise?: string;
  agentAddr?: string;
  generic?: number;
  specific?: number;
  upTime?: number;
  community?: string;
  user?: string;
}
interface RawNotification {
  pdu: RawPdu;
  rinfo: { address: string; port: number };
}
interface RawError {
  name?: string;
  code?: number;
  message?: string;
  rinfo?: { address: string };
}
interface NetSnmpReceiver {
  close(callback?: () => void): void;
  getAuthorizer(): { addCommunity(c: string): void; addUser(u: object): void };
  engine: { engineID: Buffer };
  listener: { send(message: { pdu?: RawPdu }, rinfo: { address: string }, socket: Socket): void };
}

function newCounts(): TrapReceiverCounts {
  return {
    received: 0,
    informs: 0,
    dropped: {
      malformed: 0,
      'unknown-community': 0,
      'unknown-user': 0,
      'security-level': 0,
      'auth-failed': 0,
      'decrypt-failed': 0,
      'not-a-notification': 0,
      'no-trap-oid': 0,
      'socket-error': 0,
    },
  };
}

/** Printable UTF-8 (tabs and line ends allowed) shows as text; anything else only as hex. */
function printable(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return undefined;
  // eslint-disable-next-line no-control-regex
  return /^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$/.test(text) ? text : undefined;
}

function plainVarbind(raw: RawVarbind): TrapVarbind {
  const type = TYPE_NAMES[raw.type] ?? 'unknown';
  const value = raw.value;
  if (Buffer.isBuffer(value)) {
    if (type === 'counter64') {
      // net-snmp hands Counter64 as its big-endian bytes.
      return { oid: raw.oid, type, value: value.length ? BigInt(`0x${value.toString('hex')}`).toString() : '0' };
    }
    return { oid: raw.oid, type, value: printable(value) ?? null, hex: value.toString('hex') };
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { oid: raw.oid, type, value };
  if (typeof value === 'bigint') return { oid: raw.oid, type, value: value.toString() };
  return { oid: raw.oid, type, value: null };
}

/**
 * A v1 Trap-PDU as the v2 notification RFC 3584 §3.1 makes of it: snmpTrapOID is
 * snmpTraps.(generic+1) for the six generic traps, else enterprise.0.specific; varbinds
 * sysUpTime.0, snmpTrapOID.0, the original ones, then snmpTrapAddress.0 and
 * snmpTrapEnterprise.0 (snmpTrapCommunity.0 is left out: it is a secret).
 */
function fromV1(pdu: RawPdu): { trapOid: string; varbinds: TrapVarbind[] } | undefined {
  const { enterprise, generic, specific } = pdu;
  if (typeof enterprise !== 'string' || typeof generic !== 'number' || typeof specific !== 'number') return undefined;
  const trapOid = generic >= 0 && generic < 6 ? `1.3.6.1.6.3.1.1.5.${generic + 1}` : `${enterprise}.0.${specific}`;
  return {
    trapOid,
    varbinds: [
      { oid: SYS_UP_TIME, type: 'timeticks', value: pdu.upTime ?? 0 },
      { oid: SNMP_TRAP_OID, type: 'oid', value: trapOid },
      ...(pdu.varbinds ?? []).map(plainVarbind),
      ...(pdu.agentAddr ? [{ oid: SNMP_TRAP_ADDRESS, type: 'ip' as const, value: pdu.agentAddr }] : []),
      { oid: SNMP_TRAP_ENTERPRISE, type: 'oid', value: enterprise },
    ],
  };
}

/** net-snmp's refusal, in our words: the reason and a line with no secret in it. */
function classify(error: RawError): { reason: TrapDropReason; detail: string } {
  const message = error.message ?? '';
  if (error.name === 'ProcessingError') return { reason: 'malformed', detail: 'not a decodable SNMP message' };
  if (error.name === 'ResponseInvalidError') {
    if (error.code === 4) return { reason: 'decrypt-failed', detail: 'v3 PDU did not decrypt (wrong privacy password?)' };
    if (error.code === 5) return { reason: 'auth-failed', detail: 'v3 digest does not match (wrong authentication password?)' };
    return { reason: 'malformed', detail: 'invalid SNMP message' };
  }
  if (error.name === 'RequestFailedError') {
    if (/community/i.test(message)) return { reason: 'unknown-community', detail: 'community not accepted' };
    if (/requires (authentication|privacy)/i.test(message)) return { reason: 'security-level', detail: 'v3 security level below the user’s' };
    return { reason: 'unknown-user', detail: 'v3 user not configured' };
  }
  if (error.name === 'RequestInvalidError') return { reason: 'not-a-notification', detail: 'not a trap or an inform' };
  return { reason: 'malformed', detail: 'refused by the SNMP decoder' };
}

function checkUsers(users: readonly TrapUser[]): void {
  const byName = new Map<string, TrapUser>();
  for (const user of users) {
    const seen = byName.get(user.name);
    if (!seen) byName.set(user.name, user);
    else if (seen.auth.protocol !== user.auth.protocol || seen.auth.key !== user.auth.key || seen.priv.key !== user.priv.key) {
      // Never the keys in the message: only which user.
      throw new Error(
        `SNMPv3 user "${user.name}" is configured twice with different protocols or passwords; a receiver finds users by name, so only one set can work`,
      );
    }
  }
}

/**
 * Listens for notifications until `close()`. Rejects only when it cannot start (address in
 * use, no permission for a port below 1024, a contradictory user list); once listening,
 * nothing a sender does makes it throw.
 */
export function startTrapReceiver(options: TrapReceiverOptions): Promise<TrapReceiver> {
  try {
    checkUsers(options.users);
    // RFC 3411 SnmpEngineID: 5 to 32 octets. net-snmp would take any string and make bytes of it.
    if (options.engineID !== undefined && !/^(0x)?([0-9a-f]{2}){5,32}$/i.test(options.engineID)) {
      throw new Error(`SNMP engine ID must be 5 to 32 octets in hex, got ${JSON.stringify(options.engineID)}`);
    }
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const counts = newCounts();
  const sockets: Socket[] = [];
  let started = false;
  let failStart: ((error: Error) => void) | undefined;

  const drop = (reason: TrapDropReason, detail: string, from?: string): void => {
    counts.dropped[reason]++;
    if (!options.onDrop) return;
    try {
      options.onDrop({ ...(from ? { from } : {}), reason, detail, at: new Date() });
    } catch {
      // A consumer's bug must not take the socket down with it.
    }
  };

  const hand = (raw: RawNotification): void => {
    const { pdu, rinfo } = raw;
    let trapOid: string | undefined;
    let varbinds: TrapVarbind[];
    if (pdu.type === PDU_TRAP_V1) {
      const converted = fromV1(pdu);
      if (!converted) return drop('malformed', 'v1 trap without enterprise / generic / specific', rinfo.address);
      ({ trapOid, varbinds } = converted);
    } else {
      varbinds = (pdu.varbinds ?? []).map(plainVarbind);
      // RFC 3416 §4.2.6: sysUpTime.0 first, snmpTrapOID.0 second; found by OID to be lenient.
      const named = varbinds.find((v) => v.oid === SNMP_TRAP_OID);
      trapOid = named && named.type === 'oid' && typeof named.value === 'string' ? named.value : undefined;
      if (!trapOid) return drop('no-trap-oid', `${pdu.type === PDU_INFORM ? 'inform' : 'trap'} without snmpTrapOID.0`, rinfo.address);
    }
    const base = {
      kind: 'trap' as const,
      from: rinfo.address,
      fromPort: rinfo.port,
      inform: pdu.type === PDU_INFORM,
      trapOid,
      varbinds,
      receivedAt: new Date(),
    };
    counts.received++;
    if (base.inform) counts.informs++;
    const record: TrapRecord =
      pdu.user !== undefined
        ? { ...base, version: '3', user: pdu.user, engineID: (raw as { engineID?: string }).engineID ?? '' }
        : { ...base, version: pdu.type === PDU_TRAP_V1 ? '1' : '2c', community: pdu.community ?? '' };
    try {
      options.onTrap(record);
    } catch {
      // As for onDrop: the receiver outlives its consumer's mistakes.
    }
  };

  return new Promise<TrapReceiver>((resolve, reject) => {
    failStart = reject;
    let receiver: NetSnmpReceiver;
    // The authoritative engine ID of the message being handled, for the v3 record: net-snmp's
    // callback data does not carry it, so it is read from the datagram before net-snmp sees it.
    let lastEngineID: string | undefined;
    try {
      receiver = snmp.createReceiver(
        {
          address: options.address,
          port: options.port,
          transport: options.address.includes(':') ? 'udp6' : 'udp4',
          includeAuthentication: true,
          disableAuthorization: false,
          ...(options.engineID ? { engineID: options.engineID } : {}),
          dgramModule: {
            createSocket: (type: 'udp4' | 'udp6') => {
              // A stack that reloads sends a burst, and a storm is thousands a second: a
              // larger receive buffer holds them while they are decoded (Linux caps it at
              // net.core.rmem_max, silently).
              const socket = dgram.createSocket({ type, recvBufferSize: options.receiveBufferBytes ?? RECEIVE_BUFFER_BYTES });
              // net-snmp turns port 0 into 162 (`port || 162`): bind the port we were given.
              const bind = socket.bind.bind(socket) as (port: number, address?: string) => Socket;
              (socket as { bind: unknown }).bind = (_port: number, address?: string) => bind(options.port, address);
              // net-snmp decodes inside a try, but builds its Reports and Responses outside
              // one: a datagram that trips those would throw from the socket's event and end
              // the process. Every 'message' listener it adds is guarded here.
              const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => void) => Socket;
              (socket as { on: unknown }).on = (event: string, listener: (...args: unknown[]) => void) =>
                on(
                  event,
                  event !== 'message'
                    ? listener
                    : (...args: unknown[]) => {
                        try {
                          listener(...args);
                        } catch {
                          drop('malformed', 'the SNMP decoder failed on this message', (args[1] as { address?: string } | undefined)?.address);
                        }
                      },
                );
              sockets.push(socket);
              return socket;
            },
          },
        },
        (error: RawError | null, data: RawNotification | null) => {
          try {
            if (error) {
              if (!error.rinfo && !started) {
                failStart?.(new Error(`SNMP notification receiver on ${options.address}:${options.port}: ${error.message ?? 'socket error'}`));
                failStart = undefined;
                try {
                  receiver.close();
                } catch {
                  // The socket never bound: nothing to release.
                }
                return;
              }
              if (!error.rinfo) return drop('socket-error', `socket error: ${(error as { code?: unknown }).code ?? 'unknown'}`);
              const { reason, detail } = classify(error);
              return drop(reason, detail, error.rinfo.address);
            }
            if (data) hand({ ...data, ...(lastEngineID ? { engineID: lastEngineID } : {}) } as RawNotification);
          } catch {
            drop('malformed', 'notification could not be read', data?.rinfo?.address ?? error?.rinfo?.address);
          }
        },
      ) as NetSnmpReceiver;
    } catch (error) {
      reject(new Error(`SNMP notification receiver on ${options.address}:${options.port}: ${(error as Error).message}`));
      return;
    }

    const authorizer = receiver.getAuthorizer();
    for (const community of options.communities) authorizer.addCommunity(community);
    for (const user of options.users) {
      authorizer.addUser({
        name: user.name,
        level: snmp.SecurityLevel.authPriv,
        authProtocol: AUTH[user.auth.protocol],
        authKey: user.auth.key,
        privProtocol: snmp.PrivProtocols.aes,
        privKey: user.priv.key,
      });
    }

    // Reports net-snmp sends for refused v3 informs never reach its callback: count them
    // here, where they are sent. (usmStatsUnknownEngineIDs is discovery, not a refusal.)
    const send = receiver.listener.send.bind(receiver.listener);
    receiver.listener.send = (message, rinfo, socket) => {
      const pdu = message.pdu;
      if (pdu?.type === PDU_REPORT) {
        const stat = pdu.varbinds?.[0]?.oid;
        const which = stat?.startsWith(USM_STATS) ? stat.slice(USM_STATS.length).split('.')[0] : undefined;
        const known = which ? REPORT_REASONS[which] : undefined;
        if (known) drop(known.reason, known.detail, rinfo.address);
      }
      try {
        send(message, rinfo, socket);
      } catch {
        drop('socket-error', 'could not send a Response or Report', rinfo.address);
      }
    };

    // The v3 record names the authoritative engine: read it from each datagram before
    // net-snmp handles it (msgAuthoritativeEngineID is in the clear, RFC 3412 §6).
    const socket = sockets[0];
    if (!socket) {
      reject(new Error('SNMP notification receiver: no socket was created'));
      return;
    }
    socket.prependListener('message', (buffer: Buffer) => {
      lastEngineID = authoritativeEngineID(buffer);
    });

    socket.once('listening', () => {
      started = true;
      const bound = socket.address();
      let closed: Promise<void> | undefined;
      resolve({
        address: bound.address,
        port: bound.port,
        engineID: receiver.engine.engineID.toString('hex'),
        counts: () => structuredClone(counts),
        close: () =>
          (closed ??= new Promise<void>((done) => {
            try {
              receiver.close(() => done());
            } catch {
              done();
            }
          })),
      });
    });
  });
}

/**
 * msgAuthoritativeEngineID of a v3 message, hex, or undefined for v1 / v2c or anything that
 * does not decode. Only the unencrypted header is read (RFC 3412 §6, RFC 3414 §2.4).
 */
function authoritativeEngineID(buffer: Buffer): string | undefined {
  try {
    const reader = new Ber(buffer);
    reader.sequence();
    if (reader.integer() !== 3) return undefined;
    reader.sequence(); // msgGlobalData
    reader.skip();
    reader.skip();
    reader.skip();
    reader.skip();
    const params = new Ber(reader.octets()); // msgSecurityParameters, an OCTET STRING holding a SEQUENCE
    params.sequence();
    return params.octets().toString('hex');
  } catch {
    return undefined;
  }
}

/** Just enough BER to read a v3 header: definite lengths only, as SNMP uses. */
class Ber {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  private header(expect?: number): { tag: number; length: number } {
    const tag = this.byte();
    if (expect !== undefined && tag !== expect) throw new Error('unexpected tag');
    let length = this.byte();
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new Error('bad length');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + this.byte();
    }
    if (this.at + length > this.bytes.length) throw new Error('short');
    return { tag, length };
  }
  private byte(): number {
    const b = this.bytes[this.at++];
    if (b === undefined) throw new Error('short');
    return b;
  }
  sequence(): void {
    this.header(0x30);
  }
  integer(): number {
    const { length } = this.header(0x02);
    let value = 0;
    for (let i = 0; i < length; i++) value = value * 256 + this.byte();
    return value;
  }
  octets(): Buffer {
    const { length } = this.header(0x04);
    const value = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
  skip(): void {
    const { length } = this.header();
    this.at += length;
  }
}
