// The backups repository: the only code that touches the backups directory.

export { openStore, existingStore, StoreError, DEFAULT_AUTHOR, WATCH_STATE_FILE, WATCH_DISABLE_FILE } from './repo.js';
export type { Store, Author, OpenStoreOptions } from './repo.js';
export { readDevice, writeDevice, stateJson, hasBackup } from './device-files.js';
export type { DeviceFiles, DeviceWrite } from './device-files.js';
export { commitRun, pendingChanges, deviceChanges } from './commit.js';
export type { RunMessage } from './commit.js';
export { removeLeftovers } from './leftovers.js';
export { acquireLock, describeHolder, LockHeldError, LOCK_FILE } from './lock.js';
export type { Lock, LockInfo } from './lock.js';
export { checkHostKey, pinHostKey, replaceHostKey, pinnedHostKey, fingerprint } from './known-hosts.js';
export type { HostKeyCheck, PinnedKey } from './known-hosts.js';
export { lastCommitTouching } from './history.js';
export type { CommitRef } from './history.js';
export { assertDeviceName, InvalidDeviceNameError } from './paths.js';
export { readRunStatus, updateRunStatus, RUN_STATUS_FILE } from './run-status.js';
export type { DeviceRunStatus, RunStatus } from './run-status.js';
export { resolveCommit, readDeviceFileAt, commitDeviceFiles, storeExists } from './revisions.js';
export { committedFileIn, writeDeviceChanges } from './committed-tree.js';
export { headTree } from './head-tree.js';
export type { HeadTree } from './head-tree.js';
export { pushStore, syncStore, PUSH_ATTEMPTS } from './push.js';
export type { PushResult, SyncResult } from './push.js';
export { remoteTarget, RemoteError } from './remote.js';
export { abandonInterruptedRebase } from './rebase.js';
export type { RemoteTarget } from './remote.js';
