// `lab up --trap-to --syslog-to`: a lab switch that reboots, loses or regains a stack member, loses
// a feed or is configured sends its platform's traps and syslog lines to real receivers on
// 127.0.0.1 (switchback's own trap receiver, configured with the lab's SNMPv3 user as the lab's
// inventory gives it, and a UDP socket). The traps are SNMPv3 authPriv by default; one block
// asks for v2c, one for informs. Each test waits for the datagrams it expects; it never assumes
// how fast they come.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';
import { startReceivers } from '../helpers/notify-receivers.js';
import type { ReceivedLine, ReceivedTrap, Receivers } from '../helpers/notify-receivers.js';

const COLD_START = '1.3.6.1.6.3.1.1.5.1';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const WAIT = { timeout: 20_000, interval: 50 };

/** Waits until a trap with this OID (and, given, passing `also`) has arrived; returns it. */
async function trapArrives(rx: Receivers, oid: string, also: (t: ReceivedTrap) => boolean = () => true): Promise<ReceivedTrap> {
  return vi.waitFor(() => {
    const t = rx.traps.find((x) => x.trapOid === oid && also(x));
    if (!t) throw new Error(`no trap ${oid} yet (have ${rx.traps.map((x) => x.trapOid).join(', ') || 'none'})`);
    return t;
  }, WAIT);
}

async function lineArrives(rx: Receivers, re: RegExp): Promise<ReceivedLine> {
  return vi.waitFor(() => {
    const l = rx.lines.find((x) => re.test(x.text));
    if (!l) throw new Error(`no syslog line matching ${re} yet (have ${JSON.stringify(rx.lines.map((x) => x.text))})`);
    return l;
  }, WAIT);
}

const valueOf = (t: ReceivedTrap, prefix: string) => t.varbinds.find((v) => v.oid.startsWith(prefix + '.'))?.value;
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

type EmitHow = Pick<NonNullable<Parameters<typeof startFleet>[0]['emit']>, 'trapVersion' | 'inform'>;

async function fleetSending(rx: Receivers, opts: Parameters<typeof startFleet>[0], how: EmitHow = {}): Promise<LabFleet> {
  return startFleet({
    ...opts,
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    emit: { trap: { host: '127.0.0.1', port: rx.trapPort }, syslog: { host: '127.0.0.1', port: rx.syslogPort }, ...how },
  });
}

/** IOS's own syslog form: `<189>N: *Mmm dd hh:mm:ss.mmm: ` (local7, the counter, the unset clock). */
const IOS_HEAD = String.raw`^<1(89|88)>\d+: \*[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3}: `;

