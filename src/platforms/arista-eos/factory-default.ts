// A factory-default EOS configuration: what the switch runs with nothing configured (after
// `write erase` and a reload, ZTP disabled) — no hostname, the ports with nothing under them,
// the few global defaults EOS prints (the napalm vEOS 4.15 capture shows them on a configured
// switch: `transceiver qsfp default-mode 4x10G`, `spanning-tree mode mstp`, `no ip routing`).
// Conservative: any line outside that skeleton says "configured"; a real factory-default capture
// is not among the fixtures (the skeleton is assumed from the configured captures).

const TOP: RegExp[] = [
  /^transceiver qsfp default-mode \S+$/,
  /^service routing protocols model \S+$/,
  /^spanning-tree mode mstp$/,
  /^no aaa root$/,
  /^username admin privilege 15 role network-admin nopassword$/,
  /^interface (?:Ethernet|Management)\d+(?:\/\d+)*$/,
  /^no ip routing$/,
  /^end$/,
];

export function isFactoryDefault(config: string): boolean {
  const lines = config
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*!/.test(l));
  if (lines.length === 0) return false;
  // Anything indented is configuration under a port (or elsewhere): not a default.
  return lines.every((l) => !/^\s/.test(l) && TOP.some((re) => re.test(l)));
}
