// The lab's IOS-XE configuration mode where a restore leans on it: a configuration
// file read whole as `configure replace` reads it, the order IOS prints lines in
// whatever order they were typed, access-list entries as IOS keeps them, and the
// `[confirm]` of `no username`. (Over real SSH: test/lab/lab-config-replace.test.ts.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { parseConfig } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import * as model from '../../src/lab/model.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { applyConfigLine, NO_USERNAME_QUESTION } from '../../src/lab/personalities/cisco-iosxe/config-mode.js';
import type { ConfigLevel } from '../../src/lab/personalities/cisco-iosxe/config-mode.js';
import { buildConfig, parseTftpUrl } from '../../src/lab/personalities/cisco-iosxe/config-replace.js';
import { factoryDefaultConfig, initialConfig } from '../../src/lab/personalities/cisco-iosxe/state.js';
import { stackSpec } from '../helpers/lab.js';

/** Type lines into a configuration as `configure terminal` would; a refused line fails the test. */
function typeInto(text: string, lines: string[]): string {
  const tree = parseConfig(text);
  let levels: ConfigLevel[] = [];
  for (const l of lines) {
    const out = applyConfigLine(tree, levels, l);
    if (out.kind === 'ok') levels = out.levels;
    else if (out.kind === 'confirm') {
      out.confirm();
      levels = out.levels;
    } else if (out.kind !== 'end') throw new Error(`${l}: ${out.kind}`);
  }
  return renderConfig(tree);
}

/** The first refusal among `lines`, as the switch would print it. */
function refusal(text: string, lines: string[]): string | undefined {
  const tree = parseConfig(text);
  let levels: ConfigLevel[] = [];
  for (const l of lines) {
    const out = applyConfigLine(tree, levels, l);
    if (out.kind === 'ok') levels = out.levels;
    else if (out.kind === 'error') return out.message;
    else if (out.kind !== 'end') return out.kind;
  }
  return undefined;
}

describe('configure replace reads a file as IOS does', () => {
  it('a configuration IOS printed comes back byte for byte, separators, banner and exit lines included', () => {
    for (const spec of [stackSpec('rp-1', 2, 1), { ...stackSpec('rp-2', 3, 4), provisioned: [3], extraInterfacesPerMember: 2 }]) {
      const text = initialConfig(spec);
      const { tree, refused } = buildConfig(text);
      expect(refused).toEqual([]);
      expect(renderConfig(tree)).toBe(text);
    }
    const factory = factoryDefaultConfig();
    expect(renderConfig(buildConfig(factory).tree)).toBe(factory);
  });

  it('drops the header comments IOS writes itself, and reads nothing after `end`', () => {
    const file = '!\n! Last configuration change at 10:00:00 UTC Mon Nov 23 2026 by admin\n!\nversion 17.9\nhostname R1\n!\nend\nhostname IGNORED\n';
    expect(renderConfig(buildConfig(file).tree)).toBe('version 17.9\nhostname R1\n!\nend\n');
  });

  it('names every line it refuses, by number, and what IOS says about it', () => {
    const file = 'version 17.9\nhostname R1\nfrobnicate the switch\ninterface Vlan99\n description mgmt\n ip address\nend\n';
    const { refused } = buildConfig(file);
    expect(refused).toEqual([
      { number: 3, text: 'frobnicate the switch', error: "% Invalid input detected at '^' marker." },
      { number: 6, text: 'ip address', error: '% Incomplete command.' },
    ]);
  });

  it('parses tftp:// URLs the way IOS names a network file', () => {
    expect(parseTftpUrl('tftp://192.0.2.9/switchback-core-1-a1b2.cfg')).toEqual({ server: '192.0.2.9', file: 'switchback-core-1-a1b2.cfg' });
    expect(parseTftpUrl('tftp://192.0.2.9/dir/x.cfg')).toEqual({ server: '192.0.2.9', file: 'dir/x.cfg' });
    expect(parseTftpUrl('flash:x.cfg')).toBeNull();
  });
});

describe('lines typed in any order read back in IOS order', () => {
  const factory = factoryDefaultConfig();

  it('a hostname typed last still stands after the `platform` line, before the VRF; `no hostname` gives back `Switch`', () => {
    const unnamed =
      'version 17.9\nservice call-home\nplatform punt-keepalive disable-kernel-core\n!\nvrf definition Mgmt-vrf\n!\nline con 0\n stopbits 1\n!\nend\n';
    const lines = typeInto(unnamed, ['hostname CORE-1']).split('\n');
    expect(lines.indexOf('hostname CORE-1')).toBe(lines.indexOf('platform punt-keepalive disable-kernel-core') + 1);
    expect(typeInto(factory, ['hostname CORE-1', 'no hostname'])).toBe(factory);
  });

  it('refuses a global `ip` command IOS does not have, at the word it does not know', () => {
    const tree = parseConfig(factory);
    expect(applyConfigLine(tree, [], 'ip frobnicate on')).toEqual({ kind: 'invalid', at: 3 });
    expect(applyConfigLine(tree, [], 'ip route 0.0.0.0 0.0.0.0 192.0.2.1').kind).toBe('ok');
  });

  it('interfaces stand by type and number: port-channels, the management port, member ports, SVIs', () => {
    const out = typeInto(factory, [
      'interface Vlan99',
      'interface GigabitEthernet2/0/1',
      'interface TenGigabitEthernet1/1/1',
      'interface GigabitEthernet1/0/2',
      'interface Port-channel1',
    ]);
    const order = out.split('\n').filter((l) => l.startsWith('interface '));
    expect(order).toEqual([
      'interface Port-channel1',
      'interface GigabitEthernet0/0',
      'interface GigabitEthernet1/0/2',
      'interface TenGigabitEthernet1/1/1',
      'interface GigabitEthernet2/0/1',
      'interface Vlan1',
      'interface Vlan99',
    ]);
  });

  it('a description typed after the switchport lines is still printed first', () => {
    const out = typeInto(factory, [
      'interface GigabitEthernet1/0/3',
      ' switchport mode access',
      ' spanning-tree portfast',
      ' description printer',
      ' switchport access vlan 30',
    ]);
    expect(out).toContain(
      'interface GigabitEthernet1/0/3\n description printer\n switchport access vlan 30\n switchport mode access\n spanning-tree portfast\n',
    );
  });

  it('an address takes the place of `no ip address`', () => {
    const out = typeInto(factory, ['interface GigabitEthernet0/0', ' ip address 198.51.100.10 255.255.255.0']);
    expect(out).toContain('interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n ip address 198.51.100.10 255.255.255.0\n negotiation auto\n');
  });

  it('a new address family is printed with its exit-address-family', () => {
    const out = typeInto('vrf definition BLUE\n!\nend\n', ['vrf definition BLUE', ' address-family ipv4', ' exit-address-family']);
    expect(out).toBe('vrf definition BLUE\n address-family ipv4\n exit-address-family\n!\nend\n');
  });

  it('exec-timeout typed under `line con 0` stands before stopbits', () => {
    expect(typeInto(factory, ['line con 0', ' exec-timeout 15 0'])).toContain('line con 0\n exec-timeout 15 0\n stopbits 1\n');
  });
});

