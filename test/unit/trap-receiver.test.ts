// The SNMP notification receiver against the real senders a switch's SNMP agent behaves
// like: Debian's net-snmp tools (`snmptrap`, `snmpinform`, package `snmp`) on 127.0.0.1.
// What a user of `switchback watch` relies on: each trap and inform arrives as a record with
// its snmpTrapOID, an inform's sender gets its Response (the tool exits 0), v3 authPriv
// works for traps (the switch's engine ID) and informs (ours), and anything refused — a
// wrong community, a wrong key, an unknown user, garbage — is counted and dropped, with no
// community or key in what is reported, and the receiver keeps receiving.

import { execFile, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapDrop, TrapReceiver, TrapRecord } from '../../src/transport/trap-receiver.js';

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}
const TOOLS = has('snmptrap') && has('snmpinform');

const COMMUNITY = 'trap-c0mmunity';
const USERS = [
  { name: 'watch-sha', auth: { protocol: 'sha' as const, key: 'auth-Secret-1' }, priv: { protocol: 'aes' as const, key: 'priv-Secret-1' } },
  { name: 'watch-sha256', auth: { protocol: 'sha256' as const, key: 'auth-Secret-2' }, priv: { protocol: 'aes' as const, key: 'priv-Secret-2' } },
];
const SECRETS = [COMMUNITY, 'wrong-c0mmunity', ...USERS.flatMap((u) => [u.auth.key, u.priv.key]), 'wrong-Secret-9'];
/** A switch's engine ID, as a v3 trap's sender (the authoritative engine) puts it in its message. */
const SWITCH_ENGINE = '80000009030011223344aa';

