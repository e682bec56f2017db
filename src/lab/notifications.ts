// What a lab switch says on its own when something happens to it: the SNMP traps and the syslog
// lines its OS sends, as data its personality lists (`notifications` in personality.ts), with the
// member numbers filled in. This file holds the shapes, which lab events say what, and how a syslog
// line is framed; emitter.ts sends them. The event words are switchback's own (the ones `watch`
// recognises, src/platforms/notifications.ts), so a lab event and what the watch makes of it can be
// compared word for word.

import type { WatchEventKind } from '../platforms/notifications.js';
import type { SwitchState } from './model.js';

/** One varbind of a trap, beyond sysUpTime.0 and snmpTrapOID.0 (which every v2c trap starts with). */
export interface LabVarbind {
  oid: string;
  type: 'Integer' | 'OctetString' | 'ObjectIdentifier' | 'Gauge' | 'TimeTicks' | 'Counter';
  value: number | string;
}

/** One thing a switch sends: an SNMP v2c trap, or one syslog line. */
export type LabNotice =
  | { kind: 'trap'; /** snmpTrapOID.0, numeric, no leading dot. */ oid: string; varbinds: LabVarbind[] }
  | {
      kind: 'syslog';
      /** Syslog facility number (RFC 5424 §6.2.1: 23 is local7) and severity (5 notice, 4 warning…). */
      facility: number;
      severity: number;
      /** The sending process, for the framings that name one (RFC 3164 TAG, RFC 5424 APP-NAME). */
      app?: string;
      /** The message as the OS writes it after the header. */
      text: string;
    };

/**
 * What the switch knows when it speaks: the member the event was about, the member that runs the
 * stack now (the one that speaks), the one that ran it before, the hostname, and the clock.
 */
export interface NoticeContext {
  state: SwitchState;
  hostname: string;
  member?: number;
  active?: number;
  previousActive?: number;
  /** Who changed the configuration (a lab `change`: "lab"). */
  user?: string;
  now: number;
}

/**
 * How an OS frames a syslog line on the wire.
 * - `rfc3164`: `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`
 * - `rfc5424`: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG`
 * - `counter`: `<PRI>N: *Mmm dd hh:mm:ss.mmm: MSG`, a message counter and the switch's own clock (the
 *   `*` of a clock never set) and no hostname: the receiver knows the switch by its address.
 * - `host-year`: `<PRI>HOSTNAME: YYYY Mmm dd hh:mm:ss UTC: MSG`, the hostname first and a year in
 *   the time (a personality that uses it cites the capture it comes from).
 */
export type SyslogFraming = 'rfc3164' | 'rfc5424' | 'counter' | 'host-year';

/** What a personality says for each lab event, in the order its OS sends it. */
export interface LabNotifications {
  framing: SyslogFraming;
  /** Absent for an event: the OS says nothing of it (or nothing with a source found). */
  on: Partial<Record<WatchEventKind, (ctx: NoticeContext) => LabNotice[]>>;
  /** Where each fact comes from (PLATFORM-FACTS.md keys, captures), for people reading the data. */
  sources: readonly string[];
}

/** The standard coldStart (RFC 3418 SNMPv2-MIB): every agent sends it once it is back after power-on. */
export const COLD_START: LabNotice = { kind: 'trap', oid: '1.3.6.1.6.3.1.1.5.1', varbinds: [] };

/**
 * What a personality sends when no vendor notification of its OS has a source yet: the standard
 * coldStart after a reload, which every SNMP agent sends, and nothing else.
 */
export const COLD_START_ONLY: LabNotifications = {
  framing: 'rfc3164',
  on: { reload: () => [COLD_START] },
  sources: ['RFC 3418 SNMPv2-MIB coldStart'],
};

/** The lab's own event and what it did, as the switch tells it to its notifier. */
export type LabHappening =
  | { kind: 'reload' }
  | { kind: 'member-lost'; member: number; previousActive?: number }
  | { kind: 'member-added'; member: number }
  | { kind: 'config-changed'; user: string }
  /** The pair's peer link went down (`lab event SW peer-link down`): told to both peers, each says its part. */
  | { kind: 'pair-peer-lost' };

/**
 * The notices for one happening, in order: the event's own, then (a member lost that held the
 * stack) the role change. Nothing when the personality lists nothing for it.
 */
export function noticesFor(
  notifications: LabNotifications | undefined,
  happening: LabHappening,
  base: Omit<NoticeContext, 'member' | 'user' | 'previousActive'>,
): LabNotice[] {
  if (!notifications) return [];
  const ctx: NoticeContext = { ...base };
  if ('member' in happening) ctx.member = happening.member;
  if (happening.kind === 'config-changed') ctx.user = happening.user;
  if (happening.kind === 'member-lost' && happening.previousActive !== undefined) ctx.previousActive = happening.previousActive;
  const out = [...(notifications.on[happening.kind]?.(ctx) ?? [])];
  const roleChanged = happening.kind === 'member-lost' && happening.previousActive !== undefined && base.active !== happening.previousActive;
  if (roleChanged) out.push(...(notifications.on['role-change']?.(ctx) ?? []));
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `Mmm dd hh:mm:ss` as RFC 3164 §4.1.2 writes it (a day below 10 padded with a space), UTC. */
function bsdTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** One syslog datagram's text. `counter` is the switch's message count since boot (the `counter` framing shows it). */
export function frameSyslog(
  framing: SyslogFraming,
  notice: Extract<LabNotice, { kind: 'syslog' }>,
  opts: { hostname: string; now: number; counter: number; pid?: number },
): string {
  const pri = `<${notice.facility * 8 + notice.severity}>`;
  switch (framing) {
    case 'counter':
      return `${pri}${opts.counter}: *${bsdTime(opts.now)}.${String(new Date(opts.now).getUTCMilliseconds()).padStart(3, '0')}: ${notice.text}`;
    case 'rfc3164': {
      const tag = notice.app ? `${notice.app}${opts.pid !== undefined ? `[${opts.pid}]` : ''}: ` : '';
      return `${pri}${bsdTime(opts.now)} ${opts.hostname} ${tag}${notice.text}`;
    }
    case 'host-year': {
      const d = new Date(opts.now);
      const time = `${d.getUTCFullYear()} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
      return `${pri}${opts.hostname}: ${time}: ${notice.text}`;
    }
    case 'rfc5424':
      return `${pri}1 ${new Date(opts.now).toISOString()} ${opts.hostname} ${notice.app ?? '-'} ${opts.pid ?? '-'} - - ${notice.text}`;
  }
}
