// `switchback check --snmp`: is anything wrong, for the whole inventory, from SNMP
// alone? Every selected device is read concurrently (one GET and one walk each) and
// judged against what the last backup recorded: rebooted since, running config
// unsaved, stack members missing or not ready, or no answer at all.

import { expectedMembers } from '../inventory/device.js';
import type { Device } from '../inventory/device.js';
import { SecretError } from '../inventory/secrets.js';
import { platformByName } from '../platforms/index.js';
import type { Platform, StackMember, StackModelName } from '../platforms/platform.js';
import { commonStandbyExpected, GENERIC_ROLE_WORDS, isStackModelName, stackModel, stackReadingFor } from '../platforms/stack-models/index.js';
import type { Store } from '../store/index.js';
// state.json only: the configs are not needed here (readDeviceState).
import { readDeviceState } from '../store/device-files.js';
import { SnmpError } from '../transport/snmp-types.js';
import type { StackSummary } from './backup-result.js';
import { summariseStack } from './backup.js';
import { pool } from './pool.js';
import { configWords } from './unsaved.js';
import { bootRecordOf, readSnmpFacts, rebootSince, runningChangedSecondsAgo } from './snmp-facts.js';
import type { Reboot, SnmpFacts, StackSource, UnsavedVerdict } from './snmp-facts.js';

export type FindingKind = 'rebooted' | 'unsaved' | 'stack' | 'unreachable';

export interface Finding {
  kind: FindingKind;
  /** One line for a person: `rebooted at 2025-06-01T10:00:00Z (snmpEngineBoots 4 → 5)`. */
  message: string;
}

export interface StackCheck extends StackSummary {
  /** What is wrong, one phrase each: `member 1 missing (removed)`, `member 4 missing (not reported)`, `no standby`. */
  problems: string[];
  /** The Active at the last backup, when it differs from now. */
  previousActive?: number;
  members: StackMember[];
  /** The platform's stack table, or ENTITY-MIB chassis rows (no roles: standby and active not judged). */
  source: StackSource;
}

export interface SnmpCheckDevice {
  device: string;
  status: 'ok' | 'findings' | 'unreachable';
  findings: Finding[];
  /** Things worth knowing that are not findings: no record yet, still within the grace after boot. */
  notes: string[];
  platform: string | null;
  sysName: string | null;
  uptimeSeconds: number | null;
  engineBoots: number | null;
  /** null when there is nothing to compare with (no backup with an SNMP record yet). */
  reboot: Extract<Reboot, { rebooted: true }> | null;
  unsaved: UnsavedVerdict;
  stack: StackCheck | null;
  durationMs: number;
}

export interface SnmpCheckCounts {
  total: number;
  ok: number;
  withFindings: number;
  unreachable: number;
  rebooted: number;
  unsaved: number;
  stack: number;
}

export interface SnmpCheckRun {
  startedAt: string;
  finishedAt: string;
  devices: SnmpCheckDevice[];
  counts: SnmpCheckCounts;
}

export interface SnmpCheckOptions {
  devices: Device[];
  /** The backups repository, for the last backup's records; null when there is none yet. */
  store: Store | null;
  concurrency: number;
  onDevice?: (result: SnmpCheckDevice, done: number, total: number) => void;
}

export async function runSnmpCheck(opts: SnmpCheckOptions): Promise<SnmpCheckRun> {
  const startedAt = new Date().toISOString();
  const results: SnmpCheckDevice[] = [];
  let done = 0;
  await pool(opts.devices, opts.concurrency, async (device) => {
    const result = await checkOne(device, opts.store);
    results.push(result);
    opts.onDevice?.(result, ++done, opts.devices.length);
  });
  const order = new Map(opts.devices.map((d, i) => [d.name, i]));
  results.sort((a, b) => (order.get(a.device) ?? 0) - (order.get(b.device) ?? 0));
  return { startedAt, finishedAt: new Date().toISOString(), devices: results, counts: countCheck(results) };
}

export function countCheck(devices: SnmpCheckDevice[]): SnmpCheckCounts {
  const has = (d: SnmpCheckDevice, kind: FindingKind) => d.findings.some((f) => f.kind === kind);
  return {
    total: devices.length,
    ok: devices.filter((d) => d.status === 'ok').length,
    withFindings: devices.filter((d) => d.status === 'findings').length,
    unreachable: devices.filter((d) => d.status === 'unreachable').length,
    rebooted: devices.filter((d) => has(d, 'rebooted')).length,
    unsaved: devices.filter((d) => has(d, 'unsaved')).length,
    stack: devices.filter((d) => has(d, 'stack')).length,
  };
}

