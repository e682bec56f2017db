// The aruba-os-switch parsers and platform data against every real ProCurve / ArubaOS-Switch
// capture in test/fixtures/real (sources in test/fixtures/SOURCES.md). Expected values were
// read from the captures by eye (and from ntc-templates' own parsed .yml), not produced by
// the parsers.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractConfig, isComplete, linesInPlace, maskSecrets, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { planPush } from '../../src/config/push-plan.js';
import { arubaOsSwitch as p } from '../../src/platforms/aruba-os-switch/index.js';
import { isFactoryDefault } from '../../src/platforms/aruba-os-switch/factory-default.js';
import { parseStack, parseStackSummary } from '../../src/platforms/aruba-os-switch/parse-stacking.js';
import { parseUptime, parseVersion } from '../../src/platforms/aruba-os-switch/parse-system.js';
import { parseStackMemberTable, STACK_MEMBER_ENTRY } from '../../src/platforms/aruba-os-switch/snmp.js';
import { detectPlatform } from '../../src/jobs/snmp-facts.js';
import { platformByName } from '../../src/platforms/index.js';
import type { PlatformConfigure } from '../../src/platforms/platform.js';
import { stripTerminal, lastLine } from '../../src/transport/terminal-text.js';
import { walkRows } from '../helpers/snmpwalk.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');
const RUNNING = 'napalm-procurve/test_get_config/normal/show_running_config.txt';
const STARTUP = 'napalm-procurve/test_get_config/normal/show_config.txt';
const configure = (): PlatformConfigure => {
  const s = p.restore[0];
  if (s?.kind !== 'line-merge') throw new Error('line-merge expected first');
  return s.configure;
};

describe('registry', () => {
  it('is known by its inventory name', () => {
    expect(platformByName('aruba-os-switch')).toBe(p);
  });
});

