// The alert a run sends when it needs a person (--webhook, --exec-hook): one JSON document
// built from a command's result. Pure: the result in, the payload out; the senders are
// webhook.ts and exec-hook.ts, the diff of a backup's changed switches is changes.ts's.
//
// It fires on the run's own verdict: exit code 1 (part of the job not done) or 3 (done, with
// findings); never on a clean run (0) and never on a bad invocation (2: nothing was done).
// Every line it carries goes through the platform's secret masking, and every value behind
// the inventory's secret references is replaced wherever it occurs, so the payload can go to
// a chat channel that the backups repository never would.

import { maskLine, SECRET_MASK } from '../config/normalise.js';
import type { BackupRun, DeviceOutcome } from '../jobs/backup-result.js';
import { commitMessage, lastGoodHeld, startupUnreadableNote } from '../jobs/backup-result.js';
import type { CheckedDevice, CheckRun } from '../jobs/check.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import type { ReadyRun } from '../jobs/ready.js';
import type { RecoverRun } from '../jobs/recover.js';
import type { DeviceRestore } from '../jobs/restore.js';
import type { Recorded } from '../jobs/restore-record.js';
import { PLATFORM_NAMES, platformByName } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const ALERT_VERSION = 1;

/**
 * Lines carried per finding and per diff. An alert is read in a chat window or a ticket: a
 * few hundred lines say what happened; a switch that lost its whole configuration would
 * otherwise post thousands. The rest is counted (`moreLines`); `switchback diff` and
 * `check --json` have them all.
 */
export const MAX_LINES = 200;

export type AlertCommand = 'backup' | 'check' | 'ready' | 'restore' | 'recover' | 'watch';

export interface AlertFinding {
  /** The command's own kind: check's finding kinds (`unsaved`, `lost`, …), backup's, or ready's item names. */
  kind: string;
  message: string;
  /** The configuration lines behind it (`+ ` / `- ` where it is a difference), masked. */
  lines?: string[];
  /** Lines left out beyond MAX_LINES. */
  moreLines?: number;
}

export interface AlertDiff {
  /** The old side (a commit, short) and the new one (the run's commit, or `not committed`). */
  from: string;
  to: string;
  added: number;
  removed: number;
  /** Unified-diff lines (`@@ … @@`, `+`, `-`, ` `), masked. */
  lines: string[];
  moreLines?: number;
}

export interface AlertDevice {
  device: string;
  /** The command's word for it: `changed`, `failed`, `findings`, `unreachable`, `not-ready`, `verified`, … */
  status: string;
  /** Where and why part of the job could not be done for it. */
  failure?: { stage: string; reason: string };
  findings: AlertFinding[];
  /** backup: what its running configuration changed since the previous commit. */
  diff?: AlertDiff;
}

export interface AlertPayload {
  source: 'switchback';
  version: typeof ALERT_VERSION;
  command: AlertCommand;
  /** The machine that ran it (a fleet may be backed up from several). */
  host: string;
  startedAt: string;
  finishedAt: string;
  /** The run's exit code: 1 part of the job not done, 3 findings. */
  exitCode: 1 | 3;
  outcome: 'failures' | 'findings';
  /** One line, as the command's summary says it. */
  summary: string;
  /** The devices with a failure, a finding or a change; the others are counted in `unlisted`. */
  devices: AlertDevice[];
  unlisted: number;
  /** `watch` only: what announced it, the diagnosis in lines, and what --recover did or asks for. */
  watch?: AlertWatch;
}

/** What a `watch` alert adds: the events behind the check, the diagnosis, the recover outcome. */
export interface AlertWatch {
  device: string;
  events: { kind: string; source: string; detail: string; at: string; member?: number }[];
  diagnosis: string[];
  recover?: { outcome: 'restored' | 'failed' | 'refused' | 'asked'; detail: string; command?: string };
}

/** A watch event as the alert takes it (src/watch/status.ts's WatchEvent has these fields). */
export interface WatchEventInput {
  kind: string;
  source: string;
  detail: string;
  at: number;
  member?: number;
}

