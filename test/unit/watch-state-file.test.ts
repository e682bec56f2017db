// The watch's memory across restarts: written atomically, read back the same; a missing or
// damaged file is an empty memory, said once.

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyState, readWatchState, statePathFor, writeWatchState } from '../../src/watch/state-file.js';
import type { WatchState } from '../../src/watch/state-file.js';

describe('watch state file', () => {
  it('round-trips, beside the run status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-state-'));
    const file = statePathFor(dir);
    expect(file).toBe(join(dir, '.watch-state.json'));
    const state: WatchState = {
      version: 1,
      engineID: '8000000001020304',
      devices: {
        'sw-1': {
          lastEvent: { at: 1, kind: 'reload', source: 'trap', detail: 'coldStart' },
          lastCheck: { at: 2, status: 'findings', fingerprint: 'abc', findings: [{ kind: 'lost', message: 'lost: …' }], rebootAt: '2026-12-07T20:00:00Z' },
          lastAlert: { at: 3, fingerprint: 'abc' },
        },
      },
      recoveries: [{ device: 'sw-1', at: 4, outcome: 'restored' }],
    };
    await writeWatchState(file, state);
    expect(await readWatchState(file)).toEqual({ state });
    // No temporary file left behind.
    expect(readdirSync(dir)).toEqual(['.watch-state.json']);
  });

  it('missing: empty, nothing said; damaged: empty, said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-state-'));
    const file = statePathFor(dir);
    expect(await readWatchState(file)).toEqual({ state: emptyState() });
    writeFileSync(file, '{ not json');
    const damaged = await readWatchState(file);
    expect(damaged.state).toEqual(emptyState());
    expect(damaged.problem).toMatch(/is not JSON: starting with no memory/);
    writeFileSync(file, JSON.stringify({ version: 9 }));
    expect((await readWatchState(file)).problem).toMatch(/not a watch state of this version/);
  });
});
