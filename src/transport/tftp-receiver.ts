// switchback's own TFTP receiver (RFC 1350), run for the length of one config copy.
//
// A switch told over SNMP (the platform's config copy MIB) to copy its configuration to a
// "network file" pushes it with a TFTP write request. This receiver accepts exactly
// that one upload and nothing else: write requests only (a TFTP server that answers
// read requests would hand configs to anyone), octet mode only (netascii would
// rewrite line endings and we store configs byte for byte), only the expected file
// name from the expected switch address, a size limit, and an overall deadline.
// Everything else gets a TFTP ERROR packet, so the sender learns at once why it was
// refused instead of retrying into a timeout.
//
// Runtime code: it must not import anything from src/lab.

import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { ackPacket, BLOCK_MODULO, BLOCK_SIZE, closeSocket, decode, errorPacket, sameHost, send, TFTP_ERROR } from './tftp-packets.js';
import { bindUdp } from './udp.js';

export { TFTP_ERROR };

export interface TftpReceiverOptions {
  /** Local address to listen on (the address the switch is told to send to). */
  address: string;
  /** UDP port; 0 picks a free one (read it back from the result). */
  port: number;
  expect: {
    /** The only file name accepted in a write request. */
    filename: string;
    /** The only source address accepted (the switch's management address). */
    from: string;
  };
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Deadline for the whole transfer, from start to last block. */
  timeoutMs: number;
  /** Re-send the last ACK when the next DATA is this late (default 1000 ms). */
  retransmitMs?: number;
}

export interface TftpReceiver {
  /** The UDP port actually bound. */
  port: number;
  /** The uploaded bytes once the last block arrived; rejects with TftpReceiveError. */
  received: Promise<Buffer>;
  /** Stop listening. Rejects `received` if the upload had not finished. Safe to call twice. */
  close(): Promise<void>;
  /**
   * What the deadline says, as of now: for a caller whose own clock passed the deadline
   * before this receiver's timer ran (a timer may fire late on a busy machine), so that both
   * say the same thing.
   */
  timeoutMessage(): string;
}

export type TftpReceiveFailure = 'timeout' | 'too-large' | 'sender-error' | 'protocol-error' | 'closed' | 'socket-error';

export class TftpReceiveError extends Error {
  constructor(
    readonly reason: TftpReceiveFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TftpReceiveError';
  }
}

// ---------------------------------------------------------------- receiver

interface Transfer {
  socket: Socket;
  peer: { address: string; port: number };
  chunks: Buffer[];
  bytes: number;
  /** The last block acknowledged (0 = the WRQ). */
  lastBlock: number;
  /** False until the transfer socket is bound; nothing may be sent before. */
  ready: boolean;
  /** The last block arrived and was acknowledged. */
  complete: boolean;
  retransmit?: NodeJS.Timeout;
}

