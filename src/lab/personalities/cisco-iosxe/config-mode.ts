// IOS configuration mode for the lab: which lines open a sub-mode, which lines
// replace an earlier one, which `no` forms IOS shows, and what it refuses.
// Deliberately a grammar of keywords, not a full parser: enough that pushing a
// real-looking configuration back line by line behaves as a switch would
// (indentation ignored, a global command leaves a sub-mode, typos refused).

import { FACTORY_HOSTNAME, removeLines, setLine } from './config-text.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { applyAclLine, numberedAclLine } from './acl.js';
import { ACL_MODES, orderedIndex } from './config-order.js';

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

/**
 * Lines a sub-mode takes as its own although they start with a global keyword: ` key 7 …`
 * under `tacacs server X` is the server's key, where IOS keeps it; `key chain NAME`
 * typed there is still global and leaves the sub-mode.
 */
const SERVER_KEY = /^key (?!(?:chain|config-key)\b)/;
const ALSO_HERE: Record<string, RegExp> = {
  'config-server-tacacs': SERVER_KEY,
  'config-radius-server': SERVER_KEY,
  'crypto-isakmp-group': SERVER_KEY,
  'config-ikev2-profile': /^authentication (?:local|remote) /,
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
  [/^aaa server radius dynamic-author$/, 'config-locsvr-da-radius'],
  [/^snmp mib expression owner /, 'config-expression'],
  [/^key chain /, 'config-keychain'],
  [/^event manager applet /, 'config-applet'],
  [/^call-home$/, 'cfg-call-home'],
  [/^flow (record|exporter|monitor) /, 'config-flow'],
  [/^track /, 'config-track'],
  [/^radius server /, 'config-radius-server'],
  [/^tacacs server /, 'config-server-tacacs'],
  [/^crypto keyring /, 'conf-keyring'],
  [/^crypto ikev2 keyring /, 'config-ikev2-keyring'],
  [/^crypto ikev2 profile /, 'config-ikev2-profile'],
  [/^crypto isakmp client configuration group /, 'crypto-isakmp-group'],
  [/^ip sla \d+$/, 'config-ip-sla'],
  [/^license smart$/, 'config-license-smart'],
  [/^transceiver type /, 'config-xcvr-type'],
];

/** Sub-modes whose lines IOS prints two spaces in rather than one (`snmp mib expression` → `  expression 42`). */
const CHILD_INDENT: Record<string, number> = { 'config-expression': 2 };

/**
 * Lines that open a further level inside a sub-mode, and the prompt name IOS shows
 * there, which can depend on the sub-mode it was typed in: an address family under a
 * VRF is `(config-vrf-af)`, under a routing process `(config-router-af)`.
 */
const NESTED: [RegExp, (parent: string | undefined) => string][] = [
  [/^address-family /, (parent) => (parent === 'config-vrf' ? 'config-vrf-af' : 'config-router-af')],
  [/^class /, () => 'config-pmap-c'],
  [/^log config$/, () => 'config-archive-log-cfg'],
  [/^key \d+$/, () => 'config-keychain-key'],
  // A peer of an IKEv2 keyring, which holds its pre-shared keys.
  [/^peer \S+$/, () => 'config-ikev2-keyring-peer'],
  // A certificate's hex data; IOS reads it until a `quit` on a line of its own.
  [/^certificate /, () => 'config-pubkey'],
];

/**
 * Lines that end a nested level, and the only levels that take them. Anywhere else
 * IOS has no such command and refuses the line (`% Invalid input detected at '^'
 * marker.`): `exit-address-family` typed at `(config)#` or `(config-if)#`, or a `quit`
 * outside a certificate's data, is a mistake a real switch reports, so the lab does too.
 */
const CLOSERS: Record<string, string[]> = {
  'exit-address-family': ['config-router-af', 'config-vrf-af'],
  // The certificate's data ends and the prompt is back at `(config-cert-chain)#`.
  quit: ['config-pubkey'],
  'exit-class': ['config-pmap-c'],
};

/** The closer `line` is, when it is one. */
const closerOf = (line: string): string[] | undefined => (Object.hasOwn(CLOSERS, line) ? CLOSERS[line] : undefined);

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
  /^(login)( local)?$/,
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
  // Not a feature, but IOS prints a routed interface or SVI without an address this way.
  'ip address',
  // Off by default, yet IOS-XE prints the `no` form (factory configs show `no aaa new-model`).
  'aaa new-model',
  'aaa accounting system guarantee-first',
];

