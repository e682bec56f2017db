// The IOS-XE command line of a lab switch: user and privileged exec, enable,
// configuration mode, the save dialogs, and IOS's own error texts.

import { matchCommand } from '../../command-match.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import type { CommandSpec } from '../../command-match.js';
import { hostnameOf } from './config-text.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import { applyConfigLine, bannerLine } from './config-mode.js';
import type { ConfigLevel } from './config-mode.js';
import { replaceRunning, REPLACE_QUESTION } from './config-replace.js';
import { iosSeparators } from './separators.js';
import * as show from './show.js';

/** IOS's pager, and the erase it sends once a key is pressed (9 backspaces, 8 spaces, 9 backspaces). */
export const IOS_PAGER = { prompt: ' --More-- ', erase: '\b'.repeat(9) + ' '.repeat(8) + '\b'.repeat(9) };

const INVALID = "% Invalid input detected at '^' marker.";
const UNKNOWN = '% Unknown command or computer name, or unable to find computer address';
const INCOMPLETE = '% Incomplete command.';

interface ExecCommand extends CommandSpec {
  /** 1: available in user exec (`>`); 15: needs enable (`#`). */
  privilege: 1 | 15;
  /** Reads NVRAM: gone for the session under the startup-refused fault's `invalid` (a privilege level without it). */
  readsStartup?: true;
  run(s: Session, args: string[]): CliReply;
}

/** What the session waits for when it is not at a plain prompt. */
type Dialog =
  | { kind: 'none' }
  | { kind: 'enable-password'; tries: number }
  | { kind: 'copy-destination' }
  | { kind: 'banner'; node: ConfigNode; delimiter: string }
  /** `configure replace` without `force`: "Enter Y if you are sure…". */
  | { kind: 'replace-confirm'; url: string }
  /** A `[confirm]` question in configuration mode; one key answers it. */
  | { kind: 'confirm'; confirm: () => void };

interface Session {
  host: CliHost;
  username: string;
  privilege: 1 | 15;
  enableSecret: string;
  configLevels: ConfigLevel[] | null; // null: not in configuration mode
  dialog: Dialog;
  termLength: number | null;
  /** The terminal line the session is on, as IOS names it (`vty0`) for config-change logs. */
  line: string;
}

const pageable = (output: string): CliReply => ({ output, pageable: true });
const say = (output: string): CliReply => ({ output });

const saveOutput = (s: Session): CliReply => {
  s.host.save(s.username);
  return say('Building configuration...\n[OK]\n');
};

const EXEC: ExecCommand[] = [
  { words: ['enable'], privilege: 1, run: (s) => enable(s) },
  { words: ['disable'], privilege: 1, run: (s) => ((s.privilege = 1), say('')) },
  { words: ['terminal', 'length', '<n>'], privilege: 1, run: (s, [n]) => terminalLength(s, n ?? '') },
  { words: ['terminal', 'width', '<n>'], privilege: 1, run: () => say('') },
  { words: ['terminal', 'no', 'monitor'], privilege: 1, run: () => say('') },
  { words: ['terminal', 'monitor'], privilege: 1, run: () => say('') },
  { words: ['show', 'version'], privilege: 1, run: (s) => pageable(show.showVersion(s.host.state, s.host.now())) },
  { words: ['show', 'switch'], privilege: 1, run: (s) => pageable(show.showSwitch(s.host.state)) },
  { words: ['show', 'switch', 'detail'], privilege: 1, run: (s) => pageable(show.showSwitchDetail(s.host.state)) },
  { words: ['show', 'inventory'], privilege: 1, run: (s) => pageable(show.showInventory(s.host.state)) },
  { words: ['show', 'privilege'], privilege: 1, run: (s) => say(`Current privilege level is ${s.privilege}\n`) },
  { words: ['show', 'clock'], privilege: 1, run: (s) => say(showClock(s.host.now())) },
  { words: ['show', 'running-config'], privilege: 15, run: (s) => pageable(show.showRunning(s.host.state, s.host.now())) },
  {
    words: ['show', 'startup-config'],
    privilege: 15,
    readsStartup: true,
    // An old train that prints nothing at all for it (the startup-refused fault's `silent`).
    run: (s) => (s.host.state.faults.startupRefused === 'silent' ? say('') : pageable(show.showStartup(s.host.state))),
  },
  { words: ['show', 'archive', 'config', 'differences'], privilege: 15, run: (s) => pageable(show.showArchiveConfigDifferences(s.host.state)) },
  { words: ['write'], privilege: 15, run: (s) => saveOutput(s) },
  { words: ['write', 'memory'], privilege: 15, run: (s) => saveOutput(s) },
  {
    words: ['copy', 'running-config', 'startup-config'],
    privilege: 15,
    run: (s) => ((s.dialog = { kind: 'copy-destination' }), say('Destination filename [startup-config]? ')),
  },
  {
    words: ['configure', 'replace', '<url>'],
    privilege: 15,
    run: (s, [url]) => ((s.dialog = { kind: 'replace-confirm', url: url ?? '' }), say(REPLACE_QUESTION)),
  },
  { words: ['configure', 'replace', '<url>', 'force'], privilege: 15, run: (s, [url]) => replace(s, url ?? '') },
  {
    words: ['configure', 'terminal'],
    privilege: 15,
    run: (s) => ((s.configLevels = []), say('Enter configuration commands, one per line.  End with CNTL/Z.\n')),
  },
  { words: ['exit'], privilege: 1, run: () => ({ output: '', close: true }) },
  { words: ['logout'], privilege: 1, run: () => ({ output: '', close: true }) },
  { words: ['quit'], privilege: 1, run: () => ({ output: '', close: true }) },
];

