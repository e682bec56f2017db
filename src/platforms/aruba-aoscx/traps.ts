// The SNMP notifications a VSF stack sends when a member changes state, as data for
// `switchback watch` (coldStart / warmStart are STANDARD_TRAPS).

import type { TrapRule } from '../notifications.js';

/**
 * arubaWiredVsfv2MemberRole (member table column 2), a varbind of the member notification;
 * the table is indexed by the member number, so the varbind's last sub-identifier is it.
 */
const VSFV2_MEMBER_ROLE = '1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1.2';

export const traps: readonly TrapRule[] = [
  {
    // OBJECTS { …MemberIndex, …MemberRole, …MemberStatus }. Sent on every member status
    // change — to not_present or communication_failure, but also back to ready; the rule
    // cannot look at the status varbind (TrapRule has no varbind condition), so it says
    // member-lost, the case the watch exists for, and the check that follows tells which.
    oid: '1.3.6.1.4.1.47196.4.1.1.3.15.0.1',
    event: 'member-lost',
    memberFrom: { oidPrefix: VSFV2_MEMBER_ROLE, from: 'index' },
    source: 'ARUBAWIRED-VSFv2-MIB arubaWiredVsfv2MemberStatusChange (librenms mibs/arubaos-cx/ARUBAWIRED-VSFv2-MIB; PLATFORM-FACTS §5.5)',
  },
  {
    // The older VSF MIB (firmware before VSFv2): the same notification, same caveat.
    oid: '1.3.6.1.4.1.47196.4.1.1.3.10.1.1',
    event: 'member-lost',
    source: 'ARUBAWIRED-VSF-MIB arubaWiredVsfMemberStatusChange (netdisco-mibs hpe/ARUBAWIRED-VSF-MIB.mib; PLATFORM-FACTS §5.5)',
  },
];
