// switchback's own TFTP server for one download (RFC 1350), run for the length of one
// whole-file replace: the switch is told to fetch the target configuration from us.
//
// The mirror of tftp-receiver.ts. It serves exactly one file, to exactly one switch,
// once: read requests only (a TFTP server that accepts writes would take files from
// anyone), only the expected file name from the expected switch address, and an
// overall deadline. Octet and netascii requests both get the bytes as they are: switches
// ask for octet, and a configuration we serve is already in the switch's own line
// endings. Everything else gets a TFTP ERROR packet and leaves the sender waiting,
// so a stray packet cannot abort the transfer the switch is about to ask for.
//
// Runtime code: it must not import anything from src/lab.

import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { BLOCK_MODULO, BLOCK_SIZE, closeSocket, dataPacket, decode, errorPacket, sameHost, send, TFTP_ERROR } from './tftp-packets.js';
import { bindUdp } from './udp.js';

export interface TftpSenderOptions {
  /** Local address to listen on (the address in the URL the switch is given). */
  address: string;
  /** UDP port; 0 picks a free one (read it back from the result). */
  port: number;
  serve: {
    /** The only file name served. */
    filename: string;
    /** The only source address served (the switch's management address). */
    from: string;
    content: Buffer;
  };
  /** Deadline for the whole transfer, from start to the last block acknowledged. */
  timeoutMs: number;
  /** Re-send the last DATA block when its ACK is this late (default 1000 ms). */
  retransmitMs?: number;
}

export interface TftpSender {
  /** The UDP port actually bound. */
  port: number;
  /** Resolves once the switch acknowledged the last block; rejects with TftpSendError. */
  sent: Promise<void>;
  /** Stop listening. Rejects `sent` if the transfer had not finished. Safe to call twice. */
  close(): Promise<void>;
}

export type TftpSendFailure = 'timeout' | 'receiver-error' | 'protocol-error' | 'closed' | 'socket-error';

export class TftpSendError extends Error {
  constructor(
    readonly reason: TftpSendFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TftpSendError';
  }
}

interface Transfer {
  socket: Socket;
  peer: { address: string; port: number };
  /** Index of the block in flight (block number index + 1, wrapped). */
  index: number;
  /** False until the transfer socket is bound; nothing may be sent before. */
  ready: boolean;
  retransmit?: NodeJS.Timeout;
}

/** Modes RFC 1350 defines that we answer; `mail` is obsolete and refused. */
const MODES = new Set(['octet', 'netascii']);

