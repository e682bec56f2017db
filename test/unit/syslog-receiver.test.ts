// The UDP syslog receiver, over real sockets on 127.0.0.1: records for good datagrams (from a
// test socket and from the system's own `logger` tool), a counted one-line drop for garbage
// and oversized ones, and a throwing handler that does not stop the next datagram.

import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyslogReceiver } from '../../src/transport/syslog-receiver.js';
import type { SyslogDrop, SyslogReceiver, SyslogRecord } from '../../src/transport/syslog-receiver.js';

const run = promisify(execFile);
const LOGGER = ['/usr/bin/logger', '/bin/logger'].find((p) => existsSync(p));

/** Records and drops as they arrive, and a way to wait for a number of them (no timers). */
function collector() {
  const records: SyslogRecord[] = [];
  const drops: SyslogDrop[] = [];
  const waiters: { until: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (w.until()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  return {
    records,
    drops,
    onRecord: (r: SyslogRecord) => {
      records.push(r);
      check();
    },
    onDrop: (d: SyslogDrop) => {
      drops.push(d);
      check();
    },
    waitFor: (until: () => boolean) => new Promise<void>((resolve) => (until() ? resolve() : waiters.push({ until, resolve }))),
  };
}

async function send(port: number, ...datagrams: (string | Buffer)[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    for (const d of datagrams) await new Promise<void>((resolve, reject) => socket.send(d, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  } finally {
    socket.close();
  }
}

let receiver: SyslogReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('syslog receiver', () => {
  it('hands on records for syslog datagrams and drops garbage with a reason', async () => {
    const c = collector();
    receiver = await startSyslogReceiver({ address: '127.0.0.1', port: 0, onRecord: c.onRecord, onDrop: c.onDrop });
    const real = readFileSync(new URL('../fixtures/syslog/napalm-logs-ios-config-i.msg', import.meta.url));
    await send(
      receiver.port,
      real,
      Buffer.from('302902010104067075626c6963a71c0204', 'hex'),
      `<14>Oct 11 22:14:15 host app: ${'x'.repeat(9000)}`,
      '<34>Oct 11 22:14:15 mymachine su: the last one',
    );
    await c.waitFor(() => c.records.length + c.drops.length === 4);

    expect(c.records.map((r) => r.text)).toEqual(['%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.31.0.24)', 'the last one']);
    expect(c.records[0]).toMatchObject({ kind: 'syslog', from: '127.0.0.1', host: 'test-ztp', severity: 5, facility: 23 });
    expect(c.records[0]?.receivedAt).toBeInstanceOf(Date);
    expect(c.drops.map((d) => d.from)).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(c.drops[0]?.reason).toMatch(/binary/);
    expect(c.drops[1]?.reason).toMatch(/over the 8192-byte limit/);
    for (const d of c.drops) expect(d.reason).not.toContain('\n');
    expect(receiver.counts).toEqual({ received: 4, dropped: 2 });
  });

  it('a handler that throws costs that record only', async () => {
    const c = collector();
    let first = true;
    receiver = await startSyslogReceiver({
      address: '127.0.0.1',
      port: 0,
      onRecord: (r) => {
        if (first) {
          first = false;
          throw new Error('handler bug\nsecond line');
        }
        c.onRecord(r);
      },
      onDrop: c.onDrop,
    });
    await send(receiver.port, '<13>one: first', '<13>two: second');
    await c.waitFor(() => c.records.length === 1 && c.drops.length === 1);
    expect(c.records[0]?.app).toBe('two');
    expect(c.drops[0]?.reason).toBe('the handler failed: handler bug');
  });

  it('rejects when the port is taken', async () => {
    const c = collector();
    receiver = await startSyslogReceiver({ address: '127.0.0.1', port: 0, onRecord: c.onRecord });
    await expect(startSyslogReceiver({ address: '127.0.0.1', port: receiver.port, onRecord: c.onRecord })).rejects.toThrow(/EADDRINUSE/);
  });

  it.skipIf(!LOGGER)('receives what the system logger tool sends, RFC 5424 and RFC 3164', async () => {
    const c = collector();
    receiver = await startSyslogReceiver({ address: '127.0.0.1', port: 0, onRecord: c.onRecord, onDrop: c.onDrop });
    const port = String(receiver.port);
    const base = ['--udp', '--server', '127.0.0.1', '--port', port, '--tag', 'switchback-test', '--priority', 'local7.warning'];
    await run(LOGGER as string, [...base, '--rfc5424', '--msgid', 'T19', '--sd-id', 'test@32473', '--sd-param', 'member="2"', 'five four two four']);
    await run(LOGGER as string, [...base, '--rfc3164', 'three one six four']);
    await c.waitFor(() => c.records.length + c.drops.length === 2);

    expect(c.drops).toEqual([]);
    const r5424 = c.records.find((r) => r.format === 'rfc5424');
    const r3164 = c.records.find((r) => r.format === 'rfc3164');
    expect(r5424).toMatchObject({ facility: 23, severity: 4, app: 'switchback-test', msgId: 'T19', text: 'five four two four' });
    expect(r5424?.structuredData?.find((e) => e.id === 'test@32473')?.params).toEqual([{ name: 'member', value: '2' }]);
    expect(r3164).toMatchObject({ facility: 23, severity: 4, app: 'switchback-test', text: 'three one six four' });
    expect(r3164?.host).toBeTruthy();
  });
});
