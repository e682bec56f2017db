// Where things live inside the backups repository, and the one check that keeps every
// write inside it: a device name becomes a folder, so it is validated here again even
// though the inventory already did (defence in depth: the store never trusts callers).

import path from 'node:path';

export const KNOWN_HOSTS_FILE = '.known_hosts';
export const GITIGNORE_FILE = '.gitignore';

/** The file names of one device folder, by the key callers use. */
export const DEVICE_FILES = {
  running: 'running.cfg',
  startup: 'startup.cfg',
  lastGood: 'last-good.cfg',
  state: 'state.json',
} as const;

export type DeviceFileKey = keyof typeof DEVICE_FILES;

export class InvalidDeviceNameError extends Error {
  override name = 'InvalidDeviceNameError';
}

const NAME = /^[a-z0-9._-]{1,128}$/;

/**
 * Throws unless `name` is safe as one folder name at the top of the store.
 * Beyond the character set: no leading dot (it would reach `.git` or `.known_hosts`),
 * no `..`, and no `.lock` / `.tmp` ending (the store's .gitignore would hide the folder).
 */
export function assertDeviceName(name: string): void {
  const why = !NAME.test(name)
    ? 'only a-z, 0-9, ".", "_" and "-" are allowed (1 to 128 characters)'
    : name.startsWith('.')
      ? 'it must not start with "."'
      : name.includes('..')
        ? 'it must not contain ".."'
        : /\.(lock|tmp)$/.test(name)
          ? 'it must not end in ".lock" or ".tmp"'
          : undefined;
  if (why !== undefined) throw new InvalidDeviceNameError(`invalid device name ${JSON.stringify(name)}: ${why}`);
}

/** The folder of one device; checked to resolve to a direct child of the store. */
export function deviceDir(storeDir: string, name: string): string {
  assertDeviceName(name);
  const dir = path.resolve(storeDir, name);
  if (path.dirname(dir) !== path.resolve(storeDir)) {
    throw new InvalidDeviceNameError(`invalid device name ${JSON.stringify(name)}: it leaves the backups directory`);
  }
  return dir;
}
