// What a Dell OS10 (VLT pair) switch says in syslog when `switchback watch` should look at it.
//
// Empty on purpose: no OS10 VLT peer-down, reload or configuration message was found in a Dell
// document or a capture (PLATFORM-FACTS §8 marks VLT behaviour unverified; the OS9 / FTOS
// `%CHMGR-2-STACKUNIT_DOWN` messages in the S5000 guide are another OS). The pair's events reach
// the watch by coldStart and the SNMP sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [];