/** The result an alert is made of, by command. */
export type AlertSource =
  | { command: 'backup'; run: BackupRun; diffs: ReadonlyMap<string, AlertDiff> }
  | { command: 'check'; run: CheckRun | SnmpCheckRun }
  | { command: 'ready'; run: ReadyRun }
  | { command: 'restore'; result: DeviceRestore; recorded: Recorded | null; startedAt: string; finishedAt: string }
  | { command: 'recover'; run: RecoverRun }
  | {
      command: 'watch';
      device: string;
      events: readonly WatchEventInput[];
      /** The check the watch ran; null when it could not run one (the device never answered). */
      checked: CheckedDevice | null;
      /** Why there is no check, when there is none. */
      failure?: { stage: string; reason: string };
      diagnosis: string[];
      /** The restore --recover auto ran (its result), or what it did instead. */
      recover?: { outcome: 'restored' | 'failed' | 'refused' | 'asked'; detail: string; command?: string; result?: DeviceRestore };
      startedAt: string;
      finishedAt: string;
    };

export interface AlertContext {
  /** The exit code the run ends with (its own: an alert never changes it). */
  exitCode: number;
  host: string;
  /** The device's platform, whose secret patterns mask its lines; undefined: every platform's. */
  platformOf: (device: string) => Platform | undefined;
  /** The values behind the inventory's secret references (passwords, communities, keys), replaced wherever they occur. */
  secretValues: readonly string[];
}

/** Whether a run with this exit code alerts: failures (1) and findings (3). */
export function alertFires(exitCode: number): exitCode is 1 | 3 {
  return exitCode === 1 || exitCode === 3;
}

/** The payload for this run, or null when it does not alert. */
export function buildAlert(source: AlertSource, ctx: AlertContext): AlertPayload | null {
  if (!alertFires(ctx.exitCode)) return null;
  // A watch diagnosis quotes the first missing configuration line: masked before the summary is made of it.
  if (source.command === 'watch') {
    const platforms = platformsFor(source.device, ctx);
    source = { ...source, diagnosis: source.diagnosis.map((l) => maskDiagnosisLine(l, platforms)) };
  }
  const body = bodyOf(source);
  const listed = body.devices.filter((d) => d.failure !== undefined || d.findings.length > 0 || d.diff !== undefined || d.listAnyway);
  const payload: AlertPayload = {
    source: 'switchback',
    version: ALERT_VERSION,
    command: source.command,
    host: ctx.host,
    startedAt: body.startedAt,
    finishedAt: body.finishedAt,
    exitCode: ctx.exitCode,
    outcome: ctx.exitCode === 1 ? 'failures' : 'findings',
    summary: body.summary,
    devices: listed.map(({ listAnyway: _, ...d }) => masked(d, ctx)),
    unlisted: body.devices.length - listed.length,
    ...(source.command === 'watch' ? { watch: watchPart(source) } : {}),
  };
  return scrubbed(payload, ctx.secretValues);
}

// ---------------------------------------------------------------- by command

type Listed = AlertDevice & { listAnyway?: boolean };
interface Body {
  startedAt: string;
  finishedAt: string;
  summary: string;
  devices: Listed[];
}

function bodyOf(source: AlertSource): Body {
  switch (source.command) {
    case 'backup':
      return backupBody(source.run, source.diffs);
    case 'check':
      return 'mode' in source.run ? checkBody(source.run) : snmpCheckBody(source.run);
    case 'ready':
      return readyBody(source.run);
    case 'restore':
      return restoreBody(source);
    case 'recover':
      return recoverBody(source.run);
    case 'watch':
      return watchBody(source);
  }
}

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

function backupBody(run: BackupRun, diffs: ReadonlyMap<string, AlertDiff>): Body {
  const commit = run.commit
    ? `committed ${run.commit.slice(0, 12)}`
    : run.commitError
      ? `NOT COMMITTED: ${run.commitError.split('\n')[0]}`
      : 'nothing committed';
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    // The commit's own subject: what the history says of this run.
    summary: `${commitMessage(run.devices).subject}; ${commit}`,
    devices: run.devices.map((d) => {
      const diff = diffs.get(d.device);
      return { device: d.device, status: d.status, ...backupProblems(d), ...(diff ? { diff } : {}) };
    }),
  };
}

