// What a datagram becomes. A receiver's record: an event of the device whose inventory host
// sent it (sources.ts), by its platform's rules (recognise.ts), or nothing — from an address
// no device has, a counter and a line at most once an hour per address. A datagram a receiver
// refused: counted there (/metrics), logged here — but a storm of junk is a counter, not a log
// flood, so one line per kind and reason a minute.

import { platformByName } from '../platforms/index.js';
import type { TrapRecord } from '../transport/trap-receiver.js';
import type { SyslogRecord } from '../transport/syslog-receiver.js';
import { recognise } from './recognise.js';
import type { SourceMap } from './sources.js';
import type { WatchEvent, WatchStatus } from './status.js';
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

export interface ReceiveDeps {
  /** Device by datagram source; absent: every source is unknown. */
  sources: SourceMap | undefined;
  counters: WatchStatus['counters'];
  isClosing: () => boolean;
  ingest: (event: WatchEvent) => void;
  log: WatchLog;
}

export function createReceive(deps: ReceiveDeps): (record: TrapRecord | SyslogRecord) => void {
  const { counters, log } = deps;
  return (record) => {
    if (deps.isClosing()) return;
    const device = deps.sources?.deviceOf(record.from);
    if (!device) {
      counters.unknownSources++;
      if (deps.sources?.unknown(record.from, Date.now()) ?? true)
        log({
          level: 'warn',
          what: 'unknown-source',
          message: `${record.kind} from ${record.from}, which no inventory device has (said once an hour per address)`,
        });
      return;
    }
    // `platform: auto` has no rules of its own until a backup names one: the standard traps
    // (coldStart, warmStart) still mean a reload from any agent.
    const rules = platformByName(device.platform)?.notifications ?? {};
    // Only the fields recognise reads: never the community or the user's keys.
    const input =
      record.kind === 'trap'
        ? { kind: 'trap' as const, trapOid: record.trapOid, varbinds: record.varbinds.map((v) => ({ oid: v.oid, value: v.value })) }
        : { kind: 'syslog' as const, text: record.text, ...(record.app !== undefined ? { app: record.app } : {}) };
    const found = recognise(device.name, input, rules);
    if (!found) return;
    deps.ingest({
      device: found.device,
      kind: found.event,
      ...(found.member !== undefined ? { member: found.member } : {}),
      detail: found.detail,
      source: record.kind,
      at: Date.now(),
    });
  };
}
