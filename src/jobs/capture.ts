// Capture one device: over SSH (log in, run the platform's commands, read the
// running and startup configs and the stack state), or over SNMP + TFTP (the
// switch uploads its configs to a TFTP receiver switchback runs for the copy),
// which is also the fallback when SSH fails. Orchestration only: SSH, SNMP and
// TFTP are transport's, reading the answers is the platform's and config/'s.

import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { completeRuleWords, extractConfig, isComplete, maskSecrets, whyIncomplete } from '../config/normalise.js';
import { stripTerminal } from '../transport/terminal-text.js';
import type { Device } from '../inventory/device.js';
import { resolveSecret } from '../inventory/secrets.js';
import { pairCommand } from '../platforms/platform.js';
import type { ConfigCopyMib, PairState, Platform, PlatformOptions, SnmpRow, StackMember, StackModelName, VersionFacts } from '../platforms/platform.js';
import { membersOf, stackReadings } from '../platforms/stack-models/index.js';
import { CliError, DEFAULT_MAX_OUTPUT_BYTES } from '../transport/cli-engine.js';
import type { CliDialect, CliEngine } from '../transport/cli-engine.js';
import { ConfigCopyError, copyConfigToTftp } from '../transport/snmp-config-copy.js';
import type { ConfigSource } from '../transport/snmp-config-copy.js';
import { openSnmp } from '../transport/snmp.js';
import { SnmpError } from '../transport/snmp-types.js';
import type { SnmpSession, SnmpTarget, SnmpValue } from '../transport/snmp-types.js';
import { openShell, SshError } from '../transport/ssh.js';
import type { ExecResult, HostKey } from '../transport/ssh.js';
import { deviceTranscript } from './transcript.js';
import type { TranscriptOut } from './transcript.js';

export interface Capture {
  running: string;
  /**
   * null: the device has no startup configuration at all — or, with startupUnreadable set,
   * it is unknown — or the platform keeps none apart from running (`startup.from: 'none'`).
   */
  startup: string | null;
  /**
   * On a platform whose unsaved model is a candidate: the pending lines its command
   * listed, and whether the last commit reached every routing engine. Absent otherwise.
   */
  candidate?: { lines: string[]; sync?: { synced: boolean; detail: string } };
  /**
   * Set (only for a caller that allows it) when the startup config could not be read: the
   * device refused the command (a privilege level without it, an old train) or printed
   * nothing. Whether anything is unsaved is then unknown.
   */
  startupUnreadable?: string;
  version: VersionFacts;
  members: StackMember[];
  /**
   * On a platform that stacks by one of several technologies (`stack.alternatives`): the
   * model of the read that listed the members (or the first read's, when none did). Absent
   * where the model cannot vary, or the members came over SNMP.
   */
  stackModel?: StackModelName;
  /** On a platform with a redundant pair (`pair`): this peer's view of it, or why it could not be read. Absent otherwise. */
  pair?: PairRead;
  /** The SSH host key of the session; absent when the configs came over SNMP + TFTP. */
  hostKey?: HostKey;
  /** How the configurations came. */
  via: 'ssh' | 'snmp-tftp';
  /** For a capture over SNMP + TFTP: what it could and could not read, for state.json. */
  overSnmp?: SnmpCaptureNotes;
}

export interface SnmpCaptureNotes {
  /** SSH was tried first and failed: `stage: reason`. */
  sshFailed?: string;
  /** Where version facts came from: only the hostname (sysName) is read over SNMP. */
  version: string;
  /** Where stack members came from. */
  stack: string;
}

/** A pair read: the peer's view, or why there is none (the rest of the capture stands). */
export type PairRead = { state: PairState } | { unreadable: string };

/** Where a capture failed, for the summary; the message is already in words. */
export type CaptureStage =
  'host-key' | 'auth' | 'connect' | 'timeout' | 'closed' | 'enable' | 'command' | 'incomplete' | 'too-large' | 'secret' | 'snmp' | 'tftp' | 'copy';

export class CaptureError extends Error {
  constructor(
    readonly stage: CaptureStage,
    message: string,
  ) {
    super(message);
  }
}

