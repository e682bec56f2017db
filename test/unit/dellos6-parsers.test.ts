// The dell-os6 parsers and syntax on every real Dell OS6 capture (test/fixtures/real/napalm-dellos6,
// an N4032 two-unit stack) and on the FASTPATH sibling EFOS's recorded session (Oxidized):
// show switch, show version, show switch stack-ports, running and startup (the real unsaved
// VLAN 666), secrets, volatile lines, factory default, SNMP detection and the unit table.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, linesInPlace, maskSecrets, significantLineCount, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { compareWithTarget, planPush } from '../../src/config/push-plan.js';
import { detectPlatform } from '../../src/jobs/snmp-facts.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { dellOs6, parseStack, parseStackPorts, parseUnitTable, parseVersion, stackLinks, UNIT_ENTRY } from '../../src/platforms/dell-os6/index.js';
import type { SnmpRow } from '../../src/platforms/platform.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');
const RUNNING = real('napalm-dellos6/test_get_config/normal/show_running_config.txt');
const STARTUP = real('napalm-dellos6/test_get_config/normal/show_startup_config.txt');
const configure = dellOs6.restore[0]!.kind === 'line-merge' ? dellOs6.restore[0]!.configure : undefined;

describe('show switch (real N4032 stack)', () => {
  it('finds the management unit, the operational standby and their states, by the dashed columns', () => {
    expect(parseStack(real('napalm-dellos6/test_get_facts/normal/show_switch.txt'))).toEqual([
      { number: 1, role: 'standby', state: 'ready', model: 'N4032', version: '6.2.0.5' },
      { number: 2, role: 'active', state: 'ready', model: 'N4032', version: '6.2.0.5' },
    ]);
  });

  it('keeps a unit that is not present, and a unit with another code, in the contract’s words', () => {
    const text = [
      '    Management Standby   Preconfig     Plugged-in    Switch        Code',
      'SW  Status     Status    Model ID      Model ID      Status        Version',
      '--- ---------- --------- ------------- ------------- ------------- -----------',
      '1   Mgmt Sw              N4032         N4032         OK            6.2.0.5',
      '2   Unassigned           N4032                       Not Present   0.0.0.0',
      '3   Stack Mbr  Oper Stby N4032         N4032         Code Mismatch 6.1.0.1',
    ].join('\n');
    expect(parseStack(text).map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'member', 'removed'],
      [3, 'standby', 'version-mismatch'],
    ]);
    expect(parseStack('')).toEqual([]);
  });
});

describe('show version (real N4032 stack)', () => {
  it('reads model, serial, software and each unit’s running image', () => {
    const v = parseVersion(real('napalm-dellos6/test_get_facts/normal/show_version.txt'));
    expect(v).toMatchObject({ model: 'N4032', version: '6.2.0.5', serials: ['CN04G4FP2829859O0195F03'] });
    expect(v.members.map((m) => [m.number, m.version])).toEqual([
      [1, '6.2.0.5'],
      [2, '6.2.0.5'],
    ]);
  });
});

describe('show switch stack-ports (real)', () => {
  it('lists the four stack links, two per unit, all up', () => {
    const ports = parseStackPorts(real('napalm-dellos6/test_get_interfaces/normal/show_switch_stack_ports.txt'));
    expect(ports).toHaveLength(48);
    expect(stackLinks(ports).map((p) => [p.port, p.unit, p.up])).toEqual([
      ['Te1/0/23', 1, true],
      ['Te1/0/24', 1, true],
      ['Te2/0/23', 2, true],
      ['Te2/0/24', 2, true],
    ]);
  });
});

