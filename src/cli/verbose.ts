// `--verbose`, on the commands that open SSH sessions: each session's transcript on stderr
// (what was sent, what came back, by device), secrets masked — jobs/transcript.ts.

import { Option } from 'commander';
import type { TranscriptOut } from '../jobs/transcript.js';

export function verboseOption(): Option {
  return new Option(
    '--verbose',
    "the SSH sessions' transcript on stderr: each command sent and what came back, by device, secrets masked (passwords typed are never shown)",
  );
}

/** The job option --verbose turns on; absent, the sessions keep no transcript at all. */
export function transcriptOption(opts: { verbose?: boolean }): { transcript?: TranscriptOut } {
  return opts.verbose ? { transcript: (lines) => process.stderr.write(lines) } : {};
}
