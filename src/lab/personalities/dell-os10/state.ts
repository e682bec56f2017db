// What a lab OS10 switch is: one S5248F-ON (a VLT peer is its own switch, never a stack member),
// its configuration as OS10 prints it (the real captures' layout: one-space indentation, `!`
// before each block), the factory default, and the order OS10 prints top-level lines in.

import { createHash } from 'node:crypto';
import { parseConfig } from '../../config-tree.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, electByPriority, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';

/** The release and model of the real `show system` capture (napalm-dellos10: S5248F-ON, 10.5.1.0). */
export const OS10_VERSION = '10.5.1.0';
export const OS10_MODEL = 'S5248F-ON';
export const CONFIG_USER = 'admin';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function seed(index: number, what: string): Buffer {
  return createHash('sha256').update(`os10:${what}:${index}`).digest();
}

/** A service tag as Dell prints it: seven characters (`AABBCC2` in the real capture). */
export function serviceTagFor(index: number): string {
  const alphabet = '0123456789BCDFGHJKLMNPQRSTVWXYZ';
  return [...seed(index, 'tag').subarray(0, 7)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** `8c:04:ba:12:34:56` (a Dell OUI, as the real capture's node-mac). */
export function macFor(index: number): string {
  return ['8c', '04', 'ba', ...[...seed(index, 'mac').subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** The one unit: the spec's first member (a VLT peer is a switch of its own). */
function unitOf(spec: LabSwitchSpec): Member {
  const m = spec.members[0] ?? { number: 1, priority: 1, model: OS10_MODEL };
  return {
    number: 1,
    role: 'member',
    state: 'ready',
    priority: m.priority,
    mac: macFor(spec.index),
    model: OS10_MODEL,
    serial: serviceTagFor(spec.index),
    version: OS10_VERSION,
    hwVersion: 'A00',
    ports: 48,
    ...(m.feed !== undefined ? { feed: m.feed } : {}),
    powered: true,
  };
}

const PORTS = 48;

export function initialConfig(spec: LabSwitchSpec): string {
  const ports = Math.min(PORTS, 4 + (spec.extraInterfacesPerMember ?? 0));
  return (
    [
      'ip vrf default',
      `hostname ${spec.hostname}`,
      'snmp-server community labcommunity ro',
      'snmp-server contact noc@example.net',
      'snmp-server location "lab rack 4"',
      'ntp server 192.0.2.123',
      'ip name-server 192.0.2.53',
      'username admin password $6$rounds=656000$labsalt$Jx0Xl1b2R3c4d5E6f7G8h9I0jKlMnOpQrStUvWxYz role sysadmin priv-lvl 15',
      'aaa authentication login default local',
      'iscsi target port 860',
      'iscsi target port 3260',
      'interface vlan1',
      ' no shutdown',
      'interface vlan10',
      ' description users',
      ' no shutdown',
      ...Array.from({ length: ports }, (_, i) => [`interface ethernet1/1/${i + 1}`, ' no shutdown', ` switchport access vlan ${i === 0 ? 10 : 1}`]).flat(),
      'interface mgmt1/1/1',
      ' no shutdown',
      ' ip address dhcp',
      ' ipv6 address autoconfig',
      'support-assist',
      'policy-map type application policy-iscsi',
      'class-map type application class-iscsi',
    ].join('\n') + '\n'
  );
}

/** After `delete startup-configuration` and a reload: the admin user, VLAN 1, the ports, the management port, OS10's built-ins. */
export function factoryDefaultConfig(): string {
  return (
    [
      'ip vrf default',
      'username admin password $6$rounds=656000$factory$Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLlZzXxCcVvBbNnMm role sysadmin priv-lvl 15',
      'aaa authentication login default local',
      'iscsi target port 860',
      'iscsi target port 3260',
      'interface vlan1',
      ' no shutdown',
      ...Array.from({ length: 4 }, (_, i) => [`interface ethernet1/1/${i + 1}`, ' no shutdown', ' switchport access vlan 1']).flat(),
      'interface mgmt1/1/1',
      ' no shutdown',
      ' ip address dhcp',
      ' ipv6 address autoconfig',
      'support-assist',
      'policy-map type application policy-iscsi',
      'class-map type application class-iscsi',
    ].join('\n') + '\n'
  );
}

// ---------------------------------------------------------------- order

/** OS10 prints its configuration from its database in its own order (the real captures'), not as typed. */
const TOP: RegExp[] = [
  /^ip vrf /,
  /^hostname /,
  /^snmp-server /,
  /^ip name-server /,
  /^ip domain-name /,
  /^interface breakout /,
  /^ntp /,
  /^username /,
  /^aaa /,
  /^ip route /,
  /^iscsi /,
  /^management route /,
  /^vlt-domain /,
  /^interface vlan/,
  /^interface port-channel/,
  /^interface ethernet/,
  /^interface loopback/,
  /^interface mgmt/,
  /^router /,
  /^support-assist/,
  /^policy-map /,
  /^class-map /,
];
const CHILD: RegExp[] = [
  /^description /,
  /^(?:no )?shutdown$/,
  /^(?:no )?switchport$/,
  /^switchport mode /,
  /^switchport access /,
  /^switchport trunk /,
  /^mtu /,
  /^ip address /,
];

const rank = (rules: RegExp[], line: string): number => {
  const i = rules.findIndex((re) => re.test(line));
  return i < 0 ? rules.length : i;
};
/** `ethernet1/1/10` after `ethernet1/1/9`: numbers compared as numbers. */
const numbers = (line: string): number[] => (line.match(/\d+/g) ?? []).map(Number);
function byNumbers(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
}

function sortChildren(nodes: ConfigNode[]): void {
  nodes.sort((a, b) => rank(CHILD, a.line) - rank(CHILD, b.line));
  for (const n of nodes) sortChildren(n.children);
}

/** The tree in OS10's order, without `!` lines (show prints them). Sorts in place; returns the tree. */
export function canonical(tree: ConfigTree): ConfigTree {
  for (let i = tree.length - 1; i >= 0; i--) if (tree[i]!.line.startsWith('!')) tree.splice(i, 1);
  tree.sort((a, b) => {
    const r = rank(TOP, a.line) - rank(TOP, b.line);
    return r !== 0 ? r : /^interface /.test(a.line) ? byNumbers(a.line, b.line) : 0;
  });
  for (const n of tree) sortChildren(n.children);
  return tree;
}

export function initialState(spec: LabSwitchSpec, now: number): SwitchState {
  const uptime = (9 + ((spec.index * 5) % 30)) * DAY + ((spec.index * 7) % 24) * HOUR;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 3);
  const savedAt = runningChangedAt + 5_000;
  const state: SwitchState = {
    name: spec.name,
    running: canonical(parseConfig(initialConfig(spec))),
    startup: canonical(parseConfig(initialConfig(spec))),
    members: [unitOf(spec)],
    boots: 1,
    bootedAt,
    runningChangedAt,
    runningChangedBy: CONFIG_USER,
    startupChangedAt: savedAt,
    startupChangedBy: CONFIG_USER,
    runningSavedAt: savedAt,
    nvram: { lastChangeAt: runningChangedAt, lastChangeBy: CONFIG_USER, savedAt, savedBy: CONFIG_USER },
    up: true,
    faults: { ...NO_FAULTS },
    hostKeyGeneration: 0,
  };
  electByPriority(state.members, { kind: 'boot' });
  return state;
}

/** The hostname the running configuration sets; OS10's own name for a switch without one. */
export function hostnameOf(config: ConfigTree): string {
  return (
    config
      .find((n) => n.line.startsWith('hostname '))
      ?.line.slice('hostname '.length)
      .trim() || 'OS10'
  );
}
