// What a lab OS6 stack serves over SNMP besides the standard groups:
// - sysObjectID of the real N4032 (its `show version` System Object ID 1.3.6.1.4.1.674.10895.3042);
// - sysDescr, the System Description OS6 prints in its configuration header;
// - DNOS-INVENTORY-MIB agentInventoryUnitTable (…674.10895.5000.2.6132.1.1.13.2.2), one row per
//   unit the stack knows: MgmtAdmin .6 mgmtUnit(1)/stackUnit(2), Status .11 ok(1)/notPresent(6)/
//   codeMismatch(3), DetectedCodeVer .12, SerialNumber .19, Standby .26 unassigned(1)/standby-opr(2);
// - ENTITY-MIB: a stack row and one chassis row per present unit.

import type { SwitchState } from '../../model.js';
import type { LabMib, PhysicalEntity, SnmpHost } from '../../personality.js';
import { computedMib } from '../../snmp/computed-mib.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { ACCESS, readOnly, T } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibStore, Row } from '../../snmp/net-snmp.js';
import { valueOf } from './config-text.js';
import { systemDescription } from './show.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.674.10895.3042';
const UNIT_ENTRY = '1.3.6.1.4.1.674.10895.5000.2.6132.1.1.13.2.2.1';
/** Dell's IANA private enterprise number. */
const DELL_ENTERPRISE = 674;

export const sysDescr = (state: SwitchState): string => systemDescription(state);

function snmpSetting(state: SwitchState, keyword: 'location' | 'contact'): string {
  for (const n of state.running) {
    const v = valueOf(n.line, `snmp-server ${keyword}`);
    if (v !== undefined) return v;
  }
  return '';
}
export const sysLocation = (state: SwitchState) => snmpSetting(state, 'location');
export const sysContact = (state: SwitchState) => snmpSetting(state, 'contact');
export const engineIdFor = (name: string): Buffer => macFormatEngineId(DELL_ENTERPRISE, name);

const UNIT_COLUMNS: ColumnDef[] = [
  { number: 1, name: 'agentInventoryUnitNumber', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(6, 'agentInventoryUnitMgmtAdmin', T.Integer),
  readOnly(11, 'agentInventoryUnitStatus', T.Integer),
  readOnly(12, 'agentInventoryUnitDetectedCodeVer', T.OctetString),
  readOnly(19, 'agentInventoryUnitSerialNumber', T.OctetString),
  readOnly(26, 'agentInventoryUnitStandby', T.Integer),
];

const STATUS = { ready: 1, 'version-mismatch': 3, removed: 6, provisioned: 6, initializing: 7 } as const;

function unitRows(host: SnmpHost): Row[] {
  return [...host.state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const ready = m.state === 'ready';
      return [m.number, m.role === 'active' && ready ? 1 : 2, STATUS[m.state], ready ? m.version : '', m.serial, m.role === 'standby' && ready ? 2 : 1];
    });
}

export function os6Mibs(host: SnmpHost, store: MibStore): LabMib[] {
  return [
    computedMib(store, {
      tables: [
        {
          name: 'agentInventoryUnitTable',
          oid: UNIT_ENTRY,
          columns: UNIT_COLUMNS,
          index: [{ columnName: 'agentInventoryUnitNumber' }],
          rows: () => unitRows(host),
        },
      ],
    }),
  ];
}

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const present = state.members.filter((m) => m.state === 'ready').sort((a, b) => a.number - b.number);
  const lead = present.find((m) => m.role === 'active') ?? present[0];
  const base = { vendorType: '0.0', hardwareRev: '', softwareRev: '', mfgName: 'Dell', fru: false };
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
      descr: `Dell Networking ${m.model}`,
      containedIn: 1,
      physicalClass: 'chassis',
      relPos: m.number,
      name: `Unit ${m.number}`,
      hardwareRev: m.hwVersion,
      softwareRev: m.version,
      serial: m.serial,
      model: m.model,
      fru: true,
    })),
  ];
}
