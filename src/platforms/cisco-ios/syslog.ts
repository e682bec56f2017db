// What an IOS / IOS-XE switch says in syslog when `switchback watch` should look at it: one
// SyslogRule per message, tried against the text after the syslog header (`%FAC-SEV-MNEMONIC: …`).
// Severity digits are matched as `\d`: the mnemonic, not the level a build
// chose, says what happened.
//
// IOS-XE writes the reporting switch before the text (`Switch 1 R0/0: stack_mgr: Switch 2 has
// been removed …`); classic IOS does not (`Switch 2 has been ADDED to the stack`), and capitalises
// differently. The member is the switch the sentence is about, so the rules look for
// `Switch N has been …` after the mnemonic, case-insensitively.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    match: /%SYS-\d-RESTART: System restarted/,
    event: 'reload',
    source:
      'real console captures of boots: C9200L IOS-XE 17.9.5, WS-C2950 12.1(19)EA1, WS-C3550 12.1(8)EA1c ("%SYS-5-RESTART: System restarted --"; find_string hits 4719122753, 34124847911, 38929158968)',
  },
  {
    match: /%STACKMGR-\d-SWITCH_REMOVED:.*?\bSwitch (?<member>\d+) has been removed from the stack/i,
    event: 'member-lost',
    source:
      'real C9500 StackWise Virtual log in an incident write-up ("%STACKMGR-4-SWITCH_REMOVED: Switch 1 has been removed from the stack", find_string hit 58207369420); PLATFORM-FACTS §1.6 (was unverified)',
  },
  {
    match: /%STACKMGR-\d-SWITCH_ADDED:.*?\bSwitch (?<member>\d+) has been added to the stack/i,
    event: 'member-added',
    source:
      'real console captures: C9200L IOS-XE 17.9.5 ("%STACKMGR-4-SWITCH_ADDED: Switch 1 R0/0: stack_mgr: Switch 1 has been added to the stack.", find_string hit 4719122753), C1000 15.2(7)E10 ("… Switch 1 has been ADDED to the stack", hit 27502850595)',
  },
  {
    match: /%STACKMGR-\d-ACTIVE_ELECTED:.*?\bSwitch (?<member>\d+) has been elected ACTIVE/i,
    event: 'role-change',
    source:
      'real console capture C9200L IOS-XE 17.9.5 ("%STACKMGR-6-ACTIVE_ELECTED: Switch 1 R0/0: stack_mgr: Switch 1 has been elected ACTIVE.", find_string hits 4719122753, 45947712412)',
  },
  {
    // `SW2-` between facility and severity: Oxidized's syslog hook allows it for a member's message.
    match: /%SYS-(?:SW\d+-)?\d-CONFIG_I: Configured from /,
    event: 'config-changed',
    source:
      'CSCO-SM (PLATFORM-FACTS §1.6: "%SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)"); napalm-logs tests/config/ios/USER_EXIT_CONFIG_MODE (real datagram, test/fixtures/syslog); Oxidized syslog hook /%SYS-(SW[0-9]+-)?5-CONFIG_I:/ (find_string hit 12013611680)',
  },
];