/** What the last backup recorded that a check compares with. */
export interface Previous {
  state: unknown;
  platform?: string;
  active?: number;
  members?: StackMember[];
  /** The stack model that applied, where the platform's can vary (backplane or VSF). */
  stackModel?: StackModelName;
}

/** The parts of a state.json a check uses; anything of the wrong shape is left out. */
export function previousOfState(state: unknown): Previous {
  const s = (typeof state === 'object' && state !== null ? state : {}) as {
    platform?: unknown;
    stack?: { active?: unknown } | null;
    members?: unknown;
    stackModel?: unknown;
  };
  return {
    state,
    ...(typeof s.platform === 'string' ? { platform: s.platform } : {}),
    ...(typeof s.stack?.active === 'number' ? { active: s.stack.active } : {}),
    ...(Array.isArray(s.members) ? { members: s.members as StackMember[] } : {}),
    ...(isStackModelName(s.stackModel) ? { stackModel: s.stackModel } : {}),
  };
}

async function previousOf(store: Store | null, name: string): Promise<Previous> {
  if (!store) return { state: undefined };
  let state: unknown;
  try {
    state = await readDeviceState(store, name);
  } catch {
    return { state: undefined }; // an unreadable state.json: judged as if there were no backup
  }
  return previousOfState(state);
}

async function checkOne(device: Device, store: Store | null): Promise<SnmpCheckDevice> {
  const started = Date.now();
  const base = {
    device: device.name,
    platform: device.platform === 'auto' ? null : device.platform,
    sysName: null,
    uptimeSeconds: null,
    engineBoots: null,
    reboot: null,
    unsaved: 'unknown' as const,
    stack: null,
  };
  if (!device.snmp) {
    return {
      ...base,
      status: 'unreachable',
      findings: [{ kind: 'unreachable', message: 'unreachable: no snmp settings in the inventory for this device' }],
      notes: [],
      durationMs: Date.now() - started,
    };
  }
  const previous = await previousOf(store, device.name);
  // `platform: auto` is detected afresh from sysObjectID / sysDescr on every check.
  const platform = device.platform === 'auto' ? undefined : platformByName(device.platform);
  let facts: SnmpFacts;
  try {
    facts = await readSnmpFacts(device, platform);
  } catch (err) {
    const reason = err instanceof SnmpError || err instanceof SecretError ? err.message : `SNMP failed: ${(err as Error).message}`;
    return {
      ...base,
      status: 'unreachable',
      findings: [{ kind: 'unreachable', message: `unreachable: ${reason}` }],
      notes: [],
      durationMs: Date.now() - started,
    };
  }
  // `auto` that SNMP cannot tell apart (a host's own agent): the platform the last backup found over SSH.
  if (device.platform === 'auto' && facts.platform === null && previous.platform !== undefined && platformByName(previous.platform)?.sshDetect) {
    facts = { ...facts, platform: previous.platform };
  }
  const judged = judge(device, facts, previous);
  return {
    ...base,
    ...judged,
    status: judged.findings.length > 0 ? 'findings' : 'ok',
    platform: facts.platform,
    sysName: facts.sysName,
    uptimeSeconds: facts.uptimeTicks === null ? null : Math.floor(facts.uptimeTicks / 100),
    engineBoots: facts.engineBoots,
    unsaved: facts.unsaved,
    durationMs: Date.now() - started,
  };
}

