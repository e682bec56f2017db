// `switchback ready`: before planned work ("feed A goes dark on Saturday"), will every
// switch come back by itself? A checklist per switch, each item pass / warn / fail with
// its reason: reachable, saved, backup fresh and current, last good, stack healthy, what
// losing a power feed does to the stack, and whether last good could be restored.
// Orchestration only: SNMP and SSH reads are capture's and check-snmp's, judging the
// stack is check-snmp's, the restore plan is config/'s.

import { SHRINK_THRESHOLD } from '../config/health-gate.js';
import { significantLineCount, unsavedLines } from '../config/normalise.js';
import { expectedMembers } from '../inventory/device.js';
import type { Device, PairExpectation } from '../inventory/device.js';
import { platformByName } from '../platforms/index.js';
import type { Platform, StackMember, StackModelName } from '../platforms/platform.js';
import { readDevice, readRunStatus } from '../store/index.js';
import type { DeviceFiles, DeviceRunStatus, Store } from '../store/index.js';
import { activeStandby, GENERIC_ROLE_WORDS, stackModel, stackReadingFor, stackReadings } from '../platforms/stack-models/index.js';
import { asCaptureError, captureOn, openDeviceShell } from './capture.js';
import type { Capture, PairRead } from './capture.js';
import { GENERIC_PAIR_WORDS, judgePair } from './check-pair.js';
import { describeState, pairSurvives, sameFeed } from '../platforms/stack-models/pair.js';
import type { PairPeer } from '../platforms/stack-models/pair.js';
import { duration, judgeStack, runSnmpCheck, stackMessage } from './check-snmp.js';
import type { SnmpCheckDevice } from './check-snmp.js';
import { maskLines, staleFinding, withVersions } from './check.js';
import { pinnedCheck } from './pinned-key.js';
import { pool } from './pool.js';
import { isoSecond } from './snmp-facts.js';
import { recordDevices } from './restore-record.js';
import type { Recorded } from './restore-record.js';
import { checkTarget, TargetRefused } from './restore-target.js';
import { chooseStrategy, modeName, persistAndCheck } from './restore.js';
import { planPush } from '../config/push-plan.js';
import { configWords, unsavedOf } from './unsaved.js';
import type { TranscriptOut } from './transcript.js';

export type ItemState = 'pass' | 'warn' | 'fail';
export type ReadyItemName = 'reachable' | 'saved' | 'backup' | 'last-good' | 'stack' | 'pair' | 'power' | 'restore-path';

/** The checklist, in the order it is printed. */
export const READY_ITEMS: ReadyItemName[] = ['reachable', 'saved', 'backup', 'last-good', 'stack', 'pair', 'power', 'restore-path'];

export interface ReadyItem {
  item: ReadyItemName;
  state: ItemState;
  /** One line for a person. */
  reason: string;
  /** Configuration lines behind it (the unsaved diff, `+ ` / `- `), secrets masked. */
  lines?: string[];
}

export interface ReadyDevice {
  device: string;
  /** unchecked: the switch could not be reached, so the list is incomplete. */
  status: 'ready' | 'not-ready' | 'unchecked';
  items: ReadyItem[];
  notes: string[];
  durationMs: number;
}

export interface ReadyRun {
  feed: string | null;
  maxAgeSeconds: number;
  startedAt: string;
  finishedAt: string;
  devices: ReadyDevice[];
  /** With --save: the commit of the backups taken after saving; null when nothing was saved. */
  recorded: { commit: string | null; commitError?: string } | null;
  /** saveFailures: --save could not save a switch, or back it up after: part of the job not done. */
  verdict: { ready: boolean; notReady: number; unchecked: number; problems: number; warnings: number; saveFailures: number };
}

export interface ReadyOptions {
  devices: Device[];
  store: Store | null;
  feed: string | null;
  maxAgeSeconds: number;
  concurrency: number;
  snmpConcurrency: number;
  /** --save: asked once with every unsaved diff; resolve true to save them. Absent: do not save. */
  save?: (unsaved: { device: string; lines: string[]; words: string }[]) => Promise<boolean>;
  /** --verbose: each SSH session's transcript, masked (jobs/transcript.ts). */
  transcript?: TranscriptOut;
}

