// What an EOS switch says in syslog when `switchback watch` should look at it.
// EOS sends BSD syslog with a tag (`ConfigAgent: %SYS-5-CONFIG_I: …`); the rule sees the text
// after the tag.
//
// Left out, unverified: `%SYS-5-SYSTEM_RESTARTED` / `%SYS-5-CONFIG_STARTUP` (PLATFORM-FACTS §3.5;
// found only in third-party readiness patterns, not in a capture or Arista document) and any MLAG
// peer message (none found). A reload is still seen by coldStart and the SNMP sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    match: /%SYS-\d-CONFIG_I: Configured from /,
    event: 'config-changed',
    source:
      'napalm-logs tests/config/eos/USER_EXIT_CONFIG_MODE/default/syslog.msg (real datagram "<165>Oct 22 12:22:30 GeorgeSwitch ConfigAgent: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (172.16.0.1)", test/fixtures/syslog)',
  },
];
