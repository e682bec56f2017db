// A session's transcript for --verbose: what was sent and what came back, as the engine saw
// it. The transport says only which way and what; whoever listens (jobs/transcript.ts) masks
// secrets with the platform's patterns and prints. No listener, no cost: the engine keeps no
// copy of what it hears unless one is given.

export interface TranscriptEntry {
  dir: 'sent' | 'received';
  /** The text as typed or as received (terminal codes removed); for a secret, only what it is. */
  text: string;
  /** A typed secret (the enable secret): `text` names it, the value never leaves the engine. */
  secret?: true;
}

export type Transcript = (entry: TranscriptEntry) => void;
