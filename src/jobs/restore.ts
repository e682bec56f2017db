// Restore one switch: read what it runs, plan the lines that turn it into the target,
// ask (or not), type them in with the platform's method, read the running config back
// and compare it with the target, and save only a verified result. One SSH session for
// all of it: a restored configuration that changed AAA cannot lock the restore out of
// its own verification. Orchestration only: the plan is config/'s, typing is transport's.

import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { extractConfig, isComplete, maskSecrets, unsavedLines } from '../config/normalise.js';
import { compareWithTarget, describeLines, planPush, typingFor, isUnder } from '../config/push-plan.js';
import type { PlanItem, PlanLine, PushPlan } from '../config/push-plan.js';
import type { Device } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import type { Platform, PlatformConfigure } from '../platforms/platform.js';
import type { Store } from '../store/index.js';
import type { TypingDialect } from '../transport/cli-engine.js';
import { startTftpSender } from '../transport/tftp-sender.js';
import { asCaptureError, openDeviceShell, readRunning, runOn } from './capture.js';
import type { DeviceShell } from './capture.js';
import { pinnedCheck } from './pinned-key.js';
import type { RestoreTarget } from './restore-target.js';

export type RestoreMode = 'merge' | 'replace';

/** A restore session may type thousands of lines: it gets this many times the device's deadline. */
const RESTORE_DEADLINE_FACTOR = 5;

export interface RestorePlan {
  add: number;
  remove: number;
  /** The changes as a person reads them (`+ `, `- `, parents for context), secrets masked. */
  lines: string[];
  /** Lines the switch runs that the target lacks and the platform cannot remove, masked. */
  unremovable: string[];
}

export interface RejectedLine {
  /** The line as typed, under its parents, secrets masked. */
  line: string;
  /** What the switch said, e.g. `% Invalid input detected at '^' marker.` */
  error: string;
}

export interface PushReport {
  /** Changes typed, and how many there were. */
  typed: number;
  of: number;
  rejected: RejectedLine[];
  /** Changes not typed because a line they sit under was refused (they would land in the wrong mode). */
  skipped: string[];
}

export interface Verification {
  /** The running config read back equals the target. */
  same: boolean;
  /** Target lines the switch does not run. */
  missing: string[];
  /** Lines still running that the target does not have. */
  leftOver: string[];
  /** Lines the target lacks that the platform cannot remove (not a failure). */
  unremovable: string[];
}

export type SaveOutcome = { state: 'saved' } | { state: 'not-saved'; why: 'no-save' | 'not-verified' } | { state: 'failed'; reason: string };

export type RestoreStage = 'platform' | 'host-key' | 'connect' | 'read' | 'push' | 'replace' | 'verify' | 'save' | 'internal';

interface Common {
  device: string;
  mode: RestoreMode;
  target: { label: string; commit: string | null };
  durationMs: number;
}

export type DeviceRestore =
  | (Common & { status: 'planned' | 'declined'; plan: RestorePlan })
  | (Common & { status: 'verified' | 'not-verified'; plan: RestorePlan; push: PushReport; verification: Verification; save: SaveOutcome })
  | (Common & { status: 'failed'; stage: RestoreStage; reason: string; plan: RestorePlan | null; push: PushReport | null });

export interface RestoreOptions {
  store: Store | null;
  mode: RestoreMode;
  save: boolean;
  dryRun: boolean;
  /** Asked with the plan while the session waits; absent: go ahead (`--yes`, or recover after its one question). */
  confirm?: (plan: RestorePlan) => Promise<boolean>;
  /** Told as changes are typed, for a progress line on a terminal. */
  onProgress?: (typed: number, of: number) => void;
}

/** Why a step failed, with the stage it failed at. */
class RestoreFailure extends Error {
  constructor(
    readonly stage: RestoreStage,
    message: string,
  ) {
    super(message);
  }
}

