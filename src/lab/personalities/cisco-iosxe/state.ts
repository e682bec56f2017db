// The initial state of a simulated Cisco IOS-XE StackWise stack (a C9300 stack)
// and the configurations it starts with. Everything is derived from the spec,
// never from a random source, so a fleet looks the same at every start: the same
// serials, MACs and configuration bytes, which keeps backups and diffs stable.
//
// The configuration is modelled on a real IOS-XE 17.9 running config (Oxidized's
// C9200L-24P-4G 17.09.04a recording): the same section order, the same `!`
// separators, the same spelling of defaults IOS prints.

import { parseConfig } from './config-text.js';
import { BOOT_CONFIG_APPLY_MS, electByPriority, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';

/** The release every member runs unless `mixedVersions` gives one an older one. */
export const IOSXE_VERSION = '17.09.04a';
/** What a member left behind on an older release runs (a real, older 17.x build). */
export const IOSXE_OLDER_VERSION = '17.06.05';
/** The user the lab's generated config says made the last change and the last save. */
const CONFIG_USER = 'admin';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------- determinism

/** FNV-1a over a string: a small, stable hash to derive serials, MACs and hashes from the spec. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A deterministic stream of 32-bit numbers (mulberry32) seeded from a string. */
function stream(seed: string): () => number {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function pick(next: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[next() % alphabet.length];
  return out;
}

const SERIAL_TAIL = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** IOS type-9 (scrypt) hashes use this base64 alphabet. */
const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A Cisco-style serial: factory code, year and week of manufacture, four characters
 * (e.g. FOC2231X0AB). The seed names the part, so a member's power supply or
 * motherboard gets its own stable serial.
 */
export function serialFrom(seed: string, factory: string): string {
  const next = stream(`serial:${factory}:${seed}`);
  const year = 21 + (next() % 4);
  const week = 1 + (next() % 52);
  return `${factory}${year}${String(week).padStart(2, '0')}X${pick(next, SERIAL_TAIL, 3)}`;
}

/** The system serial of stack member `member` of lab switch `index`. */
export function serialFor(index: number, member: number): string {
  return serialFrom(`${index}:${member}`, 'FOC');
}

/**
 * A member's base MAC in IOS's dotted form. Stack members get blocks of 128
 * addresses (the low 7 bits are zero), as real C9300s do; the OUI is one Cisco
 * uses on C9300s. Unique for index < 8192 and member < 16.
 */
export function macFor(index: number, member: number): string {
  const block = (((index & 0x1fff) << 4) | (member & 0xf)) << 7; // 24 bits
  const hex = (0x00b670000000 + block).toString(16).padStart(12, '0');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`;
}

/** A type-9 secret as IOS prints it: `$9$` + 14-character salt + `$` + 43-character hash. */
function type9(seed: string): string {
  const next = stream(`type9:${seed}`);
  return `$9$${pick(next, CRYPT_ALPHABET, 14)}$${pick(next, CRYPT_ALPHABET, 43)}`;
}

// ---------------------------------------------------------------- members

/** Access ports of a model: the number in its name (C9300-48P → 48, C9300-24T → 24). */
export function accessPorts(model: string): number {
  const m = /-(\d+)/.exec(model);
  return m?.[1] ? Number(m[1]) : 48;
}

/**
 * What `show version` counts in its Ports column for a C9300: the access ports,
 * the network-module ports IOS always instantiates (4 Gi, 8 Te, 2 Twe, 2 Fo) and
 * the AppGigabitEthernet port. A real C9300-24P prints 41.
 */
export function portCount(model: string): number {
  return accessPorts(model) + 4 + 8 + 2 + 2 + 1;
}

function membersOf(spec: LabSwitchSpec): Member[] {
  const provisioned = new Set(spec.provisioned ?? []);
  const fallbackModel = spec.members[0]?.model ?? 'C9300-48P';
  const specs = [...spec.members];
  // A provisioned member may be named only in `provisioned`: it still has a model (the `switch N provision` line).
  for (const n of provisioned) if (!specs.some((m) => m.number === n)) specs.push({ number: n, priority: 1, model: fallbackModel });
  specs.sort((a, b) => a.number - b.number);

  const present = specs.filter((m) => !provisioned.has(m.number));
  // mixedVersions: the highest-numbered present member stayed on the older release.
  const older = spec.mixedVersions ? present[present.length - 1]?.number : undefined;

  const members = specs.map((m): Member => {
    if (provisioned.has(m.number)) {
      // No hardware: IOS knows only the number and the model (show switch prints 0000.0000.0000 and priority 0).
      return {
        number: m.number,
        role: 'member',
        state: 'provisioned',
        priority: m.priority,
        mac: '0000.0000.0000',
        model: m.model,
        serial: '',
        version: '',
        hwVersion: '',
        ports: portCount(m.model),
        ...(m.feed !== undefined ? { feed: m.feed } : {}),
        powered: false,
      };
    }
    return {
      number: m.number,
      role: 'member',
      state: 'ready',
      priority: m.priority,
      mac: macFor(spec.index, m.number),
      model: m.model,
      serial: serialFor(spec.index, m.number),
      version: m.number === older ? IOSXE_OLDER_VERSION : IOSXE_VERSION,
      hwVersion: 'V02',
      ports: portCount(m.model),
      ...(m.feed !== undefined ? { feed: m.feed } : {}),
      powered: true,
    };
  });
  // StackWise elects at a full-stack boot as the model's generic election does: the
  // highest priority ready member is Active, the next one Standby (ties: the lower number).
  electByPriority(members, { kind: 'boot' });
  return members;
}

// ---------------------------------------------------------------- configuration

/** Management addresses live in documentation ranges only (RFC 5737). */
function hostOctet(index: number): number {
  return 10 + (index % 240);
}

const VLANS: [number, string][] = [
  [10, 'USERS'],
  [20, 'VOICE'],
  [30, 'PRINTERS'],
  [99, 'MGMT'],
  [999, 'PARKING'],
];

/** One access-layer port, as an office stack would have it. */
function accessPort(member: number, port: number, ports: number): string[] {
  const name = `GigabitEthernet${member}/0/${port}`;
  if (port > ports - 2) {
    // The last two ports carry access points: trunks with the management VLAN native.
    return [
      `interface ${name}`,
      ` description AP-${member}-${port - (ports - 2)}`,
      ' switchport trunk native vlan 99',
      ' switchport trunk allowed vlan 10,20,99',
      ' switchport mode trunk',
      '!',
    ];
  }
  if (port % 12 === 0) {
    // Every twelfth port is an unused, parked and shut port: real stacks have them.
    return [`interface ${name}`, ' switchport access vlan 999', ' switchport mode access', ' shutdown', '!'];
  }
  const lines = [`interface ${name}`];
  if (port % 8 === 1) lines.push(` description printer-${member}-${port}`);
  lines.push(` switchport access vlan ${port % 8 === 1 ? 30 : 10}`, ' switchport mode access');
  if (port % 8 !== 1) lines.push(' switchport voice vlan 20');
  lines.push(' spanning-tree portfast', '!');
  return lines;
}

/** Network-module and app-hosting interfaces IOS lists for every C9300 member, in the order it lists them. */
function moduleInterfaces(member: number, uplink: boolean): string[] {
  const lines: string[] = [];
  for (let p = 1; p <= 4; p++) {
    lines.push(`interface GigabitEthernet${member}/1/${p}`);
    if (uplink && p === 1) {
      lines.push(` description uplink core-${member % 2 === 1 ? 'a' : 'b'}`, ' switchport mode trunk', ' channel-group 1 mode active');
    }
    lines.push('!');
  }
  for (let p = 1; p <= 8; p++) lines.push(`interface TenGigabitEthernet${member}/1/${p}`, '!');
  for (let p = 1; p <= 2; p++) lines.push(`interface FortyGigabitEthernet${member}/1/${p}`, '!');
  for (let p = 1; p <= 2; p++) lines.push(`interface TwentyFiveGigE${member}/1/${p}`, '!');
  lines.push(`interface AppGigabitEthernet${member}/0/1`, '!');
  return lines;
}

/**
 * Extra SVI blocks (5 lines each, for every configured member) so a benchmark can reach a target config size.
 * Addresses come from 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks.
 */
function extraInterfaces(memberSlot: number, count: number, perMember: number): string[] {
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = memberSlot * perMember + k;
    const vlan = 1000 + n;
    if (vlan > 4094) throw new RangeError(`extraInterfacesPerMember ${perMember} needs VLAN ${vlan}; IOS allows up to 4094`);
    const a = 18 + ((n >> 14) & 1);
    const b = (n >> 6) & 0xff;
    const c = (n & 0x3f) << 2;
    lines.push(`interface Vlan${vlan}`, ` description bench segment ${n}`, ` ip address 198.${a}.${b}.${c + 1} 255.255.255.252`, ' no ip redirects', '!');
  }
  return lines;
}

/**
 * The running configuration a lab switch starts with, as the body of
 * `show running-config` (from `version` to `end`, without the header lines).
 */
export function initialConfig(spec: LabSwitchSpec): string {
  const members = membersOf(spec);
  const present = members.filter((m) => m.state !== 'provisioned');
  const first = present[0]?.number ?? 1;
  const last = present[present.length - 1]?.number ?? first;
  const host = hostOctet(spec.index);
  const extra = spec.extraInterfacesPerMember ?? 0;

  const lines: string[] = [
    'version 17.9',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'service password-encryption',
    'service call-home',
    'platform punt-keepalive disable-kernel-core',
    '!',
    `hostname ${spec.hostname}`,
    '!',
    '!',
    'vrf definition Mgmt-vrf',
    ' !',
    ' address-family ipv4',
    ' exit-address-family',
    ' !',
    ' address-family ipv6',
    ' exit-address-family',
    '!',
    'logging buffered 65536 informational',
    'no logging console',
    'aaa new-model',
    '!',
    '!',
    'aaa authentication login default local',
    'aaa authorization exec default local',
    '!',
    '!',
    'aaa session-id common',
    'boot system switch all flash:packages.conf',
    ...members.map((m) => `switch ${m.number} provision ${m.model.toLowerCase()}`),
    '!',
    '!',
    'ip name-server 192.0.2.53',
    'no ip domain lookup',
    'ip domain name lab.example.net',
    '!',
    '!',
    'login on-success log',
    'vtp domain switchback',
    'vtp mode transparent',
    '!',
    '!',
    'license boot level network-advantage addon dna-advantage',
    'memory free low-watermark processor 134344',
    '!',
    'diagnostic bootup level minimal',
    '!',
    'spanning-tree mode rapid-pvst',
    'spanning-tree portfast bpduguard default',
    'spanning-tree extend system-id',
    '!',
    'errdisable recovery cause bpduguard',
    '!',
    `enable secret 9 ${type9(`enable:${spec.index}`)}`,
    '!',
    `username ${CONFIG_USER} privilege 15 secret 9 ${type9(`user:${spec.index}`)}`,
    '!',
    'redundancy',
    ' mode sso',
    '!',
    'transceiver type all',
    ' monitoring',
    '!',
  ];
  for (const [id, name] of VLANS) lines.push(`vlan ${id}`, ` name ${name}`, '!');
  lines.push(
    '!',
    'interface Port-channel1',
    ' description uplink core',
    ' switchport mode trunk',
    '!',
    'interface GigabitEthernet0/0',
    ' vrf forwarding Mgmt-vrf',
    ` ip address 198.51.100.${host} 255.255.255.0`,
    ' negotiation auto',
    '!',
  );
  // A provisioned member's interfaces exist in the config before its hardware does:
  // that is what provisioning is for (pre-configuring a member that is not there yet).
  members.forEach((m) => {
    const ports = accessPorts(m.model);
    for (let p = 1; p <= ports; p++) lines.push(...accessPort(m.number, p, ports));
    lines.push(...moduleInterfaces(m.number, m.number === first || m.number === last));
  });
  lines.push(
    'interface Vlan1',
    ' no ip address',
    ' shutdown',
    '!',
    'interface Vlan99',
    ' description management',
    ` ip address 192.0.2.${host} 255.255.255.0`,
    '!',
  );
  members.forEach((_, slot) => lines.push(...extraInterfaces(slot, extra, extra)));
  lines.push(
    'ip forward-protocol nd',
    'no ip http server',
    'no ip http secure-server',
    'ip route 0.0.0.0 0.0.0.0 192.0.2.1',
    'ip route vrf Mgmt-vrf 0.0.0.0 0.0.0.0 198.51.100.1',
    'ip ssh version 2',
    '!',
    '!',
    'ip access-list standard SNMP-RO',
    ' 10 permit 192.0.2.0 0.0.0.255',
    ' 20 deny   any',
    '!',
    'snmp-server community switchback-ro RO SNMP-RO',
    'snmp-server group netops v3 priv',
    `snmp-server location lab row ${1 + (spec.index % 8)} rack ${1 + (spec.index % 20)}`,
    'snmp-server contact noc@example.net',
    '!',
    'control-plane',
    ' service-policy input system-cpp-policy',
    '!',
    'banner motd ^C',
    `  ${spec.hostname} -- switchback lab`,
    '  Authorised access only. Activity is logged.',
    '^C',
    '!',
    'line con 0',
    ' exec-timeout 15 0',
    ' stopbits 1',
    'line vty 0 4',
    ' exec-timeout 15 0',
    ' transport input ssh',
    'line vty 5 15',
    ' exec-timeout 15 0',
    ' transport input ssh',
    '!',
    'ntp server 192.0.2.123',
    'ntp server 192.0.2.124',
    '!',
    '!',
    'end',
  );
  return lines.join('\n') + '\n';
}

/**
 * What a C9300 runs after `write erase` and a reload: the default hostname `Switch`
 * (IOS prints it), no AAA, no users, the defaults IOS-XE 17.9 always prints. Real
 * factory configs also list every interface of every member; that needs the stack
 * layout, which this contract does not pass in, so they are left out.
 */
export function factoryDefaultConfig(): string {
  return (
    [
      'version 17.9',
      'service timestamps debug datetime msec',
      'service timestamps log datetime msec',
      'service call-home',
      'platform punt-keepalive disable-kernel-core',
      '!',
      'hostname Switch',
      '!',
      '!',
      'vrf definition Mgmt-vrf',
      ' !',
      ' address-family ipv4',
      ' exit-address-family',
      ' !',
      ' address-family ipv6',
      ' exit-address-family',
      '!',
      'no aaa new-model',
      '!',
      'login on-success log',
      '!',
      'license boot level network-advantage addon dna-advantage',
      'memory free low-watermark processor 134344',
      '!',
      'diagnostic bootup level minimal',
      '!',
      'spanning-tree mode rapid-pvst',
      'spanning-tree extend system-id',
      '!',
      'redundancy',
      ' mode sso',
      '!',
      'interface GigabitEthernet0/0',
      ' vrf forwarding Mgmt-vrf',
      ' no ip address',
      ' negotiation auto',
      '!',
      'interface Vlan1',
      ' no ip address',
      ' shutdown',
      '!',
      'ip forward-protocol nd',
      'ip http server',
      'ip http authentication local',
      'ip http secure-server',
      '!',
      'control-plane',
      ' service-policy input system-cpp-policy',
      '!',
      'line con 0',
      ' stopbits 1',
      'line vty 0 4',
      ' login',
      'line vty 5 15',
      ' login',
      '!',
      'end',
    ].join('\n') + '\n'
  );
}

/**
 * A stack that has been up for a while (2–7 weeks, different per switch) and whose
 * last change was saved: the fleet starts clean, as a well-run site would be.
 */
export function initialState(spec: LabSwitchSpec, now: number): SwitchState {
  const uptime = (14 + ((spec.index * 7) % 35)) * DAY + ((spec.index * 5) % 24) * HOUR + ((spec.index * 13) % 60) * MINUTE;
  const bootedAt = now - uptime;
  // The last change came well after boot (after IOS applied the startup config) and was saved 4 s later.
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 3);
  const savedAt = runningChangedAt + 4_000;
  const running = parseConfig(initialConfig(spec));
  return {
    name: spec.name,
    running,
    startup: parseConfig(initialConfig(spec)),
    members: membersOf(spec),
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
