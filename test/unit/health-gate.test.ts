// The health gate for last good, on real configurations (the C9200L recorded by Oxidized,
// NAPALM's IOS running config; test/fixtures/SOURCES.md) and the lab's factory default.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeLastGood, runsLastGood, SHRINK_THRESHOLD } from '../../src/config/health-gate.js';
import { extractConfig } from '../../src/config/normalise.js';
import { factoryDefaultConfig, initialConfig } from '../../src/lab/personalities/cisco-iosxe/state.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { ciscoIos, isFactoryDefault } from '../../src/platforms/cisco-ios/index.js';
import { braceToSet } from '../../src/platforms/juniper-junos/config-set.js';
import { juniperJunos } from '../../src/platforms/juniper-junos/index.js';
import type { Platform } from '../../src/platforms/platform.js';
import { stackSpec } from '../helpers/lab.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

function recordedRunning(file: string): string {
  const exchange = parseRecordedSession(real(file)).exchanges.find((e) => e.send === 'show running-config\n');
  if (!exchange) throw new Error(`no show running-config in ${file}`);
  return extractConfig(ciscoIos, exchange.output);
}

const C9200L = recordedRunning('oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml');
const NAPALM = extractConfig(ciscoIos, real('napalm/ios/test_get_config/normal/show_running_config.txt'));
const FACTORY = factoryDefaultConfig();
const LAB = initialConfig(stackSpec('sw-x', 2));

