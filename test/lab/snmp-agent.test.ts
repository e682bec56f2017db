// A lab switch's SNMP agent as a real SNMP manager (net-snmp's session, real UDP on
// 127.0.0.1) sees it: the system group, the engine, config history, stack members,
// physical entities, config copies over TFTP, and the agent going silent.

import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { afterEach, describe, expect, it } from 'vitest';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { engineIdFor } from '../../src/lab/personalities/cisco-iosxe/snmp-system.js';
import { SHA256_USER_SUFFIX } from '../../src/lab/snmp/agent.js';
import { startLabSwitch } from '../../src/lab/switch.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import { BOOT_DURATION_MS } from '../../src/lab/model.js';
import { startTftpReceiver } from '../../src/transport/tftp-receiver.js';
import type { TftpReceiver } from '../../src/transport/tftp-receiver.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';

const HOST = '127.0.0.1';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function labSwitch(opts: { name?: string; members?: number; provisioned?: number[]; tftpPort?: number } = {}): Promise<LabSwitch> {
  const spec: LabSwitchSpec = { ...stackSpec(opts.name ?? 'core-1', opts.members ?? 3), ...(opts.provisioned ? { provisioned: opts.provisioned } : {}) };
  const sw = await startLabSwitch({
    spec,
    personality: ciscoIosxe,
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    address: HOST,
    hostKeySeed: 'snmp-agent-test',
    ...(opts.tftpPort !== undefined ? { tftpPort: opts.tftpPort } : {}),
  });
  cleanup.push(() => sw.stop());
  return sw;
}

// ---------------------------------------------------------------- a manager

const OID = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  snmpEngineID: '1.3.6.1.6.3.10.2.1.1.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  snmpEngineTime: '1.3.6.1.6.3.10.2.1.3.0',
  runningLastChanged: '1.3.6.1.4.1.9.9.43.1.1.1.0',
  runningLastSaved: '1.3.6.1.4.1.9.9.43.1.1.2.0',
  startupLastChanged: '1.3.6.1.4.1.9.9.43.1.1.3.0',
  cswSwitchInfoTable: '1.3.6.1.4.1.9.9.500.1.2.1',
  entPhysicalTable: '1.3.6.1.2.1.47.1.1.1',
  ccCopyEntry: '1.3.6.1.4.1.9.9.96.1.1.1.1',
};

// Room for a busy machine when an answer is expected; a query meant to go unanswered says `SILENT`.
const ANSWERED = { timeout: 5000, retries: 1 };
const SILENT = { timeout: 500, retries: 0 };

function v2c(sw: LabSwitch, community = TEST_CREDENTIALS.snmpCommunity, timing = ANSWERED): snmp.Session {
  const s = snmp.createSession(HOST, community, { port: sw.ports.snmp, version: snmp.Version2c, ...timing });
  cleanup.push(() => void s.close());
  return s;
}

function v3(sw: LabSwitch, user: Partial<snmp.User> = {}, timing = ANSWERED): snmp.Session {
  const { snmpV3 } = TEST_CREDENTIALS;
  const s = snmp.createV3Session(
    HOST,
    {
      name: snmpV3.user,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols.sha,
      authKey: snmpV3.authKey,
      privProtocol: snmp.PrivProtocols.aes,
      privKey: snmpV3.privKey,
      ...user,
    },
    { port: sw.ports.snmp, ...timing },
  );
  cleanup.push(() => void s.close());
  return s;
}

function get(s: snmp.Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => s.get(oids, (err, vbs) => (err ? reject(err) : resolve(vbs ?? []))));
}

async function getOne(s: snmp.Session, oid: string): Promise<snmp.VarbindValue> {
  const [vb] = await get(s, [oid]);
  return vb?.value;
}

function set(s: snmp.Session, varbinds: snmp.Varbind[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => s.set(varbinds, (err, vbs) => (err ? reject(err) : resolve(vbs ?? []))));
}