/** What a caller of captureFor may ask besides the capture itself. */
export interface CaptureOptions {
  /** Told when an SSH login with the offered host key succeeded, even if the capture fails after it. */
  onLogin?: (key: HostKey) => void;
  /** A refused or empty startup config is reported (Capture.startupUnreadable), not a failure. */
  allowUnreadableStartup?: boolean;
  /**
   * Read the platform's pair command (a device the inventory says is one peer of a pair;
   * captureDevice decides from the device). Only then: a switch in no pair may answer its
   * pair command with an error or a "disabled" its parser refuses, which is no news.
   * The device's inventory pair: its domain goes into a command that names it (OS10 `show vlt 1`).
   */
  readPair?: { domain: string };
  /** --verbose: the session's transcript goes here. */
  transcript?: TranscriptOut;
}

/** An open SSH session at a privileged prompt, with the host key it was verified by. */
export interface DeviceShell {
  engine: CliEngine;
  hostKey: HostKey;
  /** One command on an exec channel beside the CLI (a file read), bounded by the device's limits. */
  exec(command: string): Promise<ExecResult>;
  /** The device's platform options (inventory `platformOptions`). */
  options: PlatformOptions;
  /** When the device's overall deadline (timeouts.deviceMs from the start) passes. */
  deadline: number;
  close(): void;
}

/**
 * Log in over SSH and get to a privileged prompt: credentials resolved from their
 * references, the host key checked by `verifyHostKey`, paging turned off.
 */
export async function openDeviceShell(
  device: Device,
  platform: Platform,
  verifyHostKey: (key: HostKey) => true | string,
  hostKeyAlgorithms?: string[],
  deviceMs: number = device.timeouts.deviceMs,
  onLogin?: (key: HostKey) => void,
  transcriptOut?: TranscriptOut,
): Promise<DeviceShell> {
  const where = `${device.origin.file}: ${device.name}`;
  let username: string;
  let password: string | undefined;
  let privateKey: string | undefined;
  let passphrase: string | undefined;
  let enableSecret: string | undefined;
  try {
    const c = device.credentials;
    username = typeof c.username === 'string' ? c.username : resolveSecret(c.username, `${where}.credentials.username`);
    password = c.password && resolveSecret(c.password, `${where}.credentials.password`);
    privateKey = c.privateKey && resolveSecret(c.privateKey, `${where}.credentials.privateKey`);
    passphrase = c.passphrase && resolveSecret(c.passphrase, `${where}.credentials.passphrase`);
    enableSecret = c.enable && resolveSecret(c.enable, `${where}.credentials.enable`);
  } catch (err) {
    throw new CaptureError('secret', (err as Error).message);
  }

  const transcript =
    transcriptOut && deviceTranscript(device.name, platform, [password, enableSecret, passphrase, privateKey, ...snmpSecrets(device)], transcriptOut);
  const deadline = Date.now() + deviceMs;
  try {
    const shell = await openShell(
      {
        host: device.host,
        port: device.port,
        username,
        ...(password !== undefined ? { password } : {}),
        ...(privateKey !== undefined ? { privateKey } : {}),
        ...(passphrase !== undefined ? { passphrase } : {}),
        verifyHostKey,
        ...(hostKeyAlgorithms ? { hostKeyAlgorithms } : {}),
        ...(onLogin ? { onLogin } : {}),
        connectTimeoutMs: Math.min(device.timeouts.commandMs, deviceMs),
      },
      cliDialect(platform, device.platformOptions ?? {}),
      {
        commandTimeoutMs: device.timeouts.commandMs,
        deadline,
        ...(enableSecret !== undefined ? { enableSecret } : {}),
        ...(device.maxOutput !== undefined ? { maxOutputBytes: device.maxOutput } : {}),
        ...(transcript ? { transcript } : {}),
      },
    );
    const maxBytes = device.maxOutput ?? DEFAULT_MAX_OUTPUT_BYTES;
    return {
      engine: shell.engine,
      hostKey: shell.hostKey,
      exec: async (command) => {
        transcript?.({ dir: 'sent', text: `(exec channel) ${command}` });
        const result = await shell.exec(command, { timeoutMs: Math.max(1, Math.min(device.timeouts.commandMs, deadline - Date.now())), maxBytes });
        transcript?.({ dir: 'received', text: result.stdout + result.stderr });
        return result;
      },
      options: device.platformOptions ?? {},
      deadline,
      // Where leaving asks questions (the platform's `session.logout`), log out first, answering
      // them as the platform says (never saving), then close; elsewhere close at once.
      close: () => {
        const logout = shell.engine.logout;
        if (!logout) return shell.close();
        void logout().finally(() => shell.close());
      },
    };
  } catch (err) {
    throw asCaptureError(err);
  }
}