export async function restoreDevice(device: Device, target: RestoreTarget, opts: RestoreOptions): Promise<DeviceRestore> {
  const started = Date.now();
  const common = () => ({ device: device.name, mode: opts.mode, target: { label: target.label, commit: target.commit }, durationMs: Date.now() - started });
  let plan: RestorePlan | null = null;
  let push: PushReport | null = null;
  const failed = (stage: RestoreStage, reason: string): DeviceRestore => ({ ...common(), status: 'failed', stage, reason, plan, push });

  const platform = platformByName(device.platform);
  const configure = platform?.configure;
  if (!platform || !configure)
    return failed('platform', `platform ${device.platform}: switchback cannot restore it (name the platform in the inventory; auto is not enough)`);

  let shell: DeviceShell;
  try {
    shell = await openPinned(device, platform, opts.store);
  } catch (err) {
    return err instanceof RestoreFailure ? failed(err.stage, err.message) : failed('connect', asCaptureError(err).message);
  }
  try {
    const before = await readRunning(shell, platform).catch((err: unknown) => {
      throw new RestoreFailure('read', asCaptureError(err).message);
    });
    const planned = planPush(configure, before, target.text);
    plan = describePlan(platform, planned);
    if (opts.dryRun) return { ...common(), status: 'planned', plan };
    if (opts.confirm && planned.items.length > 0 && !(await opts.confirm(plan))) return { ...common(), status: 'declined', plan };

    push = { typed: 0, of: planned.items.length, rejected: [], skipped: [] };
    if (planned.items.length > 0) {
      if (opts.mode === 'replace') await replaceWhole(shell, device, platform, configure, target.text, push);
      else await typeChanges(shell, platform, configure, planned.items, push, opts.onProgress);
    }

    const after = await readRunning(shell, platform).catch((err: unknown) => {
      throw new RestoreFailure('verify', `the configuration was typed, but reading it back failed: ${asCaptureError(err).message}`);
    });
    const verification = verify(platform, configure, after, target.text);
    const ok = verification.same && push.rejected.length === 0 && push.skipped.length === 0;
    const save: SaveOutcome = !opts.save
      ? { state: 'not-saved', why: 'no-save' }
      : !ok
        ? { state: 'not-saved', why: 'not-verified' }
        : await saveAndCheck(shell, platform, configure, after);
    return { ...common(), status: ok ? 'verified' : 'not-verified', plan, push, verification, save };
  } catch (err) {
    if (err instanceof RestoreFailure) return failed(err.stage, err.message);
    return failed('internal', (err as Error).message);
  } finally {
    shell.close();
  }
}

// ---------------------------------------------------------------- connect

/**
 * A session only to a switch that shows the pinned host key: restore types secrets into
 * the switch, so a switch switchback cannot identify is never touched, not even on first contact.
 */
async function openPinned(device: Device, platform: Platform, store: Store | null): Promise<DeviceShell> {
  const key = await pinnedCheck(store, device, '; nothing was typed').catch((err: unknown) => {
    throw new RestoreFailure('host-key', (err as Error).message);
  });
  if (!key.pinned)
    throw new RestoreFailure(
      'host-key',
      `no pinned SSH host key for ${device.name}: restore types secrets into the switch and never does so to one it cannot identify. Run switchback backup ${device.name} first`,
    );
  try {
    return await openDeviceShell(device, platform, key.verify, key.algorithms, device.timeouts.deviceMs * RESTORE_DEADLINE_FACTOR);
  } catch (err) {
    const e = asCaptureError(err);
    throw new RestoreFailure(e.stage === 'host-key' ? 'host-key' : 'connect', `${e.stage}: ${e.message}`);
  }
}

// ---------------------------------------------------------------- merge: typing the changes

/**
 * Type the plan: into configuration mode, each change at its place (up out of the levels
 * it does not share with the last one, into its parents), out again. A refused line is
 * reported with the switch's words and the changes under it are skipped — they would
 * land in whatever mode the session is in. Everything else is still typed: after a power
 * event, 4,999 lines back beat none. Leaving configuration mode unexpectedly stops it.
 */
