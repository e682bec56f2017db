// What a Junos (EX Virtual Chassis) switch says in syslog when `switchback watch` should look at
// it. Junos sends `process[pid]: TAG: text`; the rule sees `TAG: text`.
//
// The VCCPD adjacency messages name neighbours by system id, not by member number, so these rules
// give no member: the check the watch runs afterwards reads `show virtual-chassis`. An adjacency
// lost on one VCP port of a ring is not always a member lost (JNX-SL lists a cut cable as a
// cause too) — the check tells which.
//
// Left out, unverified: `UI_COMMIT_COMPLETED` (PLATFORM-FACTS §4.5) and a reload message (none
// found); the VC master change has no syslog source here (jnxVccpMember* traps cover it).

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    match: /\bVCCPD_PROTOCOL_ADJDOWN: Lost adjacency to /,
    event: 'member-lost',
    source:
      'JNX-SL: Junos OS 10.3 System Log Messages Reference ch. 90 VCCPD_PROTOCOL_ADJDOWN ("Lost adjacency to neighbor-system-ids on interface-name"; cause includes "the neighboring switch was powered down")',
  },
  {
    match: /\bVCCPD_PROTOCOL_ADJUP: New adjacency to /,
    event: 'member-added',
    source: 'JNX-SL: Junos OS 10.3 System Log Messages Reference ch. 90 VCCPD_PROTOCOL_ADJUP ("New adjacency to neighbor-system-ids on interface-name")',
  },
  {
    match: /\bUI_COMMIT: User '[^']*' requested 'commit/,
    event: 'config-changed',
    source:
      "napalm-logs tests/config/junos/CONFIGURATION_COMMIT_REQUESTED/default/syslog.msg (real: \"mgd[7729]: UI_COMMIT: User 'luke' requested 'commit' operation (comment: hello)\"); Oxidized extra/syslog.rb (ytti/oxidized @ 02b3b0f8f15b) watches 'UI_COMMIT:' for Junos config changes",
  },
];
