// What an AOS-CX VSF stack serves over SNMP besides the standard groups:
// - sysObjectID under wndDeviceIds (ARUBAWIRED-NETWORKING-OID; JL658A is …1.1.100);
// - sysDescr naming the product and the software (words assumed: `Aruba JL658A 6300M … FL.10.13.1101`);
// - HP-VSF-VC-MIB hpicfVsfVCMemberTable (1.3.6.1.4.1.11.2.14.11.5.1.116.1.3.1), which AOS-CX
//   serves (centreon's real walk): MAC .3, priority .6, state .9 (3 commander, 4 standby,
//   5 member, 1 missing, 2 provision, 7 booting, 9 incompatibleOs), serial .14; index = member.
// ENTITY-MIB: a stack row and one chassis row per present member.

import type { Member, SwitchState } from '../../model.js';
import type { LabMib, PhysicalEntity, SnmpHost } from '../../personality.js';
import { computedMib } from '../../snmp/computed-mib.js';
import { ACCESS, readOnly, T } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibStore, Row } from '../../snmp/net-snmp.js';
import { AOSCX_VERSION, MODELS } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.47196.4.1.1.1.100';
const VSF_MEMBER_ENTRY = '1.3.6.1.4.1.11.2.14.11.5.1.116.1.3.1';
/** Aruba's IANA private enterprise number (arubaWiredNetworking sits under it). */
export const ARUBA_ENTERPRISE = 47196;

const conductorOf = (state: SwitchState) => state.members.find((m) => m.role === 'active' && m.state === 'ready') ?? state.members[0];

export function sysDescr(state: SwitchState): string {
  const c = conductorOf(state);
  return `Aruba ${c?.model ?? 'JL658A'} ${MODELS[c?.model ?? 'JL658A'] ?? ''} ${AOSCX_VERSION}`.replace(/\s+/g, ' ');
}

function snmpSetting(state: SwitchState, key: 'system-location' | 'system-contact'): string {
  const line = state.running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line;
  return line ? line.slice(`snmp-server ${key} `.length) : '';
}
export const sysLocation = (state: SwitchState) => snmpSetting(state, 'system-location');
export const sysContact = (state: SwitchState) => snmpSetting(state, 'system-contact');

/** The member's hpicfVsfVCMemberState. */
function stateNumber(m: Member): number {
  if (m.state === 'ready') return m.role === 'active' ? 3 : m.role === 'standby' ? 4 : 5;
  if (m.state === 'provisioned') return 2;
  if (m.state === 'initializing') return 7;
  if (m.state === 'version-mismatch') return 9;
  return 1;
}

const COLUMNS: ColumnDef[] = [
  { number: 1, name: 'hpicfVsfVCMemberIndex', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(3, 'hpicfVsfVCMemberMacAddr', T.OctetString),
  readOnly(6, 'hpicfVsfVCMemberPriority', T.Integer),
  readOnly(9, 'hpicfVsfVCMemberState', T.Integer),
  readOnly(14, 'hpicfVsfVCMemberSerialNum', T.OctetString),
];

function memberRows(host: SnmpHost): Row[] {
  return [...host.state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => [m.number, Buffer.from(m.mac.replace(/[^0-9a-f]/gi, ''), 'hex'), m.priority, stateNumber(m), m.serial]);
}

export function aoscxMibs(host: SnmpHost, store: MibStore): LabMib[] {
  return [
    computedMib(store, {
      scalars: [],
      tables: [
        {
          name: 'hpicfVsfVCMemberTable',
          oid: VSF_MEMBER_ENTRY,
          columns: COLUMNS,
          index: [{ columnName: 'hpicfVsfVCMemberIndex' }],
          rows: () => memberRows(host),
        },
      ],
    }),
  ];
}

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const present = state.members.filter((m) => m.state !== 'removed' && m.state !== 'provisioned');
  const lead = conductorOf(state);
  const base = { vendorType: '0.0', hardwareRev: '', softwareRev: '', mfgName: 'Aruba', fru: false };
  return [
    {
      ...base,
      index: 1,
      descr: 'VSF Stack',
      containedIn: 0,
      physicalClass: 'stack',
      relPos: -1,
      name: 'VSF',
      serial: lead?.serial ?? '',
      model: lead?.model ?? '',
    },
    ...present.map((m): PhysicalEntity => ({
      ...base,
      index: 100 + m.number,
      descr: MODELS[m.model] ?? m.model,
      containedIn: 1,
      physicalClass: 'chassis',
      relPos: m.number,
      name: `${m.number}/1`,
      softwareRev: m.version,
      serial: m.serial,
      model: m.model,
      fru: true,
    })),
  ];
}
