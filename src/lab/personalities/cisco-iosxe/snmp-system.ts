// What IOS-XE puts in the standard system and engine groups besides sysDescr:
// its snmpEngineID format, contact and location from the running config, and its
// default message size.

import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import { macFormatEngineId } from '../../snmp/engine.js';

/** Cisco's IANA private enterprise number. */
const CISCO_ENTERPRISE = 9;

/**
 * A switch's snmpEngineID in Cisco's default format (RFC 3411 SnmpEngineID with
 * enterprise 9, format 3 = MAC address): 80 00 00 09 03 + 6 bytes.
 */
export function engineIdFor(name: string): Buffer {
  return macFormatEngineId(CISCO_ENTERPRISE, name);
}

/** IOS's default `snmp-server packetsize` is 1500 bytes. */
export const MAX_MESSAGE_SIZE = 1500;

/** `snmp-server contact …` / `snmp-server location …` from the running config, as IOS serves them. */
function snmpServerSetting(config: ConfigTree, keyword: 'contact' | 'location'): string {
  const prefix = `snmp-server ${keyword} `;
  return config.find((n) => n.line.startsWith(prefix))?.line.slice(prefix.length) ?? '';
}

export function sysContact(state: SwitchState): string {
  return snmpServerSetting(state.running, 'contact');
}

export function sysLocation(state: SwitchState): string {
  return snmpServerSetting(state.running, 'location');
}
