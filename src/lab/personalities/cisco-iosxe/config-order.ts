// Where IOS prints a configuration line. IOS does not keep lines in the order they
// were typed: `show running-config` walks its own command tree (hostname before
// interfaces, interfaces by type and number, `description` first in an interface),
// so a configuration typed in any order reads back the same. The lab follows that
// for the lines it knows; typing a backup back into a switch must give the backup.
//
// The order is taken from real IOS-XE 17.9 running configs (the Oxidized C9200L
// recording in test/fixtures/real this personality is modelled on, and state.ts's
// configs built from it).
// Lines the tables do not know keep the lab's older rule (after their kind).

import type { ConfigTree } from '../../config-tree.js';

/** A line's place: compared element by element, a shorter prefix first. */
type Rank = number[];

/** Top-level commands in the order IOS prints them. */
const GLOBAL_ORDER: RegExp[] = [
  /^version /,
  /^service timestamps debug/,
  /^service timestamps log/,
  /^service password-encryption/,
  /^service /,
  /^platform /,
  /^hostname /,
  /^boot-start-marker$/,
  /^boot-end-marker$/,
  /^vrf definition /,
  /^logging (buffered|console|monitor|rate-limit|count|persistent|discriminator|queue-limit)\b/,
  /^aaa new-model$/,
  /^aaa group server /,
  /^aaa authentication /,
  /^aaa authorization /,
  /^aaa accounting /,
  /^aaa /,
  /^clock /,
  /^boot system /,
  /^switch \d+ provision /,
  /^ip routing$/,
  /^ip name-server /,
  /^ip domain[ -]lookup/,
  /^ip domain[ -]name /,
  /^ip dhcp /,
  /^login /,
  /^vtp domain /,
  /^vtp mode /,
  /^vtp version /,
  /^device-tracking /,
  /^crypto /,
  /^license /,
  /^memory /,
  /^diagnostic /,
  /^spanning-tree mode /,
  /^spanning-tree logging$/,
  /^spanning-tree portfast /,
  /^spanning-tree extend /,
  /^spanning-tree /,
  /^errdisable /,
  /^enable /,
  /^username /,
  /^redundancy$/,
  /^transceiver /,
  /^vlan /,
  /^class-map /,
  /^policy-map /,
  /^interface /,
  /^ip default-gateway /,
  /^ip forward-protocol /,
  /^ip http server$/,
  /^ip http authentication /,
  /^ip http secure-server$/,
  /^ip http /,
  /^ip route /,
  /^ip (ftp|tftp|tacacs|radius|scp|telnet|rcmd) /,
  /^ip ssh /,
  /^ip access-list /,
  /^ip /,
  /^ipv6 /,
  /^access-list /,
  /^logging /,
  /^snmp-server /,
  /^snmp /,
  /^radius /,
  /^tacacs /,
  /^control-plane$/,
  /^banner /,
  /^line con /,
  /^line aux /,
  /^line vty /,
  /^ntp /,
  /^end$/,
];

/** Sub-mode lines in the order IOS prints them. */
const SUBMODE_ORDER: Record<string, RegExp[]> = {
  'config-if': [
    /^description /,
    /^switchport$/,
    /^switchport access vlan /,
    /^switchport trunk native vlan /,
    /^switchport trunk allowed vlan /,
    /^switchport mode /,
    /^switchport voice vlan /,
    /^switchport /,
    /^vrf forwarding /,
    /^ip address\b/,
    /^ip /,
    /^ipv6 /,
    /^shutdown$/,
    /^speed /,
    /^duplex /,
    /^negotiation /,
    /^power /,
    /^channel-group /,
    /^spanning-tree /,
    /^service-policy /,
  ],
  'config-line': [
    /^session-timeout /,
    /^access-class /,
    /^exec-timeout /,
    /^privilege /,
    /^password /,
    /^logging /,
    /^login\b/,
    /^length /,
    /^width /,
    /^stopbits /,
    /^history /,
    /^transport input /,
    /^transport output /,
    /^transport preferred /,
    /^escape-character /,
  ],
};

