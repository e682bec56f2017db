// Another tool's model name to a switchback platform, from the platforms' own `importNames`
// (src/platforms/*/index.ts): the table is data there, nothing here names a model. A name
// maps only when exactly one platform lists it; the user's `--model NAME=PLATFORM` wins.

import { PLATFORM_NAMES, platformByName } from '../../platforms/index.js';
import type { Platform } from '../../platforms/index.js';
import type { ImportTool } from './entry.js';

export type ModelMatch = { platform: string } | { unknown: true } | { ambiguous: string[] };

export interface ModelTable {
  /** Lower-cased tool name → the platforms that list it. */
  names: Map<string, string[]>;
  /** The user's own mapping, lower-cased names. */
  given: Map<string, string>;
}

const registry = (): Platform[] => PLATFORM_NAMES.map((n) => platformByName(n)).filter((p): p is Platform => p !== undefined);

export function modelTable(tool: ImportTool, given: Record<string, string> = {}, platforms: Platform[] = registry()): ModelTable {
  const names = new Map<string, string[]>();
  for (const p of platforms)
    for (const n of p.importNames?.[tool] ?? []) {
      const key = n.toLowerCase();
      names.set(key, [...(names.get(key) ?? []), p.name]);
    }
  return { names, given: new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v])) };
}

export function matchModel(table: ModelTable, model: string): ModelMatch {
  const key = model.toLowerCase();
  const given = table.given.get(key);
  if (given !== undefined) return { platform: given };
  const found = table.names.get(key) ?? [];
  if (found.length === 1) return { platform: found[0]! };
  return found.length === 0 ? { unknown: true } : { ambiguous: found };
}
