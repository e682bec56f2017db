// `switchback check`: what needs a person, for every selected switch. Live (the default):
// an SNMP sweep first (seconds for a fleet: reboots, unsaved per the platform's config history, stack members),
// then SSH for the switches that need a look at their configuration — rebooted, unsaved per
// SNMP, no SNMP settings, or SNMP unreachable — whose running and startup configs are
// compared with each other, with last good, and with what the last backup recorded.
// Offline: the same judgements from the backups repository alone, no network.
// Findings (docs/ARCHITECTURE.md, "Words"): unsaved, rebooted, lost, lost-unsaved, stack, stale, unreachable.

import { SHRINK_THRESHOLD } from '../config/health-gate.js';
import { lineKey, maskSecrets, significant, significantLineCount, unsavedLines, withParents } from '../config/normalise.js';
import type { ConfigSyntax } from '../platforms/platform.js';
import type { ConfigLine } from '../config/normalise.js';
import type { Device } from '../inventory/device.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import type { Platform, StackMember } from '../platforms/platform.js';
import { lastCommitTouching, readDevice, readRunStatus } from '../store/index.js';
import type { DeviceFiles, DeviceRunStatus, RunStatus, Store } from '../store/index.js';
import { pinnedCheck } from './pinned-key.js';
import type { PinnedCheck } from './pinned-key.js';
import { pool } from './pool.js';
import { CaptureError, captureFor } from './capture.js';
import type { Capture } from './capture.js';
import { duration, judgeStack, previousOfState, runSnmpCheck, stackMessage } from './check-snmp.js';
import type { Previous, SnmpCheckDevice, StackCheck } from './check-snmp.js';
import { BOOT_TOLERANCE_SECONDS, bootRecordOf, isoSecond, rebootSince } from './snmp-facts.js';
import type { Reboot } from './snmp-facts.js';
import { unsavedOf } from './unsaved.js';
import { GENERIC_PAIR_WORDS, judgePair, pairOfState } from './check-pair.js';
import type { PairFindingKind } from './check-pair.js';
import type { PairState } from '../platforms/platform.js';
import type { TranscriptOut } from './transcript.js';

export type CheckFindingKind = 'unsaved' | 'startup-unreadable' | 'rebooted' | 'lost' | 'lost-unsaved' | 'stack' | PairFindingKind | 'stale' | 'unreachable';

/** The order findings are listed in, and counted in the summary. */
export const FINDING_KINDS: CheckFindingKind[] = [
  'unreachable',
  'rebooted',
  'lost',
  'lost-unsaved',
  'unsaved',
  'startup-unreadable',
  'stack',
  'pair-peer-lost',
  'pair-link-down',
  'stale',
];

export interface CheckFinding {
  kind: CheckFindingKind;
  /** One line for a person, e.g. `lost-unsaved: 2 lines unsaved at the last backup are not in running-config after the reboot`. */
  message: string;
  /**
   * The configuration lines behind it, each under its parent lines, secrets masked: the
   * missing lines for `lost` and `lost-unsaved`; for `unsaved`, `+ line` (in running, not
   * in startup) and `- line` (in startup only).
   */
  lines?: string[];
  /** For `lost`: what made it lost (recover restores a factory default or a reboot's loss, not a config someone shrank by hand). */
  cause?: 'factory-default' | 'shrank' | 'rebooted';
}

export type RebootSeen = {
  /** When it booted (ISO, to the second). */
  at: string;
  /** What showed it: SNMP's boot counter or uptime, the version command's uptime, or (offline) the last backup. */
  by: 'engine-boots' | 'uptime' | 'show-version' | 'backup';
  bootsBefore: number | null;
  bootsAfter: number | null;
};

