// The nightly job: capture every selected device concurrently, write what
// changed into the backups repository, and commit once. A device that fails
// keeps its previous files; its failure is a line in the result, not an abort.

import { judgeLastGood, runsLastGood } from '../config/health-gate.js';
import { maskSecrets } from '../config/normalise.js';
import type { UnsavedDiff } from '../config/normalise.js';
import { expectedMembers } from '../inventory/device.js';
import type { Device } from '../inventory/device.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import type { Platform, StackMember } from '../platforms/platform.js';
import { configWords, unsavedDiffOf, unsavedOf } from './unsaved.js';
import {
  commitRun,
  committedFileIn,
  fingerprint,
  hasBackup,
  pinHostKey,
  pinnedHostKey,
  readDevice,
  headTree,
  readDeviceFileAt,
  readRunStatus,
  replaceHostKey,
  resolveCommit,
  updateRunStatus,
  writeDeviceChanges,
} from '../store/index.js';
import type { HeadTree, RunStatus, Store } from '../store/index.js';
import type { HostKey } from '../transport/ssh.js';
import { commitMessage } from './backup-result.js';
import type { BackupRun, DeviceOutcome, LastGoodOutcome, StackSummary } from './backup-result.js';
import { CaptureError, captureFor, detectOverSsh } from './capture.js';
import { describeStateChange, stableFacts } from './device-state.js';
import type { Capture } from './capture.js';
import { bootRecordOf, nextBootRecord, readSnmpFacts, rebootSince } from './snmp-facts.js';
import type { SnmpFacts } from './snmp-facts.js';
import { hostKeyChanged } from './pinned-key.js';
import { pool } from './pool.js';
import type { TranscriptOut } from './transcript.js';

