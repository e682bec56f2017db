// IOS configuration mode for the lab: which lines open a sub-mode, which lines
// replace an earlier one, which `no` forms IOS shows, and what it refuses.
// Deliberately a grammar of keywords, not a full parser: enough that pushing a
// real-looking configuration back line by line behaves as a switch would
// (indentation ignored, a global command leaves a sub-mode, typos refused).

import { removeLines, setLine } from '../../config-tree.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';

/** Keywords IOS-XE accepts at the top of `configure terminal`. */
const GLOBAL = new Set(
  `aaa access-list alias archive authentication banner boot boot-end-marker boot-start-marker call-home cdp class-map clock
  control-plane crypto default device-tracking diagnostic dot1x enable errdisable ethernet event file flow hostname interface
  ip ipv6 key license line lldp logging login mac management memory monitor netconf-yang no ntp parser policy-map port-channel
  platform power privilege process qos radius radius-server redundancy restconf router sdm service snmp snmp-server spanning-tree stack-power
  switch system table-map tacacs tacacs-server track transceiver udld username version vlan vrf vtp wsma`.split(/\s+/),
);

/** Keywords a few common sub-modes accept; other sub-modes accept anything not global. */
const SUBMODE: Record<string, Set<string>> = {
  'config-if': new Set(
    `description switchport shutdown no ip ipv6 spanning-tree channel-group power speed duplex mtu vrf load-interval storm-control
    logging cdp lldp authentication dot1x mab service-policy auto device-tracking negotiation udld keepalive standby vrrp bandwidth
    media-type carrier-delay errdisable flowcontrol macsec hold-queue access-session snmp encapsulation default nmsp source
    stack-power trust priority-queue queue-set srr-queue mls ptp`.split(/\s+/),
  ),
  'config-vlan': new Set(['name', 'state', 'shutdown', 'no', 'remote-span', 'private-vlan', 'media']),
  'config-line': new Set(
    `exec-timeout login password transport privilege logging length width stopbits access-class session-timeout no exec
    escape-character history absolute-timeout autoselect speed flowcontrol ipv6 exec-character-bits`.split(/\s+/),
  ),
};

/** Lines that open a sub-mode, and the prompt name IOS shows there. */
const BLOCKS: [RegExp, string][] = [
  [/^interface range /, 'config-if-range'],
  [/^interface /, 'config-if'],
  [/^vlan \d+([,-]\d+)*$/, 'config-vlan'],
  [/^line /, 'config-line'],
  [/^router /, 'config-router'],
  [/^ip access-list standard /, 'config-std-nacl'],
  [/^ip access-list extended /, 'config-ext-nacl'],
  [/^ipv6 access-list /, 'config-ipv6-acl'],
  [/^vrf definition /, 'config-vrf'],
  [/^ip vrf /, 'config-vrf'],
  [/^archive$/, 'config-archive'],
  [/^crypto pki trustpoint /, 'ca-trustpoint'],
  [/^crypto pki certificate chain /, 'config-cert-chain'],
  [/^ip dhcp pool /, 'dhcp-config'],
  [/^class-map /, 'config-cmap'],
  [/^policy-map /, 'config-pmap'],
  [/^redundancy$/, 'config-red'],
  [/^spanning-tree mst configuration$/, 'config-mst'],
  [/^control-plane/, 'config-cp'],
  [/^aaa group server /, 'config-sg-radius'],
  [/^key chain /, 'config-keychain'],
  [/^event manager applet /, 'config-applet'],
  [/^call-home$/, 'cfg-call-home'],
  [/^flow (record|exporter|monitor) /, 'config-flow'],
  [/^track /, 'config-track'],
  [/^radius server /, 'config-radius-server'],
  [/^tacacs server /, 'config-server-tacacs'],
  [/^ip sla \d+$/, 'config-ip-sla'],
  [/^license smart$/, 'config-license-smart'],
  [/^transceiver type /, 'config-xcvr-type'],
];

/** Lines that open a further level inside a sub-mode. */
const NESTED: [RegExp, string][] = [
  [/^address-family /, 'config-router-af'],
  [/^class /, 'config-pmap-c'],
  [/^log config$/, 'config-archive-log-cfg'],
  [/^key \d+$/, 'config-keychain-key'],
  [/^certificate /, 'config-pubkey'],
];

/** Lines that end a nested level. */
const CLOSERS = new Set(['exit-address-family', 'exit-af', 'quit', 'exit-class']);

/**
 * A line at the same level replaces an earlier one when both match one of these
 * and agree on the captured key (one hostname, one description, one access vlan…).
 */