export interface CheckedDevice {
  device: string;
  status: 'ok' | 'findings' | 'unreachable';
  findings: CheckFinding[];
  /** Worth knowing, not findings: no pinned host key, what lost was judged against, … */
  notes: string[];
  /** What was asked: `snmp`, `ssh` (live) or `backup` (offline). */
  checkedVia: ('snmp' | 'ssh' | 'backup')[];
  /** Why SSH was used (live), e.g. `rebooted`; absent when SNMP sufficed. */
  sshBecause?: string;
  platform: string | null;
  uptimeSeconds: number | null;
  reboot: RebootSeen | null;
  stack: StackCheck | null;
  /** A redundant pair's view from this peer (live, or the last backup's offline); null when the device is in no pair or it was not read. */
  pair: PairState | null;
  /** ISO time of the last successful backup (run status), null if none. */
  lastBackupAt: string | null;
  /** What `lost` was judged against: last-good.cfg, or (without one) the last backup's running.cfg. */
  comparedWith: 'last-good' | 'backup' | null;
  durationMs: number;
}

export interface CheckCounts {
  total: number;
  ok: number;
  withFindings: number;
  unreachable: number;
  /** Devices with at least one finding of each kind. */
  byKind: Record<CheckFindingKind, number>;
  overSnmp: number;
  overSsh: number;
}

export interface CheckRun {
  mode: 'live' | 'offline';
  maxAgeSeconds: number;
  startedAt: string;
  finishedAt: string;
  devices: CheckedDevice[];
  counts: CheckCounts;
}

