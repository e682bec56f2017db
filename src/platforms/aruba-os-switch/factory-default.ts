// A factory-default ArubaOS-Switch configuration: the header, a hostname named after the
// model, the public community, VLAN 1 holding every port and taking its address by DHCP,
// hardware the switch writes itself (`module N type …`, a stack's `member N type …`), and
// an `oobm` port on DHCP. Conservative: anything else (a second VLAN, a route, a password,
// a name on a port) means someone configured it. (The shipped config is HPE's documented
// default; not in a capture here: unverified.)

const DEFAULT_LINES: RegExp[] = [
  /^hostname "[^"]*"$/,
  /^module \S+ type \S+$/,
  /^snmp-server community "public" unrestricted$/,
  /^vlan 1$/,
  /^name "DEFAULT_VLAN"$/,
  /^(?:no )?untagged \S+$/,
  /^ip address dhcp-bootp$/,
  /^(?:no )?ipv6 enable$/,
  /^stacking$/,
  /^member \d+ type "?\S+"? mac-address \S+$/,
  /^oobm$/,
  /^ip address dhcp-bootp$/,
  /^exit$/,
];

/** True only when every line is one a factory default holds and VLAN 1 takes its address by DHCP. */
export function isFactoryDefault(config: string): boolean {
  const lines = config
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith(';'));
  if (lines.length === 0 || !lines.includes('vlan 1') || !lines.includes('ip address dhcp-bootp')) return false;
  return lines.every((l) => DEFAULT_LINES.some((re) => re.test(l)));
}
