// The OS10 command line of a lab switch: the `OS10# ` exec prompt a sysadmin login lands at,
// `terminal length 0`, the show commands, `copy running-configuration startup-configuration`
// (which prints nothing and returns the prompt), and `configure terminal`, where each line is
// applied to running at once (OS10's default, non-transaction mode). Refusals read
// `% Error: Unrecognized command.` / `% Error: Incomplete command.` as OS10's users quote them.

import { configModeWord } from '../../context-config-line.js';
import { createHash } from 'node:crypto';
import { matchCommand } from '../../command-match.js';
import type { CommandSpec } from '../../command-match.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import type { CliHost, CliReply, CliSession, ExecReply } from '../../personality.js';
import * as show from './show.js';
import { canonical, hostnameOf } from './state.js';

/** OS10's pager line (**assumed**: paging is off once `terminal length 0` is typed). */
export const OS10_PAGER = { prompt: '--more--', erase: '\r        \r' };

const UNRECOGNIZED = '% Error: Unrecognized command.\n';

interface Session {
  host: CliHost;
  username: string;
  /** null: exec mode; [] the top of configuration mode; [node, …] inside nested contexts. */
  config: ConfigNode[] | null;
  pageLength: number | null;
}

interface ExecCommand extends CommandSpec {
  run(s: Session, args: string[]): CliReply;
}

const say = (output: string): CliReply => ({ output });
const pageable = (output: string): CliReply => ({ output, pageable: true });

function save(s: Session): CliReply {
  s.host.save(s.username);
  return say('');
}

/** A lab-made MAC for a peer named in the pair (the personality sees only its own switch). */
const peerMac = (peer: string): string =>
  ['8c', '04', 'ba', ...[...createHash('sha256').update(`os10:peer:${peer}`).digest().subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');

const EXEC: ExecCommand[] = [
  { words: ['terminal', 'length', '<n>'], run: (s, [n]) => ((s.pageLength = Number(n) || 0), say('')) },
  { words: ['show', 'version'], run: (s) => pageable(show.showVersion(s.host.state, s.host.now())) },
  { words: ['show', 'version', '|', 'display-xml'], run: (s) => pageable(show.showVersionXml(s.host.state, s.host.now())) },
  { words: ['show', 'running-configuration'], run: (s) => pageable(show.showRunning(s.host.state)) },
  // Non-transaction mode: the candidate is what runs.
  { words: ['show', 'candidate-configuration'], run: (s) => pageable(show.showRunning(s.host.state)) },
  {
    words: ['show', 'startup-configuration'],
    run: (s) => {
      const refused = s.host.state.faults.startupRefused;
      if (refused === 'silent') return say('');
      if (refused === 'invalid') return say(UNRECOGNIZED);
      return pageable(show.showStartup(s.host.state));
    },
  },
  // The documented form only: `show vlt <domain-id>`, a number (OS10's `vlt-domain` takes 1-255).
  // No `show vlt all`: never seen typed on a switch.
  {
    words: ['show', 'vlt', '<domain>'],
    run: (s, [d]) => (/^\d+$/.test(d ?? '') ? pageable(show.showVlt(s.host.state, d!, peerMac)) : say(UNRECOGNIZED)),
  },
  { words: ['copy', 'running-configuration', 'startup-configuration'], run: save },
  { words: ['write', 'memory'], run: save },
  { words: ['configure', 'terminal'], run: (s) => ((s.config = []), say('')) },
  { words: ['configure'], run: (s) => ((s.config = []), say('')) },
  { words: ['end'], run: () => say('') },
  { words: ['exit'], run: () => ({ output: '', close: true }) },
];

export function openOs10Cli(host: CliHost, username: string): CliSession {
  const s: Session = { host, username, config: null, pageLength: null };
  return {
    pager: OS10_PAGER,
    greeting: () => `Last login: ${new Date(host.now() - 3_600_000).toUTCString()} from 192.0.2.10\n${prompt(s)}`,
    prompt: () => prompt(s),
    pageLength: () => s.pageLength,
    input: (typed) => (s.config !== null ? configLine(s, typed) : execLine(s, typed)),
    inConfigMode: () => s.config !== null,
    exec: (command) => execReply(execLine(s, command)),
    keys: { '\x1a': { echo: '^Z\r\n', line: 'end', discardTyped: true } },
    failed: (message) => `% Error: ${message}\n`,
  };
}

const execReply = (reply: CliReply): ExecReply => ({ output: reply.output, exitCode: /^% Error/m.test(reply.output) ? 1 : 0 });

/** The mode in the prompt: `conf-if-eth1/1/1`, `conf-if-vl-10`, `conf-if-ma-1/1/1`, `conf-if-po-1`, `conf-vlt-1`, `config-router-bgp-12`. */
function modeOf(line: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^interface ethernet(\S+)$/.exec(line))) return `conf-if-eth${m[1]}`;
  if ((m = /^interface vlan(\d+)$/.exec(line))) return `conf-if-vl-${m[1]}`;
  if ((m = /^interface mgmt(\S+)$/.exec(line))) return `conf-if-ma-${m[1]}`;
  if ((m = /^interface port-channel(\d+)$/.exec(line))) return `conf-if-po-${m[1]}`;
  if ((m = /^interface loopback(\d+)$/.exec(line))) return `conf-if-lo-${m[1]}`;
  if ((m = /^vlt-domain (\d+)$/.exec(line))) return `conf-vlt-${m[1]}`;
  if ((m = /^router (\S+) (\S+)/.exec(line))) return `config-router-${m[1]}-${m[2]}`;
  if ((m = /^neighbor (\S+)$/.exec(line))) return 'config-router-neighbor';
  return `config-${line.split(' ')[0]}`;
}