const SINGLETONS: RegExp[] = [
  /^(hostname) /,
  /^(description) /,
  /^(ip address)(?!.* secondary$)/,
  /^(switchport access vlan) /,
  /^(switchport mode) /,
  /^(switchport voice vlan) /,
  /^(switchport trunk native vlan) /,
  /^(switchport trunk allowed vlan) (?!add |remove |except )/,
  /^(name) /,
  /^(speed) /,
  /^(duplex) /,
  /^(mtu) /,
  /^(power inline) /,
  /^(channel-group) /,
  /^(ip default-gateway) /,
  /^(ip domain name) /,
  /^(enable secret) /,
  /^(enable password) /,
  /^(username \S+) /,
  /^(snmp-server location) /,
  /^(snmp-server contact) /,
  /^(logging buffered) /,
  /^(clock timezone) /,
  /^(exec-timeout) /,
  /^(transport input) /,
  /^(vtp mode) /,
  /^(vtp domain) /,
  /^(spanning-tree mode) /,
  /^(version) /,
  /^(ip ssh version) /,
  /^(service-policy input) /,
  /^(service-policy output) /,
  /^(load-interval) /,
  /^(switch \d+ provision) /,
  /^(switch \d+ priority) /,
  /^(login local|login)$/,
];

/** Features that are on by default, so IOS shows their `no` form in the running config. */
const DEFAULT_ON = [
  'service pad',
  'ip http server',
  'ip http secure-server',
  'ip domain lookup',
  'ip domain-lookup',
  'cdp run',
  'logging console',
  'switchport',
  'mop enabled',
  'ip redirects',
  'ip unreachables',
  'ip proxy-arp',
  'keepalive',
  'snmp trap link-status',
  'vstack',
  'device-tracking',
  'service config',
  'ip source-route',
  'ip gratuitous-arps',
  'ip bootp server',
  'ip forward-protocol nd',
  'lldp run',
  'platform punt-keepalive disable-kernel-core',
  'autostate',
  'ipv6 nd ra suppress',
];

export function sameKey(a: string, b: string): boolean {
  for (const re of SINGLETONS) {
    const x = re.exec(a);
    const y = re.exec(b);
    if (x && y && x[1] === y[1]) return true;
  }
  return false;
}

export interface ConfigLevel {
  /** The node whose children we edit; null at the top. */
  node: ConfigNode | null;
  /** Prompt name, e.g. `config-if`. */
  mode: string;
}

export type ConfigOutcome =
  | { kind: 'ok'; levels: ConfigLevel[] }
  | { kind: 'invalid'; at: number }
  | { kind: 'incomplete' }
  | { kind: 'end' }
  | { kind: 'banner'; node: ConfigNode; delimiter: string; levels: ConfigLevel[] };

/** Apply one line typed in configuration mode. `levels` is the path from the top (empty at global). */
export function applyConfigLine(root: ConfigTree, levels: ConfigLevel[], typed: string): ConfigOutcome {
  const expanded = expandAbbreviations(typed.trim().replace(/\s+/g, ' '), levels[levels.length - 1]?.mode);
  if (expanded === 'ambiguous') return { kind: 'invalid', at: typed.length - typed.trimStart().length };
  const line = expanded;
  const indent = typed.length - typed.trimStart().length;
  if (line === '' || line.startsWith('!')) return { kind: 'ok', levels };
  if (line === 'end') return { kind: 'end' };
  if (line === 'exit' || CLOSERS.has(line)) return { kind: 'ok', levels: levels.slice(0, -1) };
  const word = line.split(' ', 1)[0]!;

  // Inside a sub-mode, IOS tries the sub-mode first, then the levels above it.
  let depth = levels.length;
  while (depth > 0) {
    const level = levels[depth - 1]!;
    if (acceptsHere(level.mode, word, line)) break;
    depth--;
  }
  const here = levels.slice(0, depth);
  const siblings = here.length > 0 ? here[here.length - 1]!.node!.children : root;

  if (depth === 0 && !GLOBAL.has(word)) return { kind: 'invalid', at: indent };
  if (word === 'no') {
    const rest = line.slice(3);
    if (rest === '') return { kind: 'incomplete' };
    removeLines(siblings, rest);
    // A feature that is on by default shows as `no …` once turned off.
    if (DEFAULT_ON.includes(rest)) setLine(siblings, line, sameKey);
    return { kind: 'ok', levels: here };
  }
  if (needsArgument(line)) return { kind: 'incomplete' };

  const banner = /^banner (\S+) ?(.*)$/.exec(line);
  if (banner && depth === 0) {
    const [, kind, after = ''] = banner;
    const delimiter = after.startsWith('^C') ? '^C' : after.slice(0, 1);
    if (delimiter === '') return { kind: 'incomplete' };
    const node = setLine(root, `banner ${kind} ^C`, (a, b) => a === b);
    node.banner = [];
    const inline = after.slice(delimiter.length);
    const close = inline.indexOf(delimiter);
    if (close >= 0) {
      node.banner = [inline.slice(0, close)];
      return { kind: 'ok', levels: here };
    }
    if (inline !== '') node.banner.push(inline);
    return { kind: 'banner', node, delimiter, levels: here };
  }

  // A "no X" line this line undoes goes away (e.g. `ip http server` after `no ip http server`).
  removeLines(siblings, `no ${line}`);
  const node = setLine(siblings, line, sameKey);
  const table = depth === 0 ? BLOCKS : NESTED;
  const opens = table.find(([re]) => re.test(line));
  if (opens) return { kind: 'ok', levels: [...here, { node, mode: opens[1] }] };
  return { kind: 'ok', levels: here };
}

