// The cisco-ios platform against every real capture of the commands it reads
// (test/fixtures/real; sources and licences in test/fixtures/SOURCES.md). The
// expected values were read from the captures by eye, not produced by the parser.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { memberDown } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import * as show from '../../src/lab/personalities/cisco-iosxe/show.js';
import { initialState } from '../../src/lab/personalities/cisco-iosxe/state.js';
import { ciscoIos, normaliseState, parseStack, parseUptime, parseVersion } from '../../src/platforms/cisco-ios/index.js';
import { PLATFORM_NAMES, platformByName } from '../../src/platforms/index.js';
import type { StackMember } from '../../src/platforms/platform.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

/** The fields a user reads in a member table, to compare in one go. */
const row = (m: StackMember | undefined) => m && { n: m.number, role: m.role, state: m.state, prio: m.priority, mac: m.mac, hw: m.hwVersion };

// ---------------------------------------------------------------- registry

describe('platform registry', () => {
  it('finds cisco-ios by its inventory name and nothing by an unknown one', () => {
    expect(platformByName('cisco-ios')).toBe(ciscoIos);
    expect(platformByName('cisco-iosxr')).toBeUndefined();
    expect(PLATFORM_NAMES).toContain('cisco-ios');
  });
});

// ---------------------------------------------------------------- prompt

