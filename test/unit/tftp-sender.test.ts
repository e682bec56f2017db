// switchback's TFTP sender over real UDP on loopback: what a switch that asks for the
// file receives, what anyone else is told, and how the sender ends. The switch side is
// a raw UDP socket in the test (so it can lose an ACK on purpose) or the lab switch's
// own TFTP client.

import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tftpDownload } from '../../src/lab/tftp-download.js';
import { TFTP_ERROR } from '../../src/transport/tftp-packets.js';
import { startTftpSender, TftpSendError } from '../../src/transport/tftp-sender.js';
import type { TftpSender, TftpSenderOptions } from '../../src/transport/tftp-sender.js';

const HOST = '127.0.0.1';
const FILE = 'switchback-core-1-a1b2.cfg';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function sender(content: Buffer, overrides: Partial<TftpSenderOptions> = {}): Promise<TftpSender> {
  const s = await startTftpSender({
    address: HOST,
    port: 0,
    serve: { filename: FILE, from: HOST, content },
    timeoutMs: 60_000,
    retransmitMs: 100,
    ...overrides,
  });
  cleanup.push(() => s.close());
  return s;
}

async function rejection<T>(p: Promise<T>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

// ---------------------------------------------------------------- a raw switch

interface Datagram {
  msg: Buffer;
  from: RemoteInfo;
}

interface Peer {
  socket: Socket;
  send(p: Buffer, port: number): void;
  next(): Promise<Datagram>;
}

async function rawPeer(address = HOST): Promise<Peer> {
  const socket = dgram.createSocket('udp4');
  const inbox: Datagram[] = [];
  const waiting: ((d: Datagram) => void)[] = [];
  socket.on('message', (msg, from) => {
    const w = waiting.shift();
    if (w) w({ msg, from });
    else inbox.push({ msg, from });
  });
  await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return {
    socket,
    send: (p, port) => socket.send(p, port, HOST),
    next: () => {
      const d = inbox.shift();
      return d ? Promise.resolve(d) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const request = (opcode: 1 | 2, filename: string, mode = 'octet') => Buffer.concat([Buffer.from([0, opcode]), Buffer.from(`${filename}\0${mode}\0`, 'latin1')]);
const ack = (block: number) => Buffer.from([0, 4, block >> 8, block & 0xff]);
const opcodeOf = (d: Datagram) => d.msg.readUInt16BE(0);
const numberOf = (d: Datagram) => d.msg.readUInt16BE(2);
const payloadOf = (d: Datagram) => d.msg.subarray(4);

/** Read the file as a well-behaved switch does: RRQ, then ACK every block until a short one. */
async function fetchAll(peer: Peer, port: number, mode = 'octet'): Promise<{ data: Buffer; blocks: Datagram[] }> {
  peer.send(request(1, FILE, mode), port);
  const blocks: Datagram[] = [];
  for (;;) {
    const d = await peer.next();
    expect(opcodeOf(d)).toBe(3);
    blocks.push(d);
    peer.send(ack(numberOf(d)), d.from.port);
    if (payloadOf(d).length < 512) break;
  }
  return { data: Buffer.concat(blocks.map(payloadOf)), blocks };
}

// ---------------------------------------------------------------- transfers

describe('TFTP sender: serving the file', () => {
  it('sends a multi-block file byte for byte from a transfer port of its own, and `sent` resolves', async () => {
    const content = randomBytes(1500);
    const s = await sender(content);
    const peer = await rawPeer();
    const { data, blocks } = await fetchAll(peer, s.port);
    await s.sent;
    expect(data.equals(content)).toBe(true);
    expect(blocks.map(numberOf)).toEqual([1, 2, 3]);
    expect(blocks.map((b) => payloadOf(b).length)).toEqual([512, 512, 476]);
    // RFC 1350 transfer ID: the blocks come from a new port, not the one the request went to.
    expect(new Set(blocks.map((b) => b.from.port)).size).toBe(1);
    expect(blocks[0]!.from.port).not.toBe(s.port);
  });

  it('ends a file of exactly 1024 bytes with an empty third block', async () => {
    const content = randomBytes(1024);
    const s = await sender(content);
    const { data, blocks } = await fetchAll(await rawPeer(), s.port);
    await s.sent;
    expect(blocks.map((b) => payloadOf(b).length)).toEqual([512, 512, 0]);
    expect(data.equals(content)).toBe(true);
  });

  it('answers a netascii request with the bytes as they are', async () => {
    const content = Buffer.from('hostname core-1\n!\ninterface Vlan1\n no ip address\nend\n');
    const s = await sender(content);
    const { data } = await fetchAll(await rawPeer(), s.port, 'netascii');
    await s.sent;
    expect(data.equals(content)).toBe(true);
  });

  it('sends the last DATA again when its ACK does not come, and finishes once it does', async () => {
    const content = randomBytes(700);
    const s = await sender(content, { retransmitMs: 100 });
    const peer = await rawPeer();
    peer.send(request(1, FILE), s.port);
    const first = await peer.next();
    expect([opcodeOf(first), numberOf(first)]).toEqual([3, 1]);
    // Pretend our ACK was lost: say nothing, and the same block comes again.
    const again = await peer.next();
    expect([opcodeOf(again), numberOf(again)]).toEqual([3, 1]);
    expect(payloadOf(again).equals(payloadOf(first))).toBe(true);
    peer.send(ack(1), again.from.port);
    let second = await peer.next();
    // A retransmission of block 1 may still have been on its way; block 2 follows it.
    while (numberOf(second) === 1) second = await peer.next();
    expect(numberOf(second)).toBe(2);
    peer.send(ack(2), second.from.port);
    await s.sent;
    expect(Buffer.concat([payloadOf(first), payloadOf(second)]).equals(content)).toBe(true);
  });

  it('wraps block numbers past 65535 to 0', async () => {
    const content = randomBytes(65_536 * 512 + 100);
    const s = await sender(content, { timeoutMs: 240_000, retransmitMs: 1000 });
    const { data, blocks } = await fetchAll(await rawPeer(), s.port);
    await s.sent;
    expect(blocks.length).toBe(65_537);
    expect(blocks.slice(65_534).map(numberOf)).toEqual([65_535, 0, 1]);
    expect(data.equals(content)).toBe(true);
  });

  it("is what the lab switch's TFTP client downloads", async () => {
    const content = Buffer.from(Array.from({ length: 300 }, (_, i) => `interface GigabitEthernet1/0/${i}\n description port ${i}\n!`).join('\n') + '\nend\n');
    const s = await sender(content);
    const got = await tftpDownload({ host: HOST, port: s.port, filename: FILE, localAddress: HOST, retransmitMs: 200 });
    await s.sent;
    expect(got.equals(content)).toBe(true);
  });
});

// ---------------------------------------------------------------- refusals

describe('TFTP sender: refusals', () => {
  it('another file name gets "file not found", and the real request is still served', async () => {
    const content = randomBytes(100);
    const s = await sender(content);
    const stray = await rawPeer();
    stray.send(request(1, 'startup-config'), s.port);
    const refused = await stray.next();
    expect([opcodeOf(refused), numberOf(refused)]).toEqual([5, TFTP_ERROR.fileNotFound]);
    const { data } = await fetchAll(await rawPeer(), s.port);
    await s.sent;
    expect(data.equals(content)).toBe(true);
  });

  it('another source address gets "access violation", and the switch is still served', async () => {
    const content = randomBytes(100);
    const s = await sender(content);
    const stranger = await rawPeer('127.0.0.2');
    stranger.send(request(1, FILE), s.port);
    const refused = await stranger.next();
    expect([opcodeOf(refused), numberOf(refused)]).toEqual([5, TFTP_ERROR.accessViolation]);
    const { data } = await fetchAll(await rawPeer(), s.port);
    await s.sent;
    expect(data.equals(content)).toBe(true);
  });

  it('a write request gets "access violation": the sender takes no files', async () => {
    const s = await sender(randomBytes(10));
    const peer = await rawPeer();
    peer.send(request(2, FILE), s.port);
    const refused = await peer.next();
    expect([opcodeOf(refused), numberOf(refused)]).toEqual([5, TFTP_ERROR.accessViolation]);
    await fetchAll(peer, s.port);
    await s.sent;
  });

  it('the switch aborting the download rejects `sent` with what it said', async () => {
    const s = await sender(randomBytes(2000));
    const peer = await rawPeer();
    peer.send(request(1, FILE), s.port);
    const first = await peer.next();
    peer.send(Buffer.concat([Buffer.from([0, 5, 0, 3]), Buffer.from('Disk full\0', 'latin1')]), first.from.port);
    const err = await rejection(s.sent);
    expect(err).toBeInstanceOf(TftpSendError);
    expect((err as TftpSendError).reason).toBe('receiver-error');
    expect(err.message).toContain('Disk full');
  });
});

// ---------------------------------------------------------------- ending

describe('TFTP sender: deadline and close', () => {
  it('times out when nobody asks, naming the file and the switch', async () => {
    const s = await sender(randomBytes(10), { timeoutMs: 300 });
    const err = await rejection(s.sent);
    expect((err as TftpSendError).reason).toBe('timeout');
    expect(err.message).toContain(FILE);
    expect(err.message).toContain(HOST);
  });

  it('times out when the switch stops acknowledging, and tells it so', async () => {
    const s = await sender(randomBytes(2000), { timeoutMs: 500, retransmitMs: 100 });
    const peer = await rawPeer();
    peer.send(request(1, FILE), s.port);
    const err = await rejection(s.sent);
    expect((err as TftpSendError).reason).toBe('timeout');
    let d = await peer.next();
    while (opcodeOf(d) === 3) d = await peer.next(); // the retransmissions of block 1
    expect(opcodeOf(d)).toBe(5);
  });

  it('close() before any request rejects `sent` as closed and frees the port', async () => {
    const s = await sender(randomBytes(10));
    await s.close();
    const err = await rejection(s.sent);
    expect((err as TftpSendError).reason).toBe('closed');
    const again = await startTftpSender({ address: HOST, port: s.port, serve: { filename: FILE, from: HOST, content: Buffer.alloc(0) }, timeoutMs: 1000 });
    await again.close();
  });
});
