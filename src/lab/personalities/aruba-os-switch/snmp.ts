// What a lab ArubaOS-Switch stack serves over SNMP besides the standard groups:
// - sysObjectID under hpEtherSwitch (1.3.6.1.4.1.11.2.3.7.11.155, the real walk's);
// - sysDescr as the switch words it (`<model>, revision <release>, ROM …`);
// - HP-STACK-MIB hpStackMemberTable (1.3.6.1.4.1.11.2.14.11.5.1.69.1.3): MacAddr .3,
//   AdminPriority .6, State .9 (missing 1, commander 3, standby 4, member 5, booting 7),
//   ProductName .10, UpTime .11, SysOid .12, SerialNum .14, OsVersion .19 — a member without
//   power stays in the table as missing (netdisco-mibs hp/hpstack.mib, the centreon walk);
// - HP-SWITCH-BASIC-CONFIG-MIB hpSwitchStartupConfigSeqNum (…7.1.29.1.9.0), one up per save.

import type { SwitchState } from '../../model.js';
import type { LabMib, PhysicalEntity, SnmpHost } from '../../personality.js';
import { computedMib } from '../../snmp/computed-mib.js';
import { ACCESS, readOnly, T } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibStore, Row } from '../../snmp/net-snmp.js';
import { aos, AOS_VERSION, hostnameOf, modelName, ROM_VERSION, stackingOfState } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.11.2.3.7.11.155';
const MEMBER_ENTRY = '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1';
const STARTUP_SEQ = '1.3.6.1.4.1.11.2.14.11.5.1.7.1.29.1.9';

const commander = (state: SwitchState) => state.members.find((m) => m.role === 'active' && m.state === 'ready') ?? state.members[0];

export function sysDescr(state: SwitchState): string {
  const c = commander(state);
  return `${modelName(c?.model ?? 'JL322A')}, revision ${c?.version || AOS_VERSION}, ROM ${ROM_VERSION} (/ws/swbuildm/rel_orlando_qaoff/code/build/anm(swbuildm_rel_orlando_qaoff_rel_orlando))`;
}

function quoted(state: SwitchState, key: string): string {
  const line = state.running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line ?? '';
  return /"([^"]*)"/.exec(line)?.[1] ?? '';
}
export const sysLocation = (state: SwitchState) => quoted(state, 'location');
export const sysContact = (state: SwitchState) => quoted(state, 'contact');
export const sysName = (state: SwitchState) => hostnameOf(state.running);

const COLUMNS: ColumnDef[] = [
  { number: 1, name: 'hpStackMemberId', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(3, 'hpStackMemberMacAddr', T.OctetString),
  readOnly(6, 'hpStackMemberAdminPriority', T.Integer),
  readOnly(9, 'hpStackMemberState', T.Integer),
  readOnly(10, 'hpStackMemberProductName', T.OctetString),
  readOnly(11, 'hpStackMemberUpTime', T.TimeTicks),
  readOnly(12, 'hpStackMemberSysOid', T.OID),
  readOnly(14, 'hpStackMemberSerialNum', T.OctetString),
  readOnly(19, 'hpStackMemberOsVersion', T.OctetString),
];

/** hpStackMemberState of a member, as the table and the stack traps give it. */
export function stateCode(m: SwitchState['members'][number]): number {
  if (m.state === 'provisioned') return 2;
  if (m.state === 'initializing') return 7;
  if (m.state !== 'ready') return 1;
  return m.role === 'active' ? 3 : m.role === 'standby' ? 4 : 5;
}

function rows(host: SnmpHost): Row[] {
  // A VSF fabric (2930F) lists its members in HP's VSF MIB, not the backplane stack table; the
  // lab serves no VSF table, so SNMP gives the ENTITY-MIB chassis only (no roles) — lab.
  if (stackingOfState(host.state.members) === 'vsf') return [];
  return [...host.state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => [
      m.number,
      Buffer.from(m.mac.replace(/[^0-9a-f]/gi, ''), 'hex'),
      m.priority,
      stateCode(m),
      modelName(m.model),
      m.state === 'ready' ? host.sysUpTime() : 0,
      SYS_OBJECT_ID,
      m.serial,
      m.version,
    ]);
}

export function aosMibs(host: SnmpHost, store: MibStore): LabMib[] {
  return [
    computedMib(store, {
      scalars: [{ name: 'hpSwitchStartupConfigSeqNum', oid: STARTUP_SEQ, type: T.Integer, value: () => aos(host.state).saves }],
      tables: [{ name: 'hpStackMemberTable', oid: MEMBER_ENTRY, columns: COLUMNS, index: [{ columnName: 'hpStackMemberId' }], rows: () => rows(host) }],
    }),
  ];
}

/** ENTITY-MIB rows: the stack and one chassis per member that runs (for the generic stack reading). */
export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const present = state.members.filter((m) => m.state === 'ready');
  const lead = commander(state);
  const base = { vendorType: '0.0', hardwareRev: '', softwareRev: '', mfgName: 'Hewlett Packard Enterprise', fru: false };
  return [
    {
      ...base,
      index: 1,
      descr: 'Stack',
      containedIn: 0,
      physicalClass: 'stack',
      relPos: -1,
      name: 'Stack',
      serial: lead?.serial ?? '',
      model: lead?.model ?? '',
    },
    ...present.map((m): PhysicalEntity => ({
      ...base,
      index: 1 + m.number,
      descr: modelName(m.model),
      containedIn: 1,
      physicalClass: 'chassis',
      relPos: m.number,
      name: `Member ${m.number}`,
      softwareRev: m.version,
      serial: m.serial,
      model: m.model,
      fru: true,
    })),
  ];
}
