// The Junos command line of a lab EX switch: operational mode (`user@host> `) and
// configuration mode (`user@host# ` under an `[edit …]` line, `{master:N}` above the
// prompt on a VC), the shared and exclusive candidate, `load … terminal` until Ctrl-D,
// `show | compare`, the commit family, rollback, and Junos's own error texts.

import { matchCommand } from '../../command-match.js';
import type { CommandSpec } from '../../command-match.js';
import { cloneTree } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import {
  applySetLines,
  compareTrees,
  deletePath,
  JunosSyntaxError,
  nodeAt,
  parseCurly,
  pathOf,
  renderCurly,
  sameTree,
  setPath,
  TOP_LEVEL,
  words,
} from './junos-tree.js';
import * as show from './show.js';
import {
  armConfirmTimer,
  BUILD_DATE,
  commit,
  factoryDefaultConfig,
  hostname,
  junos,
  syncByDefault,
  JUNOS_VERSION,
  masterId,
  rollbackIfDue,
  sync,
} from './state.js';
import type { JunosState } from './state.js';

/** Junos's pager; a key press erases it by returning to the line start and blanking it. */
export const JUNOS_PAGER = { prompt: '---(more)---', erase: '\r' + ' '.repeat(12) + '\r' };
/** Ctrl-D ends `load … terminal` input; the terminal hands it over as a line of its own. */
export const CTRL_D = '\x04';

const factory = () => parseCurly(factoryDefaultConfig());

type Load = 'override' | 'merge' | 'set' | 'replace';

interface Session {
  id: number;
  host: CliHost;
  user: string;
  /** null: operational mode; otherwise the `edit` path (empty at the top). */
  edit: string[] | null;
  exclusive: boolean;
  screenLength: number | null;
  /** Waiting for the answer to `Exit with uncommitted changes? [yes,no] (yes)`. */
  exitQuestion: boolean;
  /** Reading `load … terminal` input until Ctrl-D. */
  loading?: { kind: Load; lines: string[] };
}

