// The pure judgements SNMP facts feed: unsaved from ccmHistory, reboots since a
// recorded boot (across the 497-day sysUpTime wrap), the boot record a backup keeps,
// platform detection, and the stack verdict of `check --snmp`.

import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { judgeStack, duration } from '../../src/jobs/check-snmp.js';
import {
  bootRecordOf,
  detectPlatform,
  isoSecond,
  nextBootRecord,
  rebootSince,
  runningChangedSecondsAgo,
  unsavedOverSnmp,
  unwrapUptime,
  WRAP_TICKS,
} from '../../src/jobs/snmp-facts.js';
import type { StackMember } from '../../src/platforms/platform.js';

const MIN = 60 * 100; // a minute in ticks
const DAY = 86_400 * 100;
const GRACE = 300;

describe('unsavedOverSnmp', () => {
  it('saved when running last changed before startup was written; unsaved after', () => {
    expect(unsavedOverSnmp(10 * DAY, 10 * DAY + 4 * MIN, 20 * DAY, GRACE)).toBe('saved');
    expect(unsavedOverSnmp(15 * DAY, 10 * DAY, 20 * DAY, GRACE)).toBe('unsaved');
    // The same tick (a save in the same hundredth) is saved.
    expect(unsavedOverSnmp(10 * DAY, 10 * DAY, 20 * DAY, GRACE)).toBe('saved');
  });

  it('0 means "not since boot": a change since boot with startup never written is unsaved', () => {
    expect(unsavedOverSnmp(3 * DAY, 0, 5 * DAY, GRACE)).toBe('unsaved');
    expect(unsavedOverSnmp(0, 0, 5 * DAY, GRACE)).toBe('saved');
    expect(unsavedOverSnmp(0, 2 * DAY, 5 * DAY, GRACE)).toBe('saved');
  });

  it('right after boot, applying startup-config is no unsaved change: grace, then saved', () => {
    // Booted 60 s ago; the config was applied 45 s after boot; nothing written since.
    expect(unsavedOverSnmp(45 * 100, 0, 60 * 100, GRACE)).toBe('grace');
    // Later, that boot-time change still is not one.
    expect(unsavedOverSnmp(45 * 100, 0, 2 * DAY, GRACE)).toBe('saved');
    // A change after the grace period is.
    expect(unsavedOverSnmp(10 * MIN, 0, 2 * DAY, GRACE)).toBe('unsaved');
    // So is one made minutes after boot, inside the grace period, by someone re-typing what was lost;
    // it stays unsaved once the grace period is over.
    expect(unsavedOverSnmp(2 * MIN, 0, 3 * MIN, GRACE, 60)).toBe('unsaved');
    expect(unsavedOverSnmp(2 * MIN, 0, 10 * MIN, GRACE, 60)).toBe('unsaved');
    expect(unsavedOverSnmp(45 * 100, 0, 10 * MIN, GRACE, 60)).toBe('saved');
    // Saved during the grace period, then changed: unsaved even within it.
    expect(unsavedOverSnmp(2 * MIN, 1 * MIN, 3 * MIN, GRACE)).toBe('unsaved');
  });

  it('tolerates values wrapped or negative (a time before boot)', () => {
    // The real walk: RunningLastChanged 4216453087 > sysUpTime 170074009, i.e. -78514209.
    expect(unsavedOverSnmp(4216453087, 101042911, 170074009, GRACE)).toBe('saved');
    expect(unsavedOverSnmp(-78514209, 101042911, 170074009, GRACE)).toBe('saved');
    // Uptime past one wrap (unwrapped by the caller), values read modulo 2^32.
    const up = WRAP_TICKS + 10 * DAY;
    const running = (WRAP_TICKS + 9 * DAY) % WRAP_TICKS; // a day ago
    const startup = (WRAP_TICKS - 5 * DAY) % WRAP_TICKS; // 15 days ago
    expect(unsavedOverSnmp(running, startup, up, GRACE)).toBe('unsaved');
    expect(unsavedOverSnmp(startup, running, up, GRACE)).toBe('saved');
    // sysUpTime as read, itself wrapped (3 days past a wrap), a change a day ago and a save 20 days ago.
    expect(unsavedOverSnmp(2 * DAY, WRAP_TICKS - 17 * DAY, 3 * DAY, GRACE)).toBe('unsaved');
  });

  it('unknown when a value is missing', () => {
    expect(unsavedOverSnmp(null, 5, 10, GRACE)).toBe('unknown');
    expect(unsavedOverSnmp(5, undefined, 10, GRACE)).toBe('unknown');
    expect(unsavedOverSnmp(5, 5, null, GRACE)).toBe('unknown');
    expect(unsavedOverSnmp(5, 5, Number.NaN, GRACE)).toBe('unknown');
  });

  it('says how long ago running changed', () => {
    expect(runningChangedSecondsAgo(10 * DAY, 10 * DAY + 90 * 100)).toBe(90);
    expect(runningChangedSecondsAgo(WRAP_TICKS - 100, 200)).toBe(3);
    expect(runningChangedSecondsAgo(null, 5)).toBeNull();
  });
});

