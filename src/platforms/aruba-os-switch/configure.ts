// How ArubaOS-Switch takes configuration typed in configuration mode: what the line-merge
// restore needs (the `no` forms, settings that replace each other, commands that act).
// Contexts (`interface 1`, `vlan 2`) are entered by typing their line and left with `exit`
// (the exit-closed hierarchy); `configure terminal` enters and `end` leaves (PLATFORM-FACTS
// §6.4: no confirm-or-revert on this OS, so the merge is verified and then saved). Pure.

import type { PlatformConfigure } from '../platform.js';

/** Physical ports and VLAN 1 exist whatever the configuration says: their lines go one by one, the context stays. */
const NOT_REMOVABLE: RegExp[] = [/^interface \S+$/, /^vlan 1$/, /^stacking$/, /^vsf$/, /^oobm$/, /^module \S+ type /, /^; /];

/**
 * Settings that exist once where they stand: typing a new value replaces the old (and the
 * `no` form takes no value). By the first words of the line, after a leading `no `.
 */
const ONE_PER_PARENT = [
  'hostname',
  'name',
  'ip address',
  'ip default-gateway',
  'console baud-rate',
  'time timezone',
  'time daylight-time-rule',
  'snmp-server contact',
  'snmp-server location',
  'spanning-tree mode',
  'sntp unicast',
  'timesync',
  'speed-duplex',
  'trunk',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const keyed = /^(sntp server priority \d+|member \d+ (?:type|priority)|snmp-server community \S+|ip route \S+ \S+)/.exec(l);
  if (keyed) return keyed[1];
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** Typing `added` replaces `removed` under the same parents: the same one-per-parent setting, or a line and its `no` form. */
export function replaces(added: string, removed: string): boolean {
  const a = added.trim();
  const r = removed.trim();
  if (a === `no ${r}` || r === `no ${a}`) return true;
  const key = settingOf(a);
  return key !== undefined && key === settingOf(r);
}

/** `no` forms that take the keyword alone (the switch refuses a value after them). */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(hostname|name|ip default-gateway|snmp-server contact|snmp-server location|time timezone|time daylight-time-rule)\b/, (m) => `no ${m[1]}`],
  [/^ip address\b/, () => 'no ip address'],
  [/^snmp-server community ("[^"]*"|\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^sntp server priority \d+ (\S+)/, (m) => `no sntp server ${m[1]}`],
  [/^ip route (\S+ \S+ \S+)/, (m) => `no ip route ${m[1]}`],
];

/** The line that removes `line` where it stands; undefined where the switch cannot remove it. */
export function negate(line: string): string | undefined {
  const l = line.trim();
  if (NOT_REMOVABLE.some((re) => re.test(l))) return undefined;
  // `no untagged 35`, `no web-management`: a line that says "off" is removed by saying it on.
  if (l.startsWith('no ')) return l.slice(3);
  for (const [re, no] of SHORT_NO) {
    const m = re.exec(l);
    if (m) return no(m);
  }
  return `no ${l}`;
}

export const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `sw(config)# `, `sw(eth-1)# `, `sw(vlan-2)# `, `sw(stacking)# `: any context in parentheses.
  inConfigMode: /\([\w.\/-]+\)# ?$/,
  topLevel: /\(config\)# ?$/,
  // `Invalid input: <word>` (OX procurve.rb drops such lines); `Ambiguous input:` and
  // `Incomplete input:`, `Module not present …` and a bare `Error:` are unverified.
  errors: [/^\s*(?:Invalid|Ambiguous|Incomplete) input\b/im, /^\s*Module not present\b/im, /^\s*Error\b:?/im],
  // `Invalid input: <word>`: the word may be a piece of the typed line (a secret): it goes.
  refusalShown: (error) => error.replace(/:\s*.*$/, '').trim(),
  questions: [],
  // `Do you want to continue [y/n]?` and its kin: declined.
  unknownQuestion: /\[y\/n(?:\/\^C)?\]\??\s*$/i,
  decline: 'n',
  wholeBlocks: [],
  groupOf: () => undefined,
  // The contexts' `exit` is structure (the hierarchy), never typed as a line. A bare
  // `password manager` / `password operator` (the real capture's) says a password is set
  // without showing it: typed, it would ask for a new one, so it is neither pushed nor removed.
  unmanaged: [/^exit\s*$/, /^end\s*$/, /^password (?:manager|operator)\s*$/],
  negate,
  replaces,
  execLevel: [
    /^write\b/,
    /^reload\b/,
    /^boot\b/,
    /^erase\b/,
    /^copy\s/,
    /^delete\b/,
    /^startup-default\b/,
    /^cfg-restore\b/,
    /^clear\s/,
    /^crypto key zeroize\b/,
    /^do\s/,
    /^configure\b/,
  ],
  // A `banner motd "…"` value is typed as the running configuration prints it (its quotes
  // open and close it across lines): unverified on a real switch.
  typeBanner: (unit) => unit,
};
