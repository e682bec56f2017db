// The engine's loop without switches: a device that never answers is alerted once; a storm of
// events is one cycle; an event during a cycle makes the device go round once more; a datagram
// from an address no device has is counted and logged once; the real receivers hand records
// on, and malformed datagrams are logged and dropped.

import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { startWatchEngine } from '../../src/watch/engine.js';
import type { WatchEngineOptions, WatchLogEntry } from '../../src/watch/engine.js';
import { startReceivers } from '../../src/watch/receivers.js';
import { resolveSources } from '../../src/watch/sources.js';
import type { WatchEvent } from '../../src/watch/status.js';
import type { SyslogRecord } from '../../src/transport/syslog-receiver.js';
import type { TrapRecord } from '../../src/transport/trap-receiver.js';
import { keptAlerts, testDevice } from '../helpers/watch-fixtures.js';

const device = testDevice();

const reload = (at = Date.now()): WatchEvent => ({ device: 'sw-1', kind: 'reload', detail: 'trap coldStart', source: 'trap', at });

async function engineFor(over: Partial<WatchEngineOptions>) {
  const { alerts, alert } = keptAlerts();
  const logs: WatchLogEntry[] = [];
  const engine = await startWatchEngine({
    devices: [device],
    store: null,
    settle: { quietMs: 20, maxMs: 200 },
    sweepIntervalS: 0,
    alert,
    log: (e) => logs.push(e),
    sources: await resolveSources([device]),
    ...over,
  });
  return { engine, alerts, logs };
}

const never = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:1');
};

describe('watch engine (no switches)', () => {
  it('a device that does not answer is alerted once, with why; a storm of 10,000 events is one cycle', async () => {
    const { engine, alerts, logs } = await engineFor({ answer: { timeoutMs: 20, pollMs: 5, probe: never } });
    for (let i = 0; i < 10_000; i++) engine.ingest(reload());
    expect(engine.status().devices[0]!.phase).toBe('settling');
    await engine.idle();
    expect(logs.filter((l) => l.what === 'settled')).toHaveLength(1);
    expect(engine.status().counters.events.reload).toBe(10_000);
    expect(engine.status().recent.length).toBeLessThanOrEqual(100);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ device: 'sw-1', checked: null, failure: { stage: 'answer' } });
    expect(alerts[0]!.failure!.reason).toMatch(/did not answer within 0 s \(last: connect ECONNREFUSED/);
    // Again: the same "did not answer" is not alerted twice.
    engine.ingest(reload());
    await engine.idle();
    expect(alerts).toHaveLength(1);
    await engine.close();
  });

  it('an event during a cycle makes the device go round once more after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let probes = 0;
    const { engine, logs } = await engineFor({
      answer: {
        timeoutMs: 10,
        pollMs: 1,
        probe: async () => {
          probes++;
          if (probes === 1) await held;
          throw new Error('no answer');
        },
      },
    });
    engine.ingest(reload());
    await new Promise<void>((done) => {
      const look = () => (engine.status().devices[0]!.phase === 'waiting' ? done() : setTimeout(look, 5));
      look();
    });
    engine.ingest(reload());
    engine.ingest(reload());
    release();
    await engine.idle();
    expect(logs.filter((l) => l.what === 'settled').map((l) => l.data?.events)).toEqual([1, 2]);
    expect(logs.some((l) => l.what === 'event' && /it goes round once more/.test(l.message))).toBe(true);
    await engine.close();
  });

  it('a config-changed event is recorded and counted but opens no window (no login per change)', async () => {
    const { engine, logs } = await engineFor({ answer: { probe: never, timeoutMs: 1 } });
    engine.ingest({ device: 'sw-1', kind: 'config-changed', detail: 'syslog: configured from console', source: 'syslog', at: Date.now() });
    expect(engine.status().devices[0]!.phase).toBe('quiet');
    expect(engine.status().counters.events['config-changed']).toBe(1);
    expect(engine.status().recent).toHaveLength(1);
    await engine.idle();
    expect(logs.filter((l) => l.what === 'settled')).toEqual([]);
    await engine.close();
  });

  it('a datagram from an unknown address is counted every time and logged once', async () => {
    const { engine, logs } = await engineFor({ answer: { probe: never, timeoutMs: 1 } });
    const record = (from: string): SyslogRecord =>
      ({ kind: 'syslog', from, receivedAt: new Date(), text: '%SYS-5-RESTART: System restarted --' }) as SyslogRecord;
    engine.receive(record('10.9.9.9'));
    engine.receive(record('10.9.9.9'));
    expect(engine.status().counters.unknownSources).toBe(2);
    expect(logs.filter((l) => l.what === 'unknown-source')).toHaveLength(1);
    expect(logs.find((l) => l.what === 'unknown-source')!.message).toContain('10.9.9.9');
    await engine.close();
  });

  it('a coldStart trap from a device of platform auto is a reload (the standard traps need no platform)', async () => {
    const auto = { ...device, platform: 'auto' };
    const { engine } = await engineFor({ devices: [auto], sources: await resolveSources([auto]), answer: { probe: never, timeoutMs: 1 } });
    const trap = { kind: 'trap', from: '127.0.0.1', trapOid: '1.3.6.1.6.3.1.1.5.1', varbinds: [], version: '2c', community: 'secret' } as unknown as TrapRecord;
    engine.receive(trap);
    expect(engine.status().recent).toEqual([expect.objectContaining({ device: 'sw-1', kind: 'reload', source: 'trap' })]);
    expect(JSON.stringify(engine.status())).not.toContain('secret');
    await engine.close();
  });

  it('the real receivers: a syslog restart line from the device is an event; malformed datagrams are logged and dropped', async () => {
    const { engine, logs } = await engineFor({ answer: { probe: never, timeoutMs: 1 }, settle: { quietMs: 60_000, maxMs: 60_000 } });
    const receivers = await startReceivers({
      engine,
      trap: { address: '127.0.0.1', port: 0, communities: ['c0mmunity'], users: [] },
      syslog: { address: '127.0.0.1', port: 0 },
    });
    const sock = dgram.createSocket('udp4');
    const send = (port: number, text: string | Buffer) => new Promise<void>((done) => sock.send(text, port, '127.0.0.1', () => done()));
    await send(receivers.syslog!.port, '<189>Dec  7 20:00:00 SW-1 %SYS-5-RESTART: System restarted --');
    await send(receivers.syslog!.port, Buffer.from([0, 1, 2, 3]));
    await send(receivers.trap!.port, Buffer.from('not an snmp message'));
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => engine.status().recent.length === 1 && logs.filter((l) => l.what === 'drop').length === 2);
    expect(engine.status().recent[0]).toMatchObject({ device: 'sw-1', kind: 'reload', source: 'syslog' });
    const views = engine.status().receivers;
    expect(views.find((v) => v.kind === 'trap')).toMatchObject({ received: 0, dropped: { malformed: 1 } });
    expect(views.find((v) => v.kind === 'syslog')).toMatchObject({ received: 1, dropped: { malformed: 1 } });
    // Never the community in a log line.
    expect(JSON.stringify(logs)).not.toContain('c0mmunity');
    expect(engine.engineID()).toMatch(/^[0-9a-f]{10,64}$/);
    sock.close();
    await receivers.close();
    await engine.close();
  });
});
