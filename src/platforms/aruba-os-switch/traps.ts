// The SNMP notifications a backplane stack (HP-STACK-MIB) sends when members join, leave
// or the commander changes, and when the running configuration changes, as data for
// `switchback watch` (coldStart / warmStart are STANDARD_TRAPS).

import type { TrapRule } from '../notifications.js';

/** hpStackMemberIdForTrap (hpStackMemberTable column 13, accessible-for-notify): its value is the member ID. */
const MEMBER_ID_FOR_TRAP = '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.13';
const STACK_MIB = 'HP-STACK-MIB (librenms mibs/hp/HP-STACK-MIB; netdisco-mibs hp/hpstack.mib; PLATFORM-FACTS §6.5)';

export const traps: readonly TrapRule[] = [
  {
    // "generated when a member becomes active or inactive": also sent when one comes back;
    // TrapRule cannot read hpStackMemberState, so member-lost, and the check tells which.
    oid: '1.3.6.1.4.1.11.2.14.11.5.1.69.0.4',
    event: 'member-lost',
    memberFrom: { oidPrefix: MEMBER_ID_FOR_TRAP, from: 'value' },
    source: `hpStackMemberStatusChange, ${STACK_MIB}`,
  },
  {
    // "generated when a new member joins the stack" (or moves from loose to strict provisioned).
    oid: '1.3.6.1.4.1.11.2.14.11.5.1.69.0.3',
    event: 'member-added',
    memberFrom: { oidPrefix: MEMBER_ID_FOR_TRAP, from: 'value' },
    source: `hpStackMemberChange, ${STACK_MIB}`,
  },
  {
    // "when a new commander first comes up … when a failover happens, and the standby
    // becomes commander or when the commander is down".
    oid: '1.3.6.1.4.1.11.2.14.11.5.1.69.0.2',
    event: 'role-change',
    memberFrom: { oidPrefix: MEMBER_ID_FOR_TRAP, from: 'value' },
    source: `hpStackCommanderChange, ${STACK_MIB}`,
  },
  {
    oid: '1.3.6.1.4.1.11.2.14.11.5.1.7.1.29.1.0.7',
    event: 'config-changed',
    source: 'HP-SWITCH-BASIC-CONFIG-MIB hpSwitchRunningConfigChange (netdisco-mibs hp/hpswitchbasicconfig.mib; PLATFORM-FACTS §6.3)',
  },
];
