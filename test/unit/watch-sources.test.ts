// A datagram's device by its source address: hosts resolved once, unknown senders counted and
// logged once an hour per address.

import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { normaliseAddress, resolveSources, UNKNOWN_LOG_INTERVAL_MS } from '../../src/watch/sources.js';
import { testDevice } from '../helpers/watch-fixtures.js';

const device = (name: string, host: string): Device => testDevice({ name, host, port: 22, timeouts: { commandMs: 1, deviceMs: 1 } });

describe('sources', () => {
  it('finds a device by its address, by a name resolved once, and by an IPv4-mapped address', async () => {
    let lookups = 0;
    const map = await resolveSources([device('a', '127.1.0.2'), device('b', 'sw-b.example')], async (name) => {
      lookups++;
      if (name === 'sw-b.example') return ['10.0.0.5', 'fd00::5'];
      throw new Error('ENOTFOUND');
    });
    expect(map.deviceOf('127.1.0.2')?.name).toBe('a');
    expect(map.deviceOf('::ffff:127.1.0.2')?.name).toBe('a');
    expect(map.deviceOf('10.0.0.5')?.name).toBe('b');
    expect(map.deviceOf('FD00::5')?.name).toBe('b');
    expect(map.deviceOf('10.9.9.9')).toBeUndefined();
    expect(lookups).toBe(1);
    expect(normaliseAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
  });

  it('a name that does not resolve is said, and the others still work', async () => {
    const map = await resolveSources([device('a', '10.0.0.1'), device('gone', 'gone.example')], async () => {
      throw new Error('getaddrinfo ENOTFOUND gone.example');
    });
    expect(map.unresolved).toEqual([{ device: 'gone', why: 'gone.example did not resolve: getaddrinfo ENOTFOUND gone.example' }]);
    expect(map.deviceOf('10.0.0.1')?.name).toBe('a');
  });

  it('two devices with one address: the first keeps it, and it is said', async () => {
    const map = await resolveSources([device('a', '10.0.0.1'), device('b', '10.0.0.1')]);
    expect(map.deviceOf('10.0.0.1')?.name).toBe('a');
    expect(map.shared).toEqual([{ address: '10.0.0.1', devices: ['a', 'b'] }]);
  });

  it('unknown senders: every datagram counted, each address logged once an hour', async () => {
    const map = await resolveSources([]);
    const t = 1_000_000;
    expect(map.unknown('10.9.9.9', t)).toBe(true);
    expect(map.unknown('10.9.9.9', t + 1000)).toBe(false);
    expect(map.unknown('10.9.9.8', t + 1000)).toBe(true);
    expect(map.unknown('10.9.9.9', t + UNKNOWN_LOG_INTERVAL_MS)).toBe(true);
    expect(map.unknownCount()).toBe(4);
  });
});