export interface BackupOptions {
  devices: Device[];
  store: Store;
  concurrency: number;
  /** Devices whose changed SSH host key the operator accepts for this run. */
  acceptNewHostKey: string[];
  /** Told about each device as it finishes (progress on a terminal, lines in cron). */
  onDevice?: (outcome: DeviceOutcome, done: number, total: number) => void;
  /** --verbose: each SSH session's transcript, masked (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

export async function runBackup(opts: BackupOptions): Promise<BackupRun> {
  const startedAt = new Date().toISOString();
  const outcomes: DeviceOutcome[] = [];
  let done = 0;
  const previous = await readRunStatus(opts.store);
  // The last commit's files, read once: each device's "changed" is then a hash, not a git process.
  // Unreadable (a damaged tree): each device is written and judged by git as before, and fails alone.
  const committed = await headTree(opts.store).catch(() => undefined);
  await pool(opts.devices, opts.concurrency, async (device) => {
    // Whatever goes wrong with one device (a full disk, a damaged state.json) is its own failure.
    const started = Date.now();
    const outcome = await backupDevice(device, { ...opts, committed }, previous[device.name]?.lastSuccessAt).catch((err: unknown): DeviceOutcome => ({
      device: device.name,
      status: 'failed',
      stage: 'internal',
      reason: (err as Error).message,
      durationMs: Date.now() - started,
    }));
    // "Previous backup kept" only when there is one.
    if (outcome.status === 'failed' && !(await hasBackup(opts.store, device.name).catch(() => true))) outcome.noBackupYet = true;
    outcomes.push(outcome);
    // The outcome is final here: progress, table and commit all say what it says.
    opts.onDevice?.(outcome, ++done, opts.devices.length);
  });
  // The report and the commit list devices in inventory order, whatever finished first.
  const order = new Map(opts.devices.map((d, i) => [d.name, i]));
  outcomes.sort((a, b) => (order.get(a.device) ?? 0) - (order.get(b.device) ?? 0));
  // Outside history: when each device last succeeded, for `stale` (a quiet night commits nothing).
  await recordRunStatus(opts.store, outcomes, previous);
  const notes: string[] = [];
  const platformOf = new Map(opts.devices.map((d) => [d.name, d.platform]));
  let commit: string | null = null;
  try {
    commit =
      (
        await commitRun(
          opts.store,
          // Each device's platform's words (neutral for `auto`: the inventory does not name it).
          commitMessage(outcomes, (name) => configWords(platformByName(platformOf.get(name) ?? ''))),
          opts.devices.map((d) => d.name),
        )
      )?.commit ?? null;
  } catch (err) {
    // The files are written; only the commit is missing. Say so: the next run commits them.
    notes.push(`the commit failed, the backups are written but not committed: ${(err as Error).message.split('\n')[0]}`);
    return { startedAt, finishedAt: new Date().toISOString(), devices: outcomes, commit: null, commitError: notes[0]!, notes };
  }
  return { startedAt, finishedAt: new Date().toISOString(), devices: outcomes, commit, notes };
}

/**
 * Capture one device and write its files (running, startup, state, last good behind the
 * gate) without committing: the nightly run commits all devices at once, restore commits
 * what it recorded with its own message.
 */
export async function backupDevice(
  device: Device,
  opts: Pick<BackupOptions, 'store' | 'acceptNewHostKey' | 'transcript'> & {
    /** Keep last good whatever the gate says, for this reason (a restore that did not verify). */
    holdLastGood?: string;
    /** The last commit as the run found it (one read for the whole run); absent: git is asked per device. */
    committed?: HeadTree;
  },
  lastSuccessAt: string | undefined,
): Promise<DeviceOutcome> {
  const started = Date.now();
  const failed = (stage: string, reason: string): DeviceOutcome => ({ device: device.name, status: 'failed', stage, reason, durationMs: Date.now() - started });
  // SNMP facts (the boot record; `platform: auto`) are read alongside the capture; an SNMP
  // failure never fails the backup, it is noted in the outcome.
  const snmpRead = device.snmp ? readFactsNoThrow(device, platformByName(device.platform)) : undefined;
  let platform = platformByName(device.platform);
  let platformDetected: string | undefined;
  /** SNMP answered and no platform's SNMP detection fits: asked over SSH once the host key rules are set. */
  let notOverSnmp: string | undefined;
  if (device.platform === 'auto') {
    const auto = await resolveAuto(snmpRead);
    if ('noMatch' in auto && SSH_DETECTABLE.length > 0) notOverSnmp = auto.reason;
    else if ('reason' in auto) return failed('platform', auto.reason);
    else {
      platform = auto.platform;
      platformDetected = auto.detected;
    }
  }
  if (!platform && notOverSnmp === undefined)
    return failed('platform', `platform ${device.platform} cannot be backed up over SSH yet (resolve it with SNMP auto-detection)`);

  // Host keys: decided from what is pinned before the connection, applied once a login with
  // the key succeeded (as ssh does), whatever happens after it.
  let pin;
  try {
    pin = await pinnedHostKey(opts.store, device.name);
  } catch (err) {
    return failed('host-key', (err as Error).message);
  }
  const pinned: HostKey | undefined = pin ? { algo: pin.algo, base64: pin.key } : undefined;
  let firstContact: HostKey | undefined;
  let replaced: HostKey | undefined;
  let loggedIn = false;
  /** Pin (or replace as asked) a key a login succeeded with; what was done, for the outcome. */
  const keepHostKey = async (): Promise<Pick<DeviceOutcome, 'pinnedHostKey' | 'replacedHostKey'>> => {
    if (!loggedIn) return {};
    if (firstContact) await pinHostKey(opts.store, device.name, firstContact.algo, firstContact.base64);
    if (replaced) await replaceHostKey(opts.store, device.name, replaced.algo, replaced.base64);
    return {
      ...(firstContact ? { pinnedHostKey: fingerprint(firstContact.base64) } : {}),
      ...(replaced && pinned ? { replacedHostKey: { from: fingerprint(pinned.base64), to: fingerprint(replaced.base64) } } : {}),
    };
  };
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
    return hostKeyChanged(device, pinned, key);
  };

  const algorithms = pinned && !opts.acceptNewHostKey.includes(device.name) ? [pinned.algo] : undefined;
  const onLogin = () => {
    loggedIn = true;
  };
  if (!platform) {
    const found = await detectOverSsh(device, SSH_DETECTABLE, verify, algorithms, onLogin, opts.transcript);
    if ('reason' in found) {
      const keys = await keepHostKey().catch(() => ({}));
      return { ...failed('platform', `${notOverSnmp}; over SSH: ${found.reason}`), ...keys };
    }
    platform = found.platform;
    platformDetected = `${platform.name} (from ${platform.commands.version} over SSH)`;
  }

  let capture: Capture;
  try {
    // SSH, or SNMP + TFTP (transport snmp-tftp, or the fallback when SSH fails).
    capture = await captureFor(device, platform, verify, algorithms, {
      onLogin,
      allowUnreadableStartup: true,
      ...(opts.transcript ? { transcript: opts.transcript } : {}),
    });
  } catch (err) {
    // The capture's failure is the reason; a pin that fails as well is added to it, never put in its place.
    let pinFailed = '';
    const keys = await keepHostKey().catch((e: unknown) => {
      pinFailed = `; the host key could not be pinned either: ${(e as Error).message}`;
      return {};
    });
    if (err instanceof CaptureError) return { ...failed(err.stage, err.message + pinFailed), ...keys };
    return { ...failed('internal', (err as Error).message + pinFailed), ...keys };
  }
  const keys = await keepHostKey();

