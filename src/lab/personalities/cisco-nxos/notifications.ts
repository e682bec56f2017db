// What a Nexus (NX-OS) sends on its own: the standard coldStart after a reload, and two syslog
// lines — the vPC secondary's when the peer link goes down, and a configuration change. Syslog in
// NX-OS's own form with `logging origin-id hostname`: `<PRI>HOSTNAME: YYYY Mmm dd hh:mm:ss UTC: %FAC-SEV-MNEMONIC: text`
// (the napalm-logs NX-OS capture, test/fixtures/syslog/napalm-logs-nxos-user-login.msg: `<190>sw01.pdx01: 2017 Jul
// 28 14:42:46 UTC: %AUTHPRIV-6-…`), facility local7 (23) as in that capture. Left out for want of a
// source: a restart line, and the primary's side of a peer-link loss (it keeps forwarding; the
// message lists that name one, `%VPC-2-PEER_KEEP_ALIVE_RECV_FAIL`, are unverified, PLATFORM-FACTS §2.5).

import type { LabNotice, LabNotifications } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';

const LOCAL7 = 23;
const line = (severity: number, text: string): LabNotice => ({ kind: 'syslog', facility: LOCAL7, severity, text });

export const NXOS_NOTIFICATIONS: LabNotifications = {
  // NX-OS's form with `logging origin-id hostname` (the napalm-logs NX-OS capture,
  // test/fixtures/syslog/napalm-logs-nxos-user-login.msg).
  framing: 'host-year',
  on: {
    reload: () => [COLD_START],
    // Peer link down, keepalive still up: the secondary suspends its vPC member ports and says so;
    // the primary says nothing (a peer that is primary because its peer has no power, too).
    'pair-peer-lost': ({ state }) =>
      state.pair?.role === 'secondary' ? [line(2, '%VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....')] : [],
    // Leaving configuration mode after a change, as vsh logs it for a vty session.
    'config-changed': ({ user }) => [line(5, `%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by ${user ?? 'admin'} on 127.0.0.1@pts/0`)],
  },
  sources: [
    'coldStart: RFC 3418 SNMPv2-MIB',
    '%VPC-2-VPC_SUSP_ALL_VPC: a real NX-OS lab log in a public blog post on vPC failures (dmitrygolovach.com: "%VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....")',
    '%VSHD-5-VSHD_SYSLOG_CONFIG_I: Cisco document 118907 as quoted in a public book ("Configured from vty by admin on console0"); the "on ADDRESS@pts/N" form from a public NX-OS syslog parser\'s example ("Configured from vty by admin on 10.82.250.99@pts/2")',
    'framing: napalm-logs tests/config/nxos/USER_LOGIN/default/syslog.msg (test/fixtures/syslog/napalm-logs-nxos-user-login.msg)',
  ],
};