export function sameKey(a: string, b: string): boolean {
  const x = keyOf(a);
  return x !== undefined && x === keyOf(b);
}

/** Which one-value setting a line sets, if it sets one. */
function keyOf(line: string): string | undefined {
  for (const [i, re] of SINGLETONS.entries()) {
    const m = re.exec(line);
    if (m) return `${i}:${m[1]}`;
  }
  // `no ip address` is the setting's unset form, as IOS shows it: a value typed later takes its place.
  const unset = /^no (.*)$/.exec(line)?.[1];
  if (unset === undefined) return undefined;
  for (const [i, re] of SINGLETONS.entries()) if (re.exec(unset)?.[1] === unset) return `${i}:${unset}`;
  return undefined;
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
  /** IOS refused the line with a message of its own (`% Duplicate sequence number`). */
  | { kind: 'error'; message: string }
  | { kind: 'end' }
  | { kind: 'banner'; node: ConfigNode; delimiter: string; levels: ConfigLevel[] }
  /** IOS asks before it acts (`[confirm]`); `confirm` does what the line asked for. */
  | { kind: 'confirm'; question: string; confirm: () => void; levels: ConfigLevel[] };

export interface ApplyOptions {
  /**
   * Building a whole configuration from a file, as `configure replace` does: lines
   * stay in the file's order (IOS wrote the file in its own order), and the lines IOS
   * prints but does not take as commands (`exit-address-family`, a certificate's
   * `quit`) stay where the file has them. Nothing asks for confirmation.
   */
  asWritten?: boolean;
}

/** `no username NAME`: IOS-XE asks first, in these words (no space after the first full stop). */
export const NO_USERNAME_QUESTION = 'This operation will remove all username related configurations with same name.Do you want to continue? [confirm]';

/** Apply one line typed in configuration mode. `levels` is the path from the top (empty at global). */
export function applyConfigLine(root: ConfigTree, levels: ConfigLevel[], typed: string, opts: ApplyOptions = {}): ConfigOutcome {
  const verbatim = typed.trim();
  const current = levels[levels.length - 1]?.mode;
  const expanded = expandAbbreviations(verbatim.replace(/\s+/g, ' '), current);
  // IOS names the line it could not tell apart, as typed: `% Ambiguous command:  "s"` (two spaces, no blank line after).
  if (expanded === 'ambiguous') return { kind: 'error', message: `% Ambiguous command:  "${verbatim}"` };
  const line = nvgen(numberedAclLine(respaced(expanded, verbatim)));
  const indent = typed.length - typed.trimStart().length;
  if (line === '' || line.startsWith('!')) return { kind: 'ok', levels };
  if (line === 'end') return { kind: 'end' };
  if (line === 'exit') {
    // `exit` climbs one level; at `(config)#` it leaves configuration mode, as `end` does.
    // (A file read whole has no exec level to go back to: the lab reads on.)
    if (levels.length === 0) return opts.asWritten ? { kind: 'ok', levels } : { kind: 'end' };
    return { kind: 'ok', levels: levels.slice(0, -1) };
  }
  const closes = closerOf(line);
  if (closes) {
    if (current === undefined || !closes.includes(current)) return { kind: 'invalid', at: indent };
    if (opts.asWritten) keepAsWritten(root, levels, typed);
    else if (line === 'quit') endOfCertificate(levels[levels.length - 1]!.node!);
    return { kind: 'ok', levels: levels.slice(0, -1) };
  }
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
  const mode = here[here.length - 1]?.mode;
  // Where a new line goes: where IOS prints it, or, from a file, where the file has it.
  const place = opts.asWritten ? (s: ConfigTree) => s.length : (s: ConfigTree, l: string) => orderedIndex(s, l, mode);

  if (depth === 0 && !GLOBAL.has(word)) return { kind: 'invalid', at: indent };
  // `ip …` at the top: IOS knows its second word too (`ip frobnicate on` is refused at `frobnicate`).
  const ipWords = /^(?:no )?(ipv6|ip) (\S+)/.exec(line);
  if (depth === 0 && ipWords && !(ipWords[1] === 'ip' ? GLOBAL_IP : GLOBAL_IPV6).has(ipWords[2]!)) {
    return { kind: 'invalid', at: indent + ipWords[0].length - ipWords[2]!.length };
  }
  if (mode !== undefined && ACL_MODES.has(mode)) {
    const acl = applyAclLine(siblings, line);
    if (acl) return acl.kind === 'ok' ? { kind: 'ok', levels: here } : acl;
  }
  if (word === 'no') {
    const rest = line.slice(3);
    if (rest === '') return { kind: 'incomplete' };
    const user = depth === 0 ? /^username (\S+)/.exec(rest) : null;
    if (user) {
      const remove = () => void removeLines(siblings, `username ${user[1]}`);
      if (!opts.asWritten) return { kind: 'confirm', question: NO_USERNAME_QUESTION, confirm: remove, levels: here };
      remove();
      return { kind: 'ok', levels: here };
    }
    // `no hostname` names the box as it left the factory; IOS prints that name.
    if (depth === 0 && /^hostname( |$)/.test(rest)) {
      setLine(siblings, `hostname ${FACTORY_HOSTNAME}`, sameKey, place);
      return { kind: 'ok', levels: here };
    }
    // `no access-list 10 …` takes out the whole of numbered list 10, whatever follows the
    // number: IOS cannot remove one entry of a numbered list from the top (only from
    // `ip access-list standard 10`, by sequence number).
    const numbered = depth === 0 ? /^access-list (\d+)(?: |$)/.exec(rest) : null;
    if (numbered) {
      removeLines(siblings, `access-list ${numbered[1]}`);
      return { kind: 'ok', levels: here };
    }
    removeLines(siblings, rest);
    // A feature that is on by default shows as `no …` once turned off.
    if (DEFAULT_ON.includes(rest)) setLine(siblings, line, sameKey, place);
    return { kind: 'ok', levels: here };
  }
  if (needsArgument(line)) return { kind: 'incomplete' };

  const banner = /^banner (\S+) ?(.*)$/.exec(line);
  if (banner && depth === 0) {
    const [, kind, after = ''] = banner;
    const delimiter = after.startsWith('^C') ? '^C' : after.slice(0, 1);
    if (delimiter === '') return { kind: 'incomplete' };
    const node = setLine(root, `banner ${kind} ^C`, (a, b) => a === b, place);
    node.verbatim = { lines: [], end: '^C' };
    const inline = after.slice(delimiter.length);
    const close = inline.indexOf(delimiter);
    if (close >= 0) {
      node.verbatim.lines = [inline.slice(0, close)];
      return { kind: 'ok', levels: here };
    }
    if (inline !== '') node.verbatim.lines.push(inline);
    return { kind: 'banner', node, delimiter, levels: here };
  }

  // A "no X" line this line undoes goes away (e.g. `ip http server` after `no ip http server`).
  removeLines(siblings, `no ${line}`);
  const before = siblings.length;
  const node = setLine(siblings, line, sameKey, place);
  if (siblings.length > before && mode !== undefined && CHILD_INDENT[mode] !== undefined) node.indent = CHILD_INDENT[mode];
  if (siblings.length > before && !opts.asWritten) printedAfter(siblings, node);
  const opens = depth === 0 ? BLOCKS.find(([re]) => re.test(line))?.[1] : NESTED.find(([re]) => re.test(line))?.[1](mode);
  if (opens) return { kind: 'ok', levels: [...here, { node, mode: opens }] };
  return { kind: 'ok', levels: here };
}

/**
 * What IOS prints after a block it has just been given: `exit-address-family` after
 * an address family. (Its `!` separators are put back after each change: separators.ts.)
 */
function printedAfter(siblings: ConfigTree, node: ConfigNode): void {
  if (/^address-family /.test(node.line)) siblings.splice(siblings.indexOf(node) + 1, 0, { line: 'exit-address-family', children: [] });
}

/**
 * What IOS prints after a certificate's data once `quit` ended it: `  \tquit` (two
 * spaces, a tab), the last line of the certificate, however often its data was typed.
 */
function endOfCertificate(certificate: ConfigNode): void {
  certificate.children = certificate.children.filter((n) => n.line !== '\tquit');
  certificate.children.push({ line: '\tquit', children: [] });
}

/**
 * A line from a file that IOS prints but does not take as a command (a `!`, a closer):
 * kept where the file's indentation puts it, as the file spells it.
 */
export function keepAsWritten(root: ConfigTree, levels: ConfigLevel[], typed: string): void {
  const spaces = typed.length - typed.replace(/^ +/, '').length;
  const depth = Math.min(spaces, levels.length);
  const siblings = depth === 0 ? root : levels[depth - 1]!.node!.children;
  siblings.push({ line: typed.slice(spaces).trimEnd(), children: [] });
}

/** Feed one line of banner text; returns true when the delimiter closed the banner. */
export function bannerLine(node: ConfigNode, delimiter: string, text: string): boolean {
  const close = text.indexOf(delimiter);
  if (close < 0) {
    node.verbatim!.lines.push(text);
    return false;
  }
  const last = text.slice(0, close);
  if (last !== '') node.verbatim!.lines.push(last);
  return true;
}

/**
 * The expanded words with the spacing they were typed with. IOS keeps free text as
 * typed (a description with two spaces) and prints some lines with two spaces of its
 * own (`snmp-server host … COMMUNITY  tty vtp`); a line copied from `show
 * running-config` and typed back must read back the same.
 */
function respaced(expanded: string, verbatim: string): string {
  const words = expanded.split(' ');
  let i = 0;
  return verbatim.replace(/\S+/g, () => words[i++] ?? '');
}

/**
 * Lines IOS prints with a trailing space, whatever was typed (seen in the real IOS-XE
 * 17.9 capture in test/fixtures/real/oxidized): typed back without it, they must read
 * back with it.
 */
const TRAILING_SPACE: RegExp[] = [
  /^aaa authorization exec .* if-authenticated$/,
  /^ip tacacs source-interface \S+$/,
  /^snmp-server host .* version (1|2c) \S+$/,
];

function nvgen(line: string): string {
  return TRAILING_SPACE.some((re) => re.test(line)) ? line + ' ' : line;
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
  // A certificate's data is hex, not commands: `CA` or `DE` is a byte, not `call-home` or `default`.
  if (mode === 'config-pubkey') return line;
  const words = line.split(' ');
  // The sub-mode's own keywords first, as IOS parses there before the levels above. A
  // level with a closer has it among them, beside `exit` and `end`: `exit-add` is
  // `exit-address-family` in an address family, `exit` is still `exit`.
  const closers = Object.keys(CLOSERS).filter((c) => mode !== undefined && CLOSERS[c]!.includes(mode));
  const vocabularies = [
    [...(mode ? (SUBMODE[mode] ?? []) : []), ...(closers.length > 0 ? [...closers, 'exit', 'end'] : [])],
    [...GLOBAL, 'exit', 'end', 'do'],
  ];
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

/** Second words of global `ip …` commands on IOS-XE 17 (enough for real switch configs; a typo is refused). */
const GLOBAL_IP = new Set(
  `access-list admission arp as-path auth-proxy bgp-community bootp cef classless community-list default-gateway default-network device
  dhcp dns domain domain-list domain-lookup domain-name explicit-path extcommunity-list finger flow flow-cache flow-export forward-protocol
  ftp gratuitous-arps host http icmp igmp inspect local mfib mroute msdp multicast multicast-routing name-server nat nbar options ospf
  pim policy port-map prefix-list radius rcmd route routing rsvp scp sla source-interface source-route ssh sticky-arp subnet-zero tacacs
  tcp telnet tftp vrf wccp`.split(/\s+/),
);

/** Second words of global `ipv6 …` commands. */
const GLOBAL_IPV6 = new Set(
  `access-list cef dhcp general-prefix host icmp local mld multicast-routing nd neighbor pim prefix-list route router source-guard
  unicast-routing`.split(/\s+/),
);

/** `ip …` / `ipv6 …` commands an interface takes; any other (`ip route`, `ip access-list`) is global. */
const INTERFACE_IP = new Set(
  `address helper-address access-group ospf pim igmp dhcp flow mtu nat policy proxy-arp redirects unreachables vrf verify
  directed-broadcast arp mroute-cache route-cache tcp virtual-reassembly device nd enable ospfv3 traffic-filter`.split(/\s+/),
);

function acceptsHere(mode: string, word: string, line: string): boolean {
  if (ALSO_HERE[mode]?.test(line)) return true;
  const known = SUBMODE[mode];
  if (word === 'no') {
    // `no X` belongs where X does: `no aaa new-model` typed under a VRF or an interface is a global command.
    const rest = line.slice(3);
    const next = rest.split(' ', 1)[0] ?? '';
    return acceptsHere(mode, next, rest) || (known !== undefined && !GLOBAL.has(next));
  }
  if (known && (mode === 'config-if' || mode === 'config-if-range')) {
    const words = line.replace(/^no /, '').split(' ');
    if (words[0] === 'ip' || words[0] === 'ipv6') return INTERFACE_IP.has(words[1] ?? '');
    // An interface has `vrf forwarding NAME` only: `vrf definition NAME` is global and leaves the interface.
    if (words[0] === 'vrf') return words[1] === undefined || 'forwarding'.startsWith(words[1]);
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
