// What changes in an NX-OS configuration text without a change to the configuration, and
// which lines hold secrets. Data only (RegExps), tested on the real captures
// (test/unit/nxos-parsers.test.ts).

/**
 * Header comments that differ between two texts of one configuration: which command printed
 * it (`!Command: show running-config` / `show startup-config`), when (`!Time: …`, every read),
 * when running last changed (`!Running configuration last done at: …`, 10.x) and when it was
 * saved (`!Startup config saved at: …`, startup only). All four in the real captures
 * (Oxidized N5548 7.3 and 93180 10.4 recordings, napalm nxos_ssh running/startup).
 */
export const VOLATILE: RegExp[] = [/^!Command: show /, /^!Time: /, /^!Running configuration last done at: /, /^!Startup config saved at: /];

/**
 * Lines holding secrets. Group 1 is kept and the rest replaced; each is tried on a line
 * without its indentation or a leading `no `.
 */
export const SECRETS: RegExp[] = [
  // username admin password 5 $5$… role network-admin (napalm capture): the hash only, the role stays visible.
  /^(username \S+ password (?:\d+ )?)\S+/,
  // snmp-server user admin network-admin auth md5 KEY priv aes-128 KEY localizedV2key (both recordings, napalm): to the end.
  /^(snmp-server user \S+ .*?\bauth \S+ )\S.*/,
  // snmp-server community NAME group network-operator (napalm capture)
  /^(snmp-server community )\S+/,
  // snmp-server host 192.0.2.1 traps version 2c COMMUNITY (assumed: IOS's form)
  /^(snmp-server host \S+ (?:traps |informs )?version (?:1|2c) )\S+/,
  // tacacs-server key 7 "…", radius-server host … key 7 … (assumed: IOS-like); `key-string 7 …` in a key chain.
  /^((?:tacacs|radius)-server\b.*?\bkey (?:[0-9] )?)\S+/,
  /^(key-string (?:[0-9] )?)\S+/,
  // ntp authentication-key 1 md5 SECRET 7
  /^(ntp authentication-key \d+ md5 )\S+/,
  // feature-level passwords (`password 3 …` under bgp neighbours, ospf `authentication-key`).
  // Only with an encryption type: `no password strength-check` (napalm capture) is no secret.
  /^((?:.*\s)?password [0-9] )\S+/,
];