/** The device's SNMP secrets, for the transcript to hide (one that does not resolve has nothing to hide). */
function snmpSecrets(device: Device): (string | undefined)[] {
  const s = device.snmp;
  if (!s) return [];
  const refs = s.version === 2 ? [s.community] : [s.auth.key, s.priv.key];
  return refs.map((r) => {
    try {
      return resolveSecret(r, device.name);
    } catch {
      return undefined;
    }
  });
}

/** What the CLI engine needs of a platform, for one device (its options fill the start command). */
export function cliDialect(platform: Platform, options: PlatformOptions): CliDialect {
  const s = platform.session;
  return {
    prompt: platform.prompt,
    loginQuestions: platform.loginQuestions,
    setup: platform.setup,
    pagers: platform.pagers,
    pagerKey: platform.pagerKey,
    ...(s.kind === 'cli' && s.enable ? { enable: s.enable } : {}),
    ...(s.kind === 'shell-then-cli' ? { shell: { prompt: s.shellPrompt, start: s.start(options), failure: s.startFailure } } : {}),
    ...(s.logout ? { logout: s.logout } : {}),
  };
}

/** How a configuration is read: believed at the prompt after the syntax's end line, if it has one. */
function configRead(platform: Platform): { endLine?: RegExp } {
  return platform.syntax.endLine ? { endLine: platform.syntax.endLine } : {};
}

/** Run a command on an open session; failures become CaptureErrors. */
export async function runOn(shell: DeviceShell, command: string, opts?: { endLine?: RegExp }): Promise<string> {
  try {
    return await shell.engine.run(command, opts);
  } catch (err) {
    throw asCaptureError(err);
  }
}

/** The running config alone, checked complete: what restore reads before and after it types. */
export async function readRunning(shell: DeviceShell, platform: Platform): Promise<string> {
  const running = extractConfig(platform, await runOn(shell, platform.commands.running, configRead(platform)));
  if (!isComplete(platform, running)) throw new CaptureError('incomplete', incompleteReason(platform, platform.words.running, running));
  return running;
}

/** Everything a backup records, read over an open session: version, stack, running, startup (or the pending candidate). */
export async function captureOn(
  shell: DeviceShell,
  platform: Platform,
  opts: Pick<CaptureOptions, 'allowUnreadableStartup' | 'readPair'> = {},
): Promise<Capture> {
  const versionText = await runOn(shell, platform.commands.version);
  refusedBy(platform, platform.commands.version, versionText);
  const stack = await readStack(shell, platform);
  const running = await readRunning(shell, platform);
  const startup = await readStartup(shell, platform);
  // Refused or silent is not a cut output: the running config is whole and worth keeping.
  if (startup.kind === 'unreadable' && !opts.allowUnreadableStartup) throw new CaptureError('incomplete', startup.incomplete ?? startup.why);
  const candidate = await readCandidate(shell, platform);
  const pair = opts.readPair ? await readPair(shell, platform, opts.readPair) : undefined;
  return {
    running,
    startup: startup.kind === 'config' ? startup.text : null,
    ...(startup.kind === 'unreadable' ? { startupUnreadable: startup.why } : {}),
    ...(candidate ? { candidate } : {}),
    ...(pair ? { pair } : {}),
    version: platform.parseVersion(versionText),
    members: stack.members,
    ...(stack.model !== undefined ? { stackModel: stack.model } : {}),
    hostKey: shell.hostKey,
    via: 'ssh',
  };
}

/**
 * The stack members, by the platform's stack reads in order: the first whose command the
 * switch does not refuse and whose output lists members wins (a 2930M answers its stacking
 * command, a VSF switch refuses it and answers the next). `model` is said only where the
 * platform has alternatives (the model can vary).
 */
