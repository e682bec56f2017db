// Cisco IOS and IOS-XE, StackWise stacks included: the whole vendor in one
// declarative file, as Oxidized keeps a model to one short file. Everything here
// was checked against real captures (test/fixtures/real, see SOURCES.md there);
// the quirks they showed are noted where they shaped a pattern.

import type { Platform, PlatformConfigure, PlatformSnmp, SnmpRow, StackMember, VersionFacts } from './platform.js';

// ---------------------------------------------------------------- prompt

// A hostname as IOS allows it, plus the characters Oxidized's IOS model accepts
// (`[\w.@()-]`); `/` and `:` appear in context names on some boxes.
const HOST = String.raw`[\w.@/:-]+?`;
// `(config)`, `(config-if)`, `(config-router-af)`, and the old `(vlan)` database mode.
const MODE = String.raw`(?:\([\w.@/:-]+\))?`;

/**
 * At the end of the buffer, alone on its line: `LAB-SW123_9200L#`, `sw1>`,
 * `sw1(config-if)#`. Anchored to the end of the whole buffer (no `m` flag) so
 * that config lines and `show` tables (`Switch#   Role …`) never match; a line
 * break or `\r` must come before it, since devices redraw the prompt after `\r`.
 */
const PROMPT = new RegExp(String.raw`(?:^|[\r\n])(${HOST})${MODE}[#>] ?$`);

// ---------------------------------------------------------------- volatile lines

/**
 * Lines IOS rewrites without any change to the configuration:
 * the header of `show running-config` / `show startup-config`, the change and
 * save stamps, and `ntp clock-period`, which NTP adjusts on its own.
 * Each is tested against one line at a time.
 */
const VOLATILE: RegExp[] = [
  /^Building configuration\.\.\.\s*$/,
  // `Current configuration : 20546 bytes`; some trains print `Current configuration:` alone.
  /^Current configuration\s*:(?:\s*\d+ bytes)?\s*$/,
  /^! Last configuration change at /,
  /^! NVRAM config last updated at /,
  /^! No configuration change since last restart\s*$/,
  /^ntp clock-period \d+\s*$/,
  // `Using 1366 out of 2097152 bytes`; compressed NVRAM adds `, uncompressed size = N bytes`.
  /^Using \d+ out of \d+ bytes\b/,
];

// ---------------------------------------------------------------- secrets

/**
 * Lines holding secrets, for `--mask-secrets` and every line shown. Group 1 (with its
 * trailing space) is kept and the rest of the match replaced, so every pattern ends
 * right after the secret and whatever follows it on the line survives (`RW 5`,
 * `address …`). Each is tried against a line without its indentation and without a
 * leading `no ` (normalise strips both), so a construct reads the same at the top level
 * and under any parent: ` key 0 …` under `tacacs server X` was once printed in clear
 * because the patterns expected it at one depth only. Tried in order, one line at a
 * time; the first that matches masks the line, so the catch-all for
 * `password`/`secret` comes last. Encryption-type digits (0, 5, 6, 7, 8, 9) stay: they
 * say what kind of secret it was. Keyword-anchored on purpose: crypto pki certificate
 * hex blocks are public and must never match.
 */
