// TFTP (RFC 1350) on the wire, shared by switchback's receiver and sender: packet
// layouts, error codes, and the few socket habits both need. The lab's TFTP client
// keeps its own copy on purpose (src/lab/tftp-*.ts): the two sides must meet only
// on the wire, so a shared misunderstanding of the protocol cannot hide here.
//
// Runtime code: it must not import anything from src/lab.

import type { Socket } from 'node:dgram';

export const OPCODE = { RRQ: 1, WRQ: 2, DATA: 3, ACK: 4, ERROR: 5 } as const;

/** TFTP error codes (RFC 1350 appendix). */
export const TFTP_ERROR = {
  notDefined: 0,
  fileNotFound: 1,
  accessViolation: 2,
  diskFull: 3,
  illegalOperation: 4,
  unknownTransferId: 5,
  fileExists: 6,
  noSuchUser: 7,
} as const;

/** RFC 1350 fixes the block size; we never acknowledge the RFC 2348 blksize option. */
export const BLOCK_SIZE = 512;
/** Block numbers are 16 bits. Past 65535 senders wrap to 0 (the common convention; RFC 1350 is silent). */
export const BLOCK_MODULO = 0x10000;

export type Packet =
  | { op: 'request'; write: boolean; filename: string; mode: string }
  | { op: 'data'; block: number; data: Buffer }
  | { op: 'ack'; block: number }
  | { op: 'error'; code: number; message: string };

/** Decode a packet; null when it is not a well-formed TFTP packet. */
export function decode(msg: Buffer): Packet | null {
  if (msg.length < 4) return null;
  const opcode = msg.readUInt16BE(0);
  switch (opcode) {
    case OPCODE.RRQ:
    case OPCODE.WRQ: {
      // filename NUL mode NUL [option NUL value NUL]... — options (RFC 2347) are ignored,
      // which per RFC 2347 makes the peer fall back to plain RFC 1350.
      const fields = msg.subarray(2).toString('latin1').split('\0');
      const [filename, mode] = fields;
      if (filename === undefined || mode === undefined || fields.length < 3 || filename === '') return null;
      return { op: 'request', write: opcode === OPCODE.WRQ, filename, mode };
    }
    case OPCODE.DATA:
      return { op: 'data', block: msg.readUInt16BE(2), data: msg.subarray(4) };
    case OPCODE.ACK:
      return { op: 'ack', block: msg.readUInt16BE(2) };
    case OPCODE.ERROR: {
      const end = msg.indexOf(0, 4);
      return { op: 'error', code: msg.readUInt16BE(2), message: msg.subarray(4, end < 0 ? undefined : end).toString('latin1') };
    }
    default:
      return null;
  }
}

export function ackPacket(block: number): Buffer {
  const p = Buffer.alloc(4);
  p.writeUInt16BE(OPCODE.ACK, 0);
  p.writeUInt16BE(block, 2);
  return p;
}

export function dataPacket(block: number, chunk: Buffer): Buffer {
  const p = Buffer.alloc(4 + chunk.length);
  p.writeUInt16BE(OPCODE.DATA, 0);
  p.writeUInt16BE(block, 2);
  chunk.copy(p, 4);
  return p;
}

export function errorPacket(code: number, message: string): Buffer {
  const text = Buffer.from(message, 'latin1');
  const p = Buffer.alloc(4 + text.length + 1);
  p.writeUInt16BE(OPCODE.ERROR, 0);
  p.writeUInt16BE(code, 2);
  text.copy(p, 4);
  return p;
}

export function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}

/** A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; compare the IPv4 address itself. */
export function sameHost(a: string, b: string): boolean {
  const plain = (x: string) => x.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
  return plain(a) === plain(b);
}

export function send(socket: Socket, packet: Buffer, to: { address: string; port: number }): void {
  // A send can only fail locally (socket closed during shutdown); the peer's retransmission
  // or our own timeout handles a lost packet, so there is nothing useful to do with the error.
  socket.send(packet, to.port, to.address, () => undefined);
}
