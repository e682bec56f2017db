// Virtual Chassis (Juniper EX): one master and one backup routing engine, the rest
// linecards. A lost master is replaced by the backup. With split detection on (the
// default) the members left cannot tell a dead member from a cut cable, so they stay
// active only by these rules (Juniper, "Understanding Split and Merge in a Virtual
// Chassis"; the lab's personality follows the same rules, src/lab/personalities/juniper-junos/vc.ts):
//   master and backup both left → active when at least half the members are left;
//   backup left, master gone    → active when at least half are left (the backup becomes master);
//   master left, backup gone    → active only when more than half are left;
//   neither left                → inactive.
// `no-split-detection` keeps any part active; it is not read here, so the verdict is the
// cautious one (Juniper recommends no-split-detection for a two-member VC for this reason).

import { commonStandbyExpected } from './model.js';
import type { FeedLoss, StackModel, Survival } from './model.js';

type Outcome = { active: true; master: number | undefined; tookOver: boolean } | { active: false; why: string };

/** What is left after `lost` goes, by the split-detection rules. */
function after(ready: number[], master: number | undefined, backup: number | undefined, lost: number[], w: FeedLoss['words']): Outcome {
  const stayed = ready.filter((n) => !lost.includes(n));
  const total = ready.length;
  const hasMaster = master !== undefined && stayed.includes(master);
  const hasBackup = backup !== undefined && stayed.includes(backup);
  const half = stayed.length * 2 >= total;
  const more = stayed.length * 2 > total;
  const left = `${stayed.length} of ${total} members left`;
  if (hasMaster && hasBackup)
    return half ? { active: true, master, tookOver: false } : { active: false, why: `${left} with the ${w.active} and the ${w.standby}, fewer than half` };
  if (hasBackup) return half ? { active: true, master: backup, tookOver: true } : { active: false, why: `${left} with the ${w.standby}, fewer than half` };
  if (hasMaster)
    return more
      ? { active: true, master, tookOver: false }
      : { active: false, why: `${left} with the ${w.active} but not the ${w.standby}, not more than half` };
  return { active: false, why: `${left}, neither the ${w.active} nor the ${w.standby}` };
}

export function survive(loss: FeedLoss): Survival | undefined {
  const { members, lost, unknown, feed, lostSays, unknownSays, words: w } = loss;
  const readyMembers = members.filter((m) => m.state === 'ready');
  const ready = readyMembers.map((m) => m.number);
  const master = readyMembers.find((m) => m.role === 'active')?.number;
  const backup = readyMembers.find((m) => m.role === 'standby')?.number;
  const goes = lost.filter((n) => ready.includes(n));
  if (goes.length === 0 && unknown.length === 0) return undefined;
  const best = after(ready, master, backup, goes, w);
  const worst = after(ready, master, backup, [...goes, ...unknown.filter((n) => ready.includes(n))], w);
  const split = (o: Extract<Outcome, { active: false }>) =>
    `OUTAGE: split detection: ${o.why} when feed ${feed} goes; the Virtual Chassis part left goes inactive (${lostSays})`;
  if (!best.active) return { verdict: 'fail', says: split(best) };
  if (!worst.active)
    return {
      verdict: 'warn',
      says: `unknown: if the members whose feed is not in the inventory are on feed ${feed} too, ${split(worst).replace(/^OUTAGE: /, 'an outage: ')}${unknownSays}`,
    };
  if (best.tookOver && best.master !== undefined)
    return {
      verdict: 'warn',
      takesOver: best.master,
      says: `failover: the ${w.active} member ${master} is on feed ${feed}; the ${w.standby}, member ${best.master}, takes over (${lostSays})${unknownSays}`,
    };
  return undefined;
}

/** Two or more members want a backup routing engine, unless the last backup showed several and none. */
export const virtualChassis: StackModel = { survive, standbyExpected: commonStandbyExpected };
