// Review: a restore announced ("restoring last good now") and still waiting for its turn when
// the watch stops is not dropped without a word: the restarted watch takes it up.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { fakePartsOptions, keptAlerts, lostCheck, pollUntil, RECOVER_AUTO, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({ checkDevice: vi.fn(), lastGoodHeld: vi.fn(), restoreDevice: vi.fn() }));
vi.mock('../../src/watch/act.js', () => act);
const { startWatchEngine } = await import('../../src/watch/engine.js');

const device = (name: string): Device => testDevice({ name });

// Booted a minute ago (not the fixed boot time of the other tests): the restore is of this boot.
const lost = (name: string) =>
  lostCheck(name, { reboot: { at: new Date(Date.now() - 60_000).toISOString(), by: 'engine-boots', bootsBefore: 3, bootsAfter: 4 } });

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const until = async (ok: () => boolean) => {
  await pollUntil(ok);
  expect(ok()).toBe(true);
};

describe('stopping with a restore waiting its turn (review)', () => {
  it('the restarted watch restores the switch whose restore was announced but never ran', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'watch-review-'));
    const statePath = path.join(dir, '.watch-state.json');
    act.checkDevice.mockImplementation(async (d: Device) => lost(d.name));
    act.lastGoodHeld.mockResolvedValue({ held: true });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const restored: string[] = [];
    act.restoreDevice.mockImplementation(async (d: Device) => {
      if (d.name === 'sw-a') await held;
      restored.push(d.name);
      return { outcome: 'restored', detail: 'restored last good (abc1234), verified, saved in 1.0 s' };
    });
    const { alerts, alert } = keptAlerts();
    const start = () => startWatchEngine(fakePartsOptions([device('sw-a'), device('sw-b')], alert, { statePath, recover: RECOVER_AUTO }));

    const first = await start();
    const at = Date.now();
    first.ingest({ device: 'sw-a', kind: 'reload', detail: 'trap coldStart', source: 'trap', at });
    first.ingest({ device: 'sw-b', kind: 'reload', detail: 'trap coldStart', source: 'trap', at });
    // Both announced; sw-a is being restored, sw-b waits its turn.
    await until(() => alerts.filter((a) => a.diagnosis.some((l) => /restoring last good now/.test(l))).length === 2);
    await until(() => first.status().devices.find((d) => d.name === 'sw-a')!.phase === 'recovering');
    const closed = first.close();
    release();
    await closed;
    expect(restored).toEqual(['sw-a']);

    const second = await start();
    await until(() => restored.length === 2);
    await second.idle();
    await second.close();
    expect(restored).toEqual(['sw-a', 'sw-b']);
    expect(alerts.filter((a) => a.device === 'sw-b' && a.recover?.outcome === 'restored')).toHaveLength(1);
  });
});