/** Records and drops as they arrive; `next` waits for the next one (no sleeping, no timing). */
function queue<T>() {
  const items: T[] = [];
  const waiting: ((item: T) => void)[] = [];
  return {
    all: [] as T[],
    push(item: T) {
      this.all.push(item);
      const w = waiting.shift();
      if (w) w(item);
      else items.push(item);
    },
    next(): Promise<T> {
      const item = items.shift();
      return item !== undefined ? Promise.resolve(item) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const traps = queue<TrapRecord>();
const drops = queue<TrapDrop>();
let receiver: TrapReceiver;
let home: string;

/** Runs a net-snmp tool with its own empty config and persistence folder (no ~/.snmp, no MIBs to load). */
function tool(command: 'snmptrap' | 'snmpinform', args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['-M', '/nonexistent', '-m', '', ...args],
      { env: { PATH: process.env.PATH, HOME: home, SNMPCONFPATH: join(home, 'conf'), SNMP_PERSISTENT_DIR: join(home, 'persist') }, timeout: 20_000 },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}
const target = () => `udp:127.0.0.1:${receiver.port}`;
const v3 = (user: { name: string; auth: { protocol: 'sha' | 'sha256'; key: string }; priv: { key: string } }) => [
  '-v3',
  '-u',
  user.name,
  '-l',
  'authPriv',
  '-a',
  user.auth.protocol === 'sha' ? 'SHA' : 'SHA-256',
  '-A',
  user.auth.key,
  '-x',
  'AES',
  '-X',
  user.priv.key,
];

describe.skipIf(!TOOLS)('SNMP notification receiver, fed by net-snmp snmptrap / snmpinform', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'switchback-traps-'));
    receiver = await startTrapReceiver({
      address: '127.0.0.1',
      port: 0,
      communities: [COMMUNITY],
      users: USERS,
      onTrap: (record) => traps.push(record),
      onDrop: (drop) => drops.push(drop),
    });
  });
  afterAll(async () => {
    await receiver?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('hands on a v2c trap as a record: its snmpTrapOID, its varbinds, the sender', async () => {
    const sent = await tool('snmptrap', ['-v2c', '-c', COMMUNITY, target(), '', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'core-1']);
    expect(sent.code).toBe(0);
    const record = await traps.next();
    expect(record).toMatchObject({ kind: 'trap', version: '2c', inform: false, from: '127.0.0.1', trapOid: '1.3.6.1.6.3.1.1.5.1', community: COMMUNITY });
    expect(record.varbinds[0]).toMatchObject({ oid: '1.3.6.1.2.1.1.3.0', type: 'timeticks' });
    expect(record.varbinds).toContainEqual({ oid: '1.3.6.1.2.1.1.5.0', type: 'octets', value: 'core-1', hex: Buffer.from('core-1').toString('hex') });
    expect(record.receivedAt).toBeInstanceOf(Date);
  });

  it('answers a v2c inform: snmpinform gets its Response and exits 0', async () => {
    const sent = await tool('snmpinform', ['-v2c', '-c', COMMUNITY, '-r', '0', '-t', '5', target(), '', '1.3.6.1.6.3.1.1.5.2']);
    expect(sent).toEqual({ code: 0, stderr: '' });
    expect(await traps.next()).toMatchObject({ version: '2c', inform: true, trapOid: '1.3.6.1.6.3.1.1.5.2' });
  });

  it('converts a v1 trap as RFC 3584 says (enterprise.0.specific, agent-addr and enterprise appended)', async () => {
    const sent = await tool('snmptrap', [
      '-v1',
      '-c',
      COMMUNITY,
      target(),
      '1.3.6.1.4.1.99999.1',
      '192.0.2.7',
      '6',
      '17',
      '',
      '1.3.6.1.4.1.99999.1.2.3',
      'i',
      '4',
    ]);
    expect(sent.code).toBe(0);
    const record = await traps.next();
    expect(record).toMatchObject({ version: '1', trapOid: '1.3.6.1.4.1.99999.1.0.17' });
    expect(record.varbinds.map((v) => v.oid)).toEqual([
      '1.3.6.1.2.1.1.3.0',
      '1.3.6.1.6.3.1.1.4.1.0',
      '1.3.6.1.4.1.99999.1.2.3',
      '1.3.6.1.6.3.18.1.3.0',
      '1.3.6.1.6.3.1.1.4.3.0',
    ]);
    expect(record.varbinds[3]).toMatchObject({ type: 'ip', value: '192.0.2.7' });
    // A generic v1 trap (coldStart = generic 0) becomes the standard notification.
    await tool('snmptrap', ['-v1', '-c', COMMUNITY, target(), '1.3.6.1.4.1.99999.1', '192.0.2.7', '0', '0', '']);
    expect((await traps.next()).trapOid).toBe('1.3.6.1.6.3.1.1.5.1');
  });

  it("accepts a v3 authPriv trap (SHA + AES) keyed to the sender's own engine ID, which the record names", async () => {
    const sent = await tool('snmptrap', [
      ...v3(USERS[0]!),
      '-e',
      `0x${SWITCH_ENGINE}`,
      target(),
      '',
      '1.3.6.1.4.1.99999.0.1',
      '1.3.6.1.4.1.99999.1.1',
      'i',
      '3',
    ]);
    expect(sent.code).toBe(0);
    const record = await traps.next();
    expect(record).toMatchObject({ version: '3', user: 'watch-sha', inform: false, engineID: SWITCH_ENGINE, trapOid: '1.3.6.1.4.1.99999.0.1' });
    expect(record.varbinds).toContainEqual({ oid: '1.3.6.1.4.1.99999.1.1', type: 'integer', value: 3 });
  });

  it('answers a v3 authPriv inform (SHA-256 + AES): the sender discovers our engine ID and gets an authenticated Response', async () => {
    const sent = await tool('snmpinform', [...v3(USERS[1]!), '-r', '0', '-t', '5', target(), '', '1.3.6.1.4.1.99999.0.2']);
    expect(sent).toEqual({ code: 0, stderr: '' });
    const record = await traps.next();
    expect(record).toMatchObject({ version: '3', user: 'watch-sha256', inform: true, engineID: receiver.engineID, trapOid: '1.3.6.1.4.1.99999.0.2' });
  });

  it('drops and counts a wrong community, a wrong auth key, a wrong priv key and an unknown user; says so with no secret', async () => {
    const before = receiver.counts();
    await tool('snmptrap', ['-v2c', '-c', 'wrong-c0mmunity', target(), '', '1.3.6.1.6.3.1.1.5.1']);
    expect(await drops.next()).toMatchObject({ reason: 'unknown-community', from: '127.0.0.1' });

    const wrongAuth = { ...USERS[0]!, auth: { protocol: 'sha' as const, key: 'wrong-Secret-9' } };
    await tool('snmptrap', [...v3(wrongAuth), '-e', `0x${SWITCH_ENGINE}`, target(), '', '1.3.6.1.4.1.99999.0.1']);
    expect((await drops.next()).reason).toBe('auth-failed');

    const wrongPriv = { ...USERS[0]!, priv: { protocol: 'aes' as const, key: 'wrong-Secret-9' } };
    await tool('snmptrap', [...v3(wrongPriv), '-e', `0x${SWITCH_ENGINE}`, target(), '', '1.3.6.1.4.1.99999.0.1']);
    expect((await drops.next()).reason).toBe('decrypt-failed');

    // An inform from an unknown user gets a usmStatsUnknownUserNames Report: the sender fails.
    const stranger = await tool('snmpinform', [...v3({ ...USERS[1]!, name: 'stranger' }), '-r', '0', '-t', '5', target(), '', '1.3.6.1.4.1.99999.0.2']);
    expect(stranger.code).not.toBe(0);
    expect((await drops.next()).reason).toBe('unknown-user');

    // A v3 trap from an unknown user, and one from a known user without authentication.
    await tool('snmptrap', [...v3({ ...USERS[0]!, name: 'stranger' }), '-e', `0x${SWITCH_ENGINE}`, target(), '', '1.3.6.1.4.1.99999.0.1']);
    expect((await drops.next()).reason).toBe('unknown-user');
    await tool('snmptrap', ['-v3', '-u', USERS[0]!.name, '-l', 'noAuthNoPriv', '-e', `0x${SWITCH_ENGINE}`, target(), '', '1.3.6.1.4.1.99999.0.1']);
    expect((await drops.next()).reason).toBe('security-level');

    const after = receiver.counts();
    expect(after.received).toBe(before.received);
    for (const reason of ['unknown-community', 'auth-failed', 'decrypt-failed', 'security-level'] as const) {
      expect(after.dropped[reason]).toBe(before.dropped[reason] + 1);
    }
    expect(after.dropped['unknown-user']).toBe(before.dropped['unknown-user'] + 2);
    const said = JSON.stringify(drops.all);
    for (const secret of SECRETS) expect(said).not.toContain(secret);
  });

  it('drops garbage datagrams as malformed and keeps receiving', async () => {
    const before = receiver.counts().dropped.malformed;
    const socket = createSocket('udp4');
    const garbage = [Buffer.from('hello, not SNMP'), Buffer.from([0x30, 0x82, 0xff, 0xff, 0x02]), Buffer.alloc(0), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x07])];
    for (const datagram of garbage) {
      await new Promise<void>((resolve, reject) => socket.send(datagram, receiver.port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
    }
    socket.close();
    for (let i = 0; i < garbage.length; i++) expect((await drops.next()).reason).toBe('malformed');
    expect(receiver.counts().dropped.malformed).toBe(before + garbage.length);

    await tool('snmptrap', ['-v2c', '-c', COMMUNITY, target(), '', '1.3.6.1.6.3.1.1.5.2']);
    expect((await traps.next()).trapOid).toBe('1.3.6.1.6.3.1.1.5.2');
  });
});

