// The ENTITY-MIB stack fallback over real SNMP (v3 authPriv) against a lab stack's agent:
// the members read from its chassis rows, and a member that loses power reported missing
// when the platform's own stack table is not there to ask (a platform without
// `snmp.stack`, as every platform but cisco-ios is today).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { loadInventory } from '../../src/inventory/load.js';
import { judge } from '../../src/jobs/check-snmp.js';
import { readEntityStack, readSnmpFacts, snmpTargetFor } from '../../src/jobs/snmp-facts.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import type { Platform } from '../../src/platforms/platform.js';
import { openSnmp } from '../../src/transport/snmp.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let devices: Map<string, Device>;
const setEnv: string[] = [];

/** cisco-ios as a platform without a stack table would be: the readings fall back to ENTITY-MIB. */
const { stack: _table, ...snmpWithoutStack } = ciscoIos.snmp!;
const noStackTable: Platform = { ...ciscoIos, snmp: snmpWithoutStack };

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    specs: [stackSpec('ent-a', 3, 1), stackSpec('ent-b', 3, 2)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'switchback-entity-')), 'lab.yaml');
  writeFileSync(file, fleet.inventory());
  // The inventory names its SNMP secrets as env: references, resolved when a target is made.
  for (const line of fleet.exports()) {
    const [, name, value] = /^export (\w+)=(.*)$/.exec(line)!;
    if (process.env[name!] === undefined) setEnv.push(name!);
    process.env[name!] = value!;
  }
  devices = new Map(loadInventory([file]).map((d) => [d.name, d]));
});
afterAll(async () => {
  await fleet.stop();
  for (const name of setEnv) delete process.env[name];
});

const device = (name: string) => devices.get(name)!;
const labMembers = (name: string) => fleet.get(name).state.members;

describe('ENTITY-MIB stack fallback (lab agent)', () => {
  it('reads every member from the chassis rows: number, serial, model, software version', async () => {
    const session = openSnmp(snmpTargetFor(device('ent-a')));
    try {
      const members = await readEntityStack(session);
      expect(members.map((m) => m.number)).toEqual([1, 2, 3]);
      for (const m of members) {
        const lab = labMembers('ent-a').find((x) => x.number === m.number)!;
        expect(m).toEqual({ number: m.number, role: 'unknown', state: 'ready', serial: lab.serial, model: 'C9300-48P', version: 'Cupertino 17.9.4a' });
      }
    } finally {
      session.close();
    }
  });

  it('with the platform table there, the members come from it (roles known); without it, from ENTITY-MIB', async () => {
    const withTable = await readSnmpFacts(device('ent-b'), ciscoIos);
    expect(withTable.stackSource).toBe('platform');
    expect(withTable.members!.map((m) => [m.number, m.role])).toEqual([
      [1, 'active'],
      [2, 'standby'],
      [3, 'member'],
    ]);
    const without = await readSnmpFacts(device('ent-b'), noStackTable);
    expect(without.stackSource).toBe('entity');
    expect(without.members!.map((m) => [m.number, m.serial])).toEqual(labMembers('ent-b').map((m) => [m.number, m.serial]));
    expect(judge(device('ent-b'), without, { state: undefined }).findings).toEqual([]);
  });

  it('member 2 loses power: its chassis row is gone, and the check reports it missing via ENTITY-MIB', async () => {
    await fleet.apply('ent-a', { kind: 'member-down', member: 2 });
    const facts = await readSnmpFacts(device('ent-a'), noStackTable);
    expect(facts.stackSource).toBe('entity');
    expect(facts.members!.map((m) => m.number)).toEqual([1, 3]);
    const judged = judge(device('ent-a'), facts, { state: undefined });
    expect(judged.stack).toMatchObject({ ready: 2, expected: 3, missing: [2], problems: ['member 2 missing (not reported)'], source: 'entity' });
    expect(judged.findings).toEqual([{ kind: 'stack', message: 'stack 2/3 ready (from ENTITY-MIB chassis rows): member 2 missing (not reported)' }]);

    // Power back: member 2's chassis row returns and the stack is whole again.
    await fleet.apply('ent-a', { kind: 'member-up', member: 2 });
    const back = await readSnmpFacts(device('ent-a'), noStackTable);
    expect(back.members!.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(judge(device('ent-a'), back, { state: undefined }).findings).toEqual([]);
  });
});
