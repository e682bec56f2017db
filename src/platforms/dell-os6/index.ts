// Dell OS6 (Dell Networking N1100/N2000/N3000/N4000), stacks included: the whole vendor in one
// declarative object. OS6 is FASTPATH-derived, like Broadcom EFOS, whose recorded session the
// engine is tested on. The parsers and tables sit beside it (parse-*.ts, configure.ts,
// volatile.ts, snmp.ts, factory-default.ts). Checked against real captures (test/fixtures/real,
// SOURCES.md there); what no capture shows is marked assumed in docs/PLATFORMS.md.

import type { Platform } from '../platform.js';
import { CONFIGURE, ERRORS, HIERARCHY } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseStack } from './parse-stack.js';
import { parseVersion } from './parse-version.js';
import { SNMP } from './snmp.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

// ---------------------------------------------------------------- prompt

const HOST = String.raw`[\w.@/:-]+?`;
// `(config)`, `(config-if-Te1/0/1)`, `(config-vlan666)`; EFOS puts a space before it: `(sw) (Config)#`.
const MODE = String.raw`(?: ?\([\w.@/: -]+\))?`;

/**
 * At the end of the buffer, alone on its line: `console#`, `console>`, `console(config-if-Te1/0/1)#`;
 * FASTPATH/EFOS wraps the hostname in parentheses: `(Metro_Switch_A_1)#`. Group 1 is the hostname
 * as the prompt prints it, parentheses included, so that the engine's exact prompt (group 1, an
 * optional mode, `#`/`>`) matches it. Anchored to the end of the whole buffer, after a line break or `\r`.
 */
const PROMPT = new RegExp(String.raw`(?:^|[\r\n])(\(${HOST}\)|${HOST})${MODE}[#>] ?$`);

/** What `copy running-config startup-config` asks before saving (N3048; fake-switches' Dell models). */
export const SAVE_QUESTION = { pattern: /Are you sure you want to save\? \(y\/n\) ?$/, answer: 'y' };

export const dellOs6: Platform = {
  name: 'dell-os6',
  label: 'Dell OS6 (N-series)',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  loginQuestions: [{ pattern: /Press any key to continue/i, answer: ' ' }],
  session: {
    kind: 'cli',
    enable: {
      command: 'enable',
      unprivileged: /> ?$/,
      passwordPrompt: /[Pp]assword: ?$/,
      failure: /(?:Incorrect|Bad) [Pp]assword|Access denied|Authentication failed/i,
    },
  },
  setup: ['terminal length 0'],
  // `--More-- or (q)uit` on FASTPATH; `--More--` on PowerConnect.
  pagers: [/--More--(?: or \(q\)uit)?\s*$/],
  pagerKey: ' ',
  commands: { running: 'show running-config', version: 'show version' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: HIERARCHY,
    complete: { kind: 'prompt-returned', header: /^!Current Configuration:\s*$/, within: 5, minLines: 1 },
    completeSays: 'not a whole configuration',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: {
    from: 'command',
    command: 'show startup-config',
    // After `erase startup-config` (assumed wording; FASTPATH says the file does not exist).
    empty: /Startup configuration file does not exist|startup-config (?:file )?(?:is not present|does not exist)|No startup configuration/i,
  },
  unsaved: { kind: 'running-vs-startup' },
  restore: [{ kind: 'line-merge', configure: CONFIGURE }],
  persist: {
    kind: 'save',
    command: 'copy running-config startup-config',
    ok: /Configuration Saved!/,
    words: 'copy running-config startup-config',
    questions: [SAVE_QUESTION],
  },
  stack: {
    model: 'backplane',
    roleWords: { active: 'management unit', standby: 'standby', member: 'member' },
    command: 'show switch',
    parse: parseStack,
  },
  snmp: SNMP,
  // Oxidized os6.rb (not powerconnect.rb: that model also serves Allied Telesis and TP-Link
  // switches); RANCID has no OS6 type (its `dell` is the DES series, its `smc` spans SMC and
  // older PowerConnect too); Ansible dellemc.os6 (`dellos6` before collections).
  importNames: { oxidized: ['os6'], ansible: ['dellemc.os6.os6', 'dellos6'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};

export { isFactoryDefault } from './factory-default.js';
export { normaliseUnitState, parseStack } from './parse-stack.js';
export { parseVersion } from './parse-version.js';
export { parseUnitTable, UNIT_ENTRY } from './snmp.js';
export { parseStackPorts, stackLinks } from './parse-stack-ports.js';
