// What an EOS switch serves over SNMP besides the standard groups: sysObjectID under aristaProducts
// (1.3.6.1.4.1.30065.1; the product arc for the 7050SX3-48YC8 is assumed), sysDescr in EOS's words
// (assumed: `Arista Networks EOS version 4.29.2F running on an Arista Networks DCS-7050SX3-48YC8`),
// and ENTITY-MIB with one chassis row: no stack table, EOS does not stack.

import type { SwitchState } from '../../model.js';
import type { PhysicalEntity } from '../../personality.js';
import { EOS_MODEL, EOS_VERSION } from './state.js';

export const SYS_OBJECT_ID = '1.3.6.1.4.1.30065.1.3011.7050.3741.3282.48';
/** Arista's IANA private enterprise number. */
export const ARISTA_ENTERPRISE = 30065;

export const sysDescr = (): string => `Arista Networks EOS version ${EOS_VERSION} running on an Arista Networks ${EOS_MODEL}`;

function snmpSetting(state: SwitchState, key: 'location' | 'contact'): string {
  const line = state.running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line;
  return line ? line.slice(`snmp-server ${key} `.length) : '';
}
export const sysLocation = (state: SwitchState) => snmpSetting(state, 'location');
export const sysContact = (state: SwitchState) => snmpSetting(state, 'contact');

export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const m = state.members[0];
  if (!m || m.state !== 'ready') return [];
  return [
    {
      index: 1,
      descr: `${EOS_MODEL} 48x25GbE SFP+ & 8x100GbE QSFP Switch`,
      vendorType: '0.0',
      containedIn: 0,
      physicalClass: 'chassis',
      relPos: -1,
      name: '',
      hardwareRev: m.hwVersion,
      softwareRev: EOS_VERSION,
      serial: m.serial,
      mfgName: 'Arista Networks',
      model: EOS_MODEL,
      fru: false,
    },
  ];
}
