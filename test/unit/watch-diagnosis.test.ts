// The alert's lines from a check and the events: what a person on call reads first.

import { describe, expect, it } from 'vitest';
import { diagnose, findingFingerprint } from '../../src/watch/diagnosis.js';
import type { WatchEvent } from '../../src/watch/status.js';
import { checkedDevice as checked } from '../helpers/watch-fixtures.js';

const coldStart: WatchEvent = { device: 'sw-1', kind: 'reload', detail: 'trap 1.3.6.1.6.3.1.1.5.1 (RFC 3418 SNMPv2-MIB coldStart)', source: 'trap', at: 1 };

describe('diagnosis', () => {
  it('a factory default: rebooted, and lost with the count and the first missing line', () => {
    const c = checked({
      findings: [
        { kind: 'rebooted', message: 'rebooted at 2026-12-07T20:00:00Z (30 s ago; snmpEngineBoots 3 → 4)' },
        {
          kind: 'lost',
          message: 'lost: running-config is a factory default: 42 lines of last-good.cfg missing',
          lines: ['hostname SW-1', 'interface GigabitEthernet1/0/1', ' description uplink'],
          cause: 'factory-default',
        },
      ],
    });
    const lines = diagnose({ checked: c, events: [coldStart], members: [] });
    expect(lines).toEqual([
      'rebooted at 2026-12-07T20:00:00Z (engine-boots; trap 1.3.6.1.6.3.1.1.5.1 (RFC 3418 SNMPv2-MIB coldStart))',
      'lost: factory default, 42 lines missing (first: hostname SW-1)',
    ]);
  });

  it('lost after the reboot, and the unsaved lines the reboot took', () => {
    const c = checked({
      findings: [
        { kind: 'lost', message: 'lost: after the reboot running-config lacks 1 line of last-good.cfg', lines: ['vlan 30'], cause: 'rebooted' },
        {
          kind: 'lost-unsaved',
          message: 'lost-unsaved: 2 lines unsaved at the last backup are not in running-config after the reboot',
          lines: ['vlan 40', ' name guests'],
        },
      ],
    });
    expect(diagnose({ checked: c, events: [], members: [] }).slice(1)).toEqual([
      'lost after the reboot: 1 line missing (first: vlan 30)',
      'lost after the reboot: 2 unsaved lines gone (first: vlan 40)',
    ]);
  });

  it('a stack member missing, with its feed from the inventory', () => {
    const c = checked({
      reboot: null,
      stack: { ready: 1, expected: 2, missing: [2], active: 1, problems: ['member 2 missing (removed)'], members: [], source: 'platform' },
      findings: [{ kind: 'stack', message: 'stack 1/2 ready: member 2 missing (removed)' }],
    });
    const lost: WatchEvent = {
      device: 'sw-1',
      kind: 'member-lost',
      member: 2,
      detail: 'syslog: %STACKMGR-4-SWITCH_REMOVED: Switch 2 has been removed',
      source: 'syslog',
      at: 1,
    };
    expect(
      diagnose({
        checked: c,
        events: [lost],
        members: [
          { number: 1, feed: 'A' },
          { number: 2, feed: 'B' },
        ],
      }),
    ).toEqual(['stack member 2 missing (feed B)']);
  });

  it('a reload announced that the check does not confirm says so', () => {
    const lines = diagnose({ checked: checked({ reboot: null, status: 'ok' }), events: [coldStart], members: [] });
    expect(lines[0]).toMatch(/^reload announced \(trap .*coldStart\)\); the check found no reboot/);
  });

  it('long first lines are cut', () => {
    const long = `description ${'x'.repeat(200)}`;
    const c = checked({ reboot: null, findings: [{ kind: 'lost', message: 'lost: … 5 lines missing', lines: [long], cause: 'shrank' }] });
    const [line] = diagnose({ checked: c, events: [], members: [] });
    expect(line!.length).toBeLessThan(140);
    expect(line).toMatch(/^lost: the configuration shrank, 5 lines missing \(first: description x+…\)$/);
  });

  it('the fingerprint stays while the finding does: a reboot by its boot, not by "N s ago"', () => {
    const a = checked({ findings: [{ kind: 'rebooted', message: 'rebooted at 2026-12-07T20:00:00Z (30 s ago; snmpEngineBoots 3 → 4)' }] });
    const b = checked({ findings: [{ kind: 'rebooted', message: 'rebooted at 2026-12-07T20:00:01Z (9 min ago; snmpEngineBoots 3 → 4)' }] });
    expect(findingFingerprint(a)).toBe(findingFingerprint(b));
    const other = checked({ reboot: { at: '2026-12-07T21:00:00Z', by: 'engine-boots', bootsBefore: 4, bootsAfter: 5 }, findings: a.findings });
    expect(findingFingerprint(other)).not.toBe(findingFingerprint(a));
    const stale = checked({ findings: [...a.findings, { kind: 'stale', message: 'stale: 3 days' }] });
    expect(findingFingerprint(stale)).toBe(findingFingerprint(a));
  });
});
