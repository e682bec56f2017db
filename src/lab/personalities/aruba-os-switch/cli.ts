// The ArubaOS-Switch command line of a lab switch: the login screen that waits for a key,
// operator (`>`) and manager (`#`) levels, `no page`, the show commands, `write memory`,
// configuration mode and its contexts, and the logout dialog that asks whether to save.
// Texts as the real captures and the drivers that know them show (exscript's login
// screens, Oxidized's procurve model, netmiko's hp_procurve driver); what no capture shows
// is marked "lab".

import { matchCommand } from '../../command-match.js';
import type { CommandSpec } from '../../command-match.js';
import { isUnsaved } from '../../model.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import { applyLine } from './config-mode.js';
import type { Context } from './config-mode.js';
import * as show from './show.js';
import { aos, hostnameOf, stackingOfState } from './state.js';
import type { Stacking } from './state.js';

/** The pager (known from code only; the erase is the lab's: a carriage return over it). */
export const AOS_PAGER = {
  prompt: '-- MORE --, next page: Space, next line: Enter, quit: Control-C',
  erase: '\r' + ' '.repeat(64) + '\r',
};

/** The login screen as the real 5406zl capture draws it (exscript hp_pro_curve.1), with the lab's model and release. */
function loginScreen(model: string, version: string): string {
  return (
    '\x1b[2J\x1b[?7l\x1b[3;23r\x1b[?6l\x1b[1;1H\x1b[?25l\x1b[1;1H' +
    `${model}\n` +
    `Software revision ${version}\n\n` +
    '(C) Copyright 2019 Hewlett Packard Enterprise Development LP\n\n' +
    '                   RESTRICTED RIGHTS LEGEND\n' +
    ' Confidential computer software.  Valid license from HPE required for possession,\n' +
    ' use or copying.\n\n' +
    '\x1b[24;1HPress any key to continue\x1b[1;1H\x1b[?25h\x1b[24;27H'
  );
}

type Dialog = 'none' | 'press-key' | 'enable-password' | 'logout' | 'logout-save';

interface Session {
  host: CliHost;
  username: string;
  privilege: 1 | 15;
  secret: string;
  context: Context | null; // null: exec level
  dialog: Dialog;
  paging: boolean;
}