describe('running and startup (the real pair)', () => {
  it('stores each as printed (the header kept: it changes only with the software), complete', () => {
    expect(extractConfig(dellOs6, `show running-config\n${RUNNING}\nconsole#`)).toBe(RUNNING);
    expect(isComplete(dellOs6, RUNNING)).toBe(true);
    expect(isComplete(dellOs6, STARTUP)).toBe(true);
    expect(whyIncomplete(dellOs6.syntax, RUNNING.replace(/exit\n$/, ''))).toMatch(/1 block\(s\) not closed/);
  });

  it('compares as the capture says: VLAN 666, its interface and the trunk list are unsaved; nothing else', () => {
    const diff = unsavedLines(dellOs6.syntax, RUNNING, STARTUP);
    expect(diff.counts).toEqual({ added: 7, removed: 2 });
    expect(diff.added).toContain('name "TEST"');
    expect(diff.added).toContain('ip address 192.0.2.129 255.255.255.252');
    expect(unsavedLines(dellOs6.syntax, RUNNING, RUNNING).counts).toEqual({ added: 0, removed: 0 });
    // Trailing blanks the switch prints (`interface Te1/0/4 `, `name "radius1"  `) are the same line in both.
    expect(RUNNING).toContain('interface Te1/0/4 \n');
  });

  it('reads the blocks: an inline `!` note stays on its line; `logging snmp` opens nothing', () => {
    const lines = linesInPlace(dellOs6.syntax, RUNNING);
    expect(lines.find((l) => l.text === 'member 2 1    ! N4032')?.parents).toEqual(['stack']);
    expect(lines.find((l) => l.text === 'level debugging')?.parents).toEqual(['logging 192.0.2.246']);
    expect(lines.find((l) => l.text === 'logging buffered debugging')?.parents).toEqual([]);
    expect(lines.find((l) => l.text === 'vpc 1')?.parents).toEqual(['interface port-channel 1']);
    // Every line but the header comments, the `!` separators, `configure` and the `exit`s.
    expect(significantLineCount(dellOs6.syntax, RUNNING)).toBe(220);
  });

  it('plans the restore of startup over running: the lines typed in their blocks; the VLAN list typed over, never removed', () => {
    const plan = planPush(dellOs6.syntax, configure!, RUNNING, STARTUP);
    const typed = plan.items.map((i) => [i.change, i.line.parents, i.type]);
    expect(typed).toContainEqual(['remove', [], ['no interface vlan 666']]);
    expect(typed).toContainEqual(['add', [], ['vlan 699,707,710,3840,4000-4002']]);
    expect(typed).toContainEqual(['add', ['interface port-channel 50'], ['switchport trunk allowed vlan 699,707,710,3840,4002']]);
    expect(plan.items.some((i) => i.type.some((t) => /^no vlan 666,/.test(t)))).toBe(false);
    expect(compareWithTarget(dellOs6.syntax, configure!, STARTUP, STARTUP).same).toBe(true);
  });

  it('masks the secrets: password hashes, the RADIUS key, the community, the trap host’s community', () => {
    const masked = maskSecrets(dellOs6, RUNNING);
    for (const secret of ['da1809c347677d690402d93be40ceaa1', 'Eeng7sa9Cohhook2', '38d0fe97e68c78d01484299c1eba409f', '"public"']) {
      expect(masked).not.toContain(secret);
    }
    expect(masked).toContain('username "test" password ');
    expect(masked).toContain('snmp-server host 192.0.2.133 traps version 2 ');
    // Not secrets: the engine ID, a name, a VLAN list.
    expect(masked).toContain('snmp-server engineid local ef4eba9cfb702d20f5b3dc');
    expect(masked).toContain('name "radius1"');
  });

  it('a configured stack is not a factory default; a bare one is', () => {
    expect(dellOs6.isFactoryDefault?.(RUNNING)).toBe(false);
    expect(dellOs6.isFactoryDefault?.(STARTUP)).toBe(false);
    const bare = RUNNING.split('\n').slice(0, 6).join('\n') + '\nslot 1/0 2    ! Dell Networking N4032\nstack\nmember 1 1    ! N4032\nexit\nexit\n';
    expect(dellOs6.isFactoryDefault?.(bare)).toBe(true);
  });
});

