// What a lab Nexus serves over SNMP besides the standard groups: a sysObjectID under Cisco's
// Nexus branch (1.3.6.1.4.1.9.12.3.1.3.…; the product number is assumed), a sysDescr in NX-OS's
// words (assumed: `Cisco NX-OS(tm) …`), and one ENTITY-MIB chassis row. No stack table: NX-OS
// does not stack.

import type { SwitchState } from '../../model.js';
import type { PhysicalEntity } from '../../personality.js';
import { CHASSIS, MODEL, NXOS_IMAGE, NXOS_VERSION } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.9.12.3.1.3.2168';
export const CISCO_ENTERPRISE = 9;

export function sysDescr(): string {
  return `Cisco NX-OS(tm) ${NXOS_IMAGE}, Software (nxos), Version ${NXOS_VERSION}, RELEASE SOFTWARE Copyright (c) 2002-2025 by Cisco Systems, Inc.`;
}

function snmpSetting(state: SwitchState, key: 'location' | 'contact'): string {
  const line = state.running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line;
  return line ? line.slice(`snmp-server ${key} `.length) : '';
}
export const sysLocation = (state: SwitchState) => snmpSetting(state, 'location');
export const sysContact = (state: SwitchState) => snmpSetting(state, 'contact');

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const c = state.members[0];
  return [
    {
      index: 10,
      descr: `${CHASSIS} Chassis`,
      vendorType: '0.0',
      containedIn: 0,
      physicalClass: 'chassis',
      relPos: -1,
      name: 'Chassis',
      hardwareRev: 'V04',
      softwareRev: NXOS_VERSION,
      serial: c?.serial ?? '',
      mfgName: 'Cisco Systems, Inc.',
      model: MODEL,
      fru: false,
    },
  ];
}
