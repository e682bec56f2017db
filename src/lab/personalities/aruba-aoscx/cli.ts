// The AOS-CX command line of a lab switch: the manager context (`name# `), `no page`, the
// show commands, `write memory`, `checkpoint auto N` / `checkpoint auto confirm`, and
// configuration mode with its contexts. Error texts: `Invalid input: WORD` (assumed, as the
// platform's errors are).

import { matchCommand } from '../../command-match.js';
import { contextConfigLine } from '../../context-config-line.js';
import type { CommandSpec } from '../../command-match.js';
import type { ConfigNode } from '../../config-tree.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import { modeOf, openContext, opensContext, setLine } from './config-mode.js';
import { canonical } from './config-order.js';
import * as show from './show.js';
import { aoscx, confirmAuto, hostnameOf, startAuto } from './state.js';

/** AOS-CX's pager line (assumed words); erased with a carriage return and spaces. */
export const AOSCX_PAGER = { prompt: '-- MORE --, next page: Space, next line: Enter, quit: Control-C', erase: '\r' + ' '.repeat(64) + '\r' };

interface Session {
  host: CliHost;
  username: string;
  /** null: the manager context; [] the top of configuration mode; [node] inside a context. */
  config: ConfigNode[] | null;
  pageLength: number | null;
}

interface ExecCommand extends CommandSpec {
  run(s: Session, args: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

const invalid = (typed: string, at: number) => say(`Invalid input: ${typed.slice(at).trim().split(/\s+/)[0] ?? ''}\n`);

function save(s: Session): CliReply {
  s.host.save(s.username);
  return say('Success\n');
}

const EXEC: ExecCommand[] = [
  { words: ['no', 'page'], run: (s) => ((s.pageLength = 0), say('')) },
  { words: ['page'], run: (s) => ((s.pageLength = null), say('')) },
  { words: ['show', 'version'], run: () => pageable(show.showVersion()) },
  { words: ['show', 'vsf'], run: (s) => pageable(show.showVsf(s.host.state)) },
  { words: ['show', 'vsf', 'detail'], run: (s) => pageable(show.showVsfDetail(s.host.state, s.host.now())) },
  { words: ['show', 'running-config'], run: (s) => pageable(show.showRunning(s.host.state)) },
  { words: ['show', 'startup-config'], run: (s) => (s.host.state.faults.startupRefused === 'silent' ? say('') : pageable(show.showStartup(s.host.state))) },
  { words: ['write', 'memory'], run: save },
  { words: ['copy', 'running-config', 'startup-config'], run: save },
  { words: ['checkpoint', 'auto', '<n>'], run: (s, [n]) => checkpointAuto(s, n ?? '') },
  { words: ['checkpoint', 'auto', 'confirm'], run: (s) => checkpointConfirm(s) },
  { words: ['configure', 'terminal'], run: (s) => ((s.config = []), say('')) },
  { words: ['configure'], run: (s) => ((s.config = []), say('')) },
  { words: ['end'], run: () => say('') },
  { words: ['exit'], run: () => ({ output: '', close: true }) },
];

function checkpointAuto(s: Session, n: string): CliReply {
  const minutes = Number(n);
  if (!/^\d+$/.test(n) || minutes < 1 || minutes > 60) return say(`Invalid input: ${n}\n`);
  startAuto(s.host.state, minutes, s.username, () => s.host.now());
  return say(`Auto checkpoint mode expires in ${minutes} minute(s)\n`);
}

function checkpointConfirm(s: Session): CliReply {
  const name = confirmAuto(s.host.state, s.host.now());
  // Words assumed: the guides show only the confirmed case.
  return say(name ? `checkpoint ${name} created\n` : '% Auto checkpoint mode is not enabled\n');
}

export function openAoscxCli(host: CliHost, username: string): CliSession {
  const s: Session = { host, username, config: null, pageLength: null };
  return {
    pager: AOSCX_PAGER,
    greeting: () =>
      `\nLast login: ${new Date(host.now() - 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} from 192.0.2.10\n` +
      `User "${username}" has logged in 12 times in the past 30 days\n` +
      prompt(s),
    prompt: () => prompt(s),
    pageLength: () => s.pageLength,
    input: (typed) => input(s, typed),
    inConfigMode: () => s.config !== null,
    exec: (command) => execReply(execLine(s, command)),
    // Ctrl-Z leaves configuration mode as `end` does.
    keys: { '\x1a': { echo: '^Z\r\n', line: 'end', discardTyped: true } },
    failed: (message) => `% ${message}\n`,
  };
}

function execReply(reply: CliReply): ExecReply {
  return { output: reply.output, exitCode: /^(?:Invalid input|%)/m.test(reply.output) ? 1 : 0 };
}

function prompt(s: Session): string {
  const name = hostnameOf(s.host.state.running);
  if (s.config === null) return `${name}# `;
  const ctx = s.config[s.config.length - 1];
  return `${name}(${ctx ? modeOf(ctx.line) : 'config'})# `;
}

function input(s: Session, typed: string): CliReply {
  if (s.config !== null) return configLine(s, typed);
  return execLine(s, typed);
}

function execLine(s: Session, typed: string): CliReply {
  if (typed.trim() === '') return say('');
  const m = matchCommand(EXEC, typed);
  switch (m.kind) {
    case 'ambiguous':
      return say('Ambiguous command\n');
    case 'incomplete':
      return say('Command incomplete.\n');
    case 'invalid':
      return invalid(typed, m.at);
    case 'ok':
      return m.command.run(s, m.args);
  }
}

const configLine = (s: Session, typed: string): CliReply =>
  contextConfigLine(
    s,
    typed,
    { opensContext, openContext, setLine, canonical, fault: (line) => (aoscx(s.host.state).dropTyped?.test(line) ? say('') : undefined) },
    (line) => execLine(s, line),
  );

/** A lab `change` event: the lines typed in configuration mode as a person would; returns those refused. */
export function applyAoscxChange(host: CliHost, lines: readonly string[]): string[] {
  const cli = openAoscxCli(host, 'lab');
  const refused: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/^(?:Invalid input|%)/m.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}

export { aoscx };
