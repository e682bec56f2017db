// Review: an event the watch received but had not yet checked when it stopped (a restart while
// the switch is still booting) is not forgotten: the restarted watch checks that switch.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import type { CheckedDevice } from '../../src/jobs/check.js';

const act = vi.hoisted(() => ({ checkDevice: vi.fn(), lastGoodHeld: vi.fn(), restoreDevice: vi.fn() }));
vi.mock('../../src/watch/act.js', () => act);
const { startWatchEngine } = await import('../../src/watch/engine.js');
type Source = Parameters<NonNullable<Parameters<typeof startWatchEngine>[0]['alert']>>[0];

const device: Device = {
  name: 'sw-1',
  host: '127.0.0.1',
  port: 1,
  platform: 'cisco-ios',
  tags: [],
  credentials: { username: 'u' },
  transport: 'ssh',
  timeouts: { commandMs: 1000, deviceMs: 1000 },
  origin: { file: 'x.yaml', index: 0 },
};

const lost: CheckedDevice = {
  device: 'sw-1',
  status: 'findings',
  findings: [{ kind: 'lost', message: 'lost: running-config is a factory default: 40 lines of last-good.cfg missing', cause: 'factory-default' }],
  notes: [],
  checkedVia: ['snmp', 'ssh'],
  platform: 'cisco-ios',
  uptimeSeconds: 30,
  reboot: { at: '2026-12-07T20:00:00Z', by: 'engine-boots', bootsBefore: 3, bootsAfter: 4 },
  stack: null,
  pair: null,
  lastBackupAt: null,
  comparedWith: 'last-good',
  durationMs: 1,
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('restart (review)', () => {
  it('a switch still booting when the watch restarts is checked and alerted by the restarted watch; a third start does not alert again', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'watch-review-'));
    const statePath = path.join(dir, '.watch-state.json');
    act.checkDevice.mockResolvedValue(lost);
    act.lastGoodHeld.mockResolvedValue({ held: true });
    const alerts: Source[] = [];
    const start = (probe: (d: Device, s: AbortSignal) => Promise<void>) =>
      startWatchEngine({
        devices: [device],
        store: null,
        statePath,
        settle: { quietMs: 10, maxMs: 100 },
        sweepIntervalS: 0,
        alert: async (a) => {
          alerts.push(a);
          return { sent: 1, failed: 0 };
        },
        answer: { probe, pollMs: 5, timeoutMs: 60_000 },
      });

    // The switch is booting: it does not answer yet when the watch is stopped.
    const first = await start(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    first.ingest({ device: 'sw-1', kind: 'reload', detail: 'trap 1.3.6.1.6.3.1.1.5.1 (coldStart)', source: 'trap', at: Date.now() });
    for (let i = 0; i < 200 && first.status().devices[0]!.phase !== 'waiting'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(first.status().devices[0]!.phase).toBe('waiting');
    await first.close();
    expect(alerts).toHaveLength(0);

    // Restarted: the switch answers now. Nothing new arrives.
    const second = await start(async () => undefined);
    for (let i = 0; i < 200 && alerts.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
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
