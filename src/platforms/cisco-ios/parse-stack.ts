// `show switch detail` on a StackWise stack: one member per row of the member table.
// Pure: text in, members out.

import type { StackMember } from '../platform.js';

/** `Master` is what IOS 12.2 on a 3750 calls the Active; `Slave` its old word for a member. */
function normaliseRole(role: string): StackMember['role'] {
  switch (role.toLowerCase()) {
    case 'active':
    case 'master':
      return 'active';
    case 'standby':
      return 'standby';
    case 'member':
    case 'slave':
      return 'member';
    default:
      return 'unknown';
  }
}

/** `Ready` → `ready`, `V-Mismatch` → `version-mismatch`, `SDM Mismatch` → `sdm-mismatch`, others lower-cased. */
export function normaliseState(state: string): string {
  const word = state.trim().toLowerCase().replace(/\s+/g, '-');
  if (/^(?:v|version)-?mismatch$/.test(word)) return 'version-mismatch';
  return word;
}

// A member row: `*1       Active   689c.e2ff.b9d9     3      V04     Ready`. The H/W
// version may be missing (Provisioned rows, and a Standby in one genieparser capture)
// and is `0` on a V-Mismatch row, so it is told apart from the state by its shape.
const MEMBER_ROW = /^\s*(\*)?\s*(\d+)\s+([A-Za-z]+)\s+([0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4})\s+(\d+)\s*(.*?)\s*$/;
const HW_VERSION = /^(?:V\d+|\d+)$/i;

/** A member with no hardware (Provisioned, Removed) shows this MAC; it is not an address. */
const NO_MAC = '0000.0000.0000';

function memberFromRow(line: string): StackMember | undefined {
  const m = MEMBER_ROW.exec(line);
  if (!m) return undefined;
  const rest = (m[6] ?? '').split(/\s+/).filter((w) => w !== '');
  const hw = rest.length > 1 && HW_VERSION.test(rest[0] ?? '') ? rest.shift() : undefined;
  const mac = (m[4] ?? '').toLowerCase();
  const member: StackMember = {
    number: Number(m[2]),
    role: normaliseRole(m[3] ?? ''),
    state: normaliseState(rest.join(' ') || 'unknown'),
    priority: Number(m[5]),
  };
  if (mac !== NO_MAC) member.mac = mac;
  if (hw) member.hwVersion = hw;
  return member;
}

/**
 * `show switch` and `show switch detail`: one member per row of the member
 * table. The stack-port table of `detail` also starts rows with a number, but
 * has no MAC address, so it never reads as members.
 */
export function parseStack(output: string): StackMember[] {
  const members: StackMember[] = [];
  for (const line of output.replace(/\r\n?/g, '\n').split('\n')) {
    const member = memberFromRow(line);
    if (member && !members.some((m) => m.number === member.number)) members.push(member);
  }
  return members;
}