/** What one switch's check learnt, for the save phase. */
interface Checked {
  result: ReadyDevice;
  platform: Platform | undefined;
  unsaved: boolean;
  /** A peer of a redundant pair: its view read now (absent when the switch could not be read). */
  pair?: PairRead;
}

export async function runReady(opts: ReadyOptions): Promise<ReadyRun> {
  const startedAt = new Date().toISOString();
  const withSnmp = opts.devices.filter((d) => d.snmp !== undefined);
  const snmp = new Map<string, SnmpCheckDevice>();
  if (withSnmp.length > 0) {
    const sweep = await runSnmpCheck({ devices: withSnmp, store: opts.store, concurrency: opts.snmpConcurrency });
    for (const d of sweep.devices) snmp.set(d.device, d);
  }
  const status = opts.store ? await readRunStatus(opts.store) : {};
  const checked = new Map<string, Checked>();
  await pool(opts.devices, opts.concurrency, async (device) => {
    const started = Date.now();
    const c = await checkOne(device, opts, snmp.get(device.name), status[device.name]).catch((err: unknown): Checked => ({
      result: finish({
        device: device.name,
        status: 'unchecked',
        items: [fail('reachable', `the check failed: ${(err as Error).message}`)],
        notes: [],
        durationMs: 0,
      }),
      platform: undefined,
      unsaved: false,
    }));
    c.result.durationMs = Date.now() - started;
    checked.set(device.name, c);
  });
  // A pair is judged from both peers' views, so only once every switch has been read.
  for (const device of opts.devices) if (device.pair) pairItems(device, device.pair, opts, checked);

  // --save: one question for every unsaved switch, then save each and check startup = running.
  let recorded: Recorded | null = null;
  let saveFailures = 0;
  const unsaved = opts.devices.filter((d) => checked.get(d.name)?.unsaved);
  if (opts.save && unsaved.length > 0) {
    const diffs = unsaved.map((d) => ({
      device: d.name,
      lines: checked.get(d.name)!.result.items.find((i) => i.item === 'saved')?.lines ?? [],
      words: checked.get(d.name)!.platform?.persist.words ?? 'save',
    }));
    if (await opts.save(diffs)) {
      await pool(unsaved, opts.concurrency, async (device) => {
        const c = checked.get(device.name)!;
        const confirmed = c.result.items.find((i) => i.item === 'saved')?.lines ?? [];
        const item = await saveOne(device, c.platform!, opts.store, confirmed, opts.transcript);
        if (item.state !== 'pass') saveFailures++;
        replaceItem(c.result, item);
      });
      // What was saved is backed up at once, so the backup item is judged on it too.
      const saved = unsaved.filter((d) => checked.get(d.name)!.result.items.some((i) => i.item === 'saved' && i.state === 'pass'));
      if (opts.store && saved.length > 0) {
        recorded = await recordDevices(
          opts.store,
          saved,
          {
            subject: `ready --save: ${saved.length} switch${saved.length === 1 ? '' : 'es'} saved`,
            body: saved.map((d) => `${d.name}: saved (${checked.get(d.name)!.platform?.persist.words ?? 'saved'}) before maintenance`).join('\n'),
          },
          opts.concurrency,
          undefined,
          opts.transcript,
        );
        for (const d of saved) {
          const b = recorded.backups.get(d.name);
          const commit = recorded.commit ? ` (commit ${recorded.commit.slice(0, 7)})` : '';
          if (!b || b.status === 'failed') saveFailures++;
          replaceItem(
            checked.get(d.name)!.result,
            b && b.status !== 'failed'
              ? pass('backup', `backed up now, after the save${commit}`)
              : fail('backup', `the backup after the save failed: ${b && b.status === 'failed' ? `${b.stage}: ${b.reason}` : 'not taken'}`),
          );
        }
      }
    } else for (const d of unsaved) checked.get(d.name)!.result.notes.push('not saved: you answered no');
  }

  const devices = opts.devices.map((d) => checked.get(d.name)!.result);
  const problems = devices.reduce((n, d) => n + d.items.filter((i) => i.state === 'fail').length, 0);
  const warnings = devices.reduce((n, d) => n + d.items.filter((i) => i.state === 'warn').length, 0);
  const notReady = devices.filter((d) => d.status !== 'ready').length;
  return {
    feed: opts.feed,
    maxAgeSeconds: opts.maxAgeSeconds,
    startedAt,
    finishedAt: new Date().toISOString(),
    devices,
    recorded: recorded && { commit: recorded.commit, ...(recorded.commitError ? { commitError: recorded.commitError } : {}) },
    verdict: { ready: notReady === 0, notReady, unchecked: devices.filter((d) => d.status === 'unchecked').length, problems, warnings, saveFailures },
  };
}

