// `show stacking detail` (backplane stacking: 2920, 2930M, 3810) and `show vsf detail`
// (VSF: 2930F, 5400R) on ArubaOS-Switch: one `Member ID : N` block per member with
// `Status : Commander | Standby | Member`; before a stack forms, `show stacking` prints
// a brief table (`*1  64e881-381440  Aruba R0M67A … 128 Commander`). The two detail
// commands print the same member blocks, so one parser reads both. Pure: text in,
// members out. Real captures: cookbook 2930m_show_stacking_*, ntc-templates
// hp_procurve/show_vsf_detail (test/fixtures/real, SOURCES.md).

import type { StackMember } from '../platform.js';

/** The role words ArubaOS-Switch prints in `Status`, as the contract's generic roles. */
const ROLE: Record<string, StackMember['role']> = { commander: 'active', standby: 'standby', member: 'member' };

/**
 * A member's `Status` as the contract's state: the three roles are members that run
 * (ready); `Missing` / `Not Present` is a member provisioned but gone (removed);
 * `Booting`, `Standby Booting` are initializing; `Incompatible OS` is a version
 * mismatch (HP-STACK-MIB hpStackMemberState lists the same words). Anything else is
 * kept lower-cased.
 */
export function normaliseStatus(status: string): { role: StackMember['role']; state: string } {
  const s = status.trim().toLowerCase();
  const role = ROLE[s];
  if (role) return { role, state: 'ready' };
  if (/^(missing|not present|shutdown|communication ?failure)$/.test(s)) return { role: 'unknown', state: 'removed' };
  if (/^provision(ed)?$/.test(s)) return { role: 'unknown', state: 'provisioned' };
  if (/booting/.test(s)) return { role: 'unknown', state: 'initializing' };
  if (/^incompatible ?os$/.test(s)) return { role: 'unknown', state: 'version-mismatch' };
  return { role: 'unknown', state: s };
}

/** `94f128-aabbcd` or `b8:d4:e7:bb:b7:00` as the dotted lower case StackMember keeps (`94f1.28aa.bbcd`). */
export function dottedMac(mac: string): string | undefined {
  const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length !== 12) return undefined;
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
}

/** `Key   : value` (the value may be empty); the block's first such line. */
function field(block: string, key: string): string | undefined {
  const v = new RegExp(`^[ \\t]*${key}[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(block)?.[1];
  return v === undefined || v === '' ? undefined : v;
}

/** The detail form: one member per `Member ID : N` block. */
function parseDetail(text: string): StackMember[] {
  const heads = [...text.matchAll(/^[ \t]*Member ID[ \t]*:[ \t]*(\d+)[ \t]*$/gm)];
  return heads.map((m, i) => {
    const block = text.slice((m.index ?? 0) + m[0].length, heads[i + 1]?.index ?? text.length);
    const { role, state } = normaliseStatus(field(block, 'Status') ?? '');
    const member: StackMember = { number: Number(m[1]), role, state };
    const priority = field(block, 'Priority');
    const mac = field(block, 'Mac Address') ?? field(block, 'MAC Address');
    const model = field(block, 'Model');
    const serial = field(block, 'Serial Number');
    // `ROM Version` is the boot ROM; the software version is the stack's (`Software Version` above the members).
    const version = field(text.slice(0, heads[0]?.index ?? 0), 'Software Version');
    if (priority !== undefined && /^\d+$/.test(priority)) member.priority = Number(priority);
    const dotted = mac ? dottedMac(mac) : undefined;
    if (dotted) member.mac = dotted;
    if (model) member.model = model;
    if (serial) member.serial = serial;
    if (version) member.version = version;
    return member;
  });
}

/** The brief table of `show stacking` (` *1  64e881-381440  Aruba … 128 Commander`); `*` marks the member you are on. */
function parseBrief(text: string): StackMember[] {
  const rows = [...text.matchAll(/^[ \t]*\*?(\d+)[ \t]+([0-9a-f]{6}-[0-9a-f]{6}|(?:[0-9a-f]{2}:){5}[0-9a-f]{2})[ \t]+(.+?)[ \t]+(\d+)[ \t]+(\S.*?)[ \t]*$/gim)];
  return rows.map((r) => {
    const { role, state } = normaliseStatus(r[5] ?? '');
    const member: StackMember = { number: Number(r[1]), role, state, priority: Number(r[4]) };
    const dotted = dottedMac(r[2] ?? '');
    if (dotted) member.mac = dotted;
    const model = (r[3] ?? '').trim();
    // The brief table cuts long model names with `...`: kept as printed.
    if (model) member.model = model;
    return member;
  });
}

/** Members from `show stacking [detail]` or `show vsf detail`, by member number. */
export function parseStack(output: string): StackMember[] {
  const text = output.replace(/\r/g, '');
  const members = /^[ \t]*Member ID[ \t]*:/m.test(text) ? parseDetail(text) : parseBrief(text);
  return members.sort((a, b) => a.number - b.number);
}

/** The stack as a whole: `Stack Status` / `VSF Status` (Active, No Stack Formed, Fragment Inactive …), `Split Policy`, topology. */
export function parseStackSummary(output: string): { status?: string; topology?: string; splitPolicy?: string; version?: string } {
  const text = output.replace(/\r/g, '');
  const out: { status?: string; topology?: string; splitPolicy?: string; version?: string } = {};
  const status = field(text, '(?:Stack|VSF) Status');
  const topology = field(text, '(?:Stack|VSF) Topology');
  const split = field(text, 'Split Policy');
  const version = field(text, 'Software Version');
  if (status) out.status = status;
  if (topology) out.topology = topology;
  if (split) out.splitPolicy = split;
  if (version) out.version = version;
  return out;
}
