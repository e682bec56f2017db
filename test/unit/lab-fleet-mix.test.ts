// Mixed lab fleets: every personality the registry holds appears once the fleet has as
// many switches as personalities, switch 1 keeps the default, `platform` gives a fleet
// of one kind, and the inventory and status name each switch's platform. The registry
// holds one personality on this branch, so a second one is made here from it (another
// platform name, its own words and its own election), as a new personality would be.

import { connect } from 'node:net';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSpecs, startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { Elect } from '../../src/lab/model.js';
import type { LabPersonality } from '../../src/lab/personality.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { assignPersonalities, DEFAULT_PERSONALITY, LAB_PLATFORMS, PERSONALITIES, personalityFor } from '../../src/lab/personalities/index.js';
import { cast } from '../../src/cli/demo-run.js';
import { labPlatform } from '../../src/cli/lab-actions.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';

/** An election with pre-emption: the highest priority ready member always runs the stack. */
const preempt: Elect = (members) => {
  const ready = members.filter((m) => m.state === 'ready').sort((a, b) => b.priority - a.priority || a.number - b.number);
  for (const m of members) m.role = 'member';
  if (ready[0]) ready[0].role = 'active';
  if (ready[1]) ready[1].role = 'standby';
};

const other: LabPersonality = {
  ...ciscoIosxe,
  platform: 'other-os',
  label: 'a second personality for this test',
  models: ['OTHER-1'],
  words: {
    ...ciscoIosxe.words,
    role: { active: 'master', standby: 'backup', member: 'linecard' },
    state: { ...ciscoIosxe.words.state, removed: 'NotPrsnt', ready: 'Prsnt' },
  },
  elect: preempt,
};
/** A majority rule: a stack left with half its members or fewer has no active member, and says so. */
const majority: Elect = (members, cause, state) => {
  const ready = members.filter((m) => m.state === 'ready');
  if (cause.kind === 'member-lost' && ready.length * 2 <= members.length) {
    for (const m of members) m.role = 'member';
    return { says: `${ready.length} of ${state.members.length} members left: no majority, the stack is inactive` };
  }
  return preempt(members, cause, state);
};

/** Whether anything accepts a TCP connection on the port. */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const third: LabPersonality = { ...ciscoIosxe, platform: 'third-os', label: 'a third', models: ['THIRD-1'] };
const REGISTRY = [ciscoIosxe, other];

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

describe('the personality registry', () => {
  it('starts with the default personality and lists the platforms the lab runs', () => {
    expect(DEFAULT_PERSONALITY).toBe(PERSONALITIES[0]);
    expect(DEFAULT_PERSONALITY.platform).toBe('cisco-ios');
    expect(LAB_PLATFORMS).toEqual(PERSONALITIES.map((p) => p.platform));
    expect(new Set(LAB_PLATFORMS).size).toBe(LAB_PLATFORMS.length);
  });

  it('refuses a platform it does not run, naming those it does', () => {
    expect(personalityFor('other-os', REGISTRY)).toBe(other);
    expect(() => personalityFor('nope', REGISTRY)).toThrow('the lab has no "nope" switches; it runs cisco-ios, other-os');
  });
});

