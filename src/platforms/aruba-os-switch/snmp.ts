// ArubaOS-Switch / ProCurve over SNMP, as data: how `platform: auto` knows it, the
// HP-STACK-MIB member table (backplane stacking), and the startup sequence number
// every save moves. Pure: decoded varbinds in, members out. Sources: netdisco-mibs
// hp/hpstack.mib, hp/hpswitchbasicconfig.mib (PLATFORM-FACTS §6.3, §6.5); the real
// walk centreon-plugins hp/procurve/snmp/slim_procurve_stack.snmpwalk.

import type { PlatformSnmp, SnmpRow, StackMember } from '../platform.js';

/** hpStackMemberEntry (hpStackMemberTable 1.3.6.1.4.1.11.2.14.11.5.1.69.1.3); INDEX hpStackMemberId. */
export const STACK_MEMBER_ENTRY = '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1';
const COLUMN = { macAddr: 3, adminPriority: 6, state: 9, productName: 10, serial: 14, osVersion: 19 } as const;

/**
 * hpStackMemberState: unusedId(0) missing(1) provision(2) commander(3) standby(4) member(5)
 * shutdown(6) booting(7) communicationFailure(8) incompatibleOs(9) unknownState(10)
 * standbyBooting(11), as the contract's role and state.
 */
const STATE: Record<number, { role: StackMember['role']; state: string }> = {
  1: { role: 'unknown', state: 'removed' },
  2: { role: 'unknown', state: 'provisioned' },
  3: { role: 'active', state: 'ready' },
  4: { role: 'standby', state: 'ready' },
  5: { role: 'member', state: 'ready' },
  6: { role: 'unknown', state: 'removed' },
  7: { role: 'unknown', state: 'initializing' },
  8: { role: 'unknown', state: 'removed' },
  9: { role: 'unknown', state: 'version-mismatch' },
  10: { role: 'unknown', state: 'unknown' },
  11: { role: 'unknown', state: 'initializing' },
};

const asNumber = (v: SnmpRow['value'] | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const asText = (v: SnmpRow['value'] | undefined): string | undefined => {
  const s = Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'string' ? v : undefined;
  return s?.trim() || undefined;
};
const dotted = (v: SnmpRow['value'] | undefined): string | undefined => {
  if (!Buffer.isBuffer(v) || v.length !== 6 || v.every((b) => b === 0)) return undefined;
  const hex = v.toString('hex');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
};

/**
 * Rows of a walk of hpStackMemberTable (any order, any columns) → members by member
 * number. Unlike a Junos VC table, a lost member stays in the table as missing(1):
 * it is kept, as `removed`; an unused id (0) is no member at all.
 */
export function parseStackMemberTable(rows: SnmpRow[]): StackMember[] {
  const prefix = STACK_MEMBER_ENTRY + '.';
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
    .filter(([, cells]) => asNumber(cells.get(COLUMN.state)) !== 0)
    .map(([number, cells]) => {
      const code = asNumber(cells.get(COLUMN.state));
      const { role, state } =
        code === undefined ? { role: 'unknown' as const, state: 'unknown' } : (STATE[code] ?? { role: 'unknown' as const, state: 'unknown' });
      const member: StackMember = { number, role, state };
      const priority = asNumber(cells.get(COLUMN.adminPriority));
      const mac = dotted(cells.get(COLUMN.macAddr));
      const model = asText(cells.get(COLUMN.productName));
      const serial = asText(cells.get(COLUMN.serial));
      const version = asText(cells.get(COLUMN.osVersion));
      if (priority !== undefined) member.priority = priority;
      if (mac) member.mac = mac;
      if (model) member.model = model;
      if (serial) member.serial = serial;
      if (version) member.version = version;
      return member;
    });
}

export const SNMP: PlatformSnmp = {
  detect: {
    // hpEtherSwitch products (`…11.2.3.7.11.155` in the real walk): ProCurve and ArubaOS-Switch
    // alike. AOS-CX answers under Aruba's own enterprise (47196), so the two never meet here.
    sysObjectIdPrefixes: ['1.3.6.1.4.1.11.2.3.7.11.'],
    // `ProCurve J4904A Switch 2848, revision I.10.105, ROM I.08.07 (/sw/code/build/mako)` (real,
    // napalm-procurve getMIB); newer boxes say `HP J9148A … Switch, revision W.15.08.0012` or
    // `Aruba JL256A … Switch, revision WC.16.11.0021` (the same shape, unverified).
    sysDescr: /\bSwitch\b.*, revision [A-Z]{1,3}\.\d+\.\d+/,
  },
  // hpSwitchStartupConfigSeqNum (HP-SWITCH-BASIC-CONFIG-MIB): moves on every save; there is no
  // running-changed scalar (only the trap hpSwitchRunningConfigChange), so SNMP hints, SSH decides.
  unsaved: { kind: 'startup-sequence', startupSequence: '1.3.6.1.4.1.11.2.14.11.5.1.7.1.29.1.9.0' },
  stack: { table: STACK_MEMBER_ENTRY, parse: parseStackMemberTable },
};