  const before = await readDevice(opts.store, device.name);
  const snmp = snmpRead ? await snmpRead : undefined;
  const previousBoot = bootRecordOf(before.state);
  const facts = snmp && 'facts' in snmp ? snmp.facts : undefined;
  // The stored boot time stays as it was while it is the same boot (±5 min): no commit for an unchanged device.
  const bootRecord = facts ? nextBootRecord(previousBoot, facts) : previousBoot;
  const reboot =
    facts && previousBoot && facts.uptimeTicks !== null
      ? rebootSince(
          { boots: previousBoot.engineBoots, bootedAt: previousBoot.bootedAt },
          { boots: facts.engineBoots, sysUpTime: facts.uptimeTicks, at: facts.at },
        )
      : undefined;
  const startup = capture.startup ?? '';
  // A startup config the device would not show: startup.cfg stays as it was, and unsaved is unknown, not "none".
  const unreadable = capture.startupUnreadable;
  // A platform that keeps no startup apart from running (the committed configuration boots) stores no startup.cfg.
  const keepsStartup = platform.startup.from !== 'none';
  const unsavedDiff = unsavedDiffOf(unsavedOf(platform, capture));
  const notSynced = capture.candidate?.sync && !capture.candidate.sync.synced ? capture.candidate.sync.detail : undefined;
  const unsaved = unsavedDiff && (unsavedDiff.counts.added + unsavedDiff.counts.removed > 0 || notSynced !== undefined) ? unsavedDiff : null;
  const stack = summariseStack(capture.members, device);
  // The same switch gives the same bytes, whichever member answered: see device-state.ts.
  const stable = stableFacts(capture.version, capture.members);
  const state = {
    platform: platform.name,
    hostname: capture.version.hostname ?? null,
    version: capture.version.version ?? null,
    model: stable.model,
    serials: stable.serials,
    members: stable.members,
    stack,
    // Which stacking technology answered, where the platform has several (backplane or VSF): its rule judges the stack.
    ...(capture.stackModel !== undefined ? { stackModel: capture.stackModel } : {}),
    // A redundant pair's view from this peer (`check --offline` judges it), or why it could not be read.
    ...(capture.pair ? { pair: 'state' in capture.pair ? capture.pair.state : { unreadable: capture.pair.unreadable } } : {}),
    startupPresent: unreadable === undefined ? capture.startup !== null : null,
    ...(notSynced !== undefined ? { notSynced } : {}),
    ...(unreadable !== undefined ? { startupUnreadable: unreadable } : {}),
    // state.json is committed and pushed: the unsaved lines are kept masked, as they are printed.
    unsaved: unsaved && maskUnsaved(platform, unsaved),
    hostKey: capture.hostKey ? { algo: capture.hostKey.algo, fingerprint: fingerprint(capture.hostKey.base64) } : null,
    // Only where SSH failed, not its words: a timeout's message counts seconds and bytes, and a
    // switch that keeps falling back must not make a commit every night for that.
    ...(capture.overSnmp
      ? {
          capturedVia: 'snmp-tftp',
          snmpCapture: { ...capture.overSnmp, ...(capture.overSnmp.sshFailed ? { sshFailed: sshStage(capture.overSnmp.sshFailed) } : {}) },
        }
      : {}),
    ...(bootRecord ? { snmp: bootRecord } : {}),
  };
  // The health gate: running.cfg is always the truth; last-good.cfg moves only when the
  // capture passes. A reboot is known from SNMP (snmpEngineBoots, sysUpTime) or, without
  // it, from the uptime the version command reports against the last successful backup. The first capture
  // that passes seeds last good. A hold for a lost configuration (a reboot into something
  // else, a factory default, a config that shrank) lasts past that one run — state.json
  // remembers it — until the switch runs last good again or `switchback good` moves it:
  // the next night's capture, or a partial re-type by hand, is no better.
  const rebootedByUptime = !reboot && rebootedSinceByUptime(capture.version.uptimeSeconds, lastSuccessAt);
  const persisted = persistedHoldOf(before.state);
  let verdict = judgeLastGood({
    platform,
    running: capture.running,
    ...(before.lastGood !== undefined ? { lastGood: before.lastGood } : {}),
    rebooted: (reboot?.rebooted ?? false) || rebootedByUptime,
  });
  // "Runs last good again" by the platform's comparison, not byte for byte (a `set` configuration may come back reordered).
  const runsIt = before.lastGood !== undefined && runsLastGood(platform.syntax, capture.running, before.lastGood);
  if (opts.holdLastGood !== undefined && before.lastGood !== undefined && !runsIt) {
    // A half-done restore is neither what the switch ran nor the target: never good.
    verdict = { advance: false, kind: 'restore-unfinished', reason: opts.holdLastGood };
  } else if (verdict.advance && persisted && before.lastGood !== undefined && !runsIt) {
    // The same words every night, until the switch runs last good again or `good` moves it.
    verdict = { advance: false, kind: persisted.kind, reason: persisted.reason };
  }
  const lastGood: LastGoodOutcome = !verdict.advance ? { held: verdict.reason } : before.lastGood === capture.running ? 'same' : 'advanced';
  const gateState =
    !verdict.advance && verdict.kind !== 'incomplete'
      ? { lastGoodHeld: { kind: verdict.kind, reason: persisted?.kind === verdict.kind ? persisted.reason : verdict.reason } }
      : {};
  const written = { ...state, ...gateState };
  // Only the files whose bytes change are written; then which differ from the last commit.
  const isNew = before.running === undefined;
  const changes = await writeDeviceChanges(
    opts.store,
    opts.committed,
    device.name,
    {
      running: capture.running,
      ...(unreadable === undefined && keepsStartup ? { startup } : {}),
      state: written,
      ...(lastGood === 'advanced' ? { lastGood: capture.running } : {}),
    },
    before,
  );

