// VSF members over SNMP: HP-VSF-VC-MIB's member table (hpicfVsfVCMemberEntry), which AOS-CX
// serves (centreon-plugins' real 4-member walk `slim_aoscx-stack.snmpwalk`). Columns as
// centreon's aruba/aoscx stack mode reads them: .3 MAC, .6 priority, .9 state, .14 serial;
// the index is the member number. State values (centreon's map): 1 missing, 2 provision,
// 3 commander, 4 standby, 5 member, 6 shutdown, 7 booting, 8 communicationFailure,
// 9 incompatibleOs, 10 unknownState, 11 standbyBooting.

import type { SnmpRow, StackMember } from '../platform.js';
import { dottedMac } from './parse-vsf.js';

export const VSF_MEMBER_ENTRY = '1.3.6.1.4.1.11.2.14.11.5.1.116.1.3.1';

const STATE: Record<number, Pick<StackMember, 'role' | 'state'>> = {
  1: { role: 'member', state: 'removed' },
  2: { role: 'member', state: 'provisioned' },
  3: { role: 'active', state: 'ready' },
  4: { role: 'standby', state: 'ready' },
  5: { role: 'member', state: 'ready' },
  6: { role: 'member', state: 'removed' },
  7: { role: 'member', state: 'initializing' },
  8: { role: 'member', state: 'communication-failure' },
  9: { role: 'member', state: 'version-mismatch' },
  10: { role: 'unknown', state: 'unknown' },
  11: { role: 'standby', state: 'initializing' },
};

const text = (v: SnmpRow['value']): string | undefined => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'string' ? v : undefined);

export function parseVsfMemberTable(rows: SnmpRow[]): StackMember[] {
  const byNumber = new Map<number, StackMember>();
  const prefix = VSF_MEMBER_ENTRY.replace(/^\./, '') + '.';
  for (const { oid, value } of rows) {
    const o = oid.replace(/^\./, '');
    if (!o.startsWith(prefix)) continue;
    const [col, index] = o.slice(prefix.length).split('.').map(Number);
    if (col === undefined || index === undefined || !Number.isFinite(index)) continue;
    const m = byNumber.get(index) ?? { number: index, role: 'unknown', state: 'unknown' };
    byNumber.set(index, m);
    if (col === 9 && typeof value === 'number') Object.assign(m, STATE[value] ?? { role: 'unknown', state: `state-${value}` });
    else if (col === 6 && typeof value === 'number') m.priority = value;
    else if (col === 3 && Buffer.isBuffer(value) && value.length === 6) m.mac = dottedMac(value.toString('hex'));
    else if (col === 14) {
      const s = text(value)?.trim();
      if (s) m.serial = s;
    }
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}
