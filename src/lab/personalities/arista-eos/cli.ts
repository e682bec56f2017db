// The EOS command line of a lab switch: `host>` / `enable` / `host#`, `terminal length 0`, the show
// commands with EOS's pipes (`| no-more`, `| exclude TEXT`, `| include TEXT`), `copy running-config
// startup-config`, configuration mode (`configure terminal`) and configuration sessions
// (`configure session NAME`, `rollback clean-config`, `show session-config diffs`, `commit`,
// `commit timer hh:mm:ss`, `abort`). Error texts: `% Invalid input`, `% Incomplete command`,
// `% Ambiguous command` (EOS's `% ` refusals; the exact words assumed).

import { cloneTree } from '../../config-tree.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { matchCommand } from '../../command-match.js';
import type { CommandSpec } from '../../command-match.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import * as show from './show.js';
import { commitWithTimer, confirmTimer, eos, hostnameOf } from './state.js';

/** EOS's pager (when paging is on): ` --More-- `, erased with a carriage return and spaces (assumed). */
export const EOS_PAGER = { prompt: ' --More-- ', erase: '\r          \r' };

interface Session {
  host: CliHost;
  username: string;
  privileged: boolean;
  secret: string;
  /** Waiting for the enable password. */
  enabling: boolean;
  /** null: exec mode; [] the top of configuration mode; [node, …] inside sub-modes. */
  config: ConfigNode[] | null;
  /** The configuration session typed into, or undefined for `configure terminal`. */
  sessionName?: string;
  pageLength: number | null;
}