function walk(s: snmp.Session, oid: string): Promise<snmp.Varbind[]> {
  const out: snmp.Varbind[] = [];
  return new Promise((resolve, reject) =>
    s.subtree(
      oid,
      20,
      (vbs) => void out.push(...vbs),
      (err) => (err ? reject(err) : resolve(out)),
    ),
  );
}

/** A walked table as index → column → value. */
async function table(s: snmp.Session, tableOid: string): Promise<Map<number, Map<number, snmp.VarbindValue>>> {
  const rows = new Map<number, Map<number, snmp.VarbindValue>>();
  for (const vb of await walk(s, tableOid)) {
    const [column, index] = vb.oid
      .slice(tableOid.length + 3)
      .split('.')
      .map(Number);
    const row = rows.get(index!) ?? new Map();
    row.set(column!, vb.value);
    rows.set(index!, row);
  }
  return rows;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the request to fail');
}

const text = (v: snmp.VarbindValue) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

// ---------------------------------------------------------------- system and engine

describe('system group and engine', () => {
  it('answers v2c with the switch identity from its running config', async () => {
    const sw = await labSwitch();
    const s = v2c(sw);
    const system = new Map((await walk(s, '1.3.6.1.2.1.1')).map((vb) => [vb.oid, vb]));
    expect(text(system.get(OID.sysDescr)!.value)).toMatch(/^Cisco IOS Software \[Cupertino\], Catalyst L3 Switch Software \(CAT9K_IOSXE\)/);
    expect(system.get(OID.sysObjectID)!.value).toBe('1.3.6.1.4.1.9.1.2494');
    expect(system.get(OID.sysUpTime)!.type).toBe(snmp.ObjectType.TimeTicks);
    expect(text(system.get(OID.sysName)!.value)).toBe('CORE-1');
    expect(text(system.get(OID.sysContact)!.value)).toBe('noc@example.net');
    expect(text(system.get(OID.sysLocation)!.value)).toMatch(/^lab row \d+ rack \d+$/);

    await sw.apply({ kind: 'change', lines: ['hostname CORE-1-RENAMED'] });
    expect(text(await getOne(s, OID.sysName))).toBe('CORE-1-RENAMED');
  });

  it('reports its engine: a per-switch engineID, boots and seconds since boot', async () => {
    const a = await labSwitch({ name: 'core-1' });
    const b = await labSwitch({ name: 'core-2' });
    const [id, boots, time] = await get(v2c(a), [OID.snmpEngineID, OID.snmpEngineBoots, OID.snmpEngineTime]);
    expect(Buffer.from(id!.value as Buffer).toString('hex')).toBe(engineIdFor('core-1').toString('hex'));
    expect(id!.value).not.toEqual(await getOne(v2c(b), OID.snmpEngineID));
    expect(boots!.value).toBe(a.state.boots);
    expect(time!.value).toBe(Math.floor((a.now() - a.state.bootedAt) / 1000));
  });

  it('does not answer a wrong community (the manager times out)', async () => {
    const sw = await labSwitch();
    const err = await failure(get(v2c(sw, 'public', SILENT), [OID.sysName]));
    expect(err.name).toBe('RequestTimedOutError');
  });

  it('answers SNMPv3 authPriv with SHA-1 and with SHA-256, both with AES', async () => {
    const sw = await labSwitch();
    expect(text(await getOne(v3(sw), OID.sysName))).toBe('CORE-1');
    const sha256 = v3(sw, { name: TEST_CREDENTIALS.snmpV3.user + SHA256_USER_SUFFIX, authProtocol: snmp.AuthProtocols.sha256 });
    expect(text(await getOne(sha256, OID.sysName))).toBe('CORE-1');
  });

  it('tells a v3 manager with a wrong auth key "Wrong Digest", with a wrong priv key "Decryption Error"', async () => {
    const sw = await labSwitch();
    const wrongAuth = await failure(get(v3(sw, { authKey: 'not-the-auth-key' }), [OID.sysName]));
    expect(wrongAuth.message).toBe('Wrong Digest (incorrect password, community or key)');
    const wrongPriv = await failure(get(v3(sw, { privKey: 'not-the-priv-key' }), [OID.sysName]));
    expect(wrongPriv.message).toBe('Decryption Error');
    const unknownUser = await failure(get(v3(sw, { name: 'nobody' }), [OID.sysName]));
    expect(unknownUser.message).toBe('Unknown User Name');
  });

  it('after a power cycle: sysUpTime starts again and snmpEngineBoots is one more', async () => {
    const sw = await labSwitch();
    const s = v2c(sw);
    const [upBefore, bootsBefore] = await get(s, [OID.sysUpTime, OID.snmpEngineBoots]);
    await sw.apply({ kind: 'power-cycle', loseConfig: false });
    const [upAfter, bootsAfter] = await get(s, [OID.sysUpTime, OID.snmpEngineBoots]);
    expect(upAfter!.value as number).toBeLessThan(upBefore!.value as number);
    // The lab reports a boot that took BOOT_DURATION_MS; uptime is that plus the test's own seconds.
    expect(upAfter!.value as number).toBeLessThan(BOOT_DURATION_MS / 10 + 3000);
    expect(bootsAfter!.value).toBe((bootsBefore!.value as number) + 1);
    // A v3 manager that discovers the engine afresh sees the new boot count too.
    expect(await getOne(v3(sw), OID.snmpEngineBoots)).toBe((bootsBefore!.value as number) + 1);
  });
});

