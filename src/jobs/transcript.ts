// --verbose: a session's transcript as a person reads it on stderr, one line per line sent or
// received, each with the device's name and its direction:
//
//   core-1 > <the running configuration command>
//   core-1 < <each line it printed, a secret in it as <masked>>
//   core-1 > <masked> (the enable secret)
//
// What the switch prints is masked with the platform's secret patterns, as everything else
// switchback prints (config/normalise.ts), and every secret value the session could know (the
// inventory's password, enable secret, key passphrase, SNMP community and keys) is replaced
// wherever it shows up, even in text no pattern knows (a device that echoes what is typed).

import { maskSecrets, SECRET_MASK } from '../config/normalise.js';
import type { Platform } from '../platforms/platform.js';
import type { Transcript } from '../transport/transcript.js';

/** Where --verbose sends the transcript: whole lines, masked and prefixed already (the CLI writes them to stderr). */
export type TranscriptOut = (lines: string) => void;

/** The transcript of one device's session, told to `out`; `secrets` are the values it must never show. */
export function deviceTranscript(device: string, platform: Platform, secrets: (string | undefined)[], out: TranscriptOut): Transcript {
  // Longest first, so a secret that holds another is replaced whole. Even a short one is
  // replaced: a transcript with a word masked too many is better than one with a password in it.
  const known = [...new Set(secrets.filter((s): s is string => s !== undefined && s !== ''))].sort((a, b) => b.length - a.length);
  const hide = (text: string) =>
    maskSecrets(
      platform,
      known.reduce((t, s) => t.split(s).join(SECRET_MASK), text),
    );
  return (entry) => {
    const mark = entry.dir === 'sent' ? '>' : '<';
    if (entry.secret) {
      out(`${device} ${mark} ${SECRET_MASK} (${entry.text})\n`);
      return;
    }
    const text = entry.dir === 'sent' ? shownTyped(entry.text) : entry.text.replace(/\r/g, '').replace(/\n+$/, '');
    out(
      hide(text)
        .split('\n')
        .map((l) => `${device} ${mark} ${l}`)
        .join('\n') + '\n',
    );
  };
}

/** What was typed, without the line ending it was sent with; a bare key (Enter, a pager's space, Ctrl-C) named. */
function shownTyped(text: string): string {
  const body = text.replace(/\r?\n$/, '');
  if (body === '') return '(Enter)';
  if (body === ' ') return '(space)';
  return body.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => (c === '\x03' ? '(Ctrl-C)' : JSON.stringify(c).slice(1, -1)));
}