function prompt(s: Session): string {
  const name = hostnameOf(s.host.state.running);
  if (s.config === null) return `${name}# `;
  const ctx = s.config[s.config.length - 1];
  return `${name}(${ctx ? modeOf(ctx.line) : 'config'})# `;
}

function execLine(s: Session, typed: string): CliReply {
  if (typed.trim() === '') return say('');
  const m = matchCommand(EXEC, typed);
  switch (m.kind) {
    case 'ambiguous':
    case 'invalid':
      return say(UNRECOGNIZED);
    case 'incomplete':
      return say('% Error: Incomplete command.\n');
    case 'ok':
      return m.command.run(s, m.args);
  }
}

// ---------------------------------------------------------------- configuration mode

/** Top-level lines that open a context; OS10 takes `interface ethernet 1/1/1` and prints `interface ethernet1/1/1`. */
const TOP_OPENERS = /^(?:interface \S+|vlt-domain \d+|router \S+(?: \S+)?|policy-map .+|class-map .+|ip vrf \S+|line \S+|route-map .+)$/;
/** Lines that open a context inside one (a BGP neighbour, an address family). */
const SUB_OPENERS = /^(?:neighbor \S+|template \S+|address-family .+|vrf \S+)$/;
/** Ports that exist whatever the configuration says: OS10 cannot remove them. */
const PHYSICAL = /^interface (?:ethernet|mgmt)\d/;
/** `no` forms OS10 prints as lines of their own (the real capture: `no shutdown`, `no switchport`). */
const KEPT_NO = /^no (?:shutdown|switchport)$/;

const ONE_PER_PARENT = [
  'hostname',
  'description',
  'switchport access vlan',
  'switchport mode',
  'mtu',
  'snmp-server contact',
  'snmp-server location',
  'backup destination',
  'vlt-mac',
  'primary-priority',
  'delay-restore',
  'ip domain-name',
];

function keyOf(line: string): string | undefined {
  const l = line.replace(/^no /, '');
  if (/^(?:shutdown|switchport)$/.test(l)) return l;
  const user = /^username (\S+) /.exec(l);
  if (user) return `username ${user[1]}`;
  if (/^ip address \S+$/.test(l)) return 'ip address';
  return ONE_PER_PARENT.find((k) => l === k || l.startsWith(k + ' '));
}

/** OS10's spelling of an interface name: `interface ethernet 1/1/1` → `interface ethernet1/1/1`. */
const tidy = (line: string): string => line.replace(/^interface (ethernet|vlan|mgmt|port-channel|loopback) (\S+)$/, 'interface $1$2');

function setLine(siblings: ConfigTree, line: string): void {
  if (line.startsWith('no ')) {
    const what = line.slice(3);
    const i = siblings.findIndex((n) => n.line === what || n.line.startsWith(what + ' '));
    if (i >= 0) siblings.splice(i, 1);
    if (KEPT_NO.test(line) && !siblings.some((n) => n.line === line)) siblings.push({ line, children: [] });
    return;
  }
  const key = keyOf(line);
  for (let i = siblings.length - 1; i >= 0; i--) {
    const n = siblings[i]!;
    if (n.line !== line && (n.line === `no ${line}` || (key !== undefined && keyOf(n.line) === key))) siblings.splice(i, 1);
  }
  if (!siblings.some((n) => n.line === line)) siblings.push({ line, children: [] });
}

function enter(siblings: ConfigTree, line: string): ConfigNode {
  const found = siblings.find((n) => n.line === line);
  if (found) return found;
  const node: ConfigNode = { line, children: [] };
  siblings.push(node);
  return node;
}

function configLine(s: Session, typed: string): CliReply {
  const line = tidy(typed.trim());
  const levels = s.config!;
  const word = configModeWord(s, line, (l) => execLine(s, l));
  if (word) return word;
  if (/^(?:start transaction|commit|discard)$/.test(line)) return say(UNRECOGNIZED); // exec-level commands
  const running = s.host.state.running;
  const touched = () => {
    canonical(running);
    s.host.touchRunning(s.username);
    return say('');
  };
  if (TOP_OPENERS.test(line)) {
    // A context line is a top-level command wherever it is typed: it leaves the context it is in.
    s.config = [enter(running, line)];
    return touched();
  }
  if (line.startsWith('no ') && TOP_OPENERS.test(tidy(line.slice(3)))) {
    const what = tidy(line.slice(3));
    if (PHYSICAL.test(what)) return say('% Error: Unrecognized command.\n');
    const i = running.findIndex((n) => n.line === what);
    if (i >= 0) running.splice(i, 1);
    s.config = [];
    return touched();
  }
  const ctx = levels[levels.length - 1];
  const siblings = ctx ? ctx.children : running;
  if (ctx && SUB_OPENERS.test(line)) {
    levels.push(enter(siblings, line));
    return touched();
  }
  setLine(siblings, line);
  return touched();
}

/** A lab `change` event: the lines typed in configuration mode as a person would; returns those refused. */
export function applyOs10Change(host: CliHost, lines: readonly string[]): string[] {
  const cli = openOs10Cli(host, 'lab');
  const refused: string[] = [];
  for (const line of ['configure terminal', ...lines, 'end']) {
    const out = cli.input(line).output;
    if (/^% Error/m.test(out)) refused.push(`${line.trim()}: ${out.trim().split('\n').pop()}`);
  }
  return refused;
}
