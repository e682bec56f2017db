// Cisco IOS and IOS-XE, StackWise stacks included: the whole vendor in one declarative
// object, as Oxidized keeps a model to one short file (lib/oxidized/model/ios.rb). The
// parsers and the longer tables sit beside it (parse-*.ts, configure.ts, secrets.ts,
// snmp.ts, factory-default.ts). Everything here was checked against real captures
// (test/fixtures/real, see SOURCES.md there); the quirks they showed are noted where they
// shaped a pattern.

import type { Platform, PlatformConfigure } from '../platform.js';
import { groupOf, negate, replaces, typeBanner } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseStack } from './parse-stack.js';
import { parseVersion } from './parse-version.js';
import { SECRETS } from './secrets.js';
import { SNMP } from './snmp.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

// ---------------------------------------------------------------- prompt

// A hostname as IOS allows it, plus the characters Oxidized's IOS model accepts
// (`[\w.@()-]`); `/` and `:` appear in context names on some boxes.
const HOST = String.raw`[\w.@/:-]+?`;
// `(config)`, `(config-if)`, `(config-router-af)`, and the old `(vlan)` database mode.
const MODE = String.raw`(?:\([\w.@/:-]+\))?`;

/**
 * At the end of the buffer, alone on its line: `LAB-SW123_9200L#`, `sw1>`,
 * `sw1(config-if)#`. Anchored to the end of the whole buffer (no `m` flag) so
 * that config lines and `show` tables (`Switch#   Role …`) never match; a line
 * break or `\r` must come before it, since devices redraw the prompt after `\r`.
 */
const PROMPT = new RegExp(String.raw`(?:^|[\r\n])(${HOST})${MODE}[#>] ?$`);

// ---------------------------------------------------------------- volatile lines

/**
 * Lines IOS rewrites without any change to the configuration:
 * the header of `show running-config` / `show startup-config`, the change and
 * save stamps, and `ntp clock-period`, which NTP adjusts on its own.
 * Each is tested against one line at a time.
 */
const VOLATILE: RegExp[] = [
  /^Building configuration\.\.\.\s*$/,
  // `Current configuration : 20546 bytes`; some trains print `Current configuration:` alone.
  /^Current configuration\s*:(?:\s*\d+ bytes)?\s*$/,
  /^! Last configuration change at /,
  /^! NVRAM config last updated at /,
  /^! No configuration change since last restart\s*$/,
  /^ntp clock-period \d+\s*$/,
  // `Using 1366 out of 2097152 bytes`; compressed NVRAM adds `, uncompressed size = N bytes`.
  /^Using \d+ out of \d+ bytes\b/,
];

// ---------------------------------------------------------------- configuration mode (line-merge restore)

const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `sw(config)#`, `sw(config-if)#`, `sw(ca-trustpoint)#`, `sw(dhcp-config)#`: any mode in parentheses.
  inConfigMode: /\([\w.@/:-]+\)# ?$/,
  topLevel: /\(config\)# ?$/,
  // Any `%` line is a refusal (`% Invalid input`, `% Incomplete command`, `% Ambiguous command`,
  // `%Error …`, `% Bad mask`, `% VTP VLAN configuration not allowed …`), except a warning and
  // a syslog message the console shows (`%SYS-5-CONFIG_I: …`, `%LINK-3-UPDOWN: …`).
  errors: [/^%(?!\s*Warning)(?![A-Z0-9_]+-\d-[A-Z0-9_]+:)/im],
  // `% Ambiguous command:  "<the typed line>"`: the quote goes.
  refusalShown: (error) => error.replace(/:?\s*".*$/, ''),
  questions: [
    // `no username x`: "…Do you want to continue? [confirm]" — Enter confirms.
    { pattern: /\[confirm\]\s*$/, answer: '\n', for: /^no username \S+$/ },
  ],
  // Anything else that asks (`no crypto pki trustpoint` would destroy certificates) is declined:
  // Ctrl-C aborts any IOS question.
  unknownQuestion: /(?:\[confirm\]|\[yes\/no\]:?|\[no\]:|\? \[[^\]]*\]:?)\s*$/i,
  decline: '\x03',
  wholeBlocks: [/^certificate /],
  groupOf,
  // `version` follows the software, the boot markers bracket `boot system`: neither is configuration to push.
  // Lines that close a level (`exit-address-family`, `quit`) are never typed as configuration: restore
  // goes up by levels it knows it entered, and an extra `exit` at the top would leave configuration mode.
  unmanaged: [/^version \S+\s*$/, /^boot-start-marker\s*$/, /^boot-end-marker\s*$/, /^end\s*$/, /^(?:exit(?:-[\w-]+)?|quit)\s*$/],
  negate,
  replaces,
  // What acts instead of configuring when typed in configuration mode (`do` runs exec commands).
  execLevel: [
    /^do\s/,
    /^reload\b/,
    /^write\b/,
    /^erase\b/,
    /^delete\b/,
    /^format\b/,
    /^copy\s/,
    /^configure\s/,
    /^clear\s/,
    /^debug\s/,
    /^squeeze\b/,
    /^crypto key zeroize\b/,
  ],
  typeBanner,
};

