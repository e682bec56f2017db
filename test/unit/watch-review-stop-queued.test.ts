// Review: a restore announced ("restoring last good now") and still waiting for its turn when
// the watch stops is not dropped without a word: the restarted watch takes it up.

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

const device = (name: string): Device => ({
  name,
  host: '127.0.0.1',
  port: 1,
  platform: 'cisco-ios',
  tags: [],
  credentials: { username: 'u' },
  transport: 'ssh',
  timeouts: { commandMs: 1000, deviceMs: 1000 },
  origin: { file: 'x.yaml', index: 0 },
});

const lost = (name: string): CheckedDevice => ({
  device: name,
  status: 'findings',
  findings: [{ kind: 'lost', message: 'lost: running-config is a factory default: 40 lines of last-good.cfg missing', cause: 'factory-default' }],
  notes: [],
  checkedVia: ['snmp', 'ssh'],
  platform: 'cisco-ios',
  uptimeSeconds: 30,
  reboot: { at: new Date(Date.now() - 60_000).toISOString(), by: 'engine-boots', bootsBefore: 3, bootsAfter: 4 },
  stack: null,
  pair: null,
  lastBackupAt: null,
  comparedWith: 'last-good',
  durationMs: 1,
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
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
    const alerts: Source[] = [];
    const start = () =>
      startWatchEngine({
        devices: [device('sw-a'), device('sw-b')],
        store: null,
        statePath,
        settle: { quietMs: 10, maxMs: 100 },
        sweepIntervalS: 0,
        recover: { mode: 'auto', disableFile: '/nonexistent/.watch-disabled', command: (d) => `switchback recover ${d}` },
        alert: async (a) => {
          alerts.push(a);
          return { sent: 1, failed: 0 };
        },
        answer: { probe: async () => undefined, pollMs: 1, timeoutMs: 1000 },
      });

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