async function typeChanges(
  shell: DeviceShell,
  platform: Platform,
  configure: PlatformConfigure,
  items: PlanItem[],
  push: PushReport,
  onProgress?: (typed: number, of: number) => void,
): Promise<void> {
  const dialect = typingDialect(platform, configure);
  const mask = (text: string) => maskSecrets(platform, text);
  const said = (error: string) => mask(configure.refusalShown(error));
  let prompt = '';
  const type = async (lines: string[], what: string) => {
    let typed;
    try {
      typed = await shell.engine.type(lines, dialect);
    } catch (err) {
      const e = asCaptureError(err);
      throw new RestoreFailure(
        'push',
        `${e.message} — after ${push.typed} of ${push.of} changes; nothing was saved. Run the restore again: it types only what is still missing`,
      );
    }
    if (!configure.inConfigMode.test(typed.prompt))
      throw new RestoreFailure(
        'push',
        `the switch left configuration mode after ${mask(what)} (prompt ${typed.prompt}); stopped after ${push.typed} of ${push.of} changes`,
      );
    prompt = typed.prompt;
    return typed;
  };

  await type([configure.enter], configure.enter);
  let open: string[] = [];
  const refused: string[][] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (refused.some((path) => isUnder(item.line, path))) {
      push.skipped.push(...describeLines([item], mask));
      continue;
    }
    const how = typingFor(open, item, items[i + 1]);
    for (let up = 0; up < how.ups; up++) {
      // At the top already (a level that was never really entered): another `exit` would leave configuration mode.
      if (configure.topLevel.test(prompt)) {
        open = [];
        break;
      }
      await type([configure.up], configure.up);
      open = open.slice(0, -1);
    }
    let entered = true;
    for (const parent of how.context) {
      const r = await type([parent.trim()], parent);
      if (r.error !== undefined) {
        push.rejected.push({ line: mask(parent), error: said(r.error) });
        refused.push([...open, parent]);
        push.skipped.push(...describeLines([item], mask));
        entered = false;
        break;
      }
      open = [...open, parent];
    }
    if (!entered) continue;
    const r = await type(item.type, item.line.text);
    push.typed++;
    onProgress?.(push.typed, push.of);
    if (r.error !== undefined) {
      push.rejected.push({ line: describeLines([item], mask).join('\n'), error: said(r.error) });
      refused.push([...item.line.parents, item.line.text]);
    } else if (how.opens) open = [...item.line.parents, item.line.text];
  }
  // `end` leaves configuration mode from any level; its prompt is the exec one.
  try {
    await shell.engine.type([configure.leave], { ...dialect });
  } catch (err) {
    throw new RestoreFailure('push', `${asCaptureError(err).message} (leaving configuration mode after ${push.typed} of ${push.of} changes)`);
  }
}

// ---------------------------------------------------------------- replace: the switch fetches the target

/**
 * `configure replace` with the target served by switchback's own TFTP sender, for this
 * one switch and this one file: the switch computes and applies the difference itself.
 */
