// The SNMP notifications this platform's stack sends, as data for `switchback watch`
// (coldStart / warmStart are STANDARD_TRAPS and cover a reload).
//
// None yet: PLATFORM-FACTS §7.5 marks the unit-manager traps unverified, and the MIB texts
// found (FASTPATH-INVENTORY-MIB compilations, FASTPATH agent sources) show stack-PORT link
// up/down notifications, not a unit leaving or joining. A stack-port down is not a lost
// member (a ring survives one), so it is not mapped either. The SNMP sweep of
// agentInventoryUnitTable is the signal until a MIB text names a unit notification.

import type { TrapRule } from '../notifications.js';

export const traps: readonly TrapRule[] = [];
