// The recogniser: a received syslog message or trap + the device's platform rules → a watch event,
// or null. Syslog cases go through the real parser first (datagram → record → event), with real
// messages where one exists (test/fixtures/syslog, SOURCES.md) and each platform rule exercised
// by at least one example of its message.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SyslogRule, TrapRule } from '../../src/platforms/notifications.js';
import { SYSLOG_RULES as ARISTA_EOS } from '../../src/platforms/arista-eos/syslog.js';
import { SYSLOG_RULES as ARUBA_AOSCX } from '../../src/platforms/aruba-aoscx/syslog.js';
import { SYSLOG_RULES as ARUBA_OS_SWITCH } from '../../src/platforms/aruba-os-switch/syslog.js';
import { SYSLOG_RULES as CISCO_IOS } from '../../src/platforms/cisco-ios/syslog.js';
import { SYSLOG_RULES as CISCO_NXOS } from '../../src/platforms/cisco-nxos/syslog.js';
import { SYSLOG_RULES as DELL_OS10 } from '../../src/platforms/dell-os10/syslog.js';
import { SYSLOG_RULES as DELL_OS6 } from '../../src/platforms/dell-os6/syslog.js';
import { SYSLOG_RULES as FRR } from '../../src/platforms/frr/syslog.js';
import { SYSLOG_RULES as JUNIPER_JUNOS } from '../../src/platforms/juniper-junos/syslog.js';
import { isSyslogProblem, parseSyslog } from '../../src/transport/syslog-parse.js';
import { recognise } from '../../src/watch/recognise.js';
import type { Recognised, TrapInput } from '../../src/watch/recognise.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/syslog/${name}`, import.meta.url));

/** A datagram as the receiver would hand it on, recognised for device `sw1`. */
function fromDatagram(datagram: Buffer | string, rules: readonly SyslogRule[]): Recognised | null {
  const parsed = parseSyslog(datagram);
  if (isSyslogProblem(parsed)) throw new Error(parsed.problem);
  return recognise('sw1', { kind: 'syslog', ...parsed }, { syslog: rules });
}

const ALL: Record<string, readonly SyslogRule[]> = {
  'cisco-ios': CISCO_IOS,
  'cisco-nxos': CISCO_NXOS,
  'arista-eos': ARISTA_EOS,
  'juniper-junos': JUNIPER_JUNOS,
  'aruba-aoscx': ARUBA_AOSCX,
  'aruba-os-switch': ARUBA_OS_SWITCH,
  'dell-os6': DELL_OS6,
  'dell-os10': DELL_OS10,
  frr: FRR,
};

/**
 * One datagram per rule, what the rule's source shows (real datagrams from the fixtures where
 * there is one; otherwise the documented or captured message text in a syslog header).
 */
