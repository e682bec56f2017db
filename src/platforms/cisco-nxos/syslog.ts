// What an NX-OS switch says in syslog when `switchback watch` should look at it.
//
// The vPC peer-link message is logged by the secondary only (it suspends its vPC ports); the
// primary says nothing in syslog that a source confirms, so its side of a peer loss comes by trap
// (CISCO-VPC-MIB) or the SNMP sweep.
//
// Left out, no source found beyond third-party lists: `%VPC-2-PEER_KEEP_ALIVE_RECV_FAIL` and
// `%VPC-2-PEER_LINK_DOWN` (PLATFORM-FACTS §2.5 "unverified"), and a restart message.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    match: /%VPC-\d-VPC_SUSP_ALL_VPC: Peer-link going down/,
    event: 'pair-peer-lost',
    source:
      'real NX-OS lab log in a blog post on vPC failures (dmitrygolovach.com, "2019 Oct 22 05:15:26 NXOS1 %$ VDC-1 %$ %VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary...."); PLATFORM-FACTS §2.5 (was unverified)',
  },
  {
    match: /%VSHD-\d-VSHD_SYSLOG_CONFIG_I: Configured from /,
    event: 'config-changed',
    source:
      'Cisco "Configure Nexus 7000 …" document 118907 as quoted in a public book ("2014 Jun 29 19:20:57 Nexus-7000 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on console0", find_string hit 35996749183); Oxidized syslog hook nxos /%VSHD-5-VSHD_SYSLOG_CONFIG_I:/ (hit 12013611680)',
  },
];
