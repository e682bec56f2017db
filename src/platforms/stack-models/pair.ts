// A redundant pair (MLAG, vPC, VLT) and a power feed that goes dark: who carries the domain
// then. Pure, like the stack models beside it: the two peers' feeds (from the inventory) and
// each peer's own view of the pair as read now (PairState, from the platform's `pair.parse`)
// in; a typed verdict in words out. Read by `ready --feed` (jobs/ready.ts) and, for the
// findings, by `check` (jobs/check-pair.ts).
//
// Why these rules: a pair is two control planes that forward as one. It survives losing one
// peer only when the other is healthy at the moment of the loss: it still sees its peer (a
// peer already lost means the domain rests on one switch, the one about to go dark or the
// survivor), its peer link is up (with the link down the secondary has already suspended its
// side, or will, so the survivor may not be forwarding the domain's ports), and it can take the
// primary role. Both peers on the dark feed is the outage the pair exists to prevent.

import type { PairState, PlatformPair } from '../platform.js';

export type PairRoleWords = PlatformPair['roleWords'];

/** One peer as the inventory gives it, with its view of the pair as read now. */
export interface PairPeer {
  name: string;
  /** Its feed per the inventory; undefined when the inventory gives none. */
  feed: string | undefined;
  /** Its view of the pair now; undefined when it could not be read (`unread` says why). */
  state: PairState | undefined;
  unread?: string;
}

export interface PairFeedLoss {
  /** The pair's domain as the inventory names it. */
  domain: string;
  peers: [PairPeer, PairPeer];
  /** The feed as the person typed it. */
  feed: string;
  words: PairRoleWords;
}

export interface PairVerdict {
  verdict: 'pass' | 'warn' | 'fail';
  /** The peer that carries the domain alone after the loss, when one does. */
  takesOver?: string;
  says: string;
}

/** Feed names as people type them: `A`, `a` and ` A ` are one feed. */
export const sameFeed = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

const roleSays = (role: PairState['role'], w: PairRoleWords) => (role === 'unknown' ? 'role unknown' : w[role]);

/**
 * Why the two views disagree, or undefined when they fit together: different domains, the
 * same role on both (two primaries: a split brain; two secondaries: nobody leads), or one
 * seeing the other while the other says its peer is gone.
 */
export function inconsistency(a: PairPeer, b: PairPeer, w: PairRoleWords): string | undefined {
  const sa = a.state;
  const sb = b.state;
  if (!sa || !sb) return undefined;
  if (sa.domain !== undefined && sb.domain !== undefined && sa.domain !== sb.domain)
    return `${a.name} reports domain ${sa.domain}, ${b.name} domain ${sb.domain}`;
  // A peer that does not see the other is entitled to call itself primary: only two that see each other must differ.
  if (sa.peer === 'up' && sb.peer === 'up' && sa.role !== 'unknown' && sa.role === sb.role) return `both peers say they are ${w[sa.role]}`;
  if (sa.peer === 'up' && sb.peer === 'down') return `${a.name} sees its peer up, ${b.name} sees its peer down`;
  if (sb.peer === 'up' && sa.peer === 'down') return `${b.name} sees its peer up, ${a.name} sees its peer down`;
  return undefined;
}

/** What losing `feed` does to the pair. */
export function pairSurvives(loss: PairFeedLoss): PairVerdict {
  const { domain, peers, feed, words: w } = loss;
  const [a, b] = peers;
  const both = `${a.name}, ${b.name}`;
  const on = peers.filter((p) => sameFeed(p.feed, feed));
  const unknown = peers.filter((p) => p.feed === undefined);
  if (on.length === 2) return { verdict: 'fail', says: `OUTAGE: both peers of domain ${domain} on feed ${feed} (${both})` };
  if (on.length === 0 && unknown.length === 0) return { verdict: 'pass', says: `no peer of domain ${domain} on feed ${feed}` };
  if (unknown.length > 0) {
    const names = unknown.map((p) => p.name).join(', ');
    return {
      verdict: 'warn',
      says: `unknown: the feed of ${names} (domain ${domain}) is not in the inventory (feed: …)${on.length > 0 ? `; ${on[0]!.name} is on feed ${feed}` : ''}`,
    };
  }
  const lost = on[0]!;
  const survivor = lost === a ? b : a;
  const s = survivor.state;
  const loses = `${lost.name} loses power with feed ${feed}`;
  // The peer going dark already sees no peer: the domain rests on it alone, whatever the survivor says.
  if (lost.state?.peer === 'down')
    return { verdict: 'fail', says: `OUTAGE: ${loses}, and ${lost.name} has already lost its peer: domain ${domain} rests on it alone now` };
  if (!s)
    return {
      verdict: 'warn',
      says: `unknown: ${loses}, and the pair state of ${survivor.name} could not be read${survivor.unread ? ` (${survivor.unread})` : ''}`,
    };
  const at = `${survivor.name} (${roleSays(s.role, w)})`;
  if (s.peer === 'down') return { verdict: 'fail', says: `OUTAGE: ${loses}, and ${at} has already lost its peer: domain ${domain} rests on one switch now` };
  if (s.peerLink === 'down')
    return { verdict: 'fail', says: `OUTAGE: ${loses}, and the peer link of ${at} is down now: it may not be forwarding domain ${domain}` };
  if (s.role === 'unknown' || s.peer === 'unknown' || s.peerLink === 'unknown')
    return { verdict: 'fail', says: `${loses}, and ${survivor.name} is not known to be able to take over (${describeState(s, w)})` };
  const odd = inconsistency(a, b, w);
  if (odd !== undefined) return { verdict: 'fail', says: `${loses}, and the pair is inconsistent: ${odd}` };
  return { verdict: 'warn', takesOver: survivor.name, says: `failover: ${survivor.name} (${w[s.role]}) carries domain ${domain} alone (${loses})` };
}

/** `peer up, peer link down, secondary`: one view in words. */
export function describeState(s: PairState, w: PairRoleWords): string {
  return `peer ${s.peer}, peer link ${s.peerLink}, ${roleSays(s.role, w)}`;
}
