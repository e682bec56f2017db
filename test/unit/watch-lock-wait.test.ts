// --recover auto and the store's lock: a power event during the nightly backup is when a
// restore is wanted, so the watch waits for the backup to give the lock back instead of
// asking a person; it stops waiting at its bound, or when the watch stops (nothing typed).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { acquireLock } from '../../src/store/lock.js';
import { restoreDevice } from '../../src/watch/act.js';
import { testDevice } from '../helpers/watch-fixtures.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Nothing listens on port 1: once past the lock, recover's own check finds it unreachable and
// chooses nothing — an outcome that says the lock was passed, with nothing typed anywhere.
const device = testDevice();

async function lockedStore() {
  dir = mkdtempSync(path.join(tmpdir(), 'watch-lock-wait-'));
  const store = await openStore(path.join(dir, 'backups'));
  const backup = await acquireLock(store.dir, { command: 'switchback backup' });
  return { store, backup };
}

describe('the watch restore waits for a backup holding the lock', () => {
  it('goes ahead once the backup gives the lock back', async () => {
    const { store, backup } = await lockedStore();
    let waited = '';
    const restore = restoreDevice(device, store, {
      onWait: (holder) => {
        waited = holder;
        void backup.release();
      },
    });
    const out = await restore;
    expect(waited).toContain('switchback backup');
    expect(out.outcome).toBe('refused');
    expect(out.detail).toContain("recover's own check chose nothing");
    expect(out.detail).not.toContain('locked by');
  });

  it('past its bound it asks, naming the run that holds the lock', async () => {
    const { store, backup } = await lockedStore();
    const out = await restoreDevice(device, store, { lockWaitMs: 0 });
    await backup.release();
    expect(out).toEqual({ outcome: 'refused', detail: expect.stringMatching(/^not restored: .* is locked by switchback backup .*, still after 0 s$/) });
  });

  it('a watch stopping meanwhile stops waiting, nothing typed', async () => {
    const { store, backup } = await lockedStore();
    const stop = new AbortController();
    const out = await restoreDevice(device, store, { signal: stop.signal, onWait: () => stop.abort() });
    await backup.release();
    expect(out.outcome).toBe('refused');
    expect(out.detail).toMatch(/^not restored: the watch is stopping \(.*locked by switchback backup/);
  });
});
