// `show system` on ArubaOS-Switch / ProCurve: the version facts. (`show version` on these
// switches prints only the image stamp and boot image; `show system` holds the name,
// software revision, serial number and uptime.) A VSF stack prints the shared fields,
// then one ` VSF-Member :N` section per member with its own serial and uptime; two
// fields may share a line (`Software revision  : K.15.06.0017   Base MAC Addr : …`).
// Pure: text in, facts out. Real captures: napalm-procurve show_system, ntc-templates
// hp_procurve/show_system (test/fixtures/real).

import type { StackMember, VersionFacts } from '../platform.js';

/** Every value of `Key : value` in the text, where a value ends at two spaces (the next column) or the line's end. */
function values(text: string, key: string): string[] {
  return [...text.matchAll(new RegExp(`(?:^|\\s{2,})${key}[ \\t]*:[ \\t]*(\\S(?:\\S| (?! ))*)`, 'gm'))].map((m) => m[1] ?? '');
}

/**
 * `2d 5h 42m`, `0d 0h 15m`, `134d 1h 55m` (`show stacking`, `show vsf`) in seconds. `show
 * system` prints whole days (`285 days`): a boot up to a day later reads the same, so such an
 * uptime is not given at all — a reboot is then told by SNMP (snmpEngineBoots, sysUpTime),
 * never by a number a day wide.
 */
export function parseUptime(text: string): number | undefined {
  const dhm = /^(\d+)d\s+(\d+)h\s+(\d+)m$/.exec(text.trim());
  if (dhm) return Number(dhm[1]) * 86400 + Number(dhm[2]) * 3600 + Number(dhm[3]) * 60;
  return undefined;
}

export function parseVersion(output: string): VersionFacts {
  const text = output.replace(/\r/g, '');
  const heads = [...text.matchAll(/^[ \t]*VSF-Member[ \t]*:[ \t]*(\d+)[ \t]*$/gm)];
  const shared = text.slice(0, heads[0]?.index ?? text.length);
  const facts: VersionFacts = { serials: [], members: [] };
  const hostname = values(shared, 'System Name')[0];
  const version = values(shared, 'Software revision')[0];
  if (hostname) facts.hostname = hostname;
  if (version) facts.version = version;
  facts.serials = values(text, 'Serial Number');
  const up = values(text, 'Up Time')[0];
  const seconds = up === undefined ? undefined : parseUptime(up);
  if (seconds !== undefined) facts.uptimeSeconds = seconds;
  facts.members = heads.map((m, i) => {
    const block = text.slice((m.index ?? 0) + m[0].length, heads[i + 1]?.index ?? text.length);
    // `show system` names no role: `show vsf detail` / `show stacking detail` does (stack.command).
    const member: StackMember = { number: Number(m[1]), role: 'unknown', state: 'ready' };
    const serial = values(block, 'Serial Number')[0];
    if (serial) member.serial = serial;
    if (version) member.version = version;
    return member;
  });
  return facts;
}
