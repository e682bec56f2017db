// switchback's SNMP client (src/transport/snmp.ts) against lab switches' agents: real
// UDP on 127.0.0.1, v2c and v3, decoded values, walks, sets, and every failure as an
// SnmpError a person can act on.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { SHA256_USER_SUFFIX } from '../../src/lab/snmp/agent.js';
import { compareOids, formatTimeTicks, isPresent, isUnder, openSnmp, SnmpError, ticksSince, valueText } from '../../src/transport/snmp.js';
import type { SnmpSession, SnmpTarget, SnmpValue } from '../../src/transport/snmp.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

const HOST = '127.0.0.1';
const { snmpCommunity, snmpV3 } = TEST_CREDENTIALS;
const SECRETS = [snmpCommunity, snmpV3.authKey, snmpV3.privKey];

const OID = {
  system: '1.3.6.1.2.1.1',
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  cswSwitchInfoTable: '1.3.6.1.4.1.9.9.500.1.2.1',
  ccCopyEntry: '1.3.6.1.4.1.9.9.96.1.1.1.1',
};
const CSW = { numCurrent: 1, role: 3, swPriority: 4, state: 6, mac: 7, image: 8 };
const ROLE = { master: 1, member: 2, standby: 4 };
const CC = { source: 3, dest: 4, fileName: 6, rowStatus: 14 };
const ROW = { active: 1, notInService: 2, createAndGo: 4, createAndWait: 5, destroy: 6 };
const cc = (column: number, index: number) => `${OID.ccCopyEntry}.${column}.${index}`;

// One fleet for the file; each switch that a test changes is that test's alone.
let fleet: LabFleet;
beforeAll(async () => {
  fleet = await startFleet({
    count: 5,
    specs: ['core-1', 'cycle-1', 'silent-1', 'copy-1', 'refuse-1'].map((name, i) => stackSpec(name, 3, i + 1)),
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    hostKeySeed: 'snmp-client-test',
  });
});
afterAll(async () => {
  for (const s of sessions.splice(0)) s.close();
  await fleet?.stop();
});

const sessions: SnmpSession[] = [];
// The backstop for an agent that answers: generous, for a busy machine. Tests of a silent agent set their own.
const timing = { timeoutMs: 5000, retries: 1 };

function v2c(sw: LabSwitch, community = snmpCommunity, t = timing): SnmpSession {
  const s = openSnmp({ host: HOST, port: sw.ports.snmp, version: 2, community, ...t });
  sessions.push(s);
  return s;
}

type V3 = Extract<SnmpTarget, { version: 3 }>;
function v3(sw: LabSwitch, over: Partial<V3> = {}): SnmpSession {
  const s = openSnmp({
    host: HOST,
    port: sw.ports.snmp,
    version: 3,
    user: snmpV3.user,
    auth: { protocol: 'sha', key: snmpV3.authKey },
    priv: { protocol: 'aes', key: snmpV3.privKey },
    ...timing,
    ...over,
  });
  sessions.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<SnmpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SnmpError);
    const e = err as SnmpError;
    for (const secret of SECRETS) expect(e.message).not.toContain(secret);
    return e;
  }
  throw new Error('expected the request to fail');
}

const byOid = (values: SnmpValue[]) => new Map(values.map((v) => [v.oid, v]));

/** A walked table as index → column → value. */
function table(tableOid: string, values: SnmpValue[]): Map<number, Map<number, SnmpValue>> {
  const rows = new Map<number, Map<number, SnmpValue>>();
  for (const v of values) {
    const [column, index] = v.oid
      .slice(tableOid.length + 3) // past ".1." (the entry)
      .split('.')
      .map(Number);
    const row = rows.get(index!) ?? new Map<number, SnmpValue>();
    row.set(column!, v);
    rows.set(index!, row);
  }
  return rows;
}

// ---------------------------------------------------------------- v2c