describe('a cisco-ios stack sends what IOS-XE sends', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await fleetSending(rx, { count: 2, platform: 'cisco-ios', specs: [stackSpec('ios-a', 3, 1), stackSpec('ios-b', 3, 2)] });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle --lose-config: coldStart (SNMPv3 with the lab user, from the switch engine, sysUpTime first) and %SYS-5-RESTART, from 127.0.0.1', async () => {
    await fleet.apply('ios-a', { kind: 'power-cycle', loseConfig: true });
    const trap = await trapArrives(rx, COLD_START);
    expect(trap.from).toBe('127.0.0.1');
    expect(trap.firstOid).toBe(SYS_UPTIME);
    expect(trap).toMatchObject({ version: '3', user: TEST_CREDENTIALS.snmpV3.user, inform: false });
    expect(trap.community).toBeUndefined();
    // The trap's authoritative engine is the switch itself: the snmpEngineID its agent answers with.
    const sw = fleet.get('ios-a');
    expect(trap.engineID).toBe(sw.personality.snmp.engineId(sw.name).toString('hex'));
    expect(rx.drops).toEqual([]);
    const line = await lineArrives(rx, /%SYS-5-RESTART/);
    expect(line.from).toBe('127.0.0.1');
    expect(line.text).toMatch(new RegExp(IOS_HEAD + '%SYS-5-RESTART: System restarted --$'));
    // The counter starts again at boot: the restart line is the first message.
    expect(line.text).toMatch(/^<189>1: /);
  });

  it('a member lost: cswStackMemberRemoved naming it, and %STACKMGR-4-SWITCH_REMOVED', async () => {
    await fleet.apply('ios-a', { kind: 'member-down', member: 2 });
    const trap = await trapArrives(rx, '1.3.6.1.4.1.9.9.500.0.0.6', (t) => valueOf(t, '1.3.6.1.4.1.9.9.500.1.2.1.1.1') === 2);
    expect(trap.varbinds).toHaveLength(1);
    const line = await lineArrives(rx, /SWITCH_REMOVED: Switch 2 /);
    expect(line.text).toMatch(new RegExp(IOS_HEAD + '%STACKMGR-4-SWITCH_REMOVED: Switch 2 has been removed from the stack$'));
  });

  it('the active lost: the removal, and cswStackNewMaster naming the member that runs the stack now', async () => {
    await fleet.apply('ios-a', { kind: 'member-down', member: 1 });
    await lineArrives(rx, /SWITCH_REMOVED: Switch 1 /);
    const active = fleet.status().find((s) => s.name === 'ios-a')!.active!;
    expect(active).toBe(3);
    await trapArrives(rx, '1.3.6.1.4.1.9.9.500.0.0.2', (t) => valueOf(t, '1.3.6.1.4.1.9.9.500.1.2.1.1.1') === active);
  });

  it('a member back: cswStackNewMember and %STACKMGR-4-SWITCH_ADDED in the 17.x form, told by the active', async () => {
    await fleet.apply('ios-a', { kind: 'member-up', member: 2 });
    await trapArrives(rx, '1.3.6.1.4.1.9.9.500.0.0.5', (t) => valueOf(t, '1.3.6.1.4.1.9.9.500.1.2.1.1.1') === 2);
    const line = await lineArrives(rx, /SWITCH_ADDED/);
    expect(line.text).toMatch(new RegExp(IOS_HEAD + '%STACKMGR-4-SWITCH_ADDED: Switch 3 R0/0: stack_mgr: Switch 2 has been added to the stack\\.$'));
  });

  it('configured: ciscoConfigManEvent (with the user), ccmCLIRunningConfigChanged and %SYS-5-CONFIG_I', async () => {
    await fleet.apply('ios-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description printer'] });
    const trap = await trapArrives(rx, '1.3.6.1.4.1.9.9.43.2.0.1');
    expect(trap.varbinds.map((v) => (typeof v.value === 'number' ? v.value : text(v.value)))).toEqual([1, 2, 3, 'lab']);
    // The one the platform's rules take for a change: running last changed (ticks), a vty (5), the user.
    const cli = await trapArrives(rx, '1.3.6.1.4.1.9.9.43.2.0.2');
    expect(cli.varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.4.1.9.9.43.1.1.1.0', '1.3.6.1.4.1.9.9.43.1.1.6.1.6.1', '1.3.6.1.4.1.9.9.43.1.1.6.1.8.1']);
    expect(cli.varbinds.slice(1).map((v) => (typeof v.value === 'number' ? v.value : text(v.value)))).toEqual([5, 'lab']);
    await lineArrives(rx, new RegExp(IOS_HEAD + '%SYS-5-CONFIG_I: Configured from console by vty0 \\(127\\.0\\.0\\.1\\)$'));
  });

  it('feed A off: the members on it reported removed by the one left (ios-b: 1 and 3, leaving 2)', async () => {
    rx.lines.length = 0;
    rx.traps.length = 0;
    await fleet.feed('A', false);
    // ios-a's members on A (1 and 3, the active): its stack is left with member 2.
    // Both stacks report member 1 and member 3 gone.
    await lineArrives(rx, /SWITCH_REMOVED: Switch 1 /);
    await lineArrives(rx, /SWITCH_REMOVED: Switch 3 /);
    await vi.waitFor(() => {
      expect(rx.traps.filter((t) => t.trapOid === '1.3.6.1.4.1.9.9.500.0.0.6').map((t) => valueOf(t, '1.3.6.1.4.1.9.9.500.1.2.1.1.1'))).toEqual(
        expect.arrayContaining([1, 3]),
      );
    }, WAIT);
    expect(fleet.status().every((s) => s.up)).toBe(true);
  });
});

