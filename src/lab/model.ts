// The state of one simulated switch and the events that change it.
// Plain data and pure functions: the SSH server, the SNMP agent and the lab
// control all read and change a switch through this file only, so every way
// in (a test, `switchback lab event`, a config-mode session) behaves the same.

import { ConfigTree, parseConfig, renderConfig } from './config-tree.js';

export type MemberRole = 'Active' | 'Standby' | 'Member';
/** States as `show switch` prints them on IOS-XE StackWise. */
export type MemberState = 'Ready' | 'Provisioned' | 'Removed' | 'Initializing' | 'V-Mismatch';
export type PowerFeed = string; // "A", "B", … as the inventory names it

export interface Member {
  number: number;
  role: MemberRole;
  state: MemberState;
  /** Configured stack priority (1–15); the highest Ready member wins an election. */
  priority: number;
  mac: string; // dotted IOS form, e.g. "689c.e2ff.b9d9"
  model: string; // e.g. "C9300-48P"
  serial: string; // e.g. "FOC2231X0AB"
  version: string; // e.g. "17.09.04a"
  hwVersion: string; // e.g. "V02"
  ports: number;
  feed?: PowerFeed;
  /** Whether the member has power; a Provisioned member was never present. */
  powered: boolean;
}

/** Faults a lab switch can be told to show, one at a time or together. */
export interface Faults {
  refuseAuth: boolean;
  hangAfterLogin: boolean;
  /** Drop the connection after this many bytes of command output. */
  dropAfterBytes?: number;
  /**
   * Drop the connection when a configuration-mode line is typed after `lines` of them
   * were (a link lost halfway through a restore). `typed` counts the lines typed in
   * configuration mode, in any session, since the fault was set.
   */
  dropAfterLines?: { lines: number; typed: number };
  /** Send output in chunks of this many bytes with a pause between them. */
  drip?: { chunkBytes: number; pauseMs: number };
  /** Sprinkle ANSI escape codes and NULs into output (a well-behaved reader strips them). */
  ansiNoise: boolean;
  /** Answer commands with random bytes instead of their output. */
  garbage: boolean;
  /** Wait this long before answering each command. */
  latencyMs: number;
  /** The SNMP agent drops every request (as a switch with a wedged SNMP process does). */
  snmpSilent: boolean;
  /**
   * The startup config cannot be read: `invalid` as for a user whose privilege level lacks the
   * command (it does not exist for the session), `silent` as an old train that prints nothing.
   */
  startupRefused?: 'invalid' | 'silent';
}

export const NO_FAULTS: Faults = {
  refuseAuth: false,
  hangAfterLogin: false,
  ansiNoise: false,
  garbage: false,
  latencyMs: 0,
  snmpSilent: false,
};

export interface NvramHeader {
  lastChangeAt: number;
  lastChangeBy: string;
  savedAt: number;
  savedBy: string;
}

export interface SwitchState {
  /** Inventory name; stable even when the configured hostname changes. */
  name: string;
  running: ConfigTree;
  /** null: no startup configuration in NVRAM ("startup-config is not present"). */
  startup: ConfigTree | null;
  members: Member[];
  /** Incremented at every boot (snmpEngineBoots). */
  boots: number;
  /** Wall-clock ms of the last boot; sysUpTime counts from here. */
  bootedAt: number;
  /** Wall-clock ms of the last running-config change, and who made it. */
  runningChangedAt: number;
  runningChangedBy: string;
  /** Wall-clock ms of the last write to NVRAM; null if never since boot. */
  startupChangedAt: number | null;
  startupChangedBy: string;
  /**
   * The comment header IOS wrote into NVRAM with the last save (when the config it
   * saved last changed, and when it was saved). It survives reboots, unlike
   * startupChangedAt; null when NVRAM holds no configuration.
   */
  nvram: NvramHeader | null;
  /** Wall-clock ms the running config was last written anywhere (NVRAM, TFTP, terminal): ccmHistoryRunningLastSaved. */
  runningSavedAt: number | null;
  /** Whether the switch has power at all (false once every member lost it). */
  up: boolean;
  faults: Faults;
  /** Counts SSH host-key replacements (a chassis swap), so the key can change on demand. */
  hostKeyGeneration: number;
  /**
   * State only the switch's personality reads (a candidate configuration, a commit
   * history, each supervisor's copy of the configuration…). Generic code never looks inside; it is the personality's to keep.
   */
  extra?: unknown;
}

/** How long after power-on IOS applies the startup config: the running config "changes" then. */
export const BOOT_CONFIG_APPLY_MS = 45_000;
/**
 * How long a lab boot takes. The lab comes back at once, but it reports having
 * booted this long ago, so that the config-apply moment above lies in the past
 * as it does on a real switch that answers only after its boot.
 */
export const BOOT_DURATION_MS = 90_000;

export function hostnameOf(config: ConfigTree): string {
  for (const node of config) {
    const m = /^hostname (\S+)$/.exec(node.line);
    if (m?.[1]) return m[1];
  }
  return 'Switch'; // IOS's factory hostname
}

export function activeMember(state: SwitchState): Member | undefined {
  return state.members.find((m) => m.role === 'Active' && m.state === 'Ready');
}

