// What a stack model decides: who takes over when members lose power, and whether a stack
// of several members must have a standby. One file per model (stackwise.ts, none.ts; the
// Junos work adds virtual-chassis.ts with the same shape); registry in index.ts. Pure:
// members and the members that lose power in, a verdict in words out. Used by `ready --feed`
// (jobs/ready.ts) and the stack judgement of `check` (jobs/check-snmp.ts); roles stay
// generic (active / standby / member) and the platform's `roleWords` name them.

import type { PlatformStack, StackMember } from '../platform.js';

export type RoleWords = PlatformStack['roleWords'];

/** A power feed goes dark: what the stack looks like, and which members lose power. */
export interface FeedLoss {
  /** The members as read now, with roles and states (not Ready members count as gone already). */
  members: StackMember[];
  /** Member numbers on the feed that goes dark. */
  lost: number[];
  /** Member numbers whose feed the inventory does not give. */
  unknown: number[];
  /** The feed as the person typed it, for messages. */
  feed: string;
  /** `members 1, 2 lose power`: the loss in words, for the end of a message. */
  lostSays: string;
  /** `; feed unknown for member 3`, or empty. */
  unknownSays: string;
  words: RoleWords;
}

export interface Survival {
  verdict: 'pass' | 'warn' | 'fail';
  /** The member that becomes active, when one takes over. */
  takesOver?: number;
  says: string;
}

export interface StackModel {
  /**
   * The model's failover rule for a feed loss that takes out members, or undefined when it
   * has nothing to say (the active stays): the generic rules (nothing left, unknown feeds,
   * who stays) decide then.
   */
  survive(loss: FeedLoss): Survival | undefined;
  /** A stack of `expected` members (≥ 2) must have a Ready standby, unless it never had one (`before`: the last backup's members). */
  standbyExpected(expected: number, before: StackMember[]): boolean;
}

/**
 * The common rule: two or more members want a Ready standby, unless the last backup showed
 * several members and no standby (a stack without one by design: a 3750's Master and Members).
 */
export function commonStandbyExpected(expected: number, before: StackMember[]): boolean {
  const neverHadStandby = before.length >= 2 && !before.some((m) => m.role === 'standby');
  return expected >= 2 && !neverHadStandby;
}
