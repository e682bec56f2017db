// What a switch says on its own when something happens to it — SNMP traps and informs, and
// syslog lines — as data each platform lists (its `traps.ts` and `syslog.ts`), for
// `switchback watch` to recognise. The events are switchback's words, the same on every
// platform: a rule maps one vendor notification to one of them.

/** What happened, in switchback's words. */
export type WatchEventKind =
  /** The switch (or the whole stack) restarted: coldStart, warmStart, a restart message. */
  | 'reload'
  /** A stack or chassis member went away (removed, powered down, VC / VSF member down). */
  | 'member-lost'
  /** A stack member came (back). */
  | 'member-added'
  /** The active / master / commander changed. */
  | 'role-change'
  /** The running configuration changed (someone configured it). */
  | 'config-changed'
  /** The redundant pair's peer or peer link went down. */
  | 'pair-peer-lost';

export interface TrapRule {
  /** snmpTrapOID.0 of the notification, numeric, no leading dot. */
  oid: string;
  event: WatchEventKind;
  /**
   * The varbind (numeric OID prefix) that carries the member number, when the notification
   * names one; its last sub-identifier or its integer value is the member (see the rule's comment).
   */
  memberFrom?: { oidPrefix: string; from: 'value' | 'index' };
  /** Where this comes from: a MIB file, a vendor document (as PLATFORM-FACTS.md cites it). */
  source: string;
}

export interface SyslogRule {
  /** Tried against the message text (after the RFC 3164 / 5424 header). Group `member`, if any, is the member number. */
  match: RegExp;
  event: WatchEventKind;
  source: string;
}

/**
 * The standard traps every SNMP agent sends (SNMPv2-MIB, RFC 3418 §2): not a vendor's, so
 * they live here. A stack that reloads sends coldStart; an agent restart alone, warmStart.
 */
export const STANDARD_TRAPS: readonly TrapRule[] = [
  { oid: '1.3.6.1.6.3.1.1.5.1', event: 'reload', source: 'RFC 3418 SNMPv2-MIB coldStart' },
  { oid: '1.3.6.1.6.3.1.1.5.2', event: 'reload', source: 'RFC 3418 SNMPv2-MIB warmStart' },
];
