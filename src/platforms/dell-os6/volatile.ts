// What Dell OS6 (and its FASTPATH sibling, Broadcom EFOS) rewrites by itself, and the lines
// that hold secrets. Data for index.ts; normalise applies them one line at a time.

/**
 * Header comments that change with no change to the configuration. The N4032 capture's header
 * (`!Current Configuration:`, `!System Description …`, `!System Software Version …`, `!Cut-through
 * mode …`) is the same in running and startup; EFOS (the same CLI family) also prints its uptime and
 * clock, which Oxidized drops for the same reason (its efos recording's output has neither).
 */
export const VOLATILE: RegExp[] = [/^!System Up Time\b/, /^!Current System Time:/];

const VALUE = String.raw`(?:"[^"]*"|\S+)`;

/**
 * Group 1 is kept, the secret after it masked; each is tried on a line without its indentation or
 * a leading `no `. The hashes OS6 prints (`… password <md5> … encrypted`) are masked too: a hash is
 * as good as the password to anyone who can crack it.
 */
export const SECRETS: RegExp[] = [
  // username "test" password da18… privilege 15 encrypted; EFOS: username "admin" password … encryption-type aes level 15 encrypted
  new RegExp(String.raw`^(username ${VALUE} password )${VALUE}`),
  // enable password 38d0… encrypted
  new RegExp(String.raw`^(enable (?:password|secret)(?: level \d+)? )${VALUE}`),
  new RegExp(String.raw`^(snmp-server community )${VALUE}`),
  // snmp-server host 192.0.2.133 traps version 2 "public": the community is last.
  new RegExp(String.raw`^(snmp-server host \S+ (?:traps|informs)(?: version (?:1|2c?))? )${VALUE}`),
  /^(snmp-server user .*?\bauth-(?:md5|sha)(?:-key)? )\S.*/,
  // radius-server key "…", tacacs-server key "…", radius-server host … key "…"
  new RegExp(String.raw`^((?:radius|tacacs)-server (?:host \S+ (?:\S+ )?)?key(?: \d)? )${VALUE}`),
  // `key "…"` inside a radius-server / tacacs-server host block; not `key chain NAME`.
  new RegExp(String.raw`^(key (?:encrypted )?)(?!chain\b)${VALUE}`),
  // `password <hash> encrypted` under a line block.
  new RegExp(String.raw`^(password )${VALUE}`),
  /^(.*?\bauthentication-key(?: \d+)? )\S+/,
  /^(.*?\bmessage-digest-key \d+ md5 )\S+/,
];
