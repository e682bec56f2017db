// Arista EOS (7000-series data-centre switches, vEOS/cEOS): the platform as data. An IOS-like CLI
// (`host#`, three-space indented sub-modes, `end` closes every configuration), a separate startup
// configuration (`copy running-config startup-config` saves), no stacking (two switches stand as
// an MLAG pair instead: `pair`), and its own safety net for changes: a configuration session that
// starts empty (`rollback clean-config`), takes the whole target, shows its differences from running
// (`show session-config diffs`), and is committed with `commit timer` — EOS puts the previous
// configuration back by itself unless the session is committed again before the timer ends.
// Sources: ../shared/PLATFORM-FACTS.md §3, the NAPALM EOS driver, Oxidized's eos model and the real
// captures in test/fixtures/real (SOURCES.md); what is assumed is said where it is used.

import type { Platform, PlatformConfigure } from '../platform.js';
import { groupOf, negate, replaces } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { parseMlag } from './parse-mlag.js';
import { parseVersion } from './parse-version.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * `eos-test-01#` (the real 4.29 recording), `localhost>` before `enable` and `hostname(s1)#` (exscript's
 * EOS banners: a prompt format with the supervisor slot), `sw(config)#`, `sw(config-if-Et1)#`, and in a
 * configuration session `test(s2)(config-s-ansible)#`, `test(s2)(config-s-ansible-acl-TESTACL1)#` (a real
 * transcript in ansible-collections/arista.eos issue 476: the session's name in full, the sub-mode after
 * it). At the end of the buffer after a line break; group 1 is the hostname.
 */
