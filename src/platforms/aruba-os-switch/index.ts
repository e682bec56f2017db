// HPE ArubaOS-Switch (and the ProCurve releases before it): 2920/2930M/3810 backplane
// stacks and standalone switches, as data. Read with `show running-config` and, for what
// boots, `show config`; unsaved is the difference between the two (the real pair differs
// only in its header line); saved with `write memory`; restored by typing the differences in
// configuration mode (no confirm-or-revert on this OS), verified, then saved. The logout
// asks whether to save: switchback answers no (saving is `persist`, never a side effect of
// leaving). Sources: ../shared/PLATFORM-FACTS.md §6, Oxidized's procurve model, netmiko's
// hp_procurve driver, and the real captures in test/fixtures/real (SOURCES.md).

import type { Platform } from '../platform.js';
import { CLOSE, HEADER, OPENS, SECRETS, VOLATILE } from './config-text.js';
import { CONFIGURE } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseStack } from './parse-stacking.js';
import { parseVersion } from './parse-system.js';
import { SNMP } from './snmp.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * `HP-E2910al-48G-PoE# `, `sw> ` (operator), `sw(config)# `, `sw(eth-1)# `, `sw(vlan-2)# `,
 * as the last line once the terminal's VT100 codes are gone (the engine strips them: the
 * telnet prompt sits behind `ESC[24;1H`). Oxidized allows spaces in the name
 * (`[\w\s.-]+# `); group 1 is the name.
 */
const PROMPT = /^\r?([\w.-](?:[\w .-]*[\w.-])?)(?:\([\w.\/-]+\))?[#>] ?$/;

/** Errors any command may print: `Invalid input: <word>` (OX procurve.rb). */
const ERRORS: RegExp[] = [/^\s*Invalid input\b/m, /^\s*(?:Ambiguous|Incomplete) input\b/m];

export const arubaOsSwitch: Platform = {
  name: 'aruba-os-switch',
  label: 'HPE ArubaOS-Switch / ProCurve',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  loginQuestions: [
    // After the login banner, behind VT100 codes (exscript banners hp_pro_curve.1/.2); Oxidized sends a space.
    { pattern: /Press any key to continue/i, answer: ' ' },
    // Some chassis ask which member's console to reach (OX procurve.rb).
    { pattern: /Enter switch number/i, answer: '\n' },
  ],
  session: {
    kind: 'cli',
    // `no page` needs the manager level: an operator login (`sw> `) types `enable` (NM hp_procurve.py).
    enable: {
      command: 'enable',
      unprivileged: /> ?$/,
      passwordPrompt: /ssword: ?$/i,
      failure: /Invalid password|Access denied|Authentication failed/i,
    },
    // OX procurve.rb `logout\ny\nn`; NM hp_procurve.py: `Do you want to log out` → y, `Do you want to
    // save the current configuration` → n. Never saved by leaving.
    logout: {
      command: 'logout',
      questions: [
        { pattern: /Do you want to log out[^?]*\?\s*$/i, answer: 'y' },
        { pattern: /Do you want to save (?:the )?current configuration[^?]*\?\s*$/i, answer: 'n' },
      ],
    },
  },
  setup: ['no page'],
  // `-- MORE --, next page: Space, next line: Enter, quit: Control-C` (known from code only).
  pagers: [/-- MORE --, next page: Space, next line: Enter, quit: Control-C/],
  pagerKey: ' ',
  // `show version` prints only the image stamp; `show system` has name, revision, serial, uptime.
  commands: { running: 'show running-config', version: 'show system' },
  syntax: {
    comment: /^\s*;/,
    hierarchy: { kind: 'exit-closed', opens: OPENS, close: CLOSE, frame: [] },
    complete: { kind: 'prompt-returned', header: HEADER, within: 5, minLines: 3 },
    completeSays: 'not a whole ArubaOS-Switch configuration',
    // `banner motd "…"`: the quote opens a value that may run over lines (unverified).
    multiLine: { start: /^banner \S+ (")(.*)$/ },
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: {
    from: 'command',
    command: 'show config',
    // After `erase startup-config` (unverified wording).
    empty: /(?:startup|start-up) config(?:uration)? (?:is )?(?:empty|not present)/i,
  },
  // `show config status` would say it in words, but its wording is unverified: running vs startup decides.
  unsaved: { kind: 'running-vs-startup' },
  restore: [{ kind: 'line-merge', configure: CONFIGURE }],
  // `write memory` prints nothing before the prompt returns on the captures known (unverified):
  // any answer without an error is success.
  persist: { kind: 'save', command: 'write memory', ok: /^(?![\s\S]*(?:Invalid input|Error|failed))/i, words: 'write memory' },
  stack: {
    // 2920/2930M/3810: backplane stacking. A 2930F/5400R stacks by VSF instead and has no
    // stacking command (refused: `Invalid input`, assumed — no capture shows the refusal), so
    // the VSF read is tried next: `show vsf detail` prints the same member blocks (real
    // capture: ntc-templates hp_procurve/show_vsf_detail) with the same role words. Which one
    // answered decides the rule: a backplane stack whose commander and standby are both lost
    // re-elects and reloads; a VSF fabric without either stops forwarding.
    model: 'backplane',
    roleWords: { active: 'commander', standby: 'standby', member: 'member' },
    command: 'show stacking detail',
    parse: parseStack,
    alternatives: [{ model: 'vsf', roleWords: { active: 'commander', standby: 'standby', member: 'member' }, command: 'show vsf detail', parse: parseStack }],
  },
  snmp: SNMP,
  // Oxidized procurve.rb and aoss.rb ("HPE Aruba Networking Switch Operating System"); RANCID `hp`
  // ("HP Procurve switch", Aruba 2530 and 5400R); Ansible arubanetworks.aos_switch (`arubaoss`).
  importNames: { oxidized: ['procurve', 'aoss'], rancid: ['hp'], ansible: ['arubanetworks.aos_switch.arubaoss', 'arubaoss'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};

export { parseStack, parseStackSummary, normaliseStatus } from './parse-stacking.js';
export { parseVersion, parseUptime } from './parse-system.js';
export { parseStackMemberTable } from './snmp.js';
