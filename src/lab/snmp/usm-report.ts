// The usmStats report an SNMPv3 agent sends when a message's digest or encryption
// does not check out (RFC 3414 3.2 steps 6 and 8): it is what tells a manager
// "wrong key" instead of a bare timeout. net-snmp's agent drops such messages
// silently, so the lab encodes the report itself: just enough BER to read the
// request's clear-text header and to write one Report PDU.

const USM_STATS = '1.3.6.1.6.3.15.1.1';

/** The usmStats counters the lab reports, with their arc under usmStats. */
const USM_COUNTER_ARC = { wrongDigests: 5, decryptionErrors: 6 } as const;
export type UsmCounter = keyof typeof USM_COUNTER_ARC;

/** A BER TLV: tag, content start and end (exclusive) within the buffer. */
function readTlv(buf: Buffer, at: number): { tag: number; start: number; end: number } | null {
  if (at + 2 > buf.length) return null;
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const octets = len & 0x7f;
    if (octets === 0 || octets > 4 || start + octets > buf.length) return null;
    len = 0;
    for (let i = 0; i < octets; i++) len = len * 256 + buf[start + i]!;
    start += octets;
  }
  const end = start + len;
  return end <= buf.length ? { tag, start, end } : null;
}

function readInteger(buf: Buffer, tlv: { start: number; end: number }): number {
  let n = 0;
  for (let i = tlv.start; i < tlv.end; i++) n = n * 256 + buf[i]!;
  return n;
}

/** msgID and msgFlags from an SNMPv3 message's clear-text header; null if it is not one. */
export function readV3Header(buf: Buffer): { msgId: number; flags: number } | null {
  const message = readTlv(buf, 0);
  if (message?.tag !== 0x30) return null;
  const version = readTlv(buf, message.start);
  if (version?.tag !== 0x02 || readInteger(buf, version) !== 3) return null;
  const header = readTlv(buf, version.end);
  if (header?.tag !== 0x30) return null;
  const msgId = readTlv(buf, header.start);
  const maxSize = msgId && readTlv(buf, msgId.end);
  const flags = maxSize && readTlv(buf, maxSize.end);
  if (msgId?.tag !== 0x02 || !flags || flags.tag !== 0x04 || flags.end - flags.start !== 1) return null;
  return { msgId: readInteger(buf, msgId), flags: buf[flags.start]! };
}

function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const head = len < 0x80 ? Buffer.from([tag, len]) : len < 0x100 ? Buffer.from([tag, 0x81, len]) : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([head, content]);
}

/** A non-negative integer in minimal two's complement (tag 0x02 INTEGER, 0x41 Counter32). */
function unsigned(tag: number, n: number): Buffer {
  const bytes: number[] = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

function oidBytes(oid: string): Buffer {
  const [a = 0, b = 0, ...rest] = oid.split('.').map(Number);
  const out = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/**
 * An unauthenticated SNMPv3 Report carrying one usmStats counter, answering the
 * request with `msgId` (RFC 3412 7.1, RFC 3414 3.2). Managers match it to their
 * request by msgID; the request-id inside is 0 because the PDU could not be read.
 */
export function encodeUsmReport(r: {
  msgId: number;
  engineId: Buffer;
  engineBoots: number;
  engineTime: number;
  counter: UsmCounter;
  counterValue: number;
}): Buffer {
  const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
  const octets = (b: Buffer) => tlv(0x04, b);
  const int = (n: number) => unsigned(0x02, n);
  const header = seq(int(r.msgId), int(65507), octets(Buffer.from([0x00])), int(3));
  const usm = octets(seq(octets(r.engineId), int(r.engineBoots), int(r.engineTime), octets(Buffer.alloc(0)), octets(Buffer.alloc(0)), octets(Buffer.alloc(0))));
  const counterOid = `${USM_STATS}.${USM_COUNTER_ARC[r.counter]}.0`;
  const varbinds = seq(seq(oidBytes(counterOid), unsigned(0x41, r.counterValue)));
  const reportPdu = tlv(0xa8, Buffer.concat([int(0), int(0), int(0), varbinds]));
  const scoped = seq(octets(r.engineId), octets(Buffer.alloc(0)), reportPdu);
  return seq(int(3), header, usm, scoped);
}
