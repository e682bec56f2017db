// OS10 over SNMP: detection only. OS10 products sit under DELLEMC-OS10-PRODUCTS-MIB os10Products
// (1.3.6.1.4.1.674.11000.5000.100.2.1.N per model, as LibreNMS's and Datadog's OS10 profiles match
// them); the sysDescr starts `Dell EMC Networking OS10 Enterprise.` or, from 10.5.x,
// `Dell SmartFabric OS10 Enterprise.` (LibreNMS's S4128T-ON record). No stack: a VLT pair is two
// devices. No config copy or unsaved signal over SNMP is known: unsaved is SSH's.

import type { PlatformSnmp } from '../platform.js';

export const SNMP: PlatformSnmp = {
  detect: {
    sysObjectIdPrefixes: ['1.3.6.1.4.1.674.11000.5000.100.2.'],
    sysDescr: /^Dell (?:EMC Networking |SmartFabric )?OS10\b/,
  },
};