const pass = (item: ReadyItemName, reason: string): ReadyItem => ({ item, state: 'pass', reason });
const warn = (item: ReadyItemName, reason: string, lines?: string[]): ReadyItem => ({ item, state: 'warn', reason, ...(lines ? { lines } : {}) });
const fail = (item: ReadyItemName, reason: string, lines?: string[]): ReadyItem => ({ item, state: 'fail', reason, ...(lines ? { lines } : {}) });

/**
 * Why running is not worth saving: it came back wrong (a factory default, shrunk, or after a
 * reboot lacking lines of last good). Saving it would make it the boot config: restore instead.
 */
function cameBackWrong(platform: Platform, running: string, lastGood: string | undefined, rebootedAt: string | undefined): string | undefined {
  const w = platform.words;
  if (platform.isFactoryDefault?.(running)) return `${w.running} is a factory default`;
  if (lastGood === undefined) return undefined;
  if (significantLineCount(platform.syntax, running) < significantLineCount(platform.syntax, lastGood) * SHRINK_THRESHOLD)
    return `${w.running} shrank below ${Math.round(SHRINK_THRESHOLD * 100)}% of last good`;
  const missing = rebootedAt !== undefined ? unsavedLines(platform.syntax, lastGood, running).counts.added : 0;
  return missing > 0 ? `the switch rebooted (${rebootedAt}) and lacks ${missing} line(s) of last good` : undefined;
}

/** The unsaved diff as shown and confirmed: `+ ` / `- ` lines, masked; for an empty NVRAM, one line saying so. */
function unsavedItemLines(platform: Platform, c: Capture): string[] {
  const u = unsavedOf(platform, c);
  if (u.kind === 'no-startup')
    return [
      `+ (${platform.startup.from === 'file' ? `${platform.words.startup} is empty or missing` : 'NVRAM is empty'}: all ${significantLineCount(platform.syntax, c.running)} lines of ${platform.words.running})`,
    ];
  if (u.kind !== 'differs' && u.kind !== 'pending') return [];
  const diff = u.diff;
  return [
    ...maskLines(platform, diff.added).map((l) => `+ ${l}`),
    ...maskLines(platform, diff.removed).map((l) => `- ${l}`),
    ...(u.kind === 'pending' && u.notSynced !== undefined ? [`! ${u.notSynced}`] : []),
  ];
}

function replaceItem(r: ReadyDevice, item: ReadyItem): void {
  r.items = r.items.map((i) => (i.item === item.item ? item : i));
  finish(r);
}

/** Items in checklist order, and the status they make (an unreachable switch stays unchecked). */
function finish(r: ReadyDevice): ReadyDevice {
  r.items.sort((a, b) => READY_ITEMS.indexOf(a.item) - READY_ITEMS.indexOf(b.item));
  if (r.status !== 'unchecked') r.status = r.items.some((i) => i.state === 'fail') ? 'not-ready' : 'ready';
  return r;
}

