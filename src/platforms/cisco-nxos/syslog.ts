// What an NX-OS switch says in syslog when the watch should look at it (issue 19). Not wired into
// index.ts yet (the integrator adds `notifications: { traps, syslog }`).
//
// Left out, no source found beyond third-party lists: the vPC messages
// (`%VPC-2-PEER_KEEP_ALIVE_RECV_FAIL`, `%VPC-2-PEER_LINK_DOWN`, PLATFORM-FACTS §2.5 "unverified") and
// a restart message. Until a capture or Cisco's message guide confirms their text, the vPC pair's
// peer loss comes to the watch by trap (CISCO-VPC-MIB) or by the SNMP sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    match: /%VSHD-\d-VSHD_SYSLOG_CONFIG_I: Configured from /,
    event: 'config-changed',
    source:
      'Cisco "Configure Nexus 7000 …" document 118907 as quoted in a public book ("2014 Jun 29 19:20:57 Nexus-7000 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on console0", find_string hit 35996749183); Oxidized syslog hook nxos /%VSHD-5-VSHD_SYSLOG_CONFIG_I:/ (hit 12013611680)',
  },
];