// ---------------------------------------------------------------- config history

describe('CISCO-CONFIG-MAN-MIB ccmHistory', () => {
  it('running changed after startup while a change is unsaved; not after a save', async () => {
    const sw = await labSwitch();
    const s = v2c(sw);
    const history = async () => {
      const [running, saved, startup] = await get(s, [OID.runningLastChanged, OID.runningLastSaved, OID.startupLastChanged]);
      return { running: running!.value as number, saved: saved!.value as number, startup: startup!.value as number };
    };
    expect((await history()).running).toBeLessThanOrEqual((await history()).startup);

    sw.advanceClock(60_000);
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description unsaved'] });
    const unsaved = await history();
    expect(unsaved.running).toBeGreaterThan(unsaved.startup);

    sw.advanceClock(60_000);
    await sw.apply({ kind: 'save' });
    const saved = await history();
    expect(saved.running).toBeLessThanOrEqual(saved.startup);
    expect(saved.saved).toBe(saved.startup);
  });

  it('reads 0 for "startup not written since boot" after a power cycle', async () => {
    const sw = await labSwitch();
    await sw.apply({ kind: 'power-cycle', loseConfig: false });
    const [saved, startup] = await get(v2c(sw), [OID.runningLastSaved, OID.startupLastChanged]);
    expect([saved!.value, startup!.value]).toEqual([0, 0]);
  });
});

// ---------------------------------------------------------------- stack members and entities

const CSW = { numCurrent: 1, numNextReload: 2, role: 3, swPriority: 4, hwPriority: 5, state: 6, mac: 7, image: 8 };
const ROLE = { master: 1, member: 2, notMember: 3, standby: 4 };
const STATE = { ready: 4, provisioned: 9, removed: 11 };