interface ExecCommand extends CommandSpec {
  privilege: 1 | 15;
  run(s: Session, args: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

const EXEC: ExecCommand[] = [
  { words: ['enable'], privilege: 1, run: (s) => enable(s) },
  { words: ['no', 'page'], privilege: 15, run: (s) => ((s.paging = false), say('')) },
  { words: ['page'], privilege: 15, run: (s) => ((s.paging = true), say('')) },
  { words: ['terminal', 'width', '<n>'], privilege: 1, run: () => say('') },
  { words: ['terminal', 'length', '<n>'], privilege: 1, run: () => say('') },
  { words: ['show', 'version'], privilege: 1, run: (s) => pageable(show.showVersion(s.host.state)) },
  { words: ['show', 'system'], privilege: 1, run: (s) => pageable(show.showSystem(s.host.state, s.host.now())) },
  // A 2930F stacks by VSF and has no stacking command; a 2930M has no VSF (lab: refused as an unknown word, assumed).
  { words: ['show', 'stacking'], privilege: 1, run: (s) => onlyIf(s, 'backplane', 'stacking', () => show.showStacking(s.host.state, s.host.now())) },
  {
    words: ['show', 'stacking', 'detail'],
    privilege: 1,
    run: (s) => onlyIf(s, 'backplane', 'stacking', () => show.showStackingDetail(s.host.state, s.host.now())),
  },
  { words: ['show', 'vsf'], privilege: 1, run: (s) => onlyIf(s, 'vsf', 'vsf', () => show.showVsf(s.host.state, s.host.now())) },
  { words: ['show', 'vsf', 'detail'], privilege: 1, run: (s) => onlyIf(s, 'vsf', 'vsf', () => show.showVsfDetail(s.host.state, s.host.now())) },
  { words: ['show', 'running-config'], privilege: 15, run: (s) => pageable(show.showRunning(s.host.state)) },
  { words: ['show', 'config'], privilege: 15, run: (s) => pageable(show.showStartup(s.host.state)) },
  { words: ['write', 'memory'], privilege: 15, run: (s) => save(s) },
  { words: ['configure'], privilege: 15, run: (s) => ((s.context = { kind: 'config' }), say('')) },
  { words: ['configure', 'terminal'], privilege: 15, run: (s) => ((s.context = { kind: 'config' }), say('')) },
  { words: ['logout'], privilege: 1, run: (s) => logout(s) },
  { words: ['exit'], privilege: 1, run: (s) => logout(s) },
];

/** A command of one stacking technology: on a switch that stacks the other way, `Invalid input: <word>` (lab, assumed). */
function onlyIf(s: Session, stacking: Stacking, word: string, print: () => string): CliReply {
  return stackingOfState(s.host.state.members) === stacking ? pageable(print()) : say(`Invalid input: ${word}\n`);
}

/** `write memory` prints nothing on the releases known; the prompt comes back when it is written (lab). */
function save(s: Session): CliReply {
  s.host.save(s.username);
  aos(s.host.state).saves += 1;
  return say('');
}

/** netmiko's and Oxidized's dialog: leave? then, with unsaved changes, save? One key answers each. */
function logout(s: Session): CliReply {
  s.dialog = 'logout';
  return { output: '\nDo you want to log out [y/n]? ', key: true };
}

function enable(s: Session): CliReply {
  if (s.privilege === 15) return say('');
  s.dialog = 'enable-password';
  return { output: 'Password: ', noEcho: true };
}

export function openAosCli(host: CliHost, username: string, privilege: number, secret: string): CliSession {
  const s: Session = { host, username, privilege: privilege >= 15 ? 15 : 1, secret, context: null, dialog: 'press-key', paging: true };
  const anyKey = new Proxy({} as Record<string, { echo: string; line: string; discardTyped: boolean }>, {
    get: (_t, key) => (typeof key === 'string' ? { echo: '', line: '', discardTyped: true } : undefined),
  });
  const c = host.state.members.find((m) => m.role === 'active') ?? host.state.members[0];
  return {
    pager: AOS_PAGER,
    greeting: () => loginScreen(`Aruba ${c?.model ?? 'JL322A'} 2930M Switch`, c?.version ?? ''),
    prompt: () => prompt(s),
    pageLength: () => (s.paging ? null : 0),
    input: (typed) => input(s, typed),
    inConfigMode: () => s.context !== null,
    exec: (command) => execReply(execLine(s, command)),
    // While the login screen waits, any key goes on (Oxidized sends a space, netmiko Enter).
    get keys() {
      return s.dialog === 'press-key' ? anyKey : undefined;
    },
  };
}

/** A lab `change` event: the lines typed in configuration mode at the manager level, as a person would. */
export function applyAosChange(host: CliHost, lines: readonly string[]): string[] {
  const cli = openAosCli(host, 'lab', 15, '');
  cli.input('');
  const refused: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/Invalid input|Module not present|cannot be deleted/.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}

function execReply(reply: CliReply): ExecReply {
  return { output: reply.output, exitCode: /^Invalid input/m.test(reply.output) ? 1 : 0 };
}

function prompt(s: Session): string {
  if (s.dialog !== 'none') return '';
  const name = hostnameOf(s.host.state.running);
  if (s.context) return `${name}(${s.context.kind === 'config' ? 'config' : s.context.mode})# `;
  return `${name}${s.privilege === 15 ? '#' : '>'} `;
}

function input(s: Session, typed: string): CliReply {
  switch (s.dialog) {
    case 'press-key':
      s.dialog = 'none';
      // The switch clears the login screen and draws the prompt at the bottom row (lab: as the capture's codes suggest).
      return say('\x1b[2J\x1b[?7l\x1b[3;23r\x1b[?6l\x1b[24;1H\x1b[?25h\n');
    case 'enable-password':
      s.dialog = 'none';
      if (typed === s.secret) s.privilege = 15;
      else return say('Invalid password\n');
      return say('');
    case 'logout':
      if (!/^y$/i.test(typed)) {
        s.dialog = 'none';
        return say('');
      }
      if (isUnsaved(s.host.state)) {
        s.dialog = 'logout-save';
        return { output: '\nDo you want to save current configuration [y/n]? ', key: true };
      }
      return { output: '\nConnection to host lost.\n', close: true };
    case 'logout-save':
      if (typed === '\x03') {
        s.dialog = 'none';
        return say('');
      }
      if (/^y$/i.test(typed)) save(s);
      return { output: '\nConnection to host lost.\n', close: true };
    case 'none':
      break;
  }
  if (s.context) return configLine(s, typed);
  return execLine(s, typed);
}

function execLine(s: Session, typed: string): CliReply {
  const command = typed.trim();
  if (command === '') return say('');
  const m = matchCommand(
    EXEC.filter((c) => c.privilege <= s.privilege),
    command,
  );
  switch (m.kind) {
    case 'ambiguous':
      return say(`Ambiguous input: ${command.split(/\s+/).pop()}\n`);
    case 'incomplete':
      return say(`Incomplete input: ${command.split(/\s+/).pop()}\n`);
    case 'invalid':
      return say(`Invalid input: ${command.slice(m.at).split(/\s+/)[0]}\n`);
    case 'ok':
      return m.command.run(s, m.args);
  }
}

function configLine(s: Session, typed: string): CliReply {
  // `write memory` and the show commands work in configuration mode too.
  const exec = /^\s*(write\s+memory|show\s.*)$/.exec(typed);
  if (exec) return execLine(s, exec[1] ?? '');
  const out = applyLine(s.host.state.running, s.host.state.members, s.context ?? { kind: 'config' }, typed);
  switch (out.kind) {
    case 'leave':
      s.context = null;
      return say('');
    case 'error':
      return say(out.message + '\n');
    case 'ok':
      s.context = out.context;
      if (out.changed) s.host.touchRunning(s.username);
      return say('');
  }
}
