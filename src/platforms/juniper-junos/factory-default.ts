// Is a Junos configuration an EX switch's factory default? (After `request system
// zeroize` or `load factory-default`, or a switch that lost its configuration.) The
// health gate never makes such a configuration last good, so this must be
// conservative: true only when every statement is one Juniper's published EX
// factory-default files hold (EX2200/3200/4200/4550/4300/2300/3400 "Default
// Configuration" pages), plus the root password a commit requires.

import { braceToSet, isSetForm } from './config-set.js';

/** An interface name as the factory file lists them: ge-0/0/0, xe-0/1/3, mge-0/0/12, et-0/1/0. */
const IFACE = String.raw`(?:ge|xe|mge|et|te)-\d+/\d+/\d+`;

/** The statements (set form, without `set `) of the published EX factory-default files. */
const FACTORY: RegExp[] = [
  /^version \S+$/,
  // system: syslog defaults, factory-settings, auto-snapshot, phone-home, ssh/netconf, and the root password.
  /^system auto-snapshot$/,
  /^system phone-home (?:server \S+|rfc-compliant)$/,
  /^system services ssh$/,
  /^system services netconf (?:ssh|rfc-compliant|yang-compliant)$/,
  /^system syslog user \* any emergency$/,
  /^system syslog file messages (?:any notice|authorization info)$/,
  /^system syslog file interactive-commands interactive-commands any$/,
  /^system commit factory-settings (?:reset-chassis-lcd-menu|reset-virtual-chassis-configuration)$/,
  /^system arp aging-timer 5$/,
  /^system root-authentication (?:encrypted-password \S+|ssh-(?:rsa|dsa|ecdsa|ed25519) .+)$/,
  /^chassis redundancy graceful-switchover$/,
  // interfaces: Ethernet switching on every port (storm control, default VLAN), DHCP on vme/irb for phone-home.
  new RegExp(String.raw`^interfaces ${IFACE} unit 0 family ethernet-switching(?: storm-control default| vlan members default)?$`),
  /^interfaces (?:vme|me0|irb) unit 0 family inet dhcp$/,
  // protocols, storm control, PoE, the default VLAN.
  /^protocols lldp interface all$/,
  /^protocols lldp-med interface all$/,
  /^protocols igmp-snooping vlan (?:all|default)$/,
  new RegExp(String.raw`^protocols rstp(?: interface (?:all|${IFACE}))?$`),
  /^ethernet-switching-options storm-control interface all(?: level 50)?$/,
  /^forwarding-options storm-control-profiles default all$/,
  /^poe interface all$/,
  /^vlans default(?: vlan-id 1)?$/,
];

/** Statements every EX factory file has, so an empty or unrelated text is never called one. */
const SIGNATURE = [/^protocols (?:rstp|lldp)\b/, /^system (?:syslog|commit factory-settings|auto-snapshot|phone-home)\b/];

export function isFactoryDefault(config: string): boolean {
  const text = config.includes('\r') ? config.replace(/\r\n?/g, '\n') : config;
  // Set form (how switchback stores Junos) is judged statement by statement, so a real
  // configuration is refused at its first non-factory line (`set system host-name …`, line 2)
  // instead of after turning all of it (tens of thousands of lines) into statements.
  return isFactory(isSetForm(text) ? setStatements(text) : braceToSet(text));
}

/** Every statement is one a factory file holds, there is at least one, and the signature is there. */
function isFactory(statements: Iterable<string>): boolean {
  let count = 0;
  const signed = SIGNATURE.map(() => false);
  for (const line of statements) {
    const s = line.replace(/^set /, '');
    count++;
    if (!s.length || /^(?:deactivate|protect) /.test(s)) return false;
    if (!FACTORY.some((re) => re.test(s))) return false;
    SIGNATURE.forEach((re, i) => (signed[i] ||= re.test(s)));
  }
  return count > 0 && signed.every(Boolean);
}

/** setLinesOf, one statement at a time. */
function* setStatements(text: string): Generator<string> {
  // Line by line, not split: a real configuration is refused within its first lines.
  for (let at = 0; at <= text.length;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end).trim();
    if (/^(?:set|deactivate|protect) \S/.test(line)) yield line;
    if (end === -1) break;
    at = end + 1;
  }
}