async function checkOne(device: Device, opts: ReadyOptions, snmp: SnmpCheckDevice | undefined, runStatus: DeviceRunStatus | undefined): Promise<Checked> {
  const r: ReadyDevice = { device: device.name, status: 'ready', items: [], notes: [], durationMs: 0 };
  let files: DeviceFiles = {};
  if (opts.store) files = await readDevice(opts.store, device.name).catch(() => ({}));
  const stateOf = (files.state ?? {}) as { platform?: unknown };
  const platform = platformByName(
    device.platform === 'auto' ? (snmp?.platform ?? (typeof stateOf.platform === 'string' ? stateOf.platform : '')) : device.platform,
  );

  // ---- reachable: SNMP (if configured) and SSH, which also reads the configs
  const snmpSays =
    snmp === undefined
      ? 'no SNMP settings'
      : snmp.status === 'unreachable'
        ? `SNMP: ${snmp.findings.map((f) => f.message.replace(/^unreachable: /, '')).join('; ')}`
        : null;
  let capture: Capture | undefined;
  let sshSays: string | null = null;
  if (!platform) sshSays = `platform ${device.platform} unknown: cannot log in`;
  else {
    try {
      const key = await pinnedCheck(opts.store, device, '; nothing was read');
      if (!key.pinned) r.notes.push('no pinned SSH host key yet (run switchback backup first): the key was not verified');
      const shell = await openDeviceShell(device, platform, key.verify, key.algorithms, undefined, undefined, opts.transcript);
      try {
        capture = await captureOn(shell, platform, device.pair ? { readPair: device.pair } : {});
      } finally {
        shell.close();
      }
    } catch (err) {
      const e = asCaptureError(err);
      sshSays = `SSH: ${e.stage}: ${e.message}`;
    }
  }
  if (sshSays !== null) {
    r.status = 'unchecked';
    r.items.push(fail('reachable', [sshSays, snmpSays].filter(Boolean).join('; ')));
  } else if (snmp?.status === 'unreachable') {
    // Half reachable is not checked: the stack and reboots come over SNMP.
    r.status = 'unchecked';
    r.items.push(fail('reachable', `SSH answers; ${snmpSays}`));
  } else r.items.push(pass('reachable', snmp ? 'SSH and SNMP answer' : 'SSH answers (no SNMP settings)'));

  // ---- saved
  let unsaved = false;
  const lost = capture && platform ? cameBackWrong(platform, capture.running, files.lastGood, snmp?.reboot?.at) : undefined;
  if (capture && platform && lost !== undefined) {
    r.items.push(fail('saved', `${lost}: not offered for saving — restore last good (switchback restore ${device.name})`));
  } else if (capture && platform) {
    const u = unsavedOf(platform, capture);
    const w = platform.words;
    if (u.kind === 'no-startup') {
      unsaved = true;
      const none = platform.startup.from === 'file' ? 'the file is empty or missing' : 'NVRAM empty';
      r.items.push(fail('saved', `no ${w.startup} at all (${none}): a power loss boots a factory default`, unsavedItemLines(platform, capture)));
    } else if (u.kind === 'differs') {
      unsaved = true;
      const d = u.diff;
      r.items.push(
        fail(
          'saved',
          `${w.running} differs from ${w.startup}: ${d.counts.added} line(s) not saved${d.counts.removed > 0 ? `, ${d.counts.removed} only in startup` : ''} — a power loss loses them`,
          unsavedItemLines(platform, capture),
        ),
      );
    } else if (u.kind === 'pending') {
      unsaved = true;
      const n = u.diff.counts.added;
      r.items.push(
        fail(
          'saved',
          [n > 0 && `${n} line(s) in the candidate not committed (${platform.persist.words} applies them)`, u.notSynced].filter(Boolean).join('; '),
          unsavedItemLines(platform, capture),
        ),
      );
    } else if (u.kind === 'unknown') r.items.push(warn('saved', `not known: ${u.why}`));
    else r.items.push(pass('saved', platform.unsaved.kind === 'candidate' ? `nothing uncommitted (${platform.persist.words})` : `${w.running} = ${w.startup}`));
  } else if (snmp?.unsaved === 'unsaved') {
    r.items.push(fail('saved', `SNMP says ${configWords(platform).running} changed after it was last saved (the lines need SSH)`));
  } else r.items.push(warn('saved', 'not known: the configs could not be read'));

  // ---- backup: fresh, and what the switch runs now
  const stale = staleFinding(runStatus, opts.maxAgeSeconds, Date.now(), opts.store !== null);
  if (stale) r.items.push(fail('backup', stale.message.replace(/^stale: /, '')));
  else if (files.running === undefined) r.items.push(fail('backup', 'no backup in the repository'));
  else if (!capture) r.items.push(warn('backup', `${freshness(runStatus)}, but not compared: the running config could not be read`));
  else {
    const d = unsavedLines(platform!.syntax, capture.running, files.running);
    const n = d.counts.added + d.counts.removed;
    r.items.push(
      n === 0
        ? pass('backup', `${freshness(runStatus)}, equal to the running config now`)
        : fail(
            'backup',
            `${freshness(runStatus)}, but the running config changed since (+${d.counts.added} -${d.counts.removed} lines): run switchback backup ${device.name}`,
          ),
    );
  }

  // ---- last good
  r.items.push(
    files.lastGood !== undefined ? pass('last-good', 'last-good.cfg exists') : fail('last-good', 'no last-good.cfg: nothing to restore after the work'),
  );

  // ---- stack: from SNMP (roles and states) or the platform's stack command
  // Roles matter here (who takes over): the platform's stack table, else its stack command, else ENTITY-MIB rows (no roles).
  const fromSsh = capture && capture.members.length > 0 ? withVersions(capture.members, capture.version.members) : null;
  // Where the platform stacks by one of several technologies, the one that answered now.
  const applied = capture?.stackModel;
  const words = stackReadingFor(platform?.stack, applied)?.roleWords ?? GENERIC_ROLE_WORDS;
  const stack =
    snmp?.stack?.source === 'platform' ? snmp.stack : fromSsh ? judgeStack(fromSsh, device, {}, 'platform', platform, applied) : (snmp?.stack ?? null);
  if (!stack)
    r.items.push(
      device.stack && device.stack.members.length > 1
        ? warn(
            'stack',
            `stack state not known (no SNMP stack table, no ${
              stackReadings(platform?.stack)
                .map((x) => x.command)
                .join(' or ') || 'stack command'
            })`,
          )
        : pass('stack', 'standalone'),
    );
  else if (stack.problems.length > 0) r.items.push(fail('stack', stackMessage({ ...stack, problems: stack.problems })));
  // A switch whose platform does not stack is its own one member: nothing to say of a stack.
  else if ((!platform?.stack || platform.stack.model === 'none') && stack.expected <= 1) r.items.push(pass('stack', 'standalone'));
  else
    r.items.push(
      pass(
        'stack',
        `${stack.ready}/${stack.expected} members ready${stack.active !== undefined ? `, ${words.active} ${stack.active}` : ''}${standbyOf(stack.members, words.standby)}`,
      ),
    );

  // ---- power (a peer of a pair: its pair decides, judged once both peers are read, pairItems)
  if (opts.feed !== null && !device.pair) r.items.push(powerItem(device, opts.feed, stack?.source === 'platform' ? stack.members : [], platform, applied));

  // ---- restore path: last good, against what runs now, would type cleanly
  const strategy = platform ? chooseStrategy(platform, undefined) : 'unknown platform';
  if (platform && typeof strategy !== 'string' && files.lastGood !== undefined) {
    try {
      // The checks restore makes on its target, on the file itself (no git lookup for a label).
      checkTarget(platform, { text: files.lastGood, label: 'last good', commit: null });
      // Counted offline: a line-merge plan where the platform has one, else the line diff (a
      // commit-confirmed plan is the switch's own comparison, made only when restoring).
      const merge = platform.restore.find((x) => x.kind === 'line-merge');
      const changes = !capture
        ? null
        : merge?.kind === 'line-merge'
          ? planPush(platform.syntax, merge.configure, capture.running, files.lastGood).items.length
          : ((d) => d.counts.added + d.counts.removed)(unsavedLines(platform.syntax, files.lastGood, capture.running));
      r.items.push(
        pass(
          'restore-path',
          changes !== null
            ? `last good restores cleanly (${modeName(strategy.kind)}): ${changes} change(s) from what runs now`
            : 'last good is a whole configuration restore accepts',
        ),
      );
    } catch (err) {
      if (!(err instanceof TargetRefused)) throw err;
      r.items.push(fail('restore-path', err.message, err.lines));
    }
  } else if (files.lastGood !== undefined) r.items.push(fail('restore-path', `platform ${platform?.name ?? device.platform}: switchback cannot restore it`));
  else r.items.push(fail('restore-path', 'nothing to restore (no last good)'));

  return { result: finish(r), platform, unsaved: unsaved && capture !== undefined, ...(capture?.pair ? { pair: capture.pair } : {}) };
}