const SECRETS: RegExp[] = [
  // enable secret 9 $9$…, enable password cisco, enable secret level 15 5 $1$…
  /^(enable (?:secret|password)(?: level \d+)?(?: \d)? )\S+/,
  // username u [privilege 15] [algorithm-type scrypt] secret 9 …, username u password 0 …
  /^(username \S+(?: privilege \d+)?(?: algorithm-type \S+)? (?:secret|password)(?: \d)? )\S+/,
  /^(snmp-server community )\S+/,
  // The community of a v1/v2c trap host; `version 3 auth USER` names a user, not a secret.
  /^(snmp-server host \S+(?: vrf \S+)?(?: informs| traps)?(?: version (?:1|2c))? )(?!(?:version|vrf|informs|traps)\b)\S+/,
  // SNMPv3 user keys (IOS normally hides these lines; masked if they show): auth and priv keys go together.
  /^(snmp-server user .*?\bauth (?:md5|sha\S*) )\S+.*/,
  // tacacs-server key 7 …, radius-server host 10.0.0.1 auth-port 1645 key 7 …. A server key is
  // the last word of its line and may hold spaces ("spaces within and at the end of the key are
  // used"): these patterns mask to the end of the line.
  /^((?:tacacs|radius)-server (?:host \S+ (?:.*? )?)?key(?: \d)? )\S.*/,
  // `aaa group server tacacs+ G` / ` server-private 10.0.0.9 port 49 timeout 5 key 7 …`
  /^(server-private \S+ (?:.*? )?key(?: \d)? )\S.*/,
  // ` key 7 …` under `tacacs server X` / `radius server X` / an isakmp client group; ` pac key 7 …`
  /^((?:pac )?key \d )\S.*/,
  // ` key SECRET` without a type. Not a key chain's ` key 1` (a key number), `key chain NAME`
  // or `key config-key …` (its own pattern below).
  /^((?:pac )?key )(?!\d+\s*$)(?!(?:chain|config-key)\b)\S.*/,
  // aaa server radius dynamic-author: ` client 10.1.1.1 server-key 7 …`; `aaa pod server server-key …`
  /^(.*?\bserver-key(?: \d)? )\S+/,
  // key chains, HSRP/VRRP/GLBP: `key-string 7 …`, `standby 1 authentication md5 key-string …`
  /^(.*?\bkey-string(?: \d)? )\S+/,
  // HSRP/VRRP/GLBP plain-text authentication: `standby 1 authentication SECRET`, `vrrp 1 authentication text …`.
  // `… authentication md5 key-chain NAME` names a chain.
  /^((?:standby|vrrp|glbp)(?: \d+)? authentication (?:text )?)(?!md5\b)\S+/,
  /^(ntp authentication-key \d+ \S+ )\S+/,
  // ` ip ospf authentication-key 7 …`, ` area 1 virtual-link 10.0.0.1 authentication-key …`
  /^(.*?\bauthentication-key(?: \d)? )\S+/,
  /^(.*?\bmessage-digest-key \d+ md5(?: \d)? )\S+/,
  // OSPFv3 IPsec: the hex key after the algorithm; `encryption … esp` carries two keys, all masked.
  /^(.*?\bauthentication ipsec spi \d+ (?:md5|sha1)(?: \d)? )\S+/,
  /^(.*?\bencryption ipsec spi \d+ esp )\S+.*/,
  /^(crypto isakmp key(?: \d)? )\S+/,
  // crypto keyring: ` pre-shared-key address 10.0.0.1 [255.255.255.255] key …`, ` pre-shared-key hostname h key …`
  /^(pre-shared-key (?:address|hostname) \S+(?: \d+\.\d+\.\d+\.\d+)? key(?: \d)? )\S+/,
  // IKEv2 keyring peer: ` pre-shared-key [local|remote] [0|6] …`; `mka pre-shared-key key-chain NAME` names a chain.
  /^(pre-shared-key(?: local| remote)?(?: \d)? )(?!(?:address|hostname|key-chain)\b)\S+/,
  // IKEv2 profile: ` authentication remote pre-share key …`
  /^(authentication (?:local|remote) pre-share key(?: \d)? )\S+/,
  /^(wpa-psk (?:ascii|hex)(?: \d)? )\S+/,
  // IOS-XE wireless: ` security wpa psk set-key ascii 0 …`
  /^(.*?\bpsk set-key (?:ascii|hex)(?: \d)? )\S+/,
  /^(key config-key password-encrypt )\S+/,
  /^(ip nhrp authentication )\S+/,
  // Manual IPsec keys: ` set session-key inbound esp 256 cipher … authenticator …`.
  /^(set session-key (?:inbound|outbound) \S+ \d+ )\S+.*/,
  // A password inside a URL (`path ftp://user:pw@host/…` under `archive`, `ip ftp` sources): the `@host` stays.
  // The password runs to the last `@` of the address: `ftp://u:p@ss@host` masks `p@ss`.
  /^(.*?\b[a-z][\w+.-]*:\/\/[^\s/@:]*:)\S+(?=@[^\s@]*(?:\s|$))/i,
  // What is left: ` password 7 …` under line vty, `neighbor X password 7 …`, `ip ftp password …`,
  // `ppp chap password …`, IS-IS `area-password …`. Not `service password-encryption`,
  // `security passwords …`, `password encryption aes`, nor descriptions and remarks that
  // mention a password.
  /^(?!(?:description|remark)\b)(.*?\b(?:password|secret)(?: \d)? )(?!encryption\b)\S+/,
];

