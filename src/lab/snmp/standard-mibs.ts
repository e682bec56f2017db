// The standard MIBs every lab switch serves, whatever its vendor: SNMPv2-MIB
// system group, SNMP-FRAMEWORK-MIB snmpEngine and ENTITY-MIB entPhysicalTable.
// The values are the switch's state read through its personality's facts; the
// vendor facts themselves (descriptions, engineID format, which physical
// entities exist) live in the personality.

import type { LabMib, PhysicalEntity, SnmpFacts, SnmpHost } from '../personality.js';
import { computedMib } from './computed-mib.js';
import { engineTime } from './engine.js';
import { ACCESS, readOnly, T, TRUTH } from './net-snmp.js';
import type { ColumnDef, MibStore, Row } from './net-snmp.js';

const SYSTEM = '1.3.6.1.2.1.1';
const SNMP_ENGINE = '1.3.6.1.6.3.10.2.1';
const ENT_PHYSICAL_ENTRY = '1.3.6.1.2.1.47.1.1.1.1';

/** The table's name in the agent: other tables name it to borrow entPhysicalIndex as a foreign index. */
export const ENT_PHYSICAL_TABLE = 'entPhysicalTable';

export function standardMibs(host: SnmpHost, facts: SnmpFacts, engineId: Buffer, store: MibStore): LabMib {
  return computedMib(store, {
    scalars: [
      { name: 'sysDescr', oid: `${SYSTEM}.1`, type: T.OctetString, value: () => facts.sysDescr(host.state) },
      { name: 'sysObjectID', oid: `${SYSTEM}.2`, type: T.OID, value: () => facts.sysObjectID },
      { name: 'sysUpTime', oid: `${SYSTEM}.3`, type: T.TimeTicks, value: () => host.sysUpTime() },
      { name: 'sysContact', oid: `${SYSTEM}.4`, type: T.OctetString, value: () => facts.sysContact(host.state) },
      { name: 'sysName', oid: `${SYSTEM}.5`, type: T.OctetString, value: () => facts.sysName(host.state) },
      { name: 'sysLocation', oid: `${SYSTEM}.6`, type: T.OctetString, value: () => facts.sysLocation(host.state) },
      { name: 'snmpEngineID', oid: `${SNMP_ENGINE}.1`, type: T.OctetString, value: () => engineId },
      { name: 'snmpEngineBoots', oid: `${SNMP_ENGINE}.2`, type: T.Integer, value: () => host.state.boots },
      { name: 'snmpEngineTime', oid: `${SNMP_ENGINE}.3`, type: T.Integer, value: () => engineTime(host) },
      { name: 'snmpEngineMaxMessageSize', oid: `${SNMP_ENGINE}.4`, type: T.Integer, value: () => facts.maxMessageSize },
    ],
    tables: [
      {
        name: ENT_PHYSICAL_TABLE,
        oid: ENT_PHYSICAL_ENTRY,
        columns: ENT_COLUMNS,
        index: [{ columnName: 'entPhysicalIndex' }],
        rows: () => facts.physicalEntities(host.state).map(entityRow),
      },
    ],
  });
}

// ---------------------------------------------------------------- entPhysicalTable

const ENT_COLUMNS: ColumnDef[] = [
  { number: 1, name: 'entPhysicalIndex', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(2, 'entPhysicalDescr', T.OctetString),
  readOnly(3, 'entPhysicalVendorType', T.OID),
  readOnly(4, 'entPhysicalContainedIn', T.Integer),
  readOnly(5, 'entPhysicalClass', T.Integer),
  readOnly(6, 'entPhysicalParentRelPos', T.Integer),
  readOnly(7, 'entPhysicalName', T.OctetString),
  readOnly(8, 'entPhysicalHardwareRev', T.OctetString),
  readOnly(9, 'entPhysicalFirmwareRev', T.OctetString),
  readOnly(10, 'entPhysicalSoftwareRev', T.OctetString),
  readOnly(11, 'entPhysicalSerialNum', T.OctetString),
  readOnly(12, 'entPhysicalMfgName', T.OctetString),
  readOnly(13, 'entPhysicalModelName', T.OctetString),
  readOnly(14, 'entPhysicalAlias', T.OctetString),
  readOnly(15, 'entPhysicalAssetID', T.OctetString),
  readOnly(16, 'entPhysicalIsFRU', T.Integer),
  readOnly(17, 'entPhysicalMfgDate', T.OctetString),
  readOnly(18, 'entPhysicalUris', T.OctetString),
];

/** ENTITY-MIB PhysicalClass. */
const PHYSICAL_CLASS: Record<PhysicalEntity['physicalClass'], number> = { chassis: 3, stack: 11 };
/** entPhysicalMfgDate when unknown: eight zero bytes, as real agents serve it. */
const NO_DATE = Buffer.alloc(8);

function entityRow(e: PhysicalEntity): Row {
  return [
    e.index, // 1 entPhysicalIndex (not-accessible)
    e.descr, // 2 entPhysicalDescr
    e.vendorType, // 3 entPhysicalVendorType
    e.containedIn, // 4 entPhysicalContainedIn
    PHYSICAL_CLASS[e.physicalClass], // 5 entPhysicalClass
    e.relPos, // 6 entPhysicalParentRelPos
    e.name, // 7 entPhysicalName
    e.hardwareRev, // 8 entPhysicalHardwareRev
    '', // 9 entPhysicalFirmwareRev
    e.softwareRev, // 10 entPhysicalSoftwareRev
    e.serial, // 11 entPhysicalSerialNum
    e.mfgName, // 12 entPhysicalMfgName
    e.model, // 13 entPhysicalModelName
    '', // 14 entPhysicalAlias
    '', // 15 entPhysicalAssetID
    e.fru ? TRUTH.true : TRUTH.false, // 16 entPhysicalIsFRU
    NO_DATE, // 17 entPhysicalMfgDate
    '', // 18 entPhysicalUris
  ];
}
