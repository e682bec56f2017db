// StackWise (Catalyst 3750 … 9300): one Active, one Standby, the rest Members. The Standby
// takes over from a lost Active; when the Active and the Standby go together the remaining
// members reload ("Lost both active and standby"): an outage. A stack with no Standby (a
// 3750: Master and Members only) has none by design.

import { commonStandbyExpected } from './model.js';
import type { FeedLoss, StackModel, Survival } from './model.js';

export function survive(loss: FeedLoss): Survival | undefined {
  const { members, lost, unknown, feed, lostSays, unknownSays, words: w } = loss;
  const ready = members.filter((m) => m.state === 'ready');
  const active = ready.find((m) => m.role === 'active')?.number;
  const standby = ready.find((m) => m.role === 'standby')?.number;
  if (active === undefined || !lost.includes(active)) return undefined;
  if (standby !== undefined && lost.includes(standby))
    return {
      verdict: 'fail',
      says: `OUTAGE: the ${w.active} (${active}) and the ${w.standby} (${standby}) are both on feed ${feed}; the other members reload (${lostSays})`,
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
}

/** Two or more members want a Standby, unless the last backup showed several and none (no Standby by design). */
export const stackwise: StackModel = { survive, standbyExpected: commonStandbyExpected };
