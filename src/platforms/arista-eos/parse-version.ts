// `show version` on EOS (the ntc-templates vEOS 4.14 and cEOS 4.31 captures, the avd-to-containerlab
// vEOS 4.24 reports): a first line naming the box (`Arista DCS-7050SX3-48YC8`, `Arista vEOS`,
// `Arista cEOSLab`, or just `vEOS`), then `Key: value` lines padded to a column. No hostname.

import type { VersionFacts } from '../platform.js';

function field(output: string, key: string): string | undefined {
  const re = new RegExp(String.raw`^${key}:[ \t]*(.*?)\s*$`, 'm');
  const v = re.exec(output)?.[1];
  return v === undefined || v === '' ? undefined : v;
}

/** `1 hour and 5 minutes`, `2 days, 15 hours and 56 minutes`, `0 weeks, 2 days, 18 hours and 30 minutes`. */
export function uptimeSeconds(text: string): number | undefined {
  const unit: Record<string, number> = { week: 604800, day: 86400, hour: 3600, minute: 60, second: 1 };
  let total = 0;
  let any = false;
  for (const m of text.matchAll(/(\d+)\s+(week|day|hour|minute|second)s?/g)) {
    total += Number(m[1]) * unit[m[2]!]!;
    any = true;
  }
  return any ? total : undefined;
}

export function parseVersion(output: string): VersionFacts {
  const text = output.replace(/\r/g, '');
  const facts: VersionFacts = { serials: [], members: [] };
  const first = text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
  // `Arista DCS-7150S-52-CL-F`, `Arista vEOS`: the model is what follows the vendor's name.
  if (first && !first.includes(':')) facts.model = first.replace(/^Arista\s+/, '');
  // `4.31.6M-39953990.4316M (engineering build)` → `4.31.6M`; `4.14.7M` as is.
  const image = field(text, 'Software image version');
  if (image) facts.version = image.split(/[\s-]/)[0];
  const serial = field(text, 'Serial number');
  if (serial) facts.serials.push(serial);
  const up = field(text, 'Uptime');
  const secs = up === undefined ? undefined : uptimeSeconds(up);
  if (secs !== undefined) facts.uptimeSeconds = secs;
  return facts;
}
