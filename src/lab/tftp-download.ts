// The lab switch's TFTP client for fetching a file: what a simulated switch does when
// one of its commands names a tftp:// URL. RFC 1350 read request, octet mode (what
// switches ask for), 512-byte blocks, the server's transfer ID learnt from its first
// block, retransmission on timeout, and a clear error when it gives up.
//
// The mirror of tftp-upload.ts, and like it deliberately independent of switchback's
// own TFTP code (src/transport/tftp-*.ts): the two meet only on the wire, so a shared
// misunderstanding of the protocol cannot hide in shared code.

import dgram from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';
import { isIPv6 } from 'node:net';

const OPCODE = { RRQ: 1, DATA: 3, ACK: 4, ERROR: 5 } as const;
const BLOCK_SIZE = 512;
/** 16-bit block numbers; after 65535 the server continues with 0, as most implementations do. */
const BLOCK_MODULO = 0x10000;
/** RFC 1350 error code 5: a packet from the wrong port (transfer ID). */
const UNKNOWN_TRANSFER_ID = 5;

export interface TftpDownloadOptions {
  /** TFTP server address and UDP port (69 on real networks). */
  host: string;
  port: number;
  /** Remote file name sent in the read request. */
  filename: string;
  /** Send from this local address (the switch's management address), so the server sees the right source. */
  localAddress?: string;
  /** Wait this long for each block before asking again (default 1000 ms). */
  retransmitMs?: number;
  /** How many times a packet is sent before giving up (default 5). */
  attempts?: number;
  /** Refuse a file larger than this (default 16 MiB: more than any switch's NVRAM). */
  maxBytes?: number;
}

export type TftpDownloadFailure = 'timeout' | 'refused' | 'too-large' | 'socket-error';

export class TftpDownloadError extends Error {
  constructor(
    readonly reason: TftpDownloadFailure,
    message: string,
    /** The TFTP error code the server sent, for 'refused'. */
    readonly tftpCode?: number,
  ) {
    super(message);
    this.name = 'TftpDownloadError';
  }
}

function rrq(filename: string): Buffer {
  const name = Buffer.from(filename, 'latin1');
  const mode = Buffer.from('octet', 'latin1');
  const p = Buffer.alloc(2 + name.length + 1 + mode.length + 1);
  p.writeUInt16BE(OPCODE.RRQ, 0);
  name.copy(p, 2);
  mode.copy(p, 2 + name.length + 1);
  return p;
}

function ack(block: number): Buffer {
  const p = Buffer.alloc(4);
  p.writeUInt16BE(OPCODE.ACK, 0);
  p.writeUInt16BE(block, 2);
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

/** Fetch a file with a TFTP read request; resolves with its bytes once the last block arrived. */
export async function tftpDownload(opts: TftpDownloadOptions): Promise<Buffer> {
  const retransmitMs = opts.retransmitMs ?? 1000;
  const attempts = opts.attempts ?? 5;
  const maxBytes = opts.maxBytes ?? 16 << 20;
  const server = `${opts.host}:${opts.port}`;
  const socket = dgram.createSocket(isIPv6(opts.host) ? 'udp6' : 'udp4');

  return new Promise<Buffer>((resolve, reject) => {
    /** The server's transfer ID (port), learnt from its first block. */
    let peerPort: number | null = null;
    /** The block we acknowledged last (0 while the read request is in flight). */
    let lastBlock = 0;
    let packet = rrq(opts.filename);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tries = 0;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;

    const finish = (err: TftpDownloadError | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (err) {
        try {
          socket.close();
        } catch {
          // never bound
        }
        return reject(err);
      }
      resolve(Buffer.concat(chunks, bytes));
      // Dally (RFC 1350 section 6): our last ACK may be lost and the server will send the
      // last block again; answer that a little while, then let the socket go.
      setTimeout(() => socket.close(), retransmitMs * 2).unref();
    };

    const transmit = () => {
      if (finished) return;
      if (tries >= attempts) {
        const what = lastBlock === 0 ? 'the read request' : `block ${lastBlock + 1}`;
        return finish(new TftpDownloadError('timeout', `TFTP: no answer from ${server} to ${what} of ${opts.filename} after ${attempts} tries`));
      }
      tries += 1;
      socket.send(packet, peerPort ?? opts.port, opts.host, (err) => {
        if (err) finish(new TftpDownloadError('socket-error', `TFTP: cannot send to ${server}: ${err.message}`));
      });
      timer = setTimeout(transmit, retransmitMs);
    };

    const onMessage = (msg: Buffer, from: RemoteInfo) => {
      if (msg.length < 4) return;
      const fromServer = from.address === opts.host && (peerPort === null || from.port === peerPort);
      if (!fromServer) {
        // Someone else's packet (or the server from a second port): RFC 1350 says tell
        // them "unknown transfer ID" and carry on.
        socket.send(errorPacket(UNKNOWN_TRANSFER_ID, 'Unknown transfer ID'), from.port, from.address);
        return;
      }
      const opcode = msg.readUInt16BE(0);
      if (finished) {
        // Dallying: the server repeats the last block because our ACK was lost.
        if (opcode === OPCODE.DATA && msg.readUInt16BE(2) === lastBlock) socket.send(ack(lastBlock), from.port, from.address);
        return;
      }
      if (opcode === OPCODE.ERROR) {
        const code = msg.readUInt16BE(2);
        const end = msg.indexOf(0, 4);
        const text = msg.subarray(4, end < 0 ? undefined : end).toString('latin1');
        return finish(new TftpDownloadError('refused', `TFTP: ${server} refused ${opts.filename}: ${text || 'error ' + code} (code ${code})`, code));
      }
      if (opcode !== OPCODE.DATA) return;
      const block = msg.readUInt16BE(2);
      const data = msg.subarray(4);
      // A repeat of the block we have means our ACK was lost: acknowledge it again, and
      // only that (never ahead, RFC 1123 4.2.3.1). Anything older is a stale duplicate.
      if (peerPort !== null && block === lastBlock) return void socket.send(ack(block), from.port, from.address);
      if (block !== (lastBlock + 1) % BLOCK_MODULO) return;
      if (bytes + data.length > maxBytes) {
        socket.send(errorPacket(3, 'File too large'), from.port, from.address);
        return finish(new TftpDownloadError('too-large', `TFTP: ${opts.filename} from ${server} is larger than ${maxBytes} bytes`));
      }
      peerPort ??= from.port;
      chunks.push(Buffer.from(data));
      bytes += data.length;
      lastBlock = block;
      packet = ack(block);
      tries = 0;
      clearTimeout(timer);
      // A short block (an empty one too) is the last (RFC 1350 section 6).
      if (data.length < BLOCK_SIZE) {
        socket.send(packet, from.port, from.address);
        return finish(null);
      }
      transmit();
    };

    socket.on('message', onMessage);
    socket.on('error', (err) => finish(new TftpDownloadError('socket-error', `TFTP: socket error talking to ${server}: ${err.message}`)));
    socket.bind(0, opts.localAddress, () => transmit());
  });
}
