// Lab events as people type them (`switchback lab event NAME power-cycle --lose-config [--boot-time 20s]`).

import { DurationError, parseDuration } from '../config/duration.js';
import type { FaultSpec, LabEvent } from './switch.js';

export class EventSyntaxError extends Error {}

export function parseLabEvent(words: string[]): LabEvent {
  const [verb, ...args] = words;
  const int = (s: string | undefined, what: string): number => {
    if (s === undefined || !/^\d+$/.test(s))
      throw new EventSyntaxError(`${verb} needs ${what} (a whole number), got ${s === undefined ? 'nothing' : JSON.stringify(s)}`);
    return Number(s);
  };
  switch (verb) {
    case 'change': {
      const lines = args.flatMap((a) => a.split('\n')).filter((l) => l.trim() !== '');
      if (lines.length === 0)
        throw new EventSyntaxError('change needs at least one configuration line, as typed at the switch (a sub-level indented by a space)');
      return { kind: 'change', lines };
    }
    case 'save':
      return { kind: 'save' };
    case 'power-cycle':
      return powerCycle(args);
    case 'member-down':
      return { kind: 'member-down', member: int(args[0], 'a member number') };
    case 'member-up':
      return { kind: 'member-up', member: int(args[0], 'a member number') };
    case 'fault':
      return { kind: 'fault', fault: parseFault(args) };
    case 'clear-faults':
      return { kind: 'clear-faults' };
    case 'set-uptime':
      return { kind: 'set-uptime', seconds: uptime(args[0]) };
    case 'new-host-key':
      return { kind: 'new-host-key' };
    case 'boot-done':
      if (args.length > 0) throw new EventSyntaxError(`boot-done takes nothing, got ${args.join(' ')}`);
      return { kind: 'boot-done' };
    case 'peer-link':
      if (args.length !== 1 || (args[0] !== 'down' && args[0] !== 'up'))
        throw new EventSyntaxError(`peer-link takes down or up, got ${args.join(' ') || 'nothing'}`);
      return { kind: 'peer-link', up: args[0] === 'up' };
    default:
      throw new EventSyntaxError(
        `unknown event ${JSON.stringify(verb ?? '')}: change, save, power-cycle, member-down, member-up, fault, clear-faults, set-uptime, new-host-key, peer-link, boot-done (see switchback lab event --help)`,
      );
  }
}

/** `power-cycle [--lose-config] [--boot-time DURATION]`: back at once, or dark for the boot time first. */
function powerCycle(args: string[]): LabEvent {
  let loseConfig = false;
  let bootMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lose-config') loseConfig = true;
    else if (a === '--boot-time' || a.startsWith('--boot-time=')) {
      const value = a === '--boot-time' ? args[++i] : a.slice('--boot-time='.length);
      try {
        bootMs = parseDuration(value ?? '') * 1000;
      } catch (err) {
        if (err instanceof DurationError) throw new EventSyntaxError(`power-cycle --boot-time: ${err.message}`);
        throw err;
      }
    } else throw new EventSyntaxError(`power-cycle takes only --lose-config and --boot-time DURATION, got ${args.join(' ')}`);
  }
  return { kind: 'power-cycle', loseConfig, ...(bootMs !== undefined ? { bootMs } : {}) };
}

function parseFault(args: string[]): FaultSpec {
  const [kind, a, b] = args;
  const num = (s: string | undefined, fallback: number | undefined, what: string): number => {
    if (s === undefined && fallback !== undefined) return fallback;
    if (s === undefined || !/^\d+$/.test(s)) throw new EventSyntaxError(`fault ${kind} needs ${what} (a whole number)`);
    return Number(s);
  };
  switch (kind) {
    case 'refuse-auth':
      return { kind: 'refuse-auth' };
    case 'hang':
      return { kind: 'hang' };
    case 'drop':
      return { kind: 'drop', afterBytes: num(a, undefined, 'BYTES of output before the drop') };
    case 'drop-after-lines':
      return { kind: 'drop-after-lines', lines: num(a, undefined, 'LINES of configuration before the drop') };
    case 'drip':
      return { kind: 'drip', chunkBytes: Math.max(1, num(a, 16, 'BYTES per chunk')), pauseMs: num(b, 50, 'MS between chunks') };
    case 'noise':
      return { kind: 'noise' };
    case 'garbage':
      return { kind: 'garbage' };
    case 'latency':
      return { kind: 'latency', ms: num(a, undefined, 'MS of delay per command') };
    case 'snmp-silent':
      return { kind: 'snmp-silent' };
    case 'startup-refused':
      if (a !== undefined && a !== 'invalid' && a !== 'silent')
        throw new EventSyntaxError(`fault startup-refused takes invalid (the default) or silent, got ${a}`);
      return { kind: 'startup-refused', answer: a ?? 'invalid' };
    default:
      throw new EventSyntaxError(
        `unknown fault ${JSON.stringify(kind ?? '')}: refuse-auth, hang, drop BYTES, drop-after-lines LINES, drip [BYTES [MS]], noise, garbage, latency MS, snmp-silent, startup-refused [invalid|silent]`,
      );
  }
}

/** The one duration reading switchback has (as --max-age reads it), as a lab event's syntax error. */
function uptime(s: string | undefined): number {
  try {
    return parseDuration(s ?? '');
  } catch (err) {
    if (err instanceof DurationError) throw new EventSyntaxError(`set-uptime: ${err.message}`);
    throw err;
  }
}