describe('CISCO-STACKWISE-MIB cswSwitchInfoTable', () => {
  it('lists every member by its chassis entPhysicalIndex, with role, state, priority and MAC', async () => {
    const sw = await labSwitch({ members: 3, provisioned: [4] });
    const rows = await table(v2c(sw), OID.cswSwitchInfoTable);
    expect([...rows.keys()]).toEqual([1000, 2000, 3000, 4000]);
    const one = rows.get(1000)!;
    expect(one.get(CSW.numCurrent)).toBe(1);
    expect(one.get(CSW.role)).toBe(ROLE.master);
    expect(one.get(CSW.state)).toBe(STATE.ready);
    expect(one.get(CSW.swPriority)).toBe(15);
    const mac = sw.state.members.find((m) => m.number === 1)!.mac.replace(/\./g, '');
    expect((one.get(CSW.mac) as Buffer).toString('hex')).toBe(mac);
    expect(text(one.get(CSW.image)!)).toBe('CAT9K_IOSXE');
    expect(rows.get(2000)!.get(CSW.role)).toBe(ROLE.standby);
    expect(rows.get(3000)!.get(CSW.role)).toBe(ROLE.member);
    expect(rows.get(4000)!.get(CSW.state)).toBe(STATE.provisioned);
    expect(rows.get(4000)!.get(CSW.role)).toBe(ROLE.notMember);
  });

  it('after member 1 loses power: member 1 removed, the former standby is master', async () => {
    const sw = await labSwitch({ members: 3 });
    await sw.apply({ kind: 'member-down', member: 1 });
    const rows = await table(v2c(sw), OID.cswSwitchInfoTable);
    expect(rows.get(1000)!.get(CSW.state)).toBe(STATE.removed);
    expect(rows.get(1000)!.get(CSW.role)).toBe(ROLE.notMember);
    expect((rows.get(1000)!.get(CSW.mac) as Buffer).toString('hex')).toBe('000000000000');
    expect(rows.get(2000)!.get(CSW.role)).toBe(ROLE.master);
    expect(rows.get(2000)!.get(CSW.state)).toBe(STATE.ready);
  });
});

const ENT = { descr: 2, vendorType: 3, containedIn: 4, cls: 5, relPos: 6, name: 7, hwRev: 8, swRev: 10, serial: 11, mfg: 12, model: 13, fru: 16 };

describe('ENTITY-MIB entPhysicalTable', () => {
  it('has the stack and one chassis per member with hardware; a dark member disappears', async () => {
    const sw = await labSwitch({ members: 3, provisioned: [4] });
    const s = v2c(sw);
    const rows = await table(s, OID.entPhysicalTable);
    expect([...rows.keys()]).toEqual([1, 1000, 2000, 3000]); // the provisioned member has no hardware
    const stack = rows.get(1)!;
    expect(stack.get(ENT.cls)).toBe(11);
    expect(text(stack.get(ENT.name)!)).toBe('c93xx Stack');
    expect(stack.get(ENT.containedIn)).toBe(0);
    const two = rows.get(2000)!;
    const member2 = sw.state.members.find((m) => m.number === 2)!;
    expect(two.get(ENT.cls)).toBe(3);
    expect(two.get(ENT.containedIn)).toBe(1);
    expect(text(two.get(ENT.name)!)).toBe('Switch 2');
    expect(text(two.get(ENT.serial)!)).toBe(member2.serial);
    expect(text(two.get(ENT.model)!)).toBe('C9300-48P');
    expect(text(two.get(ENT.hwRev)!)).toBe(member2.hwVersion);
    expect(text(two.get(ENT.swRev)!)).toBe('Cupertino 17.9.4a');
    expect(text(two.get(ENT.mfg)!)).toBe('Cisco Systems Inc.');
    expect(two.get(ENT.vendorType)).toBe('1.3.6.1.4.1.9.12.3.1.9.127.6');

    await sw.apply({ kind: 'member-down', member: 2 });
    const after = await table(s, OID.entPhysicalTable);
    expect([...after.keys()]).toEqual([1, 1000, 3000]);
    // The stack table still knows member 2, as removed.
    expect((await table(s, OID.cswSwitchInfoTable)).get(2000)!.get(CSW.state)).toBe(STATE.removed);
  });
});

// ---------------------------------------------------------------- config copies

const CC = { protocol: 2, source: 3, dest: 4, serverAddress: 5, fileName: 6, state: 10, failCause: 13, rowStatus: 14, addressType: 15, addressRev1: 16 };
const FILE = { networkFile: 1, startupConfig: 3, runningConfig: 4 };
const COPY = { successful: 3, failed: 4 };
const FAIL = { timeout: 3, noConfig: 5 };
const ROW = { active: 1, createAndGo: 4, createAndWait: 5, destroy: 6 };
const cc = (column: number, index: number) => `${OID.ccCopyEntry}.${column}.${index}`;
const int = (oid: string, value: number): snmp.Varbind => ({ oid, type: snmp.ObjectType.Integer, value });

