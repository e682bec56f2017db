// Dell OS6 over SNMP: detection, and the stack from DNOS-INVENTORY-MIB agentInventoryUnitTable
// (the FASTPATH inventory MIB under Dell's enterprise). Pure: decoded varbinds in, members out.
//
// Column numbers and enums are the MIB's (DNOS-INVENTORY-MIB as compiled by pysnmp):
// agentInventoryUnitMgmtAdmin(6) mgmtUnit(1) stackUnit(2) mgmtUnassigned(3);
// agentInventoryUnitStatus(11) ok(1) unsupported(2) codeMismatch(3) configMismatch(4)
// sdmMismatch(5) notPresent(6) codeUpdate(7) stmMismatch(8);
// agentInventoryUnitDetectedCodeVer(12); agentInventoryUnitSerialNumber(19);
// agentInventoryUnitStandby(26) unassigned(1) standby-opr(2) standby-cfg(3).

import type { PlatformSnmp, SnmpRow, StackMember } from '../platform.js';

/** agentInventoryUnitEntry; INDEX agentInventoryUnitNumber (the unit number). */
export const UNIT_ENTRY = '1.3.6.1.4.1.674.10895.5000.2.6132.1.1.13.2.2.1';
export const UNIT_COLUMN = { mgmtAdmin: 6, status: 11, codeVersion: 12, serial: 19, standby: 26 } as const;

const STATUS: Record<number, string> = {
  1: 'ready',
  2: 'unsupported',
  3: 'version-mismatch',
  4: 'provisioned',
  5: 'sdm-mismatch',
  6: 'removed',
  7: 'initializing',
  8: 'stm-mismatch',
};

const asNumber = (v: SnmpRow['value'] | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const asText = (v: SnmpRow['value'] | undefined): string | undefined => {
  const s = Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'string' ? v : undefined;
  return s?.trim() || undefined;
};

/**
 * Rows of a walk of the table (any order, any columns) → members by unit number. The
 * management unit is `mgmtUnit`; the standby is the unit whose standby column says
 * `standby-opr` (the operational standby — `standby-cfg` is only the configured choice).
 */
export function parseUnitTable(rows: SnmpRow[]): StackMember[] {
  const prefix = UNIT_ENTRY + '.';
  const byUnit = new Map<number, Map<number, SnmpRow['value']>>();
  for (const row of rows) {
    const oid = row.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const [column, unit, ...extra] = oid.slice(prefix.length).split('.');
    if (column === undefined || unit === undefined || extra.length > 0 || !/^\d+$/.test(unit)) continue;
    const cells = byUnit.get(Number(unit)) ?? new Map<number, SnmpRow['value']>();
    byUnit.set(Number(unit), cells);
    cells.set(Number(column), row.value);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, cells]) => {
      const mgmt = asNumber(cells.get(UNIT_COLUMN.mgmtAdmin));
      const standby = asNumber(cells.get(UNIT_COLUMN.standby));
      const role: StackMember['role'] = mgmt === 1 ? 'active' : standby === 2 ? 'standby' : mgmt === 2 || mgmt === 3 ? 'member' : 'unknown';
      const status = asNumber(cells.get(UNIT_COLUMN.status));
      const member: StackMember = { number, role, state: status === undefined ? 'unknown' : (STATUS[status] ?? String(status)) };
      const version = asText(cells.get(UNIT_COLUMN.codeVersion));
      const serial = asText(cells.get(UNIT_COLUMN.serial));
      if (version) member.version = version;
      if (serial) member.serial = serial;
      return member;
    });
}

export const SNMP: PlatformSnmp = {
  detect: {
    // Dell Networking (PowerConnect/N-series) products: the real N4032 reports 1.3.6.1.4.1.674.10895.3042.
    sysObjectIdPrefixes: ['1.3.6.1.4.1.674.10895.'],
    // The System Description the switch prints in its own config header (sysDescr on FASTPATH).
    sysDescr: /^Dell (?:EMC )?Networking N\d{4}/,
  },
  stack: { table: UNIT_ENTRY, parse: parseUnitTable },
};
