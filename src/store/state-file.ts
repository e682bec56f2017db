// One device's state.json alone: what `check --snmp` compares with (the boot record, the
// platform, the stack), without reading the device's configs — a 1,000-switch store holds
// hundreds of MB of them, and readDevice reads all three of every device.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { Store } from './repo.js';

/**
 * Parsed state.json as stored (the caller validates its shape); undefined when there is none.
 * Rejects on invalid JSON or a bad name, as readDevice does (async for that reason).
 */
export async function readDeviceState(store: Store, name: string): Promise<unknown> {
  const file = path.join(deviceDir(store.dir, name), DEVICE_FILES.state);
  let text: string;
  try {
    // Synchronous on purpose: a state.json is a few hundred bytes, read in microseconds, where
    // the promise API's thread-pool round trips cost ten times the CPU (1,000 devices: 7 ms
    // against 50–250 ms) and the sweep's sockets lose nothing by waiting that long.
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
