// Review: an alert no target took (the webhook unreachable in the very power event the watch
// reports) is sent again later — the watch has no next scheduled run that would say it, and
// nothing else brings that switch up again.

import { describe, expect, it, vi } from 'vitest';
import type { WatchAlertSource } from '../../src/watch/engine.js';
import { fakePartsOptions, lostCheck, pollUntil, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({ checkDevice: vi.fn(), lastGoodHeld: vi.fn(), restoreDevice: vi.fn() }));
vi.mock('../../src/watch/act.js', () => act);
const { startWatchEngine } = await import('../../src/watch/engine.js');

describe('alert retry (review)', () => {
  it('an alert that no target took is sent again until one does; then not again', async () => {
    act.checkDevice.mockResolvedValue(lostCheck());
    const tries: WatchAlertSource[] = [];
    const engine = await startWatchEngine(
      fakePartsOptions(
        [testDevice()],
        async (a) => {
          tries.push(a);
          // The webhook is down for the first two tries.
          return tries.length <= 2 ? { sent: 0, failed: 1 } : { sent: 1, failed: 0 };
        },
        { alertRetryMs: [10, 10, 10] },
      ),
    );
    engine.ingest({ device: 'sw-1', kind: 'reload', detail: 'trap coldStart', source: 'trap', at: Date.now() });
    await pollUntil(() => tries.length >= 3);
    expect(tries).toHaveLength(3);
    expect(tries.every((t) => t.diagnosis.join('\n').includes('lost: factory default, 40 lines missing'))).toBe(true);
    expect(engine.status().counters).toMatchObject({ alertsSent: 1, alertsFailed: 2 });
    // Delivered: no further try.
    await new Promise((r) => setTimeout(r, 100));
    expect(tries).toHaveLength(3);
    await engine.close();
  });
});