describe('which switch runs which personality', () => {
  it('deals the registry out in turn, switch 1 first: all appear once there are as many switches as personalities', () => {
    const registry = [ciscoIosxe, other, third];
    const platforms = (n: number) => assignPersonalities(n, undefined, registry).map((p) => p.platform);
    expect(platforms(1)).toEqual(['cisco-ios']);
    expect(platforms(2)).toEqual(['cisco-ios', 'other-os']);
    expect(new Set(platforms(3))).toEqual(new Set(['cisco-ios', 'other-os', 'third-os']));
    expect(platforms(7)).toEqual(['cisco-ios', 'other-os', 'third-os', 'cisco-ios', 'other-os', 'third-os', 'cisco-ios']);
    // Stable: a bigger fleet starts as the smaller one did.
    expect(platforms(7).slice(0, 3)).toEqual(platforms(3));
  });

  it('lab up --platform takes a platform the lab runs and refuses another as a usage error, listing them', () => {
    expect(labPlatform(undefined)).toBeUndefined();
    expect(labPlatform('cisco-ios')).toBe('cisco-ios');
    expect(() => labPlatform('nope')).toThrow(`--platform: the lab has no "nope" switches; it runs ${LAB_PLATFORMS.join(', ')}`);
    expect(() => labPlatform('nope')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('with a platform, every switch runs it', () => {
    expect(assignPersonalities(4, 'other-os', REGISTRY).map((p) => p.platform)).toEqual(['other-os', 'other-os', 'other-os', 'other-os']);
    expect(() => assignPersonalities(2, 'nope', REGISTRY)).toThrow('the lab has no "nope" switches');
  });

  it('generated specs name their platform and take that personality’s hardware', () => {
    const specs = defaultSpecs(3, assignPersonalities(3, undefined, REGISTRY));
    expect(specs.map((s) => s.platform)).toEqual(['cisco-ios', 'other-os', 'cisco-ios']);
    expect(specs[1]!.members.every((m) => m.model === 'OTHER-1')).toBe(true);
    expect(specs[0]!.members.every((m) => ciscoIosxe.models.includes(m.model))).toBe(true);
  });
});

describe('a mixed fleet', () => {
  it('writes an inventory naming each switch’s platform, and lab status shows it in the platform’s words', async () => {
    fleet = await startFleet({ count: 3, registry: REGISTRY, credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    const doc = parse(fleet.inventory()) as { devices: { name: string; platform: string }[] };
    expect(doc.devices.map((d) => [d.name, d.platform])).toEqual([
      ['lab-sw-01', 'cisco-ios'],
      ['lab-sw-02', 'other-os'],
      ['lab-sw-03', 'cisco-ios'],
    ]);
    const status = fleet.status();
    expect(status.map((s) => s.platform)).toEqual(['cisco-ios', 'other-os', 'cisco-ios']);
    expect(status[0]!.members.find((m) => m.number === 1)?.role).toBe('Active');
    expect(status[1]!.members.find((m) => m.number === 1)?.role).toBe('master');
    expect(status[1]!.members.every((m) => m.state === 'Prsnt' && m.ready)).toBe(true);
  });

  it('a fleet of one kind: every switch runs the platform asked for', async () => {
    fleet = await startFleet({ count: 2, platform: 'other-os', registry: REGISTRY, credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    expect(fleet.switches.map((s) => s.personality.platform)).toEqual(['other-os', 'other-os']);
    expect(parse(fleet.inventory()).devices.map((d: { platform: string }) => d.platform)).toEqual(['other-os', 'other-os']);
  });

  it('specs that name no platform run the default, as every test fleet built to order does', async () => {
    fleet = await startFleet({
      count: 1,
      registry: REGISTRY,
      specs: [{ name: 'plain-1', hostname: 'PLAIN_1', index: 1, members: [{ number: 1, priority: 15, model: 'C9300-48P' }] }],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    expect(fleet.switches[0]!.personality).toBe(ciscoIosxe);
  });

  it('a personality’s own election decides who runs its stack after a member comes back', async () => {
    fleet = await startFleet({ count: 2, registry: REGISTRY, credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    // lab-sw-02 (other-os) is a stack of 3: member 1 (priority 15) active.
    const sw = fleet.get('lab-sw-02');
    expect(await sw.apply({ kind: 'member-down', member: 1 })).toBe('lab-sw-02: member 1 lost power; member 2 is now master');
    await sw.apply({ kind: 'member-up', member: 1 });
    // Pre-emption: member 1 takes the stack back (the generic election would keep member 2).
    expect(fleet.status()[1]!.active).toBe(1);
    // The default personality keeps the generic election: no pre-emption.
    const ios = fleet.get('lab-sw-01');
    await ios.apply({ kind: 'member-down', member: 1 });
    await ios.apply({ kind: 'member-up', member: 1 });
    expect(fleet.status()[0]!.active).toBe(2);
  });

  it('an election that leaves no active member: the lab says why, and the stack stops answering SSH until one is elected', async () => {
    const split: LabPersonality = { ...other, platform: 'split-os', elect: majority };
    fleet = await startFleet({ count: 1, platform: 'split-os', registry: [ciscoIosxe, split], credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    // lab-sw-01 is a stack of 2: losing one leaves no majority.
    const sw = fleet.get('lab-sw-01');
    expect(await answers(sw.ports.ssh)).toBe(true);
    expect(await sw.apply({ kind: 'member-down', member: 2 })).toBe('lab-sw-01: member 2 lost power; 1 of 2 members left: no majority, the stack is inactive');
    expect(fleet.status()[0]!.active).toBeUndefined();
    expect(await answers(sw.ports.ssh)).toBe(false);
    await sw.apply({ kind: 'member-up', member: 2 });
    expect(fleet.status()[0]!.active).toBe(1);
    expect(await answers(sw.ports.ssh)).toBe(true);
  });

  it('the demo casts a switch of every platform for the unsaved change and for the lost configuration', async () => {
    fleet = await startFleet({ count: 6, registry: REGISTRY, credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    const { changed, lost, platforms } = cast(fleet);
    expect(platforms).toEqual(['cisco-ios', 'other-os']);
    expect(changed.map((s) => s.name)).toEqual(['lab-sw-03', 'lab-sw-04']);
    expect(lost.map((s) => s.name)).toEqual(['lab-sw-05', 'lab-sw-06']);
    // One platform: the second switch changes, the third loses its configuration, as the demo always did.
    const one = cast({ switches: fleet.switches.filter((s) => s.personality === ciscoIosxe) });
    expect([one.changed.map((s) => s.name), one.lost.map((s) => s.name)]).toEqual([['lab-sw-03'], ['lab-sw-05']]);
  });
});
