// A UDP syslog receiver (RFC 5426 transport; RFC 5424 and RFC 3164 messages) for the watch:
// every datagram becomes a plain record handed to the caller, or is counted and dropped with
// a one-line reason. It never throws into the event loop: a flood of garbage costs a counter,
// not the process. It does not know which device sent what — the watch finds the device by
// the source address (`from`).
//
// Runtime code: it must not import anything from src/lab.

import dgram from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { isSyslogProblem, parseSyslog } from './syslog-parse.js';
import type { SyslogMessage } from './syslog-parse.js';
import { bindUdp } from './udp.js';

/** One syslog message as the watch sees it (transport/syslog-parse.ts's fields, plus where it came from). */
export interface SyslogRecord extends SyslogMessage {
  kind: 'syslog';
  /** The datagram's source address: how the watch finds the device (its `host`, resolved). */
  from: string;
  receivedAt: Date;
}

export interface SyslogDrop {
  from: string;
  /** One line: why the datagram was not a syslog message. */
  reason: string;
}

export interface SyslogReceiverOptions {
  /** Local address to listen on (`0.0.0.0`, `::`, `127.0.0.1` …). */
  address: string;
  /** UDP port; 0 picks a free one (read it back from the result). 514 needs privilege. */
  port: number;
  onRecord: (record: SyslogRecord) => void;
  /** Each dropped datagram (already counted); for a log line. */
  onDrop?: (drop: SyslogDrop) => void;
  /** The socket's receive buffer (SO_RCVBUF), bytes; default 4 MiB, as the trap receiver's. */
  receiveBufferBytes?: number;
  /** Injected for tests; defaults to the wall clock. */
  now?: () => Date;
}

export interface SyslogReceiverCounts {
  received: number;
  dropped: number;
}

export interface SyslogReceiver {
  /** The UDP port actually bound. */
  port: number;
  /** Datagrams seen and dropped so far (a live object: read it any time). */
  counts: Readonly<SyslogReceiverCounts>;
  /** Stop listening. Safe to call twice. */
  close(): Promise<void>;
}

const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Binds and starts; rejects when the port cannot be bound (in use, no privilege, address not here). */
export async function startSyslogReceiver(opts: SyslogReceiverOptions): Promise<SyslogReceiver> {
  // A stack reboot, or a feed taking out a row of switches, sends bursts: the kernel's default
  // receive buffer (about 200 KiB here) overflowed in the watch's storm test (121 of 10,000
  // lines lost in one run); the trap receiver's 4 MiB holds such a burst. Linux caps it at
  // net.core.rmem_max without an error.
  const socket = dgram.createSocket({
    type: isIPv6(opts.address) ? 'udp6' : 'udp4',
    reuseAddr: false,
    recvBufferSize: opts.receiveBufferBytes ?? RECEIVE_BUFFER_BYTES,
  });
  const counts: SyslogReceiverCounts = { received: 0, dropped: 0 };
  const now = opts.now ?? (() => new Date());
  // A callback that throws must not take the socket (or the process) down with it: it is the
  // caller's bug, reported as a drop so it is seen, and the next datagram is handled as usual.
  const drop = (from: string, reason: string) => {
    counts.dropped++;
    try {
      opts.onDrop?.({ from, reason });
    } catch {
      // Nothing more to do: the count already says a datagram was lost.
    }
  };

  const onMessage = (bytes: Buffer, rinfo: RemoteInfo) => {
    counts.received++;
    const parsed = parseSyslog(bytes);
    if (isSyslogProblem(parsed)) {
      drop(rinfo.address, parsed.problem);
      return;
    }
    try {
      opts.onRecord({ kind: 'syslog', from: rinfo.address, receivedAt: now(), ...parsed });
    } catch (err) {
      drop(
        rinfo.address,
        `the handler failed: ${String((err as Error)?.message ?? err)
          .split('\n')[0]
          ?.slice(0, 100)}`,
      );
    }
  };

  try {
    await bindUdp(socket, opts.port, opts.address);
  } catch (err) {
    socket.close();
    throw err;
  }
  socket.on('message', onMessage);
  // After binding, a socket error (e.g. ICMP noise on some systems) is not fatal to a receiver.
  socket.on('error', () => undefined);

  let closed: Promise<void> | undefined;
  return {
    port: socket.address().port,
    counts,
    close: () => (closed ??= new Promise<void>((resolve) => socket.close(() => resolve()))),
  };
}