// ---------------------------------------------------------------- factory default

/** The names IOS gives a box nobody has named: nothing, or `hostname Switch` / `hostname Router`. */
const DEFAULT_HOSTNAME = /^hostname (?:Switch|Router)\s*$/;

/**
 * Lines no factory default has: someone configured this switch. A factory default
 * (after `write erase` and a reload) still prints a great deal (`service timestamps`,
 * `vrf definition Mgmt-vrf`, `spanning-tree mode`, the SLA-TrustPoint PKI certificate on
 * IOS-XE, `interface Vlan1` / `no ip address` / `shutdown`, bare `line vty` blocks), so
 * the judgement is by what is missing, not by how short it is. Any one of these says
 * "configured", which keeps the verdict conservative: a real site config is never judged
 * a factory default for want of one feature.
 */
const CONFIGURED: RegExp[] = [
  /^username /,
  /^enable (?:secret|password) /,
  /^snmp-server /,
  /^aaa new-model\s*$/,
  /^(?:tacacs|radius)(?:-server)? /,
  /^ip domain[- ]name /,
  /^ip name-server /,
  /^ip route /,
  /^ipv6 route /,
  /^ip default-gateway /,
  /^ip access-list /,
  /^access-list /,
  /^router /,
  /^ntp server /,
  /^logging (?:host )?\d/,
  /^banner /,
  // VLAN 1 exists everywhere; any other VLAN was made by someone.
  /^vlan (?!1\s*$)\d/,
  // SVIs other than Vlan1, port-channels, loopbacks, tunnels: all made by hand.
  /^interface (?:Vlan(?!1\s*$)|Port-channel|Loopback|Tunnel)/i,
  // Under an interface: an address (not `no ip address`), a description, switching or bundling.
  /^\s+(?:ip address \d|ipv6 address [\dA-Fa-f:]|description |switchport (?:access|mode|trunk|voice)|channel-group |ip helper-address )/,
  // A password or secret under `line` (or anywhere else): factory defaults have none.
  /^\s*(?:password|secret) /,
];

/** No name, or the default one, and none of the lines that say someone configured it. */
export function isFactoryDefault(config: string): boolean {
  const lines = config.replace(/\r\n?/g, '\n').split('\n');
  // An empty or truncated text is not a factory default: it is incomplete, and said so elsewhere.
  if (!lines.some((l) => /^end\s*$/.test(l))) return false;
  const hostnames = lines.filter((l) => /^hostname /.test(l));
  if (hostnames.some((l) => !DEFAULT_HOSTNAME.test(l))) return false;
  return !lines.some((l) => CONFIGURED.some((re) => re.test(l)));
}

// ---------------------------------------------------------------- show version

/** Seconds in each unit IOS uses in `uptime is 1 year, 22 weeks, 6 days, 9 hours, 38 minutes`. */
const UNIT_SECONDS: Record<string, number> = {
  year: 365 * 86_400,
  week: 7 * 86_400,
  day: 86_400,
  hour: 3_600,
  minute: 60,
  second: 1,
};

