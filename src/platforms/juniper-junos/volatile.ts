// What changes in a Junos configuration text without a change to the configuration,
// and which lines hold secrets. Data only (RegExps), tested on the real captures.

/**
 * Lines that change without a change to the configuration, each tested against one line:
 * - the header of `show configuration` (`## Last commit: 2024-12-06 11:41:05 UTC by root`)
 *   and, in a saved file or an older release, `## Last changed: 2020-06-20 11:44:22 CST`:
 *   rewritten by every commit;
 * - the `{master:0}` line a VC prints above each prompt (`{primary:node0}` on an SRX
 *   cluster, `{master}` / `{backup}` on a dual-RE chassis): the engine removes the prompt
 *   but this line stays at the end of every answer, and it changes when the master does.
 */
export const VOLATILE: RegExp[] = [
  /^\s*## Last commit: .*$/,
  /^\s*## Last changed: .*$/,
  /^\s*\{(?:master|backup|linecard|primary|secondary|hold|ineligible)(?::[\w-]+)?\}\s*$/,
];

/** A quoted Junos string or one bare word, as the value of a secret. */
const VALUE = String.raw`(?:"(?:[^"\\]|\\.)*"|[^\s;"]+)`;

/**
 * Lines holding secrets, in set form (`set system root-authentication
 * encrypted-password "$6$…"`) and brace form (`encrypted-password "$6$…"; ## SECRET-DATA`).
 * Group 1 is kept and the rest of the match replaced; whatever follows stays (the
 * `; ## SECRET-DATA` note, `timeout 3`). Tried in order, one line at a time, on a line
 * without its indentation; the first that matches masks the line.
 */
export const SECRETS: RegExp[] = [
  // ntp authentication-key 1 type md5 value "$9$…": the key number and type are not secret.
  new RegExp(String.raw`^(.*?\bauthentication-key \d+ type \S+ value )${VALUE}`),
  // The keywords Junos keeps secrets under. Not `authentication-order [ password radius ]`
  // nor the `system login password { format … }` policy, which name no secret.
  new RegExp(
    String.raw`^(?!.*\bauthentication-order\b)(?!.*\blogin password\b)(.*?\b(?:encrypted-password|simple-password|authentication-key|secret|pre-shared-key (?:ascii-text|hexadecimal)|password) )${VALUE}`,
  ),
  // A password inside a URL (archive sites, `pasvftp://user:password@host/`): only the password.
  /^(.*?[a-z][a-z0-9+.-]*:\/\/[^\s:/@"]+:)[^\s@"]+(?=@)/i,
  // An SNMP community is its own name: `set snmp community NAME authorization read-only`.
  new RegExp(String.raw`^((?:set |deactivate )?snmp community )${VALUE}`),
  // Any Junos-encrypted ($9$) or crypt ($1$, $5$, $6$) string, under a keyword not listed above.
  /^(.*?)"\$[1569]\$[^"]*"/,
  // Whatever Junos itself marks as a secret: the last value before `; ## SECRET-DATA`.
  new RegExp(String.raw`^(.*?)${VALUE}(?=;\s*## SECRET-DATA)`),
];
