// `show version` on Junos, in its shapes: one routing engine (`Hostname:`, `Model:`,
// `Junos:` lines, then one `JUNOS … [release]` line per package); an EX Virtual
// Chassis, one `fpc0:` / `fpc1:` section per member and a `{master:0}` line naming the
// master; `show version invoke-on all-routing-engines` (`re0:` / `re1:`); an SRX
// chassis cluster (`node0:` / `node1:`, `{primary:node0}`). Pure: text in, facts out.

import type { StackMember, VersionFacts } from '../platform.js';

/** One section of a multi-member answer: `fpc1:` and the lines up to the next section. */
interface Section {
  kind: string; // fpc, node, re, member …
  number: number;
  block: string;
}

/** A section header (`fpc0:`, `node1:`, `re0:`) on its own line, followed by a dashed rule. */
const SECTION = /^[ \t]*(fpc|node|re|member|localre|otherre)(\d*):[ \t]*\n[ \t]*-{10,}[ \t]*$/gm;

function sectionsOf(text: string): Section[] {
  const heads = [...text.matchAll(SECTION)];
  return heads.map((m, i) => ({
    kind: m[1] ?? '',
    number: m[2] === '' || m[2] === undefined ? i : Number(m[2]),
    block: text.slice((m.index ?? 0) + m[0].length, heads[i + 1]?.index ?? text.length),
  }));
}

/** The value of a `Key: value` line. */
function field(block: string, key: string): string | undefined {
  return new RegExp(`^[ \\t]*${key}:[ \\t]*(\\S.*?)[ \\t]*$`, 'm').exec(block)?.[1];
}

/** A Junos release as printed in brackets: 22.4R3-S2.11, 13.2X51-D35.3, 18.2R2-S1, 10.3R2.11 (not a builder stamp). */
const RELEASE = /^\d+\.\d+[A-Z]\d*[\w.-]*$/;

/**
 * The release a block runs: the `Junos:` line (Junos 15 and later); else the first
 * `JUNOS … [release]` package line whose bracket holds a release (older EX: `JUNOS EX
 * Software Suite [13.2X51-D35.3]`; Junos OS on FreeBSD 11 prints builder stamps there).
 */
function releaseOf(block: string): string | undefined {
  const junos = field(block, 'Junos');
  if (junos) return junos;
  for (const m of block.matchAll(/^[ \t]*JUNOS\b[^[\n]*\[([^\]\n]+)\]/gm)) {
    const v = (m[1] ?? '').trim();
    if (RELEASE.test(v)) return v;
  }
  return undefined;
}

/**
 * `{master:0}` (VC: member 0 is master), `{primary:node0}` (SRX cluster), `{master}` /
 * `{backup}` (a dual-RE chassis: the RE we are on). The last such line wins: it stands
 * just above the prompt the answer ended with.
 */
function masterOf(text: string): { kind: string; number?: number } | undefined {
  const all = [...text.matchAll(/^[ \t]*\{(master|primary|backup|secondary|linecard)(?::(?:node|fpc|member)?(\d+))?\}[ \t]*$/gm)];
  const m = all[all.length - 1];
  if (!m) return undefined;
  return m[2] === undefined ? { kind: m[1] ?? '' } : { kind: m[1] ?? '', number: Number(m[2]) };
}

export function parseVersion(output: string): VersionFacts {
  const text = output.replace(/\r\n?/g, '\n');
  const sections = sectionsOf(text);
  const master = masterOf(text);
  const masterNumber = master && (master.kind === 'master' || master.kind === 'primary') ? master.number : undefined;

  const members: StackMember[] = sections.map((s) => {
    const member: StackMember = {
      number: s.number,
      // show version names the master (primary node) only; backup and linecards come from show virtual-chassis.
      role: masterNumber === undefined ? 'unknown' : s.number === masterNumber ? 'active' : s.kind === 'node' ? 'standby' : 'unknown',
      // A member that answers show version is up.
      state: 'ready',
    };
    const model = field(s.block, 'Model');
    const version = releaseOf(s.block);
    if (model) member.model = model;
    if (version) member.version = version;
    return member;
  });

  // The facts of the switch are its master's (or the first section's, or the whole text's).
  const main = sections.find((s) => s.number === masterNumber)?.block ?? sections[0]?.block ?? text;
  const facts: VersionFacts = { serials: [], members };
  const hostname = field(main, 'Hostname');
  const model = field(main, 'Model');
  const version = releaseOf(main);
  if (hostname) facts.hostname = hostname;
  if (model) facts.model = model;
  if (version) facts.version = version;
  return facts;
}

/**
 * The release from the login banner Junos prints before the first prompt:
 * `--- JUNOS 22.4R3-S2.11 built 2024-05-10 20:45:39 UTC`. A hint before any command
 * runs (e.g. for auto-detection); show version remains the truth.
 */
export function releaseFromBanner(banner: string): string | undefined {
  return /^--- JUNOS (\S+) built /m.exec(banner.replace(/\r\n?/g, '\n'))?.[1];
}