const PROMPT = /(?:^|[\r\n])([\w.-]+)(?:\([\w./:-]+\))*[#>] ?$/;

/**
 * What EOS prints when it refuses a command: `% Invalid input`, `% Incomplete command`,
 * `% Ambiguous command`, `% Bad secret` (exscript eos.5), every one a `% ` line. Anchored at a line
 * start so no configuration line (`!` comments, indented lines) matches.
 */
const ERRORS: RegExp[] = [/^% ?\S/m];

const CONFIGURE: PlatformConfigure = {
  enter: 'configure terminal',
  leave: 'end',
  up: 'exit',
  // `sw(config)#`, `sw(config-if-Et1)#`, `sw(config-s-NAME)#`, `sw(config-s-NAME-if-Et1)#`.
  inConfigMode: /\(config[\w./:-]*\)# ?$/,
  // The top: `(config)` or a session's `(config-s-NAME)`. A sub-mode follows the name after a dash
  // (`config-s-ansible-acl-TESTACL1`), so a name with a dash in it is told from a sub-mode only when
  // its form is known: switchback's own sessions are `switchback-` and eight hex digits.
  topLevel: /\(config(?:-s-switchback-[0-9a-f]{8}|-s-[\w.]+)?\)# ?$/,
  errors: ERRORS,
  // `% Invalid input (at token 4: 'x')` names the token refused, which may be a secret.
  refusalShown: (error) => error.replace(/\(at token.*$/, '(at token …)'),
  questions: [],
  // A question at the end of the output (`[confirm]`, `(y/n)`): declined.
  unknownQuestion: /(?:\[confirm\]|\((?:y\/n|yes\/no)\)|\[(?:y\/n|yes\/no)\])\??\s*$/i,
  decline: 'n\n',
  wholeBlocks: [],
  groupOf,
  // `end` closes every configuration EOS prints: structure, not a line to type (typed, it would leave).
  unmanaged: [/^end$/],
  negate,
  replaces,
  execLevel: [
    /^do\s/,
    /^reload\b/,
    /^write\b/,
    /^erase\b/,
    /^copy\s/,
    /^configure\b/,
    /^clear\s/,
    /^debug\s/,
    /^bash\b/,
    /^rollback\b/,
    /^commit\b/,
    /^abort$/,
  ],
  typeBanner: (unit) => unit,
};

export const aristaEos: Platform = {
  name: 'arista-eos',
  label: 'Arista EOS',
  words: { running: 'running-config', startup: 'startup-config' },
  prompt: PROMPT,
  loginQuestions: [],
  // Oxidized's eos model types `enable` when the login lands at `>` and answers `Password:` (eos.rb:37-45);
  // `% Bad secret` is the refusal (exscript eos.5).
  session: {
    kind: 'cli',
    enable: { command: 'enable', unprivileged: /> ?$/, passwordPrompt: /[pP]assword: ?$/, failure: /% ?Bad secret|% ?Authorization denied/i },
  },
  // `terminal length 0` → `Pagination disabled.`, `terminal width 511` → `Width set to 511 columns.` (netmiko arista.py).
  setup: ['terminal length 0', 'terminal width 511'],
  // EOS pages with `--More--` when paging is on (assumed; paging is turned off first).
  pagers: [/ ?--More-- ?$/],
  pagerKey: ' ',
  // Oxidized's eos model (eos.rb:32) and the real 4.29 recording: paging off for this command too,
  // and the clock line left out by the switch itself (VOLATILE drops it anyway when it is there).
  commands: { running: 'show running-config | no-more | exclude ! Time:', version: 'show version' },
  syntax: {
    comment: /^\s*!/,
    hierarchy: 'indent',
    // `end` closes every configuration EOS prints (the real recording; the napalm captures, whose
    // mock indents it).
    complete: /^[ \t]*end[ \t]*$/m,
    endLine: /^end\s*$/,
    completeSays: 'no `end` line',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  // With nothing saved EOS prints nothing (assumed; its startup-config file is absent).
  startup: { from: 'command', command: 'show startup-config', empty: /^\s*$|No such file/ },
  // Unsaved is running compared with startup, both read whole (the napalm pair compares equal, as it
  // says). EOS has `show running-config diffs` (NAPALM uses it); its output format is not among the
  // captures, so the comparison is switchback's own.
  unsaved: { kind: 'running-vs-startup' },
  restore: [
    {
      kind: 'commit-confirmed',
      // A named session, new for each run (NAPALM eos.py:417): a run never meets another's leftovers.
      enter: (name) => `configure session ${name}`,
      // EOS says nothing on entering a session; a refusal is caught by `errors`, and every typed line checks the prompt.
      entered: /^/,
      // The session starts as running; `rollback clean-config` empties it, so the whole target is typed (NAPALM eos.py:418).
      load: { kind: 'typed', clear: 'rollback clean-config' },
      // A unified diff of running against the session (NAPALM's `show session-config named S diffs`, in-session form).
      compare: 'show session-config diffs',
      // `commit timer hh:mm:ss` (NAPALM eos.py:505): committed now, rolled back when the timer ends
      // unless committed again. EOS prints nothing (assumed): refusals are caught by `errors`.
      confirmed: (minutes) => `commit timer ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`,
      confirmedOk: /^/,
      // NAPALM's confirm: `configure session S` then `commit` (eos.py:339-345).
      commit: () => 'commit',
      commitOk: /^/,
      // `abort` leaves the session and throws it away (assumed from EOS's session mode).
      discard: 'abort',
      leave: 'end',
      errors: ERRORS,
      minutes: 5,
    },
    { kind: 'line-merge', configure: CONFIGURE },
  ],
  // `copy running-config startup-config` prints `Copy completed successfully.` (assumed; `write memory` is its alias).
  persist: { kind: 'save', command: 'copy running-config startup-config', ok: /Copy completed successfully/, words: 'copy running-config startup-config' },
  pair: {
    model: 'mlag',
    // `show mlag detail`: `show mlag`'s sections plus `MLAG Detailed Status`, which names the role.
    command: 'show mlag detail',
    parse: parseMlag,
    roleWords: { primary: 'primary', secondary: 'secondary' },
  },
  snmp: {
    detect: {
      // aristaProducts (ARISTA-SMI-MIB): every EOS switch's sysObjectID.
      sysObjectIdPrefixes: ['1.3.6.1.4.1.30065.1.'],
      // `Arista Networks EOS version 4.29.2F running on an Arista Networks DCS-7050SX3-48YC8` (assumed wording).
      sysDescr: /\bArista Networks EOS\b/,
    },
    // aristaCmdHistoryRunningLastChanged (ARISTA-CONFIG-MAN-MIB): no startup counterpart, so a hint only.
    unsaved: { kind: 'running-changed', runningLastChanged: '1.3.6.1.4.1.30065.3.9.1.1.1.0', bootApplySeconds: 120 },
  },
  // Oxidized eos.rb; RANCID `arista`; Ansible arista.eos.
  importNames: { oxidized: ['eos'], rancid: ['arista'], ansible: ['arista.eos.eos', 'eos'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};