async function replaceWhole(
  shell: DeviceShell,
  device: Device,
  platform: Platform,
  configure: PlatformConfigure,
  target: string,
  push: PushReport,
): Promise<void> {
  const replace = configure.replace;
  if (!replace) throw new RestoreFailure('replace', `${platform.label} has no configuration replace in switchback: use --mode merge`);
  const tftp = device.tftp;
  if (!tftp)
    throw new RestoreFailure(
      'replace',
      `${device.origin.file}: ${device.name}: replace mode needs tftp: { address: …, port: 69 } — the switch fetches the target from switchback's TFTP server there`,
    );
  let from: string;
  try {
    from = isIP(device.host) ? device.host : (await lookup(device.host)).address;
  } catch (err) {
    throw new RestoreFailure('replace', `cannot resolve ${device.host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const filename = `switchback-${device.name}-${randomBytes(6).toString('hex')}.cfg`;
  const sender = await startTftpSender({
    address: tftp.address,
    port: tftp.port,
    serve: { filename, from, content: Buffer.from(target, 'utf8') },
    timeoutMs: device.timeouts.commandMs,
  }).catch((err: unknown) => {
    throw new RestoreFailure('replace', `cannot serve the target over TFTP on ${tftp.address}:${tftp.port}: ${(err as Error).message}`);
  });
  try {
    // Typed like configuration: the replaced configuration may name the switch anew, and the
    // prompt to wait for is then the new one.
    const dialect: TypingDialect = { ...typingDialect(platform, configure), errors: [replace.failed] };
    // The switch applies the whole configuration before it answers: as long as the session may last.
    const out = await shell.engine
      .type([replace.command(`tftp://${tftp.address}/${filename}`)], dialect, device.timeouts.deviceMs * RESTORE_DEADLINE_FACTOR)
      .then((t) => t.output)
      .catch((err: unknown) => {
        throw new RestoreFailure('replace', `${asCaptureError(err).message}; nothing was saved`);
      });
    push.typed = push.of;
    if (!replace.ok.test(out) || replace.failed.test(out)) {
      const said = out.split('\n').find((l) => replace.failed.test(l)) ?? out.trim().split('\n').pop() ?? '';
      push.rejected.push({ line: '(configure replace)', error: maskSecrets(platform, said.trim()) });
    }
  } finally {
    await sender.close();
  }
}

function typingDialect(platform: Platform, configure: PlatformConfigure): TypingDialect {
  return {
    prompt: platform.prompt,
    errors: configure.errors,
    questions: configure.questions,
    unknownQuestion: configure.unknownQuestion,
    decline: configure.decline,
  };
}

// ---------------------------------------------------------------- verify and save

function verify(platform: Platform, configure: PlatformConfigure, after: string, target: string): Verification {
  const c = compareWithTarget(configure, after, target);
  const show = (lines: PlanLine[], change: 'missing' | 'left') =>
    describeLines(
      lines.map((line) => ({ change, line })),
      (l) => maskSecrets(platform, l),
    );
  return { same: c.same, missing: show(c.missing, 'missing'), leftOver: show(c.leftOver, 'left'), unremovable: show(c.unremovable, 'left') };
}

/** Save, then read startup back: saved means startup equals the verified running config. */
async function saveAndCheck(shell: DeviceShell, platform: Platform, configure: PlatformConfigure, running: string): Promise<SaveOutcome> {
  try {
    const out = await runOn(shell, configure.save.command);
    if (!configure.save.ok.test(out)) return { state: 'failed', reason: `${configure.save.command} did not confirm: ${lastWords(out)}` };
    const startup = extractConfig(platform, await runOn(shell, platform.commands.startup));
    if (!isComplete(platform, startup)) return { state: 'failed', reason: 'startup-config read back after saving is incomplete' };
    const diff = unsavedLines(running, startup);
    const n = diff.counts.added + diff.counts.removed;
    if (n > 0) return { state: 'failed', reason: `saved, but startup-config still differs from running-config in ${n} line${n === 1 ? '' : 's'}` };
    return { state: 'saved' };
  } catch (err) {
    return { state: 'failed', reason: asCaptureError(err).message };
  }
}

function lastWords(out: string): string {
  return out.trim().split('\n').pop()?.trim() || '(no output)';
}

function describePlan(platform: Platform, plan: PushPlan): RestorePlan {
  const mask = (l: string) => maskSecrets(platform, l);
  return {
    add: plan.add,
    remove: plan.remove,
    lines: describeLines(
      plan.items.map((i) => ({ change: i.change, line: i.line })),
      mask,
    ),
    unremovable: describeLines(
      plan.unremovable.map((line) => ({ change: 'left' as const, line })),
      mask,
    ),
  };
}
