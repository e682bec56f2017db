// SNMPv3 against several lab switches (each its own engine ID): the password's master key
// — the million-byte hash of RFC 3414 — is derived once for the whole sweep, not once per
// switch; only the cheap localisation runs per engine.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { masterKeyDerivations } from '../../src/transport/snmp-keys.js';
import { openSnmp, valueText } from '../../src/transport/snmp.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

const SNMP_V3 = { user: 'switchback', authKey: 'keys-test-auth-1', privKey: 'keys-test-priv-1' };
const NAMES = ['keys-a', 'keys-b', 'keys-c', 'keys-d'];
const SYS_NAME = '1.3.6.1.2.1.1.5.0';

let fleet: LabFleet;
let before: number;
beforeAll(async () => {
  before = masterKeyDerivations();
  fleet = await startFleet({
    count: NAMES.length,
    specs: NAMES.map((n, i) => stackSpec(n, 1, i + 1)),
    credentials: { ...TEST_CREDENTIALS, snmpV3: SNMP_V3, authorizedKeys: [] },
  });
});
afterAll(() => fleet.stop());

it('a v3 sweep of four switches derives two master keys (auth and priv), not two per switch', async () => {
  const names: string[] = [];
  for (const sw of fleet.switches) {
    const session = openSnmp({
      host: '127.0.0.1',
      port: sw.ports.snmp,
      version: 3,
      user: SNMP_V3.user,
      auth: { protocol: 'sha', key: SNMP_V3.authKey },
      priv: { protocol: 'aes', key: SNMP_V3.privKey },
      timeoutMs: 5000,
      retries: 1,
    });
    try {
      names.push(valueText((await session.get([SYS_NAME]))[0]));
    } finally {
      session.close();
    }
  }
  expect(names).toEqual(['KEYS-A', 'KEYS-B', 'KEYS-C', 'KEYS-D']);
  // The lab's agents run in this process and share the cache: still two in all.
  expect(masterKeyDerivations() - before).toBe(2);
});
