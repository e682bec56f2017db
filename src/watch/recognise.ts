// What a received notification means, in switchback's words: a syslog message or an SNMP trap
// from a device, plus that device's platform rules (its `syslog.ts` / `traps.ts`) and the
// standard traps, → one watch event (`reload`, `member-lost`, …) with the member when the
// notification names one, or null when it means nothing to the watch (most messages: link
// flaps, logins). Pure: records in, verdict out; which device sent it (by source address) is
// the watch's business, so the caller passes the device name through.

import { STANDARD_TRAPS } from '../platforms/notifications.js';
import type { SyslogRule, TrapRule, WatchEventKind } from '../platforms/notifications.js';

/** The fields of a syslog record the recogniser reads (the receiver's SyslogRecord has them). */
export interface SyslogInput {
  kind: 'syslog';
  text: string;
  app?: string;
  host?: string;
}

export interface Varbind {
  /** Numeric OID, no leading dot. */
  oid: string;
  /** As the trap receiver decoded it: a number, a string, an OID string, bytes. */
  value: unknown;
}

/** The fields of a trap record the recogniser reads (transport/trap-receiver.ts's TrapRecord has them). */
export interface TrapInput {
  kind: 'trap';
  /** snmpTrapOID.0, numeric; a leading dot is tolerated. */
  trapOid: string;
  varbinds: readonly Varbind[];
}

export interface PlatformNotifications {
  syslog?: readonly SyslogRule[];
  traps?: readonly TrapRule[];
}

export interface Recognised {
  device: string;
  event: WatchEventKind;
  /** The stack / chassis member the notification names, when it names one. */
  member?: number;
  /** One line for the alert and the log: what was received and which rule matched. */
  detail: string;
}

/** Longest message text quoted in `detail`: an alert line, not the whole datagram. */
const DETAIL_TEXT = 160;

export function recognise(device: string, record: SyslogInput | TrapInput, rules: PlatformNotifications): Recognised | null {
  return record.kind === 'syslog' ? recogniseSyslog(device, record, rules.syslog ?? []) : recogniseTrap(device, record, rules.traps ?? []);
}

/** A copy without `g`/`y`, so a rule's regex keeps no state between messages. */
const stateless = (re: RegExp): RegExp => (re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re);

/** A member number as a rule's group or a varbind gives it: a non-negative integer, else none. */
function memberNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export function recogniseSyslog(device: string, record: SyslogInput, rules: readonly SyslogRule[]): Recognised | null {
  // The first rule that matches wins: a platform lists its specific rules before its general ones.
  for (const rule of rules) {
    const m = stateless(rule.match).exec(record.text);
    if (!m) continue;
    const member = memberNumber(m.groups?.member);
    const quoted = record.text.length > DETAIL_TEXT ? `${record.text.slice(0, DETAIL_TEXT)}…` : record.text;
    return { device, event: rule.event, ...(member !== undefined ? { member } : {}), detail: `syslog: ${quoted}` };
  }
  return null;
}

const bare = (oid: string): string => oid.trim().replace(/^\./, '');

export function recogniseTrap(device: string, record: TrapInput, rules: readonly TrapRule[]): Recognised | null {
  const oid = bare(record.trapOid);
  // The platform's own rules first: a platform may name a standard trap more precisely.
  const rule = rules.find((r) => bare(r.oid) === oid) ?? STANDARD_TRAPS.find((r) => r.oid === oid);
  if (!rule) return null;
  const member = rule.memberFrom ? memberFromVarbinds(record.varbinds, rule.memberFrom) : undefined;
  return { device, event: rule.event, ...(member !== undefined ? { member } : {}), detail: `trap ${oid} (${rule.source})` };
}

/** The member from the first varbind under the prefix: its value, or the last sub-identifier of its OID. */
function memberFromVarbinds(varbinds: readonly Varbind[], from: NonNullable<TrapRule['memberFrom']>): number | undefined {
  const prefix = `${bare(from.oidPrefix)}.`;
  const vb = varbinds.find((v) => bare(v.oid).startsWith(prefix));
  if (!vb) return undefined;
  if (from.from === 'value') return memberNumber(vb.value);
  return memberNumber(bare(vb.oid).split('.').pop());
}