/** `28 weeks, 1 day, 7 hours, 54 minutes` → seconds; undefined when no unit is recognised. */
export function parseUptime(text: string): number | undefined {
  let total = 0;
  let seen = false;
  for (const m of text.matchAll(/(\d+)\s+(year|week|day|hour|minute|second)s?\b/g)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 0);
    seen = true;
  }
  return seen ? total : undefined;
}

/** `38:20:56:ff:a4:29` (show version) → `3820.56ff.a429` (show switch), so the two can be compared. */
function dottedMac(mac: string): string | undefined {
  const hex = mac.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 12) return undefined;
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
}

/** The value of a `Key : value` line (IOS-XE pads keys to 35 columns; a 2950 prints `Key: value`). */
function field(block: string, key: string): string | undefined {
  const m = new RegExp(String.raw`^${key}\s*:[ \t]*(\S+)`, 'im').exec(block);
  return m?.[1];
}

/**
 * The release: IOS-XE 16+ says it on its own first line (`Cisco IOS XE Software,
 * Version 17.09.04a`); older trains only on the IOS line (`IOS (tm) C2950 Software
 * (…), Version 12.1(22)EA13, RELEASE SOFTWARE`, `… Version 03.06.05E RELEASE …`).
 */
function versionOf(text: string): string | undefined {
  const xe = /^Cisco IOS[ -]XE Software, Version (\S+)/m.exec(text);
  if (xe) return xe[1];
  return /^(?:Cisco )?IOS\b.*?\bVersion ([^,\s]+)/m.exec(text)?.[1];
}

/**
 * Why it last rebooted. IOS-XE and later IOS say `Last reload reason: X`; a
 * Catalyst 2950 or 6500 only says `System returned to ROM by power-on` (or
 * `by  power cycle at 21:57:23 UTC …`, two spaces and a time that are not the reason).
 */
function reloadReasonOf(text: string): string | undefined {
  const last = /^Last reload reason:\s*(.*?)\s*$/m.exec(text)?.[1];
  if (last) return last;
  const rom = /^System returned to ROM by\s+(.*?)\s*$/m.exec(text)?.[1];
  return rom?.replace(/\s+at \d{1,2}:\d{2}:\d{2}.*$/, '').trim() || undefined;
}

/**
 * The `Switch Ports Model SW Version SW Image Mode` table of a stack; `*` marks
 * the member whose console this is, which is the Active. `show version` does not
 * say whether the others are standby or member, nor their state.
 */
function versionTableRows(text: string): StackMember[] {
  const header = /^Switch\s+Ports\s+Model\s+SW Version\s+SW Image/m.exec(text);
  if (!header) return [];
  const rows: StackMember[] = [];
  for (const line of text.slice(header.index).split('\n').slice(2)) {
    const m = /^\s*(\*)?\s*(\d+)\s+\d+\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s*$/.exec(line);
    if (!m) break; // the table ends at the first blank line
    rows.push({ number: Number(m[2]), role: m[1] ? 'active' : 'unknown', state: 'unknown', model: m[3], version: m[4] });
  }
  return rows;
}

/** `Switch 02` / `---------` sections: the hardware of every member but the one whose console this is. */
function memberSections(text: string): { number: number; index: number; block: string }[] {
  const heads = [...text.matchAll(/^Switch (\d+)\s*\n-+\s*$/gm)];
  return heads.map((h, i) => ({
    number: Number(h[1]),
    index: h.index,
    block: text.slice(h.index, heads[i + 1]?.index ?? text.length),
  }));
}

