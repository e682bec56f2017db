// Virtual Chassis mastership in the lab: election at boot, takeover on member loss,
// and split detection's rule of who stays active.

import { describe, expect, it } from 'vitest';
import { electAfterChange, electAtBoot } from '../../src/lab/personalities/juniper-junos/vc.js';
import type { VcRole } from '../../src/lab/personalities/juniper-junos/vc.js';

const members = (present: boolean[], priorities = [255, 255, 128, 128, 128]) => present.map((p, id) => ({ id, priority: priorities[id] ?? 128, present: p }));
const roles = (m: Map<number, VcRole>) => Object.fromEntries([...m].sort(([a], [b]) => a - b));

describe('election at boot', () => {
  it('the highest priority is master, the next backup, ties to the lowest member ID, the rest linecards', () => {
    expect(roles(electAtBoot(members([true, true, true])).roles)).toEqual({ 0: 'master', 1: 'backup', 2: 'linecard' });
    expect(roles(electAtBoot(members([true, true, true], [128, 128, 255])).roles)).toEqual({ 0: 'backup', 1: 'linecard', 2: 'master' });
  });
});

describe('after a member loss', () => {
  const three = new Map<number, VcRole>([
    [0, 'master'],
    [1, 'backup'],
    [2, 'linecard'],
  ]);

  it('the backup takes over when the master goes and at least half remain; a linecard becomes backup', () => {
    const out = electAfterChange(members([false, true, true]), three, true);
    expect(out.active).toBe(true);
    expect(roles(out.roles)).toEqual({ 1: 'master', 2: 'backup' });
    expect(out.says).toMatch(/backup member 1 took over/);
  });

  it('a two-member VC: the backup takes over from a lost master (half remain, with the backup)', () => {
    const two = new Map<number, VcRole>([
      [0, 'master'],
      [1, 'backup'],
    ]);
    expect(electAfterChange(members([false, true]), two, true).active).toBe(true);
    // The master alone is not more than half: with split detection its part goes inactive.
    expect(electAfterChange(members([true, false]), two, true).active).toBe(false);
    expect(electAfterChange(members([true, false]), two, false).active).toBe(true);
  });

  it('master and backup lost together: inactive with split detection, a new master without it', () => {
    expect(electAfterChange(members([false, false, true]), three, true).active).toBe(false);
    const out = electAfterChange(members([false, false, true]), three, false);
    expect(out.active).toBe(true);
    expect(roles(out.roles)).toEqual({ 2: 'master' });
  });

  it('a member that comes back joins as a linecard: no pre-emption', () => {
    const after = new Map<number, VcRole>([
      [1, 'master'],
      [2, 'backup'],
    ]);
    const out = electAfterChange(members([true, true, true]), after, true);
    expect(roles(out.roles)).toEqual({ 0: 'linecard', 1: 'master', 2: 'backup' });
  });
});
