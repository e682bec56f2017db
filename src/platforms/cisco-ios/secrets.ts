// Lines of an IOS configuration that hold secrets: masked in everything switchback shows.
// Data for the cisco-ios platform (index.ts); normalise applies them (config/normalise.ts).

/**
 * Lines holding secrets, for `--mask-secrets` and every line shown. Group 1 (with its
 * trailing space) is kept and the rest of the match replaced, so every pattern ends
 * right after the secret and whatever follows it on the line survives (`RW 5`,
 * `address …`). Each is tried against a line without its indentation and without a
 * leading `no ` (normalise strips both), so a construct reads the same at the top level
 * and under any parent: ` key 0 …` under `tacacs server X` was once printed in clear
 * because the patterns expected it at one depth only. Tried in order, one line at a
 * time; the first that matches masks the line, so the catch-all for
 * `password`/`secret` comes last. Encryption-type digits (0, 5, 6, 7, 8, 9) stay: they
 * say what kind of secret it was. Keyword-anchored on purpose: crypto pki certificate
 * hex blocks are public and must never match.
 */
export const SECRETS: RegExp[] = [
  // enable secret 9 $9$…, enable password cisco, enable secret level 15 5 $1$…
  /^(enable (?:secret|password)(?: level \d+)?(?: \d)? )\S+/,
  // username u [privilege 15] [algorithm-type scrypt] secret 9 …, username u password 0 …
  /^(username \S+(?: privilege \d+)?(?: algorithm-type \S+)? (?:secret|password)(?: \d)? )\S+/,
  /^(snmp-server community )\S+/,
  // The community of a v1/v2c trap host; `version 3 auth USER` names a user, not a secret.
  /^(snmp-server host \S+(?: vrf \S+)?(?: informs| traps)?(?: version (?:1|2c))? )(?!(?:version|vrf|informs|traps)\b)\S+/,
  // SNMPv3 user keys (IOS normally hides these lines; masked if they show): auth and priv keys go together.
  /^(snmp-server user .*?\bauth (?:md5|sha\S*) )\S+.*/,
  // tacacs-server key 7 …, radius-server host 10.0.0.1 auth-port 1645 key 7 …. A server key is
  // the last word of its line and may hold spaces ("spaces within and at the end of the key are
  // used"): these patterns mask to the end of the line.
  /^((?:tacacs|radius)-server (?:host \S+ (?:.*? )?)?key(?: \d)? )\S.*/,
  // `aaa group server tacacs+ G` / ` server-private 10.0.0.9 port 49 timeout 5 key 7 …`
  /^(server-private \S+ (?:.*? )?key(?: \d)? )\S.*/,
  // ` key 7 …` under `tacacs server X` / `radius server X` / an isakmp client group; ` pac key 7 …`
  /^((?:pac )?key \d )\S.*/,
  // ` key SECRET` without a type. Not a key chain's ` key 1` (a key number), `key chain NAME`
  // or `key config-key …` (its own pattern below).
  /^((?:pac )?key )(?!\d+\s*$)(?!(?:chain|config-key)\b)\S.*/,
  // aaa server radius dynamic-author: ` client 10.1.1.1 server-key 7 …`; `aaa pod server server-key …`
  /^(.*?\bserver-key(?: \d)? )\S+/,
  // key chains, HSRP/VRRP/GLBP: `key-string 7 …`, `standby 1 authentication md5 key-string …`
  /^(.*?\bkey-string(?: \d)? )\S+/,
  // HSRP/VRRP/GLBP plain-text authentication: `standby 1 authentication SECRET`, `vrrp 1 authentication text …`.
  // `… authentication md5 key-chain NAME` names a chain.
  /^((?:standby|vrrp|glbp)(?: \d+)? authentication (?:text )?)(?!md5\b)\S+/,
  /^(ntp authentication-key \d+ \S+ )\S+/,
  // ` ip ospf authentication-key 7 …`, ` area 1 virtual-link 10.0.0.1 authentication-key …`
  /^(.*?\bauthentication-key(?: \d)? )\S+/,
  /^(.*?\bmessage-digest-key \d+ md5(?: \d)? )\S+/,
  // OSPFv3 IPsec: the hex key after the algorithm; `encryption … esp` carries two keys, all masked.
  /^(.*?\bauthentication ipsec spi \d+ (?:md5|sha1)(?: \d)? )\S+/,
  /^(.*?\bencryption ipsec spi \d+ esp )\S+.*/,
  /^(crypto isakmp key(?: \d)? )\S+/,
  // crypto keyring: ` pre-shared-key address 10.0.0.1 [255.255.255.255] key …`, ` pre-shared-key hostname h key …`
  /^(pre-shared-key (?:address|hostname) \S+(?: \d+\.\d+\.\d+\.\d+)? key(?: \d)? )\S+/,
  // IKEv2 keyring peer: ` pre-shared-key [local|remote] [0|6] …`; `mka pre-shared-key key-chain NAME` names a chain.
  /^(pre-shared-key(?: local| remote)?(?: \d)? )(?!(?:address|hostname|key-chain)\b)\S+/,
  // IKEv2 profile: ` authentication remote pre-share key …`
  /^(authentication (?:local|remote) pre-share key(?: \d)? )\S+/,
  /^(wpa-psk (?:ascii|hex)(?: \d)? )\S+/,
  // IOS-XE wireless: ` security wpa psk set-key ascii 0 …`
  /^(.*?\bpsk set-key (?:ascii|hex)(?: \d)? )\S+/,
  /^(key config-key password-encrypt )\S+/,
  /^(ip nhrp authentication )\S+/,
  // Manual IPsec keys: ` set session-key inbound esp 256 cipher … authenticator …`.
  /^(set session-key (?:inbound|outbound) \S+ \d+ )\S+.*/,
  // A password inside a URL (`path ftp://user:pw@host/…` under `archive`, `ip ftp` sources): the `@host` stays.
  // The password runs to the last `@` of the address: `ftp://u:p@ss@host` masks `p@ss`.
  /^(.*?\b[a-z][\w+.-]*:\/\/[^\s/@:]*:)\S+(?=@[^\s@]*(?:\s|$))/i,
  // What is left: ` password 7 …` under line vty, `neighbor X password 7 …`, `ip ftp password …`,
  // `ppp chap password …`, IS-IS `area-password …`. Not `service password-encryption`,
  // `security passwords …`, `password encryption aes`, nor descriptions and remarks that
  // mention a password.
  /^(?!(?:description|remark)\b)(.*?\b(?:password|secret)(?: \d)? )(?!encryption\b)\S+/,
];
