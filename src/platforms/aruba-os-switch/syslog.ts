// What an AOS-Switch (ProCurve) stack says in syslog when `switchback watch` should look at it.
//
// Empty on purpose. The stacking events HPE documents (HPE-S-EV, AOS-Switch 16.10 Event Log Message
// Reference: 399/400 protocol enabled/disabled, 537–540 image and configuration sync, 538 "Standby
// <BOOT IMAGE> updated- rebooting standby") say nothing of a member lost, added or a commander
// change; no document or capture with those messages was found. The stack's events reach the
// watch by HP-STACK-MIB traps (hpStackMemberStatusChange, hpStackCommanderChange) and the sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [];
