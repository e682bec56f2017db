// Waiting for a device to answer: asked until it does, bounded, cancellable.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { probeDevice, waitUntilAnswering } from '../../src/watch/answering.js';
import { testDevice } from '../helpers/watch-fixtures.js';

const device = (port: number): Device => testDevice({ port });

describe('answering', () => {
  it('asks until the device answers', async () => {
    let n = 0;
    const r = await waitUntilAnswering(device(22), {
      pollMs: 1,
      probe: async () => {
        if (++n < 3) throw new Error('no answer');
      },
    });
    expect(r).toMatchObject({ answered: true, attempts: 3 });
  });

  it('gives up after the bound, saying the last reason', async () => {
    const r = await waitUntilAnswering(device(22), {
      timeoutMs: 30,
      pollMs: 5,
      probe: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    expect(r).toMatchObject({ answered: false, cancelled: false });
    expect(r.answered === false && r.why).toMatch(/^did not answer within 0 s \(last: connect ECONNREFUSED\)$/);
  });

  it('is cancelled by the signal', async () => {
    const abort = new AbortController();
    const waiting = waitUntilAnswering(device(22), {
      pollMs: 60_000,
      signal: abort.signal,
      probe: async () => {
        throw new Error('no answer');
      },
    });
    abort.abort();
    expect(await waiting).toMatchObject({ answered: false, cancelled: true });
  });

  it('the real probe: a device without SNMP answers when its SSH port accepts a connection', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    await expect(probeDevice(device(port), new AbortController().signal)).resolves.toBeUndefined();
    await new Promise<void>((done) => server.close(() => done()));
    await expect(probeDevice(device(port), new AbortController().signal)).rejects.toThrow(/ECONNREFUSED/);
  });
});
