// `show version` on NX-OS: the copyright banner, then `Software` (`NXOS: version 10.4(5)`; 5000
// and 7000 before 9.x: `system:    version 7.3(13)N1(1)`), `Hardware` (`cisco Nexus9300
// C93180YC-FX3H Chassis`, `Processor Board ID FDO…`, `Device name: NAME`), `Kernel uptime is …`
// and `Reason: …` under `Last reset`. Tested on the real outputs (Oxidized 93180 10.4 and N5548
// 7.3 recordings, napalm N7009 6.2, ntc-templates N9K 6.1 / 10.4, genieparser 9.3).

import type { VersionFacts } from '../platform.js';

function first(output: string, re: RegExp): string | undefined {
  const v = re.exec(output)?.[1]?.trim();
  return v ? v : undefined;
}

/** `217 day(s), 3 hour(s), 52 minute(s), 47 second(s)` → seconds. */
function uptime(text: string): number | undefined {
  const unit: Record<string, number> = { day: 86400, hour: 3600, minute: 60, second: 1 };
  let total = 0;
  let seen = false;
  for (const m of text.matchAll(/(\d+) (day|hour|minute|second)\(s\)/g)) {
    total += Number(m[1]) * unit[m[2]!]!;
    seen = true;
  }
  return seen ? total : undefined;
}

export function parseVersion(raw: string): VersionFacts {
  const output = raw.replace(/\r/g, '');
  const facts: VersionFacts = { serials: [], members: [] };
  const hostname = first(output, /^\s*Device name:\s*(\S+)/m);
  if (hostname) facts.hostname = hostname;
  // The running release: `NXOS: version 10.4(5) [Maintenance Release]`, or the 5000/7000 `system:` image's.
  const version = first(output, /^\s*NXOS:\s+version\s+(\S+)/m) ?? first(output, /^\s*system:\s+version\s+(\S+)/m);
  if (version) facts.version = version;
  // `cisco Nexus7000 C7009 (9 Slot) Chassis ("Supervisor Module-1X")` → `Nexus7000 C7009`.
  const chassis = first(output, /^\s*cisco (.+?) Chassis\b/m);
  if (chassis) facts.model = chassis.replace(/\s*\([^)]*\)/g, '').trim();
  const serial = first(output, /^\s*Processor Board ID\s+(\S+)/m);
  if (serial) facts.serials.push(serial);
  const up = first(output, /^Kernel uptime is (.*)$/m);
  const seconds = up ? uptime(up) : undefined;
  if (seconds !== undefined) facts.uptimeSeconds = seconds;
  const reason = first(output, /^\s*Reason:\s*(.*)$/m);
  if (reason) facts.lastReloadReason = reason;
  return facts;
}