describe('the FASTPATH sibling (Broadcom EFOS, a real recorded session)', () => {
  const session = parseRecordedSession(real('oxidized/efos#BES-53248_3.12.0.1#simulation.yaml'));
  const raw = session.exchanges.find((e) => e.send === 'show running-config\n')!.output;

  it('drops only the uptime and clock lines, as Oxidized stored it', () => {
    const stored = extractConfig(dellOs6, raw);
    expect(raw).toMatch(/!System Up Time {10}"146 days/);
    expect(raw).toMatch(/!Current System Time: Apr {2}8 13:30:29 2025/);
    expect(stored).not.toMatch(/Up Time|Current System Time/);
    const oxidized = real('oxidized/efos#BES-53248_3.12.0.1#output.txt');
    // Oxidized's file starts with its own `! !` notes of two other commands, then a blank line.
    expect(
      oxidized
        .split('\n')
        .filter((l) => !/^! ! /.test(l))
        .join('\n')
        .trim(),
    ).toBe(stored.trim());
  });

  it('knows its prompts, the hostname in parentheses kept as printed', () => {
    expect(dellOs6.prompt.exec('\n(Metro_Switch_A_1)>')?.[1]).toBe('(Metro_Switch_A_1)');
    expect(dellOs6.prompt.exec('\n(Metro_Switch_A_1) (Config)#')?.[1]).toBe('(Metro_Switch_A_1)');
    expect(dellOs6.prompt.exec('\nconsole(config-if-Te1/0/1)#')?.[1]).toBe('console');
    expect(dellOs6.prompt.exec('\nswitch1#')?.[1]).toBe('switch1');
    // No configuration line looks like a prompt.
    for (const text of [RUNNING, STARTUP, extractConfig(dellOs6, raw)]) expect(text.split('\n').filter((l) => dellOs6.prompt.test(`\n${l}`))).toEqual([]);
  });
});

describe('SNMP', () => {
  it('claims the real N4032’s sysObjectID and its System Description', () => {
    const objectId = /System Object ID\.+ (\S+)/.exec(real('napalm-dellos6/test_get_facts/normal/show_version.txt'))![1]!;
    expect(objectId).toBe('1.3.6.1.4.1.674.10895.3042');
    expect(detectPlatform(objectId, null)?.platform).toBe('dell-os6');
    const descr = /^!System Description "([^"]+)"/m.exec(RUNNING)![1]!;
    expect(detectPlatform(null, descr)?.platform).toBe('dell-os6');
    expect(detectPlatform('1.3.6.1.4.1.9.1.2694', 'Cisco IOS Software')?.platform).not.toBe('dell-os6');
  });

  it('reads agentInventoryUnitTable: mgmtUnit is the management unit, standby-opr the standby, notPresent removed', () => {
    const row = (column: number, unit: number, value: SnmpRow['value']): SnmpRow => ({ oid: `.${UNIT_ENTRY}.${column}.${unit}`, value });
    const rows: SnmpRow[] = [
      row(6, 1, 2),
      row(11, 1, 1),
      row(12, 1, Buffer.from('6.2.0.5')),
      row(26, 1, 2),
      row(19, 1, Buffer.from('CN04G4FP2829859O0195F03')),
      row(6, 2, 1),
      row(11, 2, 1),
      row(12, 2, Buffer.from('6.2.0.5')),
      row(26, 2, 1),
      row(6, 3, 2),
      row(11, 3, 6),
      row(26, 3, 1),
      { oid: `${UNIT_ENTRY}.6.4.9`, value: 1 },
    ];
    expect(parseUnitTable(rows)).toEqual([
      { number: 1, role: 'standby', state: 'ready', version: '6.2.0.5', serial: 'CN04G4FP2829859O0195F03' },
      { number: 2, role: 'active', state: 'ready', version: '6.2.0.5' },
      { number: 3, role: 'member', state: 'removed' },
    ]);
    expect(dellOs6.snmp?.stack?.table).toBe(UNIT_ENTRY);
  });
});
