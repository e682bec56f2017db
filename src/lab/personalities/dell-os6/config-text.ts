// A Dell OS6 configuration as the lab switch keeps it: blocks are not indented but closed by
// `exit` (`vlan 666` / `name "TEST"` / `exit`), so the text is read with the modes the switch
// knows, into the lab's shared tree (a block's lines are its children). Rendering puts the
// `exit`s back, the `!` separators OS6 prints before each port's block, and the header.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

/**
 * The lines that enter a configuration mode on this lab switch (the modes of the real N4032
 * capture: VLAN lists and VLANs, interfaces, the stack, terminal lines, a syslog host, RADIUS
 * hosts, management ACLs, VRFs, the vPC domain; and the QoS maps of the FASTPATH family).
 */
const MODES: { opens: RegExp; mode: (line: string) => string }[] = [
  { opens: /^vlan \d[\d,-]*$/, mode: (l) => (/[,-]/.test(l) ? 'config-vlan' : `config-vlan${l.slice(5)}`) },
  {
    opens: /^interface (\S+(?: \S+)?)$/,
    mode: (l) => `config-if-${l.slice(10).replace(/^(vlan|port-channel) /, (_m, w: string) => (w === 'vlan' ? 'vlan' : 'Po'))}`,
  },
  { opens: /^stack$/, mode: () => 'config-stack' },
  { opens: /^line (?:console|telnet|ssh)$/, mode: () => 'config-line' },
  { opens: /^logging [\d.:a-fA-F]+$/, mode: () => 'config-logging' },
  { opens: /^(?:radius|tacacs)-server host /, mode: () => 'config-auth-server' },
  { opens: /^management access-list /, mode: () => 'config-macal' },
  { opens: /^ip vrf \S+$/, mode: () => 'config-vrf' },
  { opens: /^vpc domain \d+$/, mode: () => 'config-vpc' },
  { opens: /^class-map /, mode: () => 'config-classmap' },
  { opens: /^policy-map /, mode: () => 'config-pmap' },
  { opens: /^class /, mode: () => 'config-pmap-c' },
];

/** The mode a line enters (`config-if-Te1/0/1`), or undefined for a line that sets something. */
export function modeOf(line: string): string | undefined {
  const t = line.trim();
  return MODES.find((m) => m.opens.test(t))?.mode(t);
}

export const isBlock = (line: string): boolean => modeOf(line) !== undefined;

/** The configuration between `configure` and its `exit`, as a tree. Header comments and `!` lines are not kept. */
export function parseOs6(text: string): ConfigTree {
  const root: ConfigTree = [];
  const open: ConfigNode[] = [];
  let framed = false;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line.trim() === '' || line.startsWith('!')) continue;
    if (!framed && line.trim() === 'configure') {
      framed = true;
      continue;
    }
    if (line.trim() === 'exit') {
      open.pop();
      continue;
    }
    const node: ConfigNode = { line, children: [] };
    (open[open.length - 1]?.children ?? root).push(node);
    if (isBlock(line)) open.push(node);
  }
  return root;
}

/** A port's block gets a `!` line above it, as OS6 prints them. */
const SEPARATED = /^interface (?:Gi|Te|Tw|Fo|port-channel )/;

function renderNodes(nodes: ConfigTree, out: string[]): void {
  for (const n of nodes) {
    if (isBlock(n.line)) {
      // A VLAN that only has a number lives in the VLAN list: its block is printed when it holds something.
      if (/^vlan \d+$/.test(n.line.trim()) && n.children.length === 0) continue;
      if (SEPARATED.test(n.line)) out.push('!');
      out.push(n.line);
      renderNodes(n.children, out);
      out.push('exit');
    } else {
      out.push(n.line);
    }
  }
}

/**
 * OS6 prints its configuration in its own order, not in the order it was typed: the sections of
 * the real N4032 capture, in that capture's order. A line no section names goes after the
 * management ACLs, before the ports. Within a section: VLANs, VLAN interfaces, ports and
 * port-channels by number; anything else as typed.
 */
const SECTIONS: RegExp[] = [
  /^vlan \d+[,-]/,
  /^vlan \d+$/,
  /^snmp-server (?:location|contact) /,
  /^hostname /,
  /^slot /,
  /^(?:sntp|clock) /,
  /^stack$/,
  /^interface out-of-band$/,
  /^ip vrf /,
  /^ip domain-name /,
  /^logging /,
  /^(?:system |no ip http )/,
  /^interface vlan /,
  /^ip default-gateway /,
  /^(?:no )?passwords /,
  /^username /,
  /^aaa /,
  /^(?:radius|tacacs)-server /,
  /^line /,
  /^ip ssh /,
  /^management access-/,
  /^interface (?!port-channel )(?!vlan )(?!out-of-band)/,
  /^interface port-channel /,
  /^snmp-server /,
  /^enable password /,
  /^feature /,
  /^vpc domain /,
];
const OTHER = SECTIONS.findIndex((re) => re.source.startsWith('^interface (?!port'));
const rank = (line: string): number => {
  const i = SECTIONS.findIndex((re) => re.test(line.trim()));
  return i < 0 ? OTHER - 0.5 : i;
};
/** The numbers in a line, for ordering `Te1/0/10` after `Te1/0/9` and `vlan 3840` after `vlan 710`. */
const numbers = (line: string): number[] => (line.match(/\d+/g) ?? []).map(Number);
const NUMBERED = /^(?:vlan \d+$|interface )/;
function byNumbers(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function os6Order(tree: ConfigTree): ConfigTree {
  return tree
    .map((n, i) => ({ n, i, r: rank(n.line) }))
    .sort((a, b) => a.r - b.r || (NUMBERED.test(a.n.line.trim()) && NUMBERED.test(b.n.line.trim()) ? byNumbers(a.n.line, b.n.line) : 0) || a.i - b.i)
    .map((x) => x.n);
}

/** `configure`, the lines and blocks in OS6's order, and the frame's `exit`. */
export function renderOs6(tree: ConfigTree): string[] {
  const out = ['configure'];
  renderNodes(os6Order(tree), out);
  out.push('exit');
  return out;
}

/** The quoted or bare value after a keyword: `hostname "switch1"` → `switch1`. */
export function valueOf(line: string, keyword: string): string | undefined {
  if (!line.startsWith(keyword + ' ')) return undefined;
  return line
    .slice(keyword.length + 1)
    .trim()
    .replace(/^"(.*)"$/, '$1');
}

/** The hostname the running configuration sets; OS6's own name for a switch without one is `console`. */
export function hostnameOf(tree: ConfigTree): string {
  for (const n of tree) {
    const v = valueOf(n.line, 'hostname');
    if (v !== undefined) return v;
  }
  return 'console';
}

// ---------------------------------------------------------------- VLAN lists

/** `666,699,4000-4002` → the VLAN numbers. */
export function expandVlans(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let v = a; v <= b; v++) out.push(v);
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

/** The VLAN numbers as OS6 lists them: runs of three or more as a range (`4000-4002`). */
export function compressVlans(vlans: number[]): string {
  const sorted = [...new Set(vlans)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(',');
}
