// The NX-OS command line of a lab switch: the `name# ` prompt (logged in privileged), `terminal
// length 0`, the show commands, `copy running-config startup-config`, named checkpoints
// (`checkpoint NAME`, `no checkpoint NAME`, `show checkpoint summary`) and `rollback
// running-config checkpoint NAME atomic` that really puts running back, and configuration mode
// with its contexts. Refusals as the real N5548 recording prints them (`% Invalid command at
// '^' marker.` under a caret line).

import { cloneTree } from '../../config-tree.js';
import { matchCommand } from '../../command-match.js';
import { contextConfigLine } from '../../context-config-line.js';
import type { CommandSpec } from '../../command-match.js';
import type { ConfigNode } from '../../config-tree.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import { canonical, modeOf, openContext, opensContext, setLine } from './config-mode.js';
import * as show from './show.js';
import { hostnameOf, nxos, takeCheckpoint } from './state.js';

/** NX-OS's pager (unicon's mock), erased with a carriage return and spaces. */
export const NXOS_PAGER = { prompt: ' --More-- ', erase: '\r          \r' };

interface Session {
  host: CliHost;
  username: string;
  /** null: exec; [] the top of configuration mode; [node] inside a context. */
  config: ConfigNode[] | null;
  pageLength: number | null;
}

interface ExecCommand extends CommandSpec {
  run(s: Session, args: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

/** The refusal: a caret under the word refused (after the prompt), then the `%` line. */
function invalid(s: Session, at: number, typed: string): CliReply {
  const before = typed.slice(0, at).length;
  return say(`${' '.repeat(prompt(s).length + before)}^\n% Invalid command at '^' marker.\n`);
}

function save(s: Session): CliReply {
  s.host.save(s.username);
  return say('[########################################] 100%\nCopy complete.\n');
}

function checkpoint(s: Session, name: string): CliReply {
  const refused = takeCheckpoint(s.host.state, name);
  return say(refused ? `ERROR: ${refused}\n` : '.......Done\n');
}

/** `rollback running-config checkpoint NAME atomic`: the checkpoint becomes running, whole (atomic: all or nothing). */
function rollback(s: Session, name: string): CliReply {
  const kept = nxos(s.host.state).checkpoints.get(name);
  if (!kept) return say(`ERROR: Checkpoint ${name} does not exist\nRollback failed.\n`);
  s.host.state.running = canonical(cloneTree(kept));
  s.host.touchRunning(s.username);
  return say(
    [
      'Note: Applying config parallelly may fail Rollback verification',
      'Collecting Running-Config',
      '#Generating Rollback Patch',
      'Executing Rollback Patch',
      '#Generating Running-config for verification',
      '#Generating Patch for verification',
      'Verification is Successful.',
      '',
      'Rollback completed successfully.',
      '',
    ].join('\n'),
  );
}

function checkpointSummary(s: Session): CliReply {
  const out = ['User Checkpoint Summary', '--------------------------------------------------------------------------------'];
  let i = 1;
  for (const name of nxos(s.host.state).checkpoints.keys()) out.push(`${i++}) ${name}:`, `Created by ${s.username}`, '');
  return pageable(out.join('\n') + '\n');
}

const EXEC: ExecCommand[] = [
  { words: ['terminal', 'length', '<n>'], run: (s, [n]) => ((s.pageLength = Number(n) || 0), say('')) },
  { words: ['terminal', 'width', '<n>'], run: () => say('') },
  { words: ['show', 'version'], run: (s) => pageable(show.showVersion(s.host.state, s.host.now())) },
  { words: ['show', 'running-config'], run: (s) => pageable(show.showRunning(s.host.state, s.host.now())) },
  {
    words: ['show', 'startup-config'],
    run: (s) => (s.host.state.faults.startupRefused === 'silent' ? say('') : pageable(show.showStartup(s.host.state, s.host.now()))),
  },
  { words: ['show', 'vpc'], run: (s) => pageable(show.showVpc(s.host.state.pair)) },
  { words: ['show', 'checkpoint', 'summary'], run: checkpointSummary },
  { words: ['copy', 'running-config', 'startup-config'], run: save },
  { words: ['checkpoint', '<name>'], run: (s, [n]) => checkpoint(s, n ?? '') },
  {
    words: ['no', 'checkpoint', '<name>'],
    run: (s, [n]) => (nxos(s.host.state).checkpoints.delete(n ?? '') ? say('') : say(`ERROR: Checkpoint ${n} does not exist\n`)),
  },
  { words: ['rollback', 'running-config', 'checkpoint', '<name>', 'atomic'], run: (s, [n]) => rollback(s, n ?? '') },
  { words: ['rollback', 'running-config', 'checkpoint', '<name>'], run: (s, [n]) => rollback(s, n ?? '') },
  { words: ['configure', 'terminal'], run: (s) => ((s.config = []), say('Enter configuration commands, one per line. End with CNTL/Z.\n')) },
  { words: ['end'], run: () => say('') },
  { words: ['exit'], run: () => ({ output: '', close: true }) },
];

export function openNxosCli(host: CliHost, username: string): CliSession {
  const s: Session = { host, username, config: null, pageLength: null };
  return {
    pager: NXOS_PAGER,
    greeting: () => `\n${show.greetingBanner()}\r${prompt(s)}`,
    prompt: () => prompt(s),
    pageLength: () => s.pageLength,
    input: (typed) => input(s, typed),
    inConfigMode: () => s.config !== null,
    exec: (command) => execReply(execLine(s, command)),
    keys: { '\x1a': { echo: '^Z\r\n', line: 'end', discardTyped: true } },
    failed: (message) => `% ${message}\n`,
  };
}

function execReply(reply: CliReply): ExecReply {
  return { output: reply.output, exitCode: /^(?:%|ERROR:)/m.test(reply.output) ? 1 : 0 };
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
      return say(`% Ambiguous command at '^' marker.\n`);
    case 'incomplete':
      return say(`% Incomplete command at '^' marker.\n`);
    case 'invalid':
      return invalid(s, m.at, typed);
    case 'ok':
      return m.command.run(s, m.args);
  }
}

const configLine = (s: Session, typed: string): CliReply =>
  contextConfigLine(
    s,
    typed,
    {
      opensContext,
      openContext,
      setLine,
      canonical,
      fault: (line) => {
        const faults = nxos(s.host.state);
        if (faults.refuseTyped?.test(line)) return say(`% Invalid command at '^' marker.\n`);
        return faults.dropTyped?.test(line) ? say('') : undefined;
      },
    },
    (line) => execLine(s, line),
  );

/** A lab `change` event: the lines typed in configuration mode as a person would; returns those refused. */
export function applyNxosChange(host: CliHost, lines: readonly string[]): string[] {
  const cli = openNxosCli(host, 'lab');
  const refused: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/^(?:%|ERROR:)/m.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}
