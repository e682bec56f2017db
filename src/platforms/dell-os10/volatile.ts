// What OS10 rewrites by itself, and the lines that hold secrets. Data for index.ts.

/**
 * `! Last configuration change at Feb  01 13:42:38 2018` moves with every change, saved or not
 * (the real running capture's second line; its startup has no header at all). `! Version …`
 * changes on upgrade only and is the completeness header: kept.
 */
export const VOLATILE: RegExp[] = [/^! Last configuration change at /];

/**
 * Group 1 kept, the rest masked; tried on a line without indentation or a leading `no `. The
 * real capture's `username admin password $6$… role sysadmin` is the one seen; the others are
 * OS10's documented forms (**unverified** on a capture).
 */
export const SECRETS: RegExp[] = [
  /^(username \S+ password )\S+/,
  /^(enable password (?:\d+ )?)\S+/,
  /^(snmp-server community )\S+/,
  /^(snmp-server host \S+ (?:traps|informs)? ?(?:version (?:1|2c) )?)\S+/,
  /^(snmp-server user .*?\bauth (?:md5|sha) )\S.*/,
  /^((?:radius|tacacs)-server (?:host \S+ )?key (?:\d+ )?)\S+/,
  /^(password (?:\d+ )?)\S+/,
  /^(ntp authentication-key \d+ (?:md5|sha1) (?:\d+ )?)\S+/,
  /^(.*?\bauthentication-key(?: \d+)? )\S+/,
  /^(.*?\bmessage-digest-key \d+ md5 (?:\d+ )?)\S+/,
];
