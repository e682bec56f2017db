// The NX-OS and ArubaOS-Switch lab personalities' notices, all the way round, as
// lab-notify-roundtrip.test.ts does for the others: a fleet with one address per switch sends to
// switchback's own receivers (startTrapReceiver with the lab's v3 user, startSyslogReceiver), and
// what they hand on goes through recognise() with the platform's own rules. NX-OS: a power-cycle
// (coldStart), a vPC peer link cut (the secondary's %VPC-2-VPC_SUSP_ALL_VPC, from its address
// only), a change (%VSHD-5-VSHD_SYSLOG_CONFIG_I). AOS-S: a member lost and back (both
// hpStackMemberStatusChange, which the rules read as member-lost: the check tells which), the
// commander lost (hpStackCommanderChange → role-change), a change (hpSwitchRunningConfigChange).
// Each test waits for what it expects; it never assumes how fast.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabFleet } from '../../src/lab/fleet.js';
import { frameSyslog } from '../../src/lab/notifications.js';
import { parseSyslog } from '../../src/transport/syslog-parse.js';
import { allHeard, fleetOf, listen, quietMember, recognised, WAIT } from '../helpers/notify-roundtrip.js';
import type { Ear } from '../helpers/notify-roundtrip.js';

describe('the NX-OS syslog framing', () => {
  it('is read back by switchback’s parser as the real capture is: origin name, year-first UTC time, the message', () => {
    const text = frameSyslog(
      'host-year',
      { kind: 'syslog', facility: 23, severity: 2, text: '%VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....' },
      { hostname: 'nx-02', now: Date.UTC(2026, 11, 7, 9, 5, 3), counter: 1 },
    );
    expect(text).toBe('<186>nx-02: 2026 Dec 07 09:05:03 UTC: %VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....');
    expect(parseSyslog(text)).toMatchObject({
      facility: 23,
      severity: 2,
      host: 'nx-02',
      timestamp: '2026 Dec 07 09:05:03 UTC',
      text: '%VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....',
    });
  });
});

describe('cisco-nxos (a vPC pair): lab notices round trip to recognise()', () => {
  let ear: Ear;
  let fleet: LabFleet;
  beforeAll(async () => {
    ear = await listen('cisco-nxos');
    fleet = await fleetOf(ear, 'cisco-nxos', 2);
  });
  afterAll(async () => {
    await fleet?.stop();
    await ear?.close();
  });

  it('power-cycle --lose-config: reload (coldStart), from that switch’s address only', async () => {
    const sw = fleet.switches[1]!;
    await fleet.apply(sw.name, { kind: 'power-cycle', loseConfig: true });
    const reloads = await recognised(ear, { event: 'reload', via: 'trap' }, 'a reload trap');
    await allHeard(ear, fleet);
    expect(reloads.map((r) => r.from)).toEqual([sw.address]);
    expect(new Set(ear.heard.map((h) => h.from))).toEqual(new Set([sw.address]));
  });

  it('peer-link down: pair-peer-lost from the secondary’s address only (the primary says nothing)', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    ear.unrecognised.length = 0;
    const primary = fleet.switches.find((s) => s.spec.pair?.role === 'primary')!;
    const secondary = fleet.switches.find((s) => s.spec.pair?.role === 'secondary')!;
    // Typed at either peer: the link is the pair's.
    await fleet.apply(primary.name, { kind: 'peer-link', up: false });
    const lost = await recognised(ear, { event: 'pair-peer-lost' }, 'the peer link lost');
    await allHeard(ear, fleet);
    expect(lost.map((h) => [h.from, h.via])).toEqual([[secondary.address, 'syslog']]);
    expect(ear.heard.filter((h) => h.from === primary.address)).toEqual([]);
    expect(ear.unrecognised).toEqual([]);
    // Back up, then down again: said again, once per cut; a link already down says nothing more.
    await fleet.apply(secondary.name, { kind: 'peer-link', up: true });
    await fleet.apply(secondary.name, { kind: 'peer-link', up: false });
    await fleet.apply(secondary.name, { kind: 'peer-link', up: false });
    await allHeard(ear, fleet);
    expect(ear.heard.filter((h) => h.event === 'pair-peer-lost').map((h) => h.from)).toEqual([secondary.address, secondary.address]);
    await fleet.apply(secondary.name, { kind: 'peer-link', up: true });
  });

  it('a change: config-changed from %VSHD-5-VSHD_SYSLOG_CONFIG_I, from that switch', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const sw = fleet.switches[0]!;
    await fleet.apply(sw.name, { kind: 'change', lines: [...sw.personality.sampleChange] });
    const changed = await recognised(ear, { event: 'config-changed' });
    expect(changed.map((h) => [h.from, h.via])).toEqual([[sw.address, 'syslog']]);
    console.log(`cisco-nxos change heard: ${changed.map((h) => h.detail).join('; ')}`);
  });
});