  // new / changed / unchanged against the last commit, not against what an earlier run left
  // behind (its commit may have failed); changed when any file the run's commit will hold
  // for this device differs, with the facts that changed in words.
  const shown = reboot?.rebooted || rebootedByUptime ? ['snmp'] : []; // "rebooted at …" says it
  const factsChanged =
    !isNew && changes.includes('state')
      ? describeStateChange(await committedState(opts.store, device.name, opts.committed), written, shown, platform.words.startup)
      : [];
  return {
    device: device.name,
    status: isNew ? 'new' : changes.length > 0 ? 'changed' : 'unchanged',
    ...(factsChanged.length > 0 ? { factsChanged } : {}),
    // What is printed and logged never carries a secret: the unsaved lines are masked here.
    unsaved: unsaved && maskUnsaved(platform, unsaved),
    noStartup: capture.startup === null && unreadable === undefined && keepsStartup,
    ...(notSynced !== undefined ? { notSynced } : {}),
    ...(unreadable !== undefined ? { startupUnreadable: unreadable } : {}),
    stack,
    lastGood,
    ...keys,
    ...(reboot?.rebooted ? { rebooted: { at: reboot.at, by: reboot.by, bootsBefore: reboot.bootsBefore, bootsAfter: reboot.bootsAfter } } : {}),
    ...(rebootedByUptime && capture.version.uptimeSeconds !== undefined
      ? {
          rebooted: {
            at: new Date(Date.now() - capture.version.uptimeSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
            by: 'uptime' as const,
            bootsBefore: null,
            bootsAfter: null,
          },
        }
      : {}),
    ...(snmp && 'error' in snmp ? { snmpError: snmp.error } : {}),
    ...(platformDetected ? { platformDetected } : {}),
    ...(capture.via === 'snmp-tftp' ? { via: capture.overSnmp?.sshFailed ? `snmp-tftp (SSH failed: ${capture.overSnmp.sshFailed})` : 'snmp-tftp' } : {}),
    durationMs: Date.now() - started,
  };
}

/** When each device was last tried and last succeeded, outside history: for `stale` (a quiet night commits nothing). */
export async function recordRunStatus(store: Store, outcomes: DeviceOutcome[], previous: RunStatus): Promise<void> {
  const finishedAt = new Date().toISOString();
  await updateRunStatus(
    store,
    Object.fromEntries(
      outcomes.map((o) => [
        o.device,
        o.status === 'failed'
          ? {
              lastAttemptAt: finishedAt,
              ...(previous[o.device]?.lastSuccessAt ? { lastSuccessAt: previous[o.device]!.lastSuccessAt } : {}),
              lastResult: 'failed' as const,
              lastError: `${o.stage}: ${o.reason}`,
            }
          : { lastAttemptAt: finishedAt, lastSuccessAt: finishedAt, lastResult: 'ok' as const },
      ]),
    ),
  );
}

/** `name`'s state.json as the last commit holds it, parsed; undefined when there is none (or it is not JSON). */
async function committedState(store: Store, name: string, committed?: HeadTree): Promise<unknown> {
  let text: string | null;
  if (committed?.exact) text = await committedFileIn(store, committed, name, 'state');
  else {
    const head = await resolveCommit(store, 'HEAD');
    text = head ? await readDeviceFileAt(store, head, name, 'state') : null;
  }
  try {
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The lasting hold state.json records (see backupOne), if any. */
type LastingHold = 'rebooted-different' | 'factory-default' | 'shrank' | 'restore-unfinished';
const LASTING: string[] = ['rebooted-different', 'factory-default', 'shrank', 'restore-unfinished'] satisfies LastingHold[];

function persistedHoldOf(state: unknown): { kind: LastingHold; reason: string } | undefined {
  if (typeof state !== 'object' || state === null || !('lastGoodHeld' in state)) return undefined;
  const held = (state as { lastGoodHeld?: { kind?: unknown; reason?: unknown } | null }).lastGoodHeld;
  if (!held || typeof held.reason !== 'string') return undefined;
  return typeof held.kind === 'string' && LASTING.includes(held.kind) ? { kind: held.kind as LastingHold, reason: held.reason } : undefined;
}

/**
 * Without SNMP: the switch rebooted since the last successful backup when its uptime is
 * shorter than the time since then (a minute's slack: switches report uptime in minutes).
 */
export function rebootedSinceByUptime(uptimeSeconds: number | undefined, lastSuccessAt: string | undefined, now = Date.now()): boolean {
  if (uptimeSeconds === undefined || lastSuccessAt === undefined) return false;
  const since = (now - Date.parse(lastSuccessAt)) / 1000;
  return Number.isFinite(since) && uptimeSeconds + 60 < since;
}

/** `timeout` of `timeout: no prompt within 30 s …`: the stage of an SSH failure, stable from night to night. */
function sshStage(failed: string): string {
  return failed.split(':')[0]!;
}

function maskUnsaved(platform: Platform, diff: UnsavedDiff): UnsavedDiff {
  // Masked as one text, line for line: a banner's lines are read as banner text, as check reads them.
  const mask = (lines: string[]) => (lines.length === 0 ? [] : maskSecrets(platform, lines.join('\n')).split('\n'));
  return { ...diff, added: mask(diff.added), removed: mask(diff.removed) };
}

/** Members Ready against what the inventory expects (or, without a list, what the switch reports). */
export function summariseStack(members: StackMember[], device: Device): StackSummary | null {
  if (members.length === 0 && !device.stack) return null;
  const expected = expectedMembers(device.stack, members)?.map((m) => m.number) ?? members.map((m) => m.number);
  const ready = new Set(members.filter((m) => m.state === 'ready').map((m) => m.number));
  const active = members.find((m) => m.role === 'active' && m.state === 'ready')?.number;
  return {
    ready: expected.filter((n) => ready.has(n)).length,
    expected: expected.length,
    missing: expected.filter((n) => !ready.has(n)),
    ...(active !== undefined ? { active } : {}),
  };
}

type FactsRead = { facts: SnmpFacts } | { error: string };

/** SNMP facts, or why they could not be read (timeout, auth, an unresolved secret). */
function readFactsNoThrow(device: Device, platform: Platform | undefined): Promise<FactsRead> {
  return readSnmpFacts(device, platform).then(
    (facts) => ({ facts }),
    (err: unknown) => ({ error: (err as Error).message }),
  );
}

/** Platforms that say how they are known over SSH, for `platform: auto` when SNMP cannot tell. */
const SSH_DETECTABLE: Platform[] = PLATFORM_NAMES.map((n) => platformByName(n)).filter((p): p is Platform => p?.sshDetect !== undefined);

/** `platform: auto`: the platform SNMP detection found, or why there is none (`noMatch`: SNMP answered, nothing fits). */
async function resolveAuto(
  read: Promise<FactsRead> | undefined,
): Promise<{ platform: Platform; detected: string } | { reason: string } | { reason: string; noMatch: true }> {
  if (!read) return { reason: 'platform auto needs snmp settings: the platform is detected from SNMP sysObjectID / sysDescr' };
  const r = await read;
  if ('error' in r) return { reason: `platform auto: SNMP detection failed: ${r.error}` };
  const platform = r.facts.platform ? platformByName(r.facts.platform) : undefined;
  if (!platform) {
    const descr = (r.facts.sysDescr ?? '').split(/\r?\n/)[0]!.slice(0, 80);
    return {
      reason:
        `platform auto: no known platform matches sysObjectID ${r.facts.sysObjectID ?? '(none)'} / sysDescr ${JSON.stringify(descr)} ` +
        `(known: ${PLATFORM_NAMES.join(', ')}); set platform in the inventory`,
      noMatch: true,
    };
  }
  return { platform, detected: `${platform.name} (from ${r.facts.detectedBy ?? 'SNMP'})` };
}