/** A copy to a TFTP server as most managers send it: every column in one SET, RowStatus last. */
function copyToServer(index: number, source: number, fileName: string): snmp.Varbind[] {
  return [
    int(cc(CC.protocol, index), 1),
    int(cc(CC.source, index), source),
    int(cc(CC.dest, index), FILE.networkFile),
    int(cc(CC.addressType, index), 1),
    { oid: cc(CC.addressRev1, index), type: snmp.ObjectType.OctetString, value: Buffer.from([127, 0, 0, 1]) },
    { oid: cc(CC.fileName, index), type: snmp.ObjectType.OctetString, value: fileName },
    int(cc(CC.rowStatus, index), ROW.createAndGo),
  ];
}

/** Poll ccCopyState until the copy is over, as a manager would. */
async function copyOutcome(s: snmp.Session, index: number): Promise<{ state: number; failCause: number }> {
  // Only the backstop for a copy that never ends: the copies here end in seconds on an idle machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [state, cause] = await get(s, [cc(CC.state, index), cc(CC.failCause, index)]);
    if (state!.value === COPY.successful || state!.value === COPY.failed) return { state: state!.value as number, failCause: cause!.value as number };
    if (Date.now() > deadline) throw new Error(`copy ${index} still in state ${String(state!.value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function tftpReceiver(filename: string): Promise<TftpReceiver> {
  const r = await startTftpReceiver({ address: HOST, port: 0, expect: { filename, from: HOST }, maxBytes: 4 << 20, timeoutMs: 15_000 });
  cleanup.push(() => r.close());
  return r;
}

/** What the uploaded file holds: the configuration, without the CLI's "Building…"/"Current configuration" lines. */
const fileOf = (shown: string) =>
  shown.replace(/^Building configuration\.\.\.\n\nCurrent configuration : \d+ bytes\n/, '').replace(/^Using \d+ out of \d+ bytes\n/, '');

describe('CISCO-CONFIG-COPY-MIB ccCopyTable', () => {
  it("copies running-config to switchback's TFTP receiver", async () => {
    const receiver = await tftpReceiver('core-1-running.cfg');
    const sw = await labSwitch({ tftpPort: receiver.port });
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/9', ' description copied-over-tftp'] });
    const s = v3(sw);
    await set(s, copyToServer(4711, FILE.runningConfig, 'core-1-running.cfg'));
    expect((await copyOutcome(s, 4711)).state).toBe(COPY.successful);
    const file = (await receiver.received).toString('utf8');
    expect(file).toBe(fileOf(sw.personality.showRunning(sw.state, sw.now())));
    expect(file).toContain(' description copied-over-tftp');
    expect(file.startsWith('!\n')).toBe(true);
    // IOS counts the upload as a save of the running config.
    expect(await getOne(s, OID.runningLastSaved)).toBe(sw.ticksAt(sw.state.runningSavedAt!));
    // The manager cleans up; the row is gone.
    await set(s, [int(cc(CC.rowStatus, 4711), ROW.destroy)]);
    expect((await get(s, [cc(CC.state, 4711)]))[0]!.type).toBe(snmp.ObjectType.NoSuchInstance);
  });

  it('copies startup-config with createAndWait, the deprecated IpAddress column, then active', async () => {
    const receiver = await tftpReceiver('core-1-startup.cfg');
    const sw = await labSwitch({ tftpPort: receiver.port });
    const s = v2c(sw);
    await set(s, [int(cc(CC.rowStatus, 12), ROW.createAndWait)]);
    await set(s, [
      int(cc(CC.source, 12), FILE.startupConfig),
      int(cc(CC.dest, 12), FILE.networkFile),
      { oid: cc(CC.serverAddress, 12), type: snmp.ObjectType.IpAddress, value: HOST },
      { oid: cc(CC.fileName, 12), type: snmp.ObjectType.OctetString, value: 'core-1-startup.cfg' },
    ]);
    // The MIB mirrors the deprecated IPv4 column into the InetAddress pair.
    const [type, rev1] = await get(s, [cc(CC.addressType, 12), cc(CC.addressRev1, 12)]);
    expect([type!.value, rev1!.value]).toEqual([1, Buffer.from([127, 0, 0, 1])]);
    await set(s, [int(cc(CC.rowStatus, 12), ROW.active)]);
    expect((await copyOutcome(s, 12)).state).toBe(COPY.successful);
    expect((await receiver.received).toString('utf8')).toBe(fileOf(sw.personality.showStartup(sw.state)));
    expect(await getOne(s, cc(CC.rowStatus, 12))).toBe(ROW.active);
  });

  it('saves running to startup (running → startupConfig)', async () => {
    const sw = await labSwitch();
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/10', ' description saved-over-snmp'] });
    expect(renderConfig(sw.state.startup!)).not.toContain('saved-over-snmp');
    const s = v3(sw);
    await set(s, [int(cc(CC.source, 3), FILE.runningConfig), int(cc(CC.dest, 3), FILE.startupConfig), int(cc(CC.rowStatus, 3), ROW.createAndGo)]);
    expect((await copyOutcome(s, 3)).state).toBe(COPY.successful);
    expect(renderConfig(sw.state.startup!)).toBe(renderConfig(sw.state.running));
    const [running, startup] = await get(s, [OID.runningLastChanged, OID.startupLastChanged]);
    expect(running!.value as number).toBeLessThanOrEqual(startup!.value as number);
  });

  it('fails with noConfig when asked to copy a startup-config that is not present', async () => {
    const receiver = await tftpReceiver('core-1-startup.cfg');
    const sw = await labSwitch({ tftpPort: receiver.port });
    await sw.apply({ kind: 'power-cycle', loseConfig: true });
    const s = v2c(sw);
    await set(s, copyToServer(5, FILE.startupConfig, 'core-1-startup.cfg'));
    expect(await copyOutcome(s, 5)).toEqual({ state: COPY.failed, failCause: FAIL.noConfig });
  });

  it('fails with timeout when the TFTP server does not answer', async () => {
    const deaf = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => deaf.bind(0, HOST, () => resolve()));
    cleanup.push(() => new Promise<void>((resolve) => deaf.close(() => resolve())));
    const sw = await labSwitch({ tftpPort: deaf.address().port });
    const s = v2c(sw);
    await set(s, copyToServer(6, FILE.runningConfig, 'core-1-running.cfg'));
    expect(await copyOutcome(s, 6)).toEqual({ state: COPY.failed, failCause: FAIL.timeout });
  });

  it('refuses to start a copy that names no file (inconsistentValue) and keeps no row', async () => {
    const sw = await labSwitch();
    const s = v2c(sw);
    const err = await failure(
      set(s, [int(cc(CC.source, 8), FILE.runningConfig), int(cc(CC.dest, 8), FILE.networkFile), int(cc(CC.rowStatus, 8), ROW.createAndGo)]),
    );
    expect(err.message).toMatch(/^InconsistentValue/);
    expect((await get(s, [cc(CC.rowStatus, 8)]))[0]!.type).toBe(snmp.ObjectType.NoSuchInstance);
  });
});

// ---------------------------------------------------------------- a dead agent

describe('faults', () => {
  it('says nothing while the SNMP fault is on, and answers again once it is cleared', async () => {
    const sw = await labSwitch();
    const s = v2c(sw);
    await sw.apply({ kind: 'fault', fault: { kind: 'snmp-silent' } });
    expect((await failure(get(s, [OID.sysName]))).name).toBe('RequestTimedOutError');
    expect((await failure(get(v3(sw, {}, SILENT), [OID.sysName]))).name).toBe('RequestTimedOutError');
    await sw.apply({ kind: 'clear-faults' });
    expect(text(await getOne(s, OID.sysName))).toBe('CORE-1');
  });

  it('says nothing while every member is dark', async () => {
    const sw = await labSwitch({ members: 2 });
    await sw.apply({ kind: 'member-down', member: 1 });
    await sw.apply({ kind: 'member-down', member: 2 });
    expect((await failure(get(v2c(sw, undefined, SILENT), [OID.sysName]))).name).toBe('RequestTimedOutError');
  });
});