describe('unwrapUptime', () => {
  it('adds back the wraps snmpEngineTime shows', () => {
    const seconds = 498 * 86_400;
    const read = (seconds * 100) % WRAP_TICKS;
    expect(unwrapUptime(read, seconds)).toBe(seconds * 100);
    expect(unwrapUptime(read, seconds + 30)).toBe(seconds * 100); // the two counters start a little apart
  });

  it('keeps sysUpTime when it did not wrap, when the engine restarted on its own, or without engine time', () => {
    expect(unwrapUptime(5 * DAY, 5 * 86_400)).toBe(5 * DAY);
    expect(unwrapUptime(5 * DAY, 60)).toBe(5 * DAY);
    expect(unwrapUptime(5 * DAY, null)).toBe(5 * DAY);
    // Engine time far from any whole wrap: not a wrap.
    expect(unwrapUptime(5 * DAY, 300 * 86_400)).toBe(5 * DAY);
  });
});

describe('rebootSince', () => {
  const at = Date.parse('2026-06-01T12:00:00Z');
  const bootedAt = '2026-05-01T08:00:00Z';
  const uptimeTicks = (at - Date.parse(bootedAt)) / 10;

  it('the same boot: no reboot, within the tolerance either way', () => {
    expect(rebootSince({ boots: 4, bootedAt }, { boots: 4, sysUpTime: uptimeTicks, at })).toEqual({ rebooted: false });
    expect(rebootSince({ boots: 4, bootedAt }, { boots: 4, sysUpTime: uptimeTicks - 2 * MIN, at })).toEqual({ rebooted: false });
    expect(rebootSince({ boots: 4, bootedAt }, { boots: 4, sysUpTime: uptimeTicks + 2 * MIN, at })).toEqual({ rebooted: false });
  });

  it('snmpEngineBoots grew: rebooted, and when, from sysUpTime', () => {
    expect(rebootSince({ boots: 4, bootedAt }, { boots: 5, sysUpTime: 90 * 100, at })).toEqual({
      rebooted: true,
      at: '2026-06-01T11:58:30Z',
      by: 'engine-boots',
      bootsBefore: 4,
      bootsAfter: 5,
    });
    // Even when the uptime would hide it (booted at the same wall-clock moment, to the second).
    expect(rebootSince({ boots: 4, bootedAt }, { boots: 5, sysUpTime: uptimeTicks, at })).toMatchObject({ rebooted: true, by: 'engine-boots' });
    // Or went back (a chassis swap, an engine reset).
    expect(rebootSince({ boots: 9, bootedAt }, { boots: 1, sysUpTime: 90 * 100, at })).toMatchObject({ rebooted: true, by: 'engine-boots' });
  });

  it('without a boot counter, uptime that started again after the record is a reboot', () => {
    expect(rebootSince({ boots: null, bootedAt }, { boots: null, sysUpTime: 10 * MIN, at })).toEqual({
      rebooted: true,
      at: '2026-06-01T11:50:00Z',
      by: 'uptime',
      bootsBefore: null,
      bootsAfter: null,
    });
    // An agent whose counter never moves (1 forever) still shows the reboot by its uptime.
    expect(rebootSince({ boots: 1, bootedAt }, { boots: 1, sysUpTime: 10 * MIN, at })).toMatchObject({ rebooted: true, by: 'uptime' });
  });

  it('a sysUpTime wrap (497.1 days) is not a reboot', () => {
    const longAgo = Date.parse('2025-01-01T00:00:00Z');
    const realTicks = (at - longAgo) / 10; // 516 days: past one wrap
    const read = realTicks % WRAP_TICKS;
    const previous = { bootedAt: isoSecond(longAgo) };
    expect(realTicks).toBeGreaterThan(WRAP_TICKS);
    // Read as it comes (wrapped): the boot time moved by exactly one wrap.
    expect(rebootSince({ ...previous, boots: 3 }, { boots: 3, sysUpTime: read, at })).toEqual({ rebooted: false });
    expect(rebootSince({ ...previous, boots: null }, { boots: null, sysUpTime: read, at })).toEqual({ rebooted: false });
    // Unwrapped with snmpEngineTime: the same boot.
    expect(rebootSince({ ...previous, boots: 3 }, { boots: 3, sysUpTime: realTicks, at })).toEqual({ rebooted: false });
    // With a few hours of clock drift over 516 days, and the counter unchanged, still the same boot.
    expect(rebootSince({ ...previous, boots: 3 }, { boots: 3, sysUpTime: read - 3 * 3600 * 100, at })).toEqual({ rebooted: false });
    // But a real reboot past the wrap is one.
    expect(rebootSince({ ...previous, boots: 3 }, { boots: 4, sysUpTime: 5 * MIN, at })).toMatchObject({ rebooted: true });
  });

  it('a record in an odd shape is no reboot', () => {
    expect(rebootSince({ boots: null, bootedAt: 'yesterday' }, { boots: null, sysUpTime: 5, at })).toEqual({ rebooted: false });
  });
});

