// A person fixing what the watch alerted: a configuration change on a switch whose last check
// found something is checked again (the page must not keep saying "lost" for a switch that is
// whole), but never alerted or restored on its own; on a switch with nothing open, a change is
// counted and nothing more. The check is replaced (act.ts mocked): the engine's decisions only.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkedDevice, fakePartsOptions, keptAlerts, lostCheck, pollUntil, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({
  checkDevice: vi.fn(),
  lastGoodHeld: vi.fn(),
  restoreDevice: vi.fn(),
}));
vi.mock('../../src/watch/act.js', () => act);

const { startWatchEngine } = await import('../../src/watch/engine.js');

const event = (kind: 'reload' | 'config-changed') => ({
  device: 'sw-1',
  kind,
  detail: kind === 'reload' ? 'trap coldStart' : 'syslog: %SYS-5-CONFIG_I: Configured from vty0',
  source: kind === 'reload' ? ('trap' as const) : ('syslog' as const),
  at: Date.now(),
});

beforeEach(() => {
  act.checkDevice.mockReset();
  act.lastGoodHeld.mockReset().mockResolvedValue({ held: true });
  act.restoreDevice.mockReset();
});

describe('a configuration change after an alert', () => {
  it('is checked again: fixed, the page shows it fine and nothing is alerted; still broken, nothing is alerted or restored', async () => {
    const { alerts, alert } = keptAlerts();
    const engine = await startWatchEngine(
      fakePartsOptions([testDevice()], alert, {
        recover: { mode: 'auto', disableFile: '/nonexistent/.watch-disabled', command: (d) => `switchback recover ${d}` },
      }),
    );
    // The power event: lost, alerted, and (auto) a restore that did not hold.
    act.checkDevice.mockResolvedValue(lostCheck('sw-1'));
    act.restoreDevice.mockResolvedValue({ outcome: 'failed', detail: 'restore of last good (abc1234) failed at push: refused' });
    engine.ingest(event('reload'));
    await engine.idle();
    const afterEvent = alerts.length;
    expect(afterEvent).toBeGreaterThan(0);
    expect(engine.status().devices[0]!.lastCheck?.status).toBe('findings');

    // A person types part of it back: checked again, still lost — no alert, no restore.
    engine.ingest(event('config-changed'));
    expect(engine.status().devices[0]!.phase).toBe('settling');
    await engine.idle();
    expect(act.checkDevice).toHaveBeenCalledTimes(2);
    expect(alerts).toHaveLength(afterEvent);
    expect(act.restoreDevice).toHaveBeenCalledTimes(1);

    // Then runs switchback recover: the change is checked, the switch is whole, the page says so.
    act.checkDevice.mockResolvedValue(checkedDevice({ device: 'sw-1', status: 'ok', findings: [] }));
    engine.ingest(event('config-changed'));
    await engine.idle();
    expect(act.checkDevice).toHaveBeenCalledTimes(3);
    expect(engine.status().devices[0]!.lastCheck).toMatchObject({ status: 'ok', findings: [] });
    expect(alerts).toHaveLength(afterEvent);

    // Whole again: a change is counted, and no longer checked.
    engine.ingest(event('config-changed'));
    await pollUntil(() => engine.status().counters.events['config-changed'] === 3);
    expect(engine.status().devices[0]!.phase).toBe('quiet');
    await engine.idle();
    expect(act.checkDevice).toHaveBeenCalledTimes(3);
    await engine.close();
  });
});
