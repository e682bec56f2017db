// What SNMP alone says about one device: who it is, since when it runs, whether its
// running config changed after the last save, and its stack members. One I/O function
// (readSnmpFacts: one GET and one walk; an ENTITY-MIB fallback when the platform's stack
// table gives nothing) and the pure judgements the backup and the check build on:
// platform detection, unsaved over SNMP, and reboots since a record.

import type { Device } from '../inventory/device.js';
import { resolveSecret } from '../inventory/secrets.js';
import { chassisDetailOids, chassisIndexes, ENT_CLASS_COLUMN, parseEntityChassis } from '../platforms/entity-mib.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import type { ChangeTimesUnsaved, Platform, SnmpRow, StackMember } from '../platforms/platform.js';
import { openSnmp } from '../transport/snmp.js';
import type { SnmpSession, SnmpTarget, SnmpValue } from '../transport/snmp-types.js';

/** SNMPv2-MIB system group and SNMP-FRAMEWORK-MIB snmpEngine scalars. */
export const OID = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  snmpEngineTime: '1.3.6.1.6.3.10.2.1.3.0',
} as const;

/** TimeTicks are 32 bits of hundredths of a second: sysUpTime wraps after 497.1 days. */
export const WRAP_TICKS = 2 ** 32;
const WRAP_MS = WRAP_TICKS * 10;
const DAY_TICKS = 86_400 * 100;

export type UnsavedVerdict = 'unsaved' | 'saved' | 'grace' | 'unknown';

/**
 * Where stack members came from: the platform's own stack table (role and state known), or
 * ENTITY-MIB chassis rows (present hardware only: role unknown, every member listed is ready).
 */
export type StackSource = 'platform' | 'entity';

export interface SnmpFacts {
  /** Wall-clock ms when the answer arrived. */
  at: number;
  sysDescr: string | null;
  sysObjectID: string | null;
  sysName: string | null;
  /** sysUpTime as read (hundredths; wraps at 2^32). */
  sysUpTime: number | null;
  /** Hundredths since boot, unwrapped with snmpEngineTime when that shows sysUpTime wrapped. */
  uptimeTicks: number | null;
  engineBoots: number | null;
  engineTime: number | null;
  /** The platform asked for, or the one detected from sysObjectID / sysDescr; null when none fits. */
  platform: string | null;
  /** How `platform: auto` was resolved; absent when the platform was given. */
  detectedBy?: DetectedBy;
  /** The platform's config history (`snmp.unsaved`) as read, in hundredths since boot. */
  configHistory: { runningLastChanged: number | null; startupLastChanged: number | null } | null;
  unsaved: UnsavedVerdict;
  /** The platform's grace period after boot, for messages. */
  graceSeconds: number | null;
  /**
   * Stack members from the platform's table or, when it has none or the agent returned no
   * members from it, from ENTITY-MIB chassis rows; null when neither gave any.
   */
  members: StackMember[] | null;
  /** Which of the two the members came from; null when there are none. */
  stackSource: StackSource | null;
}

// ---------------------------------------------------------------- reading

/** The client's target for a device, secrets resolved (throws SecretError naming the field). */
export function snmpTargetFor(device: Device): SnmpTarget {
  const s = device.snmp;
  if (!s) throw new Error(`${device.name} has no snmp settings`);
  const common = { host: device.host, port: s.port, timeoutMs: s.timeoutMs, retries: s.retries };
  if (s.version === 2) return { ...common, version: 2, community: resolveSecret(s.community, `${device.name} snmp.community`) };
  return {
    ...common,
    version: 3,
    user: s.user,
    auth: { protocol: s.auth.protocol, key: resolveSecret(s.auth.key, `${device.name} snmp.auth.key`) },
    priv: { protocol: s.priv.protocol, key: resolveSecret(s.priv.key, `${device.name} snmp.priv.key`) },
  };
}

