// How configuration is typed into vtysh: `configure terminal`, lines, `end`, as a person
// would; every detail checked on real FRRouting 8.4.4 (test/fixtures/frr/session-shell.txt):
//
//   leaf1# configure terminal
//   leaf1(config)# interface eth0
//   leaf1(config-if)#  description uplink to spine1
//   leaf1(config-if)# exit
//   leaf1(config)# ip route bogus
//   % Unknown command: ip route bogus
//   leaf1(config)# router bgp 65001
//   leaf1(config-router)#  bgp router-id 10.255.0.1
//   leaf1(config-router)# end
//
// vtysh asks no questions in configuration mode, and a refusal is a `%` line that repeats
// the typed line. Sub-lines are indented by one space per level; blocks close with `exit`
// (`exit-address-family`, `exit-vrf`), which restore never types: it goes up by itself.

import type { PlatformConfigure } from '../platform.js';

/** Lines FRR keeps whatever is typed, or that are the box rather than its configuration. */
const NOT_REMOVABLE: RegExp[] = [
  // An interface exists while the kernel has it: `no interface eth0` says "% Only inactive
  // interfaces can be deleted". Its sub-lines are removed one by one instead.
  /^interface \S+(?: vrf \S+)?$/,
  // Written by FRR itself: the version it runs, the defaults profile it started with.
  /^frr (?:version|defaults) /,
  /^service integrated-vtysh-config$/,
];

/** `no` forms that take the keyword alone. */
const SHORT_NO: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(hostname|description|(?:enable )?password)\b/, (m) => `no ${m[1]}`],
  [/^(bgp router-id|ip router-id|router-id)\b/, (m) => `no ${m[1]}`],
];

/** Settings that exist once under a parent: typing a new one replaces the old one. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'password',
  'enable password',
  'bgp router-id',
  'ip router-id',
  'router-id',
  'log syslog',
  'log stdout',
  'log file',
  'frr defaults',
  'frr version',
];

function settingOf(line: string): string | undefined {
  const l = line.trim().replace(/^no /, '');
  // One remote AS per neighbor: `neighbor X remote-as 65001` replaces `… remote-as 65000`.
  const neighbor = /^(neighbor \S+ (?:remote-as|description|update-source|password))\b/.exec(l);
  if (neighbor) return neighbor[1];
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

export const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `leaf1(config)#`, `leaf1(config-if)#`, `leaf1(config-router-af)#`, `leaf1(config-route-map)#`.
  inConfigMode: /\([\w-]+\)# ?$/,
  topLevel: /\(config\)# ?$/,
  // vtysh's refusals all start with `%`: `% Unknown command: …`, `% Command incomplete: …`,
  // `% Ambiguous command: …`, `% Malformed address`, `% Configuration failed.` …
  errors: [/^%(?!\s*Warning)/m],
  // The first three repeat the typed line after a colon: it goes (it may hold a secret).
  refusalShown: (error) => error.replace(/^(%\s*(?:Unknown command|Command incomplete|Ambiguous command)):.*$/, '$1'),
  questions: [],
  // vtysh asks nothing in configuration mode; anything that looks like a question is declined.
  unknownQuestion: /(?:\[(?:yes\/no|y\/n|confirm)\]:?|\? ?\[[^\]]*\]:?)\s*$/i,
  decline: 'n\n',
  wholeBlocks: [],
  // Access lists, prefix lists and route maps number their entries (`seq 5`): each stands alone.
  groupOf: () => undefined,
  // Written by FRR, or block closers: never typed, never compared as configuration.
  unmanaged: [/^frr version \S+\s*$/, /^frr defaults \S+\s*$/, /^end\s*$/, /^exit(?:-[\w-]+)?\s*$/],
  negate(line) {
    const l = line.trim();
    if (NOT_REMOVABLE.some((re) => re.test(l))) return undefined;
    if (l.startsWith('no ')) return l.slice(3);
    for (const [re, form] of SHORT_NO) {
      const m = re.exec(l);
      if (m) return form(m);
    }
    return `no ${l}`;
  },
  replaces(added, removed) {
    const a = added.trim().replace(/^no /, '');
    const r = removed.trim().replace(/^no /, '');
    if (a === r) return true; // `ip forwarding` / `no ip forwarding`, `shutdown` / `no shutdown`
    const key = settingOf(a);
    return key !== undefined && key === settingOf(r);
  },
  // What acts instead of configuring when typed in configuration mode.
  execLevel: [/^do\s/, /^write\b/, /^copy\s/, /^clear\s/, /^debug\s/, /^configure\b/, /^show\s/, /^start-shell\b/, /^(?:ping|traceroute)\s/],
  typeBanner: (unit) => unit, // `banner motd line TEXT` is one line
};
