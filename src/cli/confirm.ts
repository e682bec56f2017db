// The one question restore and recover ask before they type into a switch: on a terminal
// only. A script without --yes is stopped before anything is contacted, not left waiting.

import { createInterface } from 'node:readline/promises';
import { EXIT, UserError } from './exit-codes.js';

/** Refuse early when nobody can answer: no terminal on stdin and neither --yes nor --dry-run. */
export function requireAnswerable(opts: { yes?: boolean; dryRun?: boolean }): void {
  if (opts.yes || opts.dryRun || process.stdin.isTTY) return;
  throw new UserError(
    'stdin is not a terminal, so nobody can confirm: pass --yes to go ahead without asking, or --dry-run to see the plan; nothing was done',
    EXIT.usage,
  );
}

/** Ask on the terminal; only `y` or `yes` goes ahead. */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