/** True when running and startup differ, as `show archive config differences` would say. */
export function isUnsaved(state: SwitchState): boolean {
  return state.startup === null || renderConfig(state.running) !== renderConfig(state.startup);
}

// ---------------------------------------------------------------- events

export function changeRunning(state: SwitchState, apply: (tree: ConfigTree) => ConfigTree, by: string, now: number): void {
  state.running = apply(state.running);
  state.runningChangedAt = now;
  state.runningChangedBy = by;
}

export function save(state: SwitchState, by: string, now: number): void {
  state.startup = parseConfig(renderConfig(state.running));
  state.startupChangedAt = now;
  state.startupChangedBy = by;
  state.runningSavedAt = now;
  state.nvram = { lastChangeAt: state.runningChangedAt, lastChangeBy: state.runningChangedBy, savedAt: now, savedBy: by };
}

/**
 * The running config was copied somewhere other than NVRAM (a TFTP server, say).
 * IOS counts any write of it as "saved" (ccmHistoryRunningLastSaved), which is why
 * that value cannot tell whether startup is up to date.
 */
export function recordRunningCopied(state: SwitchState, now: number): void {
  state.runningSavedAt = now;
}

/**
 * Power lost and restored on the whole stack. The switch boots from startup:
 * whatever was not saved is gone. With loseConfig the switch boots as the
 * incident's switch did, with NVRAM empty and a factory-default running config.
 */
export function powerCycle(state: SwitchState, factoryDefault: ConfigTree, now: number, loseConfig = false): void {
  if (loseConfig) {
    state.startup = null;
    state.nvram = null;
  }
  state.running = state.startup ? parseConfig(renderConfig(state.startup)) : parseConfig(renderConfig(factoryDefault));
  state.boots += 1;
  state.bootedAt = now - BOOT_DURATION_MS;
  // IOS records applying the startup config as a running-config change shortly after boot;
  // nothing has been written to NVRAM since this boot.
  state.runningChangedAt = state.bootedAt + BOOT_CONFIG_APPLY_MS;
  state.runningChangedBy = '';
  state.startupChangedAt = null;
  state.startupChangedBy = '';
  state.runningSavedAt = null;
  state.up = true;
  for (const m of state.members) {
    if (m.state === 'Provisioned') continue;
    m.powered = true;
    m.state = 'Ready';
  }
  elect(state, true);
}

/** One member loses power. If it was Active, the Standby takes over. The stack goes dark when none is left. */
export function memberDown(state: SwitchState, number: number): void {
  const m = findMember(state, number);
  if (m.state === 'Provisioned') throw new LabEventError(`member ${number} is only provisioned; it has no power to lose`);
  m.powered = false;
  m.state = 'Removed';
  const wasActive = m.role === 'Active';
  m.role = 'Member';
  if (!state.members.some((x) => x.powered)) {
    state.up = false; // every member is dark: the stack is off
    return;
  }
  if (wasActive) {
    const standby = state.members.find((x) => x.role === 'Standby' && x.state === 'Ready');
    if (standby) standby.role = 'Active';
  }
  elect(state, false);
}

/** Power returns to one member. It rejoins as a Member; if the whole stack was dark, the stack boots. */
export function memberUp(state: SwitchState, number: number, factoryDefault: ConfigTree, now: number): void {
  const m = findMember(state, number);
  if (m.state === 'Provisioned') throw new LabEventError(`member ${number} is only provisioned; there is no hardware to power up`);
  if (m.powered) throw new LabEventError(`member ${number} already has power`);
  if (!state.up) {
    // The stack was dark. Only the members that have power come up.
    const dark = state.members.filter((x) => x !== m && x.state !== 'Provisioned');
    powerCycle(state, factoryDefault, now);
    for (const x of dark) {
      x.powered = false;
      x.state = 'Removed';
      x.role = 'Member';
    }
    elect(state, true);
    return;
  }
  m.powered = true;
  m.state = 'Ready';
  m.role = 'Member';
  elect(state, false);
}

/**
 * StackWise election: keep a Ready Active if there is one (no pre-emption), otherwise
 * the highest priority, then the lowest number; then a Standby the same way.
 * At boot (fresh) all roles are elected anew.
 */
function elect(state: SwitchState, fresh: boolean): void {
  const ready = state.members.filter((m) => m.state === 'Ready');
  if (fresh) for (const m of ready) m.role = 'Member';
  const byRank = [...ready].sort((a, b) => b.priority - a.priority || a.number - b.number);
  let active = ready.find((m) => m.role === 'Active');
  if (!active) {
    active = byRank[0];
    if (active) active.role = 'Active';
  }
  if (!ready.some((m) => m.role === 'Standby')) {
    const standby = byRank.find((m) => m !== active);
    if (standby) standby.role = 'Standby';
  }
}

function findMember(state: SwitchState, number: number): Member {
  const m = state.members.find((x) => x.number === number);
  if (!m) {
    const known = state.members.map((x) => x.number).join(', ');
    throw new LabEventError(`${state.name} has no stack member ${number} (members: ${known})`);
  }
  return m;
}

/** A lab event that cannot happen in this state: the message goes to the person who asked. */
export class LabEventError extends Error {}
