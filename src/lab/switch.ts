// One lab switch: its state, its SSH server and its SNMP agent on their own
// loopback ports, and the events a test or `switchback lab event` can cause.

import { cloneTree } from './config-tree.js';
import type { ConfigTree } from './config-tree.js';
import { hostKeyFor } from './host-keys.js';
import * as model from './model.js';
import type { Faults, SwitchState } from './model.js';
import type { CliHost, LabPersonality, LabSwitchSpec } from './personality.js';
import { startSnmpAgent } from './snmp/agent.js';
import { startSshServer } from './ssh-server.js';
import { unsavedCounts } from './unsaved.js';
import { startNotifier } from './emitter.js';
import type { EmitTargets, SwitchNotifier } from './emitter.js';
import { noticesFor } from './notifications.js';
import type { LabHappening } from './notifications.js';

/** Secrets the whole lab fleet shares; the inventory refers to them by env: reference. */
export interface LabCredentials {
  username: string;
  password: string;
  /**
   * 1: the user lands unprivileged and must raise the session's privilege with the
   * secret below (the default, as on most fleets), where the OS has such a step;
   * 15: full privilege at login.
   */
  privilege: 1 | 15;
  /** The secret that raises a session's privilege, on an OS that asks for one. */
  enableSecret: string;
  /** OpenSSH public key lines accepted for public-key authentication. */
  authorizedKeys: string[];
  snmpCommunity: string;
  snmpV3: { user: string; authKey: string; privKey: string };
}

export interface LabSwitchOptions {
  spec: LabSwitchSpec;
  personality: LabPersonality;
  credentials: LabCredentials;
  /** Address to listen on; always a loopback address. */
  address: string;
  /** 0 = any free port. */
  sshPort?: number;
  snmpPort?: number;
  /** Seed for the deterministic host key; the same seed gives the same key at every start. */
  hostKeySeed: string;
  /**
   * The TFTP server port this switch talks to, for the uploads and fetches its
   * personality makes. Real switches always use 69 (a URL carries no port); tests may move it.
   */
  tftpPort?: number;
  /** Where the switch sends the traps and syslog lines its OS sends on its own; absent: it sends none. */
  emit?: EmitTargets;
}

export type LabEvent =
  | { kind: 'change'; lines: string[] }
  | { kind: 'save' }
  /**
   * Power lost and back. `bootMs` absent or 0: the switch is back at once (as if its boot had
   * passed). Otherwise it stays dark that long — SSH refused, SNMP silent, nothing sent — then
   * boots and, once it answers, says so (coldStart, its restart line), as a real switch does.
   */
  | { kind: 'power-cycle'; loseConfig: boolean; bootMs?: number }
  /**
   * A switch dark after `power-cycle --boot-time` boots now, as if its boot time had passed: a
   * lab control, so that a test or a rehearsal decides when the boot ends (look at the dark
   * switch for as long as it takes, then end it) instead of guessing a boot time long enough.
   * Applied once the switch answers again, its reload notices queued.
   */
  | { kind: 'boot-done' }
  | { kind: 'member-down'; member: number }
  | { kind: 'member-up'; member: number }
  | { kind: 'fault'; fault: FaultSpec }
  | { kind: 'clear-faults' }
  | { kind: 'set-uptime'; seconds: number }
  | { kind: 'new-host-key' }
  /** The link between the two peers of a redundant pair is cut or restored: a fleet event (it takes both peers). */
  | { kind: 'peer-link'; up: boolean };

export type FaultSpec =
  | { kind: 'refuse-auth' }
  | { kind: 'hang' }
  | { kind: 'drop'; afterBytes: number }
  | { kind: 'drop-after-lines'; lines: number }
  | { kind: 'drip'; chunkBytes: number; pauseMs: number }
  | { kind: 'noise' }
  | { kind: 'garbage' }
  | { kind: 'latency'; ms: number }
  | { kind: 'snmp-silent' }
  | { kind: 'startup-refused'; answer: 'invalid' | 'silent' };

