// What a Dell OS6 (N-series) stack says in syslog when `switchback watch` should look at it.
//
// Empty on purpose: the unit-manager messages for a unit lost or joined, and a management-unit
// change, were not found in a Dell document or a capture (PLATFORM-FACTS §7.5 "`UNITMGR` syslog
// (unverified)"). The one config message seen in public captures, TRAPMGR "'startup-config' has
// changed.", is a save, not a change of the running configuration, so it is not `config-changed`.
// OS6's syslog framing (`<189> Oct 21 09:10:20 10.1.1.1-1 TRAPMGR[trapTask]: file.c(721) 29331 %% …`)
// is parsed by the transport; rules can be added here when the messages are confirmed.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [];
