// `show switch` on a Dell OS6 (N-series) stack: one row per unit, the management unit and
// the standby named in their own columns. Pure: text in, members out.
//
// Real capture (napalm-dellos6, an N4032 pair; test/fixtures/real):
//     Management Standby   Preconfig     Plugged-in    Switch        Code
// SW  Status     Status    Model ID      Model ID      Status        Version
// --- ---------- --------- ------------- ------------- ------------- -----------
// 1   Stack Mbr  Oper Stby N4032         N4032         OK            6.2.0.5
// 2   Mgmt Sw              N4032         N4032         OK            6.2.0.5
//
// The Standby Status column is blank for most units, so the columns are cut by the dashes
// under the header, not by whitespace.

import type { StackMember } from '../platform.js';

/** `Switch Status` words → the contract's states; anything else is kept lower-cased. */
const STATES: Record<string, string> = {
  ok: 'ready',
  'not present': 'removed',
  'code mismatch': 'version-mismatch',
  'config mismatch': 'provisioned',
  'code update': 'initializing',
};

/** The switch's own word for a unit's state, as the contract keeps it. */
export function normaliseUnitState(word: string): string {
  const w = word.trim().toLowerCase();
  return STATES[w] ?? w;
}

/** The column spans under a dashed rule (`--- ---------- …`), each to the next one's start. */
function columns(rule: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /-+/g;
  for (let m = re.exec(rule); m; m = re.exec(rule)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans.map((s, i) => ({ start: s.start, end: i + 1 < spans.length ? spans[i + 1]!.start : Number.MAX_SAFE_INTEGER }));
}

export function parseStack(output: string): StackMember[] {
  const lines = output.replace(/\r/g, '').split('\n');
  const ruleAt = lines.findIndex((l) => /^-{2,}(?: +-{2,}){5,}\s*$/.test(l));
  if (ruleAt < 0) return [];
  const cols = columns(lines[ruleAt]!);
  const members: StackMember[] = [];
  for (const line of lines.slice(ruleAt + 1)) {
    if (!/^\d+\s/.test(line)) {
      if (line.trim() === '') continue;
      break;
    }
    const cell = (i: number): string => (cols[i] ? line.slice(cols[i]!.start, cols[i]!.end).trim() : '');
    const number = Number(cell(0));
    const mgmt = cell(1);
    const standby = cell(2);
    const plugged = cell(4);
    const status = cell(5);
    const version = cell(6);
    // `Mgmt Sw` is the management unit; `Oper Stby` the standby now (`Cfg Stby` is only the
    // configured choice, a member until the stack elects it).
    const role: StackMember['role'] = /^Mgmt Sw/i.test(mgmt)
      ? 'active'
      : /^Oper Stby/i.test(standby)
        ? 'standby'
        : /^(?:Stack Mbr|Unassigned)?$/i.test(mgmt)
          ? 'member'
          : 'unknown';
    const member: StackMember = { number, role, state: normaliseUnitState(status || 'unknown') };
    if (plugged) member.model = plugged;
    if (version) member.version = version;
    members.push(member);
  }
  return members;
}