export interface LabSwitch extends CliHost {
  readonly name: string;
  readonly spec: LabSwitchSpec;
  readonly personality: LabPersonality;
  readonly credentials: LabCredentials;
  readonly address: string;
  readonly ports: { ssh: number; snmp: number };
  /** The UDP port this switch sends TFTP uploads and fetches to (69 unless the lab was told otherwise). */
  readonly tftpPort: number;
  /** sysUpTime in hundredths of a second, wrapped at 2^32 as the MIB says. */
  sysUpTime(): number;
  /** sysUpTime at a given wall-clock moment (for a MIB's "changed at" values). */
  ticksAt(ms: number): number;
  hostKey(): string;
  /** Apply an event; rejects with LabEventError when it cannot happen in this state. */
  apply(event: LabEvent): Promise<string>;
  /**
   * Say what the switch says of a happening the fleet brought about (a pair's peer link cut), as
   * `apply` does for its own events: nothing while it is dark or booting.
   */
  tell(happening: LabHappening): void;
  /** Called by a switch's servers so that power loss can cut their sessions. */
  onPowerLoss(listener: () => void): void;
  /** Move this switch's clock forward (tests of "later": grace periods, uptime). */
  advanceClock(ms: number): void;
  /** Dark after a power-cycle with a boot time, until it boots (power events are refused meanwhile). */
  isBooting(): boolean;
  /** What the switch sent on its own so far (datagrams sent, failed); absent when it sends nowhere. */
  readonly notifier?: SwitchNotifier;
  stop(): Promise<void>;
}

