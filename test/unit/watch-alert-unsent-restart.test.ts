// An alert no target took when the watch stops (its retries are timers, gone with the process)
// is not lost: the state remembers it, and the restarted watch checks that switch again and
// says what it finds. The check is replaced (act.ts mocked): the engine's memory only.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WatchAlertSource } from '../../src/watch/engine.js';
import { fakePartsOptions, lostCheck, testDevice } from '../helpers/watch-fixtures.js';

const act = vi.hoisted(() => ({ checkDevice: vi.fn(), lastGoodHeld: vi.fn(), restoreDevice: vi.fn() }));
vi.mock('../../src/watch/act.js', () => act);
const { startWatchEngine } = await import('../../src/watch/engine.js');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an unsent alert across a restart', () => {
  it('is said by the restarted watch, once', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'watch-unsent-'));
    const statePath = path.join(dir, '.watch-state.json');
    act.checkDevice.mockResolvedValue(lostCheck());

    // The webhook is down for the whole life of the first watch (no retries left to it).
    const first = await startWatchEngine(fakePartsOptions([testDevice()], async () => ({ sent: 0, failed: 1 }), { statePath, alertRetryMs: [] }));
    first.ingest({ device: 'sw-1', kind: 'reload', detail: 'trap coldStart', source: 'trap', at: Date.now() });
    await first.idle();
    await first.close();
    const kept = JSON.parse(readFileSync(statePath, 'utf8')) as { devices: Record<string, { alertUnsentSince?: number }> };
    expect(kept.devices['sw-1']?.alertUnsentSince).toBeTypeOf('number');

    // Restarted, the webhook back: the switch is checked again and the alert gets out.
    const said: WatchAlertSource[] = [];
    const second = await startWatchEngine(
      fakePartsOptions(
        [testDevice()],
        async (a) => {
          said.push(a);
          return { sent: 1, failed: 0 };
        },
        { statePath },
      ),
    );
    await second.idle();
    expect(act.checkDevice).toHaveBeenCalledTimes(2);
    expect(said).toHaveLength(1);
    expect(said[0]!.diagnosis.join('\n')).toContain('lost: factory default, 40 lines missing');
    expect(said[0]!.events[0]!.detail).toContain('its alert taken by no target before the watch restarted');
    await second.close();

    // A third start has nothing left to say.
    const third = await startWatchEngine(fakePartsOptions([testDevice()], async () => ({ sent: 1, failed: 0 }), { statePath }));
    await third.idle();
    expect(act.checkDevice).toHaveBeenCalledTimes(2);
    await third.close();
  });
});
