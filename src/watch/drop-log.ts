// Datagrams a receiver refused: counted there (/metrics), logged here — but a storm of junk is
// a counter, not a log flood, so one line per kind and reason a minute.

import type { WatchLog } from './log.js';

/** Log a line at most this often per kind and reason. */
const DROP_LOG_MS = 60_000;
/** Reason shapes remembered at most (then forgotten all at once). */
const MAX_SHAPES = 100;

export type DropLogger = (kind: 'trap' | 'syslog', from: string | undefined, reason: string) => void;

export function createDropLog(log: WatchLog): DropLogger {
  const dropLogged = new Map<string, number>();
  return (kind, from, reason) => {
    // One line per kind and reason a minute: a storm of junk is a counter, not a log flood.
    // The reason quotes the datagram (its timestamp, an element id, its size): the key is the
    // reason's shape, without what the sender chose, or every datagram of a storm is a line.
    const key = `${kind} ${reason.replace(/"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\d+/g, '_').split(':')[0]}`;
    const now = Date.now();
    const last = dropLogged.get(key);
    if (last !== undefined && now - last < DROP_LOG_MS) return;
    // Bounded whatever arrives: the shapes are few, a sender must not grow the map.
    if (dropLogged.size >= MAX_SHAPES) dropLogged.clear();
    dropLogged.set(key, now);
    log({
      level: 'warn',
      what: 'drop',
      message: `${kind} from ${from ?? 'unknown'} dropped: ${reason} (said once a minute per reason; /metrics counts them all)`,
    });
  };
}
