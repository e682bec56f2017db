// The initial state of a simulated Dell OS6 N-series stack and the configuration it starts
// with, derived from the spec only (same serials, MACs and bytes at every start). The
// configuration is modelled on the real N4032 stack's (napalm-dellos6): the same header,
// section order, `exit`-closed blocks and `!` before each port.

import { createHash } from 'node:crypto';
import type { ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';
import { parseOs6 } from './config-text.js';

/** The release of the real capture; a member left behind runs an older 6.x. */
export const OS6_VERSION = '6.2.0.5';
export const OS6_OLDER_VERSION = '6.1.2.4';
export const OS6_MODEL = 'N4032';
const CONFIG_USER = 'admin';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const hex = (seed: string, n: number): string => createHash('sha256').update(seed).digest('hex').slice(0, n);
const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function alnum(seed: string, n: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

/** A Dell PPID-style serial as OS6 prints it (`CN04G4FP2829859O0195F03`: country, part, vendor, date, sequence). */
export function serialFor(index: number, unit: number): string {
  return `CN0${alnum(`part:${index}`, 5)}${alnum(`vendor:${index}:${unit}`, 5)}${alnum(`seq:${index}:${unit}`, 10)}`;
}

/** A unit's burned-in MAC, as `show version` prints it (`F8B1.5695.CF02`). */
export function macFor(index: number, unit: number): string {
  const h = `f8b1${hex(`mac:${index}:${unit}`, 8)}`.toUpperCase();
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
}

function membersOf(spec: LabSwitchSpec): Member[] {
  const provisioned = new Set(spec.provisioned ?? []);
  const specs = [...spec.members];
  for (const n of provisioned) if (!specs.some((m) => m.number === n)) specs.push({ number: n, priority: 1, model: OS6_MODEL });
  specs.sort((a, b) => a.number - b.number);
  const present = specs.filter((m) => !provisioned.has(m.number));
  const older = spec.mixedVersions ? present[present.length - 1]?.number : undefined;
  return specs.map((m): Member => {
    const absent = provisioned.has(m.number);
    return {
      number: m.number,
      role: 'member',
      state: absent ? 'provisioned' : 'ready',
      priority: m.priority,
      mac: absent ? '0000.0000.0000' : macFor(spec.index, m.number),
      model: m.model,
      serial: absent ? '' : serialFor(spec.index, m.number),
      version: absent ? '' : m.number === older ? OS6_OLDER_VERSION : OS6_VERSION,
      hwVersion: '3',
      ports: 24,
      ...(m.feed !== undefined ? { feed: m.feed } : {}),
      powered: !absent,
    };
  });
}

/** The roles at boot: the highest priority unit manages, the next is the standby. */
function electAtBoot(members: Member[]): void {
  const ready = members.filter((m) => m.state === 'ready').sort((a, b) => b.priority - a.priority || a.number - b.number);
  ready.forEach((m, i) => (m.role = i === 0 ? 'active' : i === 1 ? 'standby' : 'member'));
}

/** A hash as OS6 prints an encrypted password (32 hex digits), stable for the switch. */
const hashFor = (spec: LabSwitchSpec, what: string) => hex(`${what}:${spec.index}`, 32);

export function initialConfig(spec: LabSwitchSpec): string {
  const units = [...spec.members]
    .map((m) => m.number)
    .concat(spec.provisioned ?? [])
    .sort((a, b) => a - b);
  const unique = [...new Set(units)];
  const ports = 6 + (spec.extraInterfacesPerMember ?? 0);
  const lines = [
    'configure',
    'vlan 10,20,99',
    'exit',
    'vlan 10',
    'name "Users"',
    'exit',
    'vlan 20',
    'name "Voice"',
    'exit',
    'vlan 99',
    'name "Management"',
    'exit',
    `snmp-server location "Closet ${spec.index}"`,
    `hostname "${spec.hostname}"`,
    ...unique.map((u) => `slot ${u}/0 2    ! Dell Networking ${OS6_MODEL}`),
    'sntp unicast client enable',
    'sntp server 192.0.2.123',
    'clock timezone 0 minutes 0 zone "UTC"',
    'stack',
    ...unique.map((u) => `member ${u} 1    ! ${OS6_MODEL}`),
    'exit',
    'interface out-of-band',
    `ip address 192.0.2.${10 + (spec.index % 200)} 255.255.255.0 192.0.2.1`,
    'exit',
    'ip domain-name "example.net"',
    'logging cli-command',
    'logging 192.0.2.246',
    'description "syslog"',
    'level informational',
    'exit',
    'no ip http server',
    'interface vlan 99',
    `ip address 198.51.100.${10 + (spec.index % 200)} 255.255.255.0`,
    'exit',
    'ip default-gateway 198.51.100.1',
    `username "admin" password ${hashFor(spec, 'user')} privilege 15 encrypted`,
    'line ssh',
    'exec-timeout 30',
    'exit',
    'ip ssh server',
  ];
  for (const u of spec.members.map((m) => m.number).sort((a, b) => a - b)) {
    for (let p = 1; p <= ports; p++) {
      lines.push('!', `interface Te${u}/0/${p}`, `description "unit ${u} port ${p}"`, 'switchport access vlan 10', 'exit');
    }
    lines.push('!', `interface Te${u}/0/${ports + 1}`, 'description "uplink"', 'switchport mode trunk', 'switchport trunk allowed vlan 10,20,99', 'exit');
  }
  lines.push(`enable password ${hashFor(spec, 'enable')} encrypted`, 'exit');
  return lines.join('\n') + '\n';
}

/** A factory default: nothing a person set; the units the stack found. */
export function factoryDefaultConfig(): string {
  return ['configure', 'stack', 'member 1 1    ! N4032', 'exit', 'exit', ''].join('\n');
}

export function initialState(spec: LabSwitchSpec, now: number): SwitchState {
  const uptime = (20 + ((spec.index * 11) % 40)) * DAY + ((spec.index * 17) % 60) * MINUTE;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 4);
  const savedAt = runningChangedAt + 6_000;
  const members = membersOf(spec);
  electAtBoot(members);
  const running: ConfigTree = parseOs6(initialConfig(spec));
  return {
    name: spec.name,
    running,
    startup: parseOs6(initialConfig(spec)),
    members,
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
}
