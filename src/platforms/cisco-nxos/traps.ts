// The SNMP notifications a vPC peer sends about its pair or its configuration, as data for
// `switchback watch` (coldStart / warmStart are STANDARD_TRAPS and cover a reload).
//
// None yet: PLATFORM-FACTS §2 names no vPC notification from a MIB text, and the CISCO-VPC-MIB
// texts found (pysnmp compilations) define tables, not notifications; the vPC trap OIDs seen
// in search results came from a trap simulator that also numbered other MIBs' traps wrongly.
// CISCO-CONFIG-MAN-MIB and CISCO-RF-MIB on this OS are marked unverified there. Until a MIB
// text or a capture says otherwise the watch's SNMP sweep (cVpcRoleStatus) is the signal.

import type { TrapRule } from '../notifications.js';

export const traps: readonly TrapRule[] = [];
