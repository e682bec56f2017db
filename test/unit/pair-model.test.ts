// The pair rule for `ready --feed`: both peers on the feed is an outage; one peer on it fails
// over only to a survivor that is healthy now; the verdict says who carries the domain.

import { describe, expect, it } from 'vitest';
import type { PairState } from '../../src/platforms/platform.js';
import { inconsistency, pairSurvives } from '../../src/platforms/stack-models/pair.js';
import type { PairPeer } from '../../src/platforms/stack-models/pair.js';

const words = { primary: 'primary', secondary: 'secondary' };
const healthy = (role: PairState['role']): PairState => ({ peer: 'up', peerLink: 'up', role, domain: '10' });
const peer = (name: string, feed: string | undefined, state: PairState | undefined): PairPeer => ({ name, feed, state });
const judge = (a: PairPeer, b: PairPeer, feed = 'A') => pairSurvives({ domain: '10', peers: [a, b], feed, words });

describe('pair rule: a feed goes dark', () => {
  it('both peers on the feed: an outage', () => {
    expect(judge(peer('leaf-1', 'A', healthy('primary')), peer('leaf-2', 'a ', healthy('secondary')))).toEqual({
      verdict: 'fail',
      says: 'OUTAGE: both peers of domain 10 on feed A (leaf-1, leaf-2)',
    });
  });

  it('one peer on the feed, a healthy survivor: failover, naming who carries the domain', () => {
    expect(judge(peer('leaf-1', 'A', healthy('primary')), peer('leaf-2', 'B', healthy('secondary')))).toEqual({
      verdict: 'warn',
      takesOver: 'leaf-2',
      says: 'failover: leaf-2 (secondary) carries domain 10 alone (leaf-1 loses power with feed A)',
    });
  });

  it('no peer on the feed: pass; a feed not in the inventory: unknown', () => {
    expect(judge(peer('leaf-1', 'B', healthy('primary')), peer('leaf-2', 'C', healthy('secondary'))).verdict).toBe('pass');
    expect(judge(peer('leaf-1', 'A', healthy('primary')), peer('leaf-2', undefined, healthy('secondary')))).toEqual({
      verdict: 'warn',
      says: 'unknown: the feed of leaf-2 (domain 10) is not in the inventory (feed: …); leaf-1 is on feed A',
    });
  });

  it('a survivor that is not healthy now: its peer link down, its peer already lost, its role unknown', () => {
    const lost = peer('leaf-1', 'A', healthy('primary'));
    expect(judge(lost, peer('leaf-2', 'B', { ...healthy('secondary'), peerLink: 'down' }))).toEqual({
      verdict: 'fail',
      says: 'OUTAGE: leaf-1 loses power with feed A, and the peer link of leaf-2 (secondary) is down now: it may not be forwarding domain 10',
    });
    expect(judge(lost, peer('leaf-2', 'B', { peer: 'down', peerLink: 'down', role: 'primary' }))).toEqual({
      verdict: 'fail',
      says: 'OUTAGE: leaf-1 loses power with feed A, and leaf-2 (primary) has already lost its peer: domain 10 rests on one switch now',
    });
    expect(judge(lost, peer('leaf-2', 'B', { ...healthy('unknown') })).verdict).toBe('fail');
    expect(judge(lost, peer('leaf-2', 'B', undefined)).verdict).toBe('warn');
    // The peer going dark already sees no peer: an outage, even when the survivor cannot be read.
    expect(judge(peer('leaf-1', 'A', { peer: 'down', peerLink: 'down', role: 'primary' }), peer('leaf-2', 'B', undefined))).toEqual({
      verdict: 'fail',
      says: 'OUTAGE: leaf-1 loses power with feed A, and leaf-1 has already lost its peer: domain 10 rests on it alone now',
    });
  });

  it('an inconsistent pair fails: two primaries, or different domains', () => {
    expect(judge(peer('leaf-1', 'A', healthy('primary')), peer('leaf-2', 'B', healthy('primary')))).toEqual({
      verdict: 'fail',
      says: 'leaf-1 loses power with feed A, and the pair is inconsistent: both peers say they are primary',
    });
    expect(inconsistency(peer('a', 'A', healthy('primary')), peer('b', 'B', { ...healthy('secondary'), domain: '11' }), words)).toBe(
      'a reports domain 10, b domain 11',
    );
  });

  it('speaks in the platform’s role words', () => {
    const r = pairSurvives({
      domain: '7',
      peers: [peer('n1', 'A', healthy('primary')), peer('n2', 'B', healthy('secondary'))],
      feed: 'A',
      words: { primary: 'vpc-primary', secondary: 'vpc-secondary' },
    });
    expect(r.says).toBe('failover: n2 (vpc-secondary) carries domain 7 alone (n1 loses power with feed A)');
  });
});