export async function readStack(shell: DeviceShell, platform: Platform): Promise<{ members: StackMember[]; model?: StackModelName }> {
  const reads = stackReadings(platform.stack);
  const first = reads[0];
  if (!first) return { members: membersOf(undefined, []) };
  const varies = reads.length > 1;
  for (const read of reads) {
    const text = await runOn(shell, read.command);
    if (varies && platform.errors.some((re) => re.test(text))) continue;
    const members = text ? read.parse(text) : [];
    if (members.length > 0 || !varies) return { members: membersOf(read, members), ...(varies ? { model: read.model } : {}) };
  }
  // No stacking technology lists a member: the switch does not stack, and is its own one member
  // (a 2910al, or a 2930M whose stack never formed), so `ready --feed` judges its feed.
  return { members: membersOf(undefined, []), model: first.model };
}

/**
 * This peer's view of its redundant pair, on a platform that has one. A refusal or an output
 * the parser cannot read fails the pair read alone, with the reason: the configurations read
 * in the same session are worth keeping (a lost session still fails the capture, as any command's).
 */
export async function readPair(shell: DeviceShell, platform: Platform, device: { domain: string }): Promise<PairRead | undefined> {
  if (!platform.pair) return undefined;
  // The inventory's domain, for a platform whose documented command names it (OS10 `show vlt 1`).
  const command = pairCommand(platform.pair, device);
  const output = await runOn(shell, command);
  const error = platform.errors.find((re) => re.test(output));
  if (error) return { unreadable: `the device refused "${command}": ${firstMatchLine(output, error)}` };
  try {
    return { state: platform.pair.parse(output) };
  } catch (err) {
    return { unreadable: `"${command}" could not be read: ${(err as Error).message}` };
  }
}

/**
 * What the switch boots with, from where the platform keeps it: `config` (its text), `none`
 * (no saved configuration at all, or a platform that keeps none apart from running), or
 * `unreadable` (refused, printed nothing: unsaved cannot be judged; `incomplete` says so
 * for a caller that does not accept that).
 */
export type StartupRead = { kind: 'config'; text: string } | { kind: 'none' } | { kind: 'unreadable'; why: string; incomplete?: string };

export async function readStartup(shell: DeviceShell, platform: Platform): Promise<StartupRead> {
  const source = platform.startup;
  if (source.from === 'none') return { kind: 'none' };
  if (source.from === 'file') {
    const path = source.path(shell.options);
    let r: ExecResult;
    try {
      r = await shell.exec(source.read(path));
    } catch (err) {
      throw asCaptureError(err);
    }
    const said = `${r.stdout}\n${r.stderr}`;
    if (source.missing.test(said)) return { kind: 'none' };
    if (r.code !== 0) {
      // Most commands complain on stderr; a CLI run on the exec channel (a login whose shell is
      // the CLI) says why on stdout. Either way one line, masked, cut short.
      const said = r.stderr.trim() !== '' ? r.stderr : r.stdout;
      const line = maskSecrets(platform, stripTerminal(said).trim().split('\n')[0] ?? '').trim();
      return {
        kind: 'unreadable',
        why: `the saved configuration ${path} could not be read (exit ${r.code ?? 'unknown'}${line ? `: ${line.slice(0, 120)}` : ''})`,
      };
    }
    // An empty file is no saved configuration. A file read whole needs no completeness mark.
    const text = extractConfig(platform, r.stdout);
    return text === '' ? { kind: 'none' } : { kind: 'config', text };
  }
  const output = await runOn(shell, source.command, configRead(platform));
  if (source.empty?.test(output)) return { kind: 'none' };
  const text = extractConfig(platform, output);
  if (isComplete(platform, text)) return { kind: 'config', text };
  const incomplete = incompleteReason(platform, platform.words.startup, text);
  const error = platform.errors.find((re) => re.test(output));
  if (error) return { kind: 'unreadable', why: `the device refused "${source.command}": ${firstMatchLine(output, error)}`, incomplete };
  if (output.trim() === '') return { kind: 'unreadable', why: `"${source.command}" printed nothing`, incomplete };
  throw new CaptureError('incomplete', incomplete);
}

