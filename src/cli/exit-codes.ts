// The exit codes every command uses (docs/ARCHITECTURE.md, "Exit codes").
export const EXIT = {
  /** done, nothing needs attention */
  ok: 0,
  /** part of the job could not be done (unreachable, auth, timeout); wins over findings */
  failed: 1,
  /** bad invocation or bad inventory; nothing was done */
  usage: 2,
  /** done, and there are findings */
  findings: 3,
} as const;

/** An error whose message is for the user as it stands, with the exit code it means. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