export async function startLabSwitch(opts: LabSwitchOptions): Promise<LabSwitch> {
  const { spec, personality } = opts;
  const words = personality.words;
  const rules = personality.elect ? { elect: personality.elect } : {};
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const state: SwitchState = personality.initialState(spec, now());
  const factory: ConfigTree = personality.factoryDefault();
  const powerLossListeners: (() => void)[] = [];
  const cutSessions = () => {
    for (const l of powerLossListeners) l();
  };
  const notifier =
    opts.emit && (opts.emit.trap || opts.emit.syslog)
      ? startNotifier(opts.address, opts.emit, personality.notifications, personality.snmp.engineId(spec.name))
      : undefined;

  const sw: LabSwitch = {
    name: spec.name,
    spec,
    personality,
    credentials: opts.credentials,
    address: opts.address,
    ports: { ssh: 0, snmp: 0 },
    tftpPort: opts.tftpPort ?? 69,
    state,
    now,
    save: (by) => model.save(state, by, now()),
    touchRunning: (by) => {
      state.runningChangedAt = now();
      state.runningChangedBy = by;
    },
    sysUpTime: () => sw.ticksAt(now()),
    ticksAt: (ms) => Math.max(0, Math.floor((ms - state.bootedAt) / 10)) % 2 ** 32,
    hostKey: () => hostKeyFor(opts.hostKeySeed, spec.name, state.hostKeyGeneration),
    onPowerLoss: (l) => powerLossListeners.push(l),
    tell: (happening) => {
      if (state.up && !booting) speak(happening);
    },
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    ...(notifier ? { notifier } : {}),
    isBooting: () => booting !== undefined,
    async apply(event) {
      if (event.kind === 'boot-done') return bootDone();
      if (booting && !WHILE_BOOTING.has(event.kind))
        throw new model.LabEventError(
          `${sw.name} is booting (power-cycled, back in ${Math.max(1, Math.ceil((booting.at - Date.now()) / 1000))} s): ${event.kind} must wait`,
        );
      const before = snapshot();
      const said = await applyEvent(event);
      await followPower();
      announce(event, before);
      return said;
    },
    async stop() {
      if (booting) clearTimeout(booting.timer);
      booting = undefined;
      cutSessions();
      await Promise.all([ssh?.close(), snmp.close(), notifier?.close()]);
    },
  };

  /** A power-cycle with a boot time under way: when the switch boots, and with what. */
  let booting: { timer: NodeJS.Timeout; at: number; loseConfig: boolean } | undefined;

  const snapshot = () => ({ up: state.up, active: model.activeMember(state)?.number, boots: state.boots });

  /**
   * What the switch says on its own about what just happened, sent once its servers follow its
   * power: a reload goes out when it is up and answering (SSH listening, SNMP answering), never
   * while it is dark — a real switch's agent sends coldStart once it is back, not as it goes down.
   */
  const announce = (event: LabEvent, before: ReturnType<typeof snapshot>) => {
    const happening = happeningOf(event, before, state);
    if (happening) speak(happening);
  };

  const speak = (happening: LabHappening) => {
    if (!notifier) return;
    if (happening.kind === 'reload') notifier.rebooted();
    const active = model.activeMember(state)?.number;
    // One hostname and one clock reading for the notices and their frames: what they say and when agree.
    const frame = { hostname: personality.hostname(state), now: now() };
    const notices = noticesFor(personality.notifications, happening, { state, ...frame, ...(active !== undefined ? { active } : {}) });
    notifier.send(notices, { ...frame, uptimeTicks: sw.sysUpTime() });
  };

  /** Power off now; boot after `bootMs` (then answer, then announce the reload). */
  const powerOffUntilBoot = (loseConfig: boolean, bootMs: number) => {
    cutSessions();
    state.up = false;
    for (const m of state.members) {
      if (m.state === 'provisioned') continue;
      m.powered = false;
      m.state = 'removed';
      m.role = 'member';
    }
    const timer = setTimeout(() => void boot(), bootMs);
    timer.unref();
    booting = { timer, at: Date.now() + bootMs, loseConfig };
  };

  /**
   * The boot of a power-cycle with a boot time: the switch boots, answers, then announces its
   * reload. False when it could not answer (its SSH port was taken while it was dark: it stays
   * unreachable, as a switch that fails to boot) or was not booting.
   */
  const boot = async (): Promise<boolean> => {
    const b = booting;
    if (!b) return false;
    clearTimeout(b.timer);
    booting = undefined;
    const before = snapshot();
    model.powerCycle(state, cloneTree(factory), now(), b.loseConfig, rules);
    try {
      await followPower();
    } catch {
      return false;
    }
    announce({ kind: 'power-cycle', loseConfig: b.loseConfig }, before);
    return true;
  };

  /** `boot-done`: the boot under way ends now (the switch answers when this resolves). */
  const bootDone = async (): Promise<string> => {
    if (!booting) throw new model.LabEventError(`${sw.name} is not booting (boot-done ends the dark time of a power-cycle --boot-time)`);
    const loseConfig = booting.loseConfig;
    if (!(await boot())) throw new model.LabEventError(`${sw.name} booted but cannot listen on its SSH port ${sw.ports.ssh} again (taken meanwhile?)`);
    return `${sw.name}: booted ${loseConfig ? `with a factory-default configuration (${words.startup} lost)` : `from ${words.startup}`}, boot ${state.boots}; answering, and says so`;
  };

  /**
   * A stack with no power, or with power but no active member (its election left none),
   * has nothing listening: connections are refused until a member gets power back or
   * is elected. (The SNMP agent stays bound but answers nothing when there is no power.)
   */
  const followPower = async () => {
    const managed = state.up && model.activeMember(state) !== undefined;
    if (!managed && ssh) {
      cutSessions();
      const closing = ssh;
      ssh = undefined;
      await closing.close();
    } else if (managed && !ssh) {
      ssh = await startSshServer(sw, { address: opts.address, port: sw.ports.ssh });
    }
  };

  const applyEvent = async (event: LabEvent): Promise<string> => {
    switch (event.kind) {
      case 'change': {
        const applied = applyConfigLines(sw, event.lines);
        return applied;
      }
      case 'save':
        model.save(state, 'lab', now());
        return `${sw.name}: ${words.running} saved to ${words.startup}`;
      case 'power-cycle':
        if (event.bootMs !== undefined && event.bootMs > 0) {
          powerOffUntilBoot(event.loseConfig, event.bootMs);
          return `${sw.name}: power lost; boots in ${Math.round(event.bootMs / 1000)} s${event.loseConfig ? ` with a factory-default configuration (${words.startup} lost)` : ` from ${words.startup}`}, and says so once it answers`;
        }
        cutSessions();
        const said = model.powerCycle(state, cloneTree(factory), now(), event.loseConfig, rules)?.says;
        return (
          (event.loseConfig
            ? `${sw.name}: power-cycled; booted with a factory-default configuration (${words.startup} lost), boot ${state.boots}`
            : `${sw.name}: power-cycled; booted from ${words.startup}, boot ${state.boots}`) + (said ? `; ${said}` : '')
        );
      case 'member-down': {
        const wasActive = state.members.find((m) => m.number === event.member)?.role === 'active';
        const said = model.memberDown(state, event.member, rules)?.says;
        if (!state.up) {
          cutSessions();
          return `${sw.name}: member ${event.member} lost power; no member has power, the stack is down`;
        }
        // The active member carries the management sessions: they drop on failover.
        if (wasActive) cutSessions();
        const active = model.activeMember(state);
        if (said) return `${sw.name}: member ${event.member} lost power; ${said}`;
        return `${sw.name}: member ${event.member} lost power` + (wasActive && active ? `; member ${active.number} is now ${words.role.active}` : '');
      }
      case 'member-up': {
        const wasUp = state.up;
        const said = model.memberUp(state, event.member, cloneTree(factory), now(), rules)?.says;
        return (
          (wasUp
            ? `${sw.name}: member ${event.member} has power again and rejoined the stack`
            : `${sw.name}: member ${event.member} has power; the stack booted (boot ${state.boots})`) + (said ? `; ${said}` : '')
        );
      }
      case 'fault':
        applyFault(state.faults, event.fault);
        return `${sw.name}: fault ${event.fault.kind} on`;
      case 'clear-faults':
        state.faults = { ...model.NO_FAULTS };
        return `${sw.name}: faults cleared`;
      case 'set-uptime':
        state.bootedAt = now() - event.seconds * 1000;
        return `${sw.name}: uptime set to ${event.seconds} s`;
      case 'new-host-key':
        state.hostKeyGeneration += 1;
        // ssh2 fixes host keys when a server starts: restart it on the same port.
        if (ssh) {
          await ssh.close();
          ssh = await startSshServer(sw, { address: opts.address, port: sw.ports.ssh });
        }
        return `${sw.name}: SSH host key replaced (as after a chassis swap)`;
      case 'boot-done':
        // apply() hands it to bootDone() before anything else.
        return bootDone();
      case 'peer-link':
        // Two switches share the link: the fleet holds it (fleet.ts) and applies this before a switch sees it.
        throw new model.LabEventError(`${sw.name}: peer-link is an event of a pair: the fleet applies it (switchback lab event ${sw.name} peer-link down)`);
    }
  };

  let ssh: Awaited<ReturnType<typeof startSshServer>> | undefined = await startSshServer(sw, { address: opts.address, port: opts.sshPort ?? 0 });
  const snmp = await startSnmpAgent(sw, { address: opts.address, port: opts.snmpPort ?? 0 });
  sw.ports.ssh = ssh.port;
  sw.ports.snmp = snmp.port;
  return sw;
}