export interface CheckOptions {
  devices: Device[];
  /** The backups repository; null when there is none yet (live only: every device is then stale). */
  store: Store | null;
  mode: 'live' | 'offline';
  /** `stale` beyond this many seconds since the last successful backup. */
  maxAgeSeconds: number;
  /** SSH logins at a time. */
  concurrency: number;
  /** SNMP requests at a time in the sweep: UDP and cheap, so far more than SSH (a fleet in seconds). */
  snmpConcurrency: number;
  onDevice?: (result: CheckedDevice, done: number, total: number) => void;
  /** --verbose: each SSH session's transcript, masked (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

export async function runCheck(opts: CheckOptions): Promise<CheckRun> {
  const startedAt = new Date().toISOString();
  const runStatus = opts.store ? await readRunStatus(opts.store) : {};
  // Live: the SNMP sweep first, for every device that has SNMP settings.
  const snmp = new Map<string, SnmpCheckDevice>();
  if (opts.mode === 'live') {
    const withSnmp = opts.devices.filter((d) => d.snmp !== undefined);
    if (withSnmp.length > 0) {
      const sweep = await runSnmpCheck({ devices: withSnmp, store: opts.store, concurrency: opts.snmpConcurrency });
      for (const d of sweep.devices) snmp.set(d.device, d);
    }
  }
  const results: CheckedDevice[] = [];
  let done = 0;
  await pool(opts.devices, opts.concurrency, async (device) => {
    const started = Date.now();
    const result = await checkDevice(device, opts, runStatus, snmp.get(device.name)).catch((err: unknown): CheckedDevice => ({
      ...blank(device),
      findings: [{ kind: 'unreachable', message: `unreachable: the check failed: ${(err as Error).message}` }],
      status: 'unreachable',
      durationMs: Date.now() - started,
    }));
    result.durationMs = Date.now() - started + (snmp.get(device.name)?.durationMs ?? 0);
    results.push(result);
    opts.onDevice?.(result, ++done, opts.devices.length);
  });
  const order = new Map(opts.devices.map((d, i) => [d.name, i]));
  results.sort((a, b) => (order.get(a.device) ?? 0) - (order.get(b.device) ?? 0));
  return {
    mode: opts.mode,
    maxAgeSeconds: opts.maxAgeSeconds,
    startedAt,
    finishedAt: new Date().toISOString(),
    devices: results,
    counts: countChecked(results),
  };
}

export function countChecked(devices: CheckedDevice[]): CheckCounts {
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, devices.filter((d) => d.findings.some((f) => f.kind === k)).length])) as Record<
    CheckFindingKind,
    number
  >;
  return {
    total: devices.length,
    ok: devices.filter((d) => d.status === 'ok').length,
    withFindings: devices.filter((d) => d.status === 'findings').length,
    unreachable: devices.filter((d) => d.status === 'unreachable').length,
    byKind,
    overSnmp: devices.filter((d) => d.checkedVia.includes('snmp')).length,
    overSsh: devices.filter((d) => d.checkedVia.includes('ssh')).length,
  };
}

function blank(device: Device): CheckedDevice {
  return {
    device: device.name,
    status: 'ok',
    findings: [],
    notes: [],
    checkedVia: [],
    platform: device.platform === 'auto' ? null : device.platform,
    uptimeSeconds: null,
    reboot: null,
    stack: null,
    pair: null,
    lastBackupAt: null,
    comparedWith: null,
    durationMs: 0,
  };
}

/** The pair's findings and notes from one view; `when` marks a view from the last backup. */
function addPair(
  r: CheckedDevice,
  device: Device,
  read: { state: PairState } | { unreadable: string } | undefined,
  platform: Platform | undefined,
  when = '',
): void {
  if (!device.pair) return;
  if (!read) {
    r.notes.push(`pair: no pair state read${when} (the platform's pair command was not run)`);
    return;
  }
  if ('unreadable' in read) {
    r.notes.push(`pair: ${read.unreadable}${when}`);
    return;
  }
  r.pair = read.state;
  const j = judgePair(device.name, device.pair, read.state, platform?.pair?.roleWords ?? GENERIC_PAIR_WORDS, when);
  r.findings.push(...j.findings);
  r.notes.push(...j.notes);
}

/** The findings in FINDING_KINDS order, and the status they make. */
function finish(r: CheckedDevice): CheckedDevice {
  r.findings.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
  r.status = r.findings.some((f) => f.kind === 'unreachable') ? 'unreachable' : r.findings.length > 0 ? 'findings' : 'ok';
  return r;
}

async function checkDevice(device: Device, opts: CheckOptions, runStatus: RunStatus, snmp: SnmpCheckDevice | undefined): Promise<CheckedDevice> {
  const r = blank(device);
  let files: DeviceFiles = {};
  if (opts.store) {
    try {
      files = await readDevice(opts.store, device.name);
    } catch (err) {
      r.notes.push(`the last backup could not be read: ${(err as Error).message}`);
    }
  }
  let status = runStatus[device.name];
  if (status?.lastSuccessAt === undefined && opts.store && files.running !== undefined) {
    // No run status (a new clone of the repository, the file removed): the last commit that
    // touched the device is a successful backup at least that recent.
    const last = await lastCommitTouching(opts.store, device.name).catch(() => null);
    if (last) {
      status = { lastAttemptAt: last.date.toISOString(), lastSuccessAt: last.date.toISOString(), lastResult: 'ok' };
      r.notes.push(`no run status for this device: its last backup is taken from the last commit that touched it (${isoSecond(last.date.getTime())})`);
    }
  }
  r.lastBackupAt = status?.lastSuccessAt ?? null;
  const stale = staleFinding(status, opts.maxAgeSeconds, Date.now(), opts.store !== null);
  if (stale) r.findings.push(stale);
  if (opts.mode === 'offline') return finish(await offline(device, r, files));
  return finish(await live(device, r, files, snmp, opts.store, opts.transcript));
}

// ---------------------------------------------------------------- stale

/** `stale` when the last successful backup is older than maxAge, or there never was one. */
export function staleFinding(status: DeviceRunStatus | undefined, maxAgeSeconds: number, now: number, haveStore: boolean): CheckFinding | undefined {
  const failed = status?.lastResult === 'failed' ? `; the last attempt (${status.lastAttemptAt}) failed: ${status.lastError ?? 'no reason recorded'}` : '';
  const success = status?.lastSuccessAt === undefined ? NaN : Date.parse(status.lastSuccessAt);
  if (!Number.isFinite(success)) {
    return { kind: 'stale', message: `stale: never backed up successfully${haveStore ? '' : ' (no backups repository)'}${failed}` };
  }
  const age = Math.floor((now - success) / 1000);
  if (age <= maxAgeSeconds) return undefined;
  return {
    kind: 'stale',
    message: `stale: last successful backup ${duration(age)} ago (${isoSecond(success)}), more than the allowed ${duration(maxAgeSeconds)}${failed}`,
  };
}

// ---------------------------------------------------------------- live

async function live(
  device: Device,
  r: CheckedDevice,
  files: DeviceFiles,
  snmp: SnmpCheckDevice | undefined,
  store: Store | null,
  transcript?: TranscriptOut,
): Promise<CheckedDevice> {
  const previous = previousOfState(files.state);
  let snmpUnreachable: string | undefined;
  if (snmp) {
    if (snmp.status !== 'unreachable') r.checkedVia.push('snmp');
    r.platform = snmp.platform ?? r.platform;
    r.uptimeSeconds = snmp.uptimeSeconds;
    r.stack = snmp.stack;
    r.notes.push(...snmp.notes);
    if (snmp.status === 'unreachable') snmpUnreachable = snmp.findings.map((f) => f.message.replace(/^unreachable: /, '')).join('; ');
    for (const f of snmp.findings) if (f.kind !== 'unreachable') r.findings.push({ kind: f.kind, message: f.message });
    if (snmp.reboot) r.reboot = { at: snmp.reboot.at, by: snmp.reboot.by, bootsBefore: snmp.reboot.bootsBefore, bootsAfter: snmp.reboot.bootsAfter };
  }

  // The last backup held last good because the switch had rebooted into something else: that
  // reboot is still unresolved (until the switch runs last good again, or `switchback good`).
  if (!r.reboot && heldForReboot(files.state)) {
    const booted = bootRecordOf(files.state);
    r.reboot = { at: booted?.bootedAt ?? '(time unknown)', by: 'backup', bootsBefore: null, bootsAfter: booted?.engineBoots ?? null };
    r.findings.push({ kind: 'rebooted', message: heldMessage(r.reboot.at) });
  }

  // SSH only where SNMP cannot answer "what": a reboot, an unsaved change, no SNMP at all,
  // or a last backup that already showed the configuration lost (SNMP cannot see that).
  const because = !snmp
    ? 'no snmp settings'
    : snmpUnreachable !== undefined
      ? 'SNMP unreachable'
      : r.reboot
        ? 'rebooted'
        : snmp.unsaved === 'unsaved'
          ? 'unsaved per SNMP'
          : snmp.unsaved === 'grace'
            ? 'booted minutes ago'
            : snmp.unsaved === 'unknown'
              ? 'SNMP cannot tell unsaved'
              : lostAtLastBackup(files, previous.platform ?? device.platform)
                ? 'the last backup was lost'
                : device.pair && platformByName(device.platform)?.pair
                  ? 'a pair (its state is read over SSH)'
                  : undefined;
  if (because === undefined) return r;
  r.sshBecause = because;

  const platformName = device.platform === 'auto' ? (snmp?.platform ?? previous.platform) : device.platform;
  const platform = platformName ? platformByName(platformName) : undefined;
  const unreachable = (why: string) => {
    r.findings.push({ kind: 'unreachable', message: `unreachable: ${why}${snmpUnreachable !== undefined ? `; SNMP: ${snmpUnreachable}` : ''}` });
    return r;
  };
  if (!platform)
    return unreachable(
      `platform ${device.platform === 'auto' ? 'auto: not detected (SNMP gave none, no backup names one)' : device.platform} cannot be checked over SSH`,
    );

  // The host key is verified against the pinned one; a check never pins or replaces a key.
  let key: PinnedCheck;
  try {
    key = await pinnedCheck(store, device);
  } catch (err) {
    return unreachable(`SSH: host-key: ${(err as Error).message}`);
  }
  if (!key.pinned) r.notes.push('no pinned SSH host key yet (run switchback backup first): the key was not verified');
  let capture: Capture;
  try {
    capture = await captureFor(device, platform, key.verify, key.algorithms, { allowUnreadableStartup: true, ...(transcript ? { transcript } : {}) });
  } catch (err) {
    const stage = err instanceof CaptureError ? err.stage : 'internal';
    return unreachable(`SSH: ${stage}: ${(err as Error).message}`);
  }
  r.checkedVia.push('ssh');
  r.platform = platform.name;
  if (capture.via === 'snmp-tftp')
    r.notes.push(`configs read over SNMP + TFTP${capture.overSnmp?.sshFailed ? ` (SSH failed: ${capture.overSnmp.sshFailed})` : ''}`);
  if (snmpUnreachable !== undefined) r.notes.push(`SNMP: ${snmpUnreachable}`);

  // Without SNMP: a reboot from the uptime the version command reports, against the boot the last backup
  // recorded or, without one, the time of the last successful backup.
  if (!r.reboot && capture.version.uptimeSeconds !== undefined) {
    r.uptimeSeconds ??= capture.version.uptimeSeconds;
    const seen = rebootFromUptime(files.state, r.lastBackupAt, capture.version.uptimeSeconds, Date.now());
    if (seen) {
      r.reboot = seen;
      const ago = duration(Math.max(0, Math.floor((Date.now() - Date.parse(seen.at)) / 1000)));
      r.findings.push({ kind: 'rebooted', message: `rebooted at ${seen.at} (${ago} ago; uptime from ${platform.commands.version}, after the last backup)` });
    }
  }

  // Stack from the platform's stack command when SNMP gave none.
  if (!r.stack && capture.members.length > 0) {
    const members = withVersions(capture.members, capture.version.members);
    r.stack = judgeStack(members, device, previous, 'platform', platform, capture.stackModel ?? previous.stackModel);
    if (r.stack && r.stack.problems.length > 0) r.findings.push({ kind: 'stack', message: stackMessage(r.stack) });
  }

  addPair(r, device, capture.pair, platform);

  // SSH's comparison of running and startup replaces SNMP's verdict on unsaved (when there is one to make).
  if (capture.startupUnreadable === undefined) {
    r.findings = r.findings.filter((f) => f.kind !== 'unsaved');
    r.notes = r.notes.filter((n) => !n.startsWith('unsaved'));
  }
  judgeConfig(r, platform, {
    running: capture.running,
    startup: capture.startup,
    ...(capture.startupUnreadable !== undefined ? { startupUnreadable: capture.startupUnreadable } : {}),
    ...(capture.candidate ? { candidate: capture.candidate } : {}),
    files,
    rebooted: r.reboot !== null,
    // The state is from before the reboot unless the reboot is one the last backup already saw.
    unsavedBefore: r.reboot !== null && r.reboot.by !== 'backup' ? unsavedAddedOf(files.state) : [],
  });
  return r;
}

/** The last backup's running.cfg is a factory default, or shrank below the threshold of last good. */
function lostAtLastBackup(files: DeviceFiles, platformName: string): boolean {
  const platform = platformByName(platformName);
  if (files.running === undefined || !platform) return false;
  if (platform.isFactoryDefault?.(files.running)) return true;
  return (
    files.lastGood !== undefined &&
    significantLineCount(platform.syntax, files.running) < significantLineCount(platform.syntax, files.lastGood) * SHRINK_THRESHOLD
  );
}

/** A reboot seen through the version command's uptime; undefined when it booted before the last backup. */
function rebootFromUptime(state: unknown, lastBackupAt: string | null, uptimeSeconds: number, now: number): RebootSeen | undefined {
  const record = bootRecordOf(state);
  if (record) {
    const v: Reboot = rebootSince({ boots: record.engineBoots, bootedAt: record.bootedAt }, { boots: null, sysUpTime: uptimeSeconds * 100, at: now });
    return v.rebooted ? { at: v.at, by: 'show-version', bootsBefore: record.engineBoots, bootsAfter: null } : undefined;
  }
  const backedUp = lastBackupAt === null ? NaN : Date.parse(lastBackupAt);
  const booted = now - uptimeSeconds * 1000;
  // Uptime comes in minutes: the tolerance absorbs that and the clocks.
  if (!Number.isFinite(backedUp) || booted <= backedUp + BOOT_TOLERANCE_SECONDS * 1000) return undefined;
  return { at: isoSecond(booted), by: 'show-version', bootsBefore: null, bootsAfter: null };
}

/** The stack command may give no software versions; the version command's member table does. */
export function withVersions(members: StackMember[], fromVersion: StackMember[]): StackMember[] {
  return members.map((m) => {
    const v = fromVersion.find((x) => x.number === m.number)?.version;
    return m.version === undefined && v !== undefined ? { ...m, version: v } : m;
  });
}

// ---------------------------------------------------------------- offline

async function offline(device: Device, r: CheckedDevice, files: DeviceFiles): Promise<CheckedDevice> {
  r.checkedVia.push('backup');
  if (files.running === undefined) {
    r.notes.push('no backup of this device: nothing else to judge offline');
    return r;
  }
  const previous: Previous = previousOfState(files.state);
  const state = (typeof files.state === 'object' && files.state !== null ? files.state : {}) as {
    startupPresent?: unknown;
    startupUnreadable?: unknown;
    notSynced?: unknown;
  };
  const platform = platformByName(previous.platform ?? device.platform);
  r.platform = platform?.name ?? previous.platform ?? r.platform;
  // The backup holds last good when the switch rebooted into something else; the hold is the offline trace of that reboot.
  const held = heldForReboot(files.state);
  if (held) {
    const booted = bootRecordOf(files.state);
    r.reboot = { at: booted?.bootedAt ?? '(time unknown)', by: 'backup', bootsBefore: null, bootsAfter: booted?.engineBoots ?? null };
    r.findings.push({ kind: 'rebooted', message: heldMessage(r.reboot.at) });
  }
  if (previous.members && previous.members.length > 0) {
    r.stack = judgeStack(previous.members, device, {}, 'platform', platform, previous.stackModel);
    if (r.stack && r.stack.problems.length > 0) r.findings.push({ kind: 'stack', message: `${stackMessage(r.stack)} (at the last backup)` });
  }
  addPair(r, device, pairOfState(files.state), platform, ' (at the last backup)');
  if (!platform) {
    r.notes.push(`platform ${previous.platform ?? device.platform} unknown: the configuration is not judged`);
    return r;
  }
  judgeConfig(r, platform, {
    running: files.running,
    startup: state.startupPresent === false ? null : (files.startup ?? null),
    ...(typeof state.startupUnreadable === 'string' ? { startupUnreadable: `at the last backup ${state.startupUnreadable}` } : {}),
    // A candidate platform: what the last backup found pending.
    ...(platform.unsaved.kind === 'candidate'
      ? {
          candidate: {
            lines: unsavedAddedOf(files.state),
            ...(typeof state.notSynced === 'string' ? { sync: { synced: false, detail: state.notSynced } } : {}),
          },
        }
      : {}),
    files,
    rebooted: held,
    unsavedBefore: [],
  });
  return r;
}

// ---------------------------------------------------------------- the configuration

interface ConfigInput {
  running: string;
  /** null: no startup configuration at all. */
  startup: string | null;
  /** The device would not show its startup config (why): unsaved cannot be judged. */
  startupUnreadable?: string;
  /** A candidate platform's pending lines (and its routing engines' sync). */
  candidate?: { lines: string[]; sync?: { synced: boolean; detail: string } };
  files: DeviceFiles;
  rebooted: boolean;
  /** The unsaved lines (in running, not in startup) the last backup before the reboot recorded. */
  unsavedBefore: string[];
}

/** unsaved, lost and lost-unsaved for one running config. Pure but for `r`. */
function judgeConfig(r: CheckedDevice, platform: Platform, c: ConfigInput): void {
  const mask = (lines: string[]) => maskLines(platform, lines);
  const syntax = platform.syntax;
  const w = platform.words;
  // Read only when a line must be looked up in running: a fleet's check is mostly configs equal to their last good.
  let keys: Set<string> | undefined;
  const runningKeys = () => (keys ??= new Set(keyed(syntax, c.running).map((l) => l.key)));

  // lost-unsaved: what was unsaved at the last backup before the reboot and is not running now.
  // The backup stores those lines with their secrets masked, so a line counts as running when
  // running has it as it is or as it reads masked (a state.json from before masking is plain).
  const maskedKeys = c.unsavedBefore.length > 0 ? new Set(keyed(syntax, maskSecrets(platform, c.running)).map((l) => l.key)) : new Set<string>();
  const lostUnsaved = c.unsavedBefore.length > 0 ? reallyMissing(syntax, c.unsavedBefore, runningKeys()).filter((l) => !maskedKeys.has(l.key)) : [];
  if (lostUnsaved.length > 0) {
    r.findings.push({
      kind: 'lost-unsaved',
      message: `lost-unsaved: ${lines(lostUnsaved.length)} unsaved at the last backup ${lostUnsaved.length === 1 ? 'is' : 'are'} not in ${w.running} after the reboot`,
      lines: mask(withParents(lostUnsaved)),
    });
  }

  // lost: running lacks lines of last good (or, without one, of the last backup) after a reboot, shrank, or is a factory default.
  const reference = c.files.lastGood ?? c.files.running;
  r.comparedWith = c.files.lastGood !== undefined ? 'last-good' : c.files.running !== undefined ? 'backup' : null;
  const refName = c.files.lastGood !== undefined ? 'last good' : 'the last backup';
  const factory = platform.isFactoryDefault?.(c.running) ?? false;
  let lost = false;
  if (reference !== undefined) {
    const alreadySaid = new Set(lostUnsaved.map((l) => l.key));
    // Running the same text as the reference lacks nothing and did not shrink: nothing to read.
    const same = reference === c.running;
    const now = same ? 0 : significantLineCount(syntax, c.running);
    const before = same ? 0 : significantLineCount(syntax, reference);
    const shrank = !same && now < before * SHRINK_THRESHOLD;
    // What running lacks is a loss only with a cause (a factory default, a shrink, a reboot);
    // a running config that merely changed is not diffed against its reference at all.
    const gone = same || !(factory || shrank || c.rebooted) ? [] : unsavedLines(syntax, reference, c.running).added;
    const missing = gone.length === 0 ? [] : reallyMissing(syntax, gone, runningKeys()).filter((l) => !alreadySaid.has(l.key));
    const why = factory
      ? `${w.running} is a factory default: ${lines(missing.length)} of ${refName} missing`
      : shrank
        ? `${w.running} shrank to ${lines(now)}, fewer than ${Math.round(SHRINK_THRESHOLD * 100)}% of ${refName}'s ${before}: ${lines(missing.length)} missing`
        : c.rebooted
          ? `after the reboot ${w.running} lacks ${lines(missing.length)} of ${refName}`
          : undefined;
    if (why !== undefined && (missing.length > 0 || factory)) {
      lost = true;
      const cause = factory ? 'factory-default' : shrank ? 'shrank' : 'rebooted';
      r.findings.push({ kind: 'lost', message: `lost: ${why}`, lines: mask(withParents(missing)), cause });
    }
  } else if (factory) {
    lost = true;
    r.findings.push({ kind: 'lost', message: `lost: ${w.running} is a factory default (no backup to compare with)`, cause: 'factory-default' });
  }
  if (c.files.lastGood === undefined && c.files.running !== undefined) r.notes.push('no last-good.cfg yet: lost is judged against the last backup');

  if (c.startupUnreadable !== undefined) {
    r.findings.push({ kind: 'startup-unreadable', message: `startup-unreadable: ${c.startupUnreadable}; unsaved changes cannot be judged` });
    return;
  }
  // unsaved, by the platform's model: running differs from startup, or a candidate holds
  // uncommitted lines. Not said of a config that is itself lost with no startup behind it, or
  // a factory default: saving that would make things worse.
  const u = unsavedOf(platform, c);
  if (u.kind === 'saved' || u.kind === 'unknown') return;
  const diff = u.diff;
  if (u.kind === 'pending') {
    const n = diff.counts.added;
    r.findings.push({
      kind: 'unsaved',
      message:
        n > 0
          ? `unsaved: ${lines(n)} in the candidate configuration not committed (${platform.persist.words} applies them)` +
            (u.notSynced !== undefined ? `; ${u.notSynced}` : '')
          : `unsaved: the last commit did not reach every routing engine: ${u.notSynced ?? ''}`,
      lines: mask(diff.added).map((l) => `+ ${l}`),
    });
    return;
  }
  const none = noStartupWords(platform);
  if (lost && (u.kind === 'no-startup' || factory)) {
    r.notes.push(
      `${w.running} differs from ${u.kind === 'no-startup' ? emptyStartupWords(platform) : w.startup}: not reported as unsaved — restore last good rather than saving this`,
    );
    return;
  }
  const message =
    u.kind === 'no-startup'
      ? `unsaved: no ${w.startup} (${platform.startup.from === 'file' ? none : 'NVRAM is empty'}): all ${lines(diff.counts.added)} of ${w.running} are lost at the next reload`
      : `unsaved: ${w.running} differs from ${w.startup}: ${lines(diff.counts.added)} not saved` +
        (diff.counts.removed > 0 ? `, ${lines(diff.counts.removed)} only in ${w.startup}` : '') +
        ' (a power loss loses them)';
  r.findings.push({
    kind: 'unsaved',
    message,
    lines: u.kind === 'no-startup' ? [] : [...mask(diff.added).map((l) => `+ ${l}`), ...mask(diff.removed).map((l) => `- ${l}`)],
  });
}

/** Where a missing startup would have been, in words: NVRAM, or the saved file. */
export function noStartupWords(platform: Platform): string {
  return platform.startup.from === 'file' ? 'the file is empty or missing' : 'none in NVRAM';
}

/** A startup that is not there, as what running is compared with: `the empty startup-config (none in NVRAM)`, or a file's name and `(the file is empty or missing)`. */
function emptyStartupWords(platform: Platform): string {
  const none = noStartupWords(platform);
  return platform.startup.from === 'file' ? `${platform.words.startup} (${none})` : `the empty ${platform.words.startup} (${none})`;
}

/** state.json `lastGoodHeld`: the backup kept last good because the switch rebooted into a different configuration. */
function heldForReboot(state: unknown): boolean {
  if (typeof state !== 'object' || state === null) return false;
  const held = (state as { lastGoodHeld?: { kind?: unknown } | null }).lastGoodHeld;
  return held?.kind === 'rebooted-different';
}

function heldMessage(at: string): string {
  return `rebooted at ${at} (the last backup found it rebooted into a configuration that differs from last good, and kept last good)`;
}

/** state.json `unsaved.added`: the unsaved lines the backup recorded (with their parents). */
function unsavedAddedOf(state: unknown): string[] {
  if (typeof state !== 'object' || state === null) return [];
  const u = (state as { unsaved?: { added?: unknown } | null }).unsaved;
  return Array.isArray(u?.added) ? u.added.filter((l): l is string => typeof l === 'string') : [];
}

const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;

/** Lines in their place (normalise's reading: indentation and banners), each with its key. */
function keyed(syntax: ConfigSyntax, text: string): (ConfigLine & { key: string })[] {
  return significant(syntax, text).map((l) => ({ ...l, key: lineKey(l) }));
}

/**
 * The lines of an unsavedLines fragment (each line under its parents) that are not in the
 * running config at all: a parent printed only for context, or a line that merely moved,
 * is still there and not lost.
 */
function reallyMissing(syntax: ConfigSyntax, fragment: string[], runningKeys: Set<string>): (ConfigLine & { key: string })[] {
  return keyed(syntax, fragment.join('\n')).filter((l) => !runningKeys.has(l.key));
}

/**
 * Secrets masked before anything is printed or written as JSON. With no platform known, each
 * line is masked by the first platform (in src/platforms' order) whose patterns mask it: one
 * platform's patterns run over another's already-masked line could move the mask (`password
 * 7 <masked>` read as a password `7`), so a line is never masked twice.
 */
export function maskLines(platform: Platform | undefined, text: string[]): string[] {
  if (text.length === 0) return [];
  const joined = text.join('\n');
  if (platform) return maskSecrets(platform, joined).split('\n');
  const platforms = PLATFORM_NAMES.map((n) => platformByName(n)).filter((p): p is Platform => p !== undefined);
  const masked = platforms.map((p) => maskSecrets(p, joined).split('\n'));
  return joined.split('\n').map((line, i) => masked.map((m) => m[i]).find((m) => m !== undefined && m !== line) ?? line);
}
