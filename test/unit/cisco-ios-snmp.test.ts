// The cisco-ios platform's SNMP facts against a real walk of a Catalyst stack
// (centreon-plugins' cisco.snmpwalk) and real IOS / IOS-XE / NX-OS banners (sysDescr
// is the first lines of `show version`). Sources and licences: test/fixtures/SOURCES.md.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPlatform, unsavedOverSnmp } from '../../src/jobs/snmp-facts.js';
import { ciscoIos, parseSwitchInfoTable } from '../../src/platforms/cisco-ios/index.js';
import type { ChangeTimesUnsaved, PlatformSnmp, SnmpRow } from '../../src/platforms/platform.js';
import { walkRows } from '../helpers/snmpwalk.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

const walk = walkRows(real('centreon-plugins/cisco/standard/snmp/cisco.snmpwalk'));
const scalar = (oid: string) => walk.find((r) => r.oid === oid)?.value as number;
// IOS's unsaved signal is the change-times kind (snmp.unsaved is a union by kind).
const snmp = ciscoIos.snmp! as PlatformSnmp & { unsaved?: ChangeTimesUnsaved };

describe('cisco-ios SNMP: cswSwitchInfoTable', () => {
  it('reads the three members of the real stack by switch number, not by entPhysicalIndex', () => {
    const rows = walk.filter((r) => r.oid.startsWith(snmp.stack!.table + '.'));
    expect(rows.length).toBe(14 * 3);
    expect(snmp.stack!.parse(rows)).toEqual([
      { number: 1, role: 'active', state: 'ready', priority: 9, mac: '3c5e.c34b.e100' },
      { number: 2, role: 'member', state: 'ready', priority: 7, mac: '3c5e.c335.5080' },
      { number: 3, role: 'member', state: 'ready', priority: 5, mac: '3c5e.c367.dc80' },
    ]);
  });

  it('ignores rows of other tables and accepts leading dots, any order', () => {
    const rows = [...walk].reverse().map((r) => ({ ...r, oid: '.' + r.oid }));
    expect(parseSwitchInfoTable(rows).map((m) => m.number)).toEqual([1, 2, 3]);
  });

  it('maps every cswSwitchRole and cswSwitchState to the words `show switch` parsing uses', () => {
    const entry = '1.3.6.1.4.1.9.9.500.1.2.1.1';
    const member = (index: number, number: number, role: number, state: number, mac = Buffer.alloc(6)): SnmpRow[] => [
      { oid: `${entry}.1.${index}`, value: number },
      { oid: `${entry}.3.${index}`, value: role },
      { oid: `${entry}.4.${index}`, value: 0 },
      { oid: `${entry}.6.${index}`, value: state },
      { oid: `${entry}.7.${index}`, value: mac },
    ];
    const members = parseSwitchInfoTable([
      ...member(1000, 1, 3, 11), // notMember, removed (a member that lost power)
      ...member(2000, 2, 1, 4, Buffer.from('689ce2ffb9d9', 'hex')), // master, ready
      ...member(3000, 3, 4, 4), // standby
      ...member(4000, 4, 3, 9), // provisioned
      ...member(5000, 5, 2, 6), // verMismatch
      ...member(6000, 6, 2, 2), // progressing
      ...member(7000, 7, 2, 99), // a state this MIB revision does not know
    ]);
    expect(members.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'member', 'removed'],
      [2, 'active', 'ready'],
      [3, 'standby', 'ready'],
      [4, 'member', 'provisioned'],
      [5, 'member', 'version-mismatch'],
      [6, 'member', 'initializing'],
      [7, 'member', 'state-99'],
    ]);
    // A member that is not ready reports an all-zero MAC: no address, as `show switch` shows 0000.0000.0000.
    expect(members[0]!.mac).toBeUndefined();
    expect(members[1]!.mac).toBe('689c.e2ff.b9d9');
  });
});

