// What a sweep of many switches over SNMPv3 relies on, against lab switches (each its own
// engine ID): the password's master key — the million-byte hash of RFC 3414 — is derived
// once for the whole sweep, not once per switch; and a GET that carries the first page of
// a walk (getAndWalk, one round trip fewer) answers exactly what a GET and a walk answer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { masterKeyDerivations } from '../../src/transport/snmp-keys.js';
import { openSnmp, valueText } from '../../src/transport/snmp.js';
import type { SnmpSession } from '../../src/transport/snmp.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

const SNMP_V3 = { user: 'switchback', authKey: 'sweep-test-auth-1', privKey: 'sweep-test-priv-1' };
const NAMES = ['sweep-a', 'sweep-b', 'sweep-c', 'sweep-d'];
const OID = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  /** In the system group's range, but no agent has it. */
  absentScalar: '1.3.6.1.2.1.1.99.0',
  /** sysName's object with an instance that does not exist. */
  absentInstance: '1.3.6.1.2.1.1.5.1',
  cswSwitchInfoTable: '1.3.6.1.4.1.9.9.500.1.2.1',
  entPhysicalClass: '1.3.6.1.2.1.47.1.1.1.1.5',
  nothing: '1.3.6.1.4.1.99999',
};

let fleet: LabFleet;
let before: number;
beforeAll(async () => {
  before = masterKeyDerivations();
  fleet = await startFleet({
    count: NAMES.length,
    // sweep-d: four members, so its stack table takes more than one GETBULK page.
    specs: NAMES.map((n, i) => stackSpec(n, i === 3 ? 4 : 1, i + 1)),
    credentials: { ...TEST_CREDENTIALS, snmpV3: SNMP_V3, authorizedKeys: [] },
  });
});
afterAll(() => fleet.stop());

function v3(sw: LabSwitch): SnmpSession {
  return openSnmp({
    host: '127.0.0.1',
    port: sw.ports.snmp,
    version: 3,
    user: SNMP_V3.user,
    auth: { protocol: 'sha', key: SNMP_V3.authKey },
    priv: { protocol: 'aes', key: SNMP_V3.privKey },
    timeoutMs: 5000,
    retries: 1,
  });
}

async function withSession<T>(sw: LabSwitch, use: (s: SnmpSession) => Promise<T>): Promise<T> {
  const session = v3(sw);
  try {
    return await use(session);
  } finally {
    session.close();
  }
}

describe('an SNMPv3 sweep', () => {
  it('derives two master keys (auth and priv) for four switches, not two per switch', async () => {
    const names: string[] = [];
    for (const sw of fleet.switches) names.push(await withSession(sw, async (s) => valueText((await s.get([OID.sysName]))[0])));
    expect(names).toEqual(['SWEEP-A', 'SWEEP-B', 'SWEEP-C', 'SWEEP-D']);
    // The lab's agents run in this process and share the cache: still two in all.
    expect(masterKeyDerivations() - before).toBe(2);
  });

  it('getAndWalk answers what get and walk answer: values, absent objects, tables of several pages, empty subtrees', async () => {
    const sw = fleet.get('sweep-d');
    const cases: [string[], string][] = [
      [[OID.sysDescr, OID.sysObjectID, OID.sysName, OID.snmpEngineBoots], OID.cswSwitchInfoTable],
      [[OID.sysName, OID.absentScalar, OID.snmpEngineBoots], OID.entPhysicalClass],
      // Not every OID a scalar's instance (.0): asked as a GET and a walk.
      [[OID.sysName, OID.absentInstance], OID.nothing],
    ];
    for (const [oids, root] of cases) {
      const together = await withSession(sw, (s) => s.getAndWalk(oids, root));
      const apart = await withSession(sw, async (s) => ({ values: await s.get(oids), walked: await s.walk(root) }));
      expect(together).toEqual(apart);
    }
    const [first] = cases;
    const table = await withSession(sw, (s) => s.getAndWalk(first![0], first![1]));
    expect(table.walked.length).toBeGreaterThan(25); // more than one page
    const absent = await withSession(sw, (s) => s.getAndWalk([OID.absentScalar], OID.nothing));
    expect(absent.values.map((v) => v.type)).toEqual(['noSuchObject']);
    expect(absent.walked).toEqual([]);
  });
});