/** A backup outcome's failure and findings, in the words of its table and commit body. */
function backupProblems(d: DeviceOutcome): Pick<AlertDevice, 'failure' | 'findings'> {
  if (d.status === 'failed')
    return { failure: { stage: d.stage, reason: `${d.reason}; ${d.noBackupYet ? 'no backup yet' : 'previous backup kept'}` }, findings: [] };
  const findings: AlertFinding[] = [];
  const held = lastGoodHeld(d);
  if (d.noStartup) findings.push({ kind: held ? 'lost' : 'unsaved', message: 'no saved configuration on the switch at all' });
  else if (d.unsaved)
    findings.push({
      kind: 'unsaved',
      message: `+${d.unsaved.counts.added}/-${d.unsaved.counts.removed} lines not saved (lost at the next reload)${d.notSynced ? `; ${d.notSynced}` : ''}`,
      lines: [...d.unsaved.added.map((l) => `+ ${l}`), ...d.unsaved.removed.map((l) => `- ${l}`)],
    });
  if (d.startupUnreadable) findings.push({ kind: 'startup-unreadable', message: startupUnreadableNote(d.startupUnreadable) });
  if (d.stack && d.stack.missing.length > 0)
    findings.push({ kind: 'stack', message: `stack ${d.stack.ready}/${d.stack.expected} ready, missing member ${d.stack.missing.join(', ')}` });
  if (held) findings.push({ kind: 'last-good-held', message: held });
  if (d.rebooted) findings.push({ kind: 'rebooted', message: `rebooted at ${d.rebooted.at}` });
  return { findings };
}

/** A checked device (live, offline or SNMP): `unreachable` is its failure, the rest its findings. */
function checkedDevice(d: { device: string; status: string; findings: readonly { kind: string; message: string; lines?: string[] }[] }): AlertDevice {
  const unreachable = d.findings.find((f) => f.kind === 'unreachable');
  return {
    device: d.device,
    status: d.status,
    ...(unreachable ? { failure: { stage: 'unreachable', reason: unreachable.message } } : {}),
    findings: d.findings.filter((f) => f !== unreachable).map((f) => ({ kind: f.kind, message: f.message, ...(f.lines ? { lines: f.lines } : {}) })),
  };
}

function checkBody(run: CheckRun): Body {
  const c = run.counts;
  const kinds = Object.entries(c.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    summary: `check (${run.mode}): ${plural(c.total, 'device')}, ${c.ok} ok, ${c.withFindings} with findings${kinds.length ? ` (${kinds.join(', ')})` : ''}, ${c.unreachable} unreachable`,
    devices: run.devices.map(checkedDevice),
  };
}

function snmpCheckBody(run: SnmpCheckRun): Body {
  const c = run.counts;
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    summary: `check (snmp): ${plural(c.total, 'device')}, ${c.ok} ok, ${c.withFindings} with findings, ${c.unreachable} unreachable`,
    devices: run.devices.map(checkedDevice),
  };
}

function readyBody(run: ReadyRun): Body {
  const v = run.verdict;
  const feed = run.feed !== null ? ` for losing feed ${run.feed}` : '';
  const summary = v.ready
    ? `ready: READY${feed}: ${plural(run.devices.length, 'switch', 'switches')}`
    : `ready: NOT READY${feed}: ${plural(v.notReady, 'switch', 'switches')}, ${plural(v.problems, 'problem')}` +
      (v.unchecked > 0 ? `; ${v.unchecked} could not be checked` : '') +
      (v.saveFailures > 0 ? `; ${v.saveFailures} could not be saved` : '');
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    summary: summary + (run.recorded?.commitError ? `; ${run.recorded.commitError.split('\n')[0]}` : ''),
    devices: run.devices.map((d) => {
      const reach = d.items.find((i) => i.item === 'reachable' && i.state === 'fail');
      const items = d.items.filter((i) => i.state !== 'pass' && i !== (d.status === 'unchecked' ? reach : undefined));
      return {
        device: d.device,
        status: d.status,
        ...(d.status === 'unchecked' ? { failure: { stage: 'reachable', reason: reach?.reason ?? 'could not be checked' } } : {}),
        findings: items.map((i) => ({ kind: i.item, message: `${i.state}: ${i.reason}`, ...(i.lines ? { lines: i.lines } : {}) })),
      };
    }),
  };
}

