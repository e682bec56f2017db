// The registry of lab personalities: every simulated OS the lab can run. Adding one is
// one import and one entry in PERSONALITIES; the fleet, `lab up --platform`, the
// inventory the lab writes and the demo all read this list.

import type { LabPersonality } from '../personality.js';
import { aristaEos } from './arista-eos/index.js';
import { arubaAoscx } from './aruba-aoscx/index.js';
import { arubaOsSwitch } from './aruba-os-switch/index.js';
import { ciscoIosxe } from './cisco-iosxe/index.js';
import { ciscoNxosPersonality } from './cisco-nxos/index.js';
import { dellOs6Personality } from './dell-os6/index.js';
import { dellOs10Personality } from './dell-os10/index.js';
import { juniperJunos } from './juniper-junos/index.js';

/**
 * In the order a mixed fleet deals them out. The first is the lab's default: a fleet's
 * first switch runs it, and so do switches built from specs that name no platform.
 */
export const PERSONALITIES: readonly LabPersonality[] = [
  ciscoIosxe,
  juniperJunos,
  arubaAoscx,
  arubaOsSwitch,
  dellOs6Personality,
  dellOs10Personality,
  ciscoNxosPersonality,
  aristaEos,
];

/** The default personality (the registry's first). */
export const DEFAULT_PERSONALITY: LabPersonality = PERSONALITIES[0]!;

/** The platform names the lab can run, in registry order. */
export const LAB_PLATFORMS: readonly string[] = PERSONALITIES.map((p) => p.platform);

export class UnknownPlatformError extends Error {}

/** The personality for an inventory platform name; refuses a name the lab does not run, listing those it does. */
export function personalityFor(platform: string, registry: readonly LabPersonality[] = PERSONALITIES): LabPersonality {
  const found = registry.find((p) => p.platform === platform);
  if (!found) throw new UnknownPlatformError(`the lab has no ${JSON.stringify(platform)} switches; it runs ${registry.map((p) => p.platform).join(', ')}`);
  return found;
}

/**
 * Which personality each of `count` switches runs. With `platform`, all run it. Otherwise
 * the registry's personalities are dealt out in turn, switch 1 getting the first: every
 * one appears once the fleet has as many switches as the registry has personalities, and
 * a switch's platform depends only on its position, so the same fleet comes back at
 * every start.
 */
export function assignPersonalities(count: number, platform?: string, registry: readonly LabPersonality[] = PERSONALITIES): LabPersonality[] {
  if (platform !== undefined) {
    const one = personalityFor(platform, registry);
    return Array.from({ length: count }, () => one);
  }
  return Array.from({ length: count }, (_, i) => registry[i % registry.length]!);
}
