// The SNMP notifications a StackWise switch sends when its stack or its configuration
// changes, as data for `switchback watch` (coldStart / warmStart are STANDARD_TRAPS).

import type { TrapRule } from '../notifications.js';

/** cswSwitchNumCurrent (CISCO-STACKWISE-MIB cswSwitchInfoTable column 1): its value is the switch number. */
const SWITCH_NUM_CURRENT = '1.3.6.1.4.1.9.9.500.1.2.1.1.1';

export const traps: readonly TrapRule[] = [
  {
    // OBJECTS { cswSwitchNumCurrent }: the number of the switch that left.
    oid: '1.3.6.1.4.1.9.9.500.0.0.6',
    event: 'member-lost',
    memberFrom: { oidPrefix: SWITCH_NUM_CURRENT, from: 'value' },
    source: 'CISCO-STACKWISE-MIB cswStackMemberRemoved (netdisco-mibs cisco/CISCO-STACKWISE-MIB.my; PLATFORM-FACTS §1.6)',
  },
  {
    oid: '1.3.6.1.4.1.9.9.500.0.0.5',
    event: 'member-added',
    memberFrom: { oidPrefix: SWITCH_NUM_CURRENT, from: 'value' },
    source: 'CISCO-STACKWISE-MIB cswStackNewMember (netdisco-mibs cisco/CISCO-STACKWISE-MIB.my; PLATFORM-FACTS §1.6)',
  },
  {
    // OBJECTS { cswSwitchNumCurrent } = the new master (active).
    oid: '1.3.6.1.4.1.9.9.500.0.0.2',
    event: 'role-change',
    memberFrom: { oidPrefix: SWITCH_NUM_CURRENT, from: 'value' },
    source: 'CISCO-STACKWISE-MIB cswStackNewMaster (netdisco-mibs cisco/CISCO-STACKWISE-MIB.my; PLATFORM-FACTS §1.6)',
  },
  {
    // Supervisor / StackWise Virtual switchover: the standby became active.
    oid: '1.3.6.1.4.1.9.9.176.2.0.1',
    event: 'role-change',
    source: 'CISCO-RF-MIB ciscoRFSwactNotif (netdisco-mibs; PLATFORM-FACTS §1.6)',
  },
  {
    // Sent on leaving configuration mode (needs ccmCLICfgRunConfNotifEnable). The broader
    // ciscoConfigManEvent (…43.2.0.1) also fires on saves and copies, so it is not a rule.
    oid: '1.3.6.1.4.1.9.9.43.2.0.2',
    event: 'config-changed',
    source: 'CISCO-CONFIG-MAN-MIB ccmCLIRunningConfigChanged (netdisco-mibs cisco/CISCO-CONFIG-MAN-MIB.my; PLATFORM-FACTS §1.6)',
  },
];
