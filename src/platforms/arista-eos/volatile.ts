// What changes in an EOS configuration text without a change to the configuration, and which
// lines hold secrets. Data only (RegExps), tested on the real captures
// (test/unit/eos-parsers.test.ts).

/**
 * Lines that differ between two texts of one configuration, each tested against one line:
 * - `! Time: Mon Dec  7 11:50:01 2026`: the clock when the command ran (Oxidized drops it with
 *   `| exclude ! Time:`, eos.rb; the real 4.29 recording is read that way);
 * - `! Command: show running-config` / `! Command: show startup-config`: which command printed it
 *   (the napalm vEOS 4.15 captures);
 * - `! Startup-config last modified at  Sun Sep 11 18:35:01 2016 by root`: when and by whom the
 *   last save was made (the napalm captures): a save moves it, the configuration is the same.
 * The `! device: NAME (MODEL, EOS-4.29.2F)` line is kept: it changes on an upgrade (or a new
 * hostname) only, and a save writes it into startup as well.
 */
export const VOLATILE: RegExp[] = [/^! Time: /, /^! Command: show /, /^! Startup-config last modified at /];

/**
 * Lines holding secrets. Group 1 is kept and the rest of the match replaced; each is tried on a
 * line without its indentation or a leading `no `.
 */
export const SECRETS: RegExp[] = [
  // username admin privilege 15 role network-admin secret 5 $1$… (napalm vEOS 4.15); `secret sha512 $6$…`, `nopassword` has none.
  /^(username \S+ .*?\bsecret (?:\d+ |sha512 )?)\S+/,
  // aaa root secret 5 $1$… (napalm vEOS 4.15), enable secret / enable password
  /^((?:aaa root|enable) (?:secret|password) (?:\d+ |sha512 )?)\S+/,
  // snmp-server community publiccom ro (the real 4.29 recording)
  /^(snmp-server community )\S+/,
  // snmp-server host 10.1.2.4 version 2c string456 (the real 4.29 recording): the community ends the host's words
  /^(snmp-server host \S+ (?:(?:vrf \S+|informs|traps) )*(?:version (?:1|2c) )?)\S+/,
  // snmp-server user NAME GROUP v3 auth sha … priv aes … (both keys, to the end of the line)
  /^(snmp-server user \S+ \S+ v3 (?:localized \S+ )?auth \S+ )\S.*/,
  // tacacs-server key 7 …, radius-server host … key 7 …, ntp authentication-key 1 md5 7 …, neighbor X password 7 …
  /^(.*?\b(?:key|password) (?:(?:md5|sha\d*) )?(?:\d )?)\S+/,
];
