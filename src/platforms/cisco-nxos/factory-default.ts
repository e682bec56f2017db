// A factory-default NX-OS configuration: after `write erase` and a reload the switch runs its
// skeleton — `version`, the `admin` user the setup wizard made, VLAN 1, the management VRF,
// the console and vty lines, the boot image, and every port with no lines under it. No
// hostname (`switch`) or one from the wizard, nothing else. Conservative: any other top line,
// or any line under a port, says "configured" (assumed from Cisco's setup-wizard pages; no
// real factory-default capture is among the fixtures).

const TOP: RegExp[] = [
  /^version /,
  /^hostname switch$/,
  /^username admin password \d+ \S+ +role network-admin$/,
  /^vlan 1$/,
  /^vrf context management$/,
  /^interface (?:Ethernet\d+\/\d+(?:\/\d+)?|mgmt0)$/,
  /^line (?:console|vty)$/,
  /^boot (?:nxos|kickstart|system) /,
  /^feature (?:ssh|telnet)$/,
  /^no feature telnet$/,
  /^(?:rmon event \d+ .*|copp profile \w+|system default switchport)$/,
  /^snmp-server user admin network-admin auth .*/,
];
const SUB: RegExp[] = [/^ip address dhcp$/, /^vrf member management$/];

export function isFactoryDefault(config: string): boolean {
  const lines = config
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*!/.test(l));
  if (lines.length === 0) return false;
  return lines.every((l) => (/^\s/.test(l) ? SUB.some((re) => re.test(l.trim())) : TOP.some((re) => re.test(l))));
}
