// Access-list entries as IOS-XE keeps them: every entry of a named list has a
// sequence number (typed, or the last one + 10), the list stands in sequence order,
// and `deny` is printed padded to the width of `permit` so the addresses line up
// (` 10 permit 192.0.2.0 0.0.0.255` / ` 20 deny   any`), however it was typed.

import type { ConfigTree } from '../../config-tree.js';

const ENTRY = /^(?:(\d+)\s+)?(permit|deny|remark)(?:\s+(.*))?$/;

/**
 * An entry as IOS prints it: single spaces between its fields, and `deny` with two more,
 * the width of `permit`. (A remark's text stays as typed.)
 */
export function padDeny(action: string, rest: string): string {
  if (action === 'remark') return `remark ${rest}`;
  const fields = rest.trim().replace(/\s+/g, ' ');
  return action === 'deny' ? `deny   ${fields}` : `${action} ${fields}`;
}

/** A numbered list's global line (`access-list 10 deny any`) as IOS prints it. */
export function numberedAclLine(line: string): string {
  const m = /^(access-list \d+)\s+deny\s+(.*)$/.exec(line);
  return m ? `${m[1]} ${padDeny('deny', m[2] ?? '')}` : line;
}

const seqOf = (line: string): number | undefined => {
  const m = /^(\d+) /.exec(line);
  return m ? Number(m[1]) : undefined;
};

/** An entry without its sequence number, spacing as IOS prints it. */
const bodyOf = (action: string, rest: string) => padDeny(action, rest).trimEnd();

export type AclOutcome = { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'incomplete' };

/**
 * One line typed in `ip access-list standard|extended NAME` mode, applied to the
 * list's entries. Undefined for a line that is not an entry (the caller handles it).
 */
export function applyAclLine(entries: ConfigTree, line: string): AclOutcome | undefined {
  const no = line.startsWith('no ');
  const m = ENTRY.exec(no ? line.slice(3) : line);
  const bareSeq = no ? /^(\d+)( |$)/.exec(line.slice(3)) : null;
  if (no && (m || bareSeq)) {
    // `no 20` (and `no 20 deny any`) removes by number; `no deny any` the entry that says so.
    const seq = bareSeq ? Number(bareSeq[1]) : undefined;
    const body = m && !m[1] ? bodyOf(m[2]!, m[3] ?? '') : undefined;
    const at = entries.findIndex((n) => (seq !== undefined ? seqOf(n.line) === seq : n.line.replace(/^\d+ /, '') === body));
    if (at >= 0) entries.splice(at, 1);
    return { kind: 'ok' };
  }
  if (!m) return undefined;
  const [, typedSeq, action = '', rest = ''] = m;
  if (rest === '') return { kind: 'incomplete' };
  const body = bodyOf(action, rest);
  const used = entries.map((n) => seqOf(n.line)).filter((n): n is number => n !== undefined);
  if (typedSeq === undefined && entries.some((n) => n.line.replace(/^\d+ /, '') === body)) return { kind: 'ok' }; // already there
  const seq = typedSeq !== undefined ? Number(typedSeq) : Math.max(0, ...used) + 10;
  const same = entries.find((n) => seqOf(n.line) === seq);
  if (same) return same.line === `${seq} ${body}` ? { kind: 'ok' } : { kind: 'error', message: '% Duplicate sequence number' };
  const next = entries.findIndex((n) => (seqOf(n.line) ?? -1) > seq);
  entries.splice(next < 0 ? entries.length : next, 0, { line: `${seq} ${body}`, children: [] });
  return { kind: 'ok' };
}