export function parseVersion(output: string): VersionFacts {
  const text = output.replace(/\r\n?/g, '\n');
  const sections = memberSections(text);
  // The top block (before the first `Switch 0N`) describes the console member.
  const top = text.slice(0, sections[0]?.index ?? text.length);
  const uptime = /^(\S+) uptime is (.+)$/m.exec(text);

  const topSerial = field(top, 'System Serial Number') ?? /^Processor board ID (\S+)/m.exec(top)?.[1];
  const model = field(top, 'Model Number') ?? /^cisco (\S+) \(.*?\) processor/im.exec(top)?.[1];

  const members = versionTableRows(text).map((row): StackMember => {
    const section = sections.find((s) => s.number === row.number);
    const block = section?.block ?? (row.role === 'active' ? top : undefined);
    if (!block) return row;
    const serial = field(block, 'System Serial Number');
    const mac = dottedMac(field(block, 'Base Ethernet MAC Address') ?? '');
    return { ...row, ...(serial ? { serial } : {}), ...(mac ? { mac } : {}), model: field(block, 'Model Number') ?? row.model };
  });

  const serials = [topSerial, ...sections.map((s) => field(s.block, 'System Serial Number'))].filter(
    (s, i, all): s is string => s !== undefined && all.indexOf(s) === i,
  );

  const facts: VersionFacts = { serials, members };
  if (uptime) {
    facts.hostname = uptime[1];
    const seconds = parseUptime(uptime[2] ?? '');
    if (seconds !== undefined) facts.uptimeSeconds = seconds;
  }
  const version = versionOf(text);
  if (version) facts.version = version;
  if (model) facts.model = model;
  const reason = reloadReasonOf(text);
  if (reason) facts.lastReloadReason = reason;
  return facts;
}

// ---------------------------------------------------------------- show switch

/** `Master` is what IOS 12.2 on a 3750 calls the Active; `Slave` its old word for a member. */
function normaliseRole(role: string): StackMember['role'] {
  switch (role.toLowerCase()) {
    case 'active':
    case 'master':
      return 'active';
    case 'standby':
      return 'standby';
    case 'member':
    case 'slave':
      return 'member';
    default:
      return 'unknown';
  }
}

/** `Ready` → `ready`, `V-Mismatch` → `version-mismatch`, `SDM Mismatch` → `sdm-mismatch`, others lower-cased. */
export function normaliseState(state: string): string {
  const word = state.trim().toLowerCase().replace(/\s+/g, '-');
  if (/^(?:v|version)-?mismatch$/.test(word)) return 'version-mismatch';
  return word;
}

// A member row: `*1       Active   689c.e2ff.b9d9     3      V04     Ready`. The H/W
// version may be missing (Provisioned rows, and a Standby in one genieparser capture)
// and is `0` on a V-Mismatch row, so it is told apart from the state by its shape.
const MEMBER_ROW = /^\s*(\*)?\s*(\d+)\s+([A-Za-z]+)\s+([0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4})\s+(\d+)\s*(.*?)\s*$/;
const HW_VERSION = /^(?:V\d+|\d+)$/i;

/** A member with no hardware (Provisioned, Removed) shows this MAC; it is not an address. */
const NO_MAC = '0000.0000.0000';

function memberFromRow(line: string): StackMember | undefined {
  const m = MEMBER_ROW.exec(line);
  if (!m) return undefined;
  const rest = (m[6] ?? '').split(/\s+/).filter((w) => w !== '');
  const hw = rest.length > 1 && HW_VERSION.test(rest[0] ?? '') ? rest.shift() : undefined;
  const mac = (m[4] ?? '').toLowerCase();
  const member: StackMember = {
    number: Number(m[2]),
    role: normaliseRole(m[3] ?? ''),
    state: normaliseState(rest.join(' ') || 'unknown'),
    priority: Number(m[5]),
  };
  if (mac !== NO_MAC) member.mac = mac;
  if (hw) member.hwVersion = hw;
  return member;
}

/**
 * `show switch` and `show switch detail`: one member per row of the member
 * table. The stack-port table of `detail` also starts rows with a number, but
 * has no MAC address, so it never reads as members.
 */
export function parseStack(output: string): StackMember[] {
  const members: StackMember[] = [];
  for (const line of output.replace(/\r\n?/g, '\n').split('\n')) {
    const member = memberFromRow(line);
    if (member && !members.some((m) => m.number === member.number)) members.push(member);
  }
  return members;
}

