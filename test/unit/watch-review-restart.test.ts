// Review: an event the watch received but had not yet checked when it stopped (a restart while
// the switch is still booting) is not forgotten: the restarted watch checks that switch.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { fakePartsOptions, keptAlerts, lostCheck, pollUntil, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({ checkDevice: vi.fn(), lastGoodHeld: vi.fn(), restoreDevice: vi.fn() }));
vi.mock('../../src/watch/act.js', () => act);
const { startWatchEngine } = await import('../../src/watch/engine.js');

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('restart (review)', () => {
  it('a switch still booting when the watch restarts is checked and alerted by the restarted watch; a third start does not alert again', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'watch-review-'));
    const statePath = path.join(dir, '.watch-state.json');
    act.checkDevice.mockResolvedValue(lostCheck());
    act.lastGoodHeld.mockResolvedValue({ held: true });
    const { alerts, alert } = keptAlerts();
    const start = (probe: (d: Device, s: AbortSignal) => Promise<void>) =>
      startWatchEngine(fakePartsOptions([testDevice()], alert, { statePath, answer: { probe, pollMs: 5, timeoutMs: 60_000 } }));

    // The switch is booting: it does not answer yet when the watch is stopped.
    const first = await start(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    first.ingest({ device: 'sw-1', kind: 'reload', detail: 'trap 1.3.6.1.6.3.1.1.5.1 (coldStart)', source: 'trap', at: Date.now() });
    await pollUntil(() => first.status().devices[0]!.phase === 'waiting', 200);
    expect(first.status().devices[0]!.phase).toBe('waiting');
    await first.close();
    expect(alerts).toHaveLength(0);

    // Restarted: the switch answers now. Nothing new arrives.
    const second = await start(async () => undefined);
    await pollUntil(() => alerts.length !== 0, 200);
    await second.idle();
    await second.close();
    expect(act.checkDevice).toHaveBeenCalledTimes(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.diagnosis.join('\n')).toMatch(/lost: factory default, 40 lines missing/);

    // And once checked, a further restart neither checks nor alerts again.
    const third = await start(async () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await third.idle();
    await third.close();
    expect(act.checkDevice).toHaveBeenCalledTimes(1);
    expect(alerts).toHaveLength(1);
  });
});
