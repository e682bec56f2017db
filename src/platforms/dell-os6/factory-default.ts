// Is a Dell OS6 configuration a factory default (after `erase startup-config` and a reload)? The
// health gate never makes one last good. Judged by what is missing, not by size: a factory
// default still prints its header, `configure`, the units (`slot …`, `stack` / `member …`) and
// some defaults, but nothing a person sets. Conservative: any one of these says "configured".

const CONFIGURED: RegExp[] = [
  /^hostname /,
  /^username /,
  /^enable (?:password|secret) /,
  /^snmp-server /,
  /^(?:radius|tacacs)-server /,
  /^aaa /,
  /^ip (?:domain-name|name-server|default-gateway|route|address \d|vrf )/,
  /^ipv6 (?:address|route) /,
  /^(?:sntp|ntp) server /,
  /^logging \d/,
  /^vlan (?!1$)\d/,
  /^interface (?:vlan (?!1$)|port-channel|loopback|tunnel)/i,
  /^(?:description|name) /,
  /^switchport (?:mode|access|trunk|general)/,
  /^channel-group /,
  /^management access-/,
  /^spanning-tree (?:mode|priority|mst)/,
];

export function isFactoryDefault(config: string): boolean {
  const lines = config
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trim());
  // A text without OS6's header is not a configuration this judgement knows.
  if (!lines.some((l) => l === '!Current Configuration:')) return false;
  return !lines.some((l) => !l.startsWith('!') && CONFIGURED.some((re) => re.test(l)));
}
