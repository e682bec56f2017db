// Checking command-line values: a wrong one is a usage error (exit 2) that names the flag.

import { DurationError, parseDuration } from '../config/duration.js';
import { EXIT, UserError } from './exit-codes.js';

export function wholeNumber(s: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max)
    throw new UserError(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(s)}`);
  return Number(s);
}

/** A duration flag (`--max-age 26h`) in seconds, read as every command and the lab read durations. */
export function durationFlag(s: string, flag: string): number {
  try {
    return parseDuration(s);
  } catch (err) {
    if (err instanceof DurationError) throw new UserError(`${flag}: ${err.message}`, EXIT.usage);
    throw err;
  }
}