describe('the boot record a backup keeps', () => {
  const at = Date.parse('2026-06-01T12:00:00.400Z');

  it('is the boot time to the second and the counter', () => {
    expect(nextBootRecord(undefined, { engineBoots: 7, uptimeTicks: 3600 * 100, at })).toEqual({ engineBoots: 7, bootedAt: '2026-06-01T11:00:00Z' });
  });

  it('stays as it was within ±5 minutes of the same boot, so an unchanged device commits nothing', () => {
    const previous = { engineBoots: 7, bootedAt: '2026-06-01T10:58:00Z' };
    expect(nextBootRecord(previous, { engineBoots: 7, uptimeTicks: 3600 * 100, at })).toBe(previous);
    expect(nextBootRecord(previous, { engineBoots: 7, uptimeTicks: 3600 * 100 - 6 * MIN, at })).toEqual({ engineBoots: 7, bootedAt: '2026-06-01T11:06:00Z' });
    expect(nextBootRecord(previous, { engineBoots: 8, uptimeTicks: 3600 * 100, at })).toEqual({ engineBoots: 8, bootedAt: '2026-06-01T11:00:00Z' });
    expect(nextBootRecord(previous, { engineBoots: 7, uptimeTicks: null, at })).toBe(previous);
  });

  it('is read back from state.json only in the shape a backup writes', () => {
    expect(bootRecordOf({ snmp: { engineBoots: 7, bootedAt: '2026-06-01T11:00:00Z' } })).toEqual({ engineBoots: 7, bootedAt: '2026-06-01T11:00:00Z' });
    expect(bootRecordOf({ snmp: { engineBoots: null, bootedAt: '2026-06-01T11:00:00Z' } })).toEqual({ engineBoots: null, bootedAt: '2026-06-01T11:00:00Z' });
    expect(bootRecordOf({ snmp: { bootedAt: 5 } })).toBeUndefined();
    expect(bootRecordOf({ platform: 'cisco-ios' })).toBeUndefined();
    expect(bootRecordOf(undefined)).toBeUndefined();
  });
});

describe('detectPlatform', () => {
  it('resolves over every platform, and says what matched', () => {
    expect(detectPlatform('1.3.6.1.4.1.9.1.2494', 'Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE)')?.by).toBe(
      'sysObjectID and sysDescr',
    );
    expect(detectPlatform(undefined, undefined)).toBeUndefined();
    expect(detectPlatform('', '')).toBeUndefined();
  });
});

