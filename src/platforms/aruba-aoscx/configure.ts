// How AOS-CX takes configuration typed in configuration mode (`configure terminal`, four-space
// indented contexts left with `exit`, `end` back to the manager prompt): what the line-merge
// plan needs — which lines cannot be removed, their `no` forms, settings that replace each
// other, groups. Pure data and functions; the commands are the ones the real captures print.

/** Ports, the management port, VLAN 1 and the context blocks AOS-CX always has: reset line by line, never removed whole. */
const NOT_REMOVABLE: RegExp[] = [
  /^interface \d+\/\d+\/\d+$/,
  /^interface mgmt$/,
  /^vlan 1$/,
  /^(?:aruba-central|cli-session|profile \S+|vsf member \d+)$/,
  /^module \S+ product-number \S+$/,
];

/**
 * Commands that exist once under a parent: typing a new one replaces the old one. The value
 * is the key (`user admin` is one key per user).
 */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'name',
  'vlan access',
  'vlan trunk native',
  'mtu',
  'lag',
  'lacp mode',
  'lacp rate',
  'clock timezone',
  'snmp-server system-location',
  'snmp-server system-contact',
  'spanning-tree priority',
  'spanning-tree mode',
  'timeout',
  'role',
  'vrf attach',
  'system-mac',
  'inter-switch-link',
  'keepalive',
  'access-level',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const user = /^user (\S+) (?:group|password)\b/.exec(l);
  if (user) return `user ${user[1]}`;
  // `shutdown` / `no shutdown`, `routing` / `no routing`: one setting, two forms.
  if (/^(?:shutdown|routing)$/.test(l)) return l;
  // A primary IPv4 address replaces the primary; `secondary` ones add up.
  if (/^ip address \S+$/.test(l)) return 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** Typing `added` replaces `removed` under the same parents. */
export function replaces(added: string, removed: string): boolean {
  const a = settingOf(added);
  return a !== undefined && a === settingOf(removed);
}

/** `vlan trunk allowed 42,48-49` lines add up on a trunk: the list is removed whole before it is typed anew. */
export function groupOf(line: string): { key: string; no: string; typedOver: boolean } | undefined {
  if (/^vlan trunk allowed /.test(line.trim())) return { key: 'vlan trunk allowed', no: 'no vlan trunk allowed', typedOver: false };
  return undefined;
}

/** `no` forms that take only the keyword and the name. */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^user (\S+) /, (m) => `no user ${m[1]}`],
  [/^snmp-server community (\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^(hostname|description|name)\b/, (m) => `no ${m[1]}`],
  [/^(snmp-server system-(?:location|contact))\b/, (m) => `no ${m[1]}`],
];

/** The line that removes `line` where it stands, or undefined when AOS-CX cannot remove it. */
export function negate(line: string): string | undefined {
  const l = line.trim();
  if (NOT_REMOVABLE.some((re) => re.test(l))) return undefined;
  if (l.startsWith('no ')) return l.slice(3);
  for (const [re, no] of SHORT_NO) {
    const m = re.exec(l);
    if (m) return no(m);
  }
  return `no ${l}`;
}