/** Feed one line of banner text; returns true when the delimiter closed the banner. */
export function bannerLine(node: ConfigNode, delimiter: string, text: string): boolean {
  const close = text.indexOf(delimiter);
  if (close < 0) {
    node.banner!.push(text);
    return false;
  }
  const last = text.slice(0, close);
  if (last !== '') node.banner!.push(last);
  return true;
}

/** Interface type names IOS accepts abbreviated (`gi1/0/1`, `Te1/1/1`, `po1`). */
const INTERFACE_TYPES = [
  'GigabitEthernet',
  'TenGigabitEthernet',
  'TwentyFiveGigE',
  'FortyGigabitEthernet',
  'HundredGigE',
  'AppGigabitEthernet',
  'Port-channel',
  'Vlan',
  'Loopback',
  'Tunnel',
];

/**
 * IOS takes any unique prefix of a keyword (`int gi1/0/1`, `desc x`, `no shut`).
 * The lab expands the first keyword (and the one after `no`) and interface names,
 * so what is stored reads as IOS would show it.
 */
function expandAbbreviations(line: string, mode: string | undefined): string | 'ambiguous' {
  const words = line.split(' ');
  // The sub-mode's own keywords first, as IOS parses there before the levels above.
  const vocabularies = [[...(mode ? (SUBMODE[mode] ?? []) : [])], [...GLOBAL, 'exit', 'end', 'do']];
  const expandAt = (i: number): boolean => {
    const w = words[i];
    if (w === undefined) return true;
    for (const vocabulary of vocabularies) {
      if (vocabulary.includes(w)) return true;
      const hits = vocabulary.filter((k) => k.startsWith(w.toLowerCase()));
      if (hits.length > 1) return false;
      if (hits.length === 1) {
        words[i] = hits[0]!;
        return true;
      }
    }
    return true;
  };
  if (!expandAt(0)) return 'ambiguous';
  if (words[0] === 'no' && !expandAt(1)) return 'ambiguous';
  const at = words[0] === 'no' ? 1 : 0;
  if (words[at] === 'interface') {
    const name = words[at + 1] ?? '';
    const m = /^([A-Za-z-]+)\s*([\d/.:]+)$/.exec(name);
    if (m) {
      const type = INTERFACE_TYPES.find((t) => t.toLowerCase().startsWith(m[1]!.toLowerCase()));
      if (type) words[at + 1] = type + m[2];
    }
  }
  return words.join(' ');
}

/** `ip …` / `ipv6 …` commands an interface takes; any other (`ip route`, `ip access-list`) is global. */
const INTERFACE_IP = new Set(
  `address helper-address access-group ospf pim igmp dhcp flow mtu nat policy proxy-arp redirects unreachables vrf verify
  directed-broadcast arp mroute-cache route-cache tcp virtual-reassembly device nd enable ospfv3 traffic-filter`.split(/\s+/),
);

function acceptsHere(mode: string, word: string, line: string): boolean {
  const known = SUBMODE[mode];
  if (known && (mode === 'config-if' || mode === 'config-if-range')) {
    const words = line.replace(/^no /, '').split(' ');
    if (words[0] === 'ip' || words[0] === 'ipv6') return INTERFACE_IP.has(words[1] ?? '');
  }
  if (known) return known.has(word);
  // Nested openers belong to the sub-mode they appear in.
  if (NESTED.some(([re]) => re.test(line))) return true;
  return !GLOBAL.has(word) || word === 'no' || word === 'ip' || word === 'ipv6';
}

/** Commands IOS answers with "% Incomplete command." when typed bare. */
function needsArgument(line: string): boolean {
  return /^(hostname|interface|vlan|description|username|ip address|ip route|snmp-server community|ntp server|logging host|line|name|switchport access vlan|enable secret)$/.test(
    line,
  );
}