/** One restore, as restore and recover report it. */
function restoreDevice(r: DeviceRestore): AlertDevice {
  const findings: AlertFinding[] = [];
  let failure: AlertDevice['failure'];
  const target = `${r.target.label}${r.target.commit ? ` (${r.target.commit.slice(0, 7)})` : ''}`;
  switch (r.status) {
    case 'planned':
      if (r.plan.add + r.plan.remove > 0)
        findings.push({
          kind: 'plan',
          message: `would restore ${target}: +${r.plan.add}/-${r.plan.remove} lines (a dry run: nothing typed)`,
          lines: r.plan.lines,
        });
      break;
    case 'declined':
      failure = { stage: 'confirm', reason: `not restored: the answer was no (${target}); nothing was typed` };
      break;
    case 'verified':
      if (r.save.state === 'failed') failure = { stage: 'save', reason: `${r.save.reason}${r.save.rollsBack ? `; ${r.save.rollsBack}` : ''}` };
      else if (r.save.state === 'not-saved')
        findings.push({ kind: 'not-saved', message: `restored ${target} and verified, not saved: a reload brings back what it boots with` });
      break;
    case 'not-verified':
      failure = { stage: 'verify', reason: `restored ${target}, and what it runs now is not the target` };
      findings.push(verificationFinding(r.verification));
      break;
    case 'failed':
      failure = { stage: r.stage, reason: r.reason };
      if (r.verification) findings.push(verificationFinding(r.verification));
      break;
  }
  if ('push' in r && r.push && r.push.rejected.length > 0)
    findings.push({
      kind: 'rejected',
      message: `${plural(r.push.rejected.length, 'line')} refused by the switch`,
      lines: r.push.rejected.flatMap((x) => [x.line, `  ${x.error}`]),
    });
  return { device: r.device, status: r.status, ...(failure ? { failure } : {}), findings };
}

function verificationFinding(v: { missing: string[]; leftOver: string[] }): AlertFinding {
  return {
    kind: 'not-verified',
    message: `${plural(v.missing.length, 'target line')} missing, ${plural(v.leftOver.length, 'line')} left over`,
    lines: [...v.missing.map((l) => `- ${l}`), ...v.leftOver.map((l) => `+ ${l}`)],
  };
}

/** What recording after a restore said: a backup that failed, a commit that did not happen. */
function recordedFindings(recorded: Recorded | null, device: string): AlertFinding[] {
  const b = recorded?.backups.get(device);
  if (!b) return [];
  if (b.status === 'failed')
    return [{ kind: 'backup-after', message: `the backup after the restore failed (${b.stage}: ${b.reason}); the next backup records it` }];
  const held = lastGoodHeld(b);
  return held ? [{ kind: 'last-good-held', message: held }] : [];
}

function restoreBody(s: Extract<AlertSource, { command: 'restore' }>): Body {
  const d = restoreDevice(s.result);
  d.findings.push(...recordedFindings(s.recorded, d.device));
  const what = d.failure ? `failed at ${d.failure.stage}` : s.result.status;
  const commit = s.recorded?.commitError ? `; NOT COMMITTED: ${s.recorded.commitError.split('\n')[0]}` : '';
  return {
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    summary: `restore ${s.result.device} from ${s.result.target.label} (${s.result.mode}): ${what}${commit}`,
    devices: [{ ...d, listAnyway: true }],
  };
}

function recoverBody(run: RecoverRun): Body {
  const by = (status: string) => run.restores.filter((r) => r.status === status).length;
  const parts = [
    `${plural(run.selected.length, 'switch', 'switches')} to restore`,
    run.dryRun ? 'a dry run' : run.declined ? 'declined' : `${by('verified')} verified, ${by('not-verified') + by('failed')} failed`,
    run.notRestored.length > 0 && `${run.notRestored.length} left alone`,
    run.recorded?.commitError && `NOT COMMITTED: ${run.recorded.commitError.split('\n')[0]}`,
  ].filter((x): x is string => typeof x === 'string');
  const restored = run.restores.map((r) => {
    const d = restoreDevice(r);
    d.findings.push(...recordedFindings(run.recorded, r.device));
    return d;
  });
  const left: Listed[] = run.notRestored.map((n) =>
    n.why === 'unreachable' || n.why === 'no-target'
      ? { device: n.device, status: 'not-restored', failure: { stage: n.why, reason: n.detail.join('; ') }, findings: [] }
      : { device: n.device, status: 'not-restored', findings: [{ kind: n.why, message: n.detail.join('; ') }] },
  );
  const named = new Set([...restored, ...left].map((d) => d.device));
  const rest: Listed[] = run.check.devices.filter((d) => !named.has(d.device)).map((d) => ({ device: d.device, status: d.status, findings: [] }));
  return { startedAt: run.startedAt, finishedAt: run.finishedAt, summary: `recover: ${parts.join(', ')}`, devices: [...restored, ...left, ...rest] };
}

type WatchSource = Extract<AlertSource, { command: 'watch' }>;

