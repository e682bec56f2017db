// NX-OS configuration mode on the lab's configuration tree: which lines open a context
// (`interface Ethernet1/1` → `(config-if)`, `vlan 10` → `(config-vlan)`, `vpc domain 10` →
// `(config-vpc-domain)`), the two-space indentation NX-OS prints, settings that replace each
// other, and the order NX-OS prints its configuration in (its own, not the typing order: a
// restore that types the differences prints the same text as the switch it came from).

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

const OPENERS: RegExp[] = [
  /^interface \S+/,
  /^vlan \d[\d,-]*$/,
  /^vrf context \S+$/,
  /^vpc domain \d+$/,
  /^line (?:console|vty)$/,
  /^router \S+/,
  /^ip access-list \S+$/,
];
export const opensContext = (line: string): boolean => OPENERS.some((re) => re.test(line));

export function modeOf(line: string): string {
  if (/^interface port-channel/i.test(line)) return 'config-if';
  if (/^interface /.test(line)) return 'config-if';
  if (/^vlan /.test(line)) return 'config-vlan';
  if (/^vrf context /.test(line)) return 'config-vrf';
  if (/^vpc domain /.test(line)) return 'config-vpc-domain';
  if (/^line console$/.test(line)) return 'config-console';
  if (/^line vty$/.test(line)) return 'config-line';
  return `config-${line.split(' ')[0]}`;
}

const ONE_PER_PARENT = [
  'hostname',
  'description',
  'name',
  'switchport access vlan',
  'switchport mode',
  'switchport trunk native vlan',
  'mtu',
  'speed',
  'channel-group',
  'snmp-server contact',
  'snmp-server location',
  'clock timezone',
  'role priority',
  'peer-keepalive',
  'vrf member',
  'ip address',
  'exec-timeout',
];

function keyOf(line: string): string | undefined {
  const l = line.replace(/^no /, '');
  if (/^shutdown$/.test(l)) return l;
  const keyed = /^(username \S+|snmp-server community \S+|switchport trunk allowed vlan(?! (?:add|remove|except) ))/.exec(l);
  if (keyed) return keyed[1];
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

export type Outcome = { kind: 'ok' } | { kind: 'invalid'; message: string };

/** Type one setting under `siblings` (the top level or a context's children) at `depth` (0 at the top). */
export function setLine(siblings: ConfigTree, line: string, depth: number): Outcome {
  const indent = depth > 0 ? { indent: 2 * depth } : {};
  if (line.startsWith('no ')) {
    const what = line.slice(3);
    const i = siblings.findIndex((n) => n.line === what || n.line.startsWith(what + ' '));
    if (i >= 0) siblings.splice(i, 1);
    // `no shutdown` is the default: NX-OS prints nothing for it.
    return { kind: 'ok' };
  }
  const key = keyOf(line);
  for (let i = siblings.length - 1; i >= 0; i--) {
    const n = siblings[i]!;
    if (n.line !== line && key !== undefined && keyOf(n.line) === key) siblings.splice(i, 1);
  }
  if (!siblings.some((n) => n.line === line)) siblings.push({ line, children: [], ...indent });
  return { kind: 'ok' };
}

/** Enter (creating it when new) the context `line` opens at the top level. */
export function openContext(running: ConfigTree, line: string): ConfigNode {
  const found = running.find((n) => n.line === line);
  if (found) return found;
  const node: ConfigNode = { line, children: [] };
  running.push(node);
  return node;
}

/** The order NX-OS prints top-level lines in (as the real recordings and napalm's capture show). */
const TOP: RegExp[] = [
  /^version /,
  /^hostname /,
  /^(?:no )?feature /,
  /^username /,
  /^(?:no )?password /,
  /^ip domain-lookup/,
  /^snmp-server /,
  /^ntp /,
  /^clock /,
  /^vlan /,
  /^vrf context /,
  /^vpc domain /,
  /^interface port-channel/i,
  /^interface Ethernet/i,
  /^interface mgmt/,
  /^interface /,
  /^line console$/,
  /^line vty$/,
  /^boot /,
  /^router /,
  /^logging /,
];

function numbers(line: string): number[] {
  return (line.match(/\d+/g) ?? []).map(Number);
}

function compareNumbers(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const NUMBERED = /^(?:interface \S*?\d|vlan \d+$|vpc domain \d)/;

/** Put a configuration tree in the order NX-OS prints it (in place), and return it. */
export function canonical(tree: ConfigTree): ConfigTree {
  const rank = (line: string) => {
    const i = TOP.findIndex((re) => re.test(line));
    return i < 0 ? TOP.length : i;
  };
  const sorted = tree
    .map((n, order) => ({ n, order, rank: rank(n.line) }))
    .sort((a, b) => a.rank - b.rank || (NUMBERED.test(a.n.line) && NUMBERED.test(b.n.line) ? compareNumbers(a.n.line, b.n.line) : 0) || a.order - b.order)
    .map((x) => x.n);
  tree.splice(0, tree.length, ...sorted);
  return tree;
}
