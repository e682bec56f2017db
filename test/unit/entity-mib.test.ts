// The vendor-neutral stack fallback: ENTITY-MIB chassis rows → StackMembers, and how
// `check --snmp` judges members that carry no role. The real walk (centreon-plugins'
// Catalyst stack, test/fixtures/SOURCES.md) is the only one in the fixtures with ENTITY-MIB
// rows, and only entPhysicalDescr / entPhysicalName, anonymized: no class, serial or model
// column. The rows with those columns below are made up here, in the layout ENTITY-MIB defines.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { judge, judgeStack } from '../../src/jobs/check-snmp.js';
import type { SnmpFacts } from '../../src/jobs/snmp-facts.js';
import {
  chassisDetailOids,
  chassisIndexes,
  ENT_CLASS_COLUMN,
  ENT_PHYSICAL_ENTRY,
  memberNumberFromName,
  parseEntityChassis,
} from '../../src/platforms/entity-mib.js';
import type { SnmpRow, StackMember } from '../../src/platforms/platform.js';
import { walkRows } from '../helpers/snmpwalk.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const catalyst = walkRows(readFileSync(join(REAL, 'centreon-plugins/cisco/standard/snmp/cisco.snmpwalk'), 'utf8'));

/** One entPhysicalTable row with the columns the parser reads. */
function entity(index: number, cls: number, cols: { relPos?: number; name?: string; sw?: string; serial?: string; model?: string } = {}): SnmpRow[] {
  const at = (c: number) => `${ENT_PHYSICAL_ENTRY}.${c}.${index}`;
  const s = (v: string) => Buffer.from(v, 'utf8');
  return [
    { oid: at(5), value: cls },
    ...(cols.relPos !== undefined ? [{ oid: at(6), value: cols.relPos }] : []),
    ...(cols.name !== undefined ? [{ oid: at(7), value: s(cols.name) }] : []),
    ...(cols.sw !== undefined ? [{ oid: at(10), value: s(cols.sw) }] : []),
    ...(cols.serial !== undefined ? [{ oid: at(11), value: s(cols.serial) }] : []),
    ...(cols.model !== undefined ? [{ oid: at(13), value: s(cols.model) }] : []),
  ];
}

describe('ENTITY-MIB chassis rows on the real Catalyst walk', () => {
  it('the walk has entPhysicalTable rows for the three members (1001, 2001, 3001) but no entPhysicalClass: no member is guessed', () => {
    const ent = catalyst.filter((r) => r.oid.startsWith(ENT_PHYSICAL_ENTRY + '.'));
    expect(ent.length).toBe(464);
    const columns = new Set(ent.map((r) => r.oid.slice(ENT_PHYSICAL_ENTRY.length + 1).split('.')[0]));
    expect([...columns].sort()).toEqual(['2', '7']); // entPhysicalDescr, entPhysicalName
    for (const index of [1001, 2001, 3001]) expect(ent.some((r) => r.oid === `${ENT_PHYSICAL_ENTRY}.7.${index}`)).toBe(true);
    expect(catalyst.filter((r) => r.oid.startsWith(ENT_CLASS_COLUMN + '.'))).toEqual([]);
    expect(chassisIndexes(catalyst)).toEqual([]);
    expect(parseEntityChassis(catalyst)).toEqual([]);
  });
});

