// The SNMP notifications a Virtual Chassis sends when a member leaves or joins, when the
// routing engines switch over and when a commit changes the configuration, as data for
// `switchback watch` (coldStart / warmStart are STANDARD_TRAPS).

import type { TrapRule } from '../notifications.js';

/**
 * jnxVirtualChassisMemberSerialnumber (jnxVirtualChassisMemberTable column 2), the first
 * varbind of the member notifications; the table is INDEXed by jnxVirtualChassisMemberId,
 * so the varbind's last sub-identifier is the member (the value is its serial number).
 */
const MEMBER_SERIAL = '1.3.6.1.4.1.2636.3.40.1.4.1.1.1.2';
const VC_MIB = 'JUNIPER-VIRTUALCHASSIS-MIB (netdisco-mibs juniper/mib-jnx-virtualchassis.txt; PLATFORM-FACTS §4.5)';

export const traps: readonly TrapRule[] = [
  {
    // OBJECTS { …MemberSerialnumber, …MemberRole, …MemberModel, …MemberLocation }
    oid: '1.3.6.1.4.1.2636.4.14.0.4',
    event: 'member-lost',
    memberFrom: { oidPrefix: MEMBER_SERIAL, from: 'index' },
    source: `jnxVccpMemberDown, ${VC_MIB}`,
  },
  {
    oid: '1.3.6.1.4.1.2636.4.14.0.3',
    event: 'member-added',
    memberFrom: { oidPrefix: MEMBER_SERIAL, from: 'index' },
    source: `jnxVccpMemberUp, ${VC_MIB}`,
  },
  {
    // The backup routing engine (in a VC, the backup member) took over as master.
    oid: '1.3.6.1.4.1.2636.4.1.4',
    event: 'role-change',
    source: 'JUNIPER-MIB jnxRedundancySwitchover (netdisco-mibs juniper/mib-jnx-chassis.txt; PLATFORM-FACTS §4.5)',
  },
  {
    oid: '1.3.6.1.4.1.2636.4.5.0.1',
    event: 'config-changed',
    source: 'JUNIPER-CFGMGMT-MIB jnxCmCfgChange (netdisco-mibs juniper/mib-jnx-cfgmgmt.txt; PLATFORM-FACTS §4.5)',
  },
];
