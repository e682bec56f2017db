// A Nexus switch's state in the lab: one chassis (NX-OS does not stack; two Nexus stand as a
// vPC pair, each its own switch), the configuration as NX-OS prints it (two-space indentation,
// its own order), and what NX-OS keeps beside it: named checkpoints of running
// (`checkpoint NAME`), which `rollback running-config checkpoint NAME atomic` puts back.

import { createHash } from 'node:crypto';
import { cloneTree, parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';
import { canonical } from './config-mode.js';

export const NXOS_VERSION = '10.4(5)';
export const NXOS_IMAGE = 'nxos64-cs.10.4.5.M.bin';
export const CONFIG_USER = 'admin';
/** The chassis the lab's Nexus are (the real 10.4(5) recording's), and its port count. */
export const MODEL = 'N9K-C93180YC-FX3';
export const CHASSIS = 'Nexus9000 C93180YC-FX3';
export const PORTS = 54;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What NX-OS keeps beside its configuration in the lab. */
export interface NxosState {
  /** Named checkpoints of running (`checkpoint NAME`): up to ten (Cisco's rollback chapter). */
  checkpoints: Map<string, ConfigTree>;
  /** Lab fault: configuration lines matching it are taken without a word and not applied (what runs is then not what was typed). */
  dropTyped?: RegExp;
  /** Lab fault: configuration lines matching it are refused with `% Invalid command`. */
  refuseTyped?: RegExp;
}

export function nxos(state: SwitchState): NxosState {
  return state.extra as NxosState;
}

function seed(index: number, what: string): Buffer {
  return createHash('sha256').update(`nxos:${what}:${index}`).digest();
}

/** `FDO` + 8 characters, as the real 93180's `Processor Board ID FDO20000000`. */
export function serialFor(index: number): string {
  const h = seed(index, 'serial');
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return 'FDO' + [...h.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function macFor(index: number): string {
  const h = seed(index, 'mac');
  return ['00', '3a', '9c', ...[...h.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** One chassis: the spec's first member, with its feed. */
function chassisOf(spec: LabSwitchSpec): Member[] {
  const m = spec.members[0] ?? { number: 1, priority: 1, model: MODEL };
  return [
    {
      number: 1,
      role: 'active',
      state: 'ready',
      priority: m.priority,
      mac: macFor(spec.index),
      model: MODEL,
      serial: serialFor(spec.index),
      version: NXOS_VERSION,
      hwVersion: '',
      ports: PORTS,
      ...(m.feed !== undefined ? { feed: m.feed } : {}),
      powered: true,
    },
  ];
}

/** The spec's pair, when the fleet's spec names one (issue 16's `LabSwitchSpec.pair`: peer, domain, configured role). */
type PairedSpec = LabSwitchSpec & { pair?: { peer: string; domain: string; role: 'primary' | 'secondary' } };

/**
 * A vPC peer's configuration (Cisco's vPC configuration examples): the feature, the domain with
 * its role priority (lower wins primary) and keepalive over mgmt0, the peer link on
 * port-channel 1 (the one `show vpc` names), and port-channel 10 as the vPC itself.
 */
function vpcLines(spec: PairedSpec): { features: string[]; domain: string[]; channels: string[] } {
  const pair = spec.pair;
  if (!pair) return { features: [], domain: [], channels: [] };
  const [self, peer] = pair.role === 'primary' ? [1, 2] : [2, 1];
  return {
    features: ['feature vpc'],
    domain: [
      `vpc domain ${pair.domain}`,
      `  role priority ${pair.role === 'primary' ? 100 : 200}`,
      `  peer-keepalive destination 198.51.100.${peer} source 198.51.100.${self} vrf management`,
    ],
    channels: ['interface port-channel1', '  switchport mode trunk', '  vpc peer-link', 'interface port-channel10', '  switchport mode trunk', '  vpc 10'],
  };
}

export function initialConfig(spec: LabSwitchSpec): string {
  const extra = spec.extraInterfacesPerMember ?? 0;
  const vpc = vpcLines(spec);
  const lines = [
    `version ${NXOS_VERSION} Bios:version 01.11`,
    `hostname ${spec.hostname}`,
    'feature lacp',
    'feature lldp',
    ...vpc.features,
    'username admin password 5 $5$LABLAB$Lrm6C3bQY8i8D2z0VqkQ9YQx0mIu0eQ6xkqvX1sFjC2  role network-admin',
    'ip domain-lookup',
    'snmp-server contact noc@example.net',
    'snmp-server location lab rack 7',
    'snmp-server community labcommunity group network-operator',
    'ntp server 192.0.2.123 use-vrf management',
    'vlan 1',
    'vlan 10',
    '  name users',
    'vlan 30',
    '  name servers',
    'vrf context management',
    '  ip route 0.0.0.0/0 192.0.2.1',
    ...vpc.domain,
    ...vpc.channels,
    ...Array.from({ length: Math.min(4 + extra, PORTS) }, (_, i) => [`interface Ethernet1/${i + 1}`, `  switchport access vlan ${i === 0 ? 10 : 30}`]).flat(),
    'interface mgmt0',
    '  vrf member management',
    `  ip address 192.0.2.${10 + (spec.index % 200)}/24`,
    'line console',
    'line vty',
    `boot nxos bootflash:/${NXOS_IMAGE}`,
    'logging server 192.0.2.130',
  ];
  return lines.join('\n') + '\n';
}

/** After `write erase` and a reload (past the setup wizard): the skeleton only. */
export function factoryDefaultConfig(): string {
  return (
    [
      `version ${NXOS_VERSION} Bios:version 01.11`,
      'vlan 1',
      'vrf context management',
      'interface Ethernet1/1',
      'interface mgmt0',
      '  vrf member management',
      'line console',
      'line vty',
      `boot nxos bootflash:/${NXOS_IMAGE}`,
    ].join('\n') + '\n'
  );
}

export function initialState(spec: LabSwitchSpec, now: number): SwitchState {
  const uptime = (20 + ((spec.index * 7) % 40)) * DAY + ((spec.index * 5) % 24) * HOUR;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 4);
  const savedAt = runningChangedAt + 5_000;
  return {
    name: spec.name,
    running: canonical(parseConfig(initialConfig(spec))),
    startup: canonical(parseConfig(initialConfig(spec))),
    members: chassisOf(spec),
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
    extra: { checkpoints: new Map() } satisfies NxosState,
  };
}

/** The hostname the running configuration sets; NX-OS's own name for a switch without one. */
export function hostnameOf(config: ConfigTree): string {
  return (
    config
      .find((n) => n.line.startsWith('hostname '))
      ?.line.slice('hostname '.length)
      .trim() || 'switch'
  );
}

/** `checkpoint NAME`: running kept under NAME. Refused when the name is taken or ten are kept (Cisco's rollback chapter). */
export function takeCheckpoint(state: SwitchState, name: string): string | undefined {
  const cps = nxos(state).checkpoints;
  if (cps.has(name)) return `Checkpoint name '${name}' already exists`;
  if (cps.size >= 10) return 'Maximum number of checkpoints reached';
  cps.set(name, cloneTree(state.running));
  return undefined;
}
