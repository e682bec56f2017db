// The lab switch's TFTP client: how a simulated switch pushes its configuration to a
// TFTP server when a manager asks for a copy (over SNMP or from its CLI). RFC 1350 write request, octet mode, 512-byte
// blocks, retransmission on timeout, and a clear error when it gives up.
//
// Deliberately independent of switchback's receiver (src/transport/tftp-receiver.ts):
// the two meet only on the wire, so a shared misunderstanding of the protocol cannot
// hide in shared code.

import dgram from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';
import { isIPv6 } from 'node:net';

const OPCODE = { WRQ: 2, DATA: 3, ACK: 4, ERROR: 5 } as const;
const BLOCK_SIZE = 512;
/** 16-bit block numbers; after 65535 we continue with 0, as most implementations do. */
const BLOCK_MODULO = 0x10000;
/** RFC 1350 error code 5: a packet from the wrong port (transfer ID). */
const UNKNOWN_TRANSFER_ID = 5;

export interface TftpUploadOptions {
  /** TFTP server address and UDP port (69 on real networks). */
  host: string;
  port: number;
  /** Remote file name sent in the write request. */
  filename: string;
  data: Buffer;
  /** Send from this local address (the switch's management address), so the server sees the right source. */
  localAddress?: string;
  /** Wait this long for each ACK before sending the packet again (default 1000 ms). */
  retransmitMs?: number;
  /** How many times a packet is sent before giving up (default 5). */
  attempts?: number;
  signal?: AbortSignal;
}

export interface TftpUploadResult {
  bytes: number;
  blocks: number;
}

export type TftpUploadFailure = 'timeout' | 'refused' | 'aborted' | 'socket-error';

export class TftpUploadError extends Error {
  constructor(
    readonly reason: TftpUploadFailure,
    message: string,
    /** The TFTP error code the server sent, for 'refused'. */
    readonly tftpCode?: number,
  ) {
    super(message);
    this.name = 'TftpUploadError';
  }
}

function wrq(filename: string): Buffer {
  const name = Buffer.from(filename, 'latin1');
  const mode = Buffer.from('octet', 'latin1');
  const p = Buffer.alloc(2 + name.length + 1 + mode.length + 1);
  p.writeUInt16BE(OPCODE.WRQ, 0);
  name.copy(p, 2);
  mode.copy(p, 2 + name.length + 1);
  return p;
}

function dataPacket(block: number, chunk: Buffer): Buffer {
  const p = Buffer.alloc(4 + chunk.length);
  p.writeUInt16BE(OPCODE.DATA, 0);
  p.writeUInt16BE(block, 2);
  chunk.copy(p, 4);
  return p;
}

function errorPacket(code: number, message: string): Buffer {
  const text = Buffer.from(message, 'latin1');
  const p = Buffer.alloc(4 + text.length + 1);
  p.writeUInt16BE(OPCODE.ERROR, 0);
  p.writeUInt16BE(code, 2);
  text.copy(p, 4);
  return p;
}

/** The data cut into blocks; a length that is a multiple of 512 ends with an empty block. */
function blocksOf(data: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let off = 0; off <= data.length; off += BLOCK_SIZE) blocks.push(data.subarray(off, off + BLOCK_SIZE));
  return blocks;
}

/** Upload `data` with a TFTP write request; resolves when the server acknowledged the last block. */
export async function tftpUpload(opts: TftpUploadOptions): Promise<TftpUploadResult> {
  const retransmitMs = opts.retransmitMs ?? 1000;
  const attempts = opts.attempts ?? 5;
  const server = `${opts.host}:${opts.port}`;
  const blocks = blocksOf(opts.data);
  const socket = dgram.createSocket(isIPv6(opts.host) ? 'udp6' : 'udp4');

  return new Promise<TftpUploadResult>((resolve, reject) => {
    /** The server's transfer ID (port), learned from its first answer. */
    let peerPort: number | null = null;
    /** Index into `blocks` of the block in flight; -1 while the WRQ is. */
    let current = -1;
    let packet = wrq(opts.filename);
    let tries = 0;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;

    const finish = (err: TftpUploadError | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      try {
        socket.close();
      } catch {
        // never bound
      }
      if (err) reject(err);
      else resolve({ bytes: opts.data.length, blocks: blocks.length });
    };

    const transmit = () => {
      if (finished) return; // aborted while the socket was still binding
      if (tries >= attempts) {
        const what = current < 0 ? 'the write request' : `block ${current + 1} of ${blocks.length}`;
        return finish(new TftpUploadError('timeout', `TFTP: no answer from ${server} to ${what} after ${attempts} tries`));
      }
      tries += 1;
      socket.send(packet, peerPort ?? opts.port, opts.host, (err) => {
        if (err) finish(new TftpUploadError('socket-error', `TFTP: cannot send to ${server}: ${err.message}`));
      });
      timer = setTimeout(transmit, retransmitMs);
    };

    const sendBlock = (index: number) => {
      current = index;
      tries = 0;
      clearTimeout(timer);
      packet = dataPacket((index + 1) % BLOCK_MODULO, blocks[index] ?? Buffer.alloc(0));
      transmit();
    };

    const onAbort = () => {
      if (peerPort !== null) socket.send(errorPacket(0, 'Transfer aborted'), peerPort, opts.host);
      finish(new TftpUploadError('aborted', `TFTP: upload to ${server} aborted`));
    };

    const onMessage = (msg: Buffer, from: RemoteInfo) => {
      if (finished || msg.length < 4) return;
      const fromServer = from.address === opts.host && (peerPort === null || from.port === peerPort);
      if (!fromServer) {
        // Someone else's packet (or the server from a second port): RFC 1350 says tell
        // them "unknown transfer ID" and carry on.
        socket.send(errorPacket(UNKNOWN_TRANSFER_ID, 'Unknown transfer ID'), from.port, from.address);
        return;
      }
      const opcode = msg.readUInt16BE(0);
      if (opcode === OPCODE.ERROR) {
        const code = msg.readUInt16BE(2);
        const end = msg.indexOf(0, 4);
        const text = msg.subarray(4, end < 0 ? undefined : end).toString('latin1');
        return finish(
          new TftpUploadError('refused', `TFTP: ${server} refused the upload of ${opts.filename}: ${text || 'error ' + code} (code ${code})`, code),
        );
      }
      if (opcode !== OPCODE.ACK) return;
      const block = msg.readUInt16BE(2);
      const expected = current < 0 ? 0 : (current + 1) % BLOCK_MODULO;
      // Only the ACK for the packet in flight moves us on. A duplicate ACK of an earlier
      // block is ignored rather than answered with a resend (RFC 1123 4.2.3.1: answering
      // duplicates doubles every later packet, the "Sorcerer's Apprentice" bug).
      if (block !== expected) return;
      peerPort ??= from.port;
      if (current === blocks.length - 1) return finish(null);
      sendBlock(current + 1);
    };

    socket.on('message', onMessage);
    socket.on('error', (err) => finish(new TftpUploadError('socket-error', `TFTP: socket error talking to ${server}: ${err.message}`)));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    socket.bind(0, opts.localAddress, () => transmit());
  });
}
