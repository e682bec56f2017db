// readDeviceState: one device's state.json alone, as `check --snmp` reads it for every
// device (the configs beside it are never read).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, readDevice, writeDevice } from '../../src/store/index.js';
import { readDeviceState } from '../../src/store/device-files.js';

describe('readDeviceState', () => {
  it('gives state.json as readDevice does, undefined without one, and refuses invalid JSON naming the file', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'switchback-state-file-')), 'backups'));
    await writeDevice(store, 'sw-1', {
      running: 'hostname sw-1\n',
      state: { platform: 'cisco-ios', snmp: { engineBoots: 3, bootedAt: '2026-01-01T00:00:00Z' } },
    });
    expect(await readDeviceState(store, 'sw-1')).toEqual((await readDevice(store, 'sw-1')).state);
    expect(await readDeviceState(store, 'sw-1')).toEqual({ platform: 'cisco-ios', snmp: { engineBoots: 3, bootedAt: '2026-01-01T00:00:00Z' } });
    expect(await readDeviceState(store, 'never-backed-up')).toBeUndefined();
    writeFileSync(join(store.dir, 'sw-1', 'state.json'), '{ not json');
    await expect(readDeviceState(store, 'sw-1')).rejects.toThrow(/sw-1\/state\.json is not valid JSON/);
    await expect(readDeviceState(store, '../outside')).rejects.toThrow(/invalid device name/);
  });
});