interface ExecCommand extends CommandSpec {
  privileged?: boolean;
  run(s: Session, args: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

function save(s: Session): CliReply {
  s.host.save(s.username);
  return say('Copy completed successfully.\n');
}

const EXEC: ExecCommand[] = [
  { words: ['enable'], run: (s) => (s.privileged ? say('') : ((s.enabling = true), { output: 'Password: ', noEcho: true })) },
  { words: ['terminal', 'length', '<n>'], run: (s, [n]) => ((s.pageLength = Number(n) || 0), say(Number(n) ? '' : 'Pagination disabled.\n')) },
  { words: ['terminal', 'width', '<n>'], run: (_s, [n]) => say(`Width set to ${n} columns.\n`) },
  { words: ['show', 'version'], run: (s) => pageable(show.showVersion(s.host.state, s.host.now())) },
  { words: ['show', 'mlag'], run: (s) => pageable(show.showMlag(s.host.state, false)) },
  { words: ['show', 'mlag', 'detail'], run: (s) => pageable(show.showMlag(s.host.state, true)) },
  { words: ['show', 'running-config'], privileged: true, run: (s) => pageable(show.showRunning(s.host.state, s.host.now())) },
  {
    words: ['show', 'startup-config'],
    privileged: true,
    run: (s) => (s.host.state.faults.startupRefused === 'silent' ? say('') : pageable(show.showStartup(s.host.state))),
  },
  { words: ['show', 'session-config', 'diffs'], privileged: true, run: (s) => sessionDiffs(s) },
  { words: ['write', 'memory'], privileged: true, run: save },
  { words: ['copy', 'running-config', 'startup-config'], privileged: true, run: save },
  { words: ['configure', 'terminal'], privileged: true, run: (s) => ((s.config = []), say('')) },
  { words: ['configure'], privileged: true, run: (s) => ((s.config = []), say('')) },
  { words: ['configure', 'session', '<name>'], privileged: true, run: (s, [name]) => enterSession(s, name!) },
  // `end` in exec mode does nothing (assumed: EOS takes it from any mode).
  { words: ['end'], run: () => say('') },
  { words: ['exit'], run: () => ({ output: '', close: true }) },
  { words: ['logout'], run: () => ({ output: '', close: true }) },
];

function enterSession(s: Session, name: string): CliReply {
  const sessions = eos(s.host.state).sessions;
  // A session pending its commit timer is entered again to be committed (NAPALM's confirm).
  if (!sessions.has(name)) sessions.set(name, { config: cloneTree(s.host.state.running) });
  s.config = [];
  s.sessionName = name;
  return say('');
}

function sessionDiffs(s: Session): CliReply {
  const name = s.sessionName;
  const session = name ? eos(s.host.state).sessions.get(name) : undefined;
  if (!name || !session) return say('% Not in a configuration session\n');
  return pageable(show.sessionDiffs(s.host.state.running, session.config, name));
}

export function openEosCli(host: CliHost, username: string, privilege: number, secret: string): CliSession {
  const s: Session = { host, username, privileged: privilege >= 15, secret, enabling: false, config: null, pageLength: null };
  return {
    pager: EOS_PAGER,
    greeting: () => `Last login: ${new Date(host.now() - 3_600_000).toUTCString().replace(' GMT', '')} from 192.0.2.10\n` + prompt(s),
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
  return { output: reply.output, exitCode: /^%/m.test(reply.output) ? 1 : 0 };
}

/** The mode a sub-mode shows in the prompt: `if-Et1`, `vlan-10`, `mlag`, or the line's first word. */
function modeOf(line: string): string {
  const intf = /^interface (\S+)/.exec(line);
  if (intf)
    return `if-${intf[1]!
      .replace(/^Ethernet/, 'Et')
      .replace(/^Management/, 'Ma')
      .replace(/^Port-Channel/, 'Po')
      .replace(/^Vlan/, 'Vl')}`;
  const vlan = /^vlan (\S+)$/.exec(line);
  if (vlan) return `vlan-${vlan[1]}`;
  if (line === 'mlag configuration') return 'mlag';
  const acl = /^(?:ip|ipv6|mac) access-list (\S+)$/.exec(line);
  if (acl) return `acl-${acl[1]}`;
  return line.split(' ')[0]!;
}

function prompt(s: Session): string {
  // Asking for the enable password: the question is the prompt.
  if (s.enabling) return '';
  const name = hostnameOf(s.host.state.running);
  if (s.config === null) return `${name}${s.privileged ? '#' : '>'}`;
  // A session shows `s-` and its name in full, a sub-mode after it (`test(s2)(config-s-ansible-acl-TESTACL1)#`,
  // a real transcript in ansible-collections/arista.eos issue 476).
  const base = s.sessionName !== undefined ? `config-s-${s.sessionName}` : 'config';
  const ctx = s.config[s.config.length - 1];
  return `${name}(${ctx ? `${base}-${modeOf(ctx.line)}` : base})#`;
}

function input(s: Session, typed: string): CliReply {
  if (s.enabling) {
    s.enabling = false;
    if (typed === s.secret) {
      s.privileged = true;
      return say('');
    }
    return say('% Bad secret\n');
  }
  if (s.config !== null) return configLine(s, typed);
  return execLine(s, typed);
}

/** `show …` with EOS's pipes: `| no-more` (no paging), `| exclude TEXT`, `| include TEXT`. */
function execLine(s: Session, typed: string): CliReply {
  if (typed.trim() === '') return say('');
  const [command, ...pipes] = typed.split(/\s+\|\s+/);
  let reply = execCommand(s, command!);
  for (const pipe of pipes) {
    const m = /^(no-more|exclude|include)\s*(.*)$/.exec(pipe.trim());
    if (!m) return say('% Invalid input\n');
    if (m[1] === 'no-more') reply = { ...reply, pageable: false };
    else {
      const keep = m[1] === 'include';
      const text = m[2]!;
      reply = {
        ...reply,
        output: reply.output
          .split('\n')
          .filter((l, i, all) => (i === all.length - 1 && l === '') || l.includes(text) === keep)
          .join('\n'),
      };
    }
  }
  return reply;
}

function execCommand(s: Session, typed: string): CliReply {
  const m = matchCommand(EXEC, typed);
  switch (m.kind) {
    case 'ambiguous':
      return say('% Ambiguous command\n');
    case 'incomplete':
      return say('% Incomplete command\n');
    case 'invalid':
      return say(`% Invalid input\n`);
    case 'ok':
      if (m.command.privileged && !s.privileged) return say('% Invalid input (privileged mode required)\n');
      return m.command.run(s, m.args);
  }
}

// ---------------------------------------------------------------- configuration mode

/** Top-level lines that open a sub-mode. */
const OPENERS: RegExp[] = [
  /^interface \S+$/,
  /^vlan \d+(?:[,-]\d+)*$/,
  /^router \S+(?: \S+)?$/,
  /^management \S+(?: \S+)?$/,
  /^mlag configuration$/,
  /^(?:ip|ipv6|mac) access-list \S+$/,
  /^event-handler \S+$/,
  /^daemon \S+$/,
  /^route-map \S+/,
  /^aaa group server \S+ \S+$/,
  /^spanning-tree mst configuration$/,
  /^(?:policy-map|class-map) .+/,
];
/** Lines that open a sub-mode inside one (`vrf default` under `management api http-commands`). */
const NESTED_OPENERS: RegExp[] = [/^vrf \S+$/, /^address-family \S+/, /^trigger \S+/];

/** Settings that exist once where they stand: typing one replaces the other. */
const ONE_PER_PARENT = [
  'hostname',
  'description',
  'name',
  'mtu',
  'switchport mode',
  'switchport access vlan',
  'switchport trunk native vlan',
  'switchport trunk allowed vlan',
  'channel-group',
  'spanning-tree mode',
  'domain-id',
  'local-interface',
  'peer-address',
  'peer-link',
  'ip domain-name',
  'snmp-server location',
  'snmp-server contact',
  'transceiver qsfp default-mode',
  'service routing protocols model',
];

function keyOf(line: string): string | undefined {
  const l = line.replace(/^no /, '');
  if (/^(?:shutdown|ip routing|aaa root|switchport)$/.test(l)) return l;
  const user = /^username (\S+) /.exec(l);
  if (user) return `username ${user[1]}`;
  const community = /^snmp-server community (\S+)/.exec(l);
  if (community) return `snmp-server community ${community[1]}`;
  if (/^ip address \S+$/.test(l)) return 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** `no` forms EOS prints as lines of their own (`no aaa root`, `no ip routing`, as the real captures show). */
const KEPT_NO = /^no (?:aaa root|ip routing|switchport|shutdown)$/;

function setLine(siblings: ConfigTree, line: string): void {
  if (line.startsWith('no ')) {
    const what = line.slice(3);
    const key = keyOf(what);
    for (let i = siblings.length - 1; i >= 0; i--) {
      const n = siblings[i]!;
      if (n.line === what || n.line.startsWith(what + ' ') || (key !== undefined && keyOf(n.line) === key && !KEPT_NO.test(line))) siblings.splice(i, 1);
    }
    if (KEPT_NO.test(line) && !siblings.some((n) => n.line === line)) {
      const at = siblings.findIndex((n) => keyOf(n.line) === keyOf(line));
      if (at >= 0) siblings.splice(at, 1);
      siblings.push({ line, children: [] });
    }
    return;
  }
  const key = keyOf(line);
  const at = siblings.findIndex((n) => (key !== undefined && keyOf(n.line) === key) || n.line === `no ${line}`);
  const node: ConfigNode = { line, children: [] };
  if (at >= 0) siblings.splice(at, 1, node);
  else if (!siblings.some((n) => n.line === line)) siblings.push(node);
}

/** The configuration being typed into: running, or the open session's own copy. */
function target(s: Session): ConfigTree {
  return s.sessionName !== undefined ? eos(s.host.state).sessions.get(s.sessionName)!.config : s.host.state.running;
}

function leave(s: Session): CliReply {
  s.config = null;
  delete s.sessionName;
  return say('');
}

function changed(s: Session): void {
  if (s.sessionName === undefined) s.host.touchRunning(s.username);
}

function configLine(s: Session, typed: string): CliReply {
  const line = typed.trim();
  const levels = s.config!;
  if (line === '' || line.startsWith('!')) return say('');
  if (line === 'end') return leave(s);
  if (line === 'exit') {
    if (levels.length === 0) return leave(s);
    levels.pop();
    return say('');
  }
  const exec = /^do\s+(.*)$/.exec(line);
  if (exec) return execLine(s, exec[1] ?? '');
  // EOS runs show commands in configuration mode too.
  if (/^show\s/.test(line)) return execLine(s, line);
  const state = s.host.state;
  if (s.sessionName !== undefined) {
    const name = s.sessionName;
    const session = eos(state).sessions.get(name)!;
    if (levels.length === 0 && line === 'rollback clean-config') {
      session.config = [];
      return say('');
    }
    if (line === 'abort') {
      eos(state).sessions.delete(name);
      return leave(s);
    }
    if (line === 'commit') {
      if (session.pending) confirmTimer(state, name);
      else {
        state.running = cloneTree(session.config);
        eos(state).sessions.delete(name);
        s.host.touchRunning(s.username);
      }
      return leave(s);
    }
    const timer = /^commit timer (\d{1,2}):(\d{2}):(\d{2})$/.exec(line);
    if (timer) {
      const seconds = Number(timer[1]) * 3600 + Number(timer[2]) * 60 + Number(timer[3]);
      if (seconds < 1) return say('% Invalid input\n');
      commitWithTimer(state, name, seconds, () => s.host.now());
      s.host.touchRunning(s.username);
      return leave(s);
    }
  }
  if (/^(?:commit|abort|rollback)\b/.test(line)) return say('% Invalid input\n');
  if (eos(state).dropTyped?.test(line)) return say('');
  const tree = target(s);
  const top = OPENERS.some((re) => re.test(line));
  if (top || (levels.length > 0 && NESTED_OPENERS.some((re) => re.test(line)))) {
    // A top-level sub-mode command is taken wherever it is typed: it leaves the sub-mode it is in.
    const parent = top ? tree : levels[levels.length - 1]!.children;
    let node = parent.find((n) => n.line === line);
    if (!node) {
      node = { line, children: [] };
      parent.push(node);
    }
    s.config = top ? [node] : [...levels, node];
    changed(s);
    return say('');
  }
  if (line.startsWith('no ') && OPENERS.some((re) => re.test(line.slice(3)))) {
    const i = tree.findIndex((n) => n.line === line.slice(3));
    if (i >= 0) tree.splice(i, 1);
    s.config = [];
    changed(s);
    return say('');
  }
  const ctx = levels[levels.length - 1];
  setLine(ctx ? ctx.children : tree, line);
  changed(s);
  return say('');
}

/** A lab `change` event: the lines typed in configuration mode as a person would; returns those refused. */
export function applyEosChange(host: CliHost, lines: readonly string[]): string[] {
  const cli = openEosCli(host, 'lab', 15, '');
  const refused: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/^%/m.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}
