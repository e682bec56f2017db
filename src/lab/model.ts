// The state of one simulated switch and the events that change it.
// Plain data and pure functions: the SSH server, the SNMP agent and the lab
// control all read and change a switch through this file only, so every way
// in (a test, `switchback lab event`, a config-mode session) behaves the same.

import { cloneTree, renderConfig } from './config-tree.js';
import type { ConfigTree } from './config-tree.js';

/**
 * A member's role, in the lab's own words: the one that runs the stack, the one ready
 * to take over, and the rest. Each personality prints its vendor's words for them.
 */
export type MemberRole = 'active' | 'standby' | 'member';
/**
 * A member's state, in the lab's own words: in the stack and working; configured but
 * with no hardware; gone (no power); starting; running other software than the stack.
 */
export type MemberState = 'ready' | 'provisioned' | 'removed' | 'initializing' | 'version-mismatch';
export type PowerFeed = string; // "A", "B", … as the inventory names it

export interface Member {
  number: number;
  role: MemberRole;
  state: MemberState;
  /** Configured stack priority; the highest ready member wins the generic election. */
  priority: number;
  /** The member's MAC address, in the form its personality prints. */
  mac: string;
  /** Hardware model and serial number, as the personality makes them. */
  model: string;
  serial: string;
  /** Software and hardware versions, as the personality prints them. */
  version: string;
  hwVersion: string;
  ports: number;
  feed?: PowerFeed;
  /** Whether the member has power; a provisioned member was never present. */
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
  /** null: no saved configuration to boot from. */
  startup: ConfigTree | null;
  members: Member[];
  /** Incremented at every boot (snmpEngineBoots). */
  boots: number;
  /** Wall-clock ms of the last boot; sysUpTime counts from here. */
  bootedAt: number;
  /** Wall-clock ms of the last change to the running configuration, and who made it. */
  runningChangedAt: number;
  runningChangedBy: string;
  /** Wall-clock ms of the last save; null if never since boot. */
  startupChangedAt: number | null;
  startupChangedBy: string;
  /**
   * What the last save recorded beside the saved configuration (when the config it
   * saved last changed, and when it was saved): a personality may print it. It survives
   * reboots, unlike startupChangedAt; null when nothing is saved.
   */
  nvram: NvramHeader | null;
  /** Wall-clock ms the running config was last written anywhere (saved, copied off the switch, printed to a terminal). */
  runningSavedAt: number | null;
  /** Whether the switch has power at all (false once every member lost it). */
  up: boolean;
  faults: Faults;
  /** Counts SSH host-key replacements (a chassis swap), so the key can change on demand. */
  hostKeyGeneration: number;
  /**
   * The redundant pair (MLAG, vPC, VLT) this switch is one peer of, as the fleet wires it and
   * keeps it current (a peer that loses power, a peer link cut by a lab event); absent when
   * the switch is in no pair. The personality prints it in its own show command.
   */
  pair?: LabPairView;
  /**
   * State only the switch's personality reads (a candidate configuration, commit
   * history, routing engines…). Generic code never looks inside; it is the personality's to keep.
   */
  extra?: unknown;
}

/** One peer's view of its redundant pair in the lab: what a real switch's pair command reports. */
export interface LabPairView {
  /** The pair's domain (MLAG domain-id, vPC domain, VLT domain). */
  domain: string;
  /** The other peer's inventory name. */
  peer: string;
  /** The other peer answers over the peer link or the keepalive. */
  peerUp: boolean;
  /** The link between the two (MLAG peer-link, vPC peer-link, VLTi). */
  peerLinkUp: boolean;
  /** This peer's operational role now (a secondary whose primary is gone becomes primary). */
  role: 'primary' | 'secondary';
}

/** How long after power-on a switch applies its saved config: the running config "changes" then. */
export const BOOT_CONFIG_APPLY_MS = 45_000;
/**
 * How long a lab boot takes. The lab comes back at once, but it reports having
 * booted this long ago, so that the config-apply moment above lies in the past
 * as it does on a real switch that answers only after its boot.
 */
export const BOOT_DURATION_MS = 90_000;

export function activeMember(state: SwitchState): Member | undefined {
  return state.members.find((m) => m.role === 'active' && m.state === 'ready');
}

/** True when running and startup differ (nothing saved counts as a difference). */
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
  state.startup = cloneTree(state.running);
  state.startupChangedAt = now;
  state.startupChangedBy = by;
  state.runningSavedAt = now;
  state.nvram = { lastChangeAt: state.runningChangedAt, lastChangeBy: state.runningChangedBy, savedAt: now, savedBy: by };
}

/**
 * The running config was copied somewhere other than the saved configuration (a TFTP
 * server, say). Some switches count any write of it as "saved", which is why such a
 * value cannot tell whether startup is up to date.
 */
export function recordRunningCopied(state: SwitchState, now: number): void {
  state.runningSavedAt = now;
}

/**
 * Power lost and restored on the whole stack. The switch boots from startup:
 * whatever was not saved is gone. With loseConfig the switch boots as the
 * incident's switch did, with nothing saved and a factory-default running config.
 * Returns what the stack's election said, if anything.
 */