describe('prompt', () => {
  const prompts = parseYaml(real('oxidized/ios#generic#prompt.yaml')) as { pass: string[]; fail: string[] };

  it.each(prompts.pass)("matches Oxidized's real IOS prompt %j and captures the hostname", (prompt) => {
    const m = ciscoIos.prompt.exec(prompt);
    expect(m?.[1]).toBe(prompt.replace(/[#>]\s*$/, ''));
  });

  it.each(prompts.fail)("does not match Oxidized's non-prompt %j", (text) => {
    expect(ciscoIos.prompt.test(text)).toBe(false);
  });

  it.each([
    ['sw1>', 'sw1'],
    ['core-stack-1(config)#', 'core-stack-1'],
    ['core-stack-1(config-if)#', 'core-stack-1'],
    ['dc1.sw-2(config-router-af)#', 'dc1.sw-2'],
    ['Building configuration...\n\nLAB-SW123_9200L#', 'LAB-SW123_9200L'],
    ['\r\nsw1#', 'sw1'],
    ['garbage\rsw1#', 'sw1'], // a redraw after \r
    ['sw1# ', 'sw1'],
  ])('at the end of %j finds hostname %s', (buffer, hostname) => {
    expect(ciscoIos.prompt.exec(buffer)?.[1]).toBe(hostname);
  });

  it.each([
    ['a prompt followed by more output', 'sw1#\nshow version'],
    ['the header of show switch', 'Switch#   Role    Mac Address     Priority Version  State '],
    ['a config that ends with end and a newline', 'interface Vlan1\n shutdown\nend\n'],
    ['an indented config line', 'interface Gi1/0/1\n description uplink#'],
    ['a line with a space before the #', 'banner motd #'],
  ])('does not match %s', (_what, buffer) => {
    expect(ciscoIos.prompt.test(buffer)).toBe(false);
  });
});

// ---------------------------------------------------------------- session data

describe('session data', () => {
  it('turns paging off the way Oxidized does for IOS', () => {
    expect(ciscoIos.setup).toEqual(['terminal length 0', 'terminal width 0']);
  });

  it('knows enable: unprivileged prompt, password prompt and both refusals', () => {
    const enable = ciscoIos.session.kind === 'cli' ? ciscoIos.session.enable : undefined;
    expect(enable?.command).toBe('enable');
    expect(enable?.unprivileged.test('sw1>')).toBe(true);
    expect(enable?.unprivileged.test('sw1#')).toBe(false);
    expect(enable?.passwordPrompt.test('enable\r\nPassword: ')).toBe(true);
    expect(enable?.failure.test('% Access denied\n')).toBe(true);
    expect(enable?.failure.test('% Bad secrets\n\n')).toBe(true);
  });

  it.each([' --More-- ', '-- More --', '<--- More --->'])('answers the pager %j with a space', (pager) => {
    expect(ciscoIos.pagers.some((p) => p.test(`interface Vlan1\n${pager}`))).toBe(true);
    expect(ciscoIos.pagerKey).toBe(' ');
  });

  it('asks for running, startup, version and the stack', () => {
    expect({
      ...ciscoIos.commands,
      startup: ciscoIos.startup.from === 'command' ? ciscoIos.startup.command : undefined,
      stack: ciscoIos.stack?.command,
    }).toEqual({
      running: 'show running-config',
      startup: 'show startup-config',
      version: 'show version',
      stack: 'show switch detail',
    });
  });

  it.each([
    "% Invalid input detected at '^' marker.",
    '% Incomplete command.',
    '% Ambiguous command:  "show r"',
    '% Unknown command or computer name, or unable to find computer address',
    '%Error opening tftp://10.0.0.1/x (Timed out)',
  ])('recognises the refusal %j', (error) => {
    expect(ciscoIos.errors.some((e) => e.test(`show foo\n${error}\n`))).toBe(true);
  });

  it('finds no refusal in a configuration', () => {
    const config = real('napalm/ios/test_get_config/normal/show_running_config.txt');
    expect(ciscoIos.errors.some((e) => e.test(config))).toBe(false);
  });

  it.each([
    'Building configuration...',
    'Current configuration : 20546 bytes',
    '! Last configuration change at 09:37:40 CEST Tue Aug 20 2024 by oxidized',
    '! NVRAM config last updated at 09:37:37 CEST Tue Aug 20 2024 by oxidized',
    '! No configuration change since last restart',
    'ntp clock-period 36028797018963968',
    'Using 1366 out of 2097152 bytes',
  ])('treats %j as volatile', (line) => {
    expect(ciscoIos.volatile.some((v) => v.test(line))).toBe(true);
  });

  it.each(['ntp server 10.0.0.1', '!', 'version 17.9', 'hostname LAB-SW123_9200L', ' description Last configuration change'])('keeps %j', (line) => {
    expect(ciscoIos.volatile.some((v) => v.test(line))).toBe(false);
  });

  it('knows an empty NVRAM when it sees one', () => {
    const noStartup = ciscoIos.startup.from === 'command' ? ciscoIos.startup.empty : undefined;
    expect(noStartup?.test('startup-config is not present\n')).toBe(true);
    expect(noStartup?.test(real('napalm/ios/test_get_config/normal/show_startup_config.txt'))).toBe(false);
  });

  it('ends a configuration at a line `end`', () => {
    expect((ciscoIos.syntax.complete as RegExp).test('hostname x\n!\nend\n')).toBe(true);
    expect((ciscoIos.syntax.complete as RegExp).test('hostname x\n exit-address-family\n')).toBe(false);
  });
});

// ---------------------------------------------------------------- show version

describe('parseVersion on real captures', () => {
  it('IOS-XE 17.6 C9300, one member (genieparser c9300)', () => {
    const v = parseVersion(real('genieparser/iosxe/ShowVersion/golden_output_c9300_output.txt'));
    expect(v.hostname).toBe('ssr-cat9300');
    // An engineering build: the IOS XE line names the build, not a release.
    expect(v.version).toBe('BLD_POLARIS_DEV_LATEST_20210302_012043');
    expect(v.model).toBe('C9300-24P');
    expect(v.serials).toEqual(['FCW2223G0B9']);
    expect(v.uptimeSeconds).toBe(19 * 60);
    expect(v.lastReloadReason).toBe('Reload Command');
    expect(v.members).toEqual([
      { number: 1, role: 'active', state: 'unknown', model: 'C9300-24P', version: '17.06.01', serial: 'FCW2223G0B9', mac: '00b6.70ff.065e' },
    ]);
  });

  it('IOS-XE 16.4 WS-C3850 five-member stack: table rows plus Switch 02..05 sections (genieparser c3850)', () => {
    const v = parseVersion(real('genieparser/iosxe/ShowVersion/golden_output_c3850_output.txt'));
    expect(v.hostname).toBe('R1');
    expect(v.version).toBe('16.4.20170410:165034');
    expect(v.model).toBe('WS-C3850-24P');
    expect(v.uptimeSeconds).toBe(3600 + 24 * 60);
    expect(v.lastReloadReason).toBe('Admin reload CLI');
    expect(v.serials).toEqual(['FCW1932D0LB', 'FOC1932X0K1', 'FCW1932C0MA', 'FCW1932D0L0', 'FOC1932X0F9']);
    expect(v.members.map((m) => [m.number, m.role, m.serial, m.model, m.version])).toEqual([
      [1, 'active', 'FCW1932D0LB', 'WS-C3850-24P', '16.4.2'],
      [2, 'unknown', 'FOC1932X0K1', 'WS-C3850-24P', '16.4.2'],
      [3, 'unknown', 'FCW1932C0MA', 'WS-C3850-24P', '16.4.2'],
      [4, 'unknown', 'FCW1932D0L0', 'WS-C3850-24P', '16.4.2'],
      [5, 'unknown', 'FOC1932X0F9', 'WS-C3850-24P', '16.4.2'],
    ]);
    // The colon MAC of show version, dotted as show switch prints it.
    expect(v.members[1]?.mac).toBe('3820.56ff.a429');
  });

  it('IOS-XE StackWise Virtual C9606R: both chassis serials, no member table (genieparser 9500h_svl)', () => {
    const v = parseVersion(real('genieparser/iosxe/ShowVersion/golden_output_9500h_svl_output.txt'));
    expect(v.hostname).toBe('intrepid-2');
    expect(v.version).toBe('BLD_POLARIS_DEV_LATEST_20211003_004933');
    expect(v.model).toBe('C9606R');
    expect(v.serials).toEqual(['FXS2522Q2PC', 'FXS2522Q2PV']);
    expect(v.uptimeSeconds).toBe(29 * 60);
    expect(v.lastReloadReason).toBe('Reload Command');
    expect(v.members).toEqual([]);
  });

  it('IOS 12.2SXF Catalyst 6500 (genieparser ios cat6k)', () => {
    const v = parseVersion(real('genieparser/ios/ShowVersion/golden_output_ios_cat6k_output.txt'));
    expect(v.hostname).toBe('cat6k_tb1');
    expect(v.version).toBe('12.2(18)SXF7');
    expect(v.model).toBe('WS-C6503-E');
    expect(v.serials).toEqual(['FXS1821Q2H9']); // only "Processor board ID" on this train
    expect(v.uptimeSeconds).toBe(((10 * 7 + 5) * 24 + 5) * 3600 + 16 * 60);
    expect(v.lastReloadReason).toBe('power cycle');
    expect(v.members).toEqual([]);
  });

  it('IOS 12.2SG Catalyst 4948E (ntc cisco_ios_show_version)', () => {
    const v = parseVersion(real('ntc-templates/cisco_ios/show_version/cisco_ios_show_version.raw'));
    expect(v.hostname).toBe('router1');
    expect(v.version).toBe('12.2(54)SG1');
    expect(v.model).toBe('WS-C4948E');
    expect(v.serials).toEqual(['CAT1451S15C']);
    expect(v.uptimeSeconds).toBe((((2 * 365 + 31 * 7 + 6) * 24 + 9) * 60 + 55) * 60);
    expect(v.lastReloadReason).toBe('reload');
    expect(v.members).toEqual([]);
  });

  it('IOS-XE 3.6 WS-C3850-48U four-member stack (ntc cisco_ios_show_version1)', () => {
    const v = parseVersion(real('ntc-templates/cisco_ios/show_version/cisco_ios_show_version1.raw'));
    expect(v.hostname).toBe('city-building-4-sw');
    expect(v.version).toBe('03.06.05E');
    expect(v.model).toBe('WS-C3850-48U');
    expect(v.serials).toEqual(['FOC11111111', 'FCW22222222', 'FCW33333333', 'FCW44444444']);
    expect(v.uptimeSeconds).toBe((((28 * 7 + 1) * 24 + 7) * 60 + 54) * 60);
    expect(v.lastReloadReason).toBe('Reload Command');
    expect(v.members).toHaveLength(4);
    expect(v.members.filter((m) => m.role === 'active').map((m) => m.number)).toEqual([1]);
    expect(v.members.map((m) => m.serial)).toEqual(['FOC11111111', 'FCW22222222', 'FCW33333333', 'FCW44444444']);
    expect(new Set(v.members.map((m) => m.version))).toEqual(new Set(['03.06.05E']));
  });

  it('IOS-XE 16.9 C9500-40X two-member stack (ntc cisco_ios_show_version4)', () => {
    const v = parseVersion(real('ntc-templates/cisco_ios/show_version/cisco_ios_show_version4.raw'));
    expect(v.hostname).toBe('AKBTESTW01');
    expect(v.version).toBe('16.09.03');
    expect(v.model).toBe('C9500-40X');
    expect(v.serials).toEqual(['FCW2233FFG3', 'FCW1234F88V']);
    expect(v.uptimeSeconds).toBe((((365 + 22 * 7 + 6) * 24 + 9) * 60 + 38) * 60);
    expect(v.lastReloadReason).toBe('Reload Command');
    expect(v.members.map((m) => [m.number, m.role, m.serial, m.version])).toEqual([
      [1, 'active', 'FCW2233FFG3', '16.9.3'],
      [2, 'unknown', 'FCW1234F88V', '16.9.3'],
    ]);
  });

  it('IOS 12.1 Catalyst 2950: lower-case `Key: value` lines (napalm old-2950)', () => {
    const v = parseVersion(real('napalm/ios/test_get_facts/old-2950/show_version.txt'));
    expect(v.hostname).toBe('c2950');
    expect(v.version).toBe('12.1(22)EA13');
    expect(v.model).toBe('WS-C2950T-48-SI');
    expect(v.serials).toEqual(['FHK0922W0JC']);
    expect(v.uptimeSeconds).toBe((((33 * 7 + 4) * 24 + 7) * 60 + 49) * 60);
    expect(v.lastReloadReason).toBe('power-on');
    expect(v.members).toEqual([]);
  });

  it('IOS-XE 17.9 C9200L, from the Oxidized session recording', () => {
    const doc = parseYaml(real('oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml')) as { commands: Record<string, string> };
    const v = parseVersion(doc.commands['show version\n'] ?? '');
    expect(v.hostname).toBe('LAB-SW123_9200L');
    expect(v.version).toBe('17.09.04a');
    expect(v.uptimeSeconds).toBe((((44 * 7 + 4) * 24 + 1) * 60 + 16) * 60);
    expect(v.lastReloadReason).toBe('Reload Command');
  });

  it('does not read a Cisco Small Business (Sx300) show version as IOS: it is not IOS-like (ntc cisco_s300)', () => {
    const v = parseVersion(real('ntc-templates/cisco_s300/show_version/cisco_s300_show_version2.raw'));
    expect(v).toEqual({ serials: [], members: [] });
  });

  it('counts every uptime unit IOS prints', () => {
    expect(parseUptime('1 year, 1 week, 1 day, 1 hour, 1 minute')).toBe(365 * 86400 + 7 * 86400 + 86400 + 3600 + 60);
    expect(parseUptime('soon')).toBeUndefined();
  });
});

// ---------------------------------------------------------------- show switch

describe('parseStack on real captures', () => {
  it('show switch: a provisioned-only members 2 and 3, MAC 0000.0000.0000, no H/W version (genieparser ShowSwitch 1)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitch/golden_output_1_output.txt'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 15, mac: '0c75.bd6e.db00', hw: 'V02' },
      { n: 2, role: 'member', state: 'provisioned', prio: 0, mac: undefined, hw: undefined },
      { n: 3, role: 'member', state: 'provisioned', prio: 0, mac: undefined, hw: undefined },
    ]);
  });

  it('show switch: a V-Mismatch member with H/W version 0 (genieparser ShowSwitch c3850)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitch/golden_output_c3850_output.txt'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 3, mac: '689c.e2ff.b9d9', hw: 'V04' },
      { n: 2, role: 'standby', state: 'ready', prio: 2, mac: 'c800.84ff.7e00', hw: 'V05' },
      { n: 3, role: 'member', state: 'ready', prio: 1, mac: 'c800.84ff.4800', hw: 'V05' },
      { n: 4, role: 'member', state: 'version-mismatch', prio: 15, mac: '00cc.fcff.7b00', hw: '0' },
    ]);
  });

  it('show switch detail: a lone switch, both stack ports DOWN (genieparser ShowSwitchDetail 1)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitchDetail/golden_output1_output.txt'));
    expect(s.map(row)).toEqual([{ n: 1, role: 'active', state: 'ready', prio: 1, mac: '00d6.feff.acf0', hw: 'V02' }]);
  });

  it('show switch detail: a Standby printed without H/W version (genieparser ShowSwitchDetail 2)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitchDetail/golden_output2_output.txt'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 15, mac: 'aaaa.ddff.dddd', hw: 'V02' },
      { n: 2, role: 'standby', state: 'ready', prio: 14, mac: 'aaaa.ddff.dddd', hw: undefined },
      { n: 3, role: 'member', state: 'ready', prio: 13, mac: 'aaaa.ddff.dddd', hw: 'V02' },
    ]);
  });

  it('show switch detail: IOS 12.2 wording, Master for the Active (genieparser ShowSwitchDetail 3)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitchDetail/golden_output3_output.txt'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 15, mac: 'aaaa.ddff.dddd', hw: '4' },
      { n: 2, role: 'member', state: 'ready', prio: 1, mac: 'aaaa.ddff.dddd', hw: '4' },
    ]);
  });

  it('show switch detail: a three-member ring; the stack-port rows are not members (genieparser ShowSwitchDetail c3850)', () => {
    const s = parseStack(real('genieparser/iosxe/ShowSwitchDetail/golden_output_c3850_output.txt'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 3, mac: '689c.e2ff.b9d9', hw: 'V04' },
      { n: 2, role: 'standby', state: 'ready', prio: 2, mac: 'c800.84ff.7e00', hw: 'V05' },
      { n: 3, role: 'member', state: 'ready', prio: 1, mac: 'c800.84ff.4800', hw: 'V05' },
    ]);
  });

  it('show switch detail: an Unprovisioned member without H/W version (ntc detail01)', () => {
    const s = parseStack(real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail01.raw'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 1, mac: '6c71.abcd.a200', hw: 'V03' },
      { n: 2, role: 'member', state: 'unprovisioned', prio: 0, mac: undefined, hw: undefined },
    ]);
  });

  it('show switch detail: an Unprovisioned member that keeps its H/W version (ntc detail02)', () => {
    const s = parseStack(real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail02.raw'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 15, mac: '643a.abcd.dacd', hw: 'V03' },
      { n: 2, role: 'member', state: 'unprovisioned', prio: 0, mac: undefined, hw: 'V03' },
    ]);
  });

  it('show switch detail: a lone Master on IOS 12.2 (ntc detail1)', () => {
    const s = parseStack(real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail1.raw'));
    expect(s.map(row)).toEqual([{ n: 1, role: 'active', state: 'ready', prio: 1, mac: 'a0e0.af1d.bb80', hw: '3' }]);
  });

  it('show switch detail: a three-member 12.2 stack without a standby (ntc detail2)', () => {
    const s = parseStack(real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail2.raw'));
    expect(s.map(row)).toEqual([
      { n: 1, role: 'active', state: 'ready', prio: 15, mac: '4c4e.3573.ac00', hw: '3' },
      { n: 2, role: 'member', state: 'ready', prio: 8, mac: '4c4e.3573.7b00', hw: '3' },
      { n: 3, role: 'member', state: 'ready', prio: 7, mac: '4c4e.3573.ac80', hw: '3' },
    ]);
  });

  // ntc-templates ships its parsed result next to these two; the parser must agree with it.
  it.each(['cisco_ios_show_switch_01', 'cisco_ios_show_switch_detail3'])('agrees with ntc-templates’ parsed result for %s', (name) => {
    const dir = 'ntc-templates/cisco_ios/show_switch_detail/';
    const expected = (parseYaml(real(`${dir}${name}.yml`)) as { parsed_sample: Record<string, string>[] }).parsed_sample;
    const members = parseStack(real(`${dir}${name}.raw`));
    expect(members.map(row)).toEqual(
      expected.map((e) => ({
        n: Number(e.switch),
        role: e.role?.toLowerCase(),
        state: e.state?.toLowerCase(),
        prio: Number(e.priority),
        mac: e.mac_address,
        hw: e.version,
      })),
    );
  });

  it('show switch detail: a four-member stack whose Standby is member 4 (ntc detail3, by eye)', () => {
    const s = parseStack(real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail3.raw'));
    expect(s.find((m) => m.role === 'active')?.number).toBe(1);
    expect(s.find((m) => m.role === 'standby')?.number).toBe(4);
    expect(s.every((m) => m.state === 'ready')).toBe(true);
  });

  it('reads nothing from a switch that cannot stack', () => {
    expect(parseStack("show switch detail\n                ^\n% Invalid input detected at '^' marker.\n")).toEqual([]);
  });

  it.each([
    ['Ready', 'ready'],
    ['Provisioned', 'provisioned'],
    ['Removed', 'removed'],
    ['Initializing', 'initializing'],
    ['V-Mismatch', 'version-mismatch'],
    ['Version Mismatch', 'version-mismatch'],
    ['SDM Mismatch', 'sdm-mismatch'],
  ])('normalises the state %j to %j', (raw, normalised) => {
    expect(normaliseState(raw)).toBe(normalised);
  });
});

// ---------------------------------------------------------------- the lab

describe('the lab switch reads the same way', () => {
  const NOW = Date.UTC(2024, 7, 20, 9, 37, 40);
  const spec: LabSwitchSpec = {
    name: 'core-stack-1',
    hostname: 'core-stack-1',
    index: 3,
    members: [
      { number: 1, priority: 15, model: 'C9300-48P', feed: 'A' },
      { number: 2, priority: 14, model: 'C9300-48P', feed: 'B' },
      { number: 3, priority: 1, model: 'C9300-48P', feed: 'A' },
    ],
    provisioned: [4],
  };

  it('a member that lost power is Removed, with no MAC; a provisioned slot is Provisioned', () => {
    const state = initialState(spec, NOW);
    memberDown(state, 3);
    const members = parseStack(show.showSwitchDetail(state));
    expect(members.map((m) => [m.number, m.role, m.state, m.mac === undefined])).toEqual([
      [1, 'active', 'ready', false],
      [2, 'standby', 'ready', false],
      [3, 'member', 'removed', true],
      [4, 'member', 'provisioned', true],
    ]);
  });

  it('show version gives the hostname, the release and one serial per member', () => {
    const state = initialState(spec, NOW);
    const v = parseVersion(show.showVersion(state, NOW));
    expect(v.hostname).toBe('core-stack-1');
    expect(v.version).toBe(state.members[0]?.version);
    expect(v.serials).toEqual(state.members.filter((m) => m.state !== 'provisioned').map((m) => m.serial));
    expect(v.lastReloadReason).toBe('PowerOn');
    // IOS prints the uptime to the minute.
    expect(v.uptimeSeconds).toBe(Math.floor((NOW - state.bootedAt) / 60_000) * 60);
  });
});