/** The config without the lines `drop` matches (and without their indented children). */
function without(config: string, drop: RegExp): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of config.split('\n')) {
    if (/^\S/.test(line)) skipping = drop.test(line);
    else if (drop.test(line)) continue;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

describe('isFactoryDefault (cisco-ios)', () => {
  it('is false for real site configurations', () => {
    expect(isFactoryDefault(C9200L)).toBe(false);
    expect(isFactoryDefault(NAPALM)).toBe(false);
    expect(isFactoryDefault(LAB)).toBe(false);
  });

  it("is true for the lab's factory default (what a C9300 runs after write erase and a reload)", () => {
    expect(isFactoryDefault(FACTORY)).toBe(true);
    expect(ciscoIos.isFactoryDefault?.(FACTORY)).toBe(true);
  });

  it('is true with the default `hostname Switch` line, false with any other name', () => {
    const withHostname = FACTORY.replace('version 17.9\n', 'version 17.9\nhostname Switch\n');
    expect(isFactoryDefault(withHostname)).toBe(true);
    expect(isFactoryDefault(FACTORY.replace('version 17.9\n', 'version 17.9\nhostname CORE-1\n'))).toBe(false);
  });

  it('is false as soon as one thing was configured: a user, SNMP, an address, a description, a VLAN', () => {
    const add = (lines: string) => FACTORY.replace('!\nend\n', `!\n${lines}\n!\nend\n`);
    expect(isFactoryDefault(add('username admin privilege 15 secret 9 $9$abc'))).toBe(false);
    expect(isFactoryDefault(add('snmp-server community x RO'))).toBe(false);
    expect(isFactoryDefault(add('vlan 20\n name users'))).toBe(false);
    expect(isFactoryDefault(add('interface GigabitEthernet1/0/1\n description printer'))).toBe(false);
    expect(isFactoryDefault(FACTORY.replace('interface Vlan1\n no ip address', 'interface Vlan1\n ip address 10.0.0.2 255.255.255.0'))).toBe(false);
  });

  it('is false for an empty or truncated capture (that is incomplete, not a factory default)', () => {
    expect(isFactoryDefault('')).toBe(false);
    expect(isFactoryDefault(FACTORY.replace(/end\n$/, ''))).toBe(false);
  });
});

describe('judgeLastGood', () => {
  const judge = (running: string, lastGood: string | undefined, rebooted = false, platform: Platform = ciscoIos) =>
    judgeLastGood({ platform, running, ...(lastGood !== undefined ? { lastGood } : {}), rebooted });

  it('seeds last good with a first complete capture, and advances on an ordinary change', () => {
    expect(judge(C9200L, undefined)).toEqual({ advance: true });
    const changed = C9200L.replace('!\nend\n', '!\nvlan 77\n name CAMERAS\n!\nend\n');
    expect(judge(changed, C9200L)).toEqual({ advance: true });
    // A change after a reboot that ran last good is fine too: nothing differs.
    expect(judge(C9200L, C9200L, true)).toEqual({ advance: true });
  });

  it('holds an incomplete capture: no end marker, or error text in it', () => {
    const cut = C9200L.slice(0, C9200L.length / 2);
    expect(judge(cut, C9200L)).toEqual({ advance: false, kind: 'incomplete', reason: 'last good kept: the capture is incomplete (the end marker is missing)' });
    const refused = C9200L.replace('!\nend\n', "% Invalid input detected at '^' marker.\n!\nend\n");
    expect(judge(refused, C9200L)).toMatchObject({ advance: false, kind: 'incomplete' });
    expect(judge(refused, C9200L)).toHaveProperty(
      'reason',
      'last good kept: the capture is incomplete (the device printed an error in it: "% Invalid input detected at \'^\' marker.")',
    );
    expect(judge('', undefined)).toEqual({ advance: false, kind: 'incomplete', reason: 'last good not set: the capture is incomplete (it is empty)' });
  });

  it('holds a factory default, and never seeds last good with one', () => {
    const verdict = judge(FACTORY, LAB, false);
    expect(verdict).toMatchObject({ advance: false, kind: 'factory-default' });
    expect(verdict).toHaveProperty(
      'reason',
      expect.stringMatching(/^last good kept: the device runs a factory default configuration \(\d+ lines of last good missing\)$/),
    );
    expect(judge(FACTORY, undefined)).toEqual({
      advance: false,
      kind: 'factory-default',
      reason: 'last good not set: the device runs a factory default configuration',
    });
  });

  it('holds a reboot into a configuration that differs from last good, counting the lines', () => {
    const lost = without(LAB, /^vlan 1[0-9]\d*$|^ name /);
    const verdict = judge(lost, LAB, true);
    expect(verdict).toMatchObject({ advance: false, kind: 'rebooted-different' });
    expect(verdict).toHaveProperty(
      'reason',
      expect.stringMatching(/^last good kept: the device rebooted into a configuration that differs from last good \(\d+ lines missing\)$/),
    );
    // Both ways, in words.
    const swapped = LAB.replace(' name ', ' name X').replace('!\nend\n', '!\nvlan 999\n!\nend\n');
    expect(judge(swapped, LAB, true)).toEqual({
      advance: false,
      kind: 'rebooted-different',
      reason: 'last good kept: the device rebooted into a configuration that differs from last good (1 line missing, 2 lines added)',
    });
    // Without a reboot the same change is an ordinary one.
    expect(judge(lost, LAB, false)).toEqual({ advance: true });
  });

  it(`holds a capture with fewer than ${SHRINK_THRESHOLD * 100}% of last good's lines, without a reboot too`, () => {
    const lines = LAB.split('\n');
    // Keep the head and the end: a complete config that lost most of its body (interfaces, VLANs).
    const shrunk = without(LAB, /^interface (?:GigabitEthernet|TenGigabitEthernet|AppGigabitEthernet)\d\/\d/);
    expect(shrunk.split('\n').length).toBeLessThan(lines.length * SHRINK_THRESHOLD);
    const verdict = judge(shrunk, LAB, false);
    expect(verdict).toMatchObject({ advance: false, kind: 'shrank' });
    expect(verdict).toHaveProperty(
      'reason',
      expect.stringMatching(/^last good kept: the configuration shrank to \d+ lines, fewer than 50% of last good's \d+ \(\d+ lines missing\)$/),
    );
  });

  it('lets a platform without a factory-default rule judge the rest', () => {
    const { isFactoryDefault: _, ...noRule } = ciscoIos;
    expect(judge(FACTORY, undefined, false, noRule)).toEqual({ advance: true });
  });

  it('takes a set configuration printed in another order for last good itself (a Junos restore by load set)', () => {
    // napalm's real EX committed configuration (test/fixtures/SOURCES.md), in set form as switchback stores it.
    const xml = readFileSync(join(REAL, 'napalm/junos/test_get_config/normal/get_config__database_committed__format_text.xml'), 'utf8');
    const set = braceToSet(xml.replace(/<\/?configuration-text>/g, ''));
    expect(set.length).toBeGreaterThan(10);
    expect(set.some((l) => l.startsWith('set system host-name '))).toBe(true);
    const lastGood = set.join('\n') + '\n';
    // The same statements, the system ones moved to the end: what a restore typed last, printed last.
    const reordered = [...set.filter((l) => !l.startsWith('set system ')), ...set.filter((l) => l.startsWith('set system '))].join('\n') + '\n';
    expect(reordered).not.toBe(lastGood);
    expect(runsLastGood(juniperJunos.syntax, reordered, lastGood)).toBe(true);
    expect(judge(reordered, lastGood, true, juniperJunos)).toEqual({ advance: true });
    // One statement fewer is not last good, and after a reboot it is held.
    const lost = reordered.replace(/^set system host-name .*\n/m, '');
    expect(runsLastGood(juniperJunos.syntax, lost, lastGood)).toBe(false);
    expect(judge(lost, lastGood, true, juniperJunos)).toMatchObject({ advance: false, kind: 'rebooted-different' });
  });

  it('still counts a moved line as a change in an indented configuration, where order matters', () => {
    const acl = (a: string, b: string) => `hostname sw\n!\nip access-list standard MGMT\n ${a}\n ${b}\n!\nend\n`;
    const lastGood = acl('deny 10.0.0.1', 'permit 10.0.0.0 0.0.0.255');
    expect(runsLastGood(ciscoIos.syntax, lastGood, lastGood)).toBe(true);
    // The deny moved below the permit: a different ACL, never last good after a reboot.
    const moved = acl('permit 10.0.0.0 0.0.0.255', 'deny 10.0.0.1');
    expect(runsLastGood(ciscoIos.syntax, moved, lastGood)).toBe(false);
    expect(judge(moved, lastGood, true)).toMatchObject({ advance: false, kind: 'rebooted-different' });
  });
});
