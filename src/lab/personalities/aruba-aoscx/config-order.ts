// AOS-CX keeps its configuration in a database and prints `show running-config` from it in
// its own order, not in the order lines were typed: a restore that types the differences
// prints the same text as the switch it came from. The order here is the one the four real
// recordings show (hostname, alias, users, modules, clock, …, VLANs, spanning tree, mgmt,
// LAGs, ports by number, VLAN interfaces, SNMP, VSX, routes, DNS, HTTPS server, NAE), with
// the VSF lines (not in the recordings) before the VLANs. `!` separators stay where they are.

import type { ConfigTree } from '../../config-tree.js';

const TOP: RegExp[] = [
  /^hostname /,
  /^alias /,
  /^user /,
  /^module /,
  /^clock /,
  /^led /,
  /^logging filter /,
  /^profile /,
  /^vrf /,
  /^ntp /,
  /^cli-session$/,
  /^aaa /,
  /^aruba-central$/,
  /^logging /,
  /^(?:no )?ssh /,
  /^vsf /,
  /^vlan /,
  /^spanning-tree/,
  /^interface mgmt$/,
  /^qos /,
  /^interface lag /,
  /^interface \d/,
  /^interface vlan /,
  /^snmp-server /,
  /^vsx$/,
  /^ipv?6? ?route /,
  /^mirror /,
  /^ip dns /,
  /^(?:no )?https-server /,
  /^nae-script /,
];

const CHILD: RegExp[] = [
  /^type /,
  /^link /,
  /^description /,
  /^name /,
  /^vsx-sync/,
  /^(?:no )?shutdown$/,
  /^mtu /,
  /^vrf attach /,
  /^(?:no )?routing$/,
  /^vlan access /,
  /^vlan trunk native /,
  /^vlan trunk allowed /,
  /^(?:no )?ip dhcp$/,
  /^ip address /,
  /^ipv6 address /,
  /^lag /,
  /^lacp mode /,
  /^lacp rate /,
];

/** Numbers in a line compared as numbers: `interface 1/1/10` after `interface 1/1/9`, `vlan 30` after `vlan 10`. */
function numbers(line: string): number[] {
  return (line.match(/\d+/g) ?? []).map(Number);
}

function compareNumbers(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function rankOf(rules: RegExp[], line: string): number {
  const i = rules.findIndex((re) => re.test(line));
  return i < 0 ? rules.length : i;
}

/** Numbered blocks are printed in number order; other lines of one kind keep the order they came in. */
const NUMBERED = /^(?:interface (?:lag |vlan )?\d|vlan \d+$|vsf member \d)/;

function sortLevel(nodes: ConfigTree, rules: RegExp[]): void {
  const slots = nodes.map((n, i) => (n.line.startsWith('!') ? -1 : i)).filter((i) => i >= 0);
  const sorted = slots
    .map((i) => nodes[i]!)
    .map((n, order) => ({ n, order, rank: rankOf(rules, n.line) }))
    .sort((a, b) => a.rank - b.rank || (NUMBERED.test(a.n.line) && NUMBERED.test(b.n.line) ? compareNumbers(a.n.line, b.n.line) : 0) || a.order - b.order)
    .map((x) => x.n);
  slots.forEach((slot, k) => (nodes[slot] = sorted[k]!));
}

/** Put a configuration tree in the order AOS-CX prints it (in place), and return it. */
export function canonical(tree: ConfigTree): ConfigTree {
  sortLevel(tree, TOP);
  for (const n of tree) if (n.children.length > 1) sortLevel(n.children, CHILD);
  return tree;
}
