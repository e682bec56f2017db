// Checking command-line values: a wrong one is a usage error (exit 2) that names the flag.

import { UserError } from './exit-codes.js';

export function wholeNumber(s: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max)
    throw new UserError(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(s)}`);
  return Number(s);
}