interface Command extends CommandSpec {
  run(s: Session, args: string[], pipes: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

// ---------------------------------------------------------------- operational mode

const OPERATIONAL: Command[] = [
  { words: ['show', 'version'], run: (s, _a, p) => pageable(pipe(show.showVersion(s.host.state), p)) },
  { words: ['show', 'virtual-chassis'], run: (s, _a, p) => pageable(pipe(show.showVirtualChassis(s.host.state), p)) },
  { words: ['show', 'virtual-chassis', 'status'], run: (s, _a, p) => pageable(pipe(show.showVirtualChassis(s.host.state), p)) },
  { words: ['show', 'configuration'], run: (s, _a, p) => pageable(showConfig(s, s.host.state.running, [], p)) },
  { words: ['show', 'configuration', '<rest>'], run: (s, [path], p) => pageable(showConfig(s, s.host.state.running, pathOf(words(path ?? '')), p)) },
  { words: ['show', 'system', 'commit'], run: (s, _a, p) => pageable(pipe(show.showSystemCommit(junos(s.host.state).history), p)) },
  { words: ['show', 'system', 'uptime'], run: (s) => say(uptime(s)) },
  // Each routing engine's own uptime and last commit (`fpcN:` sections on a VC): a backup RE a
  // plain commit did not reach shows an older `Last configured:` than the master.
  { words: ['show', 'system', 'uptime', 'invoke-on', 'all-routing-engines'], run: (s) => say(uptimeEveryRe(s)) },
  // What Oxidized's junos model runs besides the configuration.
  { words: ['show', 'chassis', 'hardware'], run: (s, _a, p) => pageable(pipe(show.showChassisHardware(s.host.state), p)) },
  { words: ['show', 'system', 'license'], run: () => pageable(show.showSystemLicense()) },
  { words: ['show', 'system', 'license', 'keys'], run: () => say('') },
  { words: ['set', 'cli', 'screen-length', '<n>'], run: (s, [n]) => screenLength(s, n ?? '') },
  { words: ['set', 'cli', 'screen-width', '<n>'], run: (_s, [n]) => say(`Screen width set to ${n}\n`) },
  { words: ['set', 'cli', 'complete-on-space', 'off'], run: () => say('Disabling complete-on-space\n') },
  { words: ['set', 'cli', 'complete-on-space', 'on'], run: () => say('Enabling complete-on-space\n') },
  { words: ['configure'], run: (s) => configure(s, false) },
  { words: ['configure', 'exclusive'], run: (s) => configure(s, true) },
  { words: ['configure', 'private'], run: (s) => configure(s, true) },
  { words: ['exit'], run: () => ({ output: '', close: true }) },
  { words: ['quit'], run: () => ({ output: '', close: true }) },
];

// ---------------------------------------------------------------- configuration mode

const CONFIGURATION: Command[] = [
  { words: ['set', '<rest>'], run: (s, [rest]) => setLine(s, rest ?? '') },
  { words: ['delete', '<rest>'], run: (s, [rest]) => deleteLine(s, rest ?? '') },
  { words: ['edit', '<rest>'], run: (s, [rest]) => edit(s, rest ?? '') },
  { words: ['top'], run: (s) => ((s.edit = []), say('')) },
  { words: ['up'], run: (s) => ((s.edit = (s.edit ?? []).slice(0, -1)), say('')) },
  { words: ['show'], run: (s, _a, p) => pageable(showCandidate(s, p)) },
  {
    words: ['show', '<rest>'],
    run: (s, [rest], p) => pageable(showConfig(s, candidate(s), [...(s.edit ?? []), ...pathOf(words(rest ?? ''), s.edit ?? [])], p)),
  },
  { words: ['commit'], run: (s) => doCommit(s, {}) },
  { words: ['commit', 'check'], run: (s) => commitCheck(s) },
  { words: ['commit', 'synchronize'], run: (s) => doCommit(s, { synchronize: true }) },
  { words: ['commit', 'and-quit'], run: (s) => andQuit(s, doCommit(s, {})) },
  { words: ['commit', 'synchronize', 'and-quit'], run: (s) => andQuit(s, doCommit(s, { synchronize: true })) },
  { words: ['commit', 'confirmed'], run: (s) => doCommit(s, { confirm: '10' }) },
  { words: ['commit', 'confirmed', '<n>'], run: (s, [n]) => doCommit(s, { confirm: n ?? '' }) },
  { words: ['commit', 'synchronize', 'confirmed', '<n>'], run: (s, [n]) => doCommit(s, { confirm: n ?? '', synchronize: true }) },
  { words: ['commit', 'comment', '<rest>'], run: (s, [c]) => doCommit(s, { comment: (c ?? '').replace(/^"|"$/g, '') }) },
  { words: ['rollback'], run: (s) => rollback(s, '0') },
  { words: ['rollback', '<n>'], run: (s, [n]) => rollback(s, n ?? '') },
  { words: ['load', 'override', 'terminal'], run: (s) => startLoad(s, 'override') },
  { words: ['load', 'merge', 'terminal'], run: (s) => startLoad(s, 'merge') },
  { words: ['load', 'replace', 'terminal'], run: (s) => startLoad(s, 'replace') },
  { words: ['load', 'set', 'terminal'], run: (s) => startLoad(s, 'set') },
  { words: ['run', '<rest>'], run: (s, [rest]) => operational(s, rest ?? '', true) },
  { words: ['exit'], run: (s) => exit(s, false) },
  { words: ['quit'], run: (s) => exit(s, false) },
  { words: ['exit', 'configuration-mode'], run: (s) => exit(s, true) },
];

// ---------------------------------------------------------------- the session

export function openJunosCli(host: CliHost, username: string): CliSession {
  const j = sync(host.state, factory);
  const s: Session = { id: j.nextSession++, host, user: username, edit: null, exclusive: false, screenLength: null, exitQuestion: false };
  return {
    pager: JUNOS_PAGER,
    // Ctrl-D (end of `load … terminal` input) reaches input() as a line of its own.
    keys: { [CTRL_D]: { echo: '', line: CTRL_D } },
    greeting: () => `--- JUNOS ${JUNOS_VERSION} built ${BUILD_DATE}\n` + prompt(s).replace(/^\r\n/, ''),
    prompt: () => prompt(s),
    pageLength: () => s.screenLength,
    input: (typed) => input(s, typed),
    inConfigMode: () => s.edit !== null,
    exec: (command) => execReply(operational(s, command, false)),
    // A session that goes away takes its exclusive lock (and an exclusive candidate's changes) with it.
    close: () => {
      if (s.edit !== null) leave(s);
    },
  };
}

/** An exec channel (`ssh host 'show version'`): Junos answers as `cli -c` would, no prompt; an error exits 1. */
function execReply(reply: CliReply): ExecReply {
  return { output: reply.output, exitCode: /^(error:|syntax error|unknown command)/m.test(reply.output) ? 1 : 0 };
}

function candidate(s: Session): ConfigTree {
  return junos(s.host.state).candidate;
}

function state(s: Session): JunosState {
  const j = sync(s.host.state, factory);
  rollbackIfDue(s.host.state, s.host.now());
  return j;
}

/**
 * The lines above the prompt: a pending confirm's note, `{master:N}` on a VC, `[edit …]`
 * in configuration mode. The terminal writes a prompt as it is, so its line ends are CRLF.
 */
function prompt(s: Session): string {
  return promptText(s).replace(/\n/g, '\r\n');
}

function promptText(s: Session): string {
  if (s.exitQuestion || s.loading) return '';
  const j = state(s);
  const st = s.host.state;
  const host = hostname(st.running);
  const who = host ? `${s.user}@${host}` : s.user;
  // Every EX is a Virtual Chassis, of one member when standalone: the line is always there
  // (the real standalone EX4200 and QFX5100 captures show `fpc0:` and `{master:0}` too).
  const master = `{master:${masterId(st) ?? 0}}`;
  if (s.edit === null) return `\n${master ? master + '\n' : ''}${who}> `;
  const note = j.confirm
    ? `# commit confirmed will be rolled back in ${Math.max(1, Math.ceil((j.confirm.deadline - s.host.now()) / j.minuteMs))} minutes\n`
    : '';
  return `\n${note}${master}[edit${s.edit.length ? ' ' + s.edit.join(' ') : ''}]\n${who}# `;
}

function input(s: Session, typed: string): CliReply {
  state(s);
  if (s.loading) return loadLine(s, typed);
  if (s.exitQuestion) {
    s.exitQuestion = false;
    const answer = typed.trim().toLowerCase();
    if (answer === '' || answer === 'yes' || answer === 'y') return leave(s);
    return say('');
  }
  // Ctrl-D outside `load … terminal` does nothing at a Junos prompt.
  if (typed.endsWith(CTRL_D)) return say('');
  if (s.edit === null) return operational(s, typed, false);
  return configLine(s, typed);
}

/** An operational command; `run` from configuration mode offsets the caret by the `run ` typed. */
function operational(s: Session, typed: string, viaRun: boolean): CliReply {
  const [command = '', ...pipes] = typed.split('|');
  if (command.trim() === '') return say('');
  const m = matchCommand(
    OPERATIONAL.filter((c) => !viaRun || c.words[0] !== 'configure'),
    command,
  );
  const caretBase = lastLine(prompt(s)).length + (viaRun ? 4 : 0);
  switch (m.kind) {
    case 'ok':
      return m.command.run(
        s,
        m.args,
        pipes.map((p) => p.trim()),
      );
    case 'ambiguous':
      return say(`${' '.repeat(caretBase)}^\n'${command.trim()}' is ambiguous.\n`);
    case 'incomplete':
      return say(`${' '.repeat(caretBase + command.trimEnd().length + 1)}^\nsyntax error, expecting <command>.\n`);
    case 'invalid':
      return say(`${' '.repeat(caretBase + m.at)}^\nunknown command.\n`);
  }
}

function configLine(s: Session, typed: string): CliReply {
  const [command = '', ...pipes] = typed.split('|');
  if (command.trim() === '') return say('');
  const m = matchCommand(CONFIGURATION, command);
  const caretBase = lastLine(prompt(s)).length;
  switch (m.kind) {
    case 'ok':
      return m.command.run(
        s,
        m.args,
        pipes.map((p) => p.trim()),
      );
    case 'ambiguous':
      return say(`${' '.repeat(caretBase)}^\n'${command.trim()}' is ambiguous.\n`);
    case 'incomplete':
      return say(`${' '.repeat(caretBase + command.trimEnd().length + 1)}^\nsyntax error, expecting <statement> or <identifier>.\n`);
    case 'invalid':
      return say(`${' '.repeat(caretBase + m.at)}^\nunknown command.\n`);
  }
}

const lastLine = (text: string) => text.slice(text.lastIndexOf('\n') + 1);

// ---------------------------------------------------------------- pipes

/** `| display set`, `| display omit`, `| no-more`, `| match RE`, `| except RE`, `| count`. */
function pipe(output: string, pipes: string[]): string {
  let lines = output.replace(/\n$/, '').split('\n');
  for (const p of pipes) {
    const [verb = '', ...rest] = p.split(/\s+/);
    const arg = rest.join(' ').replace(/^"|"$/g, '');
    if ('match'.startsWith(verb) && verb) lines = lines.filter((l) => new RegExp(arg).test(l));
    else if ('except'.startsWith(verb) && verb) lines = lines.filter((l) => !new RegExp(arg).test(l));
    else if (verb === 'count') lines = [`Count: ${lines.length} lines`];
  }
  return lines.join('\n') + '\n';
}

function showConfig(s: Session, config: ConfigTree, path: string[], pipes: string[]): string {
  const displaySet = pipes.some((p) => /^display\s+set\b/.test(p));
  const compare = pipes.find((p) => /^compare\b/.test(p));
  if (compare !== undefined) return compareReply(s, compare);
  const found = path.length ? nodeAt(config, path) : undefined;
  // A statement with nothing below it (`no-split-detection`) prints as itself.
  const node = found && found.children.length === 0 ? undefined : found;
  if (path.length && !node) {
    // `show configuration system host-name`: a leaf named by its keyword prints as itself.
    const parent = path.length > 1 ? nodeAt(config, path.slice(0, -1))?.children : config;
    const last = path[path.length - 1]!;
    const leaves = (parent ?? []).filter((n) => (n.line === last || n.line.startsWith(last + ' ')) && n.children.length === 0);
    if (leaves.length === 0) return '';
    const above = path.slice(0, -1);
    return displaySet ? show.displaySet(above.length ? [{ line: above.join(' '), children: leaves }] : leaves) : renderCurly(leaves).join('\n') + '\n';
  }
  const subtree = node ? node.children : config;
  const rest = pipes.filter((p) => !/^display\b/.test(p) && p !== 'no-more');
  if (displaySet) {
    const set = path.length ? show.displaySet([{ line: path.join(' '), children: subtree }]) : show.displaySet(subtree);
    return pipe(set, rest);
  }
  const text = path.length ? renderCurly(subtree).join('\n') + '\n' : show.showConfiguration(s.host.state, config);
  return pipe(text, rest);
}

function showCandidate(s: Session, pipes: string[]): string {
  const j = junos(s.host.state);
  if ((s.edit ?? []).length === 0 && !pipes.some((p) => /^(display\s+set|compare)\b/.test(p))) {
    // Configuration mode's `show` heads the candidate with when it last changed, not the last commit.
    const at = j.candidateChangedAt ?? j.history[0]?.at ?? s.host.now();
    return pipe(
      `## Last changed: ${show.junosTime(at)}\n` + renderCurly(j.candidate).join('\n') + '\n',
      pipes.filter((p) => !/^display\b/.test(p) && p !== 'no-more'),
    );
  }
  return showConfig(s, candidate(s), s.edit ?? [], pipes);
}

/** The candidate changed now. */
function touched(s: Session): void {
  junos(s.host.state).candidateChangedAt = s.host.now();
}

/** `show | compare` (against the active configuration) or `show | compare rollback N`. */
function compareReply(s: Session, compare: string): string {
  const j = state(s);
  const n = /^compare\s+rollback\s+(\d+)/.exec(compare)?.[1];
  const base = n === undefined ? s.host.state.running : j.history[Number(n)]?.config;
  if (!base) return `error: rollback ${n} does not exist\n`;
  return compareTrees(base, j.candidate);
}

// ---------------------------------------------------------------- configuration mode commands

function screenLength(s: Session, n: string): CliReply {
  if (!/^\d+$/.test(n)) return say('error: invalid value\n');
  s.screenLength = Number(n);
  return say(`Screen length set to ${n}\n`);
}

function configure(s: Session, exclusive: boolean): CliReply {
  const j = state(s);
  const st = s.host.state;
  if (j.exclusive && j.exclusive.session !== s.id) {
    return say(
      `error: configuration database locked by:\n  ${j.exclusive.user} terminal pts/${j.exclusive.session} (pid ${4000 + j.exclusive.session}) on since ${show.junosTime(s.host.now())}\n      exclusive [edit]\n`,
    );
  }
  const modified = !sameTree(j.candidate, st.running);
  const others = [...j.editors].filter(([id]) => id !== s.id);
  let out = '';
  if (exclusive) {
    if (modified) return say('error: configuration database modified\n');
    j.exclusive = { session: s.id, user: s.user };
    out += 'warning: uncommitted changes will be discarded on exit\n';
  } else {
    if (others.length > 0)
      out +=
        'Users currently editing the configuration:\n' +
        others.map(([id, u]) => `  ${u} terminal pts/${id} (pid ${4000 + id}) on since ${show.junosTime(s.host.now())}\n      [edit]\n`).join('');
    if (modified) out += 'The configuration has been changed but not committed\n';
  }
  j.editors.set(s.id, s.user);
  s.edit = [];
  s.exclusive = exclusive;
  return say(out + 'Entering configuration mode\n');
}

/** Another session holds `configure exclusive`: a shared session may look but not change. */
function lockedBy(s: Session): string | undefined {
  const lock = junos(s.host.state).exclusive;
  if (lock && lock.session !== s.id)
    return `error: configuration database locked by:\n  ${lock.user} terminal pts/${lock.session} (pid ${4000 + lock.session})\n      exclusive [edit]\n`;
  return undefined;
}

function setLine(s: Session, rest: string): CliReply {
  const locked = lockedBy(s);
  if (locked) return say(locked);
  const ws = words(rest);
  const full = [...(s.edit ?? []), ...pathOf(ws, s.edit ?? [])];
  const top = words(full[0] ?? '')[0] ?? '';
  if (!TOP_LEVEL.has(top)) return syntaxError(s, 'set ', rest);
  setPath(candidate(s), full);
  touched(s);
  return say('');
}

function deleteLine(s: Session, rest: string): CliReply {
  const locked = lockedBy(s);
  if (locked) return say(locked);
  const full = [...(s.edit ?? []), ...pathOf(words(rest), s.edit ?? [])];
  if (full.length === 0) return say('');
  if (!deletePath(candidate(s), full)) return say('warning: statement not found\n');
  touched(s);
  return say('');
}

function edit(s: Session, rest: string): CliReply {
  const full = [...(s.edit ?? []), ...pathOf(words(rest), s.edit ?? [])];
  if (!TOP_LEVEL.has(words(full[0] ?? '')[0] ?? '')) return syntaxError(s, 'edit ', rest);
  s.edit = full;
  return say('');
}

function syntaxError(s: Session, verb: string, rest: string): CliReply {
  return say(`${' '.repeat(lastLine(prompt(s)).length + verb.length + (rest.length - rest.trimStart().length))}^\nsyntax error.\n`);
}

/** What Junos checks before a commit: the lab checks what a restore can break — root authentication. */
function checkErrors(config: ConfigTree): string[] {
  const root = nodeAt(config, ['system', 'root-authentication']);
  if (!root || root.children.length === 0)
    return [
      '[edit system]',
      "  'root-authentication'",
      "    Missing mandatory statement: 'root-authentication'",
      'error: commit failed: (missing mandatory statements)',
    ];
  return [];
}

function commitCheck(s: Session): CliReply {
  const errors = checkErrors(candidate(s));
  return say(errors.length ? errors.join('\n') + '\n' : 'configuration check succeeds\n');
}

function doCommit(s: Session, o: { synchronize?: boolean; confirm?: string; comment?: string }): CliReply {
  const locked = lockedBy(s);
  if (locked) return say(locked);
  const st = s.host.state;
  const j = state(s);
  let minutes: number | undefined;
  if (o.confirm !== undefined) {
    minutes = Number(o.confirm);
    if (!/^\d+$/.test(o.confirm) || minutes < 1 || minutes > 65535) return say(`error: invalid value: ${o.confirm}\n`);
  }
  const errors = checkErrors(j.candidate);
  if (errors.length) return say(errors.join('\n') + '\n');
  const backupPresent = [...j.roles.values()].includes('backup');
  commit(st, {
    by: s.user,
    now: s.host.now(),
    synchronize: !!o.synchronize,
    ...(minutes !== undefined ? { confirmMinutes: minutes } : {}),
    ...(o.comment ? { comment: o.comment } : {}),
  });
  if (minutes !== undefined) armConfirmTimer(st, () => s.host.now());
  const confirmNote = minutes !== undefined ? `commit confirmed will be automatically rolled back in ${minutes} minutes unless confirmed\n` : '';
  // `system commit synchronize` makes every commit a synchronising one, output and all.
  if ((o.synchronize || syncByDefault(st.running)) && backupPresent) {
    // Each RE checks and commits; the backup's answer comes first, as on a real EX VC.
    const m = masterId(st) ?? 0;
    const b = [...j.roles].find(([, r]) => r === 'backup')?.[0] ?? 1;
    return say(`fpc${m}:\nconfiguration check succeeds\nfpc${b}:\n${confirmNote}commit complete\nfpc${m}:\n${confirmNote}commit complete\n`);
  }
  return say(`${confirmNote}commit complete\n`);
}

function andQuit(s: Session, reply: CliReply): CliReply {
  if (!/commit complete\n$/.test(reply.output)) return reply;
  const out = leave(s);
  return say(reply.output + out.output);
}

function rollback(s: Session, n: string): CliReply {
  const locked = lockedBy(s);
  if (locked) return say(locked);
  const j = state(s);
  const at = Number(n);
  if (!/^\d+$/.test(n) || at > 49) return say(`error: invalid rollback index: ${n}\n`);
  const record = j.history[at];
  if (!record) return say(`error: rollback ${n} does not exist\n`);
  j.candidate = cloneTree(record.config);
  touched(s);
  return say('load complete\n');
}

function startLoad(s: Session, kind: Load): CliReply {
  const locked = lockedBy(s);
  if (locked) return say(locked);
  s.loading = { kind, lines: [] };
  return say('[Type ^D at a new line to end input]\n');
}

function loadLine(s: Session, typed: string): CliReply {
  const loading = s.loading!;
  if (!typed.endsWith(CTRL_D)) {
    loading.lines.push(typed);
    return say('');
  }
  const last = typed.slice(0, -1);
  if (last !== '') loading.lines.push(last);
  delete s.loading;
  const text = loading.lines.join('\n');
  const j = state(s);
  try {
    if (loading.kind === 'set') {
      const next = cloneTree(j.candidate);
      const { errors } = applySetLines(next, text);
      if (errors.length)
        return say(errors.map((e) => `terminal:${loading.lines.indexOf(e) + 1}:(0) syntax error: ${e}\n`).join('') + 'error: configuration check-out failed\n');
      j.candidate = next;
    } else {
      const loaded = parseCurly(text);
      const bad = loaded.find((n) => !TOP_LEVEL.has(words(n.line)[0] ?? ''));
      if (bad) return say(`terminal:1:(0) syntax error: ${bad.line}\nerror: configuration check-out failed\n`);
      j.candidate = loading.kind === 'override' ? loaded : merge(j.candidate, loaded, loading.kind === 'replace');
    }
  } catch (err) {
    if (err instanceof JunosSyntaxError) return say(`terminal:${loading.lines.length}:(0) ${err.message}\nerror: configuration check-out failed\n`);
    throw err;
  }
  touched(s);
  return say('load complete\n');
}

/** `load merge`: the loaded statements added to the candidate, a leaf's new value replacing its old one. */
function merge(base: ConfigTree, loaded: ConfigTree, replace: boolean): ConfigTree {
  const out = cloneTree(base);
  const walk = (nodes: ConfigTree, path: string[]) => {
    for (const n of nodes) {
      if (n.children.length === 0) setPath(out, [...path, n.line]);
      else {
        if (replace) deletePath(out, [...path, n.line]);
        walk(n.children, [...path, n.line]);
      }
    }
  };
  walk(loaded, []);
  return out;
}

function exit(s: Session, whole: boolean): CliReply {
  if (!whole && s.edit && s.edit.length > 0) {
    s.edit = s.edit.slice(0, -1);
    return say('');
  }
  const j = state(s);
  if (!sameTree(j.candidate, s.host.state.running)) {
    s.exitQuestion = true;
    return say('The configuration has been changed but not committed\nExit with uncommitted changes? [yes,no] (yes) ');
  }
  return leave(s);
}

/** Leave configuration mode: an exclusive session's uncommitted changes go; a shared candidate stays for the next. */
function leave(s: Session): CliReply {
  const j = junos(s.host.state);
  if (s.exclusive) {
    j.candidate = cloneTree(s.host.state.running);
    if (j.exclusive?.session === s.id) delete j.exclusive;
  }
  j.editors.delete(s.id);
  s.edit = null;
  s.exclusive = false;
  return say('Exiting configuration mode\n');
}

/** `show system uptime invoke-on all-routing-engines`: one `fpcN:` section per RE (master first), each with its own last commit. */
function uptimeEveryRe(s: Session): string {
  const st = s.host.state;
  const j = junos(st);
  const master = masterId(st);
  const res = [...j.reConfig.keys()].sort((a, b) => (a === master ? -1 : b === master ? 1 : a - b));
  if (res.length < 2) return uptime(s);
  const rule = '-'.repeat(74);
  return res
    .map((id) => {
      const config = j.reConfig.get(id)!;
      // The newest commit whose configuration this RE holds is the last that reached it.
      const last = j.history.find((h) => sameTree(h.config, config)) ?? j.history[j.history.length - 1];
      const now = s.host.now();
      return (
        `fpc${id}:\n${rule}\nCurrent time: ${show.junosTime(now)}\nSystem booted: ${show.junosTime(st.bootedAt)}\n` +
        `Last configured: ${show.junosTime(last?.at ?? st.bootedAt)} by ${last?.by ?? 'root'}\n`
      );
    })
    .join('\n');
}

function uptime(s: Session): string {
  const st = s.host.state;
  const now = s.host.now();
  return `Current time: ${show.junosTime(now)}\nSystem booted: ${show.junosTime(st.bootedAt)}\nLast configured: ${show.junosTime(junos(st).history[0]?.at ?? st.bootedAt)} by ${junos(st).history[0]?.by ?? 'root'}\n`;
}
