// `show virtual-chassis` on an EX Virtual Chassis:
//
//   Preprovisioned Virtual Chassis
//   Virtual Chassis ID: aaaa.bbbb.cccc
//   Virtual Chassis Mode: Enabled
//                                              Mstr           Mixed Neighbor List
//   Member ID  Status   Serial No    Model     prio  Role      Mode ID  Interface
//   0 (FPC 0)  Prsnt    GX1122334401 ex4500-40f 129  Backup       N  1  vcp-1
//                                                                    1  vcp-0
//   1 (FPC 1)  Prsnt    GX1122334402 ex4500-40f 129  Master*      N  0  vcp-1
//
// Roles stay generic (master → active, backup → standby, linecard → member); the `*`
// marks the member the session is on. Pure: text in, members out.

import type { StackMember } from '../platform.js';

export interface VirtualChassis {
  /** `Virtual Chassis ID: aaaa.bbbb.cccc`. */
  id?: string;
  /** `Virtual Chassis Mode: Enabled` → `enabled` (lower-cased). */
  mode?: string;
  /** The VC is preprovisioned (members by serial in the configuration) rather than dynamic. */
  preprovisioned: boolean;
  members: StackMember[];
  /** The member the session is on (`Master*`): normally the master. */
  local?: number;
}

/** Junos role words → generic roles. */
function roleOf(word: string | undefined): StackMember['role'] {
  switch ((word ?? '').toLowerCase()) {
    case 'master':
      return 'active';
    case 'backup':
      return 'standby';
    case 'linecard':
      return 'member';
    default:
      return 'unknown';
  }
}

/**
 * Junos status words → the normalised states: `Prsnt` (present and up) → ready,
 * `NotPrsnt` (configured or known but not connected, e.g. powered off) → removed,
 * `Unprvsnd` (present, not in a preprovisioned VC's configuration) → unprovisioned,
 * `Inactive` → inactive; any other word lower-cased.
 */
function stateOf(word: string): string {
  switch (word.toLowerCase()) {
    case 'prsnt':
      return 'ready';
    case 'notprsnt':
      return 'removed';
    case 'unprvsnd':
      return 'unprovisioned';
    default:
      return word.toLowerCase();
  }
}

// `0 (FPC 0)  Prsnt  GX1122334401 ex4500-40f 129  Backup  N  1  vcp-1`. A NotPrsnt row
// stops after the serial and model (or earlier): the rest of the columns are optional.
const ROW = /^\s*(\d+)\s+\(FPC\s+\d+\)\s+(\S+)(.*)$/;
const ROLE = /^(Master|Backup|Linecard|Unavailable)(\*)?$/i;

function memberFromRow(line: string): { member: StackMember; local: boolean } | undefined {
  const m = ROW.exec(line);
  if (!m) return undefined;
  const member: StackMember = { number: Number(m[1]), role: 'unknown', state: stateOf(m[2] ?? '') };
  let local = false;
  const rest = (m[3] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  // Serial and model come first when present; the priority is the first all-digit word, the role follows it.
  const prioAt = rest.findIndex((w) => /^\d+$/.test(w));
  const head = prioAt === -1 ? rest : rest.slice(0, prioAt);
  if (head[0]) member.serial = head[0];
  if (head[1]) member.model = head[1];
  if (prioAt !== -1) {
    member.priority = Number(rest[prioAt]);
    const role = ROLE.exec(rest[prioAt + 1] ?? '');
    if (role) {
      member.role = roleOf(role[1]);
      local = role[2] === '*';
    }
  }
  return { member, local };
}

export function parseVirtualChassis(output: string): VirtualChassis {
  const text = output.replace(/\r\n?/g, '\n');
  const vc: VirtualChassis = {
    preprovisioned: /^\s*Preprovisioned Virtual Chassis\s*$/m.test(text),
    members: [],
  };
  const id = /^\s*Virtual Chassis ID:\s*(\S+)/m.exec(text)?.[1];
  const mode = /^\s*Virtual Chassis Mode:\s*(\S+)/m.exec(text)?.[1];
  if (id) vc.id = id;
  if (mode) vc.mode = mode.toLowerCase();
  for (const line of text.split('\n')) {
    const row = memberFromRow(line);
    if (!row) continue;
    vc.members.push(row.member);
    if (row.local) vc.local = row.member.number;
  }
  return vc;
}

/** The members alone, for the platform's `stack.parse`. */
export function parseStack(output: string): StackMember[] {
  return parseVirtualChassis(output).members;
}
