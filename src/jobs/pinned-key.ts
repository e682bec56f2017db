// The SSH host key a switch must show: the one the first backup pinned. Jobs other than
// backup never pin or replace a key; a changed key stops them with the same words.

import type { Device } from '../inventory/device.js';
import { fingerprint, pinnedHostKey } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { HostKey } from '../transport/ssh.js';

export interface PinnedCheck {
  /** The key pinned for the device, or null when none is. */
  pinned: HostKey | null;
  /** For openDeviceShell: true, or why the offered key is refused. */
  verify(key: HostKey): true | string;
  /** Ask only for the pinned key's type, so a new key type after an upgrade is not a changed key. */
  algorithms?: string[];
}

/**
 * With no pinned key any key passes: the caller decides whether that will do (restore
 * refuses; ready notes it). `done` says what was (not) done, e.g. `Nothing was typed.`
 */
export async function pinnedCheck(store: Store | null, device: Device, done: string): Promise<PinnedCheck> {
  const pin = store ? await pinnedHostKey(store, device.name) : undefined;
  const pinned: HostKey | null = pin ? { algo: pin.algo, base64: pin.key } : null;
  return {
    pinned,
    verify: (key) =>
      !pinned || (key.algo === pinned.algo && key.base64 === pinned.base64)
        ? true
        : `HOST KEY CHANGED for ${device.name} (${device.host}:${device.port}): pinned ${fingerprint(pinned.base64)}, offered ${key.algo} ${fingerprint(key.base64)}. ` +
          `${done} Verify the switch, then run: switchback backup ${device.name} --accept-new-host-key ${device.name}`,
    ...(pinned ? { algorithms: [pinned.algo] } : {}),
  };
}
