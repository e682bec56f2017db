// Is an IOS configuration a factory default (after `write erase` and a reload, or a lost
// NVRAM)? The health gate never makes one last good. Pure.

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
  // A stored configuration has no CR: its own name is found without splitting the whole text.
  if (!config.includes('\r') && namesItself(config)) return false;
  const lines = config.replace(/\r\n?/g, '\n').split('\n');
  // A name of its own says "configured" whatever else the text holds: answered at the name,
  // near the top, instead of after reading every line for `end` (a fleet's check asks this of
  // every switch, and every named one is answered here).
  if (lines.some((l) => l.startsWith('hostname ') && !DEFAULT_HOSTNAME.test(l))) return false;
  // An empty or truncated text is not a factory default: it is incomplete, and said so elsewhere.
  if (!lines.some((l) => /^end\s*$/.test(l))) return false;
  const hostnames = lines.filter((l) => /^hostname /.test(l));
  if (hostnames.some((l) => !DEFAULT_HOSTNAME.test(l))) return false;
  return !lines.some((l) => CONFIGURED.some((re) => re.test(l)));
}

/** A `hostname` line (text without CR) that is not a factory name. */
function namesItself(config: string): boolean {
  for (let at = config.indexOf('hostname '); at !== -1; at = config.indexOf('hostname ', at + 1)) {
    if (at > 0 && config[at - 1] !== '\n') continue;
    const end = config.indexOf('\n', at);
    if (!DEFAULT_HOSTNAME.test(config.slice(at, end === -1 ? undefined : end))) return true;
  }
  return false;
}