export function openIosCli(host: CliHost, username: string, privilege: number, enableSecret: string): CliSession {
  const s: Session = {
    host,
    username,
    privilege: privilege >= 15 ? 15 : 1,
    enableSecret,
    configLevels: null,
    dialog: { kind: 'none' },
    termLength: null,
    line: 'vty0',
  };
  return {
    pager: IOS_PAGER,
    greeting: () => motd(host.state.running) + prompt(s),
    prompt: () => prompt(s),
    pageLength: () => s.termLength,
    input: (typed) => input(s, typed),
    inConfigMode: () => s.configLevels !== null,
    exec: (command) => execReply(execLine(s, command, '')),
    // Ctrl-Z leaves configuration mode as `end` does.
    keys: { '\x1a': { echo: '^Z\r\n', line: 'end', discardTyped: true } },
    failed: (message) => `%Error: ${message}\n`,
  };
}

/**
 * A lab `change` event: the lines typed in configuration mode, as a person would. A
 * line IOS asks about (`no username x`: [confirm]) is what the event asked for: it is
 * confirmed. Returns each refused line with IOS's complaint.
 */
export function applyIosChange(host: CliHost, lines: readonly string[]): string[] {
  const cli = openIosCli(host, 'lab', 15, '');
  const errors: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    let reply = cli.input(line);
    if (reply.key) reply = cli.input('y');
    if (reply.output.includes('% ')) errors.push(`${line.trim()}: ${reply.output.trim().split('\n').pop()}`);
  }
  return errors;
}

/** An exec channel's answer: the output, and exit status 1 when IOS complained (`% Invalid…`, `%Error…`). */
function execReply(reply: CliReply): ExecReply {
  return {
    output: reply.output,
    exitCode: /^%( |Error)/m.test(reply.output) ? 1 : 0,
    ...(reply.later ? { later: reply.later.then(execReply) } : {}),
  };
}

/** Start a replace: the prompt comes back when the switch has fetched and applied the file. */
function replace(s: Session, url: string): CliReply {
  return { output: '', later: replaceRunning(s.host, url, s.username) };
}

function prompt(s: Session): string {
  const name = hostnameOf(s.host.state.running);
  // In a dialog (password, destination filename, banner text) the dialog's own text is the prompt.
  if (s.dialog.kind !== 'none') return '';
  if (s.configLevels) {
    const mode = s.configLevels[s.configLevels.length - 1]?.mode ?? 'config';
    return `${name}(${mode})#`;
  }
  return `${name}${s.privilege === 15 ? '#' : '>'}`;
}

function input(s: Session, typed: string): CliReply {
  const d = s.dialog;
  switch (d.kind) {
    case 'enable-password':
      return enablePassword(s, d, typed);
    case 'copy-destination': {
      s.dialog = { kind: 'none' };
      const dest = typed.trim();
      if (dest !== '' && dest !== 'startup-config' && dest !== 'nvram:startup-config') return say('%Error opening ' + dest + ' (Permission denied)\n');
      return saveOutput(s);
    }
    case 'replace-confirm':
      s.dialog = { kind: 'none' };
      return /^y(es)?$/i.test(typed.trim()) ? replace(s, d.url) : say('');
    case 'confirm':
      s.dialog = { kind: 'none' };
      if (typed === '' || /^y$/i.test(typed)) {
        d.confirm();
        iosSeparators(s.host.state.running);
        s.host.touchRunning(s.username);
      }
      return say('');
    case 'banner':
      if (bannerLine(d.node, d.delimiter, typed)) {
        s.dialog = { kind: 'none' };
        s.host.touchRunning(s.username);
      }
      return say('');
    case 'none':
      break;
  }
  if (s.configLevels) return configLine(s, typed);
  return execLine(s, typed, prompt(s));
}

