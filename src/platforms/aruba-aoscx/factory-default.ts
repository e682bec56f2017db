// A factory-default AOS-CX configuration: what the switch runs after `erase startup-config`
// and a reboot — no hostname, no users with passwords, only the VLAN 1 / management /
// port skeleton. Conservative: any line outside that skeleton says "configured". The
// skeleton's lines are the ones the real captures show on configured switches
// (`interface mgmt` / `ip dhcp`, `interface 1/1/1` / `no shutdown` / `vlan access 1`); a
// real factory-default capture is not among them (assumed from the HPE guides' examples).

const TOP: RegExp[] = [
  /^vlan 1$/,
  /^spanning-tree$/,
  /^interface mgmt$/,
  /^interface \d+\/\d+\/\d+$/,
  /^interface vlan 1$/,
  /^led locator on$/,
  /^ssh server vrf (?:default|mgmt)$/,
  /^https-server vrf (?:default|mgmt)$/,
  /^(?:ntp|snmp-server) vrf (?:default|mgmt)$/,
  /^module \S+ product-number \S+$/,
  /^vsf member \d+$/,
];
const SUB: RegExp[] = [/^(?:no )?shutdown$/, /^ip dhcp$/, /^vlan access 1$/, /^no routing$/, /^type \S+$/, /^link \d+ \S+$/];

export function isFactoryDefault(config: string): boolean {
  const lines = config
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*!/.test(l));
  if (lines.length === 0) return false;
  return lines.every((l) => (/^\s/.test(l) ? SUB.some((re) => re.test(l.trim())) : TOP.some((re) => re.test(l))));
}
