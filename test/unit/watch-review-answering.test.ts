// Review: a switch that lost its SNMP configuration with the rest (a factory default drops the
// community and the v3 user) never answers the inventory's SNMP again — yet it answers on its
// SSH port, and `check` goes over SSH when SNMP is unreachable. The watch must not wait the
// whole --answer-timeout for SNMP and then say "did not answer" instead of what it lost.

import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { waitUntilAnswering } from '../../src/watch/answering.js';
import { testDevice } from '../helpers/watch-fixtures.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

describe('answering (review)', () => {
  it('an SSH switch whose SNMP agent no longer answers the inventory counts as answering once its SSH port does', async () => {
    // SNMP: a socket that swallows every request (the agent drops an unknown community silently).
    const snmp = dgram.createSocket('udp4');
    await new Promise<void>((done) => snmp.bind(0, '127.0.0.1', () => done()));
    closers.push(() => snmp.close());
    // SSH: a port that accepts.
    const ssh = net.createServer((s) => s.destroy());
    await new Promise<void>((done) => ssh.listen(0, '127.0.0.1', () => done()));
    closers.push(() => ssh.close());
    const device: Device = testDevice({
      port: (ssh.address() as AddressInfo).port,
      snmp: { version: 2, port: snmp.address().port, community: { from: 'env', name: 'SB_REVIEW_COMMUNITY' }, timeoutMs: 100, retries: 0 },
    });
    process.env.SB_REVIEW_COMMUNITY = 'public';
    closers.push(() => delete process.env.SB_REVIEW_COMMUNITY);
    const answered = await waitUntilAnswering(device, { timeoutMs: 3_000, pollMs: 50 });
    console.log('answered:', JSON.stringify(answered));
    expect(answered.answered).toBe(true);
  });
});
