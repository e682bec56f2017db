// The dell-os10 parsers and syntax on every real Dell OS10 capture (test/fixtures/real/napalm-dellos10:
// running, startup and candidate configuration, `show version | display-xml`, `show system |
// display-xml`; test/fixtures/real/os10-vlt: two real `show vlt` outputs, a primary and a
// secondary): version, VLT pair state, volatile lines, the running/startup pair, secrets,
// factory default, the restore plan and SNMP detection.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, linesInPlace, maskSecrets, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { compareWithTarget, planPush } from '../../src/config/push-plan.js';
import { detectPlatform } from '../../src/jobs/snmp-facts.js';
import { dellOs10, parseVersion, parseVlt } from '../../src/platforms/dell-os10/index.js';
import { platformByName } from '../../src/platforms/index.js';
import { pairCommand } from '../../src/platforms/platform.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');
const CONFIG = 'napalm-dellos10/mocked_data/test_get_config/normal/';
const RUNNING_RAW = real(CONFIG + 'show_running_configuration.txt');
const STARTUP_RAW = real(CONFIG + 'show_startup_configuration.txt');
const CANDIDATE_RAW = real(CONFIG + 'show_candidate_configuration.txt');
const configure = dellOs10.restore[0]!.kind === 'line-merge' ? dellOs10.restore[0]!.configure : undefined;

/**
 * The startup mock holds 21 lines, then the echo of `terminal length 0` and of
 * `show startup-configuration`, then the whole configuration: two reads pasted together when the
 * mock was made (the shared SOURCES.md says so). What the switch printed for the command is what
 * follows its echo.
 */
const STARTUP_PRINTED = STARTUP_RAW.slice(STARTUP_RAW.lastIndexOf('OS10# show startup-configuration\n'));

describe('show version | display-xml (real, S6000-VM 10.3.9999E)', () => {
  it('reads hostname, version, model and the uptime in seconds', () => {
    expect(parseVersion(real('napalm-dellos10/mocked_data/test_get_facts/normal/show_version___display_xml.txt'))).toEqual({
      hostname: 'OS10',
      version: '10.3.9999E',
      model: 'S6000-VM',
      uptimeSeconds: 1925299,
      serials: [],
      members: [],
    });
  });

  it('gives nothing it cannot read: `show system` XML has no version block', () => {
    const v = parseVersion(real('napalm-dellos10/dellos10/mock_data/show_system___display_xml.txt'));
    expect(v.version).toBeUndefined();
    expect(v.members).toEqual([]);
    expect(parseVersion('')).toEqual({ serials: [], members: [] });
  });
});

describe('the pair command carries the inventory’s domain', () => {
  it('dell-os10 sends `show vlt <domain>`, the form of both real outputs (show vlt 3, show vlt 1)', () => {
    expect(pairCommand(dellOs10.pair!, { domain: '3' })).toBe('show vlt 3');
    expect(pairCommand(dellOs10.pair!, { domain: '1' })).toBe('show vlt 1');
  });

  it('a platform whose command names no domain sends its text whatever the domain', () => {
    const eos = platformByName('arista-eos')!.pair!;
    expect(typeof eos.command).toBe('string');
    expect(pairCommand(eos, { domain: 'dc1-pod1' })).toBe(eos.command);
  });
});

describe('show vlt (real outputs)', () => {
  it('a primary with its VLTi and peer up (domain 3)', () => {
    expect(parseVlt(real('os10-vlt/switch05_show_vlt_3.txt'))).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '3' });
  });

  it('a secondary with its VLTi and peer up (domain 1)', () => {
    expect(parseVlt(real('os10-vlt/leaf5_show_vlt_1.txt'))).toEqual({ peer: 'up', peerLink: 'up', role: 'secondary', domain: '1' });
  });

  it('reads a lost peer and a VLTi down from the same layout; without a domain, everything is unknown', () => {
    const lost = real('os10-vlt/leaf5_show_vlt_1.txt')
      .replace('port-channel1000                   : up', 'port-channel1000                   : down')
      .replace(/ up {7}fda5/, ' down     fda5');
    expect(parseVlt(lost)).toEqual({ peer: 'down', peerLink: 'down', role: 'secondary', domain: '1' });
    expect(parseVlt('% Error: VLT domain not configured.')).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
  });

  it('is the platform’s pair, named by the registry', () => {
    expect(platformByName('dell-os10')?.pair).toMatchObject({ model: 'vlt' });
    expect(dellOs10.stack).toBeUndefined();
  });
});

