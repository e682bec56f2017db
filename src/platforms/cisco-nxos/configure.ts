// How NX-OS takes configuration typed in configuration mode (`configure terminal`, two-space
// indented contexts left with `exit`, `end` back to exec): what the line-merge plan (and the
// checkpoint-rollback strategy, which applies by line merge) needs. Pure data and functions.

/** Ports, the management VRF and the lines every NX-OS has: reset line by line, never removed whole. */
const NOT_REMOVABLE: RegExp[] = [/^interface (?:Ethernet|mgmt)\d/i, /^vrf context management$/, /^line (?:console|vty)$/, /^vlan 1$/, /^version /, /^boot /];

/** Commands that exist once under a parent: typing a new one replaces the old one. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'switchport access vlan',
  'switchport mode',
  'switchport trunk native vlan',
  'speed',
  'duplex',
  'mtu',
  'channel-group',
  'name',
  'snmp-server location',
  'snmp-server contact',
  'clock timezone',
  'ip domain-name',
  'spanning-tree mode',
  'role priority',
  'peer-keepalive',
  'system-priority',
  'exec-timeout',
  'vrf member',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const keyed = /^(username \S+|switchport trunk allowed vlan(?! (?:add|remove|except) )|snmp-server community \S+)/.exec(l);
  if (keyed) return keyed[1];
  if (/^shutdown$/.test(l)) return l;
  if (/^ip address\b/.test(l)) return / secondary$/.test(l) ? undefined : 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** Typing `added` replaces `removed` under the same parents. */
export function replaces(added: string, removed: string): boolean {
  const a = settingOf(added);
  return a !== undefined && a === settingOf(removed);
}

/** `switchport trunk allowed vlan 1-10` is typed over whole; its `add` lines add up. */
export function groupOf(line: string): { key: string; no: string; typedOver: boolean } | undefined {
  if (/^switchport trunk allowed vlan /.test(line.trim()))
    return { key: 'switchport trunk allowed vlan', no: 'no switchport trunk allowed vlan', typedOver: true };
  return undefined;
}

const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^username (\S+)/, (m) => `no username ${m[1]}`],
  [/^snmp-server community (\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^snmp-server user (\S+)/, (m) => `no snmp-server user ${m[1]}`],
  [/^(hostname|description|snmp-server location|snmp-server contact)\b/, (m) => `no ${m[1]}`],
];

/** The line that removes `line` where it stands, or undefined when NX-OS cannot remove it. */
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
