// Durations as people type them (`--max-age 26h`, `lab event sw set-uptime 500d`): one
// reading for every command, so a value that works in one place works in all. Pure.

/** Seconds per unit, for every reading of a duration (the watch's --rate-limit periods too). */
export const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

export class DurationError extends Error {}

/**
 * Seconds in a whole number and one unit: `90s`, `5m`, `26h`, `3d`. The unit is required
 * (a bare `26` could mean hours or seconds), and zero is refused: no age or uptime is zero.
 */
export function parseDuration(text: string): number {
  const m = /^(\d{1,12})(s|m|h|d)$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] : 0;
  if (seconds <= 0)
    throw new DurationError(`a duration is a whole number and a unit (s, m, h or d), e.g. 90s, 5m, 26h or 3d; got ${JSON.stringify(text.slice(0, 40))}`);
  return seconds;
}
