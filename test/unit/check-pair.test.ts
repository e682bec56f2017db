// `check`'s pair findings from one peer's view (live or the last backup's state.json): a lost
// peer, a peer link down while the peer answers, in the platform's role words.

import { describe, expect, it } from 'vitest';
import { judgePair, pairOfState } from '../../src/jobs/check-pair.js';
import { describeStateChange } from '../../src/jobs/device-state.js';

const expected = { peer: 'leaf-2', domain: '10' };
const words = { primary: 'primary', secondary: 'secondary' };

describe('check: a redundant pair', () => {
  it('a healthy pair: no finding', () => {
    expect(judgePair('leaf-1', expected, { peer: 'up', peerLink: 'up', role: 'primary', domain: '10' }, words)).toEqual({ findings: [], notes: [] });
  });

  it('a lost peer is one finding (its link is down with it)', () => {
    expect(judgePair('leaf-1', expected, { peer: 'down', peerLink: 'down', role: 'primary' }, words).findings).toEqual([
      { kind: 'pair-peer-lost', message: 'pair-peer-lost: leaf-1 lost its peer leaf-2 in domain 10 and carries it alone (primary now; peer link down)' },
    ]);
  });

  it('a peer link down while the peer answers, in the platform’s words, marked when from the last backup', () => {
    expect(
      judgePair('leaf-1', expected, { peer: 'up', peerLink: 'down', role: 'secondary' }, { primary: 'P', secondary: 'S' }, ' (at the last backup)').findings,
    ).toEqual([
      {
        kind: 'pair-link-down',
        message: 'pair-link-down: the peer link of domain 10 is down while leaf-2 still answers (leaf-1 is S now) (at the last backup)',
      },
    ]);
  });

  it('notes what it cannot tell, and a domain that is not the inventory’s', () => {
    expect(judgePair('leaf-1', expected, { peer: 'unknown', peerLink: 'up', role: 'primary', domain: '11' }, words)).toEqual({
      findings: [],
      notes: ['pair: not all of it could be read (peer unknown, peer link up, primary)', 'pair: the switch reports domain 11, the inventory says 10'],
    });
  });

  it('reads state.json’s pair: a view, a reason, or nothing', () => {
    expect(pairOfState({ pair: { peer: 'down', peerLink: 'down', role: 'primary', domain: '10' } })).toEqual({
      state: { peer: 'down', peerLink: 'down', role: 'primary', domain: '10' },
    });
    expect(pairOfState({ pair: { unreadable: '"show pair" could not be read: no role line' } })).toEqual({
      unreadable: '"show pair" could not be read: no role line',
    });
    expect(pairOfState({ pair: { peer: 'sideways' } })).toEqual({ unreadable: 'the pair recorded in state.json is not one switchback wrote' });
    expect(pairOfState({})).toBeUndefined();
  });

  it('a backup says when the pair changed since the last one', () => {
    expect(
      describeStateChange({ pair: { peer: 'up', peerLink: 'up', role: 'secondary' } }, { pair: { peer: 'down', peerLink: 'down', role: 'primary' } }),
    ).toEqual(['pair peer up, link up, secondary → peer down, link down, primary']);
  });
});
