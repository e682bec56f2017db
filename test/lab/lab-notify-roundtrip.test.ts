// The lab's notifications, all the way round: a fleet with one address per switch sends its
// traps and syslog lines to switchback's own receivers (startTrapReceiver, startSyslogReceiver),
// and what they hand on goes through recognise() with the platform's own rules
// (platformByName(...).notifications) — what `switchback watch` will make of a power-cycle, a
// member lost and a feed off, from which address. The traps are SNMPv3 authPriv with the lab's
// user, and the receiver knows that user and no community (as the lab's inventory says); a
// dropped trap would leave allHeard() waiting. One block per personality that sends more than
// coldStart. Each test waits for what it expects to be recognised; it never assumes how fast.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { allHeard, fleetOf, listen, quietMember, recognised, WAIT } from '../helpers/notify-roundtrip.js';
import type { Ear } from '../helpers/notify-roundtrip.js';

/** What each platform's rules can say, beyond the event: whether the trap / the syslog line names the member. */
const STACKING = [
  { platform: 'cisco-ios', syslogReload: true, syslogMemberLost: 'with member' },
  { platform: 'juniper-junos', syslogReload: false, syslogMemberLost: 'without member' },
  { platform: 'aruba-aoscx', syslogReload: false, syslogMemberLost: 'none' },
] as const;

describe.each(STACKING)('$platform: lab notices round trip to recognise()', ({ platform, syslogReload, syslogMemberLost }) => {
  let ear: Ear;
  let fleet: LabFleet;
  beforeAll(async () => {
    ear = await listen(platform);
    // Four switches: stacks of 2, 3, 1 and 4 members, odd members on feed A.
    fleet = await fleetOf(ear, platform, 4);
  });
  afterAll(async () => {
    await fleet?.stop();
    await ear?.close();
  });

  it('power-cycle --lose-config: reload, from that switch’s address only', async () => {
    const sw = fleet.switches[1]!;
    await fleet.apply(sw.name, { kind: 'power-cycle', loseConfig: true });
    const reloads = await recognised(ear, { event: 'reload', via: 'trap' }, 'a reload trap');
    if (syslogReload) await recognised(ear, { event: 'reload', via: 'syslog' }, 'a reload syslog line');
    await allHeard(ear, fleet);
    expect(reloads.map((r) => r.from)).toEqual([sw.address]);
    expect(new Set(ear.heard.map((h) => h.from))).toEqual(new Set([sw.address]));
    console.log(`${platform} power-cycle heard: ${ear.heard.map((h) => `${h.via} ${h.event} (${h.detail})`).join('; ')}`);
  });

  it('member-down: member-lost naming the member, from the stack’s address', async () => {
    ear.heard.length = 0;
    const sw = fleet.switches[3]!;
    const member = quietMember(sw).number;
    await fleet.apply(sw.name, { kind: 'member-down', member });
    const lost = await recognised(ear, { event: 'member-lost', via: 'trap', from: sw.address }, `member ${member} lost`);
    expect(lost.map((h) => h.member)).toEqual([member]);
    if (syslogMemberLost !== 'none') {
      const line = await recognised(ear, { event: 'member-lost', via: 'syslog', from: sw.address });
      expect(line[0]!.member).toBe(syslogMemberLost === 'with member' ? member : undefined);
    }
    await fleet.apply(sw.name, { kind: 'member-up', member });
    await allHeard(ear, fleet);
  });

  it('feed A off: member-lost for every member on feed A of every stack still up; a stack left dark says nothing', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const onA = new Map(fleet.switches.map((s) => [s, s.state.members.filter((m) => m.feed === 'A' && m.powered).map((m) => m.number)]));
    const dark = fleet.switches.filter((s) => s.state.members.every((m) => m.feed === 'A' || !m.powered));
    expect(dark.length).toBeGreaterThan(0); // the fleet has a stack entirely on feed A (the one-member one)
    const darkSent = dark.map((s) => s.notifier!.counts.sent);
    await fleet.feed('A', false);
    for (const [sw, members] of onA) {
      if (dark.includes(sw)) continue;
      await vi.waitFor(() => {
        const got = ear.heard.filter((h) => h.from === sw.address && h.via === 'trap' && h.event === 'member-lost').map((h) => h.member);
        expect(got.sort()).toEqual([...members].sort());
      }, WAIT);
    }
    await allHeard(ear, fleet);
    // A dark stack has no voice: it queued nothing at all.
    expect(dark.map((s) => s.notifier!.counts.sent)).toEqual(darkSent);
    expect(ear.heard.filter((h) => dark.some((s) => s.address === h.from))).toEqual([]);
    const figures = [...onA].map(([s, m]) => `${s.name} ${s.address} A:[${m.join(',')}]${dark.includes(s) ? ' dark' : ''}`).join('; ');
    console.log(`${platform} feed A off: ${figures}; heard ${ear.heard.length} recognised notifications`);
  });

  it('feed A back on: the dark stack boots and says reload once it answers again', async () => {
    const dark = fleet.switches.filter((s) => !s.state.up);
    ear.heard.length = 0;
    await fleet.feed('A', true);
    for (const sw of dark) {
      const reload = await recognised(ear, { event: 'reload', via: 'trap', from: sw.address }, `${sw.name} reload`);
      expect(reload.length).toBe(1);
      expect(sw.state.up).toBe(true);
    }
  });
});

describe('arista-eos (one chassis, in pairs): lab notices round trip to recognise()', () => {
  let ear: Ear;
  let fleet: LabFleet;
  beforeAll(async () => {
    ear = await listen('arista-eos');
    fleet = await fleetOf(ear, 'arista-eos', 2);
  });
  afterAll(async () => {
    await fleet?.stop();
    await ear?.close();
  });

  it('power-cycle: reload from that switch; a change: config-changed', async () => {
    const [a, b] = fleet.switches as [LabSwitch, LabSwitch];
    await fleet.apply(b.name, { kind: 'power-cycle', loseConfig: true });
    const reload = await recognised(ear, { event: 'reload' });
    expect(reload.map((r) => r.from)).toEqual([b.address]);
    await fleet.apply(a.name, { kind: 'change', lines: [...a.personality.sampleChange] });
    const changed = await recognised(ear, { event: 'config-changed' });
    expect(changed.map((r) => r.from)).toEqual([a.address]);
  });

  it('feed A off darkens the peer on it (it says nothing); back on, it says reload', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const onA = fleet.switches.filter((s) => s.state.members.every((m) => m.feed === 'A'));
    expect(onA.length).toBe(1);
    await fleet.feed('A', false);
    await allHeard(ear, fleet);
    expect(ear.heard).toEqual([]);
    await fleet.feed('A', true);
    const reload = await recognised(ear, { event: 'reload' });
    expect(reload.map((r) => r.from)).toEqual([onA[0]!.address]);
  });
});

describe('cisco-ios: a configuration change', () => {
  let ear: Ear;
  let fleet: LabFleet;
  beforeAll(async () => {
    ear = await listen('cisco-ios');
    fleet = await fleetOf(ear, 'cisco-ios', 1);
  });
  afterAll(async () => {
    await fleet?.stop();
    await ear?.close();
  });

  it('is recognised from the trap (ccmCLIRunningConfigChanged) and from %SYS-5-CONFIG_I', async () => {
    const sw = fleet.switches[0]!;
    await fleet.apply(sw.name, { kind: 'change', lines: [...sw.personality.sampleChange] });
    await recognised(ear, { event: 'config-changed', via: 'trap', from: sw.address });
    await recognised(ear, { event: 'config-changed', via: 'syslog', from: sw.address });
  });
});
