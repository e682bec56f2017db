// AOS-CX configuration mode on the lab's configuration tree: which lines open a context
// (`interface 1/1/1` → `(config-if)`, `vlan 10` → `(config-vlan-10)`, `vsf member 2`), the
// four-space indentation AOS-CX prints, settings that replace each other, and the `no`
// forms AOS-CX keeps as lines (`no shutdown`, `no routing`, as every real capture shows).

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

/** Top-level lines that open a context; any other line is a setting where it is typed. */
const OPENERS: RegExp[] = [
  /^interface \S+/,
  /^vlan \d+$/,
  /^vsf member \d+$/,
  /^vsx$/,
  /^router \S+/,
  /^aruba-central$/,
  /^cli-session$/,
  /^logging filter \S+$/,
  /^snmp-server community \S+$/,
  /^mirror session \d+$/,
  /^aaa group server \S+ \S+$/,
  /^(?:access-list|class|policy) .+/,
];
export const opensContext = (line: string): boolean => OPENERS.some((re) => re.test(line));

/** The mode a context shows in the prompt: `config-if`, `config-if-vlan`, `config-lag-if`, `config-vlan-10`, `config-<word>`. */
export function modeOf(line: string): string {
  if (/^interface \d+\/\d+\/\d+$/.test(line)) return 'config-if';
  if (/^interface vlan /.test(line)) return 'config-if-vlan';
  if (/^interface lag /.test(line)) return 'config-lag-if';
  if (/^interface mgmt$/.test(line)) return 'config-if-mgmt';
  const vlan = /^vlan (\d+)$/.exec(line);
  if (vlan) return `config-vlan-${vlan[1]}`;
  const member = /^vsf member (\d+)$/.exec(line);
  if (member) return `config-vsf-member-${member[1]}`;
  return `config-${line.split(' ')[0]}`;
}

/** Settings that exist once where they stand: typing one replaces the other. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'name',
  'vlan access',
  'vlan trunk native',
  'mtu',
  'lag',
  'lacp mode',
  'clock timezone',
  'snmp-server system-location',
  'snmp-server system-contact',
  'vsf secondary-member',
  'vsf split-detect',
  'type',
  'access-level',
];

function keyOf(line: string): string | undefined {
  const l = line.replace(/^no /, '');
  if (/^(?:shutdown|routing|ip dhcp)$/.test(l)) return l;
  const user = /^user (\S+) /.exec(l);
  if (user) return `user ${user[1]}`;
  if (/^ip address \S+$/.test(l)) return 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** `no` forms AOS-CX prints as lines of their own when there is nothing else to remove. */
const KEPT_NO = /^no (?:shutdown|routing|ip dhcp|(?:https-server|ssh server) vrf \S+|trap link-status)$/;

export type Outcome = { kind: 'ok' } | { kind: 'invalid'; message: string };

/** Type one setting under `siblings` (the top level or a context's children) at `depth` (0 at the top). */
export function setLine(siblings: ConfigTree, line: string, depth: number): Outcome {
  const indent = depth > 0 ? { indent: 4 * depth } : {};
  if (line.startsWith('no ')) {
    const what = line.slice(3);
    const i = siblings.findIndex((n) => n.line === what || n.line.startsWith(what + ' '));
    if (i >= 0) {
      siblings.splice(i, 1);
      if (KEPT_NO.test(line)) siblings.push({ line, children: [], ...indent });
      return { kind: 'ok' };
    }
    if (KEPT_NO.test(line) && !siblings.some((n) => n.line === line)) siblings.push({ line, children: [], ...indent });
    return { kind: 'ok' };
  }
  const key = keyOf(line);
  const at = siblings.findIndex((n) => n.line === line);
  for (let i = siblings.length - 1; i >= 0; i--) {
    const n = siblings[i]!;
    if (i === at) continue;
    if (n.line === `no ${line}` || (key !== undefined && keyOf(n.line) === key)) siblings.splice(i, 1);
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
