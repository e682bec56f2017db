// Redundant pairs in a lab fleet: two switches whose specs name each other. Each peer's view
// (`SwitchState.pair`) is worked out from the other's power and the link between them whenever
// it is read, so it is current after any event, however it was applied (a feed, a power-cycle,
// a member losing power, a test calling a switch directly):
// - the other peer has no power → peerUp false, peerLinkUp false, and this one is primary;
// - the peer link is cut (`peer-link down`, held here: it belongs to both) → peerLinkUp false on
//   both; the peers still see each other over the keepalive (peerUp true) and keep their roles;
// - otherwise each has its configured role: a peer that boots takes its configured role again.
// A link going down is told to both peers (`pair-peer-lost`); each personality says its part of
// it (one platform's secondary logs that it suspends its pair ports), a dark or booting peer nothing.

import { LabEventError } from './model.js';
import type { LabPairView } from './model.js';
import type { LabSwitchSpec } from './personality.js';
import type { LabSwitch } from './switch.js';

/**
 * Two specs made one pair: `primary` is configured primary and its members are on feed A,
 * `secondary` secondary on feed B — two peers on different feeds, as a pair should stand.
 */
export function pairSpecs(primary: LabSwitchSpec, secondary: LabSwitchSpec, domain: string): [LabSwitchSpec, LabSwitchSpec] {
  const on = (spec: LabSwitchSpec, feed: string) => spec.members.map((m) => ({ ...m, feed }));
  return [
    { ...primary, members: on(primary, 'A'), pair: { peer: secondary.name, domain, role: 'primary' } },
    { ...secondary, members: on(secondary, 'B'), pair: { peer: primary.name, domain, role: 'secondary' } },
  ];
}

export interface LabPairs {
  /** Cut or restore the peer link of `name`'s pair; says what both peers see. */
  setLink(name: string, up: boolean): string;
  /** The switch's pair as the fleet wired it, for the inventory: its peer and domain. */
  of(name: string): { peer: string; domain: string } | undefined;
}

/** Check the specs name each other, and give every peer a live view of its pair. */
export function wirePairs(switches: LabSwitch[]): LabPairs {
  const byName = new Map(switches.map((s) => [s.name, s]));
  /** Peer links by pair (its two names, sorted): true while up. */
  const links = new Map<string, boolean>();
  const key = (a: string, b: string) => [a, b].sort().join(' ');
  for (const sw of switches) {
    const p = sw.spec.pair;
    if (!p) continue;
    const peer = byName.get(p.peer);
    if (!peer) throw new Error(`lab: ${sw.name} is paired with ${p.peer}, which is not in the fleet`);
    const back = peer.spec.pair;
    if (!back || back.peer !== sw.name) throw new Error(`lab: ${sw.name} is paired with ${p.peer}, which does not name it back`);
    if (back.domain !== p.domain) throw new Error(`lab: ${sw.name} and ${p.peer} give different domains (${p.domain}, ${back.domain})`);
    if (back.role === p.role) throw new Error(`lab: ${sw.name} and ${p.peer} are both configured ${p.role}`);
    links.set(key(sw.name, peer.name), true);
    const view = (): LabPairView => {
      const peerUp = peer.state.up;
      return {
        domain: p.domain,
        peer: peer.name,
        peerUp,
        peerLinkUp: peerUp && sw.state.up && links.get(key(sw.name, peer.name)) === true,
        role: peerUp ? p.role : 'primary',
      };
    };
    // Worked out when read: no event can leave it stale.
    Object.defineProperty(sw.state, 'pair', { get: view, enumerable: true, configurable: true });
  }
  return {
    setLink(name, up) {
      const sw = byName.get(name);
      const p = sw?.spec.pair;
      if (!sw || !p) throw new LabEventError(`${name} is in no pair: peer-link needs one of two paired switches`);
      const wasUp = links.get(key(name, p.peer)) === true;
      links.set(key(name, p.peer), up);
      const peer = byName.get(p.peer)!;
      const a = sw.state.pair!;
      const b = peer.state.pair!;
      if (wasUp && !up) for (const s of [sw, peer]) s.tell({ kind: 'pair-peer-lost' });
      return `${name}: the peer link of domain ${p.domain} to ${p.peer} is ${up ? 'up' : 'down'}; ${name} (${a.role}) and ${p.peer} (${b.role}) see peer link ${a.peerLinkUp ? 'up' : 'down'}, peer ${a.peerUp && b.peerUp ? 'up' : 'down'}`;
    },
    of(name) {
      const p = byName.get(name)?.spec.pair;
      return p ? { peer: p.peer, domain: p.domain } : undefined;
    },
  };
}
