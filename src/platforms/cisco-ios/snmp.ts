// IOS over SNMP: detection, unsaved from CISCO-CONFIG-MAN-MIB, StackWise members from
// CISCO-STACKWISE-MIB, and CISCO-CONFIG-COPY-MIB as data for the generic config-copy
// driver (transport/snmp-config-copy.ts). Pure data and parsers; the client is transport's.

import type { ConfigCopyMib, PlatformSnmp, SnmpRow, StackMember } from '../platform.js';
import { dottedMac } from './parse-version.js';

/**
 * CISCO-STACKWISE-MIB cswSwitchInfoEntry. INDEX is entPhysicalIndex (1001, 2001, …
 * on a real 3750 stack; 1000, 2000, … on IOS-XE): never the switch number, which is
 * column 1 (cswSwitchNumCurrent).
 */
const CSW_SWITCH_INFO_ENTRY = '1.3.6.1.4.1.9.9.500.1.2.1.1';
const CSW = { numCurrent: 1, role: 3, swPriority: 4, state: 6, mac: 7 } as const;

/** cswSwitchRole. `notMember` is a member that is not Ready (its state says why): `show switch` calls it Member. */
const CSW_ROLE: Record<number, StackMember['role']> = { 1: 'active', 2: 'member', 3: 'member', 4: 'standby' };

/** cswSwitchState, in the words parseStack's normaliseState gives the `show switch` column. */
const CSW_STATE: Record<number, string> = {
  1: 'waiting',
  2: 'initializing', // progressing: `show switch` says Initializing
  3: 'added',
  4: 'ready',
  5: 'sdm-mismatch',
  6: 'version-mismatch',
  7: 'feature-mismatch',
  8: 'new-master-init',
  9: 'provisioned',
  10: 'invalid',
  11: 'removed',
};

const asNumber = (v: SnmpRow['value']): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

/** cswSwitchInfoTable rows (any order, any columns present) → members by switch number. */
export function parseSwitchInfoTable(rows: SnmpRow[]): StackMember[] {
  const prefix = CSW_SWITCH_INFO_ENTRY + '.';
  const byIndex = new Map<string, Map<number, SnmpRow['value']>>();
  for (const row of rows) {
    const oid = row.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const [column, ...index] = oid.slice(prefix.length).split('.');
    if (column === undefined || index.length === 0) continue;
    const key = index.join('.');
    const cells = byIndex.get(key) ?? new Map<number, SnmpRow['value']>();
    byIndex.set(key, cells);
    cells.set(Number(column), row.value);
  }
  const members: StackMember[] = [];
  for (const cells of byIndex.values()) {
    const number = asNumber(cells.get(CSW.numCurrent) ?? null);
    if (number === undefined) continue;
    const role = asNumber(cells.get(CSW.role) ?? null);
    const state = asNumber(cells.get(CSW.state) ?? null);
    const member: StackMember = {
      number,
      role: role === undefined ? 'unknown' : (CSW_ROLE[role] ?? 'unknown'),
      state: state === undefined ? 'unknown' : (CSW_STATE[state] ?? `state-${state}`),
    };
    const priority = asNumber(cells.get(CSW.swPriority) ?? null);
    if (priority !== undefined) member.priority = priority;
    const mac = cells.get(CSW.mac);
    // A member that is not Ready reports 00:00:00:00:00:00, as `show switch` prints 0000.0000.0000.
    const dotted = Buffer.isBuffer(mac) && mac.some((b) => b !== 0) ? dottedMac(mac.toString('hex')) : undefined;
    if (dotted) member.mac = dotted;
    if (!members.some((m) => m.number === number)) members.push(member);
  }
  return members.sort((a, b) => a.number - b.number);
}

/**
 * CISCO-CONFIG-COPY-MIB ccCopyTable (1.3.6.1.4.1.9.9.96.1.1.1): running or startup config
 * to a TFTP server, and running → startup (a save), as data for transport/snmp-config-copy.ts.
 */
export const CONFIG_COPY_MIB: ConfigCopyMib = {
  entry: '1.3.6.1.4.1.9.9.96.1.1.1.1',
  columns: {
    protocol: 2,
    sourceFileType: 3,
    destFileType: 4,
    // IpAddress, deprecated by ccCopyServerAddressType/Rev1 but the only one older agents know.
    serverAddress: 5,
    fileName: 6,
    state: 10,
    failCause: 13,
    rowStatus: 14,
    serverAddressType: 15,
    serverAddressRev1: 16,
  },
  protocol: { tftp: 1 },
  fileType: { networkFile: 1, startupConfig: 3, runningConfig: 4 },
  state: { waiting: 1, running: 2, successful: 3, failed: 4 },
  failCause: {
    1: { name: 'unknown', words: 'the switch gave no reason' },
    2: { name: 'badFileName', words: 'the file name was refused (by the switch or by the TFTP server)' },
    3: { name: 'timeout', words: 'the TFTP server did not answer the switch' },
    4: { name: 'noMem', words: 'the switch ran out of memory' },
    5: { name: 'noConfig', words: 'the switch has no such configuration (for startup-config: NVRAM is empty)' },
    6: { name: 'unsupportedProtocol', words: 'the switch does not support this copy protocol' },
    7: { name: 'someConfigApplyFailed', words: 'some configuration lines could not be applied' },
    8: { name: 'systemNotReady', words: 'the switch is not ready (still booting?)' },
    9: { name: 'requestAborted', words: 'the copy was aborted' },
  },
  noConfig: 5,
};

export const SNMP: PlatformSnmp = {
  detect: {
    // ciscoProducts; every Catalyst and ISR. The sysDescr decides between Cisco OSes when another platform claims them.
    sysObjectIdPrefixes: ['1.3.6.1.4.1.9.'],
    // The banner `show version` starts with, which IOS also serves as sysDescr:
    // `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), …`,
    // `Cisco IOS Software, IOS-XE Software, …`, `Cisco IOS XE Software, Version 16.09.03`,
    // and before 12.3 `Cisco Internetwork Operating System Software` / `IOS (tm) C2950 Software …`.
    // Not `Cisco IOS XR Software`, nor NX-OS (`Cisco NX-OS(tm)`, `Cisco Nexus Operating System`).
    sysDescr: /^(?:Cisco IOS Software\b|Cisco IOS[ -]XE Software\b|Cisco Internetwork Operating System Software\b|IOS \(tm\) )/m,
  },
  unsaved: {
    // CISCO-CONFIG-MAN-MIB ccmHistoryRunningLastChanged / ccmHistoryStartupLastChanged (never RunningLastSaved).
    runningLastChanged: '1.3.6.1.4.1.9.9.43.1.1.1.0',
    startupLastChanged: '1.3.6.1.4.1.9.9.43.1.1.3.0',
    // Applying startup-config at boot counts as a running-config change; a large stack takes minutes.
    graceSeconds: 300,
    // IOS parses startup-config in the first minute of sysUpTime (the lab does it at 45 s).
    bootApplySeconds: 60,
  },
  stack: { table: CSW_SWITCH_INFO_ENTRY, parse: parseSwitchInfoTable },
  configCopy: CONFIG_COPY_MIB,
};
