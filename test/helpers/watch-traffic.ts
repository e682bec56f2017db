// What a network sends `switchback watch`, made by hand for tests: SNMPv2c traps encoded here
// (BER, RFC 3416 §3 + X.690) rather than by net-snmp, so a storm can send a hundred thousand
// of them without building each one, and so the watch's decoder is checked against bytes it
// did not make itself; syslog lines as raw datagrams; and garbage of both kinds. Each comes
// from a given source address (a lab switch's loopback address): the watch knows a switch by
// the address its datagrams come from.

import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { bindUdp } from '../../src/transport/udp.js';

/** sysUpTime.0 and snmpTrapOID.0: the two varbinds every v2 notification starts with (RFC 3416 §4.2.6). */
const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';

export type TrapValue =
  | { type: 'integer'; value: number }
  | { type: 'octets'; value: string }
  | { type: 'oid'; value: string }
  | { type: 'timeticks'; value: number }
  | { type: 'gauge'; value: number };

export interface TrapSpec {
  /** snmpTrapOID.0, numeric. */
  oid: string;
  /** The varbinds after sysUpTime.0 and snmpTrapOID.0. */
  varbinds?: { oid: string; value: TrapValue }[];
  community: string;
  /** sysUpTime.0, hundredths of a second. */
  uptime?: number;
  requestId?: number;
  /** An InformRequest (0xA6) rather than an SNMPv2-Trap (0xA7). */
  inform?: boolean;
}

// ---- BER (X.690 §8), only what an SNMPv2c notification needs ----

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(body.length), body]);

/** A signed INTEGER's two's complement, in the fewest octets (X.690 §8.3.2). */
function intBody(n: number): Buffer {
  const bytes: number[] = [];
  let v = BigInt(Math.trunc(n));
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Buffer.from(bytes);
}

/** An unsigned 32-bit value (Gauge32, TimeTicks): a leading 0 octet when the top bit is set. */
function uintBody(n: number): Buffer {
  const body = intBody(n >>> 0);
  return body;
}

function oidBody(oid: string): Buffer {
  const arcs = oid.replace(/^\./, '').split('.').map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isInteger(a) || a < 0)) throw new Error(`not a numeric OID: ${oid}`);
  const out: number[] = [];
  const push = (arc: number) => {
    const groups: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return Buffer.from(out);
}

function value(v: TrapValue): Buffer {
  switch (v.type) {
    case 'integer':
      return tlv(0x02, intBody(v.value));
    case 'octets':
      return tlv(0x04, Buffer.from(v.value, 'utf8'));
    case 'oid':
      return tlv(0x06, oidBody(v.value));
    case 'gauge':
      return tlv(0x42, uintBody(v.value));
    case 'timeticks':
      return tlv(0x43, uintBody(v.value));
  }
}

const varbind = (oid: string, v: TrapValue): Buffer => tlv(0x30, Buffer.concat([tlv(0x06, oidBody(oid)), value(v)]));

/** One SNMPv2c notification, as the bytes of its UDP datagram. */
export function encodeTrap(spec: TrapSpec): Buffer {
  const varbinds = [
    varbind(SYS_UP_TIME, { type: 'timeticks', value: spec.uptime ?? 4200 }),
    varbind(SNMP_TRAP_OID, { type: 'oid', value: spec.oid }),
    ...(spec.varbinds ?? []).map((vb) => varbind(vb.oid, vb.value)),
  ];
  const pdu = tlv(
    spec.inform ? 0xa6 : 0xa7,
    Buffer.concat([tlv(0x02, intBody(spec.requestId ?? 1)), tlv(0x02, intBody(0)), tlv(0x02, intBody(0)), tlv(0x30, Buffer.concat(varbinds))]),
  );
  // version 1 is SNMPv2c (RFC 1901).
  return tlv(0x30, Buffer.concat([tlv(0x02, intBody(1)), tlv(0x04, Buffer.from(spec.community, 'utf8')), pdu]));
}

/**
 * Datagrams a trap receiver must refuse without falling over: not BER at all, BER cut short,
 * an empty datagram, a length of four gigabytes, and a well-formed GetRequest (not a
 * notification). One of each, in a fixed order. (An outer length that merely runs past the
 * end is not here: net-snmp's reader decodes the contents regardless, so such a trap is
 * delivered, not dropped.)
 */
export function malformedTraps(community: string): Buffer[] {
  const good = encodeTrap({ oid: '1.3.6.1.6.3.1.1.5.1', community });
  const get = tlv(
    0x30,
    Buffer.concat([
      tlv(0x02, intBody(1)),
      tlv(0x04, Buffer.from(community)),
      tlv(
        0xa0,
        Buffer.concat([tlv(0x02, intBody(7)), tlv(0x02, intBody(0)), tlv(0x02, intBody(0)), tlv(0x30, varbind(SYS_UP_TIME, { type: 'integer', value: 0 }))]),
      ),
    ]),
  );
  return [Buffer.from('this is not SNMP\n'), good.subarray(0, good.length - 7), Buffer.alloc(0), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), get];
}

