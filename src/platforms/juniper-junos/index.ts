// Juniper Junos (EX Virtual Chassis; also a standalone EX, QFX or SRX): the platform
// as data. No running/startup split — the committed configuration is what boots, so
// "unsaved" is an uncommitted candidate, saving is the commit itself, and restore is a
// candidate loaded in `configure exclusive`, shown with `show | compare`, committed with
// `commit confirmed N` (Junos rolls it back by itself unless confirmed) and confirmed
// with `commit` once verified. Configuration is read and stored in `display set` form:
// one full path per line. Sources: ../shared/PLATFORM-FACTS.md §4 and the real captures
// in test/fixtures/real (SOURCES.md).

import type { Platform } from '../platform.js';
import { loadSetLines, setLinesOf } from './config-set.js';
import { isFactoryDefault } from './factory-default.js';
import { parseCompare, pendingLines } from './parse-compare.js';
import { VC_MEMBER_ENTRY, parseVcMemberTable } from './parse-vc-mib.js';
import { parseReSync } from './parse-re-sync.js';
import { parseVersion } from './parse-version.js';
import { parseStack } from './parse-virtual-chassis.js';
import { SECRETS, VOLATILE } from './volatile.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/** Leaving configuration mode with uncommitted changes asks this; `yes` leaves them in the shared candidate (only an exclusive session's are discarded). */
export const EXIT_QUESTION = { pattern: /Exit with uncommitted changes\? \[yes,no\] \(yes\) ?$/, answer: 'yes\n', for: /^exit configuration-mode$/ };

/** The configuration as switchback reads, stores and compares it. */
const RUNNING = 'show configuration | display set';

/** What Junos prints when it refuses a command or a load: `error: …`, `syntax error.`, `unknown command.`. */
const ERRORS: RegExp[] = [/^\s*error: /m, /^\s*(?:terminal:\d+:\(\d+\) )?syntax error\b/m, /^\s*unknown command\./m, /^\s*missing argument\./m];

export const juniperJunos: Platform = {
  name: 'juniper-junos',
  label: 'Juniper Junos',
  // Junos has no running-config / startup-config: one committed configuration both runs and boots
  // (`show configuration` shows it), and the other one is the candidate, which messages call by
  // that name. "Committed" is the word a Junos engineer pairs with "candidate"; startup never
  // differs from it, so both words are the same.
  words: { running: 'the committed configuration', startup: 'the committed configuration' },
  // `user@host> ` (operational), `user@host# ` (configuration), `user> ` without a host-name. On a VC
  // a `{master:0}` line stands above it, and `[edit …]` in configuration mode: lines of their own.
  // Group 1 is `user@host`, not the host alone: the engine then waits for exactly the prompt it
  // learnt (which starts with the name it holds), and the user does not change within a session.
  prompt: /^((?:[\w.-]+@)?[\w.-]+)[>#] ?$/,
  loginQuestions: [],
  // root logs in to the FreeBSD shell (`root@sw:RE:0% `, exscript's junos.2), anyone else to the CLI.
  session: {
    kind: 'shell-then-cli',
    shellPrompt: /^\S+@\S*:RE:\d+% ?$|^\S+@\S+% ?$/,
    start: () => 'cli',
    startFailure: [/cli: (?:not found|Command not found)/i],
  },
  setup: ['set cli screen-length 0', 'set cli screen-width 0'],
  // `---(more)---`, `---(more 45%)---`; the space bar shows the next page.
  pagers: [/---\(more(?: \d+%)?\)---/],
  pagerKey: ' ',
  commands: { running: RUNNING, version: 'show version' },
  syntax: {
    comment: /^\s*#/,
    hierarchy: 'set',
    // Every committed configuration carries its `version` statement; display set prints it first.
    complete: /^set version \S+/m,
    completeSays: 'no `set version` line',
  },
  errors: ERRORS,
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: { from: 'none', why: 'Junos boots the committed configuration: there is no separate startup configuration to read' },
  unsaved: {
    kind: 'candidate',
    // The shared candidate, as anyone who typed `configure` left it; the exit asks EXIT_QUESTION when it holds changes.
    commands: ['configure', 'show | compare', 'exit configuration-mode'],
    parse: pendingLines,
    questions: [EXIT_QUESTION],
    // A plain `commit` on a VC leaves the backup routing engine on the old configuration unless
    // `system commit synchronize` is configured: each RE's own last commit tells (parse-re-sync.ts).
    sync: { command: 'show system uptime invoke-on all-routing-engines', parse: parseReSync },
  },
  restore: [
    {
      kind: 'commit-confirmed',
      enter: 'configure exclusive',
      entered: /^Entering configuration mode/m,
      // Stored configurations are set form: `load set` takes a delete for each line running has
      // that the target lacks, then the target's lines (config-set.ts), into the exclusive candidate.
      load: 'load set terminal',
      loadLines: (target, running) => loadSetLines(setLinesOf(target), setLinesOf(running)),
      loadEnd: '\x04',
      loaded: /^load complete\s*$/m,
      compare: 'show | compare',
      // The comparison as set-form lines (`+ set …`, `- set …`): statements counted and masked whole.
      compareLines: (out) =>
        parseCompare(out).changes.map((c) => (c.kind === 'added' ? `+ ${c.line}` : c.kind === 'removed' ? `- ${c.line.replace(/^delete /, 'set ')}` : c.line)),
      confirmed: (minutes) => `commit confirmed ${minutes}`,
      confirmedOk: /rolled back in\s+\d+\s+minutes?\s+unless confirmed[\s\S]*commit complete/,
      commit: ({ synchronize }) => (synchronize ? 'commit synchronize' : 'commit'),
      commitOk: /^commit complete\s*$/m,
      discard: 'rollback 0',
      leave: 'exit configuration-mode',
      errors: ERRORS,
      minutes: 5,
    },
  ],
  // Committing pending lines (ready --save) happens in the shared candidate, where they are.
  persist: { kind: 'commit', words: 'commit', enter: 'configure' },
  stack: {
    model: 'virtual-chassis',
    roleWords: { active: 'master', standby: 'backup', member: 'linecard' },
    command: 'show virtual-chassis',
    parse: parseStack,
  },
  snmp: {
    detect: {
      // jnxProducts: every Junos device's sysObjectID (jnxProductNameEX4300 …).
      sysObjectIdPrefixes: ['1.3.6.1.4.1.2636.1.'],
      // `Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 18.4R2-S3, Build date: …`
      sysDescr: /\bJUNOS \d/,
    },
    // jnxCmCfgChgLatestTime (JUNIPER-CFGMGMT-MIB): when the configuration was last committed. A
    // commit is the save, so it can say "changed since the backup", never "unsaved" (SSH decides).
    unsaved: { kind: 'commit-time', lastCommitted: '1.3.6.1.4.1.2636.3.18.1.2.0' },
    stack: { table: VC_MEMBER_ENTRY, parse: parseVcMemberTable },
  },
  // Oxidized junos.rb; RANCID `junos` and its alias `juniper` (not `junos-evo` nor `juniper-srx`,
  // which back up other things); Ansible junipernetworks.junos.
  importNames: { oxidized: ['junos'], rancid: ['junos', 'juniper'], ansible: ['junipernetworks.junos.junos', 'junos'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};