// ---------------------------------------------------------------- SNMP

/**
 * CISCO-STACKWISE-MIB cswSwitchInfoEntry. INDEX is entPhysicalIndex (1001, 2001, …
 * on a real 3750 stack; 1000, 2000, … on IOS-XE): never the switch number, which is
 * column 1 (cswSwitchNumCurrent).
 */
const CSW_SWITCH_INFO_ENTRY = '1.3.6.1.4.1.9.9.500.1.2.1.1';
const CSW = { numCurrent: 1, role: 3, swPriority: 4, state: 6, mac: 7 } as const;

/** cswSwitchRole. `notMember` is a member that is not Ready (its state says why): `show switch` calls it Member. */
const CSW_ROLE: Record<number, StackMember['role']> = { 1: 'active', 2: 'member', 3: 'member', 4: 'standby' };

/** cswSwitchState, in the words parseStack's normaliseState gives the `show switch` column. */
const CSW_STATE: Record<number, string> = {
  1: 'waiting',
  2: 'initializing', // progressing: `show switch` says Initializing
  3: 'added',
  4: 'ready',
  5: 'sdm-mismatch',
  6: 'version-mismatch',
  7: 'feature-mismatch',
  8: 'new-master-init',
  9: 'provisioned',
  10: 'invalid',
  11: 'removed',
};

const asNumber = (v: SnmpRow['value']): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

/** cswSwitchInfoTable rows (any order, any columns present) → members by switch number. */
export function parseSwitchInfoTable(rows: SnmpRow[]): StackMember[] {
  const prefix = CSW_SWITCH_INFO_ENTRY + '.';
  const byIndex = new Map<string, Map<number, SnmpRow['value']>>();
  for (const row of rows) {
    const oid = row.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const [column, ...index] = oid.slice(prefix.length).split('.');
    if (column === undefined || index.length === 0) continue;
    const key = index.join('.');
    const cells = byIndex.get(key) ?? new Map<number, SnmpRow['value']>();
    byIndex.set(key, cells);
    cells.set(Number(column), row.value);
  }
  const members: StackMember[] = [];
  for (const cells of byIndex.values()) {
    const number = asNumber(cells.get(CSW.numCurrent) ?? null);
    if (number === undefined) continue;
    const role = asNumber(cells.get(CSW.role) ?? null);
    const state = asNumber(cells.get(CSW.state) ?? null);
    const member: StackMember = {
      number,
      role: role === undefined ? 'unknown' : (CSW_ROLE[role] ?? 'unknown'),
      state: state === undefined ? 'unknown' : (CSW_STATE[state] ?? `state-${state}`),
    };
    const priority = asNumber(cells.get(CSW.swPriority) ?? null);
    if (priority !== undefined) member.priority = priority;
    const mac = cells.get(CSW.mac);
    // A member that is not Ready reports 00:00:00:00:00:00, as `show switch` prints 0000.0000.0000.
    const dotted = Buffer.isBuffer(mac) && mac.some((b) => b !== 0) ? dottedMac(mac.toString('hex')) : undefined;
    if (dotted) member.mac = dotted;
    if (!members.some((m) => m.number === number)) members.push(member);
  }
  return members.sort((a, b) => a.number - b.number);
}

