// Aruba AOS-CX (6100/6200/6300/6400 and 83xx; VSF stacks on 6200/6300): the platform as data.
// An IOS-like manager CLI (`host# `, `configure terminal`, four-space indented contexts) with
// no end marker on its configurations, CRLF line ends on some releases (the engine reads both),
// a separate startup configuration (`write memory` saves), and its own safety net for changes:
// `checkpoint auto N` keeps the running configuration and puts it back by itself after N
// minutes unless `checkpoint auto confirm` is typed — the commit-confirmed strategy with the
// timer first. Sources: ../shared/PLATFORM-FACTS.md §5, the HPE AOS-CX CLI guides, and the
// real captures in test/fixtures/real (SOURCES.md); what is assumed is said where it is used.

import type { PlatformConfigure, Platform } from '../platform.js';
import { groupOf, negate, replaces } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseVersion } from './parse-version.js';
import { parseVsfMemberTable, VSF_MEMBER_ENTRY } from './parse-vsf-mib.js';
import { parseVsfDetail } from './parse-vsf.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * `TEST-SW1235# ` (all four recordings end every answer with the name, `#` and a space),
 * `sw(config)# `, `sw(config-if)# `, `sw> ` for an operator. At the end of the buffer, after a
 * line break or the `\r` a redraw starts with (Oxidized's prompt list: `\rssh prompt# `,
 * which also shows a name with a space in it). Group 1 is the hostname.
 */
const PROMPT = /(?:^|[\r\n])([\w.-]+(?: [\w.-]+)*?)(?:\([\w./:-]+\))?[#>] ?$/;

/**
 * What AOS-CX prints when it refuses a command: `Invalid input: WORD`, `Command incomplete.`,
 * `Unknown command.`, `% …` lines. Assumed from operators' transcripts (no capture of a refusal
 * is among the recordings). Anchored at a line start so no configuration line matches.
 */
const ERRORS: RegExp[] = [/^\s*Invalid input: /m, /^\s*%?\s*Command incomplete\.?\s*$/m, /^\s*%?\s*Unknown command\.?\s*$/m, /^%\s*\S/m];

const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `sw(config)# `, `sw(config-if)# `, `sw(config-vlan-10)# `, `sw(config-lag-if)# `.
  inConfigMode: /\([\w./:-]*config[\w./:-]*\)# ?$/,
  topLevel: /\(config\)# ?$/,
  errors: ERRORS,
  // `Invalid input: <word>` names the word that was refused, which may be a secret.
  refusalShown: (error) => error.replace(/(Invalid input:).*$/, '$1 …'),
  questions: [],
  // `Do you want to continue (y/n)?` and the like: declined.
  unknownQuestion: /(?:\((?:y\/n|yes\/no)\)|\[(?:y\/n|yes\/no)\])\??\s*$/i,
  decline: 'n\n',
  wholeBlocks: [],
  groupOf,
  // Comments (`!Version …`, `!export-password: default`) are not configuration anyway; `exit`
  // closes a context restore entered itself.
  unmanaged: [/^exit$/, /^end$/],
  negate,
  replaces,
  execLevel: [/^do\s/, /^reload\b/, /^write\b/, /^erase\b/, /^copy\s/, /^checkpoint\s/, /^boot\s/, /^configure\b/, /^clear\s/, /^debug\s/],
  typeBanner: (unit) => unit,
};

export const arubaAoscx: Platform = {
  name: 'aruba-aoscx',
  label: 'Aruba AOS-CX',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  // Oxidized's aoscx model answers these two (a console server's banner, a VSF member's pick).
  loginQuestions: [
    { pattern: /Press any key to continue/i, answer: ' ' },
    { pattern: /Enter switch number/i, answer: '\n' },
  ],
  // The recorded logins land at `#`, the manager context; an operator's `>` is not handled (assumed none).
  session: { kind: 'cli' },
  // `no page` (all four recordings answer it with the prompt alone).
  setup: ['no page'],
  // `-- MORE --, next page: Space, next line: Enter, quit: Control-C` (assumed; `no page` turns it off).
  pagers: [/-- MORE --.*$/],
  pagerKey: ' ',
  commands: { running: 'show running-config', version: 'show version' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    // No end marker (four recordings): the prompt returned, `!Version ArubaOS-CX …` (`AOS-CX` from 10.15) among the first lines.
    complete: { kind: 'prompt-returned', header: /^!Version (?:ArubaOS|AOS)-CX /, within: 5, minLines: 3 },
    completeSays: 'not a whole configuration',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  // `show startup-config` starts `Startup configuration:` (HPE 10.03 guide); with none saved it
  // prints a message instead of a configuration (its words assumed: "No saved configuration").
  startup: { from: 'command', command: 'show startup-config', empty: /no (?:saved|startup) config/i },
  // Unsaved is running compared with startup, both read whole. `checkpoint diff startup-config
  // running-config` exists (HPE 8400 10.01 guide; the real 6410 capture has an alias for it) but
  // its output is shown in the guides only in part, so the comparison is switchback's own.
  unsaved: { kind: 'running-vs-startup' },
  restore: [
    {
      kind: 'commit-confirmed',
      // No candidate: the timer and its confirmation are exec commands; configuration mode is the line-merge data's.
      enter: 'configure terminal',
      entered: /\(config\)# ?$/,
      load: { kind: 'typed', timerFirst: true },
      compare: '',
      // HPE AOS-CX 10.02–10.04 guides, `checkpoint auto`: "Auto checkpoint mode expires in 20 minute(s)";
      // unconfirmed: "WARNING: Restoring configuration…", "Restoration successful".
      confirmed: (minutes) => `checkpoint auto ${minutes}`,
      confirmedOk: /Auto checkpoint mode expires in \d+ minute/,
      commit: () => 'checkpoint auto confirm',
      commitOk: /checkpoint AUTO\d+ created/,
      discard: 'end',
      leave: 'end',
      errors: ERRORS,
      minutes: 5,
    },
    { kind: 'line-merge', configure: CONFIGURE },
  ],
  // `write memory` is `copy running-config startup-config` and prints `Success` (HPE 10.03 guide);
  // later releases are said to print `Copying configuration: [Success]` (assumed): both match.
  persist: { kind: 'save', command: 'write memory', ok: /\bSuccess\b/, words: 'write memory' },
  stack: {
    model: 'vsf',
    roleWords: { active: 'conductor', standby: 'standby', member: 'member' },
    command: 'show vsf detail',
    parse: parseVsfDetail,
  },
  snmp: {
    detect: {
      // wndDeviceIds under arubaWiredNetworking (ARUBAWIRED-NETWORKING-OID): every AOS-CX switch.
      sysObjectIdPrefixes: ['1.3.6.1.4.1.47196.4.1.1.1.'],
      sysDescr: /\b(?:ArubaOS|AOS)-CX\b/i,
    },
    stack: { table: VSF_MEMBER_ENTRY, parse: parseVsfMemberTable },
  },
  // Oxidized aoscx.rb; RANCID has no AOS-CX type; Ansible arubanetworks.aoscx.
  importNames: { oxidized: ['aoscx'], ansible: ['arubanetworks.aoscx.aoscx', 'aoscx'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};
