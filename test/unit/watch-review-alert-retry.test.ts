// Review: an alert no target took (the webhook unreachable in the very power event the watch
// reports) is sent again later — the watch has no next scheduled run that would say it, and
// nothing else brings that switch up again.

import { describe, expect, it, vi } from 'vitest';
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

describe('alert retry (review)', () => {
  it('an alert that no target took is sent again until one does; then not again', async () => {
    act.checkDevice.mockResolvedValue(lost);
    const tries: Source[] = [];
    const engine = await startWatchEngine({
      devices: [device],
      store: null,
      settle: { quietMs: 10, maxMs: 100 },
      sweepIntervalS: 0,
      alertRetryMs: [10, 10, 10],
      alert: async (a) => {
        tries.push(a);
        // The webhook is down for the first two tries.
        return tries.length <= 2 ? { sent: 0, failed: 1 } : { sent: 1, failed: 0 };
      },
      answer: { probe: async () => undefined, pollMs: 1, timeoutMs: 1000 },
    });
    engine.ingest({ device: 'sw-1', kind: 'reload', detail: 'trap coldStart', source: 'trap', at: Date.now() });
    for (let i = 0; i < 1000 && tries.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(tries).toHaveLength(3);
    expect(tries.every((t) => t.diagnosis.join('\n').includes('lost: factory default, 40 lines missing'))).toBe(true);
    expect(engine.status().counters).toMatchObject({ alertsSent: 1, alertsFailed: 2 });
    // Delivered: no further try.
    await new Promise((r) => setTimeout(r, 100));
    expect(tries).toHaveLength(3);
    await engine.close();
  });
});