/**
 * A peer's `pair` item (its view now: a lost peer or a peer link down fails it) and, with a
 * feed, its `power` item: what losing the feed does to the pair (stack-models/pair.ts), which
 * needs the other peer's feed and view too. A peer not selected in this run is unknown.
 */
function pairItems(device: Device, expected: PairExpectation, opts: ReadyOptions, checked: Map<string, Checked>): void {
  const c = checked.get(device.name)!;
  const words = c.platform?.pair?.roleWords ?? GENERIC_PAIR_WORDS;
  const read = c.pair;
  const items: ReadyItem[] = [];
  if (!read) items.push(warn('pair', `not known: the pair state of domain ${expected.domain} could not be read`));
  else if ('unreadable' in read) items.push(warn('pair', `not known: ${read.unreadable}`));
  else {
    const j = judgePair(device.name, expected, read.state, words);
    const first = j.findings[0];
    items.push(
      first
        ? fail('pair', first.message.replace(/^pair-[a-z-]+: /, ''))
        : pass(
            'pair',
            `domain ${expected.domain} with ${expected.peer}: ${describeState(read.state, words)}${j.notes.length > 0 ? `; ${j.notes.join('; ')}` : ''}`,
          ),
    );
  }
  if (opts.feed !== null) {
    const other = opts.devices.find((d) => d.name === expected.peer);
    if (!other)
      items.push(warn('power', `unknown: ${expected.peer}, the other peer of domain ${expected.domain}, is not selected in this run (select both peers)`));
    else {
      const peerOf = (d: Device): PairPeer => {
        const p = checked.get(d.name)?.pair;
        const feeds = d.stack?.members.map((m) => m.feed) ?? [];
        return {
          name: d.name,
          // A peer is one switch: its feed is its member's (`feed: A`); a stack of several on one feed counts as that feed.
          feed: feeds.length > 0 && feeds.every((f) => f !== undefined && sameFeed(f, feeds[0]!)) ? feeds[0] : undefined,
          state: p && 'state' in p ? p.state : undefined,
          ...(p && 'unreadable' in p ? { unread: p.unreadable } : {}),
        };
      };
      // In name order: both peers print the same verdict, word for word.
      const [a, b] = [device, other].sort((x, y) => x.name.localeCompare(y.name));
      const v = pairSurvives({ domain: expected.domain, peers: [peerOf(a!), peerOf(b!)], feed: opts.feed, words });
      items.push({ item: 'power', state: v.verdict, reason: v.says });
    }
  }
  c.result.items.push(...items);
  finish(c.result);
}