/**
 * One device's facts: one GET (system, engine, the platform's config history) and one walk
 * (the platform's stack table). With no platform given (`platform: auto`) the platform is
 * detected from the GET, and its config history costs one more GET. When the platform has
 * no stack table, none was detected, or the table gives no members (an agent without that
 * MIB), the members come from ENTITY-MIB instead (readEntityStack: one walk, one GET). With the
 * platform given, the first walk (its stack table, or else ENTITY-MIB's) shares the GET's
 * message (getAndWalk).
 * Throws SnmpError (timeout, auth, …) or SecretError.
 */
export async function readSnmpFacts(device: Device, platform?: Platform): Promise<SnmpFacts> {
  const session = openSnmp(snmpTargetFor(device));
  try {
    const system = [OID.sysDescr, OID.sysObjectID, OID.sysUpTime, OID.sysName, OID.snmpEngineBoots, OID.snmpEngineTime];
    const historyOids = (p: Platform | undefined) => {
      const spec = changeTimes(p);
      return spec ? [spec.runningLastChanged, spec.startupLastChanged] : [];
    };
    // A given platform's stack table (without one, ENTITY-MIB's class column) is walked in the
    // GET's own message: one round trip fewer per device. `auto` must read the GET first.
    const stackTable = platform?.snmp?.stack?.table;
    const walkRoot = platform ? (stackTable ?? ENT_CLASS_COLUMN) : undefined;
    let first: SnmpValue[];
    let walked: SnmpValue[] | undefined;
    if (walkRoot) ({ values: first, walked } = await session.getAndWalk([...system, ...historyOids(platform)], walkRoot));
    else first = await session.get([...system, ...historyOids(platform)]);
    const at = Date.now();
    const [descr, objectId, upTime, name, boots, time, ...history] = first;
    const sysDescr = text(descr);
    const sysObjectID = oid(objectId);

    let resolved = platform;
    let detectedBy: DetectedBy | undefined;
    let historyValues = history;
    if (!resolved) {
      const detected = detectPlatform(sysObjectID, sysDescr);
      if (detected) {
        resolved = platformByName(detected.platform);
        detectedBy = detected.by;
        const more = historyOids(resolved);
        historyValues = more.length > 0 ? await session.get(more) : [];
      }
    }

    const sysUpTime = num(upTime);
    const engineTime = num(time);
    const uptimeTicks = sysUpTime === null ? null : unwrapUptime(sysUpTime, engineTime);
    const unsavedSpec = changeTimes(resolved);
    const configHistory = unsavedSpec ? { runningLastChanged: num(historyValues[0]), startupLastChanged: num(historyValues[1]) } : null;
    const unsaved =
      unsavedSpec && configHistory && uptimeTicks !== null
        ? unsavedOverSnmp(
            configHistory.runningLastChanged,
            configHistory.startupLastChanged,
            uptimeTicks,
            unsavedSpec.graceSeconds,
            unsavedSpec.bootApplySeconds,
          )
        : 'unknown';

    let members: StackMember[] | null = null;
    let stackSource: StackSource | null = null;
    const stack = resolved?.snmp?.stack;
    if (stack) {
      const rows = (walked && stack.table === stackTable ? walked : await session.walk(stack.table)).map(toRow);
      const parsed = rows.length > 0 ? stack.parse(rows) : [];
      if (parsed.length > 0) [members, stackSource] = [parsed, 'platform'];
    }
    if (!members) {
      const fromEntity = await readEntityStack(session, walked && !stackTable ? walked : undefined);
      if (fromEntity.length > 0) [members, stackSource] = [fromEntity, 'entity'];
    }

    return {
      at,
      sysDescr,
      sysObjectID,
      sysName: text(name),
      sysUpTime,
      uptimeTicks,
      engineBoots: num(boots),
      engineTime,
      platform: resolved?.name ?? null,
      ...(detectedBy ? { detectedBy } : {}),
      configHistory,
      unsaved,
      graceSeconds: unsavedSpec?.graceSeconds ?? null,
      members,
      stackSource,
    };
  } finally {
    session.close();
  }
}

/** Varbinds per GET when reading the chassis rows: small enough for any agent's PDU size. */
const ENTITY_GET_CHUNK = 30;

