// switchback's SNMP client against a real agent: Debian's net-snmp snmpd, started by
// the test on a free loopback port (test/peers/snmpd.ts). v2c and v3 (SHA-1 and SHA-256
// with AES), the failures a person meets in the field, and what a restart looks like:
// snmpEngineBoots one more, sysUpTime from zero again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOids, openSnmp, SnmpError, valueText } from '../../src/transport/snmp.js';
import type { SnmpSession, SnmpTarget, SnmpValue } from '../../src/transport/snmp.js';
import { startSnmpd } from './snmpd.js';
import type { PeerV3User, SnmpdPeer } from './snmpd.js';

const OID = {
  system: '1.3.6.1.2.1.1',
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  snmpEngineID: '1.3.6.1.6.3.10.2.1.1.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  snmpEngineTime: '1.3.6.1.6.3.10.2.1.3.0',
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6',
  ipAdEntAddr: '1.3.6.1.2.1.4.20.1.1',
};
/** NET-SNMP-MIB netSnmpAgentOIDs.linux */
const NET_SNMP_LINUX = '1.3.6.1.4.1.8072.3.2.10';

let peer: SnmpdPeer;
const sessions: SnmpSession[] = [];

beforeAll(async () => {
  peer = await startSnmpd();
});
afterAll(async () => {
  for (const s of sessions.splice(0)) s.close();
  await peer?.close();
});

const timing = { timeoutMs: 1000, retries: 1 };

function v2c(community = peer.community, t = timing): SnmpSession {
  const s = openSnmp({ host: peer.host, port: peer.port, version: 2, community, ...t });
  sessions.push(s);
  return s;
}

function v3(user: PeerV3User, over: Partial<Extract<SnmpTarget, { version: 3 }>> = {}): SnmpSession {
  const s = openSnmp({ host: peer.host, port: peer.port, version: 3, ...user, ...timing, ...over });
  sessions.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<SnmpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SnmpError);
    const e = err as SnmpError;
    const secrets = [peer.community, peer.sha.auth.key, peer.sha.priv.key, peer.sha256?.auth.key, peer.sha256?.priv.key];
    for (const s of secrets) if (s) expect(e.message).not.toContain(s);
    return e;
  }
  throw new Error('expected the request to fail');
}

/** sysDescr, sysName, sysUpTime, engine boots as one session reads them. */
async function identity(s: SnmpSession) {
  const [descr, objectId, name, uptime, boots, engineId] = await s.get([
    OID.sysDescr,
    OID.sysObjectID,
    OID.sysName,
    OID.sysUpTime,
    OID.snmpEngineBoots,
    OID.snmpEngineID,
  ]);
  return { descr: descr!, objectId: objectId!, name: name!, uptime: uptime!, boots: boots!, engineId: engineId! };
}