/** A candidate platform's pending lines (and, on a stack of routing engines, whether the last commit reached all). */
export async function readCandidate(shell: DeviceShell, platform: Platform): Promise<Capture['candidate']> {
  const model = platform.unsaved;
  if (model.kind !== 'candidate') return undefined;
  const outputs: string[] = [];
  // Typed, not run: leaving configuration mode may ask a question (uncommitted changes), answered as the platform says.
  const dialect = { prompt: platform.prompt, errors: [], questions: model.questions ?? [] };
  for (const command of model.commands) {
    try {
      outputs.push((await shell.engine.type([command], dialect)).output);
    } catch (err) {
      throw asCaptureError(err);
    }
  }
  const lines = model.parse(outputs.join('\n'));
  const sync = model.sync ? model.sync.parse(await runOn(shell, model.sync.command)) : undefined;
  return { lines, ...(sync ? { sync } : {}) };
}

export async function captureDevice(
  device: Device,
  platform: Platform,
  verifyHostKey: (key: HostKey) => true | string,
  hostKeyAlgorithms?: string[],
  opts: CaptureOptions = {},
): Promise<Capture> {
  const shell = await openDeviceShell(device, platform, verifyHostKey, hostKeyAlgorithms, device.timeouts.deviceMs, opts.onLogin, opts.transcript);
  try {
    return await captureOn(shell, platform, { ...opts, ...(device.pair ? { readPair: device.pair } : {}) });
  } finally {
    shell.close();
  }
}

// ---------------------------------------------------------------- platform: auto over SSH

/**
 * `platform: auto` for a switch SNMP cannot tell apart: each platform that says how it is
 * known over SSH (`sshDetect`), in src/platforms' order, is logged in to its own way and asked
 * its version command; the first whose answer says so is the platform. A login that fails
 * ends the search (the next would fail the same way); a session that is not the platform's
 * (no prompt of its kind) is only a no.
 */
export async function detectOverSsh(
  device: Device,
  candidates: Platform[],
  verifyHostKey: (key: HostKey) => true | string,
  hostKeyAlgorithms?: string[],
  onLogin?: (key: HostKey) => void,
  transcript?: TranscriptOut,
): Promise<{ platform: Platform } | { reason: string }> {
  const tried: string[] = [];
  for (const platform of candidates) {
    const detect = platform.sshDetect;
    if (!detect) continue;
    let shell: DeviceShell;
    try {
      shell = await openDeviceShell(device, platform, verifyHostKey, hostKeyAlgorithms, device.timeouts.deviceMs, onLogin, transcript);
    } catch (err) {
      const e = asCaptureError(err);
      if (e.stage === 'host-key' || e.stage === 'auth' || e.stage === 'connect' || e.stage === 'secret') return { reason: `${e.stage}: ${e.message}` };
      tried.push(`not ${platform.name} (${e.stage}: ${e.message})`);
      continue;
    }
    try {
      const out = await runOn(shell, platform.commands.version);
      if (stateless(detect.versionSays).test(stripTerminal(out))) return { platform };
      tried.push(`not ${platform.name} ("${platform.commands.version}" does not say so)`);
    } catch (err) {
      tried.push(`not ${platform.name} (${asCaptureError(err).message})`);
    } finally {
      shell.close();
    }
  }
  return { reason: tried.length > 0 ? tried.join('; ') : 'no platform is detected over SSH' };
}

const stateless = (re: RegExp): RegExp => (re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re);

// ---------------------------------------------------------------- which way

/**
 * The device's configured transport; for an SSH device with SNMP and TFTP settings on a
 * platform that copies configs over SNMP, SNMP + TFTP when SSH fails. A changed host key
 * is never worked around: it may be an attack, and the operator has to look at it.
 */