const EXAMPLES: Record<string, { datagram: Buffer | string; event: string; member?: number }[]> = {
  'cisco-ios': [
    { datagram: '<189>123: *Mar  1 00:00:10.123: %SYS-5-RESTART: System restarted --', event: 'reload' },
    { datagram: '<188>45: sw1: Jun 19 22:00:48.123: %STACKMGR-4-SWITCH_REMOVED: Switch 1 has been removed from the stack', event: 'member-lost', member: 1 },
    // IOS-XE: the reporting switch first, the member the sentence is about second.
    {
      datagram: '<188>46: *Apr  1 15:38:08.534: %STACKMGR-4-SWITCH_ADDED: Switch 1 R0/0: stack_mgr: Switch 3 has been added to the stack.',
      event: 'member-added',
      member: 3,
    },
    { datagram: '<188>47: *Mar  1 00:00:20.257: %STACKMGR-4-SWITCH_ADDED: Switch 2 has been ADDED to the stack', event: 'member-added', member: 2 },
    {
      datagram: '<190>48: *Apr  1 15:38:14.393: %STACKMGR-6-ACTIVE_ELECTED: Switch 1 R0/0: stack_mgr: Switch 2 has been elected ACTIVE.',
      event: 'role-change',
      member: 2,
    },
    { datagram: fixture('napalm-logs-ios-config-i.msg'), event: 'config-changed' },
  ],
  'cisco-nxos': [
    {
      datagram: '<186>2019 Oct 22 05:15:26 NXOS1 %$ VDC-1 %$ %VPC-2-VPC_SUSP_ALL_VPC: Peer-link going down, suspending all vPCs on secondary....',
      event: 'pair-peer-lost',
    },
    { datagram: '<189>sw01: 2014 Jun 29 19:20:57 UTC: %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on console0', event: 'config-changed' },
  ],
  'arista-eos': [{ datagram: fixture('napalm-logs-eos-config-i.msg'), event: 'config-changed' }],
  'juniper-junos': [
    { datagram: '<29>Mar 10 12:00:00 ex-vc vccpd[1500]: VCCPD_PROTOCOL_ADJDOWN: Lost adjacency to 0019.e250.4c80 on vcp-0,', event: 'member-lost' },
    { datagram: '<30>Mar 10 12:03:00 ex-vc vccpd[1500]: VCCPD_PROTOCOL_ADJUP: New adjacency to 0019.e250.4c80 on vcp-0', event: 'member-added' },
    { datagram: fixture('napalm-logs-junos-ui-commit.msg'), event: 'config-changed' },
  ],
  'aruba-aoscx': [{ datagram: '<14>Mar 10 12:00:00 cx-1 hpe-vsx: VSX 1 state local up, remote down', event: 'pair-peer-lost' }],
};

describe('platform syslog rules', () => {
  it('every rule names its source and keeps no state between messages', () => {
    for (const [platform, rules] of Object.entries(ALL))
      for (const rule of rules) {
        expect(rule.source.length, platform).toBeGreaterThan(20);
        expect(rule.match.global || rule.match.sticky, `${platform} ${rule.match}`).toBe(false);
      }
  });

  for (const [platform, examples] of Object.entries(EXAMPLES))
    it(`${platform}: each message is recognised as its event, with the member it names`, () => {
      const rules = ALL[platform] as readonly SyslogRule[];
      const used = new Set<SyslogRule>();
      for (const { datagram, event, member } of examples) {
        const got = fromDatagram(datagram, rules);
        expect(got, String(datagram)).toMatchObject({ device: 'sw1', event });
        expect(got?.member).toBe(member);
        expect(got?.detail).toMatch(/^syslog: /);
        used.add(rules.find((r) => r.match.test(String(datagram))) as SyslogRule);
      }
      // Every rule of the platform has an example above: no rule ships untested.
      expect(rules.filter((r) => !used.has(r))).toEqual([]);
    });

  it('messages that are not events are not recognised', () => {
    expect(fromDatagram(fixture('napalm-logs-ios-link-changed.msg'), CISCO_IOS)).toBeNull();
    expect(fromDatagram(fixture('napalm-logs-nxos-user-login.msg'), CISCO_NXOS)).toBeNull();
    // A commit in progress is not the commit request (that one is the change, once).
    expect(fromDatagram(fixture('napalm-logs-junos-commit-progress.msg'), JUNIPER_JUNOS)).toBeNull();
    // The same words on another platform's rules mean nothing there.
    expect(fromDatagram(fixture('napalm-logs-junos-ui-commit.msg'), CISCO_IOS)).toBeNull();
    expect(fromDatagram('<14>Oct 11 22:14:15 host app: nothing happened', CISCO_IOS)).toBeNull();
  });

  it('a platform without rules recognises nothing', () => {
    for (const rules of [ARUBA_OS_SWITCH, DELL_OS6, DELL_OS10, FRR]) expect(fromDatagram(fixture('napalm-logs-ios-config-i.msg'), rules)).toBeNull();
  });

  it('quotes a long message shortened in the detail', () => {
    const got = recognise('sw1', { kind: 'syslog', text: `%SYS-5-CONFIG_I: Configured from console by ${'x'.repeat(400)}` }, { syslog: CISCO_IOS });
    expect(got?.detail.length).toBeLessThan(200);
    expect(got?.detail.endsWith('…')).toBe(true);
  });

  it('a rule with the g flag does not skip every other message', () => {
    const rules: SyslogRule[] = [{ match: /boom/g, event: 'reload', source: 'test rule with a global flag' }];
    for (let i = 0; i < 3; i++) expect(recognise('sw1', { kind: 'syslog', text: 'boom' }, { syslog: rules })?.event).toBe('reload');
  });
});