/** `watch: sw-1: lost: factory default, 12 lines missing (first: …); restored last good, verified, saved`. */
function watchBody(s: WatchSource): Body {
  const said = s.diagnosis.length > 0 ? s.diagnosis.join('; ') : s.failure ? s.failure.reason : 'checked: nothing wrong';
  const recover = s.recover ? `; ${s.recover.detail}` : '';
  let device: Listed;
  if (s.checked) device = { ...checkedDevice(s.checked), listAnyway: true };
  else device = { device: s.device, status: 'unreachable', findings: [], listAnyway: true };
  if (s.failure && !device.failure) device.failure = s.failure;
  if (s.recover?.result) {
    const r = restoreDevice(s.recover.result);
    device.findings.push(...r.findings);
    if (r.failure) device.failure = { stage: `restore ${r.failure.stage}`, reason: r.failure.reason };
    device.status = s.recover.outcome;
  }
  return { startedAt: s.startedAt, finishedAt: s.finishedAt, summary: `watch: ${s.device}: ${said}${recover}`, devices: [device] };
}

/** The platforms whose patterns mask a device's lines: its own, or every one when it is not known. */
function platformsFor(device: string, ctx: AlertContext): readonly Platform[] {
  const known = ctx.platformOf(device);
  return known ? [known] : EVERY_PLATFORM;
}

/** `lost: …, 3 lines missing (first: LINE)`: LINE masked as a configuration line; any other line as one too. */
export function maskDiagnosisLine(line: string, platforms: readonly Platform[]): string {
  const m = /^(.*\(first: )(.*)\)$/.exec(line);
  if (!m) return maskAlertLine(line, platforms);
  return `${m[1]}${maskAlertLine(m[2]!, platforms)})`;
}

/** The watch part (its diagnosis already masked by buildAlert). */
function watchPart(s: WatchSource): AlertWatch {
  return {
    device: s.device,
    events: s.events.map((e) => ({
      kind: e.kind,
      source: e.source,
      detail: e.detail,
      at: new Date(e.at).toISOString(),
      ...(e.member !== undefined ? { member: e.member } : {}),
    })),
    diagnosis: s.diagnosis,
    ...(s.recover
      ? { recover: { outcome: s.recover.outcome, detail: s.recover.detail, ...(s.recover.command !== undefined ? { command: s.recover.command } : {}) } }
      : {}),
  };
}

// ---------------------------------------------------------------- masking

/** Every platform, for a device whose platform is not known: masking too much is safe, too little is not. */
const EVERY_PLATFORM: Platform[] = PLATFORM_NAMES.map((n) => platformByName(n)!);

/**
 * A line as the platform masks it, read as configuration wherever it came from (banner text
 * too: a banner's line is masked if a pattern matches it, which only ever masks more). A
 * leading diff or finding mark (`+`, `-`) is set aside first, so the pattern reads the line.
 */
export function maskAlertLine(line: string, platforms: readonly Platform[]): string {
  const mark = /^[+-](?![+-])/.exec(line)?.[0] ?? '';
  if (line.startsWith('@@')) return line;
  let rest = line.slice(mark.length);
  for (const p of platforms) rest = maskLine(p, { text: rest, bannerText: false });
  return mark + rest;
}

function masked(d: AlertDevice, ctx: AlertContext): AlertDevice {
  const platforms = platformsFor(d.device, ctx);
  const lines = (ls: string[]) => capped(ls.map((l) => maskAlertLine(l, platforms)));
  return {
    ...d,
    findings: d.findings.map((f) => {
      if (!f.lines) return f;
      const c = lines(f.lines);
      return { ...f, lines: c.lines, ...(c.more > 0 ? { moreLines: c.more } : {}) };
    }),
    ...(d.diff
      ? (() => {
          const c = lines(d.diff.lines);
          return { diff: { ...d.diff, lines: c.lines, ...(c.more > 0 ? { moreLines: c.more } : {}) } };
        })()
      : {}),
  };
}

function capped(lines: string[]): { lines: string[]; more: number } {
  return lines.length <= MAX_LINES ? { lines, more: 0 } : { lines: lines.slice(0, MAX_LINES), more: lines.length - MAX_LINES };
}

/**
 * Every string in the payload with each secret value replaced by SECRET_MASK: a failure
 * reason that quoted what a switch echoed, a description someone pasted a password into.
 * Longest first, so a value that holds another is replaced whole.
 */
export function scrubbed<T>(value: T, secrets: readonly string[]): T {
  const values = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return value;
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return values.reduce((s, secret) => s.split(secret).join(SECRET_MASK), v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub(value) as T;
}