/**
 * Stack members from ENTITY-MIB, vendor-neutral: a walk of entPhysicalClass only (not the
 * whole table: a modular chassis has thousands of entities), then one GET of ParentRelPos,
 * Name, SoftwareRev, SerialNum and ModelName for the chassis(3) rows. [] when the agent has
 * no chassis rows (or no ENTITY-MIB). `classWalk`: that walk, when already done. Throws
 * SnmpError as the session does.
 */
export async function readEntityStack(session: SnmpSession, classWalk?: SnmpValue[]): Promise<StackMember[]> {
  const classRows = (classWalk ?? (await session.walk(ENT_CLASS_COLUMN))).map(toRow);
  const oids = chassisDetailOids(chassisIndexes(classRows));
  if (oids.length === 0) return [];
  const details: SnmpRow[] = [];
  for (let i = 0; i < oids.length; i += ENTITY_GET_CHUNK) {
    for (const v of await session.get(oids.slice(i, i + ENTITY_GET_CHUNK))) if (present(v)) details.push(toRow(v));
  }
  return parseEntityChassis([...classRows, ...details]);
}

const present = (v: SnmpValue | undefined) => (v === undefined || v.value === null ? undefined : v);

function num(v: SnmpValue | undefined): number | null {
  const p = present(v);
  if (!p) return null;
  if (typeof p.value === 'number') return p.value;
  if (typeof p.value === 'bigint') return Number(p.value);
  return null;
}

function text(v: SnmpValue | undefined): string | null {
  const p = present(v);
  if (!p) return null;
  return Buffer.isBuffer(p.value) ? p.value.toString('utf8') : String(p.value);
}

function oid(v: SnmpValue | undefined): string | null {
  const p = present(v);
  return p && p.type === 'oid' ? p.value.replace(/^\./, '') : null;
}

function toRow(v: SnmpValue): SnmpRow {
  return { oid: v.oid, value: v.value };
}

/**
 * sysUpTime, unwrapped: snmpEngineTime counts seconds since the same boot in 31 bits
 * (68 years), so when it is ahead of sysUpTime by whole 2^32-tick wraps (give or take a
 * day: the two counters start at slightly different moments) the wraps are added back.
 * When the engine restarted on its own (engine time behind), sysUpTime stands as read.
 */
export function unwrapUptime(sysUpTime: number, engineTimeSeconds: number | null): number {
  if (engineTimeSeconds === null || !Number.isFinite(engineTimeSeconds)) return sysUpTime;
  const engineTicks = engineTimeSeconds * 100;
  const wraps = Math.round((engineTicks - sysUpTime) / WRAP_TICKS);
  if (wraps >= 1 && Math.abs(engineTicks - (sysUpTime + wraps * WRAP_TICKS)) <= DAY_TICKS) return sysUpTime + wraps * WRAP_TICKS;
  return sysUpTime;
}

// ---------------------------------------------------------------- platform: auto

export type DetectedBy = 'sysObjectID and sysDescr' | 'sysDescr' | 'sysObjectID';

/**
 * The platform whose `snmp.detect` fits best: one whose sysDescr pattern matches beats one
 * that only owns the sysObjectID prefix (a vendor's prefix covers all its OSes); between
 * prefix matches the longer prefix wins. Undefined when nothing fits.
 */
export function detectPlatform(sysObjectID: string | null | undefined, sysDescr: string | null | undefined): { platform: string; by: DetectedBy } | undefined {
  const objectId = (sysObjectID ?? '').replace(/^\./, '');
  let best: { platform: string; by: DetectedBy; score: number } | undefined;
  for (const name of PLATFORM_NAMES) {
    const detect = platformByName(name)?.snmp?.detect;
    if (!detect) continue;
    const prefix = objectId === '' ? 0 : Math.max(0, ...detect.sysObjectIdPrefixes.filter((p) => objectId.startsWith(p)).map((p) => p.length));
    const descr = sysDescr ? detect.sysDescr.test(sysDescr) : false;
    if (prefix === 0 && !descr) continue;
    const score = (descr ? 10_000 : 0) + prefix;
    const by: DetectedBy = descr && prefix > 0 ? 'sysObjectID and sysDescr' : descr ? 'sysDescr' : 'sysObjectID';
    if (!best || score > best.score) best = { platform: name, by, score };
  }
  return best && { platform: best.platform, by: best.by };
}

