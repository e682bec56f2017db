// Joining two histories' `.known_hosts` (a rebase onto what another job pushed): one file
// for the whole fleet, sorted by device name, so two shards that each pin a new switch
// change neighbouring lines and git's line merge calls it a conflict although they touched
// different devices. Merged here by device instead: pure, three-way, the reason in words.

import { parseKnownHosts, serialiseKnownHosts } from './known-hosts.js';
import type { PinnedKey } from './known-hosts.js';

export type KnownHostsMerge = { ok: true; text: string } | { ok: false; reason: string };

const sameKey = (a: PinnedKey | undefined, b: PinnedKey | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.algo === b.algo && a.key === b.key;

/**
 * Three-way merge by device name. `base` is the common ancestor's file (undefined when both
 * sides added the file: two first runs), `ours` and `theirs` the two sides'. A device
 * changed on one side only takes that side's key; changed alike on both, that key; changed
 * differently on both (two jobs pinned or replaced the same switch's key with different
 * keys) is a real conflict and is refused: which key to trust is a person's decision.
 */
export function mergeKnownHosts(base: string | undefined, ours: string, theirs: string): KnownHostsMerge {
  let b: Map<string, PinnedKey>, o: Map<string, PinnedKey>, t: Map<string, PinnedKey>;
  try {
    b = parseKnownHosts(base ?? '');
    o = parseKnownHosts(ours);
    t = parseKnownHosts(theirs);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const merged = new Map<string, PinnedKey>();
  const conflicts: string[] = [];
  for (const name of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const [kb, ko, kt] = [b.get(name), o.get(name), t.get(name)];
    // Unchanged on our side: theirs stands (a pin, a replacement or a removal); and the other way round.
    const pick = sameKey(ko, kt) ? (ko ?? kt) : sameKey(kb, ko) ? kt : sameKey(kb, kt) ? ko : null;
    if (pick === null) conflicts.push(name);
    else if (pick !== undefined) merged.set(name, pick);
  }
  if (conflicts.length > 0) return { ok: false, reason: `different host keys pinned for ${conflicts.sort().join(', ')} on each side` };
  return { ok: true, text: serialiseKnownHosts(merged) };
}
