// How OS10 takes configuration typed in `configure terminal`: what restore's line-merge strategy
// needs. OS10's default (non-transaction) mode applies each typed line to running at once, as IOS
// does (Dell KB 000120163: "By default transaction-based configuration mode is disabled … Switch
// executes configuration immediately"), so the line-merge strategy fits it unchanged. Pure data.

import type { PlatformConfigure } from '../platform.js';

/**
 * Lines OS10 cannot remove: physical and management ports exist whatever the configuration says
 * (their sub-lines are removed one by one), and VLAN 1 is the default VLAN.
 */
const NOT_REMOVABLE: RegExp[] = [/^interface (?:ethernet|mgmt)\d/, /^interface vlan1$/, /^support-assist$/];

/** Commands that exist once under a parent: typing a new one replaces the old; their `no` form takes no value. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'switchport access vlan',
  'switchport mode',
  'mtu',
  'snmp-server contact',
  'snmp-server location',
  'ip domain-name',
  'clock timezone',
  'spanning-tree mode',
  'channel-group',
  'vlt-port-channel',
  'backup destination',
  'vlt-mac',
  'primary-priority',
  'delay-restore',
  'router-id',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const keyed = /^(username \S+|interface breakout \S+)/.exec(l);
  if (keyed) return keyed[1];
  if (/^ip address\b/.test(l)) return / secondary$/.test(l) ? undefined : 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** `no` forms that take only the keyword and the name. */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^username (\S+)/, (m) => `no username ${m[1]}`],
  [/^interface breakout (\S+)/, (m) => `no interface breakout ${m[1]}`],
  [/^snmp-server community (\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^(hostname|description|mtu|switchport access vlan)\b/, (m) => `no ${m[1]}`],
];

export function negate(line: string): string | undefined {
  const l = line.trim();
  if (NOT_REMOVABLE.some((re) => re.test(l))) return undefined;
  if (l.startsWith('no ')) return l.slice(3);
  for (const [re, form] of SHORT_NO) {
    const m = re.exec(l);
    if (m) return form(m);
  }
  return `no ${l}`;
}

export function replaces(added: string, removed: string): boolean {
  const a = added.trim().replace(/^no /, '');
  const r = removed.trim().replace(/^no /, '');
  if (a === r) return true; // shutdown / no shutdown
  const key = settingOf(a);
  return key !== undefined && key === settingOf(r);
}

/**
 * An OS10 refusal: `% Error: Unrecognized command.`, `% Error: Incomplete command.` (the text Dell's
 * users and tools quote; no refusal is in a capture here). `% Warning:` is not a refusal.
 */
export const ERRORS: RegExp[] = [/^\s*% ?Error\b/im];

export const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `OS10(config)#`, `OS10(conf-if-eth1/1/1)#`, `OS10(conf-vlt-1)#`, `OS10(config-router-bgp-12)#`.
  inConfigMode: /\((?:config|conf-)[\w./:-]*\)# ?$/,
  topLevel: /\(config\)# ?$/,
  errors: ERRORS,
  // The refusal never echoes the line here, but keep only its first sentence anyway.
  refusalShown: (error) => error.replace(/\s+\S*['"].*$/, '').trim(),
  questions: [],
  unknownQuestion: /(?:\[confirm(?:\s+yes\/no)?\]|\[yes\/no\]|\(y\/n\)|\[y\/n\])\s*:?\s*$/i,
  decline: 'no\n',
  wholeBlocks: [],
  // `switchport trunk allowed vlan 10,20` adds to the list and `no … 10,20` takes those VLANs out,
  // so each line stands alone and is removed by its own `no` form.
  groupOf: () => undefined,
  unmanaged: [/^end\s*$/, /^exit\s*$/],
  negate,
  replaces,
  execLevel: [
    /^do\s/,
    /^reload\b/,
    /^write\b/,
    /^copy\s/,
    /^delete\s/,
    /^configure\s/,
    /^clear\s/,
    /^debug\s/,
    /^(?:start transaction|commit|discard|lock|unlock)\b/,
    /^(?:image|system)\s/,
  ],
  typeBanner: (unit) => unit,
};