/** What may happen to a switch while it boots: nothing that needs power (a fault set or cleared, a new host key). */
const WHILE_BOOTING: ReadonlySet<LabEvent['kind']> = new Set(['fault', 'clear-faults', 'new-host-key']);

/**
 * What a lab event did, in the words of what a switch tells about itself: nothing while it has no
 * power (a dark stack says nothing), a reload when it booted, a member lost (and who ran the stack
 * before, for the role change) or back, its configuration changed.
 */
function happeningOf(event: LabEvent, before: { up: boolean; active: number | undefined; boots: number }, state: SwitchState): LabHappening | undefined {
  if (!state.up) return undefined;
  // Whatever the event, a switch that booted says so (a stack whose election reloads it on a member loss, too).
  if (state.boots > before.boots) return { kind: 'reload' };
  switch (event.kind) {
    case 'member-down':
      return { kind: 'member-lost', member: event.member, ...(before.active !== undefined ? { previousActive: before.active } : {}) };
    case 'member-up':
      return { kind: 'member-added', member: event.member };
    case 'change':
      return { kind: 'config-changed', user: 'lab' };
    default:
      return undefined;
  }
}

/** Config lines from a lab event go through the same CLI a person would type into (the personality's). */
function applyConfigLines(sw: LabSwitch, lines: string[]): string {
  if (!sw.state.up) throw new model.LabEventError(`${sw.name} is down (no member has power)`);
  const errors = sw.personality.applyChange(sw, lines);
  if (errors.length > 0) throw new model.LabEventError(`${sw.name} rejected:\n  ${errors.join('\n  ')}`);
  // What a backup would now call unsaved, not the lines typed: a parent typed to reach a line is no change.
  const { added, removed } = unsavedCounts(sw.state, sw.personality);
  return `${sw.name}: ${sw.personality.words.unsavedChange}: unsaved +${added}/-${removed} lines`;
}

function applyFault(f: Faults, spec: FaultSpec): void {
  switch (spec.kind) {
    case 'refuse-auth':
      f.refuseAuth = true;
      break;
    case 'hang':
      f.hangAfterLogin = true;
      break;
    case 'drop':
      f.dropAfterBytes = spec.afterBytes;
      break;
    case 'drop-after-lines':
      f.dropAfterLines = { lines: spec.lines, typed: 0 };
      break;
    case 'drip':
      f.drip = { chunkBytes: spec.chunkBytes, pauseMs: spec.pauseMs };
      break;
    case 'noise':
      f.ansiNoise = true;
      break;
    case 'garbage':
      f.garbage = true;
      break;
    case 'latency':
      f.latencyMs = spec.ms;
      break;
    case 'snmp-silent':
      f.snmpSilent = true;
      break;
    case 'startup-refused':
      f.startupRefused = spec.answer;
      break;
  }
}