describe('judgeStack (check --snmp)', () => {
  const device = (numbers: number[] | undefined): Device =>
    ({
      name: 'core-1',
      host: '127.0.0.1',
      port: 22,
      platform: 'cisco-ios',
      tags: [],
      credentials: { username: 'u' },
      transport: 'ssh',
      timeouts: { commandMs: 1, deviceMs: 1 },
      origin: { file: 'x.yaml', index: 0 },
      ...(numbers ? { stack: { members: numbers.map((number) => ({ number })) } } : {}),
    }) as Device;
  const m = (number: number, role: StackMember['role'], state = 'ready'): StackMember => ({ number, role, state });
  const healthy = [m(1, 'active'), m(2, 'standby'), m(3, 'member')];

  it('a healthy stack has no problems', () => {
    expect(judgeStack(healthy, device([1, 2, 3]), { active: 1, members: healthy })).toMatchObject({
      ready: 3,
      expected: 3,
      missing: [],
      active: 1,
      problems: [],
    });
  });

  it('the active lost power: the member is named, the new active and the one before', () => {
    const after = [m(1, 'member', 'removed'), m(2, 'active'), m(3, 'standby')];
    expect(judgeStack(after, device([1, 2, 3]), { active: 1, members: healthy })).toMatchObject({
      ready: 2,
      expected: 3,
      missing: [1],
      active: 2,
      previousActive: 1,
      problems: ['member 1 missing (removed)'],
    });
  });

  it('members not reported, provisioned only, version mismatch, no standby, not in the inventory', () => {
    const seen = [m(1, 'active'), m(2, 'member', 'provisioned'), m(3, 'member', 'version-mismatch'), m(5, 'member')];
    expect(judgeStack(seen, device([1, 2, 3, 4]), { active: 1, members: healthy })!.problems).toEqual([
      'member 2 provisioned only (configured, no hardware)',
      'member 3 version mismatch (not ready)',
      'member 4 missing (not reported)',
      'member 5 not in the inventory',
      'no standby',
    ]);
  });

  it('renumbered: a member number gone and a new one with the same serial (or MAC); members on different versions', () => {
    const before = [
      { ...m(1, 'active'), serial: 'FOC1', mac: '0001.0001.0001' },
      { ...m(2, 'standby'), serial: 'FOC2', mac: '0002.0002.0002' },
      { ...m(3, 'member'), serial: 'FOC3', mac: '0003.0003.0003' },
    ];
    const now = [
      { ...m(1, 'active'), serial: 'FOC1', version: '17.09.04a' },
      { ...m(2, 'standby'), serial: 'FOC2', version: '17.09.04a' },
      { ...m(4, 'member'), mac: '0003.0003.0003', version: '17.06.01' },
    ];
    expect(judgeStack(now, device([1, 2, 3]), { active: 1, members: before })!.problems).toEqual([
      'member 3 renumbered to 4 (same MAC 0003.0003.0003)',
      'version mismatch: members 1, 2 on 17.09.04a, member 4 on 17.06.01',
    ]);
  });

  it('a stack that never had a standby (Catalyst 3750: Master and Members) is not missing one', () => {
    const masterAndMembers = [m(1, 'active'), m(2, 'member'), m(3, 'member')];
    expect(judgeStack(masterAndMembers, device([1, 2, 3]), { active: 1, members: masterAndMembers })!.problems).toEqual([]);
    expect(judgeStack(masterAndMembers, device([1, 2, 3]), {})!.problems).toEqual(['no standby']);
  });

  it('nothing to judge without members from the switch; a standalone switch needs no standby', () => {
    expect(judgeStack(null, device([1, 2]), {})).toBeNull();
    expect(judgeStack([m(1, 'active')], device([1]), {})!.problems).toEqual([]);
    expect(judgeStack([m(1, 'active')], device(undefined), {})!.problems).toEqual([]);
  });
});

describe('duration', () => {
  it('words seconds for a person', () => {
    expect([duration(45), duration(600), duration(3 * 3600 + 20 * 60), duration(7200), duration(5 * 86_400)]).toEqual([
      '45 s',
      '10 min',
      '3 h 20 min',
      '2 h',
      '5 days',
    ]);
  });
});
