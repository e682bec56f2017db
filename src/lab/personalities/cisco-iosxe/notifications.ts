// What a C9300 stack on IOS-XE sends on its own (PLATFORM-FACTS.md §1.6, and the captures named
// beside each line). Syslog over UDP in IOS's own form: `<PRI>N: *Mmm dd hh:mm:ss.mmm: %FAC-SEV-MNEMONIC: text`
// — a message counter, the clock (`*`: never set by NTP, as after a power cut) and no hostname;
// facility local7 (23), the IOS default for `logging host`.

import type { LabNotifications, LabNotice } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';
import { chassisIndex } from './snmp-entity.js';

const LOCAL7 = 23;
const line = (severity: number, text: string): LabNotice => ({ kind: 'syslog', facility: LOCAL7, severity, text });

/** CISCO-STACKWISE-MIB cswSwitchNumCurrent, indexed by the member's entPhysicalIndex. */
const CSW_SWITCH_NUM_CURRENT = '1.3.6.1.4.1.9.9.500.1.2.1.1.1';
const switchNum = (member: number) => ({ oid: `${CSW_SWITCH_NUM_CURRENT}.${chassisIndex(member)}`, type: 'Integer' as const, value: member });

/**
 * CISCO-CONFIG-MAN-MIB ccmHistoryEventEntry columns (CommandSource .3, ConfigSource .4,
 * ConfigDestination .5, TerminalType .6, TerminalUser .8), indexed by the history event.
 */
const CCM_EVENT_ENTRY = '1.3.6.1.4.1.9.9.43.1.1.6.1';
/** ccmHistoryRunningLastChanged.0: sysUpTime when the running configuration last changed. */
const CCM_RUNNING_LAST_CHANGED = '1.3.6.1.4.1.9.9.43.1.1.1.0';

export const IOS_NOTIFICATIONS: LabNotifications = {
  framing: 'counter',
  on: {
    // The agent is back: coldStart; then the restart line (seen right after boot on a C9200L,
    // 17.9.5: `%SYS-5-RESTART: System restarted --` followed by the version banner lines).
    reload: () => [COLD_START, line(5, '%SYS-5-RESTART: System restarted --')],
    // The active reports the member gone: cswStackMemberRemoved (OBJECTS cswSwitchNumCurrent)
    // and STACKMGR's line (as a C9500 SVL active logged it, 17.6.3).
    'member-lost': ({ member }) => [
      { kind: 'trap', oid: '1.3.6.1.4.1.9.9.500.0.0.6', varbinds: [switchNum(member!)] },
      line(4, `%STACKMGR-4-SWITCH_REMOVED: Switch ${member} has been removed from the stack`),
    ],
    // cswStackNewMember (OBJECTS cswSwitchNumCurrent) and STACKMGR's line in its 17.x form, which
    // names the reporting switch first (C9200L 17.9.5 console capture).
    'member-added': ({ member, active }) => [
      { kind: 'trap', oid: '1.3.6.1.4.1.9.9.500.0.0.5', varbinds: [switchNum(member!)] },
      line(4, `%STACKMGR-4-SWITCH_ADDED: Switch ${active ?? member} R0/0: stack_mgr: Switch ${member} has been added to the stack.`),
    ],
    // The standby took over: cswStackNewMaster with the new active's number. (IOS-XE's
    // %STACKMGR-6-ACTIVE_ELECTED line is left out: no message-guide text or capture found.)
    'role-change': ({ active }) => (active === undefined ? [] : [{ kind: 'trap', oid: '1.3.6.1.4.1.9.9.500.0.0.2', varbinds: [switchNum(active)] }]),
    // Leaving configuration mode: ciscoConfigManEvent (commandLine 1, from the CLI 2 → running 3,
    // and the user), then ccmCLIRunningConfigChanged (OBJECTS ccmHistoryRunningLastChanged,
    // …EventTerminalType, …EventTerminalUser; virtual 5 for a vty) — the one the platform's rules
    // take for a change, since ciscoConfigManEvent also comes with a save or a copy — then
    // %SYS-5-CONFIG_I as the system message guide words it.
    'config-changed': ({ user, state, now }) => [
      {
        kind: 'trap',
        oid: '1.3.6.1.4.1.9.9.43.2.0.1',
        varbinds: [
          { oid: `${CCM_EVENT_ENTRY}.3.1`, type: 'Integer', value: 1 },
          { oid: `${CCM_EVENT_ENTRY}.4.1`, type: 'Integer', value: 2 },
          { oid: `${CCM_EVENT_ENTRY}.5.1`, type: 'Integer', value: 3 },
          { oid: `${CCM_EVENT_ENTRY}.8.1`, type: 'OctetString', value: user ?? '' },
        ],
      },
      {
        kind: 'trap',
        oid: '1.3.6.1.4.1.9.9.43.2.0.2',
        varbinds: [
          { oid: CCM_RUNNING_LAST_CHANGED, type: 'TimeTicks', value: Math.max(0, Math.floor((now - state.bootedAt) / 10)) % 2 ** 32 },
          { oid: `${CCM_EVENT_ENTRY}.6.1`, type: 'Integer', value: 5 },
          { oid: `${CCM_EVENT_ENTRY}.8.1`, type: 'OctetString', value: user ?? '' },
        ],
      },
      line(5, '%SYS-5-CONFIG_I: Configured from console by vty0 (127.0.0.1)'),
    ],
  },
  sources: [
    'CISCO-STACKWISE-MIB cswStackNewMaster/NewMember/MemberRemoved …500.0.0.2/5/6 (netdisco-mibs; OBJECTS cswSwitchNumCurrent per the pysnmp-compiled MIB)',
    'CISCO-CONFIG-MAN-MIB ciscoConfigManEvent 1.3.6.1.4.1.9.9.43.2.0.1 and ccmCLIRunningConfigChanged …43.2.0.2 with their OBJECTS (netdisco-mibs; the pysnmp-compiled CISCO-CONFIG-MAN-MIB)',
    '%SYS-5-RESTART: C9200L-48T-4X console capture after reload, IOS-XE 17.9.5 (public write-up found with the search tool)',
    '%STACKMGR-4-SWITCH_REMOVED: C9500 StackWise Virtual active log, IOS-XE 17.6.3 (public incident write-up)',
    '%STACKMGR-4-SWITCH_ADDED 17.x form: the same C9200L 17.9.5 capture',
    '%SYS-5-CONFIG_I: Cisco Catalyst 3750/3560/2960-S System Message Guide OL-26552 (CSCO-SM)',
  ],
};
