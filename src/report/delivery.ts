// What became of one alert target: the same shape for a webhook and an exec hook, so the
// CLI reports both the same way (a stderr line when it failed, `alerts` in --json).

export interface AlertDelivery {
  target: 'webhook' | 'exec-hook';
  /** Where it went, safe to print: a webhook's scheme, host and port (its path is often its secret), or the hook's program (its first word; the rest may carry a token). */
  to: string;
  outcome: 'sent' | 'failed';
  /** In words: `HTTP 204`, `HTTP 500: <body start>`, `no answer within 10 s`, `exit 1`, `killed after 30 s`. */
  detail: string;
  durationMs: number;
  /** webhook: the HTTP status, when one came back. */
  httpStatus?: number;
  /** exec hook: its exit code (null when a signal ended it) and the signal. */
  exitCode?: number | null;
  signal?: string;
  /** exec hook: the end of what it wrote to stderr (up to STDERR_TAIL characters). */
  stderrTail?: string;
}

/** A text as one short line for a message: control characters and line breaks as spaces, cut. */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