/** The findings for one device's facts against the last backup's state. Pure. */
export function judge(
  device: Device,
  facts: SnmpFacts,
  previous: Previous,
): { findings: Finding[]; notes: string[]; reboot: SnmpCheckDevice['reboot']; stack: StackCheck | null } {
  const findings: Finding[] = [];
  const notes: string[] = [];

  // Rebooted since the last backup recorded the boot.
  let reboot: SnmpCheckDevice['reboot'] = null;
  const record = bootRecordOf(previous.state);
  if (!record) {
    notes.push('no boot record from a backup yet: reboots are reported after the next switchback backup');
  } else if (facts.uptimeTicks === null) {
    notes.push('the agent did not report sysUpTime: reboots cannot be judged');
  } else {
    const verdict = rebootSince(
      { boots: record.engineBoots, bootedAt: record.bootedAt },
      { boots: facts.engineBoots, sysUpTime: facts.uptimeTicks, at: facts.at },
    );
    if (verdict.rebooted) {
      reboot = verdict;
      findings.push({ kind: 'rebooted', message: rebootMessage(verdict, facts.at) });
    }
  }

  // Unsaved over SNMP, in the platform's words.
  const platform = facts.platform === null ? undefined : platformByName(facts.platform);
  const w = configWords(platform);
  if (facts.unsaved === 'unsaved') {
    const ago = runningChangedSecondsAgo(facts.configHistory?.runningLastChanged ?? null, facts.uptimeTicks);
    findings.push({
      kind: 'unsaved',
      message: `unsaved: ${w.running} changed ${ago === null ? 'after' : `${duration(ago)} ago, after`} ${w.startup} was last written (a power loss loses it)`,
    });
  } else if (facts.unsaved === 'grace') {
    notes.push(
      `unsaved not judged yet: booted ${duration(Math.floor((facts.uptimeTicks ?? 0) / 100))} ago, within the ${duration(facts.graceSeconds ?? 0)} grace after boot`,
    );
  } else if (facts.unsaved === 'unknown') {
    notes.push(
      facts.platform === null
        ? `platform not recognised from sysObjectID / sysDescr: unsaved ${facts.members ? 'not judged' : 'and stack not judged'}`
        : facts.configHistory === null
          ? unsavedOverSshOnly(platform, facts.platform)
          : 'unsaved: the agent did not report its config history',
    );
  }

  // Stack members against the inventory.
  const stack = judgeStack(facts.members, device, previous, facts.stackSource ?? 'platform', undefined, previous.stackModel);
  if (stack && stack.problems.length > 0) findings.push({ kind: 'stack', message: stackMessage(stack) });
  if (!stack && device.stack && device.stack.members.length > 1) notes.push('stack: the agent reported no stack members');
  if (stack && stack.problems.length === 0 && stack.previousActive !== undefined && stack.active !== undefined)
    notes.push(`stack: active is now ${stack.active} (was ${stack.previousActive} at the last backup)`);

  if (facts.detectedBy) notes.push(`platform ${facts.platform} detected from ${facts.detectedBy}`);
  return { findings, notes, reboot, stack };
}

/**
 * The note for a platform whose SNMP cannot say "unsaved" (no config history, or a signal that is
 * only a hint): what unsaved means there, and that SSH judges it — `check` without `--snmp` does.
 * It starts `unsaved`, so a check that goes on over SSH drops it for SSH's verdict.
 */
function unsavedOverSshOnly(platform: Platform | undefined, name: string): string {
  const run = 'run switchback check without --snmp';
  if (!platform) return `unsaved: judged over SSH only on platform ${name}; ${run}`;
  const w = platform.words;
  const cannot =
    platform.unsaved.kind === 'candidate' ? 'SNMP cannot show uncommitted changes in the candidate' : `SNMP cannot compare ${w.running} with ${w.startup}`;
  return `unsaved: judged over SSH only on ${platform.label}: ${cannot}; ${run}`;
}

/**
 * Members missing or not Ready against the inventory's list (or, without one, what the switch
 * reports), and no Standby in a stack of two or more. A stack whose last backup showed two or
 * more members and no Standby has none by design (Master and Members only),
 * so its missing Standby is not a problem. Members from ENTITY-MIB (`source: 'entity'`) have
 * no roles: only missing members are judged there (a member without power is not listed).
 * Against the last backup's members: a member number that is gone while a new number shows
 * the same serial or MAC is `renumbered`. Members Ready on different software versions are
 * a `version mismatch` (when the versions are known).
 */