const SNMP: PlatformSnmp = {
  detect: {
    // ciscoProducts; every Catalyst and ISR. The sysDescr decides between Cisco OSes when another platform claims them.
    sysObjectIdPrefixes: ['1.3.6.1.4.1.9.'],
    // The banner `show version` starts with, which IOS also serves as sysDescr:
    // `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), …`,
    // `Cisco IOS Software, IOS-XE Software, …`, `Cisco IOS XE Software, Version 16.09.03`,
    // and before 12.3 `Cisco Internetwork Operating System Software` / `IOS (tm) C2950 Software …`.
    // Not `Cisco IOS XR Software`, nor NX-OS (`Cisco NX-OS(tm)`, `Cisco Nexus Operating System`).
    sysDescr: /^(?:Cisco IOS Software\b|Cisco IOS[ -]XE Software\b|Cisco Internetwork Operating System Software\b|IOS \(tm\) )/m,
  },
  unsaved: {
    // CISCO-CONFIG-MAN-MIB ccmHistoryRunningLastChanged / ccmHistoryStartupLastChanged (never RunningLastSaved).
    runningLastChanged: '1.3.6.1.4.1.9.9.43.1.1.1.0',
    startupLastChanged: '1.3.6.1.4.1.9.9.43.1.1.3.0',
    // Applying startup-config at boot counts as a running-config change; a large stack takes minutes.
    graceSeconds: 300,
    // IOS parses startup-config in the first minute of sysUpTime (the lab does it at 45 s).
    bootApplySeconds: 60,
  },
  stack: { table: CSW_SWITCH_INFO_ENTRY, parse: parseSwitchInfoTable },
  configCopy: 'cisco-config-copy-mib',
};

// ---------------------------------------------------------------- configure (restore)

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
function typeBanner(unit: string[]): string[] {
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

const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `sw(config)#`, `sw(config-if)#`, `sw(ca-trustpoint)#`, `sw(dhcp-config)#`: any mode in parentheses.
  inConfigMode: /\([\w.@/:-]+\)# ?$/,
  topLevel: /\(config\)# ?$/,
  // Any `%` line is a refusal (`% Invalid input`, `% Incomplete command`, `% Ambiguous command`,
  // `%Error …`, `% Bad mask`, `% VTP VLAN configuration not allowed …`), except a warning and
  // a syslog message the console shows (`%SYS-5-CONFIG_I: …`, `%LINK-3-UPDOWN: …`).
  errors: [/^%(?!\s*Warning)(?![A-Z0-9_]+-\d-[A-Z0-9_]+:)/im],
  // `% Ambiguous command:  "<the typed line>"`: the quote goes.
  refusalShown: (error) => error.replace(/:?\s*".*$/, ''),
  questions: [
    // `no username x`: "…Do you want to continue? [confirm]" — Enter confirms.
    { pattern: /\[confirm\]\s*$/, answer: '\n', for: /^no username \S+$/ },
  ],
  // Anything else that asks (`no crypto pki trustpoint` would destroy certificates) is declined:
  // Ctrl-C aborts any IOS question.
  unknownQuestion: /(?:\[confirm\]|\[yes\/no\]:?|\[no\]:|\? \[[^\]]*\]:?)\s*$/i,
  decline: '\x03',
  wholeBlocks: [/^certificate /],
  groupOf(line) {
    const l = line.trim();
    const acl = /^access-list (\d+) /.exec(l);
    if (acl) return { key: `access-list ${acl[1]}`, no: `no access-list ${acl[1]}`, typedOver: false };
    if (/^switchport trunk allowed vlan (?!remove |except )/.test(l))
      return { key: 'switchport trunk allowed vlan', no: 'no switchport trunk allowed vlan', typedOver: true };
    return undefined;
  },
  // `version` follows the software, the boot markers bracket `boot system`: neither is configuration to push.
  // Lines that close a level (`exit-address-family`, `quit`) are never typed as configuration: restore
  // goes up by levels it knows it entered, and an extra `exit` at the top would leave configuration mode.
  unmanaged: [/^version \S+\s*$/, /^boot-start-marker\s*$/, /^boot-end-marker\s*$/, /^end\s*$/, /^(?:exit(?:-[\w-]+)?|quit)\s*$/],
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
    if (a === r) return true; // shutdown / no shutdown
    const key = settingOf(a);
    return key !== undefined && key === settingOf(r);
  },
  // What acts instead of configuring when typed in configuration mode (`do` runs exec commands).
  execLevel: [
    /^do\s/,
    /^reload\b/,
    /^write\b/,
    /^erase\b/,
    /^delete\b/,
    /^format\b/,
    /^copy\s/,
    /^configure\s/,
    /^clear\s/,
    /^debug\s/,
    /^squeeze\b/,
    /^crypto key zeroize\b/,
  ],
  typeBanner,
  save: { command: 'write memory', ok: /\[OK\]/ },
  // IOS fetches the file itself; `force` skips the "Enter Y if you are sure" question.
  replace: { command: (url) => `configure replace ${url} force`, ok: /Rollback Done|Total number of passes/i, failed: /^%/m },
};

