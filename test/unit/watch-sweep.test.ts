// The sweep's events: a reboot or a stack problem the watch has not already checked becomes
// an event of source `sweep`; what the last check already saw does not.

import { describe, expect, it } from 'vitest';
import { sweepEvents } from '../../src/watch/sweep.js';
import { sweepRun as run, sweptDevice as device } from '../helpers/watch-fixtures.js';

const rebooted = { rebooted: true as const, at: '2026-12-07T19:58:00Z', by: 'engine-boots' as const, bootsBefore: 3, bootsAfter: 4 };
const stack = { ready: 1, expected: 2, missing: [2], active: 1, problems: ['member 2 missing (removed)'], members: [], source: 'platform' as const };

describe('sweep events', () => {
  it('an unannounced reboot and a new stack problem are events; a quiet device is none', () => {
    const events = sweepEvents(run([device('a', { reboot: rebooted }), device('b', { stack }), device('c')]), () => undefined, 1000);
    expect(events).toEqual([
      { device: 'a', kind: 'reload', detail: 'sweep: rebooted at 2026-12-07T19:58:00Z (engine-boots), no notice received', source: 'sweep', at: 1000 },
      { device: 'b', kind: 'member-lost', member: 2, detail: 'sweep: stack member 2 missing (removed)', source: 'sweep', at: 1000 },
    ]);
  });

  it('what the last check saw is not announced again (a boot read a second apart is the same boot)', () => {
    const known = (d: string) => (d === 'a' ? { rebootAt: '2026-12-07T19:58:01Z' } : { stackProblems: ['member 2 missing (removed)'] });
    expect(sweepEvents(run([device('a', { reboot: rebooted }), device('b', { stack })]), known, 1000)).toEqual([]);
    // A later boot is news.
    const later = { ...rebooted, at: '2026-12-07T21:00:00Z', bootsAfter: 5 };
    expect(sweepEvents(run([device('a', { reboot: later })]), known, 1000)).toHaveLength(1);
  });
});