export async function captureFor(
  device: Device,
  platform: Platform,
  verifyHostKey: (key: HostKey) => true | string,
  hostKeyAlgorithms?: string[],
  opts: CaptureOptions = {},
): Promise<Capture> {
  if (device.transport === 'snmp-tftp') return captureOverSnmp(device, platform);
  try {
    return await captureDevice(device, platform, verifyHostKey, hostKeyAlgorithms, opts);
  } catch (err) {
    const ssh = asCaptureError(err);
    const fallback = device.snmp !== undefined && device.tftp !== undefined && copyTable(platform) !== undefined;
    if (!fallback || ssh.stage === 'host-key') throw ssh;
    let capture: Capture;
    try {
      capture = await captureOverSnmp(device, platform);
    } catch (snmpErr) {
      throw new CaptureError(ssh.stage, `${ssh.message}; the fallback over SNMP + TFTP failed too: ${asCaptureError(snmpErr).message}`);
    }
    return { ...capture, overSnmp: { ...capture.overSnmp!, sshFailed: `${ssh.stage}: ${ssh.message}` } };
  }
}

// ---------------------------------------------------------------- over SNMP + TFTP

/** The largest configuration accepted over TFTP. */
const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

const SYS_NAME = '1.3.6.1.2.1.1.5.0';

/**
 * Running and startup configs copied over SNMP to switchback's own TFTP receiver
 * (`tftp:` in the inventory), normalised as an SSH capture is, so the two compare equal.
 * Facts: the hostname from sysName and stack members from the platform's SNMP stack
 * table; the software version, model and serials stay empty (not read over SNMP).
 */