describe('session: login, prompt, logout', () => {
  it('answers "Press any key to continue" behind the VT100 codes of two real login screens', () => {
    for (const f of ['exscript/banners/hp_pro_curve.1', 'exscript/banners/hp_pro_curve.2']) {
      const raw = real(f);
      // The file ends with a newline the stream did not have: the question is the last thing sent.
      const end = lastLine(raw.replace(/\n$/, ''));
      if (f.endsWith('.1')) {
        expect(end).toBe('Press any key to continue');
        expect(p.loginQuestions.find((q) => q.pattern.test(end))?.answer).toBe(' ');
      }
      // The banner's lines are no prompt (`ProCurve J8697A Switch 5406zl`, `Software revision …`).
      expect(
        stripTerminal(raw)
          .split('\n')
          .filter((l) => p.prompt.test(l)),
      ).toEqual([]);
    }
  });

  it('knows the manager, operator and context prompts; group 1 is the name', () => {
    expect(p.prompt.exec('HP-E2910al-48G-PoE# ')?.[1]).toBe('HP-E2910al-48G-PoE');
    expect(p.prompt.exec('2930-stack# ')?.[1]).toBe('2930-stack');
    expect(p.prompt.exec('sw1> ')?.[1]).toBe('sw1');
    expect(p.prompt.exec('HP-E2910al-48G-PoE(config)# ')?.[1]).toBe('HP-E2910al-48G-PoE');
    expect(p.prompt.exec('sw1(vlan-2)# ')?.[1]).toBe('sw1');
    expect(p.prompt.exec('sw1(eth-1/1)# ')?.[1]).toBe('sw1');
    // The telnet prompt sits behind cursor moves (OX procurve.rb); the terminal strip takes them away.
    expect(p.prompt.exec(lastLine('\x1b[24;1Hsw1# \x1b[24;6H'))?.[1]).toBe('sw1');
  });

  it('no line of the real configurations or stack outputs looks like a prompt', () => {
    for (const f of [RUNNING, STARTUP, 'cookbook/2930m_show_stacking_detail.txt', 'ntc-templates/hp_procurve/show_vsf_detail/show_vsf_detail.raw']) {
      const lines = real(f)
        .split('\n')
        .filter((l) => !/^\S+# (?:sh|show) /.test(l));
      expect(lines.filter((l) => p.prompt.test(l))).toEqual([]);
    }
  });

  it('logs out answering yes to leaving and NO to saving; `no page` after enable', () => {
    const logout = p.session.logout;
    expect(logout?.command).toBe('logout');
    const answer = (q: string) => logout?.questions.find((x) => x.pattern.test(q))?.answer;
    expect(answer('Do you want to log out [y/n]? ')).toBe('y');
    expect(answer('Do you want to save current configuration [y/n/^C]? ')).toBe('n');
    expect(answer('Do you want to save the current configuration [y/n]? ')).toBe('n');
    expect(p.setup).toEqual(['no page']);
    expect(p.session.kind === 'cli' && p.session.enable?.unprivileged.test('sw1> ')).toBe(true);
    expect(p.pagers[0]?.test('-- MORE --, next page: Space, next line: Enter, quit: Control-C')).toBe(true);
  });
});

describe('show system (version facts)', () => {
  it('a 2910al-era ProCurve 2848 (napalm-procurve): name, revision, serial, uptime in days', () => {
    const f = parseVersion(real('napalm-procurve/test_get_facts/normal/show_system.txt'));
    // `Up Time : 285 days`: a day wide, too coarse to tell a reboot by: not given.
    expect([f.hostname, f.version, f.serials, f.uptimeSeconds]).toEqual(['bb-switch-failover', 'I.10.105', ['SG637SK06M'], undefined]);
    expect(f.members).toEqual([]);
  });

  it('a K.15 5400 (ntc-templates): two columns per line read apart', () => {
    const f = parseVersion(real('ntc-templates/hp_procurve/show_system/hp_procurve_show_system.raw'));
    expect([f.hostname, f.version, f.serials]).toEqual(['HP_Procurve-01', 'K.15.06.0017', ['AB12CDE3FG']]);
  });

  it('a three-member 2930F VSF stack: each member with its serial', () => {
    const f = parseVersion(real('ntc-templates/hp_procurve/show_system/hp_procurve_show_system3.raw'));
    expect([f.hostname, f.version]).toEqual(['SWITCH-2', 'WC.16.10.0014']);
    expect(f.serials).toEqual(['SN0000003A', 'SN0000004A', 'SN0000005A']);
    expect(f.members.map((m) => [m.number, m.serial])).toEqual([
      [1, 'SN0000003A'],
      [2, 'SN0000004A'],
      [3, 'SN0000005A'],
    ]);
  });

  it('the ntc-templates hp_procurve `show version` sample is an access point’s: nothing is read from it', () => {
    const f = parseVersion(real('ntc-templates/hp_procurve/show_version/hp_procurve_show_version.raw'));
    expect([f.hostname, f.version, f.serials]).toEqual([undefined, undefined, []]);
  });

  it('reads the stack’s minute-wide uptime; whole days are too coarse to give', () => {
    expect(parseUptime('2d 5h 42m')).toBe(2 * 86400 + 5 * 3600 + 42 * 60);
    expect(parseUptime('285 days')).toBeUndefined();
  });
});

describe('show stacking / show vsf (members and roles)', () => {
  it('2930M `show stacking detail` (cookbook): commander 1, standby 2', () => {
    const raw = real('cookbook/2930m_show_stacking_detail.txt');
    expect(parseStack(raw).map((m) => [m.number, m.role, m.state, m.priority, m.mac, m.serial, m.version])).toEqual([
      [1, 'active', 'ready', 255, 'b8d4.e7bb.b700', 'SG06KJS0AZ', 'WC.16.10.0018'],
      [2, 'standby', 'ready', 200, '8c85.c153.bbc0', undefined, 'WC.16.10.0018'],
    ]);
    expect(parseStackSummary(raw)).toEqual({ status: 'Active', topology: 'Ring', splitPolicy: 'One-Fragment-Up', version: 'WC.16.10.0018' });
  });

  it('`show stacking member 2` (cookbook): one standby', () => {
    expect(parseStack(real('cookbook/2930m_show_stacking_member_2.txt')).map((m) => [m.number, m.role, m.priority, m.serial])).toEqual([
      [2, 'standby', 128, 'SG12JQN0ZZ'],
    ]);
  });

  it('`show stacking` before the stack forms: the brief table, one commander', () => {
    const raw = real('cookbook/2930m_show_stacking_no-stack-formed.txt');
    expect(parseStack(raw).map((m) => [m.number, m.role, m.state, m.priority, m.mac])).toEqual([[1, 'active', 'ready', 128, '64e8.8138.1440']]);
    expect(parseStackSummary(raw).status).toBe('No Stack Formed');
  });

  it('`show stacking stack-ports` lists no members', () => {
    expect(parseStack(real('cookbook/2930m_show_stacking_stack-ports.txt'))).toEqual([]);
  });

  it('`show vsf detail` (ntc-templates, both samples): as ntc-templates parsed them', () => {
    for (const name of ['show_vsf_detail', 'show_vsf_detail2']) {
      const dir = 'ntc-templates/hp_procurve/show_vsf_detail/';
      const truth = (
        parseYaml(real(`${dir}${name}.yml`)) as {
          parsed_sample: { member_id: string; status: string; priority: string; serial_number: string; model: string }[];
        }
      ).parsed_sample.filter((r) => r.member_id !== '');
      const members = parseStack(real(`${dir}${name}.raw`));
      expect(members.map((m) => [String(m.number), m.priority === undefined ? '' : String(m.priority), m.serial, m.model])).toEqual(
        truth.map((r) => [r.member_id, r.priority, r.serial_number, r.model]),
      );
      expect(members.map((m) => m.role)).toEqual(truth.map((r) => ({ Commander: 'active', Standby: 'standby', Member: 'member' })[r.status]));
    }
  });
});

describe('SNMP', () => {
  it('hpStackMemberTable of a real two-member stack: commander 1, standby 2 (centreon walk)', () => {
    const rows = walkRows(real('centreon-plugins/hp/procurve/snmp/slim_procurve_stack.snmpwalk'));
    expect(p.snmp?.stack?.table).toBe(STACK_MEMBER_ENTRY);
    expect(parseStackMemberTable(rows).map((m) => [m.number, m.role, m.state, m.priority, m.mac])).toEqual([
      [1, 'active', 'ready', 255, '9418.82d8.0440'],
      [2, 'standby', 'ready', 128, 'd067.2672.3280'],
    ]);
    // The walk's sysObjectID column names the product family the platform claims.
    const sysOid = String(rows.find((r) => r.oid.endsWith('.69.1.3.1.12.1'))?.value);
    expect(p.snmp?.detect.sysObjectIdPrefixes.some((x) => sysOid.startsWith(x))).toBe(true);
  });

  it('a member that lost power stays in the table as missing: removed', () => {
    const e = STACK_MEMBER_ENTRY;
    expect(
      parseStackMemberTable([
        { oid: `${e}.9.1`, value: 3 },
        { oid: `${e}.9.2`, value: 1 },
        { oid: `${e}.9.3`, value: 0 },
      ]).map((m) => [m.number, m.role, m.state]),
    ).toEqual([
      [1, 'active', 'ready'],
      [2, 'unknown', 'removed'],
    ]);
  });

  it('platform: auto resolves to it from the real walk’s sysObjectID and the real sysDescr, and not from AOS-CX’s', () => {
    const d = /sysDescr\.0 = (.*)/.exec(real('napalm-procurve/test_get_facts/normal/getMIB_sysDescr_0.txt'))?.[1] ?? '';
    expect(detectPlatform('1.3.6.1.4.1.11.2.3.7.11.155', d)).toEqual({ platform: 'aruba-os-switch', by: 'sysObjectID and sysDescr' });
    expect(detectPlatform(null, d)?.platform).toBe('aruba-os-switch');
    expect(detectPlatform('1.3.6.1.4.1.47196.4.1.1.1.300', 'Aruba JL668A 6300F 24G-4SFP56 Sw FL.10.06.0110')?.platform).not.toBe('aruba-os-switch');
  });

  it('knows the real sysDescr (CLI `getMIB sysDescr.0`) and not an AOS-CX or IOS one', () => {
    const d = /sysDescr\.0 = (.*)/.exec(real('napalm-procurve/test_get_facts/normal/getMIB_sysDescr_0.txt'))?.[1] ?? '';
    expect(p.snmp?.detect.sysDescr.test(d)).toBe(true);
    expect(p.snmp?.detect.sysDescr.test('Cisco IOS Software, C2960X Software, Version 15.2(7)E')).toBe(false);
    expect(p.snmp?.detect.sysDescr.test('Aruba JL668A 6300F 24G-4SFP56 Sw FL.10.06.0110')).toBe(false);
  });
});

describe('configuration text', () => {
  const running = () => extractConfig(p, real(RUNNING));
  const startup = () => extractConfig(p, real(STARTUP));

  it('the real running / startup pair (differing only in the header) normalises to the same text: nothing unsaved', () => {
    expect(running()).toBe(startup());
    expect(running().startsWith('; J9148A Configuration Editor; Created on release #W.15.08.0012\n')).toBe(true);
    const diff = unsavedLines(p.syntax, running(), startup());
    expect(diff.counts).toEqual({ added: 0, removed: 0 });
  });

  it('is complete by its header, and a capture without it is not', () => {
    expect(isComplete(p, running())).toBe(true);
    const headless = running().split('\n').slice(2).join('\n');
    expect(whyIncomplete(p.syntax, headless)).toMatch(/no header/);
    // A capture cut inside a context leaves it open.
    const cut = running().slice(0, running().indexOf('interface 3') + 30);
    expect(whyIncomplete(p.syntax, cut)).toMatch(/not closed/);
  });

  it('contexts closed by `exit`: a port’s lines sit under it, the closer is structure, top-level lines have no parent', () => {
    const lines = linesInPlace(p.syntax, running());
    const name = lines.find((l) => l.text === '   name "rtr IPMI"');
    expect(name?.parents).toEqual(['interface 6']);
    const untagged = lines.find((l) => l.text === '   untagged 35');
    expect(untagged?.parents).toEqual(['vlan 4']);
    expect(lines.filter((l) => l.text.trim() === 'exit').every((l) => l.structure)).toBe(true);
    expect(lines.find((l) => l.text === 'snmp-server community "public" unrestricted')?.parents).toEqual([]);
    // The cookbook's stacking block: members under `stacking`.
    const stack = linesInPlace(p.syntax, real('cookbook/2930m_running-config_stacking-block.txt'));
    expect(stack.filter((l) => l.parents[0] === 'stacking' && !l.structure).map((l) => l.text.trim())).toHaveLength(8);
  });

  it('an unsaved VLAN shows as added lines under its context (the real running config with a VLAN more)', () => {
    const more = running().replace('no tftp client\n', 'vlan 5\n   name "guests"\n   tagged 2\n   no ip address\n   exit\nno tftp client\n');
    const diff = unsavedLines(p.syntax, more, startup());
    expect(diff.counts).toEqual({ added: 4, removed: 0 });
    expect(diff.added.join('\n')).toContain('name "guests"');
  });

  it('masks the community (Oxidized’s secrets) and the server keys', () => {
    const masked = maskSecrets(p, running());
    expect(masked).toContain('snmp-server community <masked> unrestricted');
    expect(masked).not.toContain('"public"');
    expect(maskSecrets(p, 'radius-server host 10.0.0.5 key "s3cr3t"')).toBe('radius-server host 10.0.0.5 key <masked>');
    expect(maskSecrets(p, 'tacacs-server key s3cr3t')).toBe('tacacs-server key <masked>');
    expect(maskSecrets(p, 'snmp-server host 10.0.0.9 community "trapper" trap-level all')).toBe('snmp-server host 10.0.0.9 community <masked> trap-level all');
    // `password manager` alone (the real capture) names no secret.
    expect(maskSecrets(p, 'password manager')).toBe('password manager');
  });

  it('the real configuration is not a factory default; a shipped-like one is', () => {
    expect(isFactoryDefault(running())).toBe(false);
    const shipped =
      '; J9727A Configuration Editor; Created on release #WB.16.02.0012\n; Ver #0c\nhostname "HP-2920-24G-PoEP"\nsnmp-server community "public" unrestricted\nvlan 1\n   name "DEFAULT_VLAN"\n   untagged 1-28\n   ip address dhcp-bootp\n   exit\n';
    expect(isFactoryDefault(shipped)).toBe(true);
  });
});

describe('restore: line-merge in configuration mode', () => {
  it('puts back a lost VLAN and a port name by typing them in their contexts, and removes what the target lacks', () => {
    const target = extractConfig(p, real(RUNNING));
    const running = target
      .replace('vlan 3\n   name "PublicSpot"\n   tagged 2,4,7,11,13,17,37,39\n   no ip address\n   exit\n', '')
      .replace('   name "rtr eth0"\n', '   name "temp"\n');
    const plan = planPush(p.syntax, configure(), running, target);
    const typed = JSON.stringify(plan);
    expect(typed).toContain('vlan 3');
    expect(typed).toContain('name \\"rtr eth0\\"');
    expect(typed).not.toContain('"exit"');
  });

  it('its `no` forms and replacements', () => {
    const c = configure();
    expect(c.negate('hostname "x"')).toBe('no hostname');
    expect(c.negate('no untagged 35')).toBe('untagged 35');
    expect(c.negate('vlan 3')).toBe('no vlan 3');
    expect(c.negate('interface 1')).toBeUndefined();
    expect(c.negate('snmp-server community "public" unrestricted')).toBe('no snmp-server community "public"');
    expect(c.replaces('name "a"', 'name "b"')).toBe(true);
    expect(c.replaces('ip address 10.0.0.1 255.255.255.0', 'no ip address')).toBe(true);
    expect(c.replaces('tagged 2', 'tagged 3')).toBe(false);
    expect(c.execLevel.some((re) => re.test('write memory'))).toBe(true);
    expect(c.errors.some((re) => re.test('Invalid input: foo'))).toBe(true);
    expect(c.refusalShown('Invalid input: s3cr3t')).toBe('Invalid input');
  });

  it('saves with `write memory`; the stack is backplane stacking with commander / standby / member', () => {
    expect(p.persist).toMatchObject({ kind: 'save', command: 'write memory' });
    expect(p.persist.kind === 'save' && p.persist.ok.test('')).toBe(true);
    expect(p.persist.kind === 'save' && p.persist.ok.test('Invalid input: memory')).toBe(false);
    expect(p.stack?.model).toBe('backplane');
    expect(p.stack?.roleWords).toEqual({ active: 'commander', standby: 'standby', member: 'member' });
  });
});