export function judgeStack(
  members: StackMember[] | null,
  device: Device,
  previous: Pick<Previous, 'active' | 'members'>,
  source: StackSource = 'platform',
  platform: Platform | undefined = platformByName(device.platform),
  /** The model that applied where the platform's can vary (a capture's, or the last backup's); absent: the platform's first. */
  model?: StackModelName,
): StackCheck | null {
  if (!members) return null;
  const summary = summariseStack(members, device);
  if (!summary) return null;
  const expected = expectedMembers(device.stack, members)?.map((m) => m.number) ?? members.map((m) => m.number);
  const stackBefore = previous.members ?? [];
  // Renumbered: a number present at the last backup is gone, and a new number carries its serial or MAC.
  const renumbered = new Map<number, { to: number; by: string }>();
  for (const before of stackBefore) {
    if (members.some((m) => m.number === before.number && m.state === 'ready')) continue;
    const same = members.find(
      (m) =>
        m.number !== before.number &&
        m.state === 'ready' &&
        !stackBefore.some((b) => b.number === m.number && b.state === 'ready') &&
        ((before.serial !== undefined && m.serial === before.serial) || (before.mac !== undefined && m.mac === before.mac)),
    );
    if (same)
      renumbered.set(before.number, {
        to: same.number,
        by: before.serial !== undefined && same.serial === before.serial ? `serial ${before.serial}` : `MAC ${before.mac}`,
      });
  }
  const renumberedTo = new Set([...renumbered.values()].map((r) => r.to));
  const problems: string[] = [];
  for (const [from, r] of renumbered) problems.push(`member ${from} renumbered to ${r.to} (same ${r.by})`);
  for (const n of summary.missing) {
    if (renumbered.has(n)) continue;
    const m = members.find((x) => x.number === n);
    problems.push(memberProblem(n, m));
  }
  for (const m of members) {
    if (expected.includes(m.number) || renumberedTo.has(m.number)) continue;
    if (m.state === 'ready') problems.push(`member ${m.number} not in the inventory`);
    else if (m.state === 'provisioned') problems.push(`member ${m.number} provisioned only (configured, no hardware)`);
  }
  const versions = new Map<string, number[]>();
  for (const m of members) if (m.state === 'ready' && m.version) versions.set(m.version, [...(versions.get(m.version) ?? []), m.number]);
  if (versions.size > 1)
    problems.push(`version mismatch: ${[...versions].map(([v, ns]) => `${ns.length === 1 ? 'member' : 'members'} ${ns.join(', ')} on ${v}`).join(', ')}`);
  const rolesKnown = source === 'platform';
  // The stack model says whether a standby is expected; a platform without one, the common rule.
  const read = stackReadingFor(platform?.stack, model);
  const words = read?.roleWords ?? GENERIC_ROLE_WORDS;
  const standbyExpected = read ? stackModel(read.model).standbyExpected : commonStandbyExpected;
  if (rolesKnown && standbyExpected(expected.length, stackBefore) && !members.some((m) => m.role === 'standby' && m.state === 'ready'))
    problems.push(`no ${words.standby}`);
  if (rolesKnown && summary.active === undefined) problems.push(`no ${words.active} member`);
  const moved = previous.active !== undefined && summary.active !== undefined && previous.active !== summary.active;
  return { ...summary, problems, ...(moved ? { previousActive: previous.active } : {}), members, source };
}

/** One expected member that is not Ready, in words: missing, provisioned only, not ready. */
function memberProblem(n: number, m: StackMember | undefined): string {
  if (!m) return `member ${n} missing (not reported)`;
  if (m.state === 'removed') return `member ${n} missing (removed)`;
  if (m.state === 'provisioned') return `member ${n} provisioned only (configured, no hardware)`;
  if (m.state === 'version-mismatch') return `member ${n} version mismatch (not ready)`;
  return `member ${n} not ready (${m.state})`;
}

export function stackMessage(s: StackCheck): string {
  const active = s.previousActive !== undefined && s.active !== undefined ? `; active is now ${s.active} (was ${s.previousActive})` : '';
  const from = s.source === 'entity' ? ' (from ENTITY-MIB chassis rows)' : '';
  return `stack ${s.ready}/${s.expected} ready${from}: ${s.problems.join('; ')}${active}`;
}

export function rebootMessage(r: Extract<Reboot, { rebooted: true }>, now: number): string {
  const ago = duration(Math.max(0, Math.floor((now - Date.parse(r.at)) / 1000)));
  const why =
    r.by === 'engine-boots'
      ? `snmpEngineBoots ${r.bootsBefore} → ${r.bootsAfter}`
      : 'sysUpTime started again after the last backup' + (r.bootsAfter !== null ? `; snmpEngineBoots unchanged at ${r.bootsAfter}` : '');
  return `rebooted at ${r.at} (${ago} ago; ${why})`;
}

/** Seconds for a person: `45 s`, `12 min`, `3 h 20 min`, `5 days`. */
export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86_400) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return m > 0 ? `${h} h ${m} min` : `${h} h`;
  }
  return `${Math.floor(seconds / 86_400)} days`;
}
