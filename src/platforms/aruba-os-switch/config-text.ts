// How ArubaOS-Switch / ProCurve writes its configuration: the header, the contexts that
// `exit` closes, what changes by itself, which lines hold secrets. Data only (RegExps),
// tested on the real captures (napalm-procurve show_running_config / show_config, the
// cookbook's stacking block).

/**
 * The one line that differs between a running and a startup capture of the same
 * configuration: `Running configuration:` above `show running-config`, `Startup
 * configuration:` above `show config` (the real pair differs in nothing else).
 */
export const VOLATILE: RegExp[] = [/^\s*(?:Running|Startup) configuration:\s*$/];

/**
 * The first line of every configuration the switch prints, below the volatile header:
 * `; J9148A Configuration Editor; Created on release #W.15.08.0012`. A capture that lacks
 * it lost its head. (It changes on an upgrade, but it is a `;` comment: never compared.)
 */
export const HEADER = /^; \S+ Configuration Editor; /;

/**
 * The lines that open a context the switch closes with an indented `exit` (its children
 * are indented three spaces): seen in real captures `interface N`, `vlan N`, `stacking`
 * (napalm-procurve, cookbook); documented but not in a capture here: `vsf`, `oobm`,
 * `router ospf|rip|pim|vrrp|bgp`, `ip|ipv6 access-list …`, `class …`, `policy …`,
 * `dhcp-server pool …`, `vrf …`, `tunneled-node-server`, `aaa port-access …` (unverified).
 * A context not listed leaves its `exit` closing nothing (a stray `exit` is ignored), and its
 * children are read without a parent.
 */
export const OPENS: RegExp[] = [
  /^interface \S+$/,
  /^vlan \d+$/,
  /^stacking$/,
  /^vsf$/,
  /^oobm$/,
  /^router (?:ospf|ospf3|rip|ripng|pim|vrrp|bgp)\b/,
  /^(?:ip|ipv6) access-list \S+/,
  /^class (?:ipv4|ipv6) \S+/,
  /^policy (?:qos|mirror|pbr) \S+/,
  /^dhcp-server pool \S+/,
  /^vrf \S+/,
  /^tunneled-node-server$/,
];

/** The line that closes the innermost context, trimmed. */
export const CLOSE = /^exit$/;

/** A value: quoted (`"public"`, `"a b"`) or one word. */
const VALUE = String.raw`(?:"[^"]*"|\S+)`;

/**
 * Lines holding secrets, each tried on a line without its indentation or a leading `no `;
 * group 1 is kept, the rest of the match masked. The first five are Oxidized's procurve
 * model's (OX procurve.rb `cmd :secret`); the rest are ArubaOS-Switch's other keys (16.x
 * `include-credentials` writes `password manager user-name "x" sha1 "…"`, SNMPv3 users with
 * their keys) — their exact print is unverified, so they mask to the end of the line.
 */
export const SECRETS: RegExp[] = [
  new RegExp(String.raw`^(snmp-server community )${VALUE}`),
  new RegExp(String.raw`^(snmp-server host \S+ (?:community )?)${VALUE}`),
  /^((?:radius|tacacs)-server host \S+ (?:.*? )?(?:encrypted-)?key ).*$/,
  /^((?:radius|tacacs)-server (?:encrypted-)?key ).*$/,
  /^(password (?:manager|operator|port-access)\b.*? (?:sha1|sha256|plaintext) ).*$/,
  /^(snmpv3 user \S+ ).*\b(?:auth|priv)\b.*$/,
  /^(.*?\b(?:md5-auth-key|authentication-key|key-string|encrypted-key|secret) ).*$/,
];
