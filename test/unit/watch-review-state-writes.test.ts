// Review: the state file is written for many changes at once, not once per device — a feed-off
// takes out a row of switches together, and a copy of the whole state per device piled up.

import { describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { testDevice } from '../helpers/watch-fixtures.js';

const writes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/watch/state-file.js', async (original) => {
  const real = await original<typeof import('../../src/watch/state-file.js')>();
  return {
    ...real,
    writeWatchState: async () => {
      writes.count++;
      // A disk that takes a moment (fsync, rename).
      await new Promise((r) => setTimeout(r, 20));
    },
  };
});
const { startWatchEngine } = await import('../../src/watch/engine.js');

const devices: Device[] = Array.from({ length: 500 }, (_, i) =>
  testDevice({ name: `sw-${i + 1}`, host: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, port: 22, origin: { file: 'x.yaml', index: i } }),
);

describe('state writes (review)', () => {
  it('500 switches that stop answering at once cost a few state writes, each with the latest state', async () => {
    const engine = await startWatchEngine({
      devices,
      store: null,
      statePath: '/nonexistent/.watch-state.json',
      settle: { quietMs: 5, maxMs: 50 },
      sweepIntervalS: 0,
      answer: {
        probe: async () => {
          throw new Error('no route to host');
        },
        pollMs: 1,
        timeoutMs: 1,
      },
    });
    const at = Date.now();
    for (const d of devices) engine.ingest({ device: d.name, kind: 'member-lost', member: 2, detail: 'trap', source: 'trap', at });
    await engine.idle();
    await engine.close();
    console.log(`${writes.count} state writes for ${devices.length} devices`);
    expect(writes.count).toBeGreaterThan(0);
    expect(writes.count).toBeLessThan(50);
  });
});
