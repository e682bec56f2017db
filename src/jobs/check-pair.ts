// `check`'s judgement of a redundant pair from one peer's view of it (PairState, read live
// over SSH or from the last backup's state.json): a pair that lost its peer, and a pair whose
// peer link is down while the peer still answers (over the keepalive), in the platform's role
// words. Pure: the view, the inventory's pair and the words in; findings and notes out.

import type { PairExpectation } from '../inventory/device.js';
import type { PairState, PlatformPair } from '../platforms/platform.js';
import { describeState } from '../platforms/stack-models/pair.js';

export type PairFindingKind = 'pair-peer-lost' | 'pair-link-down';

export const GENERIC_PAIR_WORDS: PlatformPair['roleWords'] = { primary: 'primary', secondary: 'secondary' };

export interface PairJudgement {
  findings: { kind: PairFindingKind; message: string }[];
  notes: string[];
}

/** `state.json`'s `pair`: a view, or why the last backup could not read one; undefined when it has none. */
export function pairOfState(state: unknown): { state: PairState } | { unreadable: string } | undefined {
  const p = (typeof state === 'object' && state !== null ? (state as { pair?: unknown }).pair : undefined) as Record<string, unknown> | undefined;
  if (typeof p !== 'object' || p === null) return undefined;
  if (typeof p.unreadable === 'string') return { unreadable: p.unreadable };
  const ok = (v: unknown, words: string[]) => typeof v === 'string' && words.includes(v);
  if (!ok(p.peer, ['up', 'down', 'unknown']) || !ok(p.peerLink, ['up', 'down', 'unknown']) || !ok(p.role, ['primary', 'secondary', 'unknown']))
    return { unreadable: 'the pair recorded in state.json is not one switchback wrote' };
  return {
    state: {
      peer: p.peer as PairState['peer'],
      peerLink: p.peerLink as PairState['peerLink'],
      role: p.role as PairState['role'],
      ...(typeof p.domain === 'string' ? { domain: p.domain } : {}),
    },
  };
}

/**
 * What one peer's view says. A lost peer is one finding (its peer link is down with it, no
 * second finding); a peer link down while the peer answers is the other. `when` is appended
 * to each message (` (at the last backup)` offline).
 */
export function judgePair(device: string, expected: PairExpectation, s: PairState, words: PlatformPair['roleWords'], when = ''): PairJudgement {
  const out: PairJudgement = { findings: [], notes: [] };
  const domain = expected.domain;
  const role = s.role === 'unknown' ? 'its role unknown' : `${words[s.role]} now`;
  if (s.peer === 'down')
    out.findings.push({
      kind: 'pair-peer-lost',
      message: `pair-peer-lost: ${device} lost its peer ${expected.peer} in domain ${domain} and carries it alone (${role}; peer link ${s.peerLink})${when}`,
    });
  else if (s.peerLink === 'down')
    out.findings.push({
      kind: 'pair-link-down',
      message: `pair-link-down: the peer link of domain ${domain} is down while ${expected.peer} still answers (${device} is ${role})${when}`,
    });
  if (s.peer === 'unknown' || s.peerLink === 'unknown') out.notes.push(`pair: not all of it could be read (${describeState(s, words)})${when}`);
  if (s.domain !== undefined && s.domain !== domain) out.notes.push(`pair: the switch reports domain ${s.domain}, the inventory says ${domain}${when}`);
  return out;
}