describe('running, startup and candidate configuration (real)', () => {
  const running = extractConfig(dellOs10, `show running-configuration\n${RUNNING_RAW}\nOS10# `);
  const startup = extractConfig(dellOs10, STARTUP_PRINTED + '\nOS10# ');
  const candidate = extractConfig(dellOs10, CANDIDATE_RAW);

  it('drops the change stamp and the echo and prompt; keeps `! Version`, the completeness header', () => {
    expect(running.startsWith('! Version 10.3.9999E\n!\nsnmp-server contact http://www.dell.com/support\n')).toBe(true);
    expect(running).not.toContain('Last configuration change');
    expect(running.endsWith('class-map type qos class-trust\n')).toBe(true);
    expect(startup.startsWith('snmp-server contact http://www.dell.com/support\n')).toBe(true);
    expect(startup).not.toContain('OS10#');
  });

  it('running is complete by its header; a fragment is not', () => {
    expect(isComplete(dellOs10, running)).toBe(true);
    expect(isComplete(dellOs10, startup)).toBe(true); // no header: opens with a top-level line
    expect(whyIncomplete(dellOs10.syntax, ' no shutdown\n switchport access vlan 1\n!\n no shutdown\n!\n')).toMatch(/no header/);
    expect(whyIncomplete(dellOs10.syntax, '! Version 10.3.9999E\n!\nhostname x\n')).toMatch(/fewer than 3/);
    expect(isComplete(dellOs10, running + '% Error: Unrecognized command.\n')).toBe(false);
  });

  it('compares as the capture says: running, startup and candidate hold the same configuration', () => {
    expect(unsavedLines(dellOs10.syntax, running, startup).counts).toEqual({ added: 0, removed: 0 });
    expect(unsavedLines(dellOs10.syntax, running, candidate).counts).toEqual({ added: 0, removed: 0 });
    // The change stamp alone differs: a new stamp is no change.
    const restamped = RUNNING_RAW.replace('Feb  01 13:42:38 2018', 'Mar  02 08:00:00 2018');
    expect(extractConfig(dellOs10, restamped)).toBe(extractConfig(dellOs10, RUNNING_RAW));
  });

  it('finds a real-looking unsaved change (a VLAN interface added after the save)', () => {
    const changed = running.replace('interface vlan1\n no shutdown\n!\n', 'interface vlan1\n no shutdown\n!\ninterface vlan666\n description TEST\n!\n');
    const diff = unsavedLines(dellOs10.syntax, changed, startup);
    expect(diff.counts).toEqual({ added: 2, removed: 0 });
    expect(diff.added.map((l) => l.trim())).toEqual(['interface vlan666', 'description TEST']);
  });

  it('reads the hierarchy by indentation (one space), the BGP neighbour under its router', () => {
    const lines = linesInPlace(dellOs10.syntax, running);
    expect(lines.find((l) => l.text === ' ip address 12.1.1.1/24')?.parents).toEqual(['interface ethernet1/1/1']);
    expect(lines.find((l) => l.text === ' neighbor 1.1.1.1')?.parents).toEqual(['router bgp 12']);
  });

  it('masks the admin password hash; names and addresses stay', () => {
    const masked = maskSecrets(dellOs10, running);
    expect(masked).not.toContain('$6$q9QBeYjZ$');
    expect(masked).toContain('username admin password <masked> role sysadmin');
    expect(masked).toContain('ip name-server 10.16.126.1');
  });

  it('the real configuration is not a factory default; a bare switch is', () => {
    expect(dellOs10.isFactoryDefault?.(running)).toBe(false);
    const bare = [
      '! Version 10.3.9999E',
      '!',
      'username admin password $6$x role sysadmin',
      'aaa authentication local',
      '!',
      'interface vlan1',
      ' no shutdown',
      '!',
      'interface ethernet1/1/1',
      ' no shutdown',
      ' switchport access vlan 1',
      '!',
      'interface mgmt1/1/1',
      ' no shutdown',
      ' ip address 10.16.138.23/24',
      '!',
      'support-assist',
      '',
    ].join('\n');
    expect(dellOs10.isFactoryDefault?.(bare)).toBe(true);
    expect(dellOs10.isFactoryDefault?.(bare.replace('!\ninterface vlan1', 'hostname leaf1\n!\ninterface vlan1'))).toBe(false);
  });

  it('plans a restore by line merge: a lost description typed back in its port, an added route removed', () => {
    const drifted = running
      .replace(' description "This is test deswcription to validate the length"\n', '')
      .replace('management route 0.0.0.0/0 10.16.138.254\n', 'management route 0.0.0.0/0 10.16.138.254\nip route 10.9.9.0/24 10.16.138.1\n');
    const plan = planPush(dellOs10.syntax, configure!, drifted, running);
    const typed = plan.items.map((i) => [i.change, i.line.parents, i.type]);
    expect(typed).toContainEqual(['add', ['interface ethernet1/1/1'], ['description "This is test deswcription to validate the length"']]);
    expect(typed).toContainEqual(['remove', [], ['no ip route 10.9.9.0/24 10.16.138.1']]);
    expect(compareWithTarget(dellOs10.syntax, configure!, running, running).same).toBe(true);
    // A physical port cannot be removed: only its lines are.
    expect(configure!.negate('interface ethernet1/1/9')).toBeUndefined();
    expect(configure!.negate('username admin password x role sysadmin')).toBe('no username admin');
  });
});

describe('SNMP detection', () => {
  it('by the os10Products sysObjectID, and by the sysDescr OS10 prints (both wordings)', () => {
    expect(detectPlatform('1.3.6.1.4.1.674.11000.5000.100.2.1.9', null)?.platform).toBe('dell-os10');
    // LibreNMS tests/snmpsim/dell-os10_s4128ton-psu.snmprec (as quoted in a public test table).
    expect(detectPlatform(null, 'Dell SmartFabric OS10 Enterprise.\nCopyright (c) 1999-2025 by Dell Inc. All Rights Reserved.')?.platform).toBe('dell-os10');
    expect(detectPlatform(null, 'Dell EMC Networking OS10 Enterprise')?.platform).toBe('dell-os10');
    // Dell OS6 (N-series) sits under another branch of Dell's tree.
    expect(detectPlatform('1.3.6.1.4.1.674.10895.3042', null)?.platform).not.toBe('dell-os10');
  });
});