describe('aruba-os-switch (backplane stacks): lab notices round trip to recognise()', () => {
  let ear: Ear;
  let fleet: LabFleet;
  beforeAll(async () => {
    ear = await listen('aruba-os-switch');
    // Four stacks of 2, 3, 1 and 4 members.
    fleet = await fleetOf(ear, 'aruba-os-switch', 4);
  });
  afterAll(async () => {
    await fleet?.stop();
    await ear?.close();
  });

  it('power-cycle: reload (coldStart), from that switch’s address only', async () => {
    const sw = fleet.switches[2]!;
    await fleet.apply(sw.name, { kind: 'power-cycle', loseConfig: false });
    const reloads = await recognised(ear, { event: 'reload', via: 'trap' });
    await allHeard(ear, fleet);
    expect(reloads.map((r) => r.from)).toEqual([sw.address]);
  });

  it('member-down: member-lost naming the member; member-up: member-lost again (hpStackMemberStatusChange both ways)', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const sw = fleet.switches[3]!;
    const member = quietMember(sw).number;
    await fleet.apply(sw.name, { kind: 'member-down', member });
    const lost = await recognised(ear, { event: 'member-lost', from: sw.address });
    await allHeard(ear, fleet);
    expect(lost.map((h) => [h.via, h.member])).toEqual([['trap', member]]);
    // A member that comes back sends the same notification ("becomes active or inactive"), not
    // hpStackMemberChange (a new member joining): the rules say member-lost, naming it.
    ear.heard.length = 0;
    await fleet.apply(sw.name, { kind: 'member-up', member });
    const back = await recognised(ear, { from: sw.address });
    await allHeard(ear, fleet);
    expect(back.map((h) => [h.event, h.member])).toEqual([['member-lost', member]]);
    expect(ear.unrecognised).toEqual([]);
  });

  it('the commander lost: member-lost for it, then role-change naming the new commander', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const sw = fleet.switches[1]!;
    const commander = sw.state.members.find((m) => m.role === 'active')!.number;
    await fleet.apply(sw.name, { kind: 'member-down', member: commander });
    const role = await recognised(ear, { event: 'role-change', from: sw.address });
    await allHeard(ear, fleet);
    const now = sw.state.members.find((m) => m.role === 'active')!.number;
    expect(now).not.toBe(commander);
    expect(ear.heard.map((h) => [h.event, h.member])).toEqual([
      ['member-lost', commander],
      ['role-change', now],
    ]);
    expect(role[0]!.via).toBe('trap');
    await fleet.apply(sw.name, { kind: 'member-up', member: commander });
  });

  it('feed A off: member-lost for each member on feed A of a stack still up', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const sw = fleet.switches[3]!;
    const onA = sw.state.members.filter((m) => m.feed === 'A' && m.powered && m.role !== 'active').map((m) => m.number);
    expect(onA.length).toBeGreaterThan(0);
    await fleet.feed('A', false);
    await vi.waitFor(() => {
      const got = ear.heard.filter((h) => h.from === sw.address && h.event === 'member-lost').map((h) => h.member);
      for (const m of onA) expect(got).toContain(m);
    }, WAIT);
    await fleet.feed('A', true);
    await allHeard(ear, fleet);
  });

  it('a change: config-changed from hpSwitchRunningConfigChange, from that switch', async () => {
    await allHeard(ear, fleet);
    ear.heard.length = 0;
    const sw = fleet.switches[0]!;
    await fleet.apply(sw.name, { kind: 'change', lines: [...sw.personality.sampleChange] });
    const changed = await recognised(ear, { event: 'config-changed' });
    expect(changed.map((h) => [h.from, h.via])).toEqual([[sw.address, 'trap']]);
  });
});
