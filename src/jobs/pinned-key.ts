// The SSH host key a switch must show: the one pinned at a backup's first authenticated
// login (even if that backup then failed). Only backup pins or (with --accept-new-host-key)
// replaces a key; every job says a changed key in the same words.

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
 * What a refused key is told as, for every job. `consequence` follows "the switch was
 * replaced", e.g. `; nothing was typed`.
 */
export function hostKeyChanged(device: Device, pinned: HostKey, offered: HostKey, consequence = ''): string {
  return (
    `HOST KEY CHANGED for ${device.name} (${device.host}:${device.port}): pinned ${fingerprint(pinned.base64)}, offered ${offered.algo} ${fingerprint(offered.base64)}. ` +
    `Someone may be intercepting the connection, or the switch was replaced${consequence}. Verify, then run: switchback backup ${device.name} --accept-new-host-key ${device.name}`
  );
}

/**
 * With no pinned key any key passes: the caller decides whether that will do (restore
 * refuses; check and ready note it).
 */
export async function pinnedCheck(store: Store | null, device: Device, consequence = ''): Promise<PinnedCheck> {
  const pin = store ? await pinnedHostKey(store, device.name) : undefined;
  const pinned: HostKey | null = pin ? { algo: pin.algo, base64: pin.key } : null;
  return {
    pinned,
    verify: (key) => (!pinned || (key.algo === pinned.algo && key.base64 === pinned.base64) ? true : hostKeyChanged(device, pinned, key, consequence)),
    ...(pinned ? { algorithms: [pinned.algo] } : {}),
  };
}
