// What a stack model decides: who takes over when members lose power, and whether a stack
// of several members must have a standby. One file per model (stackwise.ts, vsf.ts,
// backplane.ts, virtual-chassis.ts, none.ts; the same shape); registry in index.ts. Pure:
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

/**
 * The rule of a stack with one active and one standby, the rest members (StackWise, VSF,
 * backplane stacking): a lost active is replaced by the standby; an active lost without a
 * standby, or with it, is an outage — `bothLost` says what the model's members do then, in the platform's role words.
 * Nothing to say when the active keeps its power.
 */
export function activeStandbyRule(bothLost: (w: RoleWords) => string): StackModel['survive'] {
  return (loss) => {
    const { members, lost, unknown, feed, lostSays, unknownSays, words: w } = loss;
    const ready = members.filter((m) => m.state === 'ready');
    const active = ready.find((m) => m.role === 'active')?.number;
    const standby = ready.find((m) => m.role === 'standby')?.number;
    if (active === undefined || !lost.includes(active)) return undefined;
    if (standby !== undefined && lost.includes(standby))
      return {
        verdict: 'fail',
        says: `OUTAGE: the ${w.active} (${active}) and the ${w.standby} (${standby}) are both on feed ${feed}; ${bothLost(w)} (${lostSays})`,
      };
    if (standby === undefined)
      return { verdict: 'fail', says: `OUTAGE: the ${w.active} (${active}) is on feed ${feed} and there is no ${w.standby} to take over (${lostSays})` };
    if (unknown.includes(standby))
      return {
        verdict: 'warn',
        says: `unknown: the ${w.active} (${active}) is on feed ${feed} and the ${w.standby}'s (${standby}) feed is not in the inventory (${lostSays})`,
      };
    return {
      verdict: 'warn',
      takesOver: standby,
      says: `failover: the ${w.active} member ${active} is on feed ${feed}; the ${w.standby}, member ${standby}, takes over (${lostSays})${unknownSays}`,
    };
  };
}
