// The test helpers the watch's end-to-end tests send with (test/helpers/watch-traffic.ts), held
// to what receives them for real: the hand-encoded traps decode in switchback's trap receiver
// (net-snmp's decoder) into the records the watch recognises, from the address they were sent
// from; the garbage is dropped and counted, never delivered; the syslog lines parse; and the
// blaster's pacing sends what it says it sent.

import { afterEach, describe, expect, it } from 'vitest';
import { startSyslogReceiver } from '../../src/transport/syslog-receiver.js';
import type { SyslogRecord } from '../../src/transport/syslog-receiver.js';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapRecord } from '../../src/transport/trap-receiver.js';
import { recognise } from '../../src/watch/recognise.js';
import { platformByName } from '../../src/platforms/index.js';
import { blast, encodeTrap, malformedSyslog, malformedTraps, sendDatagrams, sendSyslog, syslogLine } from '../helpers/watch-traffic.js';
import { startWebhookCollector } from '../helpers/watch-webhook.js';

const COMMUNITY = 'storm-community';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/**
 * Resolves once `n()` reaches `want`: the receiver's own count, looked at every 10 ms. The
 * backstop (a minute) only turns a datagram that never arrives into a failure that says so.
 */
async function until(n: () => number, want: number, what = 'datagrams'): Promise<void> {
  const giveUp = Date.now() + 60_000;
  while (n() < want) {
    if (Date.now() > giveUp) throw new Error(`${what}: ${n()} of ${want} arrived`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function trapReceiver() {
  const traps: TrapRecord[] = [];
  const drops: string[] = [];
  const r = await startTrapReceiver({
    address: '127.0.0.1',
    port: 0,
    communities: [COMMUNITY],
    users: [],
    onTrap: (t) => traps.push(t),
    onDrop: (d) => drops.push(d.reason),
  });
  closers.push(() => r.close());
  return { r, traps, drops };
}

describe('hand-encoded SNMPv2c traps', () => {
  it('decode in the real trap receiver, from the lab address they were sent from, and mean what the platform says', async () => {
    const { r, traps } = await trapReceiver();
    const cisco = platformByName('cisco-ios')!;
    const removed = cisco.notifications.traps.find((t) => t.event === 'member-lost' && t.memberFrom)!;
    expect(removed, 'a member-lost trap rule that names the member').toBeDefined();
    const memberOid = removed.memberFrom!.from === 'index' ? `${removed.memberFrom!.oidPrefix}.3` : `${removed.memberFrom!.oidPrefix}.1`;
    await sendDatagrams('127.1.0.2', { host: '127.0.0.1', port: r.port }, [
      encodeTrap({ oid: '1.3.6.1.6.3.1.1.5.1', community: COMMUNITY, uptime: 123 }),
      encodeTrap({ oid: removed.oid, community: COMMUNITY, varbinds: [{ oid: memberOid, value: { type: 'integer', value: 3 } }], requestId: 0x7fffffff }),
    ]);
    await until(() => traps.length, 2);
    expect(traps.map((t) => [t.from, t.version, t.trapOid])).toEqual([
      ['127.1.0.2', '2c', '1.3.6.1.6.3.1.1.5.1'],
      ['127.1.0.2', '2c', removed.oid],
    ]);
    expect(traps[0]!.varbinds[0]).toMatchObject({ oid: '1.3.6.1.2.1.1.3.0', type: 'timeticks', value: 123 });
    expect(recognise('sw-1', traps[0]!, cisco.notifications)).toMatchObject({ device: 'sw-1', event: 'reload' });
    expect(recognise('sw-1', traps[1]!, cisco.notifications)).toMatchObject({ device: 'sw-1', event: 'member-lost', member: 3 });
  });

  it('encode large and negative numbers, long OIDs and long strings as BER says (decoded back unchanged)', async () => {
    const { r, traps } = await trapReceiver();
    const long = 'x'.repeat(300);
    await sendDatagrams('127.0.0.1', { host: '127.0.0.1', port: r.port }, [
      encodeTrap({
        oid: '1.3.6.1.4.1.9.9.500.0.2',
        community: COMMUNITY,
        uptime: 0xfffffffe,
        varbinds: [
          { oid: '1.3.6.1.4.1.2636.3.40.1.4.1.1.1.5.4294967295', value: { type: 'integer', value: -129 } },
          { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'octets', value: long } },
          { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'oid', value: '1.3.6.1.4.1.30065.1.3011' } },
          { oid: '1.3.6.1.2.1.2.2.1.5.1', value: { type: 'gauge', value: 4_000_000_000 } },
        ],
      }),
    ]);
    await until(() => traps.length, 1);
    expect(traps[0]!.varbinds.map((v) => [v.oid, v.value])).toEqual([
      ['1.3.6.1.2.1.1.3.0', 0xfffffffe],
      ['1.3.6.1.6.3.1.1.4.1.0', '1.3.6.1.4.1.9.9.500.0.2'],
      ['1.3.6.1.4.1.2636.3.40.1.4.1.1.1.5.4294967295', -129],
      ['1.3.6.1.2.1.1.5.0', long],
      ['1.3.6.1.2.1.1.2.0', '1.3.6.1.4.1.30065.1.3011'],
      ['1.3.6.1.2.1.2.2.1.5.1', 4_000_000_000],
    ]);
  });

  it('the malformed ones are all dropped and counted, none delivered, and a good one after them still is', async () => {
    const { r, traps, drops } = await trapReceiver();
    const bad = malformedTraps(COMMUNITY);
    await sendDatagrams('127.0.0.1', { host: '127.0.0.1', port: r.port }, [...bad, encodeTrap({ oid: '1.3.6.1.6.3.1.1.5.1', community: COMMUNITY })]);
    await until(() => traps.length, 1);
    await until(() => drops.length, bad.length);
    expect(traps).toHaveLength(1);
    expect(drops).toHaveLength(bad.length);
    expect(new Set(drops)).toEqual(new Set(['malformed', 'not-a-notification']));
  });
});

describe('syslog lines', () => {
  it('parse in the real syslog receiver from the given address; the malformed ones are dropped', async () => {
    const records: SyslogRecord[] = [];
    const drops: string[] = [];
    const r = await startSyslogReceiver({ address: '127.0.0.1', port: 0, onRecord: (x) => records.push(x), onDrop: (d) => drops.push(d.reason) });
    closers.push(() => r.close());
    const to = { host: '127.0.0.1', port: r.port };
    await sendSyslog('127.1.0.5', to, [syslogLine('SW-5', '%SYS-5-RESTART: System restarted --')]);
    await sendDatagrams('127.1.0.5', to, malformedSyslog());
    await until(() => r.counts.received, 1 + malformedSyslog().length);
    expect(records.map((x) => [x.from, x.text])).toEqual([['127.1.0.5', '%SYS-5-RESTART: System restarted --']]);
    expect(r.counts.dropped).toBe(malformedSyslog().length);
  });
});

describe('the blaster', () => {
  it('sends rate × seconds datagrams, round-robin from every source, and the receiver counts what arrived', async () => {
    const { r, traps } = await trapReceiver();
    const sources = ['127.1.0.2', '127.1.0.3'].map((address) => ({ address, datagrams: [encodeTrap({ oid: '1.3.6.1.6.3.1.1.5.1', community: COMMUNITY })] }));
    const result = await blast({ to: { host: '127.0.0.1', port: r.port }, sources, rate: 2000, seconds: 1 });
    console.log(`blaster: asked 2000/s for 1 s; sent ${result.sent} in ${result.elapsedMs} ms (${result.achievedPerSecond}/s), failed ${result.failed}`);
    expect(result.sent + result.failed).toBe(2000);
    expect(result.bySource).toEqual({ '127.1.0.2': result.sent / 2, '127.1.0.3': result.sent / 2 });
    // What reached the receiver's socket is the kernel's business (a full buffer drops), but
    // whatever arrived was decoded, from the two sources and nowhere else.
    await until(() => r.counts().received + r.counts().dropped.malformed, Math.min(1, result.sent));
    expect(new Set(traps.map((t) => t.from))).toEqual(new Set(['127.1.0.2', '127.1.0.3']));
  });
});

describe('the webhook collector', () => {
  it('keeps every POSTed JSON body and resolves a wait on the one that matches, before or after it arrives', async () => {
    const hook = await startWebhookCollector();
    closers.push(() => hook.close());
    const post = (body: object) => fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post({ n: 1 });
    expect((await hook.waitFor((b) => (b as { n: number }).n === 1)).body).toEqual({ n: 1 });
    const later = hook.waitFor((b) => (b as { n: number }).n === 2);
    expect((await post({ n: 2 })).status).toBe(200);
    expect((await later).body).toEqual({ n: 2 });
    expect(hook.received.map((a) => a.body)).toEqual([{ n: 1 }, { n: 2 }]);
    await expect(hook.waitFor(() => false, 'nothing', 50)).rejects.toThrow(/nothing never arrived; received 2/);
  });
});
