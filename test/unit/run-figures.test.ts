// Each command's result as metric figures (src/report/run-figures.ts): the cases a lab run
// does not easily reach — a startup the switch would not show, a lost configuration with no
// startup behind it, the last successful run carried over or not.

import { describe, expect, it } from 'vitest';
import type { BackupRun, DeviceOutcome } from '../../src/jobs/backup-result.js';
import { backupFigures } from '../../src/report/run-figures.js';

const ok = (device: string, over: Partial<Exclude<DeviceOutcome, { status: 'failed' }>> = {}): DeviceOutcome => ({
  device,
  durationMs: 1000,
  status: 'unchanged',
  unsaved: null,
  noStartup: false,
  stack: null,
  lastGood: 'same',
  ...over,
});

const run = (devices: DeviceOutcome[]): BackupRun => ({
  startedAt: '2026-12-07T02:15:00.000Z',
  finishedAt: '2026-12-07T02:16:00.000Z',
  devices,
  commit: null,
  notes: [],
});

describe('backupFigures', () => {
  it('a startup the switch would not show: unsaved unknown (absent), the finding startup-unreadable', () => {
    const f = backupFigures(run([ok('a', { startupUnreadable: 'refused' })]), { exitCode: 3, success: true }, {});
    expect(f.devices[0]).toMatchObject({ success: true, findings: ['startup-unreadable'] });
    expect(f.devices[0]!.unsaved).toBeUndefined();
  });

  it('a lost configuration with no startup is not "unsaved" (saving would keep the loss), it is last-good-held', () => {
    const d = ok('b', {
      noStartup: true,
      unsaved: { added: ['x'], removed: [], counts: { added: 1, removed: 0 } },
      lastGood: { held: 'last good kept: shrank' },
    });
    const f = backupFigures(run([d]), { exitCode: 3, success: true }, {});
    expect(f.devices[0]!.unsaved?.unsaved).toBe(false);
    expect(f.devices[0]!.findings).toEqual(['last-good-held']);
  });

  it("a failed device: its last success from the store's run status, no unsaved figure, not a finding", () => {
    const failed: DeviceOutcome = { device: 'c', durationMs: 5, status: 'failed', stage: 'auth', reason: 'refused' };
    const f = backupFigures(
      run([failed]),
      { exitCode: 1, success: false },
      { c: { lastAttemptAt: '2026-12-07T02:16:00Z', lastSuccessAt: '2026-12-06T02:16:00Z', lastResult: 'failed' } },
    );
    expect(f.devices[0]).toMatchObject({ success: false, lastSuccessAt: '2026-12-06T02:16:00Z', findings: [] });
    expect(f.devices[0]!.unsaved).toBeUndefined();
  });

  it("the last successful run: this run's end when it succeeded, else the one carried over, else unknown", () => {
    expect(backupFigures(run([]), { exitCode: 3, success: true, previousLastSuccessAt: 5 }, {}).lastSuccessAt).toBe(Date.parse('2026-12-07T02:16:00Z') / 1000);
    expect(backupFigures(run([]), { exitCode: 1, success: false, previousLastSuccessAt: 5 }, {}).lastSuccessAt).toBe(5);
    expect(backupFigures(run([]), { exitCode: 1, success: false }, {}).lastSuccessAt).toBeUndefined();
  });
});
