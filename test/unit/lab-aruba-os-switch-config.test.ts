// The aruba-os-switch lab's configuration mode against a real configuration: typing the real
// 2910al running config (napalm-procurve, test/fixtures/real) line by line into a lab switch
// that holds only its header must print it back byte for byte — the same contexts, the same
// `exit` lines, the switch's own order (VLANs' name / untagged / tagged / address, ports'
// settings alphabetical, globals, ports, SNMP, VLANs, then tftp / autorun / password). And
// the `no` forms the platform's restore types take the lines back out.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig } from '../../src/config/normalise.js';
import { parseConfig, renderConfig } from '../../src/lab/config-tree.js';
import type { Member } from '../../src/lab/model.js';
import { applyLine } from '../../src/lab/personalities/aruba-os-switch/config-mode.js';
import type { Context } from '../../src/lab/personalities/aruba-os-switch/config-mode.js';
import { arubaOsSwitch as platform } from '../../src/platforms/aruba-os-switch/index.js';

const REAL = readFileSync(fileURLToPath(new URL('../fixtures/real/napalm-procurve/test_get_config/normal/show_running_config.txt', import.meta.url)), 'utf8');
const real = extractConfig(platform, REAL);
const standalone: Member[] = [
  {
    number: 1,
    role: 'active',
    state: 'ready',
    priority: 128,
    mac: '00:17:08:c8:21:00',
    model: 'J9148A',
    serial: 'SG000',
    version: 'W.15.08.0012',
    hwVersion: '',
    ports: 48,
    powered: true,
  },
];

function type(tree: ReturnType<typeof parseConfig>, lines: string[]): string[] {
  let at: Context = { kind: 'config' };
  const refused: string[] = [];
  for (const line of lines) {
    const out = applyLine(tree, standalone, at, line);
    if (out.kind === 'error') refused.push(`${line}: ${out.message}`);
    else if (out.kind === 'ok') at = out.context;
    else at = { kind: 'config' };
  }
  return refused;
}

describe('the lab types a real configuration back as the switch printed it', () => {
  it('the real 2910al running config, typed line by line, prints back byte for byte', () => {
    const header = real.split('\n').filter((l) => l.startsWith(';'));
    const tree = parseConfig(header.join('\n'));
    const refused = type(
      tree,
      real.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')),
    );
    expect(refused).toEqual([]);
    expect(renderConfig(tree)).toBe(real);
  });

  it('the `no` forms the platform types remove what they name, and a VLAN left without an address says so', () => {
    const tree = parseConfig(real);
    const restore = platform.restore[0];
    if (restore?.kind !== 'line-merge') throw new Error('line-merge expected');
    const no = (line: string) => restore.configure.negate(line)!;
    expect(
      type(tree, [
        no('snmp-server community "public" unrestricted'),
        no('ip route 0.0.0.0 0.0.0.0 192.168.1.254'),
        'vlan 1',
        no('ip address 192.168.1.248 255.255.255.0'),
        no('no untagged 35'),
        'exit',
        no('vlan 4'),
      ]),
    ).toEqual([]);
    const text = renderConfig(tree);
    expect(text).not.toContain('snmp-server community');
    expect(text).not.toContain('ip route');
    expect(text).toContain('vlan 1\n   name "DEFAULT_VLAN"\n   untagged 1-34,36-48\n   untagged 35\n   no ip address\n   exit\n');
    expect(text).not.toContain('vlan 4');
  });

  it('refuses what the switch refuses: an unknown word, a port it does not have, VLAN 1', () => {
    const tree = parseConfig(real);
    expect(type(tree, ['frobnicate now', 'interface 49', 'no vlan 1'])).toEqual([
      'frobnicate now: Invalid input: frobnicate',
      'interface 49: Module not present for port or invalid port: 49',
      'no vlan 1: The default VLAN cannot be deleted.',
    ]);
    expect(renderConfig(tree)).toBe(real);
  });
});

describe('ports as a real stack names them', () => {
  it('every port of a real 3-member stack’s `show interfaces brief` (member/port, `1/28-Trk1` a trunk member) opens a port context on a lab stack of 28-port members', () => {
    const brief = readFileSync(
      fileURLToPath(new URL('../fixtures/real/ntc-templates/hp_procurve/show_interfaces_brief/show_interfaces_brief_stack.raw', import.meta.url)),
      'utf8',
    );
    const ports = [...brief.matchAll(/^\s+(\d+\/\d+)(?:-Trk\d+)?\s/gm)].map((m) => m[1]!);
    expect(ports).toHaveLength(21);
    const stack: Member[] = [1, 2, 3].map((number) => ({ ...standalone[0]!, number, ports: 28 }));
    const tree = parseConfig('; JL322A Configuration Editor; Created on release #WC.16.10.0018');
    for (const port of ports) {
      expect(applyLine(tree, stack, { kind: 'config' }, `interface ${port}`)).toMatchObject({ kind: 'ok', context: { kind: 'context', mode: `eth-${port}` } });
    }
    // A standalone port number means nothing on a stack; a fourth member does not exist.
    expect(applyLine(tree, stack, { kind: 'config' }, 'interface 5').kind).toBe('error');
    expect(applyLine(tree, stack, { kind: 'config' }, 'interface 4/1').kind).toBe('error');
  });
});