export async function startTftpReceiver(opts: TftpReceiverOptions): Promise<TftpReceiver> {
  const family = isIPv6(opts.address) ? 'udp6' : 'udp4';
  const retransmitMs = opts.retransmitMs ?? 1000;
  const listen = dgram.createSocket(family);
  await bindUdp(listen, opts.port, opts.address);
  const port = listen.address().port;

  let transfer: Transfer | null = null;
  let settled = false;
  let closed = false;
  let resolveReceived!: (data: Buffer) => void;
  let rejectReceived!: (err: TftpReceiveError) => void;
  const received = new Promise<Buffer>((resolve, reject) => {
    resolveReceived = resolve;
    rejectReceived = reject;
  });
  // A caller that closes early without awaiting `received` must not crash the process
  // with an unhandled rejection; callers that do await it still see the error.
  received.catch(() => undefined);

  const timeoutMessage = (): string => {
    const what = transfer
      ? `the upload of ${opts.expect.filename} from ${opts.expect.from} stalled after ${transfer.bytes} bytes`
      : `no upload of ${opts.expect.filename} from ${opts.expect.from} arrived`;
    return `TFTP: ${what} within ${opts.timeoutMs} ms`;
  };
  const deadline = setTimeout(() => fail('timeout', timeoutMessage(), TFTP_ERROR.notDefined, 'Transfer timed out'), opts.timeoutMs);

  /** End the transfer with an error; tell the sender (if any) so it stops at once. */
  function fail(reason: TftpReceiveFailure, message: string, code?: number, wireMessage?: string): void {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    if (transfer) {
      clearTimeout(transfer.retransmit);
      if (code !== undefined && transfer.ready) send(transfer.socket, errorPacket(code, wireMessage ?? message), transfer.peer);
    }
    rejectReceived(new TftpReceiveError(reason, message));
  }

  function succeed(t: Transfer): void {
    settled = true;
    t.complete = true;
    clearTimeout(deadline);
    clearTimeout(t.retransmit);
    resolveReceived(Buffer.concat(t.chunks, t.bytes));
    // Dally (RFC 1350 section 6): our final ACK may be lost, in which case the sender
    // retransmits the last block and needs a fresh ACK. Keep the transfer socket a
    // little while for that, then let it go even if the caller never calls close().
    setTimeout(() => void closeSocket(t.socket), retransmitMs * 3).unref();
  }

  function ack(t: Transfer, block: number): void {
    t.lastBlock = block;
    send(t.socket, ackPacket(block), t.peer);
    clearTimeout(t.retransmit);
    // If the next DATA does not come, our ACK may have been lost: say it again.
    // The overall deadline bounds how often this can happen.
    const again = () => {
      send(t.socket, ackPacket(t.lastBlock), t.peer);
      t.retransmit = setTimeout(again, retransmitMs);
    };
    t.retransmit = setTimeout(again, retransmitMs);
  }

  function onRequest(msg: Buffer, rinfo: RemoteInfo): void {
    const reply = (code: number, message: string) => send(listen, errorPacket(code, message), rinfo);
    const packet = decode(msg);
    // Only the switch we asked may talk to us; say no to anyone else without revealing more.
    if (!sameHost(rinfo.address, opts.expect.from)) return reply(TFTP_ERROR.accessViolation, 'Access violation');
    if (!packet || packet.op !== 'request') return reply(TFTP_ERROR.illegalOperation, 'Illegal TFTP operation');
    if (!packet.write) return reply(TFTP_ERROR.accessViolation, 'Read requests are not served here');
    if (packet.mode.toLowerCase() !== 'octet') return reply(TFTP_ERROR.illegalOperation, 'Only octet mode is accepted');
    if (packet.filename !== opts.expect.filename) return reply(TFTP_ERROR.accessViolation, 'Access violation');
    if (transfer) {
      // The same sender repeating its WRQ lost our ACK 0: answer again from the transfer port.
      const same = transfer.peer.address === rinfo.address && transfer.peer.port === rinfo.port;
      if (same && transfer.ready && !settled && transfer.lastBlock === 0) return ack(transfer, 0);
      if (same) return;
      return reply(TFTP_ERROR.notDefined, 'Another transfer is in progress');
    }
    if (settled) return reply(TFTP_ERROR.notDefined, 'Receiver is no longer accepting uploads');
    void beginTransfer(rinfo);
  }

  async function beginTransfer(rinfo: RemoteInfo): Promise<void> {
    // RFC 1350: the server answers from a new port (its transfer ID); the listening
    // port stays free to refuse anyone else.
    const socket = dgram.createSocket(family);
    const t: Transfer = { socket, peer: { address: rinfo.address, port: rinfo.port }, chunks: [], bytes: 0, lastBlock: 0, ready: false, complete: false };
    transfer = t;
    socket.on('message', (msg, from) => onTransferPacket(t, msg, from));
    socket.on('error', (err) => fail('socket-error', `TFTP: transfer socket failed: ${err.message}`));
    try {
      await bindUdp(socket, 0, opts.address);
    } catch (err) {
      fail('socket-error', `TFTP: cannot open a transfer port on ${opts.address}: ${(err as Error).message}`);
      return;
    }
    if (settled || closed) return void closeSocket(socket);
    t.ready = true;
    ack(t, 0);
  }

  function onTransferPacket(t: Transfer, msg: Buffer, from: RemoteInfo): void {
    if (!sameHost(from.address, t.peer.address) || from.port !== t.peer.port) {
      // RFC 1350 section 4: a packet from a stranger gets "unknown transfer ID" and
      // must not disturb the transfer in progress.
      send(t.socket, errorPacket(TFTP_ERROR.unknownTransferId, 'Unknown transfer ID'), from);
      return;
    }
    const packet = decode(msg);
    if (packet?.op === 'error') {
      return fail('sender-error', `TFTP: ${t.peer.address} aborted the upload: ${packet.message || 'error ' + packet.code} (code ${packet.code})`);
    }
    if (packet?.op !== 'data') {
      return fail(
        'protocol-error',
        `TFTP: ${t.peer.address} sent something other than DATA during the upload`,
        TFTP_ERROR.illegalOperation,
        'Illegal TFTP operation',
      );
    }
    if (settled) {
      // Dallying after the last block: a repeated final block means our last ACK was lost.
      // (After a failure we acknowledge nothing: the sender was told to stop.)
      if (t.complete && packet.block === t.lastBlock) send(t.socket, ackPacket(t.lastBlock), t.peer);
      return;
    }
    onData(t, packet.block, packet.data);
  }

  function onData(t: Transfer, block: number, data: Buffer): void {
    if (data.length > BLOCK_SIZE) {
      return fail(
        'protocol-error',
        `TFTP: ${t.peer.address} sent a ${data.length}-byte block; only ${BLOCK_SIZE} is allowed`,
        TFTP_ERROR.illegalOperation,
        'Block too large',
      );
    }
    // A repeat of the block we already have means our ACK was lost: acknowledge it
    // again (and only that; never ACK ahead, RFC 1123 4.2.3.1 "Sorcerer's Apprentice").
    if (block === t.lastBlock) return ack(t, block);
    // Anything but the next block is a stale duplicate from further back: ignore it.
    if (block !== (t.lastBlock + 1) % BLOCK_MODULO) return;
    if (t.bytes + data.length > opts.maxBytes) {
      return fail(
        'too-large',
        `TFTP: the upload from ${t.peer.address} exceeds the limit of ${opts.maxBytes} bytes`,
        TFTP_ERROR.diskFull,
        'Disk full or allocation exceeded',
      );
    }
    t.chunks.push(Buffer.from(data));
    t.bytes += data.length;
    ack(t, block);
    // A short block (including an empty one) is the last (RFC 1350 section 6).
    if (data.length < BLOCK_SIZE) succeed(t);
  }

  listen.on('message', onRequest);
  listen.on('error', (err) => fail('socket-error', `TFTP: listening socket failed: ${err.message}`));

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    fail('closed', `TFTP: receiver closed before the upload of ${opts.expect.filename} finished`, TFTP_ERROR.notDefined, 'Receiver shut down');
    clearTimeout(deadline);
    const sockets = [closeSocket(listen)];
    if (transfer) {
      clearTimeout(transfer.retransmit);
      sockets.push(closeSocket(transfer.socket));
    }
    await Promise.all(sockets);
  }

  return { port, received, close, timeoutMessage };
}