// ---------------------------------------------------------------- unsaved

/**
 * The platform's SNMP unsaved signal when it is the kind read here: the two change times
 * (running and startup). The other kinds (snmp.unsaved's union) are hints not read yet:
 * unsaved stays `unknown` over SNMP for them, and SSH decides.
 */
function changeTimes(p: Platform | undefined): ChangeTimesUnsaved | undefined {
  const spec = p?.snmp?.unsaved;
  return spec && (spec.kind === undefined || spec.kind === 'change-times') ? spec : undefined;
}

const isTicks = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * Unsaved over SNMP (the platform's config history: `snmp.unsaved`): the running config changed after the startup
 * config was last written. All three values are TimeTicks; `sysUpTime` may be unwrapped
 * (see unwrapUptime). Each "last changed" is turned into an age (how long ago, modulo the
 * 2^32 wrap); 0 means "not since boot", the oldest possible. A value that says "before
 * boot" (a negative number sent as unsigned, as real agents do) stays older than boot.
 *
 * - running not newer than startup: `saved`;
 * - running newer, but the only change since boot is applying startup-config at boot (it
 *   happened within `graceSeconds` of boot and nothing was written to startup since):
 *   `grace` while the switch is still within the grace period, `saved` after it;
 * - otherwise `unsaved`; `unknown` when a value is missing.
 */
export function unsavedOverSnmp(
  runningChanged: number | null | undefined,
  startupChanged: number | null | undefined,
  sysUpTime: number | null | undefined,
  graceSeconds: number,
  bootApplySeconds: number = graceSeconds,
): UnsavedVerdict {
  if (!isTicks(runningChanged) || !isTicks(startupChanged) || !isTicks(sysUpTime) || sysUpTime < 0) return 'unknown';
  const age = (v: number) => (v === 0 ? sysUpTime : mod(sysUpTime - v, WRAP_TICKS));
  const runningAge = age(runningChanged);
  const startupAge = age(startupChanged);
  if (runningAge >= startupAge) return 'saved';
  const startupWrittenSinceBoot = startupAge < sysUpTime;
  const runningChangedAfterBoot = sysUpTime - runningAge; // ≤ 0: at or before boot
  // Only the switch applying its startup config at boot is not a change: that happens in the
  // first moments of sysUpTime. A change later than that — an engineer re-typing what a power
  // event lost, minutes after boot — is unsaved, grace period or not.
  if (!startupWrittenSinceBoot && runningChangedAfterBoot <= bootApplySeconds * 100) return sysUpTime <= graceSeconds * 100 ? 'grace' : 'saved';
  return 'unsaved';
}

/** Seconds ago the running config last changed, for messages (null when unknown). */
export function runningChangedSecondsAgo(runningChanged: number | null, uptimeTicks: number | null): number | null {
  if (!isTicks(runningChanged) || !isTicks(uptimeTicks)) return null;
  const age = runningChanged === 0 ? uptimeTicks : mod(uptimeTicks - runningChanged, WRAP_TICKS);
  return Math.floor(age / 100);
}

// ---------------------------------------------------------------- reboots

/** What a backup stores in state.json (`snmp`): the boot counter and when the device booted. */
export interface BootRecord {
  engineBoots: number | null;
  /** ISO time, to the second. */
  bootedAt: string;
}

/** How close two boot times must be to be the same boot: sysUpTime is read over a network, clocks drift. */
export const BOOT_TOLERANCE_SECONDS = 300;

export type Reboot =
  | { rebooted: false }
  | {
      rebooted: true;
      /** When it booted (ISO, to the second), from sysUpTime. */
      at: string;
      /** What showed it: the boot counter moved, or (without one) the uptime started again. */
      by: 'engine-boots' | 'uptime';
      bootsBefore: number | null;
      bootsAfter: number | null;
    };

/** ms → ISO to the second, without the milliseconds: `2025-06-01T10:00:00Z`. */
export function isoSecond(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** When the device booted: the moment of the reading minus its uptime. */
export function bootedAtMs(at: number, uptimeTicks: number): number {
  return at - uptimeTicks * 10;
}

/**
 * Did the device reboot since `previous` (what the last backup recorded)? Yes when
 * snmpEngineBoots moved (grew; or went back, as after a chassis swap), or when it booted
 * later than recorded by more than the tolerance. A sysUpTime wrap (every 497 days) is
 * not a reboot: a boot time that moved by whole wraps is the same boot, and with the
 * boot counter unchanged a boot time that only looks later because it wrapped is
 * recognised as such (the tolerance grows by 100 ppm of the uptime, for clock drift).
 */
export function rebootSince(
  previous: { boots: number | null | undefined; bootedAt: string | number },
  now: { boots: number | null | undefined; sysUpTime: number; at: number },
  toleranceSeconds = BOOT_TOLERANCE_SECONDS,
): Reboot {
  const before = previous.boots ?? null;
  const after = now.boots ?? null;
  const bootedNow = bootedAtMs(now.at, now.sysUpTime);
  const rebooted = (by: 'engine-boots' | 'uptime'): Reboot => ({ rebooted: true, at: isoSecond(bootedNow), by, bootsBefore: before, bootsAfter: after });
  if (before !== null && after !== null && after !== before) return rebooted('engine-boots');

  const bootedBefore = typeof previous.bootedAt === 'number' ? previous.bootedAt : Date.parse(previous.bootedAt);
  if (!Number.isFinite(bootedBefore)) return { rebooted: false };
  const moved = bootedNow - bootedBefore;
  const expectedUptime = Math.max(0, now.at - bootedBefore);
  const tolerance = toleranceSeconds * 1000 + expectedUptime * 1e-4;
  if (moved <= tolerance) return { rebooted: false };
  // Whole wraps of sysUpTime: the same boot seen through a counter that went round.
  const wraps = Math.round(moved / WRAP_MS);
  if (wraps >= 1 && Math.abs(moved - wraps * WRAP_MS) <= tolerance) return { rebooted: false };
  // The boot counter says "same boot" and the uptime could have wrapped by now: trust the counter.
  if (before !== null && after !== null && expectedUptime >= WRAP_MS - tolerance) return { rebooted: false };
  return rebooted('uptime');
}

/**
 * The record to store after a reading: the previous one unchanged when it is the same
 * boot within ±tolerance (so an unchanged device makes no commit), else the new one.
 */
export function nextBootRecord(
  previous: BootRecord | undefined,
  facts: { engineBoots: number | null; uptimeTicks: number | null; at: number },
): BootRecord | undefined {
  if (facts.uptimeTicks === null) return previous;
  const fresh: BootRecord = { engineBoots: facts.engineBoots, bootedAt: isoSecond(bootedAtMs(facts.at, facts.uptimeTicks)) };
  if (!previous) return fresh;
  const sameBoots = previous.engineBoots === fresh.engineBoots;
  const drift = Math.abs(Date.parse(fresh.bootedAt) - Date.parse(previous.bootedAt));
  return sameBoots && Number.isFinite(drift) && drift <= BOOT_TOLERANCE_SECONDS * 1000 ? previous : fresh;
}

/** A state.json `snmp` value, if it has the shape a backup writes. */
export function bootRecordOf(state: unknown): BootRecord | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const snmp = (state as { snmp?: unknown }).snmp;
  if (typeof snmp !== 'object' || snmp === null) return undefined;
  const { engineBoots, bootedAt } = snmp as { engineBoots?: unknown; bootedAt?: unknown };
  if (typeof bootedAt !== 'string' || !Number.isFinite(Date.parse(bootedAt))) return undefined;
  return { engineBoots: typeof engineBoots === 'number' ? engineBoots : null, bootedAt };
}
