// Review: a damaged state file is an empty memory, never a reason not to start — a trap
// receiver engine ID in it that is not one (hand-edited, cut short) is dropped, not fatal.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWatchEngine } from '../../src/watch/engine.js';
import { startReceivers } from '../../src/watch/receivers.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('state file engine ID (review)', () => {
  it('a state whose engine ID is not hex still lets the trap receiver start, with the rest of the memory kept', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'watch-review-'));
    const statePath = path.join(dir, '.watch-state.json');
    await writeFile(
      statePath,
      JSON.stringify({
        version: 1,
        engineID: '8000-not-hex',
        devices: { 'sw-1': { lastAlert: { at: 1, fingerprint: 'abc' } } },
        recoveries: [{ device: 'sw-1', at: Date.now(), outcome: 'restored' }],
      }),
    );
    const engine = await startWatchEngine({ devices: [], store: null, statePath, sweepIntervalS: 0 });
    const receivers = await startReceivers({ engine, trap: { address: '127.0.0.1', port: 0, communities: ['c'], users: [] } });
    expect(receivers.trap!.port).toBeGreaterThan(0);
    expect(engine.engineID()).toMatch(/^[0-9a-f]{10,64}$/);
    // The rest of what it remembered is kept: the restore still counts against the rate limit.
    expect(engine.status().recover.recent).toBe(1);
    await receivers.close();
    await engine.close();
  });
});
