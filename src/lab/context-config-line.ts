// One line typed in configuration mode on a switch whose configuration is flat contexts (an
// `interface …` or `vlan …` line opens one, its settings go under it, and any other context
// line typed inside leaves it): the mode's own words (`end`, `exit`, `do …`, comments) and
// the walk into and out of contexts are the same on such platforms; what a context is, how
// a setting lands and the platform's canonical order are the personality's data.

import type { ConfigNode, ConfigTree } from './config-tree.js';
import type { CliHost, CliReply } from './personality.js';

/** The part of a personality's session this needs. */
export interface ConfigModeSession {
  host: CliHost;
  username: string;
  /** null: exec; [] the top of configuration mode; [node] inside a context. */
  config: ConfigNode[] | null;
}

export interface ContextRules {
  /** Whether a line opens a context (`interface Ethernet1/1`). */
  opensContext(line: string): boolean;
  /** The context's node in running (created if new). */
  openContext(running: ConfigTree, line: string): ConfigNode;
  /** One setting under `siblings` at `depth` (0 at the top). */
  setLine(siblings: ConfigTree, line: string, depth: number): { kind: 'ok' } | { kind: 'invalid'; message: string };
  /** The platform's order of running, applied after every change (the switch shows it that way). */
  canonical(tree: ConfigTree): ConfigTree;
  /** A lab fault that answers a line before it is applied: refused (its reply) or dropped (''), else undefined. */
  fault?(line: string): CliReply | undefined;
}

const say = (output: string): CliReply => ({ output });

/**
 * The words of configuration mode itself — nothing and comments, `end`, `exit` (out of the
 * context, or out of the mode at its top), `do COMMAND` — or undefined for a configuration line.
 */
export function configModeWord(s: Pick<ConfigModeSession, 'config'>, line: string, execLine: (line: string) => CliReply): CliReply | undefined {
  if (line === '' || line.startsWith('!')) return say('');
  if (line === 'end') {
    s.config = null;
    return say('');
  }
  if (line === 'exit') {
    if (s.config!.length === 0) s.config = null;
    else s.config!.pop();
    return say('');
  }
  const exec = /^do\s+(.*)$/.exec(line);
  return exec ? execLine(exec[1] ?? '') : undefined;
}

export function contextConfigLine(s: ConfigModeSession, typed: string, rules: ContextRules, execLine: (line: string) => CliReply): CliReply {
  const line = typed.trim();
  const levels = s.config!;
  const word = configModeWord(s, line, execLine);
  if (word) return word;
  const faulted = rules.fault?.(line);
  if (faulted) return faulted;
  const running = s.host.state.running;
  const changed = (): CliReply => {
    rules.canonical(running);
    s.host.touchRunning(s.username);
    return say('');
  };
  if (rules.opensContext(line)) {
    // A context line is a top-level command wherever it is typed: it leaves the context it is in.
    s.config = [rules.openContext(running, line)];
    return changed();
  }
  if (line.startsWith('no ') && rules.opensContext(line.slice(3))) {
    const i = running.findIndex((n) => n.line === line.slice(3));
    if (i >= 0) running.splice(i, 1);
    s.config = [];
    return changed();
  }
  const ctx = levels[levels.length - 1];
  const out = rules.setLine(ctx ? ctx.children : running, line, ctx ? 1 : 0);
  if (out.kind === 'invalid') return say(out.message + '\n');
  return changed();
}
