// What an FRR (Linux whitebox) switch says in syslog when `switchback watch` should look at it.
//
// Empty on purpose: FRR has no stack or pair of its own (PLATFORM-FACTS §9: MLAG belongs to the
// distribution, e.g. Cumulus clagd, unverified), and a Linux host's boot messages depend on the
// distribution, not on FRR — no source ties one of them to this platform. A reboot is seen by the
// net-snmp agent's coldStart and the SNMP sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [];
