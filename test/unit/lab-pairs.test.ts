// The lab keeps each peer's view of its redundant pair current (src/lab/pairs.ts): power lost
// by feed, by a member or by a power-cycle; a cut peer link; boot back into the configured
// roles; specs that do not agree are refused. The view is what a personality prints.

import { afterEach, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { parseLabEvent } from '../../src/lab/events.js';
import { pairSpecs } from '../../src/lab/pairs.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { renderStatus } from '../../src/cli/lab-actions.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';
import { pairOsPersonality, showPair } from '../helpers/pair-os.js';

const spec = (name: string, index: number, feed: string, pair?: LabSwitchSpec['pair']): LabSwitchSpec => ({
  name,
  hostname: name.toUpperCase(),
  index,
  members: [{ number: 1, priority: 15, model: 'C9300-48P', feed }],
  ...(pair ? { pair } : {}),
});
const start = (specs: LabSwitchSpec[]) =>
  startFleet({ count: specs.length, specs, registry: [pairOsPersonality], credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

const pairOf = (name: string) => fleet!.get(name).state.pair;

describe('lab pairs', () => {
  it('keeps both views current through power and peer-link events', async () => {
    fleet = await start([
      spec('a', 1, 'A', { peer: 'b', domain: '10', role: 'primary' }),
      spec('b', 2, 'B', { peer: 'a', domain: '10', role: 'secondary' }),
      spec('c', 3, 'A'),
    ]);
    expect(pairOf('b')).toEqual({ domain: '10', peer: 'a', peerUp: true, peerLinkUp: true, role: 'secondary' });
    expect(pairOf('c')).toBeUndefined();

    await fleet.apply('a', { kind: 'member-down', member: 1 });
    expect(pairOf('b')).toEqual({ domain: '10', peer: 'a', peerUp: false, peerLinkUp: false, role: 'primary' });
    expect(showPair(fleet.get('b').state)).toBe('domain: 10\npeer: down\npeer-link: down\nrole: primary\n');
    await fleet.apply('a', { kind: 'member-up', member: 1 });
    // Boot: roles back as configured.
    expect([pairOf('a')?.role, pairOf('b')?.role]).toEqual(['primary', 'secondary']);

    await fleet.apply('b', { kind: 'power-cycle', loseConfig: false });
    expect(pairOf('a')).toMatchObject({ peerUp: true, peerLinkUp: true, role: 'primary' });

    expect(await fleet.apply('a', parseLabEvent(['peer-link', 'down']))).toBe(
      'a: the peer link of domain 10 to b is down; a (primary) and b (secondary) see peer link down, peer up',
    );
    expect([pairOf('a'), pairOf('b')].map((p) => [p?.peerUp, p?.peerLinkUp, p?.role])).toEqual([
      [true, false, 'primary'],
      [true, false, 'secondary'],
    ]);
    expect(renderStatus(fleet.status())).toMatch(/10:a secondary peer-up link-down/);
    await fleet.apply('b', parseLabEvent(['peer-link', 'up']));
    expect(pairOf('a')?.peerLinkUp).toBe(true);

    await expect(fleet.apply('c', { kind: 'peer-link', up: false })).rejects.toThrow('c is in no pair');
    expect(() => parseLabEvent(['peer-link', 'sideways'])).toThrow('peer-link takes down or up, got sideways');
  });

  it('pairSpecs puts the two peers on different feeds, primary on A', () => {
    const [a, b] = pairSpecs(spec('a', 1, 'X'), spec('b', 2, 'X'), '7');
    expect([a.members[0]!.feed, a.pair, b.members[0]!.feed, b.pair]).toEqual([
      'A',
      { peer: 'b', domain: '7', role: 'primary' },
      'B',
      { peer: 'a', domain: '7', role: 'secondary' },
    ]);
  });

  it('refuses pair specs that do not agree', async () => {
    await expect(start([spec('a', 1, 'A', { peer: 'z', domain: '1', role: 'primary' })])).rejects.toThrow('lab: a is paired with z, which is not in the fleet');
    await expect(
      start([spec('a', 1, 'A', { peer: 'b', domain: '1', role: 'primary' }), spec('b', 2, 'B', { peer: 'a', domain: '1', role: 'primary' })]),
    ).rejects.toThrow('lab: a and b are both configured primary');
  });
});
