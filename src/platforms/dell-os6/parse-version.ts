// `show version` on Dell OS6: dotted key/value lines for the unit you are on, then a per-unit
// image table on a stack. Pure: text in, facts out.
//
// Real capture (napalm-dellos6, N4032 stack; test/fixtures/real):
// System Model ID................... N4032
// Serial Number..................... CN04G4FP2829859O0195F03
// System Object ID.................. 1.3.6.1.4.1.674.10895.3042
// unit active      backup      current-active next-active
// ---- ----------- ----------- -------------- --------------
// 1    6.2.0.5     6.2.0.5     6.2.0.5        6.2.0.5
//
// `show version` names no hostname and no uptime; the members' roles come from `show switch`.

import type { StackMember, VersionFacts } from '../platform.js';

/** `Key...........  value` → value, for the first line whose key matches. */
function field(lines: string[], key: RegExp): string | undefined {
  for (const line of lines) {
    const m = /^([^.]+?)\.{2,}\s*(.*?)\s*$/.exec(line);
    if (m && key.test(m[1]!.trim())) return m[2] || undefined;
  }
  return undefined;
}

export function parseVersion(output: string): VersionFacts {
  const lines = output.replace(/\r/g, '').split('\n');
  const facts: VersionFacts = { serials: [], members: [] };
  const model = field(lines, /^System Model ID$/i) ?? field(lines, /^Machine Type$/i);
  if (model) facts.model = model;
  const serial = field(lines, /^Serial Number$/i);
  if (serial) facts.serials.push(serial);

  // The image table: the unit runs `current-active`.
  const header = lines.findIndex((l) => /^unit\s+active\s+backup\s+current-active\b/i.test(l));
  const units: { number: number; version: string }[] = [];
  if (header >= 0) {
    for (const line of lines.slice(header + 1)) {
      if (/^-+(?:\s+-+)*\s*$/.test(line)) continue;
      const m = /^(\d+)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
      if (!m) break;
      units.push({ number: Number(m[1]), version: m[4]! });
    }
  }
  // One software per stack: the first unit's (a stack refuses to run two; a mismatch shows in `show switch`).
  const version = units[0]?.version ?? field(lines, /^(?:Software Version|Version)$/i);
  if (version) facts.version = version;
  if (units.length > 1) {
    facts.members = units.map((u): StackMember => ({ number: u.number, role: 'unknown', state: 'ready', version: u.version }));
  }
  return facts;
}