function execLine(s: Session, typed: string, promptText: string): CliReply {
  const [command = '', ...filters] = typed.split(/\s\|\s/);
  if (command.trim() === '') return say('');
  // Commands above the session's privilege do not exist for it, as on IOS.
  const refused = s.host.state.faults.startupRefused === 'invalid';
  const m = matchCommand(
    EXEC.filter((c) => c.privilege <= s.privilege && !(refused && c.readsStartup)),
    command,
  );
  switch (m.kind) {
    case 'ambiguous':
      return say(`% Ambiguous command:  "${typed.trim()}"\n`);
    case 'incomplete':
      return say(INCOMPLETE + '\n\n');
    case 'invalid':
      // A lone unknown word is taken for a host name to connect to, as IOS does.
      if (m.at === 0 && command.trim().split(/\s+/).length === 1) return say(UNKNOWN + '\n');
      return say(' '.repeat(promptText.length + m.at) + '^\n' + INVALID + '\n\n');
    case 'ok': {
      const reply = m.command.run(s, m.args);
      return filters.length > 0 ? { ...reply, output: applyFilters(reply.output, filters) } : reply;
    }
  }
}

/** `| include X`, `| exclude X`, `| begin X`, `| section X`, as IOS pipes do (regular expressions). */
function applyFilters(output: string, filters: string[]): string {
  let lines = output.split('\n');
  for (const f of filters) {
    const m = /^\s*(\S+)\s+(.*)$/.exec(f);
    if (!m) continue;
    const [, verb = '', pattern = ''] = m;
    const re = new RegExp(pattern);
    if ('include'.startsWith(verb)) lines = lines.filter((l) => re.test(l));
    else if ('exclude'.startsWith(verb)) lines = lines.filter((l) => !re.test(l));
    else if ('begin'.startsWith(verb))
      lines = lines.slice(
        Math.max(
          0,
          lines.findIndex((l) => re.test(l)),
        ),
      );
    else if ('section'.startsWith(verb)) {
      const out: string[] = [];
      let inSection = false;
      for (const l of lines) {
        if (!l.startsWith(' ')) inSection = re.test(l);
        if (inSection || re.test(l)) out.push(l);
      }
      lines = out;
    }
  }
  return lines.join('\n').replace(/\n*$/, '\n');
}

function enable(s: Session): CliReply {
  if (s.privilege === 15) return say('');
  s.dialog = { kind: 'enable-password', tries: 0 };
  return { output: 'Password: ', noEcho: true };
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
    return say('% Bad secrets\n\n');
  }
  return { output: 'Password: ', noEcho: true };
}

function terminalLength(s: Session, n: string): CliReply {
  const value = Number(n);
  if (!/^\d+$/.test(n) || value > 512) return say(`% Invalid input detected at '^' marker.\n\n`);
  s.termLength = value;
  return say('');
}

function configLine(s: Session, typed: string): CliReply {
  const levels = s.configLevels ?? [];
  // `do` runs an exec command from configuration mode.
  const doCmd = /^\s*do\s+(.*)$/.exec(typed);
  if (doCmd) return execLine(s, doCmd[1] ?? '', prompt(s) + 'do ');
  const outcome = applyConfigLine(s.host.state.running, levels, typed);
  // IOS prints its `!` separators by section, whatever order the lines came in.
  if (outcome.kind === 'ok' || outcome.kind === 'banner') iosSeparators(s.host.state.running);
  switch (outcome.kind) {
    case 'end':
      s.configLevels = null;
      return say('');
    case 'invalid':
      return say(' '.repeat(prompt(s).length + outcome.at) + '^\n' + INVALID + '\n\n');
    case 'incomplete':
      return say(INCOMPLETE + '\n\n');
    case 'error':
      return say(outcome.message + '\n');
    case 'confirm':
      s.configLevels = outcome.levels;
      s.dialog = { kind: 'confirm', confirm: outcome.confirm };
      return { output: outcome.question, key: true };
    case 'banner':
      s.configLevels = outcome.levels;
      s.dialog = { kind: 'banner', node: outcome.node, delimiter: outcome.delimiter };
      s.host.touchRunning(s.username);
      return say(`Enter TEXT message.  End with the character '${outcome.delimiter.slice(0, 1)}'.\n`);
    case 'ok':
      s.configLevels = outcome.levels;
      if (typed.trim() !== '' && !typed.trim().startsWith('!') && typed.trim() !== 'exit') s.host.touchRunning(s.username);
      return say('');
  }
}

/** IOS prints the MOTD banner from the running config when a session opens. */
function motd(running: ConfigTree): string {
  const banner = running.find((n) => n.line === 'banner motd ^C')?.verbatim?.lines;
  return banner ? '\n' + banner.join('\n') + '\n\n' : '\n';
}

/** `show clock`: the leading * says the clock is not NTP-synchronised, as in a lab. */
function showClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const day = d.toUTCString().slice(0, 3);
  const mon = d.toUTCString().slice(8, 11);
  return `*${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} UTC ${day} ${mon} ${d.getUTCDate()} ${d.getUTCFullYear()}\n`;
}