describe('net-snmp snmpd', () => {
  it('is a version this suite knows, with SHA-256 users (net-snmp ≥ 5.8)', () => {
    expect(peer.version).toMatch(/^5\.\d+/);
    expect(peer.sha256, `snmpd ${peer.version} has no SHA-256 (createUser … SHA-256 needs net-snmp 5.8)`).toBeDefined();
  });

  it('v2c: sysDescr, sysName and sysUpTime, decoded', async () => {
    const id = await identity(v2c());
    expect(id.descr.type).toBe('octets');
    expect(valueText(id.descr)).toMatch(/^Linux /);
    expect(id.objectId).toEqual({ oid: OID.sysObjectID, type: 'oid', value: NET_SNMP_LINUX });
    expect(valueText(id.name)).toBe(peer.sysName);
    expect(id.uptime.type).toBe('timeticks');
    expect(id.uptime.value).toBeGreaterThanOrEqual(0);
    expect(id.boots.type).toBe('integer');
    expect(id.engineId.type).toBe('octets');
  });

  it('v2c: walks the system group in increasing order and stops at its end', async () => {
    const values = await v2c().walk(OID.system);
    const oids = values.map((v) => v.oid);
    expect(oids.slice(0, 3)).toEqual([OID.sysDescr, OID.sysObjectID, OID.sysUpTime]);
    expect(oids).toContain(OID.sysLocation);
    expect(valueText(values.find((v) => v.oid === OID.sysLocation))).toBe(peer.sysLocation);
    for (let i = 1; i < oids.length; i++) expect(compareOids(oids[i - 1]!, oids[i]!)).toBeLessThan(0);
    expect(oids.every((o) => o.startsWith(`${OID.system}.`))).toBe(true);
    // sysORTable makes it longer than one GETBULK of 25.
    expect(values.length).toBeGreaterThan(25);
  });

  it('v2c: Counter64 as bigint, IpAddress as a dotted string, a missing subtree as []', async () => {
    const s = v2c();
    const counters = await s.walk(OID.ifHCInOctets);
    expect(counters.length).toBeGreaterThan(0);
    for (const c of counters) expect(c).toMatchObject({ type: 'counter64', value: expect.any(BigInt) });
    const addresses = await s.walk(OID.ipAdEntAddr);
    expect(addresses.map((a: SnmpValue) => a.value)).toContain('127.0.0.1');
    expect(addresses.every((a) => a.type === 'ipaddress')).toBe(true);
    expect(await s.walk('1.3.6.1.4.1.99999')).toEqual([]);
    expect((await s.get(['1.3.6.1.4.1.99999.1.0']))[0]!.type).toBe('noSuchObject');
  });

  it('v3 SHA-1 + AES and SHA-256 + AES see the same agent as v2c', async () => {
    const plain = await identity(v2c());
    for (const user of [peer.sha, peer.sha256!]) {
      const id = await identity(v3(user));
      expect(valueText(id.name)).toBe(peer.sysName);
      expect(valueText(id.descr)).toBe(valueText(plain.descr));
      expect(id.boots.value).toBe(plain.boots.value);
      expect(id.engineId.value).toEqual(plain.engineId.value);
      expect(id.uptime.type).toBe('timeticks');
    }
  });

  it('a wrong auth key, or the wrong auth protocol: kind auth', async () => {
    const wrongKey = await failure(v3(peer.sha, { auth: { protocol: 'sha', key: 'not-the-auth-key' } }).get([OID.sysName]));
    expect(wrongKey.kind).toBe('auth');
    expect(wrongKey.message).toBe(`SNMPv3 authentication failed for user ${peer.sha.user}: wrong auth key or protocol`);
    // snmpd checks the digest before it decrypts, so a SHA-256 manager for a SHA-1 user is an auth failure.
    const wrongProtocol = await failure(v3(peer.sha, { auth: { protocol: 'sha256', key: peer.sha.auth.key } }).get([OID.sysName]));
    expect(wrongProtocol.kind).toBe('auth');
  });

  it('a wrong priv key: kind decrypt, although snmpd only drops the request', async () => {
    const err = await failure(v3(peer.sha, { priv: { protocol: 'aes', key: 'not-the-priv-key' } }).get([OID.sysName]));
    expect(err.kind).toBe('decrypt');
    expect(err.message).toBe(
      `SNMPv3 decryption failed for user ${peer.sha.user}: wrong priv key or protocol (the agent at ${peer.host}:${peer.port} answered engine discovery, then dropped the encrypted request)`,
    );
  });

  it('an unknown user: kind unknown-user; a wrong community: kind timeout', async () => {
    const user = await failure(v3({ ...peer.sha, user: 'nobody' }).get([OID.sysName]));
    expect(user.kind).toBe('unknown-user');
    expect(user.message).toBe(`SNMPv3 user nobody is unknown to the agent at ${peer.host}:${peer.port}`);
    const community = await failure(v2c('not-the-community').get([OID.sysName]));
    expect(community.kind).toBe('timeout');
    expect(community.message).toBe(`no SNMP answer from ${peer.host}:${peer.port} within 2 s (2 tries): wrong community, agent down or filtered`);
  });

  it('a SET with a read-only community: kind refused (noAccess)', async () => {
    const err = await failure(v2c().set([{ oid: OID.sysLocation, type: 'octets', value: 'elsewhere' }]));
    expect(err.kind).toBe('refused');
    expect(err.message).toMatch(/^refused: (noAccess|notWritable) on 1\.3\.6\.1\.2\.1\.1\.6\.0/);
  });

  it('after a restart: snmpEngineBoots is one more, the engine ID is kept, sysUpTime starts again', async () => {
    const longLived = v3(peer.sha);
    const before = await identity(longLived);
    const readAt = Date.now();
    const oldPid = peer.pid;

    await peer.restart();
    expect(peer.pid).not.toBe(oldPid);
    expect(peer.persistent()).toMatch(/^engineBoots \d+$/m);

    const fresh = await identity(v3(peer.sha));
    expect(fresh.boots.value).toBe((before.boots.value as number) + 1);
    expect(fresh.engineId.value).toEqual(before.engineId.value);
    // sysUpTime and snmpEngineTime count from the new start, which came after our last
    // read of the old process: both are within the wall time since then.
    const [engineTime] = await v2c().get([OID.snmpEngineTime]);
    const wallTicks = Math.ceil((Date.now() - readAt) / 10);
    expect(fresh.uptime.value as number).toBeLessThanOrEqual(wallTicks + 1);
    expect(engineTime!.value as number).toBeLessThanOrEqual(Math.ceil(wallTicks / 100) + 1);

    // A session opened before the restart carries on and sees the new boot count.
    const again = await identity(longLived);
    expect(again.boots.value).toBe(fresh.boots.value);
  });

  it('a stopped snmpd: kind timeout on v2c and v3', async () => {
    await peer.stop();
    try {
      const fast = { timeoutMs: 300, retries: 0 };
      const v2 = await failure(v2c(peer.community, fast).get([OID.sysName]));
      expect(v2.kind).toBe('timeout');
      expect(v2.message).toBe(`no SNMP answer from ${peer.host}:${peer.port} within 0.3 s (1 try): wrong community, agent down or filtered`);
      const v3s = await failure(v3(peer.sha, fast).get([OID.sysName]));
      expect(v3s.kind).toBe('timeout');
    } finally {
      await peer.restart();
    }
    expect(valueText((await v2c().get([OID.sysName]))[0])).toBe(peer.sysName);
  });
});
