// Dell OS6 configuration as text: which lines open a block (blocks are not indented but closed
// by `exit`), and how a line is typed, removed and replaced in configuration mode (line-merge
// restore). Data and small pure functions for index.ts.

import type { ExitClosedHierarchy, PlatformConfigure } from '../platform.js';

/**
 * Lines that open a block, on the trimmed line. Seen in the real N4032 capture: VLAN lists and
 * VLANs, interfaces, `stack`, `line …`, a `logging <host>`, `radius-server host …`, `management
 * access-list …`, `ip vrf …`, `vpc domain …`; seen in the FASTPATH sibling EFOS: `class-map`,
 * `policy-map`, `class`. Not `vlan database` (EFOS, older PowerConnect): OS6 makes VLANs in global
 * configuration, where `vlan 10,103` opens a block, and the text cannot tell the two apart; so on
 * EFOS `vlan database` reads as a line of its own and the VLAN list under it as the block that its
 * `exit` closes — every block still closes, only that one parent is misread. The rest (routing processes and their address families,
 * ACLs, DHCP pools, TACACS+ hosts, the MST region) open a mode the same way on FASTPATH-derived
 * CLIs (assumed: no capture holds one). `logging snmp` does not open one: only an address does.
 */
export const OPENS: RegExp[] = [
  /^vlan \d[\d,-]*$/,
  /^interface /,
  /^stack$/,
  /^line (?:console|telnet|ssh)$/,
  /^logging [\d.:a-fA-F]+$/,
  /^(?:radius|tacacs)-server host /,
  /^management access-list /,
  /^ip vrf \S+$/,
  /^vpc domain /,
  /^class-map /,
  /^policy-map /,
  /^class /,
  /^router (?:ospf|bgp|rip)\b/,
  /^ipv6 router ospf\b/,
  /^address-family /,
  /^ip dhcp pool /,
  /^(?:ip|ipv6|mac) access-list /,
  /^spanning-tree mst configuration$/,
];

export const HIERARCHY: ExitClosedHierarchy = {
  kind: 'exit-closed',
  opens: OPENS,
  close: /^exit$/,
  frame: [/^configure$/],
};

/** A quoted or bare value's keyword: `name "TEST"` → `name`. */
const SINGLE_VALUED = /^(hostname|name|description|snmp-server (?:location|contact)|ip domain-name|ip default-gateway|clock timezone|exec-timeout) /;

/** `no` + the line; a line that is already `no …` comes back without it. One-value settings are removed by their keyword alone. */
export function negate(line: string): string | undefined {
  const t = line.trim();
  if (t === '' || t === 'exit' || t === 'configure' || t.startsWith('!')) return undefined;
  if (t.startsWith('no ')) return t.slice(3);
  // A VLAN list names every VLAN there is; removing it would delete them all. Each VLAN goes by its own block.
  if (/^vlan \d+[,-]/.test(t)) return undefined;
  const single = SINGLE_VALUED.exec(t);
  if (single) return `no ${single[1]}`;
  return `no ${t}`;
}

/** Typing `added` replaces `removed` where both stand: one value per keyword; shutdown / no shutdown; one allowed-VLAN list; one VLAN list. */
export function replaces(added: string, removed: string): boolean {
  const a = added.trim();
  const r = removed.trim();
  const ka = SINGLE_VALUED.exec(a)?.[1];
  if (ka !== undefined && ka === SINGLE_VALUED.exec(r)?.[1]) return true;
  if ((a === 'shutdown' && r === 'no shutdown') || (a === 'no shutdown' && r === 'shutdown')) return true;
  const list = /^switchport (?:trunk allowed|general allowed|access) vlan /;
  if (list.test(a) && list.test(r) && a.split(' ').slice(0, 3).join(' ') === r.split(' ').slice(0, 3).join(' ')) return true;
  return /^vlan \d+[,-]/.test(a) && /^vlan \d+[,-]/.test(r);
}

/**
 * Refusals as OS6 prints them (fake-switches' Dell models, recorded from N-series/PowerConnect):
 * `% Invalid input detected at '^' marker.`, `Command not found / Incomplete command. Use ? to list
 * commands.`, `ERROR: This VLAN does not exist.`, `An invalid interface has been used for this function`.
 */
export const ERRORS: RegExp[] = [
  /^\s*% ?(?:Invalid input|Incomplete command|Ambiguous command)/m,
  /^\s*Command not found\b/m,
  /^\s*ERROR: /m,
  /^\s*Invalid input\b/m,
  /^\s*An invalid \w+ has been used\b/m,
];

export const CONFIGURE: PlatformConfigure = {
  enter: 'configure',
  // `end` returns to privileged exec from any depth (assumed from the N-series CLI; `exit` goes up one).
  leave: 'end',
  up: 'exit',
  // `console(config)#`, `console(config-if-Te1/0/1)#`, `console(config-vlan666)#`, `console(config-stack)#`.
  inConfigMode: /\(config[^()]*\)# ?$/i,
  topLevel: /\(config\)# ?$/i,
  errors: ERRORS,
  // OS6 does not echo the typed line in a refusal; the caret line above it is dropped anyway.
  refusalShown: (error) => error.trim(),
  questions: [],
  // `… (y/n)` and `[y/n]`: declined.
  unknownQuestion: /(?:\((?:y\/n|yes\/no)\)|\[(?:y\/n|yes\/no)\]):? ?$/i,
  decline: 'n',
  wholeBlocks: [],
  groupOf: () => undefined,
  // Header comments and the block structure are never typed.
  unmanaged: [/^exit\s*$/, /^configure\s*$/, /^end\s*$/],
  negate,
  replaces,
  execLevel: [/^do\s/, /^reload\b/, /^copy\s/, /^write\b/, /^erase\b/, /^delete\b/, /^clear\s/, /^boot\s/, /^script\s/, /^debug\s/],
  typeBanner: (unit) => unit,
};
