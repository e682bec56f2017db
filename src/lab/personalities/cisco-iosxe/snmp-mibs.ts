// IOS-XE's own read-only MIBs, computed from the switch's state at each request:
// CISCO-CONFIG-MAN-MIB ccmHistory (when running and startup last changed) and
// CISCO-STACKWISE-MIB (stack globals and cswSwitchInfoTable, one row per member).
//
// Where the numbers come from: cswSwitchInfoTable columns and enums from
// CISCO-STACKWISE-MIB (pysnmp translation in lextudio/mibs.pysnmp.com and
// cisco-kusanagi/mibs.snmplabs.com), cross-checked with the centreon walk of a real
// 3-member stack (fixtures/real/centreon-plugins/cisco/standard/snmp/cisco.snmpwalk).

import type { Member, MemberState, SwitchState } from '../../model.js';
import type { LabMib, SnmpHost } from '../../personality.js';
import { computedMib } from '../../snmp/computed-mib.js';
import { readOnly, T, TRUTH } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibStore, Row } from '../../snmp/net-snmp.js';
import { ENT_PHYSICAL_TABLE } from '../../snmp/standard-mibs.js';
import { chassisIndex } from './snmp-entity.js';

const CCM_HISTORY = '1.3.6.1.4.1.9.9.43.1.1';
const CSW_GLOBALS = '1.3.6.1.4.1.9.9.500.1.1';
const CSW_SWITCH_INFO_ENTRY = '1.3.6.1.4.1.9.9.500.1.2.1.1';

export function historyAndStackMib(host: SnmpHost, store: MibStore): LabMib {
  return computedMib(store, {
    scalars: [
      { name: 'ccmHistoryRunningLastChanged', oid: `${CCM_HISTORY}.1`, type: T.TimeTicks, value: () => ticksSinceBoot(host, host.state.runningChangedAt) },
      { name: 'ccmHistoryRunningLastSaved', oid: `${CCM_HISTORY}.2`, type: T.TimeTicks, value: () => ticksSinceBoot(host, host.state.runningSavedAt) },
      { name: 'ccmHistoryStartupLastChanged', oid: `${CCM_HISTORY}.3`, type: T.TimeTicks, value: () => ticksSinceBoot(host, host.state.startupChangedAt) },
      // A C9300 stack takes up to 8 members, priorities 1..15.
      { name: 'cswMaxSwitchNum', oid: `${CSW_GLOBALS}.1`, type: T.Gauge, value: () => 8 },
      { name: 'cswMaxSwitchConfigPriority', oid: `${CSW_GLOBALS}.2`, type: T.Gauge, value: () => 15 },
      { name: 'cswRingRedundant', oid: `${CSW_GLOBALS}.3`, type: T.Integer, value: () => (ringRedundant(host.state.members) ? TRUTH.true : TRUTH.false) },
    ],
    tables: [
      {
        name: 'cswSwitchInfoTable',
        oid: CSW_SWITCH_INFO_ENTRY,
        columns: CSW_COLUMNS,
        // INDEX { entPhysicalIndex }: a foreign index, taken from ENTITY-MIB's table.
        index: [{ columnName: 'entPhysicalIndex', foreign: ENT_PHYSICAL_TABLE }],
        rows: () => switchInfoRows(host.state),
      },
    ],
  });
}

/** sysUpTime at a state timestamp; 0 for "never since boot" (null) or a time before this boot. */
function ticksSinceBoot(host: SnmpHost, at: number | null): number {
  if (at === null || at < host.state.bootedAt) return 0;
  return host.ticksAt(at);
}

/** The stack ring is closed only when every member with hardware is up (a dark member opens it). */
function ringRedundant(members: Member[]): boolean {
  const hardware = members.filter((m) => m.state !== 'provisioned');
  return hardware.length >= 2 && hardware.every((m) => m.state === 'ready');
}

const CSW_COLUMNS: ColumnDef[] = [
  readOnly(1, 'cswSwitchNumCurrent', T.Gauge),
  readOnly(2, 'cswSwitchNumNextReload', T.Gauge),
  readOnly(3, 'cswSwitchRole', T.Integer),
  readOnly(4, 'cswSwitchSwPriority', T.Gauge),
  readOnly(5, 'cswSwitchHwPriority', T.Gauge),
  readOnly(6, 'cswSwitchState', T.Integer),
  readOnly(7, 'cswSwitchMacAddress', T.OctetString),
  readOnly(8, 'cswSwitchSoftwareImage', T.OctetString),
  readOnly(9, 'cswSwitchPowerBudget', T.Gauge),
  readOnly(10, 'cswSwitchPowerCommited', T.Gauge),
  readOnly(11, 'cswSwitchSystemPowerPriority', T.Gauge),
  readOnly(12, 'cswSwitchPoeDevicesLowPriority', T.Gauge),
  readOnly(13, 'cswSwitchPoeDevicesHighPriority', T.Gauge),
  readOnly(14, 'cswSwitchPowerAllocated', T.Gauge),
];

/** CISCO-STACKWISE-MIB cswSwitchState. */
const CSW_STATE: Record<MemberState, number> = {
  initializing: 2, // progressing: election or mismatch checks in progress
  ready: 4,
  'version-mismatch': 6, // verMismatch
  provisioned: 9,
  removed: 11,
};
/** CISCO-STACKWISE-MIB cswSwitchRole. */
const CSW_ROLE = { master: 1, member: 2, notMember: 3, standby: 4 } as const;

function switchRole(m: Member): number {
  // "notMember - none-active stack member, see cswSwitchState for status"
  if (m.state !== 'ready') return CSW_ROLE.notMember;
  if (m.role === 'active') return CSW_ROLE.master;
  if (m.role === 'standby') return CSW_ROLE.standby;
  return CSW_ROLE.member;
}

/** "689c.e2ff.b9d9" → 6 bytes. */
function macBytes(dotted: string): Buffer {
  const hex = dotted
    .replace(/[^0-9a-fA-F]/g, '')
    .padStart(12, '0')
    .slice(-12);
  return Buffer.from(hex, 'hex');
}

/**
 * One cswSwitchInfoTable row per member, present or not (Provisioned and Removed
 * members keep their row). The MIB says NumNextReload, priorities, MAC and image
 * read 0 / empty for a member that is not ready; the power columns read 0 as on
 * the real walk.
 */
function switchInfoRows(state: SwitchState): Row[] {
  return [...state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const ready = m.state === 'ready';
      return [
        chassisIndex(m.number), // foreign index: entPhysicalIndex
        m.number, // 1 cswSwitchNumCurrent
        ready ? m.number : 0, // 2 cswSwitchNumNextReload
        switchRole(m), // 3 cswSwitchRole
        ready ? m.priority : 0, // 4 cswSwitchSwPriority
        ready ? 5 : 0, // 5 cswSwitchHwPriority (5 on the real walk)
        CSW_STATE[m.state], // 6 cswSwitchState
        ready ? macBytes(m.mac) : Buffer.alloc(6), // 7 cswSwitchMacAddress
        ready ? 'CAT9K_IOSXE' : '', // 8 cswSwitchSoftwareImage
        0, // 9 cswSwitchPowerBudget
        0, // 10 cswSwitchPowerCommited
        0, // 11 cswSwitchSystemPowerPriority
        0, // 12 cswSwitchPoeDevicesLowPriority
        0, // 13 cswSwitchPoeDevicesHighPriority
        0, // 14 cswSwitchPowerAllocated
      ];
    });
}