describe.skipIf(!TOOLS)('SNMP notification receiver under damaged datagrams', () => {
  it('survives 2,000 corrupted copies of real v2c and v3 messages and still answers the next good inform', async () => {
    home = mkdtempSync(join(tmpdir(), 'switchback-traps-fuzz-'));
    // Real datagrams as snmptrap / snmpinform write them, caught by a plain socket.
    const catcher = createSocket('udp4');
    const caught: Buffer[] = [];
    await new Promise<void>((resolve) => catcher.bind(0, '127.0.0.1', () => resolve()));
    catcher.on('message', (m) => caught.push(m));
    const at = `udp:127.0.0.1:${catcher.address().port}`;
    await tool('snmptrap', ['-v2c', '-c', COMMUNITY, at, '', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'core-1']);
    await tool('snmptrap', [...v3(USERS[0]!), '-e', `0x${SWITCH_ENGINE}`, at, '', '1.3.6.1.6.3.1.1.5.1']);
    await tool('snmpinform', [...v3(USERS[1]!), '-r', '0', '-t', '1', at, '', '1.3.6.1.6.3.1.1.5.1']); // the discovery request: no answer here
    catcher.close();
    expect(caught.length).toBeGreaterThanOrEqual(3);

    const fuzzTraps = queue<TrapRecord>();
    let dropped = 0;
    const fuzzed = await startTrapReceiver({
      address: '127.0.0.1',
      port: 0,
      communities: [COMMUNITY],
      users: USERS,
      onTrap: (r) => fuzzTraps.push(r),
      onDrop: () => dropped++,
    });
    const sender = createSocket('udp4');
    // A fixed pseudo-random sequence: the same corruptions every run.
    let seed = 19;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 2000; i++) {
      const original = caught[i % caught.length]!;
      const copy = Buffer.from(original.subarray(0, 1 + random(original.length)));
      for (let flips = 1 + random(4); flips > 0; flips--) copy[random(copy.length)] = random(256);
      await new Promise<void>((resolve) => sender.send(copy, fuzzed.port, '127.0.0.1', () => resolve()));
      // Let the receiver read: a send completes before the datagram is read, so a tight
      // loop only fills the socket buffer and the kernel drops the rest unread.
      await new Promise((resolve) => setImmediate(resolve));
    }
    sender.close();
    // An inform, not a trap: it is retried until answered, so a datagram lost in a full
    // socket buffer cannot make this wait for ever.
    const good = await tool('snmpinform', ['-v2c', '-c', COMMUNITY, '-r', '5', '-t', '2', `udp:127.0.0.1:${fuzzed.port}`, '', '1.3.6.1.4.1.99999.0.42']);
    expect(good.code).toBe(0);
    // Damaged copies that still decode may arrive as traps first; the good one arrives after them.
    let last: TrapRecord;
    do last = await fuzzTraps.next();
    while (last.trapOid !== '1.3.6.1.4.1.99999.0.42');
    expect(dropped).toBeGreaterThan(0);
    await fuzzed.close();
    rmSync(home, { recursive: true, force: true });
  });
});