// ---------------------------------------------------------------- the platform

export const ciscoIos: Platform = {
  name: 'cisco-ios',
  label: 'Cisco IOS / IOS-XE',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  loginQuestions: [
    // Console servers and some vty banners; Catalyst stacks print it after booting.
    { pattern: /Press RETURN to get started/i, answer: '\n' },
    { pattern: /Press any key to continue/i, answer: ' ' },
  ],
  session: {
    kind: 'cli',
    enable: {
      command: 'enable',
      unprivileged: /> ?$/,
      // Netmiko matches `ssword` for the same reason: some trains say `password:`.
      passwordPrompt: /ssword: ?$/i,
      // `% No password set`: enable was asked for, but the box has no enable secret.
      failure: /% ?(?:Access denied|Bad secrets|Bad passwords|No password set|Authentication failed)/i,
    },
  },
  setup: ['terminal length 0', 'terminal width 0'],
  // IOS: ` --More-- ` (erased with 9 backspaces, 8 spaces, 9 backspaces); older
  // trains and some modules: `-- More --`; ASA-derived code: `<--- More --->`,
  // listed first because `-- More --` is inside it.
  pagers: [/<--- More --->/, / ?--More-- ?/, / ?-- More -- ?/],
  pagerKey: ' ',
  commands: { running: 'show running-config', version: 'show version' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    complete: /^end\s*$/m,
    endLine: /^end\s*$/,
    completeSays: 'no `end` line',
    // `banner motd ^C` … `^C`: IOS shows the delimiter Ctrl-C as the two characters `^C`;
    // a banner typed with another delimiter keeps it (`banner login #`).
    multiLine: { start: /^banner \S+ (\^C|\S)(.*)$/, shownAs: { '\x03': '^C' } },
  },
  errors: [/^% ?Invalid input/m, /^% ?Incomplete command/m, /^% ?Ambiguous command/m, /^% ?Unknown command/m, /^%Error/m],
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: {
    from: 'command',
    command: 'show startup-config',
    // `%% Non-volatile configuration memory has not been set up`: older trains after `write erase`.
    empty: /startup-config is not present|Non-volatile configuration memory has not been set up/i,
  },
  unsaved: { kind: 'running-vs-startup' },
  restore: [
    { kind: 'line-merge', configure: CONFIGURE },
    // IOS fetches the file itself; `force` skips the "Enter Y if you are sure" question.
    {
      kind: 'file-replace',
      via: 'tftp',
      url: (address, filename) => `tftp://${address}/${filename}`,
      command: (url) => `configure replace ${url} force`,
      ok: /Rollback Done|Total number of passes/i,
      failed: /^%/m,
    },
  ],
  persist: { kind: 'save', command: 'write memory', ok: /\[OK\]/, words: 'write memory' },
  stack: {
    model: 'stackwise',
    roleWords: { active: 'active', standby: 'standby', member: 'member' },
    // `detail` is `show switch` plus the stack-port table: one command for both.
    command: 'show switch detail',
    parse: parseStack,
  },
  snmp: SNMP,
  // Oxidized `ios` (iosxe.rb is `IOSXE = IOS`; its list also puts DCN switches on `ios`); RANCID
  // `cisco` and its alias `ios` (base types: "IOS device & Allied Telesis AW+"); Ansible cisco.ios.
  importNames: { oxidized: ['ios', 'iosxe'], rancid: ['cisco', 'ios'], ansible: ['cisco.ios.ios', 'ios'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};

// The parsers, for tests and for other platforms that share IOS's formats.
export { isFactoryDefault } from './factory-default.js';
export { normaliseState, parseStack } from './parse-stack.js';
export { parseUptime, parseVersion } from './parse-version.js';
export { CONFIG_COPY_MIB, parseSwitchInfoTable } from './snmp.js';
