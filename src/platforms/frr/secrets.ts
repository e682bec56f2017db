// Lines of an FRR configuration that hold secrets, for `--mask-secrets` and every line shown.
// Group 1 (with its trailing space) is kept and the rest of the match replaced; each pattern
// is tried on a line without its indentation and without a leading `no `. Keyword-anchored,
// from FRR's own command definitions (vtysh `password`, bgpd/ldpd `neighbor … password`,
// ospfd/ospf6d/isisd/ripd authentication, lib `key chain`).

export const SECRETS: RegExp[] = [
  // vtysh / daemons: `password zebra`, `enable password 8 <hash>` (service password-encryption).
  /^((?:enable )?password (?:8 )?)\S+/,
  // bgpd, ldpd: `neighbor 192.0.2.1 password s3cret` (TCP MD5).
  /^(neighbor \S+ password )\S+/,
  // ospfd: `ip ospf authentication-key KEY`, `ip ospf message-digest-key 1 md5 KEY`.
  /^(ip ospf (?:\S+ )?authentication-key )\S+/,
  /^(ip ospf (?:\S+ )?message-digest-key \d+ md5 )\S+/,
  // ospf6d: `ipv6 ospf6 authentication key-id 1 hash-algo sha256 key KEY`.
  /^(ipv6 ospf6 authentication key-id \d+ hash-algo \S+ key )\S+/,
  // isisd: `isis password md5 KEY`, `area-password clear KEY`, `domain-password md5 KEY`.
  /^((?:isis |area-|domain-)password (?:clear|md5) )\S+/,
  // ripd: `ip rip authentication string KEY`.
  /^(ip rip authentication string )\S+/,
  // lib keychain: `key-string KEY` under `key chain NAME` / `key N`.
  /^(key-string )\S+/,
];