describe('cisco-ios SNMP: ccmHistory', () => {
  it('names RunningLastChanged and StartupLastChanged, never RunningLastSaved, with minutes of grace', () => {
    expect(snmp.unsaved).toMatchObject({ runningLastChanged: '1.3.6.1.4.1.9.9.43.1.1.1.0', startupLastChanged: '1.3.6.1.4.1.9.9.43.1.1.3.0' });
    expect(snmp.unsaved!.graceSeconds).toBeGreaterThanOrEqual(120);
    expect(snmp.unsaved!.graceSeconds).toBeLessThanOrEqual(600);
    expect(JSON.stringify(snmp.unsaved)).not.toContain('1.3.6.1.4.1.9.9.43.1.1.2.0');
  });

  it('reads the real walk (RunningLastChanged wrapped: a negative value sent unsigned) as saved', () => {
    const running = scalar(snmp.unsaved!.runningLastChanged);
    const startup = scalar(snmp.unsaved!.startupLastChanged);
    const upTime = scalar('1.3.6.1.2.1.1.3.0');
    expect([running, startup, upTime]).toEqual([4216453087, 101042911, 170074009]);
    expect(running).toBeGreaterThan(upTime); // impossible as a time since boot: before boot
    expect(unsavedOverSnmp(running, startup, upTime, snmp.unsaved!.graceSeconds)).toBe('saved');
  });

  it('copies configs with CISCO-CONFIG-COPY-MIB', () => {
    // CISCO-CONFIG-COPY-MIB ccCopyEntry, as data for the generic driver.
    expect(snmp.configCopy?.entry).toBe('1.3.6.1.4.1.9.9.96.1.1.1.1');
  });
});

describe('cisco-ios SNMP: detection', () => {
  // The banner without the command echo some captures start with; IOS ends sysDescr lines with CRLF.
  const firstLines = (path: string, n: number) =>
    real(path)
      .replace(/\r\n?/g, '\n')
      .replace(/^\s*show version\n/, '')
      .split('\n')
      .slice(0, n)
      .join('\r\n');

  it('recognises IOS and IOS-XE banners (what IOS serves as sysDescr)', () => {
    const banners = [
      firstLines('ntc-templates/cisco_ios/show_version/cisco_ios_show_version.raw', 2), // Catalyst 4500, IOS 12.2
      firstLines('ntc-templates/cisco_ios/show_version/cisco_ios_show_version1.raw', 2), // IOS-XE 3.6
      firstLines('ntc-templates/cisco_ios/show_version/cisco_ios_show_version4.raw', 2), // IOS-XE 16.9
      firstLines('genieparser/iosxe/ShowVersion/golden_output_c3850_output.txt', 2),
      firstLines('genieparser/ios/ShowVersion/golden_output_ios_cat6k_output.txt', 2), // Cisco Internetwork Operating System Software
      firstLines('napalm/ios/test_get_facts/old-2950/show_version.txt', 2),
    ];
    for (const banner of banners) expect(snmp.detect.sysDescr.test(banner), banner).toBe(true);
  });

  it('does not take NX-OS or IOS XR for IOS', () => {
    expect(snmp.detect.sysDescr.test(firstLines('ntc-templates/cisco_nxos/show_version/cisco_nxos_show_version.raw', 3))).toBe(false);
    expect(snmp.detect.sysDescr.test('Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(5), RELEASE SOFTWARE')).toBe(false);
    expect(snmp.detect.sysDescr.test('Cisco IOS XR Software (Cisco ASR9K Series),  Version 6.1.4[Default]')).toBe(false);
  });

  it('detects cisco-ios from a Catalyst sysObjectID and sysDescr, or from either alone', () => {
    const c9300 = 'Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc5)';
    expect(detectPlatform('1.3.6.1.4.1.9.1.2494', c9300)).toEqual({ platform: 'cisco-ios', by: 'sysObjectID and sysDescr' });
    expect(detectPlatform('.1.3.6.1.4.1.9.1.516', null)).toEqual({ platform: 'cisco-ios', by: 'sysObjectID' });
    // The real walk's sysDescr has its first line anonymized; without a sysObjectID nothing says IOS.
    const anonymized = (walk.find((r) => r.oid === '1.3.6.1.2.1.1.1.0')!.value as Buffer).toString();
    expect(detectPlatform(null, anonymized)).toBeUndefined();
    expect(detectPlatform(null, c9300)).toEqual({ platform: 'cisco-ios', by: 'sysDescr' });
  });

  it('detects nothing for a vendor no platform claims, and Junos as Junos', () => {
    expect(detectPlatform('1.3.6.1.4.1.14988.1', 'RouterOS CRS326-24G-2S+')).toBeUndefined();
    expect(detectPlatform('1.3.6.1.4.1.2636.1.1.1.2.31', 'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3')?.platform).toBe(
      'juniper-junos',
    );
    expect(detectPlatform('1.3.6.1.4.1.9', 'x')).toBeUndefined(); // the prefix is 1.3.6.1.4.1.9. — not .9 itself, nor .90…
    expect(detectPlatform('1.3.6.1.4.1.90.1', null)).toBeUndefined();
  });
});
