// What a lab OS10 switch serves over SNMP besides the standard groups: the sysObjectID under
// DELLEMC-OS10-PRODUCTS-MIB os10Products (1.3.6.1.4.1.674.11000.5000.100.2; the S5248F-ON's
// own leaf `.1.18` is **assumed**), the sysDescr in OS10's words (LibreNMS's real S4128T-ON record
// has this shape), and one chassis row in ENTITY-MIB. No stack table: a VLT peer is its own switch.

import type { SwitchState } from '../../model.js';
import type { LabMib, PhysicalEntity } from '../../personality.js';
import { OS10_MODEL, OS10_VERSION } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.674.11000.5000.100.2.1.18';
/** Dell's IANA private enterprise number. */
export const DELL_ENTERPRISE = 674;

export const sysDescr = (): string =>
  `Dell EMC Networking OS10 Enterprise.\r\nCopyright (c) 1999-2020 by Dell Inc. All Rights Reserved.\r\nSystem Description: OS10 Enterprise.\r\nOS Version: ${OS10_VERSION}.\r\nSystem Type: ${OS10_MODEL}`;

function setting(state: SwitchState, key: 'contact' | 'location'): string {
  const line = state.running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line;
  return line ? line.slice(`snmp-server ${key} `.length).replace(/^"(.*)"$/, '$1') : '';
}
export const sysContact = (state: SwitchState) => setting(state, 'contact');
export const sysLocation = (state: SwitchState) => setting(state, 'location');

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const unit = state.members[0];
  if (!unit || !unit.powered) return [];
  return [
    {
      index: 1,
      descr: `${OS10_MODEL} 48x25GbE SFP28, 4x100GbE QSFP28, 2x200GbE QSFP-DD Interface Module`,
      vendorType: '0.0',
      containedIn: 0,
      physicalClass: 'chassis',
      relPos: -1,
      name: 'Chassis',
      hardwareRev: unit.hwVersion,
      softwareRev: unit.version,
      serial: unit.serial,
      mfgName: 'Dell EMC',
      model: OS10_MODEL,
      fru: false,
    },
  ];
}

export const os10Mibs = (): LabMib[] => [];