describe('SNMP notification receiver: start and stop', () => {
  it('refuses to start on a port already taken (an error, not a crash); closes twice without complaint and frees the port', async () => {
    const first = await startTrapReceiver({ address: '127.0.0.1', port: 0, communities: [], users: [], onTrap: () => {} });
    await expect(startTrapReceiver({ address: '127.0.0.1', port: first.port, communities: [], users: [], onTrap: () => {} })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
    await first.close();
    // Closed means the port is free again: a restarted watch can bind it.
    const again = await startTrapReceiver({ address: '127.0.0.1', port: first.port, communities: [], users: [], onTrap: () => {} });
    expect(again.port).toBe(first.port);
    await again.close();
  });

  it('refuses an engine ID that is not 5 to 32 octets of hex', async () => {
    await expect(startTrapReceiver({ address: '127.0.0.1', port: 0, engineID: 'switchback', communities: [], users: [], onTrap: () => {} })).rejects.toThrow(
      /5 to 32 octets/,
    );
    const fixed = await startTrapReceiver({ address: '127.0.0.1', port: 0, engineID: '80001f8880c0ffee0001', communities: [], users: [], onTrap: () => {} });
    expect(fixed.engineID).toBe('80001f8880c0ffee0001');
    await fixed.close();
  });

  it('refuses one v3 user name with two sets of passwords, naming the user but not the passwords', async () => {
    const users = [USERS[0]!, { ...USERS[0]!, auth: { protocol: 'sha' as const, key: 'other-Secret-3' } }];
    const error = await startTrapReceiver({ address: '127.0.0.1', port: 0, communities: [], users, onTrap: () => {} }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain('watch-sha');
    expect(error?.message).not.toContain('other-Secret-3');
    expect(error?.message).not.toContain(USERS[0]!.auth.key);
  });
});
