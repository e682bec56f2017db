// The SNMP notifications a VLT peer sends, as data for `switchback watch` (coldStart /
// warmStart are STANDARD_TRAPS and cover a reload).
//
// None yet: PLATFORM-FACTS §8 names no OS10 notification; the VLT MIB it mentions is the
// OS9-era one, its OS10 support unverified.

import type { TrapRule } from '../notifications.js';

export const traps: readonly TrapRule[] = [];
