// Real SSH sessions recorded by Oxidized's device2yaml.rb (`*#simulation.yaml`):
// what a device printed at login and in answer to each command, byte for byte,
// paging included. The lab replays them and tests measure the lab against them.

import { parse } from 'yaml';

export interface RecordedExchange {
  /** Exactly what was sent: a command and its line ending, or " " (a pager keypress). */
  send: string;
  /** Exactly what came back: echo, output and the next prompt. */
  output: string;
}

export interface RecordedSession {
  /** Banner and MOTD up to and including the first prompt. */
  initPrompt: string;
  exchanges: RecordedExchange[];
  /** Ordered recordings must be replayed in order (needed for paging). */
  ordered: boolean;
}

/** Parse a simulation file; values use Ruby string escapes (\r, \e, \b, \xHH, \x20 for trailing spaces). */
export function parseRecordedSession(text: string): RecordedSession {
  const doc = parse(text) as { init_prompt?: unknown; commands?: unknown };
  if (typeof doc?.init_prompt !== 'string') throw new Error('not an Oxidized simulation: no init_prompt');
  const commands = doc.commands;
  let exchanges: RecordedExchange[];
  let ordered: boolean;
  if (Array.isArray(commands)) {
    ordered = true;
    exchanges = commands.map((entry: unknown) => {
      const [send, output] = Object.entries(entry as Record<string, unknown>)[0] ?? [];
      return { send: unescapeRuby(String(send ?? '')), output: unescapeRuby(String(output ?? '')) };
    });
  } else if (commands && typeof commands === 'object') {
    ordered = false;
    exchanges = Object.entries(commands as Record<string, unknown>).map(([send, output]) => ({
      send: unescapeRuby(send),
      output: unescapeRuby(String(output ?? '')),
    }));
  } else {
    throw new Error('not an Oxidized simulation: no commands');
  }
  return { initPrompt: unescapeRuby(doc.init_prompt), exchanges, ordered };
}

const SIMPLE: Record<string, string> = { r: '\r', n: '\n', t: '\t', e: '\x1b', b: '\b', a: '\x07', '0': '\0', '"': '"', "'": "'", '\\': '\\', s: ' ' };

export function unescapeRuby(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (m, code: string) => {
    if (code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    return SIMPLE[code] ?? m;
  });
}
