// Is an FRR configuration the one FRR writes by itself on a fresh box? FRR has no "factory
// default" of its own: a fresh `frr.conf` (or `show running-config`) holds only lines FRR
// adds unasked — recorded on a fresh switch (test/fixtures/frr/frr.conf-factory,
// show-running-config-factory.txt):
//
//   frr version 8.4.4             ← the running version
//   frr defaults traditional      ← the profile (traditional or datacenter)
//   hostname leaf1                ← FRR 8.4 copies the system host name when none is set
//   no ip forwarding              ← the kernel's sysctl, reported back
//   no ipv6 forwarding
//   service integrated-vtysh-config
//   !
//   end                           ← show running-config only; the saved file has none
//
// Anything else (a route, an interface, a router) was configured by someone. The hostname
// counts as FRR's own because FRR writes it from the system; a name set on purpose looks
// the same, and that costs nothing: the name alone is no configuration worth restoring.

/** Lines FRR writes by itself, each tested against one trimmed line. */
const OWN_LINES: RegExp[] = [
  /^frr version \S+$/,
  /^frr defaults (?:traditional|datacenter)$/,
  /^hostname \S+$/,
  /^(?:no )?ip(?:v6)? forwarding$/,
  /^service integrated-vtysh-config$/,
  /^end$/,
  // The header of `show running-config`, when a caller passes it in unextracted.
  /^Building configuration\.\.\.$/,
  /^Current configuration:$/,
];

/** `!` separates blocks; `#` starts a comment in frr.conf (vtysh -b skips both). */
const COMMENT = /^[!#]/;

export function isFactoryDefault(config: string): boolean {
  const lines = config
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !COMMENT.test(l));
  // Nothing at all is no configuration (an empty or missing frr.conf means "no startup"), not a default one.
  if (!lines.some((l) => /^frr version /.test(l))) return false;
  return lines.every((l) => OWN_LINES.some((re) => re.test(l)));
}
