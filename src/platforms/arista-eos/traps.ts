// The SNMP notifications this platform sends about its configuration, as data for
// `switchback watch` (coldStart / warmStart are STANDARD_TRAPS and cover a reload).
// No MLAG notification is listed: PLATFORM-FACTS §0 found none in a MIB.

import type { TrapRule } from '../notifications.js';

export const traps: readonly TrapRule[] = [
  {
    // A configuration management event as recorded in the command history table: sent for
    // a change of the running configuration, and also for a save or a copy. It is the only
    // configuration notification here; the check the watch runs after it tells which.
    oid: '1.3.6.1.4.1.30065.3.9.3.0.1',
    event: 'config-changed',
    source: 'ARISTA-CONFIG-MAN-MIB aristaConfigManEvent (netdisco-mibs arista/ARISTA-CONFIG-MAN-MIB.txt; PLATFORM-FACTS §3.5)',
  },
];
