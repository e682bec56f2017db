// Virtual Chassis mastership: who is master, backup and linecard after a boot or after
// members come and go, and whether what is left stays active at all. Pure.
//
// Sources (Juniper documentation, paraphrased; the lab's reading, not a capture):
// - "Understanding How the Master in a Virtual Chassis Is Elected" (EX): the highest
//   mastership priority wins (default 128, 255 recommended for master and backup);
//   ties go to the member that was master before, then the one in the VC longest, then
//   the lowest MAC (the lab: the lowest member ID, its MACs rise with the ID). The
//   next in that order is backup; everyone else is a linecard. A member that joins a
//   running VC does not pre-empt: it comes in as a linecard (or backup if none).
// - mastership-priority statement page: "the member switch with highest mastership
//   priority becomes the master".
// - "Understanding Split and Merge in a Virtual Chassis": with split detection on (the
//   default; `set virtual-chassis no-split-detection` turns it off) a VC that loses
//   members cannot tell a dead member from a cut cable, so the part left stays active
//   only by these rules, otherwise its members go inactive (no master, no management):
//     master and backup both left  → active when at least half the members are left;
//     backup left, master gone     → active when at least half are left, backup becomes master;
//     master left, backup gone     → active only when more than half are left;
//     neither left                 → inactive.
//   Without split detection the part left always stays active: the backup takes over,
//   or the best-ranked member is elected when master and backup went together.
//   (Juniper recommends no-split-detection for a two-member VC for this reason.)

export type VcRole = 'master' | 'backup' | 'linecard';

export interface VcCandidate {
  /** Member ID (0-based, `fpcN`). */
  id: number;
  priority: number;
  /** Has power and is in the chassis. */
  present: boolean;
}

export interface VcOutcome {
  /** Roles of the present members; absent members hold none. */
  roles: Map<number, VcRole>;
  /** False when the part left went inactive under split detection. */
  active: boolean;
  /** Why, in a few words, for lab messages and tests. */
  says: string;
}

const rank = (a: VcCandidate, b: VcCandidate) => b.priority - a.priority || a.id - b.id;

/** A whole-VC boot: every present member takes part in a fresh election. */
export function electAtBoot(members: readonly VcCandidate[]): VcOutcome {
  const present = members.filter((m) => m.present).sort(rank);
  const roles = new Map<number, VcRole>();
  present.forEach((m, i) => roles.set(m.id, i === 0 ? 'master' : i === 1 ? 'backup' : 'linecard'));
  return { roles, active: present.length > 0, says: present.length ? `member ${present[0]!.id} elected master at boot` : 'no member has power' };
}

/**
 * After members came or went. `members` are all the members the VC knows (with
 * hardware, present or not); `previous` holds the roles before (of the members that
 * were in the VC then); `splitDetection` is the configuration's (on unless
 * `no-split-detection`).
 */
export function electAfterChange(members: readonly VcCandidate[], previous: ReadonlyMap<number, VcRole>, splitDetection: boolean): VcOutcome {
  const present = new Set(members.filter((m) => m.present).map((m) => m.id));
  const before = [...previous.keys()];
  const lost = before.filter((id) => !present.has(id));
  const stayed = before.filter((id) => present.has(id));
  const master = [...previous].find(([, r]) => r === 'master')?.[0];
  const backup = [...previous].find(([, r]) => r === 'backup')?.[0];
  const hasMaster = master !== undefined && present.has(master);
  const hasBackup = backup !== undefined && present.has(backup);
  // Counted against every member the VC knows (present or NotPrsnt), so members lost one
  // by one (a feed's members going in turn) count as they would lost together.
  const total = members.length;
  const roles = new Map<number, VcRole>();

  if (lost.length > 0 && splitDetection && total > 0) {
    const half = stayed.length * 2 >= total;
    const more = stayed.length * 2 > total;
    const active = hasMaster && hasBackup ? half : hasBackup ? half : hasMaster ? more : false;
    if (!active) {
      for (const id of present) roles.set(id, 'linecard');
      return {
        roles,
        active: false,
        says:
          `split detection: ${stayed.length} of ${total} members left` +
          (hasMaster ? ' with the master' : hasBackup ? ' with the backup' : ' without master or backup') +
          '; the VC part is inactive',
      };
    }
  }

  // Keep who still holds a role; fill the gaps by rank (no pre-emption).
  const byRank = members.filter((m) => present.has(m.id)).sort(rank);
  let newMaster = hasMaster ? master : hasBackup ? backup : byRank[0]?.id;
  if (newMaster === undefined) return { roles, active: false, says: 'no member has power' };
  roles.set(newMaster, 'master');
  const keptBackup = hasBackup && backup !== newMaster ? backup : undefined;
  const newBackup = keptBackup ?? byRank.find((m) => m.id !== newMaster && stayed.includes(m.id))?.id ?? byRank.find((m) => m.id !== newMaster)?.id;
  if (newBackup !== undefined) roles.set(newBackup, 'backup');
  for (const id of present) if (!roles.has(id)) roles.set(id, 'linecard');
  const says = hasMaster
    ? `member ${newMaster} stays master`
    : hasBackup
      ? `backup member ${newMaster} took over as master`
      : `master and backup lost together; member ${newMaster} elected master`;
  newMaster = newMaster as number;
  return { roles, active: true, says };
}
