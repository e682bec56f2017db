// The OS6 command line of a lab switch: user and privileged exec, `enable`, `terminal length`,
// configuration mode with its `exit`-closed modes, the save with its (y/n) question, and OS6's
// own refusal texts (fake-switches' Dell models, recorded from N-series/PowerConnect switches).

import { matchCommand } from '../../command-match.js';
import type { CommandSpec } from '../../command-match.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import { hostnameOf } from './config-text.js';
import { applyLine, modeName } from './config-mode.js';
import type { ConfigPath } from './config-mode.js';
import * as show from './show.js';

/** FASTPATH's pager (assumed erase: a carriage return, blanks, a carriage return). */
export const OS6_PAGER = { prompt: '--More-- or (q)uit', erase: '\r' + ' '.repeat(18) + '\r' };

export const INVALID = "% Invalid input detected at '^' marker.";
export const INCOMPLETE = 'Command not found / Incomplete command. Use ? to list commands.';
/** What `copy running-config startup-config` says and asks (N3048; fake-switches). */
export const SAVE_WARNING =
  '\nThis operation may take a few minutes.\nManagement interfaces will not be available during this time.\n\nAre you sure you want to save? (y/n) ';

interface ExecCommand extends CommandSpec {
  privilege: 1 | 15;
  readsStartup?: true;
  run(s: Session, args: string[]): CliReply;
}

type Dialog = { kind: 'none' } | { kind: 'enable-password'; tries: number } | { kind: 'save-confirm' };