describe('a juniper-junos virtual chassis sends what Junos sends', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await fleetSending(rx, { count: 2, platform: 'juniper-junos' });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle --lose-config: coldStart', async () => {
    await fleet.apply('lab-sw-02', { kind: 'power-cycle', loseConfig: true });
    const trap = await trapArrives(rx, COLD_START);
    expect(trap.firstOid).toBe(SYS_UPTIME);
  });

  it('a member lost: jnxVccpMemberDown with its serial and model, and VCCPD_PROTOCOL_ADJDOWN in BSD form with the hostname', async () => {
    const sw = fleet.get('lab-sw-02');
    const member = sw.state.members.find((m) => m.role !== 'active')!;
    await fleet.apply('lab-sw-02', { kind: 'member-down', member: member.number });
    const trap = await trapArrives(rx, '1.3.6.1.4.1.2636.4.14.0.4');
    expect(text(valueOf(trap, '1.3.6.1.4.1.2636.3.40.1.4.1.1.1.2'))).toBe(member.serial);
    expect(text(valueOf(trap, '1.3.6.1.4.1.2636.3.40.1.4.1.1.1.8'))).toBe(member.model);
    const hostname = sw.personality.hostname(sw.state);
    const line = await lineArrives(rx, /VCCPD_PROTOCOL_ADJDOWN/);
    expect(line.text).toMatch(
      new RegExp(
        `^<29>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d ${hostname} vccpd\\[\\d+\\]: VCCPD_PROTOCOL_ADJDOWN: Lost adjacency to member ${member.number} on vcp-0$`,
      ),
    );
  });

  it('the member back: jnxVccpMemberUp and VCCPD_PROTOCOL_ADJUP', async () => {
    const member = fleet.get('lab-sw-02').state.members.find((m) => !m.powered)!;
    await fleet.apply('lab-sw-02', { kind: 'member-up', member: member.number });
    await trapArrives(rx, '1.3.6.1.4.1.2636.4.14.0.3');
    await lineArrives(rx, new RegExp(`VCCPD_PROTOCOL_ADJUP: New adjacency to member ${member.number} on vcp-0$`));
  });
});

describe('an aruba-aoscx VSF stack sends what AOS-CX sends', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await fleetSending(rx, { count: 2, platform: 'aruba-aoscx' });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle: coldStart; a member lost: arubaWiredVsfv2MemberStatusChange with not_present; back: ready', async () => {
    await fleet.apply('lab-sw-02', { kind: 'power-cycle', loseConfig: false });
    await trapArrives(rx, COLD_START);
    const member = fleet.get('lab-sw-02').state.members.find((m) => m.role === 'member' || m.role === 'standby')!;
    await fleet.apply('lab-sw-02', { kind: 'member-down', member: member.number });
    const ENTRY = '1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1';
    const lost = await trapArrives(rx, '1.3.6.1.4.1.47196.4.1.1.3.15.0.1', (t) => text(valueOf(t, `${ENTRY}.3`)) === 'not_present');
    expect(valueOf(lost, `${ENTRY}.1`)).toBe(member.number);
    await fleet.apply('lab-sw-02', { kind: 'member-up', member: member.number });
    await trapArrives(rx, '1.3.6.1.4.1.47196.4.1.1.3.15.0.1', (t) => text(valueOf(t, `${ENTRY}.3`)) === 'ready');
  });
});

describe('an arista-eos switch sends what EOS sends', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await fleetSending(rx, { count: 2, platform: 'arista-eos' });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle: coldStart; configured: aristaConfigManEvent', async () => {
    await fleet.apply('lab-sw-01', { kind: 'power-cycle', loseConfig: true });
    await trapArrives(rx, COLD_START);
    await fleet.apply('lab-sw-01', { kind: 'change', lines: [...fleet.get('lab-sw-01').personality.sampleChange] });
    await trapArrives(rx, '1.3.6.1.4.1.30065.3.9.3.0.1');
  });
});

