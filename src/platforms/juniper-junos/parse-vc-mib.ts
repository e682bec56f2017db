// JUNIPER-VIRTUALCHASSIS-MIB jnxVirtualChassisMemberTable: the members of an EX
// Virtual Chassis over SNMP, as `show virtual-chassis` gives them over SSH. Pure:
// decoded varbinds in, members out.

import type { SnmpRow, StackMember } from '../platform.js';

/** jnxVirtualChassisMemberEntry; INDEX jnxVirtualChassisMemberId (the member number, not-accessible). */
export const VC_MEMBER_ENTRY = '1.3.6.1.4.1.2636.3.40.1.4.1.1.1';
const COLUMN = { serial: 2, role: 3, macBase: 4, swVersion: 5, priority: 6, model: 8 } as const;

/** jnxVirtualChassisMemberRole: master(1), backup(2), linecard(3). */
const ROLE: Record<number, StackMember['role']> = { 1: 'active', 2: 'standby', 3: 'member' };

const asNumber = (v: SnmpRow['value']): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const asText = (v: SnmpRow['value'] | undefined): string | undefined => {
  const s = Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'string' ? v : undefined;
  return s?.trim() || undefined;
};
/** A 6-byte MAC as IOS-style dotted lower case (`689c.e2ff.b9d9`), the form StackMember keeps. */
const dotted = (v: SnmpRow['value'] | undefined): string | undefined => {
  if (!Buffer.isBuffer(v) || v.length !== 6 || v.every((b) => b === 0)) return undefined;
  const hex = v.toString('hex');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
};

/**
 * Rows of a walk of the table (any order, any columns) → members by member number. The
 * table lists the members the master knows to be present: each is `ready`; a member that
 * lost power is absent (unlike `show virtual-chassis`, which keeps it as NotPrsnt).
 */
export function parseVcMemberTable(rows: SnmpRow[]): StackMember[] {
  const prefix = VC_MEMBER_ENTRY + '.';
  const byMember = new Map<number, Map<number, SnmpRow['value']>>();
  for (const row of rows) {
    const oid = row.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const [column, member, ...extra] = oid.slice(prefix.length).split('.');
    if (column === undefined || member === undefined || extra.length > 0 || !/^\d+$/.test(member)) continue;
    const cells = byMember.get(Number(member)) ?? new Map<number, SnmpRow['value']>();
    byMember.set(Number(member), cells);
    cells.set(Number(column), row.value);
  }
  return [...byMember.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, cells]) => {
      const role = asNumber(cells.get(COLUMN.role) ?? null);
      const member: StackMember = { number, role: role === undefined ? 'unknown' : (ROLE[role] ?? 'unknown'), state: 'ready' };
      const serial = asText(cells.get(COLUMN.serial));
      const model = asText(cells.get(COLUMN.model));
      const version = asText(cells.get(COLUMN.swVersion));
      const priority = asNumber(cells.get(COLUMN.priority) ?? null);
      const mac = dotted(cells.get(COLUMN.macBase));
      if (serial) member.serial = serial;
      if (model) member.model = model;
      if (version) member.version = version;
      if (priority !== undefined) member.priority = priority;
      if (mac) member.mac = mac;
      return member;
    });
}
