// A Linux whitebox running this routing suite answers SNMP with the host's own agent: the
// standard coldStart / warmStart (STANDARD_TRAPS) are all it sends about a reload, and it
// has no stack. Listed empty so every platform has the file.

import type { TrapRule } from '../notifications.js';

export const traps: readonly TrapRule[] = [];