interface Session {
  host: CliHost;
  username: string;
  privilege: 1 | 15;
  enableSecret: string;
  config: ConfigPath | null;
  dialog: Dialog;
  termLength: number | null;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

function askSave(s: Session): CliReply {
  s.dialog = { kind: 'save-confirm' };
  return { output: SAVE_WARNING, key: true };
}

const EXEC: ExecCommand[] = [
  { words: ['enable'], privilege: 1, run: (s) => enable(s) },
  { words: ['disable'], privilege: 1, run: (s) => ((s.privilege = 1), say('')) },
  { words: ['terminal', 'length', '<n>'], privilege: 1, run: (s, [n]) => terminalLength(s, n ?? '') },
  { words: ['show', 'version'], privilege: 1, run: (s) => pageable(show.showVersion(s.host.state)) },
  { words: ['show', 'switch'], privilege: 1, run: (s) => pageable(show.showSwitch(s.host.state)) },
  { words: ['show', 'switch', 'stack-ports'], privilege: 1, run: (s) => pageable(show.showStackPorts(s.host.state)) },
  { words: ['show', 'running-config'], privilege: 15, run: (s) => pageable(show.showRunning(s.host.state)) },
  {
    words: ['show', 'startup-config'],
    privilege: 15,
    readsStartup: true,
    run: (s) => (s.host.state.faults.startupRefused === 'silent' ? say('') : pageable(show.showStartup(s.host.state))),
  },
  { words: ['copy', 'running-config', 'startup-config'], privilege: 15, run: (s) => askSave(s) },
  { words: ['write', 'memory'], privilege: 15, run: (s) => askSave(s) },
  { words: ['write'], privilege: 15, run: (s) => askSave(s) },
  { words: ['configure'], privilege: 15, run: (s) => ((s.config = []), say('')) },
  { words: ['exit'], privilege: 1, run: (s) => (s.privilege === 15 ? ((s.privilege = 1), say('')) : { output: '', close: true }) },
  { words: ['quit'], privilege: 1, run: () => ({ output: '', close: true }) },
  { words: ['logout'], privilege: 1, run: () => ({ output: '', close: true }) },
];

export function openOs6Cli(host: CliHost, username: string, privilege: number, enableSecret: string): CliSession {
  const s: Session = { host, username, privilege: privilege >= 15 ? 15 : 1, enableSecret, config: null, dialog: { kind: 'none' }, termLength: null };
  return {
    pager: OS6_PAGER,
    greeting: () => '\n' + prompt(s),
    prompt: () => prompt(s),
    pageLength: () => s.termLength,
    input: (typed) => input(s, typed),
    inConfigMode: () => s.config !== null,
    exec: (command) => execReply(execLine(s, command)),
    // Ctrl-Z leaves configuration mode as `end` does.
    keys: { '\x1a': { echo: '^Z\r\n', line: 'end', discardTyped: true } },
  };
}

/** A lab `change` event: the lines typed in configuration mode as a person would; the refused ones with OS6's complaint. */
export function applyOs6Change(host: CliHost, lines: readonly string[]): string[] {
  const cli = openOs6Cli(host, 'lab', 15, '');
  const refused: string[] = [];
  for (const line of ['configure', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/^% |Command not found/m.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}

function execReply(reply: CliReply): ExecReply {
  return { output: reply.output, exitCode: /^% |Command not found/m.test(reply.output) ? 1 : 0 };
}

function prompt(s: Session): string {
  if (s.dialog.kind !== 'none') return '';
  const name = hostnameOf(s.host.state.running);
  if (s.config) return `${name}(${modeName(s.config)})#`;
  return `${name}${s.privilege === 15 ? '#' : '>'}`;
}

function input(s: Session, typed: string): CliReply {
  switch (s.dialog.kind) {
    case 'enable-password':
      return enablePassword(s, s.dialog, typed);
    case 'save-confirm':
      s.dialog = { kind: 'none' };
      // One key answers; anything but y keeps the old startup (fake-switches: "any other key aborts").
      if (/^y$/i.test(typed.trim())) {
        s.host.save(s.username);
        return say('\n\nConfiguration Saved!\n');
      }
      return say('\n\nConfiguration Not Saved!\n');
    case 'none':
      break;
  }
  if (s.config) return configLine(s, typed);
  return execLine(s, typed);
}

function execLine(s: Session, typed: string): CliReply {
  const command = typed.trim();
  if (command === '') return say('');
  const refused = s.host.state.faults.startupRefused === 'invalid';
  const m = matchCommand(
    EXEC.filter((c) => c.privilege <= s.privilege && !(refused && c.readsStartup)),
    command,
  );
  switch (m.kind) {
    case 'ambiguous':
    case 'incomplete':
      return say(`\n${INCOMPLETE}\n\n`);
    case 'invalid':
      return say(' '.repeat(prompt(s).length + m.at) + '^\n' + INVALID + '\n\n');
    case 'ok':
      return m.command.run(s, m.args);
  }
}

function configLine(s: Session, typed: string): CliReply {
  const path = s.config ?? [];
  const outcome = applyLine(s.host.state.running, path, typed);
  switch (outcome.kind) {
    case 'leave':
      s.config = null;
      return say('');
    case 'invalid':
      return say(' '.repeat(prompt(s).length + outcome.at) + '^\n' + INVALID + '\n\n');
    case 'error':
      return say(outcome.message + '\n');
    case 'ok':
      s.config = outcome.path;
      if (outcome.changed) s.host.touchRunning(s.username);
      return say('');
  }
}

function enable(s: Session): CliReply {
  if (s.privilege === 15) return say('');
  s.dialog = { kind: 'enable-password', tries: 0 };
  return { output: 'Password:', noEcho: true };
}

function enablePassword(s: Session, d: { tries: number }, typed: string): CliReply {
  if (typed === s.enableSecret) {
    s.dialog = { kind: 'none' };
    s.privilege = 15;
    return say('');
  }
  d.tries += 1;
  if (d.tries >= 3) {
    s.dialog = { kind: 'none' };
    return say('Incorrect Password!\n');
  }
  return { output: 'Password:', noEcho: true };
}

function terminalLength(s: Session, n: string): CliReply {
  if (!/^\d+$/.test(n) || Number(n) > 512) return say(`\n${INVALID}\n\n`);
  s.termLength = Number(n);
  return say('');
}