// ---------------------------------------------------------------- the platform

export const ciscoIos: Platform = {
  name: 'cisco-ios',
  label: 'Cisco IOS / IOS-XE',
  prompt: PROMPT,
  loginQuestions: [
    // Console servers and some vty banners; Catalyst stacks print it after booting.
    { pattern: /Press RETURN to get started/i, answer: '\n' },
    { pattern: /Press any key to continue/i, answer: ' ' },
  ],
  enable: {
    command: 'enable',
    unprivileged: /> ?$/,
    // Netmiko matches `ssword` for the same reason: some trains say `password:`.
    passwordPrompt: /ssword: ?$/i,
    // `% No password set`: enable was asked for, but the box has no enable secret.
    failure: /% ?(?:Access denied|Bad secrets|Bad passwords|No password set|Authentication failed)/i,
  },
  setup: ['terminal length 0', 'terminal width 0'],
  // IOS: ` --More-- ` (erased with 9 backspaces, 8 spaces, 9 backspaces); older
  // trains and some modules: `-- More --`; ASA-derived code: `<--- More --->`,
  // listed first because `-- More --` is inside it.
  pagers: [/<--- More --->/, / ?--More-- ?/, / ?-- More -- ?/],
  pagerKey: ' ',
  commands: {
    running: 'show running-config',
    startup: 'show startup-config',
    version: 'show version',
    // `detail` is `show switch` plus the stack-port table: one command for both.
    stack: 'show switch detail',
  },
  endMarker: /^end\s*$/m,
  errors: [/^% ?Invalid input/m, /^% ?Incomplete command/m, /^% ?Ambiguous command/m, /^% ?Unknown command/m, /^%Error/m],
  volatile: VOLATILE,
  secrets: SECRETS,
  // `%% Non-volatile configuration memory has not been set up`: older trains after `write erase`.
  noStartup: /startup-config is not present|Non-volatile configuration memory has not been set up/i,
  snmp: SNMP,
  configure: CONFIGURE,
  isFactoryDefault,
  parseVersion,
  parseStack,
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    complete: /^end\s*$/m,
    completeSays: 'no `end` line',
    // `banner motd ^C` … `^C`: IOS shows the delimiter Ctrl-C as the two characters `^C`;
    // a banner typed with another delimiter keeps it (`banner login #`).
    multiLine: { start: /^banner \S+ (\^C|\S)(.*)$/, shownAs: { '\x03': '^C' } },
  },
  session: {
    kind: 'cli',
    enable: {
      command: 'enable',
      unprivileged: /> ?$/,
      passwordPrompt: /ssword: ?$/i,
      failure: /% ?(?:Access denied|Bad secrets|Bad passwords|No password set|Authentication failed)/i,
    },
  },
  startup: {
    from: 'command',
    command: 'show startup-config',
    empty: /startup-config is not present|Non-volatile configuration memory has not been set up/i,
  },
  unsaved: { kind: 'running-vs-startup' },
  restore: [
    { kind: 'line-merge', configure: CONFIGURE },
    { kind: 'file-replace', via: 'tftp', command: (url) => `configure replace ${url} force`, ok: /Rollback Done|Total number of passes/i, failed: /^%/m },
  ],
  persist: { kind: 'save', command: 'write memory', ok: /\[OK\]/, words: 'write memory' },
  stack: {
    model: 'stackwise',
    roleWords: { active: 'active', standby: 'standby', member: 'member' },
    command: 'show switch detail',
    parse: parseStack,
  },
};