describe('v2c', () => {
  it('gets the system scalars, decoded, in the order asked', async () => {
    const sw = fleet.get('core-1');
    const ticksBefore = sw.ticksAt(sw.now());
    const values = await v2c(sw).get([OID.sysName, OID.sysUpTime, OID.sysObjectID, OID.sysDescr]);
    const ticksAfter = sw.ticksAt(sw.now());
    expect(values.map((v) => v.oid)).toEqual([OID.sysName, OID.sysUpTime, OID.sysObjectID, OID.sysDescr]);
    const [name, uptime, objectId, descr] = values;
    expect(name).toEqual({ oid: OID.sysName, type: 'octets', value: Buffer.from('CORE-1') });
    expect(uptime!.type).toBe('timeticks');
    expect(typeof uptime!.value).toBe('number');
    expect(uptime!.value).toBeGreaterThanOrEqual(ticksBefore);
    expect(uptime!.value).toBeLessThanOrEqual(ticksAfter);
    expect(objectId).toEqual({ oid: OID.sysObjectID, type: 'oid', value: '1.3.6.1.4.1.9.1.2494' });
    expect(valueText(descr)).toMatch(/^Cisco IOS Software \[Cupertino\]/);
  });

  it('returns a missing object or instance as a typed value, not an error', async () => {
    const s = v2c(fleet.get('core-1'));
    const [noObject, noInstance, name] = await s.get(['1.3.6.1.4.1.99999.1.0', '1.3.6.1.2.1.1.5.1', OID.sysName]);
    expect(noObject).toEqual({ oid: '1.3.6.1.4.1.99999.1.0', type: 'noSuchObject', value: null });
    expect(['noSuchObject', 'noSuchInstance']).toContain(noInstance!.type);
    expect(noInstance!.value).toBeNull();
    expect(isPresent(noObject)).toBe(false);
    expect(isPresent(name)).toBe(true);
  });

  it('walks the system group: every scalar, in order, and nothing outside it', async () => {
    const values = await v2c(fleet.get('core-1')).walk(OID.system);
    expect(values.map((v) => v.oid)).toEqual([OID.sysDescr, OID.sysObjectID, OID.sysUpTime, OID.sysContact, OID.sysName, OID.sysLocation]);
    const system = byOid(values);
    expect(valueText(system.get(OID.sysContact))).toBe('noc@example.net');
    expect(system.get(OID.sysUpTime)!.type).toBe('timeticks');
    for (let i = 1; i < values.length; i++) expect(compareOids(values[i - 1]!.oid, values[i]!.oid)).toBeLessThan(0);
  });

  it('walks cswSwitchInfoTable: one row per member, with role, state and MAC decoded', async () => {
    const sw = fleet.get('core-1');
    const values = await v2c(sw).walk(OID.cswSwitchInfoTable);
    expect(values.every((v) => isUnder(OID.cswSwitchInfoTable, v.oid))).toBe(true);
    const rows = table(OID.cswSwitchInfoTable, values);
    expect([...rows.keys()]).toEqual([1000, 2000, 3000]);
    const one = rows.get(1000)!;
    expect(one.get(CSW.numCurrent)).toMatchObject({ type: 'gauge32', value: 1 });
    expect(one.get(CSW.role)).toMatchObject({ type: 'integer', value: ROLE.master });
    expect(one.get(CSW.swPriority)!.value).toBe(15);
    expect(one.get(CSW.state)!.value).toBe(4); // ready
    const mac = one.get(CSW.mac)!;
    expect(mac.type).toBe('octets');
    expect(Buffer.isBuffer(mac.value)).toBe(true);
    expect((mac.value as Buffer).toString('hex')).toBe(sw.state.members.find((m) => m.number === 1)!.mac.replace(/\./g, ''));
    expect(valueText(one.get(CSW.image))).toBe('CAT9K_IOSXE');
    expect(rows.get(2000)!.get(CSW.role)!.value).toBe(ROLE.standby);
    expect(rows.get(3000)!.get(CSW.role)!.value).toBe(ROLE.member);
  });

  it('walks a subtree that does not exist to [] (past the end of the MIB too)', async () => {
    const s = v2c(fleet.get('core-1'));
    expect(await s.walk('1.3.6.1.4.1.99999')).toEqual([]);
    expect(await s.walk('1.3.6.1.2.1.1.5.0')).toEqual([]); // an instance has nothing below it
    expect(await s.walk('2.25')).toEqual([]); // beyond the last object: endOfMibView
  });

  it('gets more objects than fit in one request (split, answers in order)', async () => {
    const sw = fleet.get('core-1');
    const s = v2c(sw);
    const walked = await s.walk(OID.cswSwitchInfoTable);
    const oids = [...walked, ...walked, ...walked].map((v) => v.oid);
    expect(oids.length).toBeGreaterThan(50);
    const got = await s.get(oids);
    expect(got.map((v) => v.oid)).toEqual(oids);
    expect(got.slice(0, walked.length)).toEqual(walked);
  });

  it('answers many requests in flight on one session', async () => {
    const s = v2c(fleet.get('core-1'));
    const names = await Promise.all(Array.from({ length: 20 }, () => s.get([OID.sysName])));
    expect(names.map(([v]) => valueText(v))).toEqual(Array(20).fill('CORE-1'));
  });

  it('a wrong community times out, and the message says what to check', async () => {
    const sw = fleet.get('core-1');
    const err = await failure(v2c(sw, 'not-the-community', { timeoutMs: 500, retries: 1 }).get([OID.sysName]));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`no SNMP answer from ${HOST}:${sw.ports.snmp} within 1 s (2 tries): wrong community, agent down or filtered`);
  });
});

