// The watch's log: what a line is about and what it carries. The engine and the modules beside
// it (alerting, recovering, the state writer, the drop limiter) all write through one function.

/** What a line of the watch's log is about (the e2e tests read it in --json; schemas/watch-log.schema.json). */
export const WATCH_LOG_KINDS = [
  'started',
  'event',
  'settled',
  'answered',
  'unanswered',
  'checked',
  'alert',
  'recover',
  'drop',
  'unknown-source',
  'sweep',
  'state',
  'stopping',
  'stopped',
] as const;

/** One line of the watch's log. */
export interface WatchLogEntry {
  at: number;
  level: 'info' | 'warn' | 'error';
  what: (typeof WATCH_LOG_KINDS)[number];
  device?: string;
  message: string;
  /** Figures worth keeping with the line (milliseconds, counts). */
  data?: Record<string, string | number | boolean>;
}

/** Writes one line; the time is added by it. */
export type WatchLog = (entry: Omit<WatchLogEntry, 'at'>) => void;

/** The log function over the user's sink (absent: nothing is written). */
export function watchLog(sink: ((entry: WatchLogEntry) => void) | undefined): WatchLog {
  return (entry) => {
    try {
      sink?.({ at: Date.now(), ...entry });
    } catch {
      // A log sink that fails must not stop the watch.
    }
  };
}