/** `backed up 3 h ago (2026-11-24T00:50:02Z)` */
function freshness(status: DeviceRunStatus | undefined): string {
  const at = Date.parse(status?.lastSuccessAt ?? '');
  if (!Number.isFinite(at)) return 'backed up (time unknown)';
  return `backed up ${duration(Math.max(0, Math.floor((Date.now() - at) / 1000)))} ago (${isoSecond(at)})`;
}

function standbyOf(members: StackMember[], word: string): string {
  const s = members.find((m) => m.role === 'standby' && m.state === 'ready');
  return s ? `, ${word} ${s.number}` : '';
}

export { sameFeed };

/**
 * Which members lose power with `feed`, and what that does to the stack: losing every Ready
 * member is an outage; who takes over from a lost active is the platform's stack model's
 * rule (src/platforms/stack-models/: a standby, a backup routing engine), said
 * in the platform's role words. Members whose feed the inventory does not give, or a stack
 * whose roles could not be read, are unknown — said, never passed.
 */
export function powerItem(device: Device, feed: string, members: StackMember[], platform?: Platform, model?: StackModelName): ReadyItem {
  // The read whose model applied (backplane or VSF on a platform that has both), else the platform's one.
  const read = stackReadingFor(platform?.stack, model);
  const words = read?.roleWords ?? GENERIC_ROLE_WORDS;
  const expected = expectedMembers(device.stack, members) ?? [];
  if (expected.length === 0)
    return warn('power', 'unknown: no feed data in the inventory (stack.members[].feed; a standalone switch is a stack of one member)');
  if (members.length === 0) {
    const on = expected.filter((m) => sameFeed(m.feed, feed)).map((m) => m.number);
    return warn(
      'power',
      `unknown: the stack's members and roles could not be read (on feed ${feed} per the inventory: ${on.length > 0 ? on.join(', ') : 'none'})`,
    );
  }
  const list = (ns: number[]) => `member${ns.length === 1 ? '' : 's'} ${ns.join(', ')}`;
  const unknown = expected.filter((m) => m.feed === undefined).map((m) => m.number);
  const onFeed = expected.filter((m) => sameFeed(m.feed, feed)).map((m) => m.number);
  const ready = members.filter((m) => m.state === 'ready');
  const survivors = expected.filter((m) => m.feed !== undefined && !sameFeed(m.feed, feed) && ready.some((r) => r.number === m.number)).map((m) => m.number);
  const unknownNote = unknown.length > 0 ? `; feed unknown for ${list(unknown)}` : '';
  const loses = onFeed.length > 0 ? `${list(onFeed)} lose${onFeed.length === 1 ? 's' : ''} power` : 'no known member loses power';
  const active = ready.find((m) => m.role === 'active')?.number;

  if (onFeed.length === 0 && unknown.length === 0) return pass('power', `no member on feed ${feed}`);
  if (onFeed.length > 0 && survivors.length === 0 && unknown.length === 0)
    return fail('power', `OUTAGE: ${loses}, and no Ready member on another feed is left`);
  // The model's failover rule, when the loss takes out someone it has a rule for.
  // Without a platform the roles still say who is active and standby: the common rule applies.
  const rules = platform ? stackModel(read?.model ?? 'none') : activeStandby;
  const rule = rules.survive({ members, lost: onFeed, unknown, feed, lostSays: loses, unknownSays: unknownNote, words });
  if (rule) return rule.verdict === 'fail' ? fail('power', rule.says) : rule.verdict === 'warn' ? warn('power', rule.says) : pass('power', rule.says);
  if (unknown.length > 0)
    return warn('power', `${loses}; the stack keeps ${survivors.length > 0 ? list(survivors) : 'no member known to be on another feed'}${unknownNote}`);
  return pass('power', `${loses}; the stack keeps ${list(survivors)}${active !== undefined ? ` with ${words.active} ${active}` : ''}`);
}

