// The platforms switchback knows. Adding a vendor is adding its file and one
// line to PLATFORMS; nothing else in the code names a vendor.

import { aristaEos } from './arista-eos/index.js';
import { arubaAoscx } from './aruba-aoscx/index.js';
import { arubaOsSwitch } from './aruba-os-switch/index.js';
import { ciscoIos } from './cisco-ios/index.js';
import { ciscoNxos } from './cisco-nxos/index.js';
import { dellOs6 } from './dell-os6/index.js';
import { dellOs10 } from './dell-os10/index.js';
import { frr } from './frr/index.js';
import { juniperJunos } from './juniper-junos/index.js';
import type { Platform } from './platform.js';

const PLATFORMS: readonly [Platform, ...Platform[]] = [ciscoIos, juniperJunos, frr, arubaAoscx, arubaOsSwitch, dellOs6, dellOs10, ciscoNxos, aristaEos];

/** Inventory names (`platform: cisco-ios`); never empty, so `z.enum(PLATFORM_NAMES)` works. */
export const PLATFORM_NAMES: readonly [string, ...string[]] = [PLATFORMS[0].name, ...PLATFORMS.slice(1).map((p) => p.name)];

export function platformByName(name: string): Platform | undefined {
  return PLATFORMS.find((p) => p.name === name);
}

export type { Platform, StackMember, VersionFacts } from './platform.js';
