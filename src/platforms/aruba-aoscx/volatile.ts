// What changes in an AOS-CX configuration text without a change to the configuration,
// and which lines hold secrets. Data only (RegExps), tested on the real captures
// (test/unit/aoscx-parsers.test.ts).

/**
 * Lines that differ between two texts of one configuration, each tested against one line:
 * the header `show running-config` prints (`Current configuration:`) and the one
 * `show startup-config` prints (`Startup configuration:`, HPE AOS-CX 10.03 CLI guide), and
 * `show checkpoint`'s (`Checkpoint configuration:`, HPE 8400 10.01 guide). The version
 * comment (`!Version ArubaOS-CX PL.10.10.1090`) is kept: it changes on an upgrade only, and
 * a save writes it into startup as well.
 */
export const VOLATILE: RegExp[] = [/^(?:Current|Startup|Checkpoint) configuration:\s*$/];

/**
 * Lines holding secrets. Group 1 is kept and the rest of the match replaced; each is tried on
 * a line without its indentation or a leading `no `. AOS-CX prints every stored secret as
 * `ciphertext …` (`user admin group administrators password ciphertext AQEc…` in all four
 * recordings); a secret typed in clear is `plaintext …`. Two secrets on one line (SNMPv3
 * `auth-pass` and `priv-pass`) are masked to the end of the line.
 */
export const SECRETS: RegExp[] = [
  // user NAME group G password ciphertext AQEc… (real captures)
  /^(user \S+ (?:group \S+ )?password (?:ciphertext |plaintext )?)\S+/,
  // snmpv3 user NAME auth sha auth-pass ciphertext … priv aes priv-pass ciphertext …
  /^(.*?\b(?:auth-pass|priv-pass) (?:ciphertext |plaintext )?)\S.*/,
  // radius-server host … key ciphertext …, tacacs-server host … key plaintext …, ` key ciphertext …` under a server group
  /^(.*?\bkey (?:ciphertext|plaintext) )\S+/,
  // snmp-server community NAME (real 6410 capture; ` access-level rw` sits under it, not on it)
  /^(snmp-server community )\S+/,
  // snmp-server host 10.7.32.31 trap version v2c community trapcomm (real 6410 capture)
  /^(snmp-server host .*?\bcommunity )\S+/,
  // ntp authentication-key 1 md5 ciphertext …, ospf/bgp `password ciphertext …`, anything else stored ciphered.
  /^(.*?\b(?:ciphertext|plaintext) )\S+/,
];