/** Save (or commit) over SSH the platform's way, then check it took: saved means nothing is unsaved any more. */
async function saveOne(device: Device, platform: Platform, store: Store | null, confirmed: string[], transcript?: TranscriptOut): Promise<ReadyItem> {
  const words = platform.persist.words;
  try {
    // Writing to a switch needs to know it is the one backed up, as restore does.
    const key = await pinnedCheck(store, device, '; nothing was saved');
    if (!key.pinned) return fail('saved', `not saved: no pinned SSH host key for ${device.name} (run switchback backup ${device.name} first)`);
    const shell = await openDeviceShell(device, platform, key.verify, key.algorithms, undefined, undefined, transcript);
    try {
      // Save what was shown and confirmed, nothing else: someone may have typed since.
      const now = await captureOn(shell, platform);
      if (JSON.stringify(unsavedItemLines(platform, now)) !== JSON.stringify(confirmed))
        return fail('saved', 'not saved: the running config changed since the question (run ready --save again)');
      const saved = await persistAndCheck(shell, platform, now.running, device.stack?.members.length ?? 0);
      if (saved.state !== 'saved') return fail('saved', saved.state === 'failed' ? saved.reason : `not saved`);
      return pass(
        'saved',
        platform.persist.kind === 'commit'
          ? `committed now (${words}): nothing uncommitted`
          : `saved now (${words}): ${platform.words.running} = ${platform.words.startup}`,
      );
    } finally {
      shell.close();
    }
  } catch (err) {
    const e = asCaptureError(err);
    return fail('saved', `the save failed: ${e.stage}: ${e.message}`);
  }
}
