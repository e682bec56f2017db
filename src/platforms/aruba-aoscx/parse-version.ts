// `show version` on AOS-CX (all four real recordings): a dashed box with the OS name
// (`ArubaOS-CX`, `AOS-CX` from 10.15), then `Key : value` lines padded with trailing
// spaces (and `\r` in the 6300M 10.13 recording). It names no host, model or serial:
// those are `show system`'s, and the members `show vsf detail`'s (parse-vsf.ts).

import type { VersionFacts } from '../platform.js';

/** `Version      : FL.10.13.1101` → the value, without the padding. */
function field(output: string, key: string): string | undefined {
  const re = new RegExp(String.raw`^\s*${key}\s*:[ \t]*(.*?)\s*$`, 'm');
  const v = re.exec(output.replace(/\r/g, ''))?.[1];
  return v === undefined || v === '' ? undefined : v;
}

export function parseVersion(output: string): VersionFacts {
  const facts: VersionFacts = { serials: [], members: [] };
  const version = field(output, 'Version');
  if (version) facts.version = version;
  return facts;
}