export function powerCycle(
  state: SwitchState,
  factoryDefault: ConfigTree,
  now: number,
  loseConfig = false,
  rules: StackRules = {},
): ElectionOutcome | undefined {
  if (loseConfig) {
    state.startup = null;
    state.nvram = null;
  }
  state.running = cloneTree(state.startup ?? factoryDefault);
  state.boots += 1;
  state.bootedAt = now - BOOT_DURATION_MS;
  // Applying the saved config shortly after boot counts as a change to the running config;
  // nothing has been saved since this boot.
  state.runningChangedAt = state.bootedAt + BOOT_CONFIG_APPLY_MS;
  state.runningChangedBy = '';
  state.startupChangedAt = null;
  state.startupChangedBy = '';
  state.runningSavedAt = null;
  state.up = true;
  for (const m of state.members) {
    if (m.state === 'provisioned') continue;
    m.powered = true;
    m.state = 'ready';
  }
  return elect(state, rules, { kind: 'boot' });
}

/**
 * One member loses power; the stack's election decides who runs it now. The stack goes
 * dark when no member is left. Returns what the election said, if anything.
 */
export function memberDown(state: SwitchState, number: number, rules: StackRules = {}): ElectionOutcome | undefined {
  const m = findMember(state, number);
  if (m.state === 'provisioned') throw new LabEventError(`member ${number} is only provisioned; it has no power to lose`);
  m.powered = false;
  m.state = 'removed';
  if (!state.members.some((x) => x.powered)) {
    m.role = 'member';
    state.up = false; // every member is dark: the stack is off
    return undefined;
  }
  // The lost member keeps its role until the election: the rules may depend on who went.
  return elect(state, rules, { kind: 'member-lost', member: number });
}

/** Power returns to one member. It rejoins as a plain member; if the whole stack was dark, the stack boots. */
export function memberUp(state: SwitchState, number: number, factoryDefault: ConfigTree, now: number, rules: StackRules = {}): ElectionOutcome | undefined {
  const m = findMember(state, number);
  if (m.state === 'provisioned') throw new LabEventError(`member ${number} is only provisioned; there is no hardware to power up`);
  if (m.powered) throw new LabEventError(`member ${number} already has power`);
  if (!state.up) {
    // The stack was dark. Only the members that have power come up.
    const dark = state.members.filter((x) => x !== m && x.state !== 'provisioned');
    powerCycle(state, factoryDefault, now, false, rules);
    for (const x of dark) {
      x.powered = false;
      x.state = 'removed';
      x.role = 'member';
    }
    return elect(state, rules, { kind: 'boot' });
  }
  m.powered = true;
  m.state = 'ready';
  m.role = 'member';
  return elect(state, rules, { kind: 'member-back', member: number });
}

/**
 * Why an election runs: a whole-stack boot elects every role anew; otherwise one member
 * was lost (it is passed still holding the role it had) or came back (as a plain member).
 */
export type ElectionCause = { kind: 'boot' } | { kind: 'member-lost'; member: number } | { kind: 'member-back'; member: number };

/** What an election may say beyond the roles it set (a rule that left no member active, say). */
export interface ElectionOutcome {
  says?: string;
}

/**
 * How a stack (re)assigns roles. A personality whose vendor elects differently (another
 * rank, pre-emption, a majority rule that leaves part of a split stack without an active
 * member) supplies its own; the model calls it after every change while members have
 * power, with every member, powered or not, and the switch's whole state (the rules
 * may read its configuration, keep their own bookkeeping in `extra`, or change the
 * running configuration when a member that held another copy takes over). It sets
 * `role` on each member: one that is not ready ends as a plain member whatever it is
 * given. A stack left with no active member has no management: the lab stops
 * answering SSH on it until one is elected.
 */
export type Elect = (members: Member[], cause: ElectionCause, state: SwitchState) => ElectionOutcome | void;

export interface StackRules {
  elect?: Elect;
}

function elect(state: SwitchState, rules: StackRules, cause: ElectionCause): ElectionOutcome | undefined {
  const said = (rules.elect ?? electByPriority)(state.members, cause, state);
  // Whatever the rules did, a member without power holds no role.
  for (const m of state.members) if (m.state !== 'ready') m.role = 'member';
  return said ?? undefined;
}

/**
 * The generic election: at boot every role is elected anew; otherwise a ready active
 * member keeps its role (no pre-emption) and, when the active is gone, the ready
 * standby takes over. A missing active, then a missing standby, goes to the highest
 * priority ready member, then the lowest number.
 */
export function electByPriority(members: Member[], cause: ElectionCause): void {
  for (const m of members) if (m.state !== 'ready') m.role = 'member';
  const ready = members.filter((m) => m.state === 'ready');
  if (cause.kind === 'boot') for (const m of ready) m.role = 'member';
  const byRank = [...ready].sort((a, b) => b.priority - a.priority || a.number - b.number);
  const active = ready.find((m) => m.role === 'active') ?? ready.find((m) => m.role === 'standby') ?? byRank[0];
  if (active) active.role = 'active';
  if (!ready.some((m) => m.role === 'standby')) {
    const standby = byRank.find((m) => m !== active);
    if (standby) standby.role = 'standby';
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
