// `switchback recover`: after a power event, put last good back on every switch that
// came back wrong. A live check sweeps the fleet (SNMP first, SSH where needed) and picks
// the switches that rebooted and lost configuration, or run a factory default; each gets
// a plan, the operator answers once for all of them, and they are restored side by side,
// verified and saved. Orchestration only: the restore of one switch is restore.ts's.

import type { Device } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import { readDevice } from '../store/index.js';
import type { Store } from '../store/index.js';
import { runCheck } from './check.js';
import type { CheckedDevice, CheckFindingKind, CheckRun } from './check.js';
import { pool } from './pool.js';
import { restoreDevice } from './restore.js';
import type { DeviceRestore } from './restore.js';
import { recordRestores } from './restore-record.js';
import type { Recorded } from './restore-record.js';
import { resolveTarget, TargetRefused } from './restore-target.js';
import type { RestoreTarget } from './restore-target.js';
import type { TranscriptOut } from './transcript.js';

/** A switch the sweep looked at and recover left alone, and why. */
export interface NotRestored {
  device: string;
  why: 'stack-only' | 'unreachable' | 'no-target' | 'other-findings';
  /** In words, for the summary: the finding messages or the refusal. */
  detail: string[];
}

export interface RecoverRun {
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  /** The sweep: what every selected switch looked like. */
  check: CheckRun;
  /** Switches chosen for restore, in inventory order. */
  selected: string[];
  /** The plan (and, unless a dry run or declined, the restore) of each. */
  restores: DeviceRestore[];
  notRestored: NotRestored[];
  /** null when nothing was typed (dry run, declined, nothing selected). */
  recorded: Recorded | null;
  declined: boolean;
}

export interface RecoverOptions {
  devices: Device[];
  store: Store;
  concurrency: number;
  snmpConcurrency: number;
  dryRun: boolean;
  save: boolean;
  /** Asked once with every plan; absent: go ahead (`--yes`). */
  confirm?: (plans: DeviceRestore[]) => Promise<boolean>;
  onSwept?: (check: CheckRun) => void;
  onRestored?: (result: DeviceRestore, done: number, total: number) => void;
  /** --verbose: each SSH session's transcript (the sweep's and the restores'), masked (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

/**
 * Lost after a reboot (or a factory default, whatever the cause): the cases recover is
 * for. A configuration someone shrank by hand, without a reboot, is a person's decision
 * and is left to `restore`.
 */
export function needsRecovery(d: CheckedDevice): boolean {
  const lost = d.findings.find((f) => f.kind === 'lost');
  if (lost && (lost.cause === 'factory-default' || d.reboot !== null)) return true;
  return d.reboot !== null && d.findings.some((f) => f.kind === 'lost-unsaved');
}

/** A restore typed into the switch and did not verify (the last backup holds last good for it): recover finishes it. */
async function restoreUnfinished(store: Store, name: string): Promise<boolean> {
  const state = (await readDevice(store, name).catch(() => ({ state: undefined }))).state as { lastGoodHeld?: { kind?: unknown } } | undefined;
  return state?.lastGoodHeld?.kind === 'restore-unfinished';
}

/** Findings that are no reason to touch a switch's configuration on their own. */
const HARMLESS: CheckFindingKind[] = ['stale'];

export async function runRecover(opts: RecoverOptions): Promise<RecoverRun> {
  const startedAt = new Date().toISOString();
  const check = await runCheck({
    devices: opts.devices,
    store: opts.store,
    mode: 'live',
    // Staleness is not recover's business: any age will do.
    maxAgeSeconds: Number.MAX_SAFE_INTEGER,
    concurrency: opts.concurrency,
    snmpConcurrency: opts.snmpConcurrency,
    ...(opts.transcript ? { transcript: opts.transcript } : {}),
  });
  opts.onSwept?.(check);

  const notRestored: NotRestored[] = [];
  const chosen: { device: Device; target: RestoreTarget }[] = [];
  for (const d of check.devices) {
    const device = opts.devices.find((x) => x.name === d.device)!;
    if (needsRecovery(d) || (d.status !== 'unreachable' && (await restoreUnfinished(opts.store, d.device)))) {
      const platform = platformByName(d.platform ?? device.platform);
      if (!platform) {
        notRestored.push({ device: d.device, why: 'no-target', detail: [`platform ${d.platform ?? device.platform} unknown: cannot restore`] });
        continue;
      }
      try {
        chosen.push({ device: { ...device, platform: platform.name }, target: await resolveTarget(opts.store, d.device, platform, { kind: 'good' }) });
      } catch (err) {
        if (!(err instanceof TargetRefused)) throw err;
        notRestored.push({ device: d.device, why: 'no-target', detail: [err.message, ...err.lines] });
      }
      continue;
    }
    const kinds = d.findings.map((f) => f.kind).filter((k) => !HARMLESS.includes(k));
    if (kinds.length === 0) continue;
    const why = d.status === 'unreachable' ? 'unreachable' : kinds.every((k) => k === 'stack') ? 'stack-only' : 'other-findings';
    notRestored.push({ device: d.device, why, detail: d.findings.filter((f) => !HARMLESS.includes(f.kind)).map((f) => f.message) });
  }

  const finish = (restores: DeviceRestore[], recorded: Recorded | null, declined: boolean): RecoverRun => ({
    startedAt,
    finishedAt: new Date().toISOString(),
    dryRun: opts.dryRun,
    check,
    selected: chosen.map((c) => c.device.name),
    restores,
    notRestored,
    recorded,
    declined,
  });
  if (chosen.length === 0) return finish([], null, false);

  // One plan for all, to show before the one question (or as the dry run's answer): each
  // switch's running config read now, nothing typed. With --yes each restore makes its own.
  let plans: DeviceRestore[] | undefined;
  let ready = chosen;
  if (opts.dryRun || opts.confirm) {
    plans = await inOrder(chosen, opts.concurrency, (c) =>
      restoreDevice(c.device, c.target, { store: opts.store, save: opts.save, dryRun: true, ...(opts.transcript ? { transcript: opts.transcript } : {}) }),
    );
    if (opts.dryRun) return finish(plans, null, false);
    ready = chosen.filter((_, i) => plans![i]!.status === 'planned');
    if (ready.length === 0) return finish(plans, null, false);
    if (opts.confirm && !(await opts.confirm(plans))) return finish(plans, null, true);
  }

  let done = 0;
  const restored = await inOrder(ready, opts.concurrency, async (c) => {
    // The plan is made again in the restore's own session: the switch may have moved on since.
    const r = await restoreDevice(c.device, c.target, {
      store: opts.store,
      save: opts.save,
      dryRun: false,
      ...(opts.transcript ? { transcript: opts.transcript } : {}),
    });
    opts.onRestored?.(r, ++done, ready.length);
    return r;
  });
  // A switch whose plan failed keeps its failed plan in the result.
  const results = plans ? plans.map((p) => restored.find((r) => r.device === p.device) ?? p) : restored;
  const recorded = await recordRestores(opts.store, opts.devices, results, 'recover', opts.concurrency, opts.transcript);
  return finish(results, recorded, false);
}

/** `work` for every item with at most `concurrency` at once, results in the items' order. */
async function inOrder<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  const indexed = items.map((item, i) => ({ item, i }));
  await pool(indexed, concurrency, async ({ item, i }) => {
    out[i] = await work(item);
  });
  return out;
}
