// What a Junos EX VC serves over SNMP besides the standard groups:
// - sysObjectID jnxProductNameEX4300 (JUNIPER-CHASSIS-DEFINES-MIB, jnxProductLineEX4300 .1.1.1.2.63);
// - sysDescr as Junos words it ("Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS …");
// - JUNIPER-VIRTUALCHASSIS-MIB jnxVirtualChassisMemberTable (1.3.6.1.4.1.2636.3.40.1.4.1.1),
//   one row per present member: Serialnumber .2, Role .3 master(1)/backup(2)/linecard(3),
//   MacAddBase .4, SWVersion .5, Priority .6, Uptime .7, Model .8, Location .9 (ND
//   juniper/mib-jnx-virtualchassis.txt, PLATFORM-FACTS §4.5);
// - JUNIPER-CFGMGMT-MIB jnxCmCfgChgLatestTime (.3.18.1.2, sysUpTime at the last commit)
//   and jnxCmCfgChgLatestSource (.3.18.1.4, cli(2) / other(1)).
// ENTITY-MIB: a stack row and one chassis row per present member (EX VCs fill
// entPhysicalTable sparsely; the lab's rows are for the generic stack reading).

import type { SwitchState } from '../../model.js';
import type { LabMib, PhysicalEntity, SnmpHost } from '../../personality.js';
import { computedMib } from '../../snmp/computed-mib.js';
import { ACCESS, readOnly, T } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibStore, Row } from '../../snmp/net-snmp.js';
import { nodeAt, parseCurly, words } from './junos-tree.js';
import { BUILD_DATE, factoryDefaultConfig, isPresent, junos, JUNOS_VERSION, masterMember, presentMembers, sync } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.2636.1.1.1.2.63';
const VC_MEMBER_ENTRY = '1.3.6.1.4.1.2636.3.40.1.4.1.1.1';
const CFG_CHG = '1.3.6.1.4.1.2636.3.18.1';
const factory = () => parseCurly(factoryDefaultConfig());

export function sysDescr(state: SwitchState): string {
  sync(state, factory);
  const master = masterMember(state) ?? state.members[0];
  return `Juniper Networks, Inc. ${master?.model ?? 'ex4300-48p'} Ethernet Switch, kernel JUNOS ${master?.version ?? JUNOS_VERSION}, Build date: ${BUILD_DATE} Copyright (c) 1996-2023 Juniper Networks, Inc.`;
}

function snmpSetting(state: SwitchState, key: 'location' | 'contact'): string {
  const line = nodeAt(state.running, ['snmp'])?.children.find((n) => n.line.startsWith(key + ' '))?.line;
  return line ? words(line).slice(1).join(' ').replace(/^"|"$/g, '') : '';
}
export const sysLocation = (state: SwitchState) => snmpSetting(state, 'location');
export const sysContact = (state: SwitchState) => snmpSetting(state, 'contact');

const ROLE_NUMBER = { master: 1, backup: 2, linecard: 3 } as const;

const VC_COLUMNS: ColumnDef[] = [
  { number: 1, name: 'jnxVirtualChassisMemberId', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(2, 'jnxVirtualChassisMemberSerialnumber', T.OctetString),
  readOnly(3, 'jnxVirtualChassisMemberRole', T.Integer),
  readOnly(4, 'jnxVirtualChassisMemberMacAddBase', T.OctetString),
  readOnly(5, 'jnxVirtualChassisMemberSWVersion', T.OctetString),
  readOnly(6, 'jnxVirtualChassisMemberPriority', T.Integer),
  readOnly(7, 'jnxVirtualChassisMemberUptime', T.TimeTicks),
  readOnly(8, 'jnxVirtualChassisMemberModel', T.OctetString),
  readOnly(9, 'jnxVirtualChassisMemberLocation', T.OctetString),
];

function memberRows(host: SnmpHost): Row[] {
  const state = host.state;
  const j = sync(state, factory);
  return state.members
    .filter(isPresent)
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const role = j.active ? (j.roles.get(m.number) ?? 'linecard') : 'linecard';
      return [
        m.number,
        m.serial,
        ROLE_NUMBER[role],
        Buffer.from(m.mac.replace(/[^0-9a-f]/gi, ''), 'hex'),
        m.version,
        m.priority,
        host.sysUpTime(),
        m.model,
        '',
      ];
    });
}

export function junosMibs(host: SnmpHost, store: MibStore): LabMib[] {
  return [
    computedMib(store, {
      scalars: [
        {
          name: 'jnxCmCfgChgLatestTime',
          oid: `${CFG_CHG}.2`,
          type: T.TimeTicks,
          value: () => {
            const at = junos(host.state).history[0]?.at ?? host.state.bootedAt;
            return at < host.state.bootedAt ? 0 : host.ticksAt(at);
          },
        },
        { name: 'jnxCmCfgChgLatestSource', oid: `${CFG_CHG}.4`, type: T.Integer, value: () => (junos(host.state).history[0]?.via === 'cli' ? 2 : 1) },
      ],
      tables: [
        {
          name: 'jnxVirtualChassisMemberTable',
          oid: VC_MEMBER_ENTRY,
          columns: VC_COLUMNS,
          index: [{ columnName: 'jnxVirtualChassisMemberId' }],
          rows: () => memberRows(host),
        },
      ],
    }),
  ];
}

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  sync(state, factory);
  const present = presentMembers(state);
  const lead = masterMember(state) ?? present[0];
  const base = { vendorType: '0.0', hardwareRev: '', softwareRev: '', mfgName: 'Juniper Networks', fru: false };
  return [
    {
      ...base,
      index: 1,
      descr: 'Virtual Chassis',
      containedIn: 0,
      physicalClass: 'stack',
      relPos: -1,
      name: 'Virtual Chassis',
      serial: lead?.serial ?? '',
      model: lead?.model ?? '',
    },
    ...present.map((m): PhysicalEntity => ({
      ...base,
      index: 2 + m.number,
      descr: `${m.model} FPC ${m.number}`,
      containedIn: 1,
      physicalClass: 'chassis',
      relPos: m.number,
      name: `FPC: ${m.model} @ ${m.number}/*/*`,
      hardwareRev: m.hwVersion,
      softwareRev: m.version,
      serial: m.serial,
      model: m.model,
      fru: true,
    })),
  ];
}
