// The nightly job: capture every selected device concurrently, write what
// changed into the backups repository, and commit once. A device that fails
// keeps its previous files; its failure is a line in the result, not an abort.

import { unsavedLines } from '../config/normalise.js';
import type { Device } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import type { StackMember } from '../platforms/platform.js';
import { commitRun, fingerprint, pinHostKey, pinnedHostKey, readDevice, replaceHostKey, writeDevice } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { HostKey } from '../transport/ssh.js';
import { commitMessage } from './backup-result.js';
import type { BackupRun, DeviceOutcome, StackSummary } from './backup-result.js';
import { CaptureError, captureDevice } from './capture.js';
import type { Capture } from './capture.js';

export interface BackupOptions {
  devices: Device[];
  store: Store;
  concurrency: number;
  /** Devices whose changed SSH host key the operator accepts for this run. */
  acceptNewHostKey: string[];
  /** Told about each device as it finishes (progress on a terminal, lines in cron). */
  onDevice?: (outcome: DeviceOutcome, done: number, total: number) => void;
}

export async function runBackup(opts: BackupOptions): Promise<BackupRun> {
  const startedAt = new Date().toISOString();
  const outcomes: DeviceOutcome[] = [];
  let done = 0;
  await pool(opts.devices, opts.concurrency, async (device) => {
    const outcome = await backupOne(device, opts);
    outcomes.push(outcome);
    opts.onDevice?.(outcome, ++done, opts.devices.length);
  });
  // The report and the commit list devices in inventory order, whatever finished first.
  const order = new Map(opts.devices.map((d, i) => [d.name, i]));
  outcomes.sort((a, b) => (order.get(a.device) ?? 0) - (order.get(b.device) ?? 0));
  const committed = await commitRun(opts.store, commitMessage(outcomes));
  return { startedAt, finishedAt: new Date().toISOString(), devices: outcomes, commit: committed?.commit ?? null, notes: [] };
}

async function backupOne(device: Device, opts: BackupOptions): Promise<DeviceOutcome> {
  const started = Date.now();
  const failed = (stage: string, reason: string): DeviceOutcome => ({ device: device.name, status: 'failed', stage, reason, durationMs: Date.now() - started });
  const platform = platformByName(device.platform);
  if (!platform) return failed('platform', `platform ${device.platform} cannot be backed up over SSH yet (resolve it with SNMP auto-detection)`);

  // Host keys: decided from what is pinned before the connection, applied after success.
  const pin = await pinnedHostKey(opts.store, device.name);
  const pinned: HostKey | undefined = pin ? { algo: pin.algo, base64: pin.key } : undefined;
  let firstContact: HostKey | undefined;
  let replaced: HostKey | undefined;
  const verify = (key: HostKey): true | string => {
    if (!pinned) {
      firstContact = key;
      return true;
    }
    if (pinned.algo === key.algo && pinned.base64 === key.base64) return true;
    if (opts.acceptNewHostKey.includes(device.name)) {
      replaced = key;
      return true;
    }
    return (
      `HOST KEY CHANGED for ${device.name} (${device.host}:${device.port}): pinned ${fingerprint(pinned.base64)}, offered ${key.algo} ${fingerprint(key.base64)}. ` +
      `Someone may be intercepting the connection, or the switch was replaced. Verify, then run: switchback backup ${device.name} --accept-new-host-key ${device.name}`
    );
  };

  let capture: Capture;
  try {
    capture = await captureDevice(device, platform, verify);
  } catch (err) {
    if (err instanceof CaptureError) return failed(err.stage, err.message);
    return failed('internal', (err as Error).message);
  }

  if (firstContact) await pinHostKey(opts.store, device.name, firstContact.algo, firstContact.base64);
  if (replaced) await replaceHostKey(opts.store, device.name, replaced.algo, replaced.base64);

  const before = await readDevice(opts.store, device.name);
  const startup = capture.startup ?? '';
  const unsavedDiff = capture.startup === null ? unsavedLines(capture.running, '') : unsavedLines(capture.running, startup);
  const unsaved = unsavedDiff.counts.added + unsavedDiff.counts.removed > 0 ? unsavedDiff : null;
  const stack = summariseStack(capture.members, device);
  const state = {
    platform: platform.name,
    hostname: capture.version.hostname ?? null,
    version: capture.version.version ?? null,
    model: capture.version.model ?? null,
    serials: capture.version.serials,
    members: capture.members,
    stack,
    startupPresent: capture.startup !== null,
    unsaved,
    hostKey: { algo: capture.hostKey.algo, fingerprint: fingerprint(capture.hostKey.base64) },
  };
  await writeDevice(opts.store, device.name, { running: capture.running, startup, state });

  const isNew = before.running === undefined;
  const changed = before.running !== capture.running || before.startup !== startup;
  return {
    device: device.name,
    status: isNew ? 'new' : changed ? 'changed' : 'unchanged',
    unsaved,
    noStartup: capture.startup === null,
    stack,
    ...(firstContact ? { pinnedHostKey: fingerprint(firstContact.base64) } : {}),
    durationMs: Date.now() - started,
  };
}

/** Members Ready against what the inventory expects (or, without a list, what the switch reports). */
export function summariseStack(members: StackMember[], device: Device): StackSummary | null {
  if (members.length === 0 && !device.stack) return null;
  const expected = device.stack?.members.map((m) => m.number) ?? members.map((m) => m.number);
  const ready = new Set(members.filter((m) => m.state === 'ready').map((m) => m.number));
  const active = members.find((m) => m.role === 'active' && m.state === 'ready')?.number;
  return {
    ready: expected.filter((n) => ready.has(n)).length,
    expected: expected.length,
    missing: expected.filter((n) => !ready.has(n)),
    ...(active !== undefined ? { active } : {}),
  };
}

/** Run `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
