// Is an OS10 running configuration a factory default? A switch out of the box (or after
// `delete startup-configuration` and a reload) still prints its version header, the admin user,
// every port with `no shutdown` / `switchport access vlan 1`, the management port, and OS10's
// built-in iSCSI policy lines. Conservative: any line a person sets says "configured".

const CONFIGURED: RegExp[] = [
  /^hostname /,
  /^snmp-server /,
  /^(?:radius|tacacs)-server /,
  /^ip (?:domain-name|name-server|route) /,
  /^ipv6 route /,
  /^management route /,
  /^ntp server /,
  /^logging server /,
  /^vlt-domain /,
  /^router /,
  /^interface (?:vlan(?!1$)|port-channel|loopback)/,
  /^description /,
  /^switchport (?:mode trunk|trunk)/,
  /^switchport access vlan (?!1$)\d/,
  /^channel-group /,
  /^username (?!admin )/,
  /^interface breakout /,
];

export function isFactoryDefault(config: string): boolean {
  const lines = config.replace(/\r/g, '').split('\n');
  if (!lines.slice(0, 5).some((l) => /^! Version \d/.test(l))) return false;
  let block = '';
  for (const raw of lines) {
    if (/^\s*!/.test(raw) || raw.trim() === '') continue;
    if (!/^\s/.test(raw)) block = raw;
    const l = raw.trim();
    if (CONFIGURED.some((re) => re.test(l))) return false;
    // A static address on anything but the management port (which may be DHCP or set at install).
    if (/^ip address \d/.test(l) && !/^interface mgmt/.test(block)) return false;
  }
  return true;
}