describe('traps', () => {
  const trap = (trapOid: string, varbinds: TrapInput['varbinds'] = []): TrapInput => ({ kind: 'trap', trapOid, varbinds });
  const RULES: TrapRule[] = [
    {
      oid: '1.3.6.1.4.1.99999.0.6',
      event: 'member-lost',
      memberFrom: { oidPrefix: '1.3.6.1.4.1.99999.1.2.1.1', from: 'index' },
      source: 'test MIB memberRemoved',
    },
    { oid: '1.3.6.1.4.1.99999.0.2', event: 'role-change', memberFrom: { oidPrefix: '1.3.6.1.4.1.99999.1.2.1.1', from: 'value' }, source: 'test MIB newMaster' },
    { oid: '1.3.6.1.6.3.1.1.5.2', event: 'reload', source: 'test platform: warmStart named by the platform' },
  ];

  it('coldStart and warmStart are reloads on every platform (STANDARD_TRAPS)', () => {
    expect(recognise('sw1', trap('1.3.6.1.6.3.1.1.5.1'), {})).toEqual({
      device: 'sw1',
      event: 'reload',
      detail: 'trap 1.3.6.1.6.3.1.1.5.1 (RFC 3418 SNMPv2-MIB coldStart)',
    });
    expect(recognise('sw1', trap('.1.3.6.1.6.3.1.1.5.2'), { traps: [] })?.event).toBe('reload');
  });

  it("the platform's own rule comes before the standard one", () => {
    expect(recognise('sw1', trap('1.3.6.1.6.3.1.1.5.2'), { traps: RULES })?.detail).toContain('named by the platform');
  });

  it('takes the member from a varbind index or value', () => {
    const lost = recognise(
      'sw1',
      trap('1.3.6.1.4.1.99999.0.6', [
        { oid: '1.3.6.1.2.1.1.3.0', value: 1234 },
        { oid: '1.3.6.1.4.1.99999.1.2.1.1.3', value: 11 },
      ]),
      { traps: RULES },
    );
    expect(lost).toMatchObject({ event: 'member-lost', member: 3 });
    const master = recognise('sw1', trap('1.3.6.1.4.1.99999.0.2', [{ oid: '.1.3.6.1.4.1.99999.1.2.1.1.1001', value: 2 }]), { traps: RULES });
    expect(master).toMatchObject({ event: 'role-change', member: 2 });
  });

  it('no member when the varbind is missing or not a number; null for a trap nobody listed', () => {
    expect(recognise('sw1', trap('1.3.6.1.4.1.99999.0.2'), { traps: RULES })?.member).toBeUndefined();
    expect(
      recognise('sw1', trap('1.3.6.1.4.1.99999.0.2', [{ oid: '1.3.6.1.4.1.99999.1.2.1.1.1', value: 'master' }]), { traps: RULES })?.member,
    ).toBeUndefined();
    // A prefix is matched on whole sub-identifiers: …1.1.10 is not under …1.1.1.
    expect(recognise('sw1', trap('1.3.6.1.4.1.99999.0.6', [{ oid: '1.3.6.1.4.1.99999.1.2.1.10.4', value: 1 }]), { traps: RULES })?.member).toBeUndefined();
    expect(recognise('sw1', trap('1.3.6.1.4.1.99999.0.77'), { traps: RULES })).toBeNull();
  });
});