describe('--trap-version 2c: the lab community instead of the v3 user', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers({ accept: '2c' });
    fleet = await fleetSending(rx, { count: 1, specs: [stackSpec('v2-a', 2)] }, { trapVersion: '2c' });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle: a v2c coldStart with the lab community, accepted by a receiver that knows only the community', async () => {
    await fleet.apply('v2-a', { kind: 'power-cycle', loseConfig: false });
    const trap = await trapArrives(rx, COLD_START);
    expect(trap).toMatchObject({ version: '2c', community: TEST_CREDENTIALS.snmpCommunity, firstOid: SYS_UPTIME });
    expect(trap.user).toBeUndefined();
    expect(rx.drops).toEqual([]);
  });
});

describe('a receiver that knows only the community drops the default v3 traps (as a watch would)', () => {
  it('counts the coldStart as a drop, not a trap', async () => {
    const rx = await startReceivers({ accept: '2c' });
    const fleet = await fleetSending(rx, { count: 1, specs: [stackSpec('v3-x', 1)] });
    try {
      await fleet.apply('v3-x', { kind: 'power-cycle', loseConfig: false });
      // The syslog restart line is the sign the switch spoke; its trap came first on the same notifier.
      await lineArrives(rx, /%SYS-5-RESTART/);
      await fleet.get('v3-x').notifier!.idle();
      await vi.waitFor(() => expect(rx.drops.map((d) => d.reason)).toContain('unknown-user'), WAIT);
      expect(rx.traps).toEqual([]);
    } finally {
      await fleet.stop();
      await rx.close();
    }
  });
});

describe('--inform: SNMPv3 informs, acknowledged by the receiver', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await fleetSending(rx, { count: 1, specs: [stackSpec('inf-a', 2)] }, { inform: true });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('power-cycle and a member lost: informs with the lab user, each acknowledged (sent, none failed)', async () => {
    await fleet.apply('inf-a', { kind: 'power-cycle', loseConfig: false });
    const cold = await trapArrives(rx, COLD_START);
    expect(cold).toMatchObject({ version: '3', user: TEST_CREDENTIALS.snmpV3.user, inform: true });
    await fleet.apply('inf-a', { kind: 'member-down', member: 2 });
    await trapArrives(rx, '1.3.6.1.4.1.9.9.500.0.0.6', (t) => t.inform && valueOf(t, '1.3.6.1.4.1.9.9.500.1.2.1.1.1') === 2);
    const sw = fleet.get('inf-a');
    await sw.notifier!.idle();
    // An inform counts as sent only once its acknowledgement came back.
    expect(sw.notifier!.counts.failed).toBe(0);
    expect(rx.drops).toEqual([]);
  });
});

describe('sending never stands in the lab’s way', () => {
  it('with nobody listening at the receivers, every event still happens and the lab answers', async () => {
    const rx = await startReceivers();
    const ports = { trap: rx.trapPort, syslog: rx.syslogPort };
    await rx.close(); // nothing listens there any more
    const fleet = await startFleet({
      count: 1,
      specs: [stackSpec('ios-x', 2)],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      emit: { trap: { host: '127.0.0.1', port: ports.trap }, syslog: { host: '127.0.0.1', port: ports.syslog } },
    });
    try {
      await fleet.apply('ios-x', { kind: 'power-cycle', loseConfig: true });
      await fleet.apply('ios-x', { kind: 'member-down', member: 2 });
      await fleet.apply('ios-x', { kind: 'member-up', member: 2 });
      const sw = fleet.get('ios-x');
      await sw.notifier!.idle();
      expect(sw.notifier!.counts.sent + sw.notifier!.counts.failed).toBeGreaterThanOrEqual(6);
      expect(fleet.status()[0]).toMatchObject({ up: true, boots: 2 });
    } finally {
      await fleet.stop();
    }
  });
});
