// How EOS takes configuration typed in configuration mode (`configure terminal` or a configuration
// session, three-space indented sub-modes left with `exit`, `end` back to exec): what the line-merge
// plan needs — which lines cannot be removed, their `no` forms, settings that replace each other.
// Pure data and functions. EOS's CLI is IOS-like: `no` + the line removes it (Arista's EOS manual,
// "Command modes"; the NAPALM driver types lines the same way), which is the default here.

/** Physical ports and the management port always exist: reset line by line, never removed whole. */
const NOT_REMOVABLE: RegExp[] = [/^interface (?:Ethernet|Management)\d+(?:\/\d+)*$/];

/** Commands that exist once under a parent: typing a new one replaces the old one. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'mtu',
  'switchport mode',
  'switchport access vlan',
  'switchport trunk native vlan',
  'channel-group',
  'spanning-tree mode',
  'name',
  'domain-id',
  'local-interface',
  'peer-address',
  'peer-link',
  'ip domain-name',
  'snmp-server location',
  'snmp-server contact',
  'transceiver qsfp default-mode',
  'service routing protocols model',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const user = /^username (\S+) /.exec(l);
  if (user) return `username ${user[1]}`;
  // `shutdown` / `no shutdown`, `ip routing` / `no ip routing`, `aaa root` / `no aaa root`: one setting, two forms.
  if (/^(?:shutdown|ip routing|aaa root\b.*|switchport)$/.test(l)) return l.split(' ').slice(0, 2).join(' ');
  // A primary IPv4 address replaces the primary; `secondary` ones add up.
  if (/^ip address \S+$/.test(l)) return 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** Typing `added` replaces `removed` under the same parents. */
export function replaces(added: string, removed: string): boolean {
  const a = settingOf(added);
  return a !== undefined && a === settingOf(removed);
}

/** `switchport trunk allowed vlan 10,20` is one list: typed anew, it replaces the old one. */
export function groupOf(line: string): { key: string; no: string; typedOver: boolean } | undefined {
  if (/^switchport trunk allowed vlan /.test(line.trim()))
    return { key: 'switchport trunk allowed vlan', no: 'no switchport trunk allowed vlan', typedOver: true };
  return undefined;
}

/** `no` forms that take only the keyword and the name. */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^username (\S+) /, (m) => `no username ${m[1]}`],
  [/^snmp-server community (\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^(hostname|description|name|domain-id|peer-link|peer-address|local-interface)\b/, (m) => `no ${m[1]}`],
  [/^(snmp-server (?:location|contact))\b/, (m) => `no ${m[1]}`],
];

/** The line that removes `line` where it stands, or undefined when EOS cannot remove it. */
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