export async function captureOverSnmp(device: Device, platform: Platform): Promise<Capture> {
  const where = `${device.origin.file}: ${device.name}`;
  const mib = copyTable(platform);
  if (!mib) throw new CaptureError('copy', `${platform.label} has no config copy over SNMP in switchback; use transport ssh for ${device.name}`);
  if (!device.snmp) throw new CaptureError('snmp', `${where}: no snmp settings: a copy over SNMP needs them (snmp: { version: …, … })`);
  const tftp = device.tftp;
  if (!tftp)
    throw new CaptureError(
      'tftp',
      `${where}: no tftp settings: a copy over SNMP needs tftp: { address: …, port: 69 } (where switchback's TFTP receiver listens; the switch is told to send there)`,
    );
  let target: SnmpTarget;
  try {
    target = snmpTarget(device);
  } catch (err) {
    throw new CaptureError('secret', (err as Error).message);
  }
  let from: string;
  try {
    from = isIP(device.host) ? device.host : (await lookup(device.host)).address;
  } catch (err) {
    throw new CaptureError('connect', `cannot resolve ${device.host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }

  const deadline = Date.now() + device.timeouts.deviceMs;
  const session = openSnmp(target);
  try {
    const copy = async (source: ConfigSource): Promise<string | null> => {
      const timeoutMs = Math.max(1, Math.min(device.timeouts.commandMs, deadline - Date.now()));
      const filename = `switchback-${device.name}-${source}-${randomBytes(6).toString('hex')}.cfg`;
      try {
        const file = await copyConfigToTftp(session, mib, { source, server: tftp, filename, expectFrom: from, maxBytes: MAX_CONFIG_BYTES, timeoutMs });
        return file.toString('utf8');
      } catch (err) {
        // NVRAM empty: like `startup-config is not present` over SSH, not a failure.
        if (source === 'startup' && err instanceof ConfigCopyError && err.noConfig) return null;
        throw asCaptureError(err);
      }
    };
    const runningText = (await copy('running')) ?? '';
    const running = extractConfig(platform, runningText);
    if (!isComplete(platform, running)) throw new CaptureError('incomplete', incompleteReason(platform, platform.words.running, running));
    const startupText = await copy('startup');
    const startup = startupText === null ? null : extractConfig(platform, startupText);
    if (startup !== null && !isComplete(platform, startup)) throw new CaptureError('incomplete', incompleteReason(platform, platform.words.startup, startup));

    const facts = await snmpFacts(session, platform);
    return { running, startup, via: 'snmp-tftp', ...facts };
  } finally {
    session.close();
  }
}

/** Facts SNMP gives cheaply; whatever cannot be read stays empty, and the notes say so. */
async function snmpFacts(session: SnmpSession, platform: Platform): Promise<Pick<Capture, 'version' | 'members' | 'overSnmp'>> {
  let hostname: string | undefined;
  try {
    const [name] = await session.get([SYS_NAME]);
    if (name?.type === 'octets' && name.value.length > 0) hostname = name.value.toString('utf8');
  } catch {
    // The copies just worked over this session; a lost answer here only costs the hostname.
  }
  let members: StackMember[] = [];
  let stack = 'none: the platform reads no stack table over SNMP';
  const table = platform.snmp?.stack;
  if (table) {
    try {
      members = table.parse((await session.walk(table.table)).map(snmpRow));
      stack = `from SNMP (${table.table})`;
    } catch (err) {
      stack = `none: the SNMP stack table could not be read (${(err as Error).message})`;
    }
  }
  return {
    version: { ...(hostname !== undefined ? { hostname } : {}), serials: [], members: [] },
    members: membersOf(platform.stack, members),
    overSnmp: {
      version: hostname !== undefined ? 'hostname only (sysName); version, model and serials are not read over SNMP' : 'none (not read over SNMP)',
      stack,
    },
  };
}

function snmpRow(v: SnmpValue): SnmpRow {
  return { oid: v.oid, value: v.value };
}

/** The SNMP target with its secrets resolved. */
function snmpTarget(device: Device): SnmpTarget {
  const s = device.snmp!;
  const where = `${device.origin.file}: ${device.name}`;
  const base = { host: device.host, port: s.port, timeoutMs: s.timeoutMs, retries: s.retries };
  if (s.version === 2) return { ...base, version: 2, community: resolveSecret(s.community, `${where}.snmp.community`) };
  return {
    ...base,
    version: 3,
    user: s.user,
    auth: { protocol: s.auth.protocol, key: resolveSecret(s.auth.key, `${where}.snmp.auth.key`) },
    priv: { protocol: s.priv.protocol, key: resolveSecret(s.priv.key, `${where}.snmp.priv.key`) },
  };
}

/** The platform's config copy MIB when it is the kind transport/snmp-config-copy.ts drives (a copy table); the URI kind is not driven yet. */
function copyTable(platform: Platform): ConfigCopyMib | undefined {
  const mib = platform.snmp?.configCopy;
  return mib && mib.kind !== 'uri' ? mib : undefined;
}

// ---------------------------------------------------------------- messages

function refusedBy(platform: Platform, command: string, output: string): void {
  const error = platform.errors.find((re) => re.test(output));
  if (error) throw new CaptureError('command', `the device refused "${command}": ${firstMatchLine(output, error)}`);
}

function incompleteReason(platform: Platform, what: string, text: string): string {
  const error = platform.errors.find((re) => re.test(text));
  if (error) return `${what} holds an error instead of a configuration: ${firstMatchLine(text, error)}`;
  const why = whyIncomplete(platform.syntax, text) ?? platform.syntax.completeSays;
  return `${what} is incomplete: ${why} (${completeRuleWords(platform.syntax)}) in ${text.length} bytes — the output was cut or is not a configuration`;
}

function firstMatchLine(text: string, re: RegExp): string {
  return (
    text
      .split('\n')
      .find((l) => re.test(l))
      ?.trim() ?? ''
  );
}

export function asCaptureError(err: unknown): CaptureError {
  if (err instanceof CaptureError) return err;
  if (err instanceof SshError) return new CaptureError(err.kind === 'closed' ? 'closed' : err.kind, err.message);
  if (err instanceof ConfigCopyError) {
    const stage: CaptureStage = err.reason === 'timeout' ? 'timeout' : err.reason === 'tftp' ? 'tftp' : err.reason === 'snmp' ? 'snmp' : 'copy';
    return new CaptureError(stage, err.message);
  }
  if (err instanceof SnmpError) {
    const stage: CaptureStage = err.kind === 'timeout' ? 'timeout' : err.kind === 'protocol' || err.kind === 'refused' ? 'snmp' : 'auth';
    return new CaptureError(stage, err.message);
  }
  if (err instanceof CliError) {
    const stage: CaptureStage =
      err.kind === 'enable' || err.kind === 'too-large' || err.kind === 'closed'
        ? err.kind
        : err.kind === 'timeout' || err.kind === 'no-prompt'
          ? 'timeout'
          : 'command';
    return new CaptureError(stage, err.message);
  }
  return new CaptureError('command', (err as Error).message ?? String(err));
}
