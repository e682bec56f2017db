// TFTP between the lab switch's client and switchback's receiver, over real UDP on
// loopback: what arrives, and what each side is told when something is refused.

import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tftpUpload, TftpUploadError } from '../../src/lab/tftp-upload.js';
import { startTftpReceiver, TftpReceiveError, TFTP_ERROR } from '../../src/transport/tftp-receiver.js';
import type { TftpReceiver, TftpReceiverOptions } from '../../src/transport/tftp-receiver.js';

const HOST = '127.0.0.1';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function receiver(overrides: Partial<TftpReceiverOptions> = {}): Promise<TftpReceiver> {
  const r = await startTftpReceiver({
    address: HOST,
    port: 0,
    expect: { filename: 'core-1.cfg', from: HOST },
    maxBytes: 1 << 20,
    timeoutMs: 60_000,
    retransmitMs: 200,
    ...overrides,
  });
  cleanup.push(() => r.close());
  return r;
}

function upload(r: TftpReceiver, data: Buffer, filename = 'core-1.cfg', localAddress = HOST) {
  return tftpUpload({ host: HOST, port: r.port, filename, data, localAddress, retransmitMs: 200, attempts: 5 });
}

async function rejection<T>(p: Promise<T>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

// ---------------------------------------------------------------- a raw peer, for what the lab client never does

interface Datagram {
  msg: Buffer;
  from: RemoteInfo;
}

async function rawPeer(address = HOST): Promise<{ socket: Socket; send(p: Buffer, port: number): void; next(): Promise<Datagram> }> {
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

const request = (opcode: 1 | 2, filename: string, mode: string) => Buffer.concat([Buffer.from([0, opcode]), Buffer.from(`${filename}\0${mode}\0`, 'latin1')]);
const data = (block: number, payload: Buffer) => Buffer.concat([Buffer.from([0, 3, block >> 8, block & 0xff]), payload]);
const opcodeOf = (d: Datagram) => d.msg.readUInt16BE(0);
const numberOf = (d: Datagram) => d.msg.readUInt16BE(2);
const textOf = (d: Datagram) => d.msg.subarray(4, d.msg.length - 1).toString('latin1');

// ---------------------------------------------------------------- transfers

describe('TFTP upload to the receiver', () => {
  it('delivers an empty file (one empty block)', async () => {
    const r = await receiver();
    const result = await upload(r, Buffer.alloc(0));
    expect(result).toEqual({ bytes: 0, blocks: 1 });
    expect((await r.received).length).toBe(0);
  });

  it('delivers exactly 512 bytes, ended by an empty second block', async () => {
    const r = await receiver();
    const payload = randomBytes(512);
    const result = await upload(r, payload);
    expect(result.blocks).toBe(2);
    expect((await r.received).equals(payload)).toBe(true);
  });

  it('delivers a multi-block config byte for byte', async () => {
    const r = await receiver();
    const config = Buffer.from(Array.from({ length: 400 }, (_, i) => `interface GigabitEthernet1/0/${i}\n description port ${i}\n!`).join('\n') + '\nend\n');
    const result = await upload(r, config);
    expect(result.blocks).toBe(Math.floor(config.length / 512) + 1);
    expect((await r.received).equals(config)).toBe(true);
  });

  it('delivers a file longer than 65535 blocks (block numbers wrap to 0)', async () => {
    const r = await receiver({ maxBytes: 40 << 20, timeoutMs: 240_000 });
    const payload = randomBytes(65_540 * 512 + 100);
    const result = await upload(r, payload);
    expect(result.blocks).toBe(65_541);
    expect((await r.received).equals(payload)).toBe(true);
  });

  it('re-acknowledges a repeated DATA block without storing it twice', async () => {
    const r = await receiver();
    const peer = await rawPeer();
    peer.send(request(2, 'core-1.cfg', 'octet'), r.port);
    const ack0 = await peer.next();
    expect([opcodeOf(ack0), numberOf(ack0)]).toEqual([4, 0]);
    // The receiver answers from its own transfer port (RFC 1350 transfer ID).
    expect(ack0.from.port).not.toBe(r.port);
    const first = Buffer.alloc(512, 0x61);
    peer.send(data(1, first), ack0.from.port);
    expect(numberOf(await peer.next())).toBe(1);
    peer.send(data(1, first), ack0.from.port); // as if our ACK had been lost
    const again = await peer.next();
    expect([opcodeOf(again), numberOf(again)]).toEqual([4, 1]);
    peer.send(data(2, Buffer.from('end\n')), ack0.from.port);
    expect(numberOf(await peer.next())).toBe(2);
    expect((await r.received).toString()).toBe('a'.repeat(512) + 'end\n');
  });

  it('tells a stranger on the transfer port "unknown transfer ID" and carries on', async () => {
    const r = await receiver();
    const peer = await rawPeer();
    const stranger = await rawPeer();
    peer.send(request(2, 'core-1.cfg', 'octet'), r.port);
    const ack0 = await peer.next();
    stranger.send(data(1, Buffer.from('spoofed\n')), ack0.from.port);
    const error = await stranger.next();
    expect([opcodeOf(error), numberOf(error)]).toEqual([5, TFTP_ERROR.unknownTransferId]);
    peer.send(data(1, Buffer.from('genuine\n')), ack0.from.port);
    await peer.next();
    expect((await r.received).toString()).toBe('genuine\n');
  });
});

// ---------------------------------------------------------------- refusals

describe('what the receiver refuses', () => {
  it('refuses another file name with an access-violation ERROR, then still takes the right one', async () => {
    const r = await receiver();
    const err = await rejection(upload(r, Buffer.from('x'), 'etc-passwd'));
    expect(err).toBeInstanceOf(TftpUploadError);
    expect((err as TftpUploadError).reason).toBe('refused');
    expect((err as TftpUploadError).tftpCode).toBe(TFTP_ERROR.accessViolation);
    await upload(r, Buffer.from('hostname core-1\n'));
    expect((await r.received).toString()).toBe('hostname core-1\n');
  });

  it('refuses an upload from another address', async () => {
    const r = await receiver();
    const err = await rejection(upload(r, Buffer.from('hostname evil\n'), 'core-1.cfg', '127.0.0.2'));
    expect((err as TftpUploadError).reason).toBe('refused');
    expect((err as TftpUploadError).tftpCode).toBe(TFTP_ERROR.accessViolation);
  });

  it('refuses read requests and netascii mode', async () => {
    const r = await receiver();
    const peer = await rawPeer();
    peer.send(request(1, 'core-1.cfg', 'octet'), r.port);
    const read = await peer.next();
    expect([opcodeOf(read), numberOf(read)]).toEqual([5, TFTP_ERROR.accessViolation]);
    peer.send(request(2, 'core-1.cfg', 'netascii'), r.port);
    const ascii = await peer.next();
    expect([opcodeOf(ascii), numberOf(ascii)]).toEqual([5, TFTP_ERROR.illegalOperation]);
    expect(textOf(ascii)).toMatch(/octet/);
  });

  it('stops an upload over the size limit: the sender gets "disk full", the caller a too-large error', async () => {
    const r = await receiver({ maxBytes: 1000 });
    const err = await rejection(upload(r, randomBytes(2000)));
    expect((err as TftpUploadError).tftpCode).toBe(TFTP_ERROR.diskFull);
    const received = await rejection(r.received);
    expect(received).toBeInstanceOf(TftpReceiveError);
    expect((received as TftpReceiveError).reason).toBe('too-large');
    expect(received.message).toMatch(/1000 bytes/);
  });

  it('gives up when nothing arrives before the deadline', async () => {
    const r = await receiver({ timeoutMs: 300 });
    const err = await rejection(r.received);
    expect((err as TftpReceiveError).reason).toBe('timeout');
    expect(err.message).toMatch(/no upload of core-1\.cfg from 127\.0\.0\.1 arrived within 300 ms/);
  });

  it('says before its timer runs what the deadline will say (a caller whose own clock passed it first words it alike)', async () => {
    const waiting = await receiver({ timeoutMs: 60_000 });
    expect(waiting.timeoutMessage()).toBe('TFTP: no upload of core-1.cfg from 127.0.0.1 arrived within 60000 ms');
    const r = await receiver({ timeoutMs: 300 });
    const said = r.timeoutMessage();
    expect((await rejection(r.received)).message).toBe(said);
  });

  it('rejects the pending upload when closed early', async () => {
    const r = await receiver();
    await r.close();
    expect(((await rejection(r.received)) as TftpReceiveError).reason).toBe('closed');
  });
});

describe('the lab TFTP client', () => {
  it('gives up with a timeout error when the server never answers', async () => {
    const silent = await rawPeer(); // bound, never replies
    const err = await rejection(
      tftpUpload({ host: HOST, port: silent.socket.address().port, filename: 'x.cfg', data: Buffer.from('x'), retransmitMs: 50, attempts: 3 }),
    );
    expect((err as TftpUploadError).reason).toBe('timeout');
    expect(err.message).toMatch(/no answer from 127\.0\.0\.1:\d+ to the write request after 3 tries/);
  });

  it('stops when aborted', async () => {
    const silent = await rawPeer();
    const abort = new AbortController();
    const pending = tftpUpload({ host: HOST, port: silent.socket.address().port, filename: 'x.cfg', data: Buffer.from('x'), signal: abort.signal });
    abort.abort();
    expect(((await rejection(pending)) as TftpUploadError).reason).toBe('aborted');
  });
});
