// How IOS takes configuration typed in configuration mode: what restore's line-merge
// strategy needs (which lines it cannot remove, their `no` forms, settings that replace
// each other, groups, banners). Pure data and functions.

/** Physical ports: they exist whatever the configuration says, so IOS cannot remove them (`default interface` resets one). */
const PHYSICAL_INTERFACE =
  /^interface (?:GigabitEthernet|TenGigabitEthernet|TwentyFiveGigE|FortyGigabitEthernet|HundredGigE|TwoGigabitEthernet|FiveGigabitEthernet|AppGigabitEthernet|FastEthernet|Ethernet)\d/i;

/** Lines IOS has no `no` form for, or that are part of the box rather than its configuration. */
const NOT_REMOVABLE: RegExp[] = [
  PHYSICAL_INTERFACE,
  // `line con 0` and `line vty 0 4` always exist; their sub-lines are removed one by one.
  /^line /,
  /^(?:redundancy|control-plane|vrf definition Mgmt-vrf|transceiver type all|call-home|license .*|diagnostic bootup level .*)$/,
  // Certificate bodies (hex words) and their `quit`: a certificate goes as a whole or not at all.
  /^(?:[0-9A-Fa-f]{2,8} ?)+$/,
  /^quit$/,
  // A certificate body is removed with a question IOS asks ([yes/no]): left to a person.
  /^certificate /,
];

/**
 * Commands that exist once under a parent: typing a new one replaces the old one, and its
 * `no` form takes no value (so `no description old` after `description new` would remove
 * the new one). The value is the command's key: `username admin` is one key per user.
 */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'switchport access vlan',
  'switchport mode',
  'switchport voice vlan',
  'switchport trunk native vlan',
  'speed',
  'duplex',
  'mtu',
  'channel-group',
  'ip default-gateway',
  'ip domain name',
  'ip domain-name',
  'enable secret',
  'enable password',
  'snmp-server location',
  'snmp-server contact',
  'logging buffered',
  'clock timezone',
  'exec-timeout',
  'transport input',
  'vtp mode',
  'vtp domain',
  'spanning-tree mode',
  'ip ssh version',
  'service-policy input',
  'service-policy output',
  'load-interval',
  'password',
  'privilege level',
  'name',
];

/** What a line sets, for `replaces`: its one-per-parent key, or undefined when lines of its kind add up. */
function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  const keyed = /^(username \S+|banner \S+|switch \d+ (?:priority|provision)|switchport trunk allowed vlan(?! (?:add|remove|except) ))/.exec(l);
  if (keyed) return keyed[1];
  // A primary address replaces the primary address; secondaries add up.
  if (/^ip address\b/.test(l)) return / secondary$/.test(l) ? undefined : 'ip address';
  // Under `line`: how logins are checked. The global `login on-success log`, `login block-for …` add up.
  if (/^login(?: local| authentication \S+)?$/.test(l)) return 'login';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** `no` forms that take only the keyword (and the name): IOS refuses or ignores the rest. */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^username (\S+)/, (m) => `no username ${m[1]}`],
  [/^enable (secret|password)\b/, (m) => `no enable ${m[1]}`],
  [/^banner (\S+)/, (m) => `no banner ${m[1]}`],
  [/^snmp-server community (\S+)/, (m) => `no snmp-server community ${m[1]}`],
  [/^(hostname|description)\b/, (m) => `no ${m[1]}`],
];

/** Characters tried, in order, as a banner's delimiter: the first its text does not contain. */
const BANNER_DELIMITERS = '#%@~&|^$*+=';

/**
 * `banner motd ^C` / text / `^C` as IOS prints it, typed back with a delimiter that is
 * not in the text (IOS prints Ctrl-C as the two characters `^C`, which cannot be typed).
 */
export function typeBanner(unit: string[]): string[] {
  const m = /^banner (\S+) (\^C|\S)(.*)$/.exec(unit[0] ?? '');
  if (!m) return unit;
  const [, kind, delimiter = '', rest = ''] = m;
  const whole = [rest, ...unit.slice(1)].join('\n');
  const end = whole.lastIndexOf(delimiter);
  const body = end < 0 ? whole : whole.slice(0, end);
  const d = [...BANNER_DELIMITERS].find((c) => !body.includes(c)) ?? '\x03';
  const [first = '', ...more] = body.split('\n');
  if (more.length === 0) return [`banner ${kind} ${d}${first}${d}`];
  return [`banner ${kind} ${d}${first}`, ...more.slice(0, -1), `${more[more.length - 1] ?? ''}${d}`];
}

/**
 * Consecutive sibling lines that make one setting: a numbered ACL's entries (their order
 * matters, and typed again they add up: the old list goes first), an allowed-VLAN list and
 * its `add` lines (typed anew, it replaces the old one).
 */
export function groupOf(line: string): { key: string; no: string; typedOver: boolean } | undefined {
  const l = line.trim();
  const acl = /^access-list (\d+) /.exec(l);
  if (acl) return { key: `access-list ${acl[1]}`, no: `no access-list ${acl[1]}`, typedOver: false };
  if (/^switchport trunk allowed vlan (?!remove |except )/.test(l))
    return { key: 'switchport trunk allowed vlan', no: 'no switchport trunk allowed vlan', typedOver: true };
  return undefined;
}

/** The line that removes `line` where it stands, or undefined when IOS cannot remove it. */
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

/** Typing `added` replaces `removed` under the same parents: one hostname, one description; shutdown / no shutdown. */
export function replaces(added: string, removed: string): boolean {
  const a = added.trim().replace(/^no /, '');
  const r = removed.trim().replace(/^no /, '');
  if (a === r) return true; // shutdown / no shutdown
  const key = settingOf(a);
  return key !== undefined && key === settingOf(r);
}