/** The running config of a real C9200L on IOS-XE 17.9.4a, as Oxidized recorded it (see test/fixtures/SOURCES.md). */
function realRunningConfig(): string[] {
  const file = join(fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url)), 'ios#C9200L-24P-4G_17.09.04a#simulation.yaml');
  const shown = parseRecordedSession(readFileSync(file, 'utf8')).exchanges.find((e) => e.send.startsWith('show running-config'))!.output;
  const lines = shown.replace(/\r\n/g, '\n').split('\n');
  return lines.slice(
    lines.findIndex((l) => l.startsWith('version ')),
    lines.lastIndexOf('end') + 1,
  );
}

/** Configuration lines: not blank, not a `!` comment. */
const significant = (lines: string[]) => lines.filter((l) => l.trim() !== '' && !l.trim().startsWith('!'));

describe('a real IOS-XE configuration typed back', () => {
  it('typed line by line into an empty switch, it reads back line for line, trailing and double spaces included', () => {
    const real = realRunningConfig();
    const state = ciscoIosxe.initialState(stackSpec('real-1', 1), 0);
    model.powerCycle(state, parseConfig('end\n'), 0, true);
    const cli = ciscoIosxe.openCli({ state, now: () => 0, save: () => undefined, touchRunning: () => undefined }, 'test', 15, 'x');
    const refused: string[] = [];
    for (const line of ['configure terminal', ...significant(real).filter((l) => l !== 'end'), 'end']) {
      const reply = cli.input(line);
      if (reply.key) cli.input('y');
      if (reply.output.includes('%')) refused.push(line);
    }
    expect(refused).toEqual([]);
    // The lab's `!` separators follow its own configurations (state.ts), not every section IOS has.
    expect(significant(renderConfig(state.running).split('\n'))).toEqual(significant(real));
  });

  it('configure replace takes it whole, refusing nothing', () => {
    const real = realRunningConfig().join('\n') + '\n';
    const { tree, refused } = buildConfig(real);
    expect(refused).toEqual([]);
    expect(renderConfig(tree)).toBe(real);
  });
});

describe('access lists', () => {
  const base = 'ip access-list standard SNMP-RO\n 10 permit 192.0.2.0 0.0.0.255\nend\n';

  it('numbers entries typed without a number, and prints deny padded to the width of permit', () => {
    expect(typeInto(base, ['ip access-list standard SNMP-RO', ' deny any'])).toBe(
      'ip access-list standard SNMP-RO\n 10 permit 192.0.2.0 0.0.0.255\n 20 deny   any\nend\n',
    );
    expect(typeInto(base, ['ip access-list standard SNMP-RO', ' 20 deny   any'])).toContain(' 20 deny   any\n');
  });

  it('keeps entries in sequence order and removes them by number or by what they say', () => {
    const out = typeInto(base, ['ip access-list standard SNMP-RO', ' 30 deny any', ' 5 permit 198.51.100.7']);
    expect(out).toContain(' 5 permit 198.51.100.7\n 10 permit 192.0.2.0 0.0.0.255\n 30 deny   any\n');
    expect(typeInto(out, ['ip access-list standard SNMP-RO', ' no 5', ' no deny any'])).toBe(base);
  });

  it('refuses a sequence number that is taken by another entry', () => {
    expect(refusal(base, ['ip access-list standard SNMP-RO', ' 10 deny any'])).toBe('% Duplicate sequence number');
  });

  it('pads deny in numbered lists too', () => {
    expect(typeInto('end\n', ['access-list 10 deny any'])).toBe('access-list 10 deny   any\nend\n');
  });
});

describe('no username', () => {
  it("asks IOS-XE's question first, and only the confirmation removes the user", () => {
    const tree = parseConfig('username admin privilege 15 secret 9 $9$x$y\nusername ops privilege 1 secret 9 $9$a$b\nend\n');
    const out = applyConfigLine(tree, [], 'no username admin');
    expect(out.kind).toBe('confirm');
    if (out.kind !== 'confirm') return;
    expect(out.question).toBe(NO_USERNAME_QUESTION);
    expect(renderConfig(tree)).toContain('username admin ');
    out.confirm();
    expect(renderConfig(tree)).toBe('username ops privilege 1 secret 9 $9$a$b\nend\n');
  });
});
