// Review of `--recover auto`: what the engine does around a restore, with the check and the
// restore replaced (act.ts mocked) so that only the engine's decisions are under test.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { fakePartsOptions, keptAlerts, lostCheck as lost, RECOVER_AUTO, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({
  checkDevice: vi.fn(),
  lastGoodHeld: vi.fn(),
  restoreDevice: vi.fn(),
}));
vi.mock('../../src/watch/act.js', () => act);

const { startWatchEngine } = await import('../../src/watch/engine.js');

const device = (name: string): Device => testDevice({ name });

async function engineWith(devices: Device[]) {
  const { alerts, alert } = keptAlerts();
  const engine = await startWatchEngine(fakePartsOptions(devices, alert, { recover: RECOVER_AUTO }));
  return { engine, alerts };
}

const reload = (name: string) => ({ device: name, kind: 'reload' as const, detail: 'trap coldStart', source: 'trap' as const, at: Date.now() });

beforeEach(() => {
  act.checkDevice.mockReset();
  act.lastGoodHeld.mockReset();
  act.restoreDevice.mockReset();
  act.lastGoodHeld.mockResolvedValue({ held: true });
});

describe('--recover auto (review)', () => {
  it('a restore that failed is not retried on the same device by itself when it goes round again: a person is asked', async () => {
    act.checkDevice.mockImplementation(async (d: Device) => lost(d.name));
    const { engine, alerts } = await engineWith([device('sw-1')]);
    // Typing last good makes the switch say its configuration changed: an event during the cycle.
    act.restoreDevice.mockImplementation(async () => {
      engine.ingest({ device: 'sw-1', kind: 'config-changed', detail: 'syslog: %SYS-5-CONFIG_I: Configured from vty0', source: 'syslog', at: Date.now() });
      return { outcome: 'failed', detail: 'restored last good (abc1234), NOT verified: what it runs now is not the target' };
    });
    engine.ingest(reload('sw-1'));
    await engine.idle();
    // It went round once more (the event during the restore) and found the same loss.
    expect(act.checkDevice.mock.calls.length).toBe(2);
    expect(act.restoreDevice).toHaveBeenCalledTimes(1);
    const outcomes = alerts.map((a) => a.recover?.outcome ?? 'found');
    console.log('alerts:', outcomes.join(', '));
    expect(outcomes).not.toContain('restored');
    expect(alerts.filter((a) => a.diagnosis.some((l) => /restoring last good now/.test(l)))).toHaveLength(1);
    expect(engine.status().recover.recent).toBe(1);
    await engine.close();
  });
});

describe('recover policy: once per boot (review)', async () => {
  const { judgeRecover } = await import('../../src/watch/recover-policy.js');
  const base = {
    mode: 'auto' as const,
    checked: lost('sw-1'),
    target: { held: true as const },
    disabled: false,
    disableFile: '/b/.watch-disabled',
    restoresAt: [] as number[],
    limit: { count: 3, windowMs: 3_600_000 },
    now: Date.parse('2026-12-07T20:10:00Z'),
    command: 'switchback recover sw-1',
  };
  it('a device restored automatically since its boot is asked about, not restored again', () => {
    const at = Date.parse('2026-12-07T20:02:00Z');
    expect(judgeRecover({ ...base, restoresAt: [at], deviceRestoresAt: [at] })).toMatchObject({ act: 'ask', command: 'switchback recover sw-1' });
  });
  it('a restore before this boot does not count: a new power event is restored', () => {
    const at = Date.parse('2026-12-07T19:55:00Z');
    expect(judgeRecover({ ...base, restoresAt: [at], deviceRestoresAt: [at] })).toEqual({ act: 'restore' });
  });
  it('with no boot time, one within the rate window counts', () => {
    const at = Date.parse('2026-12-07T19:55:00Z');
    expect(judgeRecover({ ...base, checked: { ...lost('sw-1'), reboot: null }, restoresAt: [at], deviceRestoresAt: [at] })).toMatchObject({ act: 'ask' });
  });
});
