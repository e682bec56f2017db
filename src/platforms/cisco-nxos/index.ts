// Cisco NX-OS (Nexus 3000/5000/7000/9000): the platform as data. An IOS-like CLI that logs in
// privileged (`host# `, no enable), two-space indented configuration with no end marker (the
// prompt's return vouches for a whole capture), a separate startup configuration saved with
// `copy running-config startup-config`, and its own safety net for changes: a named checkpoint
// of running and an atomic rollback to it — the checkpoint-rollback strategy. No stacking: two
// Nexus stand as a vPC pair, each its own device (`pair`). Sources: ../shared/PLATFORM-FACTS.md
// §2, the real captures in test/fixtures/real (SOURCES.md), Cisco's NX-OS configuration guides
// (rollback chapter); what is assumed is said where it is used.

import type { Platform, PlatformConfigure } from '../platform.js';
import { groupOf, negate, replaces } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseVersion } from './parse-version.js';
import { parseVpc } from './parse-vpc.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * `TEST-12345# ` drawn after `\r` (both recordings), `sw(config)# `, `sw(config-if)# `,
 * `sw(config-vpc-domain)# `. Group 1 is the hostname. Only `#`: NX-OS logs in privileged.
 */
const PROMPT = /(?:^|[\r\n])([\w.@_-]+)(?:\([\w./:-]+\))?# ?$/;

/**
 * `% Invalid command at '^' marker.` (the real N5548 recording), `% Incomplete command …`,
 * `% Invalid parameter detected …`, and `ERROR: …` lines some features print (assumed).
 */
const ERRORS: RegExp[] = [/^\s*% (?:Invalid|Incomplete|Ambiguous|Permission denied)/m, /^ERROR: /m];

const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  inConfigMode: /\(config[\w./:-]*\)# ?$/,
  topLevel: /\(config\)# ?$/,
  errors: ERRORS,
  // The `^` marker line points into the typed line (which may hold a secret): shown without it.
  refusalShown: (error) =>
    error
      .split('\n')
      .filter((l) => !/^\s*\^\s*$/.test(l))
      .join(' ')
      .trim(),
  questions: [],
  // `Do you want to continue? (y/n) [n]`: declined.
  unknownQuestion: /\((?:y\/n|yes\/no)\)\s*(?:\[\w+\])?\s*$/i,
  decline: 'n\n',
  wholeBlocks: [],
  groupOf,
  // `version 10.4(5)` changes with an upgrade only.
  unmanaged: [/^version /, /^exit$/, /^end$/],
  negate,
  replaces,
  execLevel: [/^do\s/, /^reload\b/, /^write\b/, /^copy\s/, /^checkpoint\b/, /^rollback\s/, /^configure\b/, /^clear\s/, /^debug\s/, /^install\s/],
  typeBanner: (unit) => unit,
};

export const ciscoNxos: Platform = {
  name: 'cisco-nxos',
  label: 'Cisco NX-OS',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  loginQuestions: [],
  session: { kind: 'cli' },
  // `terminal length 0` (both recordings answer it with the prompt alone).
  setup: ['terminal length 0'],
  // `--More--` (unicon's NX-OS mock), should paging stay on.
  pagers: [/--More--\s*$/],
  pagerKey: ' ',
  commands: { running: 'show running-config', version: 'show version' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    // No end marker (both recordings, napalm): the prompt returned, `version …` among the first lines.
    complete: { kind: 'prompt-returned', header: /^version \d/, within: 5, minLines: 3 },
    completeSays: 'not a whole configuration',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  // With nothing saved NX-OS is said to print a message instead of a configuration (words assumed).
  startup: { from: 'command', command: 'show startup-config', empty: /no startup[- ]config|startup-config is not present/i },
  // Unsaved is running compared with startup (napalm's real pair differs in snmp and mac lines).
  unsaved: { kind: 'running-vs-startup' },
  restore: [
    {
      kind: 'checkpoint-rollback',
      // `checkpoint NAME` prints dots then `Done` (assumed from Cisco's examples); names up to 75 characters, no spaces.
      checkpoint: (name) => `checkpoint ${name}`,
      taken: /\bDone\b/,
      // Atomic: applied only if no error occurs (Cisco NX-OS rollback chapter, 9000 10.5x / 3600 10.5x guides).
      rollback: (name) => `rollback running-config checkpoint ${name} atomic`,
      // `Rollback completed successfully.` (assumed); failure `Rollback failed.` (napalm nxos_ssh).
      ok: /Rollback completed successfully/i,
      remove: (name) => `no checkpoint ${name}`,
      errors: [...ERRORS, /Rollback failed/i],
    },
    { kind: 'line-merge', configure: CONFIGURE },
  ],
  // `copy running-config startup-config` prints a progress bar then `Copy complete.` (assumed; netmiko waits long for it).
  persist: { kind: 'save', command: 'copy running-config startup-config', ok: /Copy complete/i, words: 'copy running-config startup-config' },
  pair: {
    model: 'vpc',
    command: 'show vpc',
    parse: parseVpc,
    roleWords: { primary: 'primary', secondary: 'secondary' },
  },
  snmp: {
    detect: {
      // ciscoNexus… sysObjectIDs sit under ciscoProducts (1.3.6.1.4.1.9.12.3.1.3.) (assumed); sysDescr names NX-OS.
      sysObjectIdPrefixes: ['1.3.6.1.4.1.9.12.3.1.3.'],
      sysDescr: /\bNX-OS\b|Cisco Nexus Operating System/,
    },
  },
  // Oxidized nxos.rb; RANCID `cisco-nx` and its alias `ios-nx`; Ansible cisco.nxos.
  importNames: { oxidized: ['nxos'], rancid: ['cisco-nx', 'ios-nx'], ansible: ['cisco.nxos.nxos', 'nxos'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};