/**
 * Datagrams a syslog receiver must refuse: empty, binary, a PRI out of range, and one past
 * the 8192-byte cap. (Text with no PRI at all is not here: RFC 3164 §4.3.3 has a relay
 * accept it as a message of unknown priority, and the receiver does.)
 */
export function malformedSyslog(): Buffer[] {
  return [
    Buffer.alloc(0),
    Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x02]),
    Buffer.from('<999>Dec  7 20:00:00 sw %SYS-5-RESTART: nope'),
    Buffer.from(`<189>Dec  7 20:00:00 sw ${'x'.repeat(9000)}`),
  ];
}

// ---- Sending ----

export interface Target {
  host: string;
  port: number;
}

/** A UDP socket bound to `address` (any 127.x.y.z works on Linux without setup). */
async function socketFrom(address: string): Promise<Socket> {
  const s = createSocket('udp4');
  await bindUdp(s, 0, address);
  return s;
}

const sendOne = (s: Socket, bytes: Buffer, to: Target) =>
  new Promise<void>((resolve, reject) => s.send(bytes, to.port, to.host, (err) => (err ? reject(err) : resolve())));

/** Send each datagram once, in order, from `from`; resolves when all were handed to the kernel. */
export async function sendDatagrams(from: string, to: Target, datagrams: readonly Buffer[]): Promise<void> {
  const s = await socketFrom(from);
  try {
    for (const d of datagrams) await sendOne(s, d, to);
  } finally {
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** An RFC 3164 line as a switch frames it: `<PRI>Mmm dd hh:mm:ss HOST MSG`. PRI 189 is local7.notice. */
export function syslogLine(host: string, text: string, at = new Date(), pri = 189): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${months[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2, ' ')} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `<${pri}>${stamp} ${host} ${text}`;
}

/** Syslog lines as datagrams from `from`. */
export function sendSyslog(from: string, to: Target, lines: readonly string[]): Promise<void> {
  return sendDatagrams(
    from,
    to,
    lines.map((l) => Buffer.from(l, 'utf8')),
  );
}

export interface BlastSource {
  /** The address the datagrams leave from (a lab switch's). */
  address: string;
  /** Sent round-robin, over and over. */
  datagrams: readonly Buffer[];
}

export interface BlastResult {
  /** Handed to the kernel without an error. */
  sent: number;
  /** send() reported an error (ENOBUFS, EAGAIN…): the kernel did not take it. */
  failed: number;
  /** Per source address, how many were sent. */
  bySource: Record<string, number>;
  elapsedMs: number;
  /** sent / elapsed seconds: what the machine managed, against the rate asked for. */
  achievedPerSecond: number;
}

/**
 * `rate` datagrams a second for `seconds`, from every source in turn, to `to`. Paced by the
 * clock: every few milliseconds it sends what is due by now (rate × elapsed), so a slow tick
 * is made up at the next, and the total is rate × seconds unless the machine cannot keep up —
 * then it stops at the end of the time anyway and the result says how many went (a test
 * prints it rather than pretending). At most `inFlight` sends wait in libuv at once, so a
 * kernel that pushes back cannot make the test's memory grow without bound.
 */
export async function blast(opts: { to: Target; sources: readonly BlastSource[]; rate: number; seconds: number; inFlight?: number }): Promise<BlastResult> {
  const sockets = await Promise.all(opts.sources.map((s) => socketFrom(s.address)));
  const total = Math.round(opts.rate * opts.seconds);
  const limit = opts.inFlight ?? 4096;
  const bySource: Record<string, number> = Object.fromEntries(opts.sources.map((s) => [s.address, 0]));
  const cursor = opts.sources.map(() => 0);
  let queued = 0;
  let sent = 0;
  let failed = 0;
  let pending = 0;
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  try {
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - start) / 1000) * opts.rate));
        while (queued < due && pending < limit) {
          const i = queued % opts.sources.length;
          const src = opts.sources[i]!;
          const bytes = src.datagrams[cursor[i]! % src.datagrams.length]!;
          cursor[i]! += 1;
          queued += 1;
          pending += 1;
          sockets[i]!.send(bytes, opts.to.port, opts.to.host, (err) => {
            pending -= 1;
            if (err) failed += 1;
            else {
              sent += 1;
              bySource[src.address]! += 1;
            }
          });
        }
        if (queued >= total || now >= deadline) {
          const drain = () => (pending === 0 ? resolve() : setTimeout(drain, 5));
          drain();
        } else setTimeout(tick, 2);
      };
      tick();
    });
  } finally {
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  const elapsedMs = performance.now() - start;
  return { sent, failed, bySource, elapsedMs: Math.round(elapsedMs), achievedPerSecond: Math.round(sent / (elapsedMs / 1000)) };
}
