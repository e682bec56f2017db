// Dell SmartFabric OS10 (S-series / Z-series data-centre switches), VLT pairs included: the whole
// vendor in one declarative object. The parsers and tables sit beside it (parse-*.ts,
// configure.ts, volatile.ts, snmp.ts, factory-default.ts). Checked against real captures
// (test/fixtures/real, SOURCES.md there); what no capture shows is marked assumed in docs/PLATFORMS.md.

import type { Platform } from '../platform.js';
import { CONFIGURE, ERRORS } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseVersion } from './parse-version.js';
import { parseVlt } from './parse-vlt.js';
import { SNMP } from './snmp.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * At the end of the buffer, alone on its line: `OS10#`, `Leaf-5-Dell#`, `OS10(config)#`,
 * `OS10(conf-if-eth1/1/1)#` (Oxidized's `^([\w.@-]+[#>]\s?)$`, netmiko's `[>#]`, with the mode).
 */
const PROMPT = /(?:^|[\r\n])([\w.@-]+?)(?:\([\w./: -]+\))?[#>] ?$/;

export const dellOs10: Platform = {
  name: 'dell-os10',
  label: 'Dell SmartFabric OS10',
  words: { running: 'running-configuration', startup: 'startup-configuration' },
  prompt: PROMPT,
  loginQuestions: [],
  // A sysadmin login lands at `#` (netmiko's dell_os10 has no enable step).
  session: { kind: 'cli' },
  setup: ['terminal length 0'],
  // OS10's pager (**unverified**: paging is off once `terminal length 0` is typed).
  pagers: [/--more--\s*$/i],
  pagerKey: ' ',
  // The version as XML (`| display-xml`), the form the real capture and NAPALM's driver read.
  commands: { running: 'show running-configuration', version: 'show version | display-xml' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    // No end marker: the real running capture ends on its last line of configuration. Running
    // opens with `! Version …`; the real startup prints no header and opens with a top-level line
    // (`snmp-server contact …`). One rule serves both, so the header is either: a capture cut at
    // its head (starting inside a block, indented) is still caught; a cut tail is the prompt's to vouch for.
    complete: { kind: 'prompt-returned', header: /^(?:! Version \d|[a-z])/, within: 5, minLines: 3 },
    completeSays: 'not a whole configuration',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: {
    from: 'command',
    command: 'show startup-configuration',
    // After `delete startup-configuration` (**unverified** wording).
    empty: /No such file|startup-configuration (?:does not exist|is not present)/i,
  },
  unsaved: { kind: 'running-vs-startup' },
  restore: [{ kind: 'line-merge', configure: CONFIGURE }],
  persist: {
    kind: 'save',
    command: 'copy running-configuration startup-configuration',
    // It prints nothing when it saved (**unverified**; netmiko's save waits for the prompt only):
    // success is the prompt returning without an error.
    ok: /^(?![\s\S]*% ?Error)/i,
    words: 'copy running-configuration startup-configuration',
  },
  pair: {
    model: 'vlt',
    // `show vlt <domain-id>`, the documented form, with the inventory's `pair.domain` (the
    // schema requires one on every pair, so there is no domain-less fallback). Dell's own
    // Ansible validation reads the domain first and runs `show vlt <domain> | display-xml`;
    // both real outputs are `show vlt <id>` (test/fixtures/real/os10-vlt). `show vlt all` is
    // seen only as a show-tech section title, never typed: not used.
    command: ({ domain }) => `show vlt ${domain}`,
    // `vlt-domain 1` in the configuration, `Domain ID : 1` in the real outputs: a number.
    domain: { valid: /^\d+$/, says: 'a whole number, the N of `vlt-domain N`' },
    parse: parseVlt,
    roleWords: { primary: 'primary', secondary: 'secondary' },
  },
  snmp: SNMP,
  // Oxidized os10.rb; RANCID `dnos10` ("Dell NOS10 device (*NOT* Force 10)"); Ansible dellemc.os10
  // (`dellos10` before collections).
  importNames: { oxidized: ['os10'], rancid: ['dnos10'], ansible: ['dellemc.os10.os10', 'dellos10'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};

export { isFactoryDefault } from './factory-default.js';
export { parseVersion, xmlValue } from './parse-version.js';
export { parseVlt } from './parse-vlt.js';
