// `show version` on IOS / IOS-XE: hostname, release, model, serials, uptime, reload
// reason and the per-member table of a stack. Pure: text in, facts out.

import type { StackMember, VersionFacts } from '../platform.js';

/** Seconds in each unit IOS uses in `uptime is 1 year, 22 weeks, 6 days, 9 hours, 38 minutes`. */
const UNIT_SECONDS: Record<string, number> = {
  year: 365 * 86_400,
  week: 7 * 86_400,
  day: 86_400,
  hour: 3_600,
  minute: 60,
  second: 1,
};

/** `28 weeks, 1 day, 7 hours, 54 minutes` → seconds; undefined when no unit is recognised. */
export function parseUptime(text: string): number | undefined {
  let total = 0;
  let seen = false;
  for (const m of text.matchAll(/(\d+)\s+(year|week|day|hour|minute|second)s?\b/g)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 0);
    seen = true;
  }
  return seen ? total : undefined;
}

/** `38:20:56:ff:a4:29` (show version) → `3820.56ff.a429` (show switch), so the two can be compared. */
export function dottedMac(mac: string): string | undefined {
  const hex = mac.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 12) return undefined;
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
}

/** The value of a `Key : value` line (IOS-XE pads keys to 35 columns; a 2950 prints `Key: value`). */
function field(block: string, key: string): string | undefined {
  const m = new RegExp(String.raw`^${key}\s*:[ \t]*(\S+)`, 'im').exec(block);
  return m?.[1];
}

/**
 * The release: IOS-XE 16+ says it on its own first line (`Cisco IOS XE Software,
 * Version 17.09.04a`); older trains only on the IOS line (`IOS (tm) C2950 Software
 * (…), Version 12.1(22)EA13, RELEASE SOFTWARE`, `… Version 03.06.05E RELEASE …`).
 */
function versionOf(text: string): string | undefined {
  const xe = /^Cisco IOS[ -]XE Software, Version (\S+)/m.exec(text);
  if (xe) return xe[1];
  return /^(?:Cisco )?IOS\b.*?\bVersion ([^,\s]+)/m.exec(text)?.[1];
}

/**
 * Why it last rebooted. IOS-XE and later IOS say `Last reload reason: X`; a
 * Catalyst 2950 or 6500 only says `System returned to ROM by power-on` (or
 * `by  power cycle at 21:57:23 UTC …`, two spaces and a time that are not the reason).
 */
function reloadReasonOf(text: string): string | undefined {
  const last = /^Last reload reason:\s*(.*?)\s*$/m.exec(text)?.[1];
  if (last) return last;
  const rom = /^System returned to ROM by\s+(.*?)\s*$/m.exec(text)?.[1];
  return rom?.replace(/\s+at \d{1,2}:\d{2}:\d{2}.*$/, '').trim() || undefined;
}

/**
 * The `Switch Ports Model SW Version SW Image Mode` table of a stack; `*` marks
 * the member whose console this is, which is the Active. `show version` does not
 * say whether the others are standby or member, nor their state.
 */
function versionTableRows(text: string): StackMember[] {
  const header = /^Switch\s+Ports\s+Model\s+SW Version\s+SW Image/m.exec(text);
  if (!header) return [];
  const rows: StackMember[] = [];
  for (const line of text.slice(header.index).split('\n').slice(2)) {
    const m = /^\s*(\*)?\s*(\d+)\s+\d+\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s*$/.exec(line);
    if (!m) break; // the table ends at the first blank line
    rows.push({ number: Number(m[2]), role: m[1] ? 'active' : 'unknown', state: 'unknown', model: m[3], version: m[4] });
  }
  return rows;
}

/** `Switch 02` / `---------` sections: the hardware of every member but the one whose console this is. */
function memberSections(text: string): { number: number; index: number; block: string }[] {
  const heads = [...text.matchAll(/^Switch (\d+)\s*\n-+\s*$/gm)];
  return heads.map((h, i) => ({
    number: Number(h[1]),
    index: h.index,
    block: text.slice(h.index, heads[i + 1]?.index ?? text.length),
  }));
}

export function parseVersion(output: string): VersionFacts {
  const text = output.replace(/\r\n?/g, '\n');
  const sections = memberSections(text);
  // The top block (before the first `Switch 0N`) describes the console member.
  const top = text.slice(0, sections[0]?.index ?? text.length);
  const uptime = /^(\S+) uptime is (.+)$/m.exec(text);

  const topSerial = field(top, 'System Serial Number') ?? /^Processor board ID (\S+)/m.exec(top)?.[1];
  const model = field(top, 'Model Number') ?? /^cisco (\S+) \(.*?\) processor/im.exec(top)?.[1];

  const members = versionTableRows(text).map((row): StackMember => {
    const section = sections.find((s) => s.number === row.number);
    const block = section?.block ?? (row.role === 'active' ? top : undefined);
    if (!block) return row;
    const serial = field(block, 'System Serial Number');
    const mac = dottedMac(field(block, 'Base Ethernet MAC Address') ?? '');
    return { ...row, ...(serial ? { serial } : {}), ...(mac ? { mac } : {}), model: field(block, 'Model Number') ?? row.model };
  });

  const serials = [topSerial, ...sections.map((s) => field(s.block, 'System Serial Number'))].filter(
    (s, i, all): s is string => s !== undefined && all.indexOf(s) === i,
  );

  const facts: VersionFacts = { serials, members };
  if (uptime) {
    facts.hostname = uptime[1];
    const seconds = parseUptime(uptime[2] ?? '');
    if (seconds !== undefined) facts.uptimeSeconds = seconds;
  }
  const version = versionOf(text);
  if (version) facts.version = version;
  if (model) facts.model = model;
  const reason = reloadReasonOf(text);
  if (reason) facts.lastReloadReason = reason;
  return facts;
}