describe('parseEntityChassis', () => {
  // IOS-XE's layout (as the lab and LibreNMS's C9300 walk show it): a stack(11) row at 1, chassis N at N*1000.
  const iosxe = [
    ...entity(1, 11, { relPos: -1, name: 'c93xx Stack', serial: 'FOC0000A001', model: 'C9300-48P' }),
    ...entity(1000, 3, { relPos: 0, name: 'Switch 1', sw: 'Cupertino 17.9.4a', serial: 'FOC0000A001', model: 'C9300-48P' }),
    ...entity(1001, 10, { relPos: 0, name: 'GigabitEthernet1/0/1' }), // a port: not a member
    ...entity(3000, 3, { relPos: 2, name: 'Switch 3', sw: 'Cupertino 17.9.4a', serial: 'FOC0000A003', model: 'C9300-24T' }),
    ...entity(4000, 9, { relPos: 0, name: 'Switch 4 - Module 0' }), // a module(9)
  ];

  it('turns chassis(3) rows into members: number from the name, role unknown, ready, serial, model, version', () => {
    expect(chassisIndexes(iosxe)).toEqual([1000, 3000]);
    expect(parseEntityChassis(iosxe)).toEqual([
      { number: 1, role: 'unknown', state: 'ready', model: 'C9300-48P', serial: 'FOC0000A001', version: 'Cupertino 17.9.4a' },
      { number: 3, role: 'unknown', state: 'ready', model: 'C9300-24T', serial: 'FOC0000A003', version: 'Cupertino 17.9.4a' },
    ]);
  });

  it('any row order, leading dots, rows of other tables ignored; empty strings are left out', () => {
    const rows = [...iosxe, { oid: '1.3.6.1.2.1.1.5.0', value: Buffer.from('sw') }, ...entity(5000, 3, { name: 'Switch 5', serial: '' })]
      .reverse()
      .map((r) => ({ ...r, oid: '.' + r.oid }));
    expect(parseEntityChassis(rows).map((m) => m.number)).toEqual([1, 3, 5]);
    expect(parseEntityChassis(rows).find((m) => m.number === 5)).toEqual({ number: 5, role: 'unknown', state: 'ready' });
  });

  it('reads the member number from the names vendors give chassis rows', () => {
    expect(memberNumberFromName('Switch 2')).toBe(2);
    expect(memberNumberFromName('Member 2')).toBe(2);
    expect(memberNumberFromName('Stack Member 4')).toBe(4);
    expect(memberNumberFromName('Chassis 2')).toBe(2);
    expect(memberNumberFromName('FPC: EX4300-48P @ 1/*/*')).toBeUndefined();
    expect(memberNumberFromName('FPC 1')).toBe(1);
    expect(memberNumberFromName('Unit 3')).toBe(3);
    expect(memberNumberFromName('switch#2')).toBe(2);
    expect(memberNumberFromName('C9300-48P')).toBeUndefined();
    expect(memberNumberFromName('Switch 48G')).toBeUndefined();
    expect(memberNumberFromName(undefined)).toBeUndefined();
  });

  it('without numbered names: entPhysicalParentRelPos (plus one when it starts at 0), else the index order', () => {
    const byPos = [...entity(10, 3, { relPos: 2, name: 'chassis', serial: 'A' }), ...entity(20, 3, { relPos: 1, name: 'chassis', serial: 'B' })];
    expect(parseEntityChassis(byPos).map((m) => [m.number, m.serial])).toEqual([
      [1, 'B'],
      [2, 'A'],
    ]);
    const zeroBased = [...entity(10, 3, { relPos: 0 }), ...entity(20, 3, { relPos: 1 })];
    expect(parseEntityChassis(zeroBased).map((m) => m.number)).toEqual([1, 2]);
    // Positions unknown (-1) or the same: the order of entPhysicalIndex.
    const unknown = [...entity(30, 3, { relPos: -1, serial: 'B' }), ...entity(10, 3, { relPos: -1, serial: 'A' })];
    expect(parseEntityChassis(unknown).map((m) => [m.number, m.serial])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    // One name without a number: all numbered by position, not a mix of the two rules.
    const mixed = [...entity(10, 3, { relPos: 4, name: 'Switch 1' }), ...entity(20, 3, { relPos: 5, name: 'backplane' })];
    expect(parseEntityChassis(mixed).map((m) => m.number)).toEqual([4, 5]);
  });

  it('asks only for the five detail columns of the chassis rows it found', () => {
    expect(chassisDetailOids([1000, 3000])).toEqual([
      `${ENT_PHYSICAL_ENTRY}.6.1000`,
      `${ENT_PHYSICAL_ENTRY}.7.1000`,
      `${ENT_PHYSICAL_ENTRY}.10.1000`,
      `${ENT_PHYSICAL_ENTRY}.11.1000`,
      `${ENT_PHYSICAL_ENTRY}.13.1000`,
      `${ENT_PHYSICAL_ENTRY}.6.3000`,
      `${ENT_PHYSICAL_ENTRY}.7.3000`,
      `${ENT_PHYSICAL_ENTRY}.10.3000`,
      `${ENT_PHYSICAL_ENTRY}.11.3000`,
      `${ENT_PHYSICAL_ENTRY}.13.3000`,
    ]);
    expect(chassisDetailOids([])).toEqual([]);
  });
});

describe('check --snmp with members from ENTITY-MIB', () => {
  const device = (numbers: number[] | undefined): Device =>
    ({
      name: 'edge-1',
      host: '127.0.0.1',
      port: 22,
      platform: 'auto',
      tags: [],
      credentials: { username: 'u' },
      transport: 'ssh',
      timeouts: { commandMs: 1, deviceMs: 1 },
      origin: { file: 'x.yaml', index: 0 },
      ...(numbers ? { stack: { members: numbers.map((number) => ({ number })) } } : {}),
    }) as Device;
  const present = (number: number): StackMember => ({ number, role: 'unknown', state: 'ready' });

  it('a member without power is not listed: reported missing; no roles, so no "no standby" / "no active member"', () => {
    expect(judgeStack([present(1), present(3)], device([1, 2, 3]), {}, 'entity')).toMatchObject({
      ready: 2,
      expected: 3,
      missing: [2],
      problems: ['member 2 missing (not reported)'],
      source: 'entity',
    });
    expect(judgeStack([present(1), present(2), present(3)], device([1, 2, 3]), {}, 'entity')!.problems).toEqual([]);
    // The same members from a platform table would lack an active and a standby.
    expect(judgeStack([present(1), present(2)], device([1, 2]), {})!.problems).toEqual(['no standby', 'no active member']);
  });

  it('the finding says where the members came from; an unknown platform still gets its stack judged', () => {
    const facts: SnmpFacts = {
      at: Date.now(),
      sysDescr: 'some switch',
      sysObjectID: '1.3.6.1.4.1.99999.1',
      sysName: 'edge-1',
      sysUpTime: 100,
      uptimeTicks: 100,
      engineBoots: 1,
      engineTime: 1,
      platform: null,
      configHistory: null,
      unsaved: 'unknown',
      graceSeconds: null,
      members: [present(1), present(3)],
      stackSource: 'entity',
    };
    const judged = judge(device([1, 2, 3]), facts, { state: undefined });
    expect(judged.findings).toEqual([{ kind: 'stack', message: 'stack 2/3 ready (from ENTITY-MIB chassis rows): member 2 missing (not reported)' }]);
    expect(judged.notes).toContain('platform not recognised from sysObjectID / sysDescr: unsaved not judged');
    expect(judged.stack!.source).toBe('entity');
  });
});