// ---------------------------------------------------------------- v3

describe('v3 authPriv', () => {
  it('answers SHA-1 + AES and SHA-256 + AES', async () => {
    const sw = fleet.get('core-1');
    expect(valueText((await v3(sw).get([OID.sysName]))[0])).toBe('CORE-1');
    const sha256 = v3(sw, { user: snmpV3.user + SHA256_USER_SUFFIX, auth: { protocol: 'sha256', key: snmpV3.authKey } });
    const [name, boots] = await sha256.get([OID.sysName, OID.snmpEngineBoots]);
    expect(valueText(name)).toBe('CORE-1');
    expect(boots).toEqual({ oid: OID.snmpEngineBoots, type: 'integer', value: sw.state.boots });
    expect(table(OID.cswSwitchInfoTable, await sha256.walk(OID.cswSwitchInfoTable)).size).toBe(3);
  });

  it('runs concurrent first requests (each discovers the engine) on one session', async () => {
    const s = v3(fleet.get('core-1'));
    const all = await Promise.all([s.get([OID.sysName]), s.walk(OID.system), s.get([OID.snmpEngineBoots])]);
    expect(valueText(all[0][0])).toBe('CORE-1');
    expect(all[1]).toHaveLength(6);
  });

  it('a wrong auth key: kind auth, and the user named', async () => {
    const err = await failure(v3(fleet.get('core-1'), { auth: { protocol: 'sha', key: 'not-the-auth-key' } }).get([OID.sysName]));
    expect(err.kind).toBe('auth');
    expect(err.message).toBe(`SNMPv3 authentication failed for user ${snmpV3.user}: wrong auth key or protocol`);
  });

  it('a wrong priv key: kind decrypt', async () => {
    const err = await failure(v3(fleet.get('core-1'), { priv: { protocol: 'aes', key: 'not-the-priv-key' } }).get([OID.sysName]));
    expect(err.kind).toBe('decrypt');
    expect(err.message).toBe(`SNMPv3 decryption failed for user ${snmpV3.user}: wrong priv key or protocol`);
  });

  it('an unknown user: kind unknown-user', async () => {
    const sw = fleet.get('core-1');
    const err = await failure(v3(sw, { user: 'nobody' }).walk(OID.system));
    expect(err.kind).toBe('unknown-user');
    expect(err.message).toBe(`SNMPv3 user nobody is unknown to the agent at ${HOST}:${sw.ports.snmp}`);
  });

  it('refuses a key shorter than RFC 3414 allows before sending anything', () => {
    const sw = fleet.get('core-1');
    let err: unknown;
    try {
      v3(sw, { auth: { protocol: 'sha', key: 'q7#Zx' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnmpError);
    expect((err as SnmpError).kind).toBe('auth');
    expect((err as SnmpError).message).toBe(`SNMPv3 auth key for user ${snmpV3.user} is shorter than 8 characters (RFC 3414); agents refuse it`);
  });

  it('one session keeps working across a power cycle: engineBoots +1, sysUpTime small again', async () => {
    const sw = fleet.get('cycle-1');
    const s = v3(sw);
    const [upBefore, bootsBefore] = await s.get([OID.sysUpTime, OID.snmpEngineBoots]);
    await sw.apply({ kind: 'power-cycle', loseConfig: false });
    const [upAfter, bootsAfter] = await s.get([OID.sysUpTime, OID.snmpEngineBoots]);
    expect(bootsAfter!.value).toBe((bootsBefore!.value as number) + 1);
    expect(upAfter!.value as number).toBeLessThan(upBefore!.value as number);
  });
});

// ---------------------------------------------------------------- set

describe('set', () => {
  it('creates a ccCopyTable row (createAndWait), fills it, and destroys it', async () => {
    const s = v3(fleet.get('copy-1'));
    const index = 4242;
    await s.set([{ oid: cc(CC.rowStatus, index), type: 'integer', value: ROW.createAndWait }]);
    expect((await s.get([cc(CC.rowStatus, index)]))[0]).toEqual({ oid: cc(CC.rowStatus, index), type: 'integer', value: ROW.notInService });
    await s.set([
      { oid: cc(CC.source, index), type: 'integer', value: 4 }, // runningConfig
      { oid: cc(CC.dest, index), type: 'integer', value: 1 }, // networkFile
      { oid: cc(CC.fileName, index), type: 'octets', value: 'core-1-running.cfg' },
    ]);
    const [source, name] = await s.get([cc(CC.source, index), cc(CC.fileName, index)]);
    expect(source!.value).toBe(4);
    expect(valueText(name)).toBe('core-1-running.cfg');
    await s.set([{ oid: cc(CC.rowStatus, index), type: 'integer', value: ROW.destroy }]);
    const [gone] = await s.get([cc(CC.rowStatus, index)]);
    expect(gone!.type).toBe('noSuchInstance');
    expect(await s.walk(OID.ccCopyEntry)).toEqual([]);
  });

  it("an agent's error-status is kind refused, naming the status and the object", async () => {
    const s = v2c(fleet.get('refuse-1'));
    const readOnly = await failure(s.set([{ oid: OID.sysName, type: 'octets', value: 'RENAMED' }]));
    expect(readOnly.kind).toBe('refused');
    expect(readOnly.message).toBe(`refused: notWritable on ${OID.sysName}`);
    // A copy row that names no file cannot go active.
    const index = 8;
    const incomplete = await failure(
      s.set([
        { oid: cc(CC.source, index), type: 'integer', value: 4 },
        { oid: cc(CC.dest, index), type: 'integer', value: 1 },
        { oid: cc(CC.rowStatus, index), type: 'integer', value: ROW.createAndGo },
      ]),
    );
    expect(incomplete.kind).toBe('refused');
    expect(incomplete.message).toMatch(/^refused: inconsistentValue on 1\.3\.6\.1\.4\.1\.9\.9\.96\.1\.1\.1\.1\.\d+\.8$/);
  });
});

// ---------------------------------------------------------------- a silent agent

describe('a silent agent', () => {
  it('times out on v2c and v3, including a v3 session that had worked', async () => {
    const sw = fleet.get('silent-1');
    const fast = { timeoutMs: 300, retries: 1 };
    // A session that worked keeps the usual room: its first answer must not be lost to a busy machine.
    const before = v3(sw);
    expect(valueText((await before.get([OID.sysName]))[0])).toBe('SILENT-1');
    await sw.apply({ kind: 'fault', fault: { kind: 'snmp-silent' } });
    try {
      const where = `${HOST}:${sw.ports.snmp}`;
      const v2 = await failure(v2c(sw, snmpCommunity, fast).walk(OID.system));
      expect(v2.kind).toBe('timeout');
      expect(v2.message).toBe(`no SNMP answer from ${where} within 0.6 s (2 tries): wrong community, agent down or filtered`);
      const fresh = await failure(v3(sw, fast).get([OID.sysName]));
      expect(fresh.kind).toBe('timeout');
      expect(fresh.message).toBe(`no SNMP answer from ${where} within 0.6 s (2 tries): agent down, filtered or SNMPv3 not enabled`);
      expect((await failure(before.get([OID.sysName]))).kind).toBe('timeout');
    } finally {
      await sw.apply({ kind: 'clear-faults' });
    }
    expect(valueText((await before.get([OID.sysName]))[0])).toBe('SILENT-1');
  });

  it('a closed session says so', async () => {
    const s = v2c(fleet.get('core-1'));
    s.close();
    s.close(); // twice is fine
    const err = await failure(s.get([OID.sysName]));
    expect(err.kind).toBe('protocol');
    expect(err.message).toMatch(/closed/);
  });
});

// ---------------------------------------------------------------- helpers

describe('TimeTicks and OIDs', () => {
  it('ticksSince counts across the 2^32 wrap (497 days)', () => {
    expect(ticksSince(100, 350)).toBe(250);
    expect(ticksSince(4_294_967_000, 200)).toBe(496);
    expect(ticksSince(2 ** 32 - 1, 0)).toBe(1);
    expect(ticksSince(5, 5)).toBe(0);
    expect(() => ticksSince(-1, 5)).toThrow(RangeError);
    expect(() => ticksSince(0, 2 ** 32)).toThrow(RangeError);
  });

  it('formats TimeTicks as the net-snmp tools do', () => {
    expect(formatTimeTicks(150)).toBe('0:00:01.50');
    expect(formatTimeTicks(8_640_000 + 366_007)).toBe('1 day, 1:01:00.07');
    expect(formatTimeTicks(2 ** 32 - 1)).toBe('497 days, 2:27:52.95');
  });

  it('orders OIDs arc by arc, not as text', () => {
    expect(compareOids('1.3.6.1.2.1.1.9', '1.3.6.1.2.1.1.10')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1.0')).toBeLessThan(0);
    expect(isUnder('1.3.6.1.2.1.1', '1.3.6.1.2.1.10.1')).toBe(false);
    expect(isUnder('1.3.6.1.2.1.1', '1.3.6.1.2.1.1.1.0')).toBe(true);
  });
});