export async function startTftpSender(opts: TftpSenderOptions): Promise<TftpSender> {
  const family = isIPv6(opts.address) ? 'udp6' : 'udp4';
  const retransmitMs = opts.retransmitMs ?? 1000;
  const { filename, from, content } = opts.serve;
  // The file ends with the first block shorter than 512 bytes: an empty one when its size is a multiple of 512.
  const lastIndex = Math.floor(content.length / BLOCK_SIZE);
  const blockAt = (index: number) => content.subarray(index * BLOCK_SIZE, (index + 1) * BLOCK_SIZE);

  const listen = dgram.createSocket(family);
  await bindUdp(listen, opts.port, opts.address);
  const port = listen.address().port;

  let transfer: Transfer | null = null;
  let settled = false;
  let closed = false;
  let resolveSent!: () => void;
  let rejectSent!: (err: TftpSendError) => void;
  const sent = new Promise<void>((resolve, reject) => {
    resolveSent = resolve;
    rejectSent = reject;
  });
  // A caller that closes early without awaiting `sent` must not crash the process
  // with an unhandled rejection; callers that do await it still see the error.
  sent.catch(() => undefined);

  const deadline = setTimeout(() => {
    const what = transfer
      ? `the download of ${filename} by ${from} stalled at block ${transfer.index + 1} of ${lastIndex + 1}`
      : `no read request for ${filename} from ${from} arrived`;
    fail('timeout', `TFTP: ${what} within ${opts.timeoutMs} ms`, TFTP_ERROR.notDefined, 'Transfer timed out');
  }, opts.timeoutMs);

  /** End the transfer with an error; tell the switch (if it started) so it stops at once. */
  function fail(reason: TftpSendFailure, message: string, code?: number, wireMessage?: string): void {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    if (transfer) {
      clearTimeout(transfer.retransmit);
      if (code !== undefined && transfer.ready) send(transfer.socket, errorPacket(code, wireMessage ?? message), transfer.peer);
    }
    rejectSent(new TftpSendError(reason, message));
  }

  function succeed(t: Transfer): void {
    settled = true;
    clearTimeout(deadline);
    clearTimeout(t.retransmit);
    // The receiver dallies for our sake (RFC 1350 section 6), not we for its: once the
    // last block is acknowledged there is nothing left to say on the transfer port.
    void closeSocket(t.socket);
    resolveSent();
  }

  function sendBlock(t: Transfer, index: number): void {
    t.index = index;
    const packet = dataPacket((index + 1) % BLOCK_MODULO, blockAt(index));
    send(t.socket, packet, t.peer);
    clearTimeout(t.retransmit);
    // No ACK in time: the block or its ACK was lost. Say it again; the deadline bounds how often.
    const again = () => {
      send(t.socket, packet, t.peer);
      t.retransmit = setTimeout(again, retransmitMs);
    };
    t.retransmit = setTimeout(again, retransmitMs);
  }

  function onRequest(msg: Buffer, rinfo: RemoteInfo): void {
    const reply = (code: number, message: string) => send(listen, errorPacket(code, message), rinfo);
    const packet = decode(msg);
    // Only the switch we told may fetch the file; say no to anyone else without revealing more.
    if (!sameHost(rinfo.address, from)) return reply(TFTP_ERROR.accessViolation, 'Access violation');
    if (!packet || packet.op !== 'request') return reply(TFTP_ERROR.illegalOperation, 'Illegal TFTP operation');
    if (packet.write) return reply(TFTP_ERROR.accessViolation, 'Write requests are not accepted here');
    if (!MODES.has(packet.mode.toLowerCase())) return reply(TFTP_ERROR.illegalOperation, 'Only octet and netascii modes are served');
    if (packet.filename !== filename) return reply(TFTP_ERROR.fileNotFound, 'File not found');
    if (transfer) {
      // The same switch repeating its request lost our first block: send it again from the transfer port.
      const same = sameHost(transfer.peer.address, rinfo.address) && transfer.peer.port === rinfo.port;
      if (same && transfer.ready && !settled && transfer.index === 0) return sendBlock(transfer, 0);
      if (same) return;
      return reply(TFTP_ERROR.notDefined, 'Another transfer is in progress');
    }
    if (settled) return reply(TFTP_ERROR.notDefined, 'Sender is no longer serving');
    void beginTransfer(rinfo);
  }

  async function beginTransfer(rinfo: RemoteInfo): Promise<void> {
    // RFC 1350: the server answers from a new port (its transfer ID); the listening
    // port stays free to refuse anyone else.
    const socket = dgram.createSocket(family);
    const t: Transfer = { socket, peer: { address: rinfo.address, port: rinfo.port }, index: 0, ready: false };
    transfer = t;
    socket.on('message', (msg, peer) => onTransferPacket(t, msg, peer));
    socket.on('error', (err) => fail('socket-error', `TFTP: transfer socket failed: ${err.message}`));
    try {
      await bindUdp(socket, 0, opts.address);
    } catch (err) {
      fail('socket-error', `TFTP: cannot open a transfer port on ${opts.address}: ${(err as Error).message}`);
      return;
    }
    if (settled || closed) return void closeSocket(socket);
    t.ready = true;
    sendBlock(t, 0);
  }

  function onTransferPacket(t: Transfer, msg: Buffer, peer: RemoteInfo): void {
    if (!sameHost(peer.address, t.peer.address) || peer.port !== t.peer.port) {
      // RFC 1350 section 4: a packet from a stranger gets "unknown transfer ID" and
      // must not disturb the transfer in progress.
      send(t.socket, errorPacket(TFTP_ERROR.unknownTransferId, 'Unknown transfer ID'), peer);
      return;
    }
    if (settled) return;
    const packet = decode(msg);
    if (packet?.op === 'error') {
      return fail('receiver-error', `TFTP: ${t.peer.address} aborted the download: ${packet.message || 'error ' + packet.code} (code ${packet.code})`);
    }
    if (packet?.op !== 'ack') {
      return fail(
        'protocol-error',
        `TFTP: ${t.peer.address} sent something other than ACK during the download`,
        TFTP_ERROR.illegalOperation,
        'Illegal TFTP operation',
      );
    }
    // Only the ACK of the block in flight moves us on. A duplicate ACK of an earlier
    // block is ignored, never answered with a resend (RFC 1123 4.2.3.1: answering
    // duplicates doubles every later packet, the "Sorcerer's Apprentice" bug).
    if (packet.block !== (t.index + 1) % BLOCK_MODULO) return;
    if (t.index === lastIndex) return succeed(t);
    sendBlock(t, t.index + 1);
  }

  listen.on('message', onRequest);
  listen.on('error', (err) => fail('socket-error', `TFTP: listening socket failed: ${err.message}`));

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    fail('closed', `TFTP: sender closed before ${from} had fetched ${filename}`, TFTP_ERROR.notDefined, 'Sender shut down');
    clearTimeout(deadline);
    const sockets = [closeSocket(listen)];
    if (transfer) {
      clearTimeout(transfer.retransmit);
      sockets.push(closeSocket(transfer.socket));
    }
    await Promise.all(sockets);
  }

  return { port, sent, close };
}
