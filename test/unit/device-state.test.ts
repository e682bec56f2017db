// state.json's facts: the same bytes whichever member answered, and what changed in words.

import { describe, expect, it } from 'vitest';
import { describeStateChange, stableFacts } from '../../src/jobs/device-state.js';
import type { StackMember, VersionFacts } from '../../src/platforms/platform.js';

const m1 = { number: 1, role: 'unknown', state: 'unknown', model: 'C9300-48U', serial: 'FOC1' } as const;
const m2 = { number: 2, role: 'unknown', state: 'unknown', model: 'C9300-48P', serial: 'FOC2' } as const;

describe('stableFacts', () => {
  it('gives the same model, serials and members whichever member answered show version, in whatever order', () => {
    const fromMember1: VersionFacts = { model: 'C9300-48U', serials: ['FOC1', 'FOC2'], members: [{ ...m1, role: 'active' }, m2] };
    const fromMember2: VersionFacts = { model: 'C9300-48P', serials: ['FOC2', 'FOC1'], members: [m1, { ...m2, role: 'active' }] };
    const members: StackMember[] = [
      { number: 2, role: 'active', state: 'ready' },
      { number: 1, role: 'member', state: 'ready' },
    ];
    const a = stableFacts(fromMember1, members);
    const b = stableFacts(fromMember2, [...members].reverse());
    expect(a.model).toBe('C9300-48U');
    expect(b.model).toBe(a.model);
    expect(b.serials).toEqual(['FOC1', 'FOC2']);
    expect(a.serials).toEqual(b.serials);
    expect(a.members.map((m) => m.number)).toEqual([1, 2]);
    expect(b.members).toEqual(a.members);
  });

  it('a standalone switch keeps the model and serials it reports', () => {
    expect(stableFacts({ model: 'WS-C2960X', serials: ['FOC9'], members: [] }, [])).toEqual({ model: 'WS-C2960X', serials: ['FOC9'], members: [] });
  });
});

describe('describeStateChange', () => {
  const before = {
    hostname: 'SW',
    version: '17.09.04a',
    members: [
      { number: 1, role: 'active', state: 'ready', priority: 15 },
      { number: 2, role: 'standby', state: 'ready', priority: 14 },
    ],
    stack: { active: 1, ready: 2, expected: 2, missing: [] },
    serials: ['FOC1', 'FOC2'],
    unsaved: null,
    snmp: { bootedAt: '2026-01-01T00:00:00Z', engineBoots: 1 },
  };

  it('says nothing when only the order of keys differs', () => {
    const after = Object.fromEntries(Object.entries(before).reverse());
    expect(describeStateChange(before, { ...after, snmp: { engineBoots: 1, bootedAt: '2026-01-01T00:00:00Z' } })).toEqual([]);
  });

  it('names a failover, a member lost, a new version and a new boot; not what other columns show', () => {
    const after = {
      ...before,
      version: '17.12.1',
      members: [
        { number: 1, role: 'member', state: 'removed', priority: 0 },
        { number: 2, role: 'active', state: 'ready', priority: 14 },
      ],
      stack: { active: 2, ready: 1, expected: 2, missing: [1] },
      serials: ['FOC2'],
      unsaved: { added: ['x'], removed: [], counts: { added: 1, removed: 0 } },
      snmp: { bootedAt: '2026-02-01T00:00:00Z', engineBoots: 2 },
    };
    expect(describeStateChange(before, after)).toEqual([
      'member 1 ready → removed',
      'member 2 standby → active',
      'serials -FOC1',
      'boot record 2026-02-01T00:00:00Z (boots 2)',
      'active member 1 → 2',
      'version 17.09.04a → 17.12.1',
    ]);
    expect(describeStateChange(before, after, ['snmp'])).not.toContain('boot record 2026-02-01T00:00:00Z (boots 2)');
  });

  it('says when a startup config is readable again; while unreadable, its own note says so', () => {
    const unreadable = { ...before, startupPresent: null, startupUnreadable: '% Invalid input' };
    expect(describeStateChange(before, unreadable)).toEqual([]);
    expect(describeStateChange(unreadable, { ...before, startupPresent: true })).toEqual(['startup-config readable again']);
  });
});