/** Access-list modes: entries stand in sequence-number order. */
export const ACL_MODES = new Set(['config-std-nacl', 'config-ext-nacl']);

/** Virtual interfaces IOS lists before the ports, in this order. */
const VIRTUAL = ['Loopback', 'Port-channel', 'Tunnel'];
/** Port types of a stack member, in the order IOS lists a module's ports. */
const PORT_TYPES = [
  'GigabitEthernet',
  'TwoGigabitEthernet',
  'FiveGigabitEthernet',
  'TenGigabitEthernet',
  'FortyGigabitEthernet',
  'TwentyFiveGigE',
  'HundredGigE',
];

/**
 * An interface's place: virtual interfaces, the management port (GigabitEthernet0/0),
 * then each member's ports (its fixed ports, its network module's by type, its
 * AppGigabitEthernet), then the SVIs by VLAN.
 */
function interfaceRank(name: string): Rank {
  const m = /^([A-Za-z-]+)(\d[\d/.:]*)$/.exec(name);
  if (!m) return [9];
  const type = m[1]!;
  const n = m[2]!.split(/[/.:]/).map(Number);
  if (VIRTUAL.includes(type)) return [0, VIRTUAL.indexOf(type), ...n];
  if (type === 'Vlan') return [3, ...n];
  if (n.length === 2) return [1, ...n];
  if (n.length >= 3) {
    const [member = 0, slot = 0, ...rest] = n;
    if (type === 'AppGigabitEthernet') return [2, member, 2, 0, ...rest];
    const t = PORT_TYPES.indexOf(type);
    return [2, member, slot, t < 0 ? PORT_TYPES.length : t, ...rest];
  }
  return [4, ...n];
}

/** The numbers a line ends with (`vlan 10`, `line vty 5 15`), to order lines of one kind. */
function numbersOf(line: string): number[] {
  return (line.match(/\b\d+\b/g) ?? []).map(Number);
}

/** A line's place among its siblings in `mode` (undefined: the top level); undefined when the lab does not know it. */
export function rankOf(line: string, mode: string | undefined): Rank | undefined {
  if (mode !== undefined && ACL_MODES.has(mode)) {
    const seq = /^(\d+) /.exec(line);
    return seq ? [Number(seq[1])] : undefined;
  }
  // A `no` form IOS shows (`no ip http server`) stands where the command would.
  const bare = line.replace(/^no /, '');
  const table = mode === undefined ? GLOBAL_ORDER : SUBMODE_ORDER[mode];
  const i = table?.findIndex((re) => re.test(bare)) ?? -1;
  if (i < 0) return undefined;
  if (mode !== undefined) return [i];
  if (bare.startsWith('interface ')) return [i, ...interfaceRank(bare.slice('interface '.length))];
  if (/^(vlan|line) /.test(bare)) return [i, ...numbersOf(bare)];
  return [i];
}

function compare(a: Rank, b: Rank): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Where a new line goes among `siblings`: right after the last line IOS prints before
 * it or with it (so lines of one place keep the order they were typed in), or before
 * the first it prints after it. Undefined when the lab has no order for the line.
 */
export function orderedIndex(siblings: ConfigTree, line: string, mode: string | undefined): number | undefined {
  // An address family is printed with its `exit-address-family` after it: a new one goes after that.
  if (line.startsWith('address-family ')) {
    const last = siblings.map((n) => n.line.startsWith('address-family ')).lastIndexOf(true);
    if (last < 0) return undefined;
    return siblings[last + 1]?.line === 'exit-address-family' ? last + 2 : last + 1;
  }
  const rank = rankOf(line, mode);
  if (!rank) return undefined;
  const ranks = siblings.map((n) => rankOf(n.line, mode));
  for (let i = ranks.length - 1; i >= 0; i--) {
    const r = ranks[i];
    if (r === undefined || compare(r, rank) > 0) continue;
    // Lines the lab has no place for went after the line before them: keep them together.
    let at = i + 1;
    while (at < siblings.length && ranks[at] === undefined && siblings[at]!.line !== '!') at++;
    return at;
  }
  const first = ranks.findIndex((r) => r !== undefined);
  return first >= 0 ? first : undefined;
}
