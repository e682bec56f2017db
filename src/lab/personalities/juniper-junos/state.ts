// The Junos side of a lab switch's state: the shared candidate, the commit history
// (rollback 0–49), the exclusive lock, a pending `commit confirmed`, each routing
// engine's committed configuration, and the Virtual Chassis roles. It lives in the
// generic SwitchState's `extra` field; the generic fields keep their meaning:
//   running  = the committed configuration on the master RE (what the switch runs),
//   startup  = what the switch boots with. On Junos that is the committed configuration
//              too (there is no startup-config); the lab keeps it at the last *confirmed*
//              commit, so a power cycle during a pending `commit confirmed` boots the
//              configuration the rollback would restore.
// Everything here is brought up to date lazily by `sync`, which every CLI, show and
// SNMP entry calls: a reboot or a member lost since the last look is noticed then.

import { cloneTree } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import { NO_FAULTS } from '../../model.js';
import type { ElectionCause, Member, MemberRole, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';
import { applySetLines, parseCurly, renderSet, sameTree, words } from './junos-tree.js';
import { electAfterChange, electAtBoot } from './vc.js';
import type { VcRole } from './vc.js';

export const JUNOS_VERSION = '21.4R3-S4.9';
export const BUILD_DATE = '2023-06-20 23:06:12 UTC';
/** How many rollbacks Junos keeps: rollback 0 (the active commit) to 49. */
const HISTORY = 50;
const MINUTE_MS = 60_000;

/** The lab's generic roles for Junos's master, backup and linecard. */
export const ROLE: Record<VcRole, MemberRole> = { master: 'active', backup: 'standby', linecard: 'member' };
const PRESENT: Member['state'] = 'ready';
const PROVISIONED: Member['state'] = 'provisioned';

/** A member in the chassis with power. */
export const isPresent = (m: Member): boolean => m.powered && m.state === PRESENT;
/** A member that has hardware (not only configured). */
export const hasHardware = (m: Member): boolean => m.state !== PROVISIONED;
/** Present members by member ID. */
export const presentMembers = (state: SwitchState): Member[] => state.members.filter(isPresent).sort((a, b) => a.number - b.number);
/** The member that is master now (undefined when the VC part is inactive). */
export const masterMember = (state: SwitchState): Member | undefined => state.members.find((m) => m.number === masterId(state) && junos(state).active);

export interface CommitRecord {
  at: number;
  by: string;
  /** `cli`, or `other` for the system's own automatic rollback. */
  via: 'cli' | 'other';
  /** What `show system commit` prints after it (`commit confirmed, rollback in 5mins`). */
  comment?: string;
  config: ConfigTree;
}

export interface PendingConfirm {
  /** Lab-clock ms at which the commit rolls back unless confirmed. */
  deadline: number;
  minutes: number;
  by: string;
}

export interface JunosState {
  /** The boot (SwitchState.boots) this state was brought up to date with. */
  boot: number;
  candidate: ConfigTree;
  /** When the candidate last changed (`## Last changed:` in configuration mode's `show`); absent: at the last commit. */
  candidateChangedAt?: number;
  /** The session holding `configure exclusive`, if any. */
  exclusive?: { session: number; user: string };
  /** Sessions now in configuration mode (`Users currently editing the configuration`). */
  editors: Map<number, string>;
  history: CommitRecord[];
  confirm?: PendingConfirm;
  /** Each routing engine's committed configuration (master and backup): a plain commit on a VC updates the master's only. */
  reConfig: Map<number, ConfigTree>;
  roles: Map<number, VcRole>;
  /**
   * False while the VC part left after a member loss is inactive (split detection): its
   * members keep power but none is master, so the generic model sees no active member
   * and the lab stops answering SSH on it (no management) until one is elected.
   */
  active: boolean;
  /** The roles before the first of a burst of member changes (see BURST_MS), and when it began. */
  burst?: { at: number; roles: Map<number, VcRole> };
  /** Lab knob: how long a `commit confirmed` minute lasts on this switch (60 000 ms unless a test shortens it). */
  minuteMs: number;
  /**
   * Lab-only fault for tests: set-form statements a commit drops from what it activates (as a
   * commit script that deletes them would), so a restore's verification sees another configuration.
   */
  dropAtCommit?: RegExp;
  /** Called when a pending commit rolls back by itself. */
  rollbackListeners: (() => void)[];
  /** The real-time check that fires the rollback (not part of the Junos state; cleared on reboot). */
  timer?: ReturnType<typeof setInterval>;
  nextSession: number;
}

export function junos(state: SwitchState): JunosState {
  const j = (state as SwitchState & { extra?: unknown }).extra as JunosState | undefined;
  if (!j) throw new Error(`${state.name} is not a juniper-junos lab switch`);
  return j;
}

/** A VC has more than one member configured; a standalone EX prints no `{master:N}` and no `fpcN:` sections. */
export function isVc(state: SwitchState): boolean {
  return state.members.filter(hasHardware).length > 1;
}

export function masterId(state: SwitchState): number | undefined {
  return [...junos(state).roles].find(([, r]) => r === 'master')?.[0];
}

export function backupId(state: SwitchState): number | undefined {
  return [...junos(state).roles].find(([, r]) => r === 'backup')?.[0];
}

export function hostname(config: ConfigTree): string | undefined {
  const system = config.find((n) => n.line === 'system');
  const line = system?.children.find((n) => n.line.startsWith('host-name '))?.line;
  return line ? words(line)[1]?.replace(/^"|"$/g, '') : undefined;
}

export function splitDetection(config: ConfigTree): boolean {
  const vc = config.find((n) => n.line === 'virtual-chassis');
  return !vc?.children.some((n) => n.line === 'no-split-detection');
}

/** `set system commit synchronize`: every commit goes to the backup RE too. */
export function syncByDefault(config: ConfigTree): boolean {
  const system = config.find((n) => n.line === 'system');
  return !!system?.children.find((n) => n.line === 'commit')?.children.some((n) => n.line === 'synchronize');
}

// ---------------------------------------------------------------- boot and member changes

/**
 * Bring the Junos state up to date with what happened to the switch since the last look
 * (a boot not yet seen: the state a test builds before the first event). The VC election
 * itself runs as the lab's election hook (`elect` below), at every power event.
 */
export function sync(state: SwitchState, factory: () => ConfigTree): JunosState {
  const j = junos(state);
  if (j.boot !== state.boots) {
    boot(state, j, factory);
    electBoot(state, j);
  }
  writeRoles(state, j);
  return j;
}

/**
 * The lab model's election hook for a Junos switch: the one place VC roles are decided.
 * A whole-VC boot elects afresh (after resetting what a reboot resets); a member lost or
 * back is judged by the VC rules with split detection (vc.ts). Returns what was decided.
 */
export function electVc(state: SwitchState, cause: ElectionCause, factory: () => ConfigTree, now: number): string | undefined {
  const j = junos(state);
  if (j.boot !== state.boots) boot(state, j, factory);
  const says = cause.kind === 'boot' ? electBoot(state, j) : followMembers(state, j, now);
  writeRoles(state, j);
  return says;
}

/** Junos roles onto the generic members: an inactive VC part has no active member (no management). */
function writeRoles(state: SwitchState, j: JunosState): void {
  for (const m of state.members) {
    const role = j.roles.get(m.number);
    m.role = role && j.active ? ROLE[role] : ROLE.linecard;
  }
}

function boot(state: SwitchState, j: JunosState, factory: () => ConfigTree): void {
  j.boot = state.boots;
  if (j.timer) clearInterval(j.timer);
  delete j.timer;
  delete j.confirm;
  delete j.exclusive;
  delete j.burst;
  j.editors.clear();
  if (state.startup === null) {
    // Power lost with the configuration (the lab's --lose-config): the switch comes up as
    // `request system zeroize` leaves it, with the factory default and no rollbacks.
    const fresh = factory();
    state.running = cloneTree(fresh);
    state.startup = cloneTree(fresh);
    j.history = [{ at: state.bootedAt, by: 'root', via: 'other', config: cloneTree(fresh) }];
  } else if (!sameTree(state.running, state.startup)) {
    state.running = cloneTree(state.startup);
  }
  // An unconfirmed commit did not survive the boot: drop it from the history too.
  while (j.history.length > 1 && !sameTree(j.history[0]!.config, state.running)) j.history.shift();
  j.candidate = cloneTree(state.running);
}

/** The election of a VC that forms (every member with power takes part). */
function electBoot(state: SwitchState, j: JunosState): string {
  const out = electAtBoot(candidates(state));
  j.roles = out.roles;
  j.active = out.active;
  // At VC formation the master gives the backup its configuration.
  j.reConfig = new Map([...out.roles].filter(([, r]) => r !== 'linecard').map(([id]) => [id, cloneTree(state.running)]));
  return out.says;
}

function candidates(state: SwitchState) {
  return state.members.filter(hasHardware).map((m) => ({ id: m.number, priority: m.priority, present: isPresent(m) }));
}

/**
 * Members lost within this much lab time of each other count as lost together: VCCP
 * notices a lost neighbour only after its hellos time out, so the members of one power
 * feed (which the lab takes down one after another) go at the same moment for the VC.
 */
const BURST_MS = 2_000;

function followMembers(state: SwitchState, j: JunosState, now: number): string | undefined {
  const present = candidates(state)
    .filter((c) => c.present)
    .map((c) => c.id)
    .sort()
    .join(',');
  const known = [...j.roles.keys()].sort().join(',');
  if (present === known) return undefined;
  const oldMaster = masterId(state);
  const wasActive = j.active;
  let previous = j.roles;
  // Only losses group: a member that lost power reboots before it can come back.
  const onlyLosses = candidates(state).every((c) => !c.present || j.roles.has(c.id));
  if (!onlyLosses) delete j.burst;
  else if (j.burst && now - j.burst.at <= BURST_MS) previous = j.burst.roles;
  else j.burst = { at: now, roles: j.roles };
  const out = electAfterChange(candidates(state), previous, splitDetection(state.running));
  j.roles = out.roles;
  j.active = out.active;
  // No master is left to manage anything: the part left keeps power but answers nobody.
  if (!out.active) return out.says;
  const newMaster = masterId(state);
  if (newMaster !== undefined && newMaster !== oldMaster) {
    // The backup RE takes over with the configuration *it* holds: a commit that was
    // never synchronised to it is gone (this is what "unsaved" means on a VC).
    const own = j.reConfig.get(newMaster);
    if (own && !sameTree(own, state.running)) {
      state.running = cloneTree(own);
      state.startup = cloneTree(own);
      state.runningChangedAt = Date.now();
      state.runningChangedBy = '';
    }
    j.candidate = cloneTree(state.running);
    delete j.exclusive;
    j.editors.clear();
    if (j.timer) clearInterval(j.timer);
    delete j.timer;
    delete j.confirm;
  }
  // A member that newly holds the backup role is given the master's configuration.
  const backup = backupId(state);
  for (const id of [...j.reConfig.keys()]) if (id !== newMaster && id !== backup) j.reConfig.delete(id);
  if (newMaster !== undefined && !j.reConfig.has(newMaster)) j.reConfig.set(newMaster, cloneTree(state.running));
  if (backup !== undefined && !j.reConfig.has(backup)) j.reConfig.set(backup, cloneTree(state.running));
  // A member lost moments after another (one feed) is judged with the first: the takeover already happened.
  // An inactive part that a member rejoins has its majority back: the VC forms again.
  if (!wasActive) return `the VC has a majority again; member ${newMaster} elected master`;
  return newMaster !== undefined && newMaster === oldMaster && out.says.includes('took over') ? `member ${newMaster} stays master` : out.says;
}

// ---------------------------------------------------------------- initial state

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** EX hardware the lab makes: model as Junos prints it, ports per member. */
const MODELS: Record<string, number> = { 'ex4300-48p': 48, 'ex4300-24p': 24, 'ex3400-48p': 48, 'ex2300-24p': 24 };

function junosModel(model: string): string {
  const lower = model.toLowerCase();
  return lower.startsWith('ex') ? lower : 'ex4300-48p';
}

export function factoryDefaultConfig(): string {
  // What `request system zeroize` leaves on an EX: version, root authentication to be set,
  // the default services and syslog, the ports in the default VLAN.
  return [
    `version ${JUNOS_VERSION};`,
    'system {',
    '    root-authentication {',
    '        encrypted-password "$6$zeroized$QeDcSEZ0NCvSG7t.Ir2DNPbjdmvaUmdCPQZIQETqWfUV6R5mNJ7gFpMLlVsNvbiKm1HfQZMHSERDxfN8k1N8P/"; ## SECRET-DATA',
    '    }',
    '    services {',
    '        ssh;',
    '        netconf {',
    '            ssh;',
    '        }',
    '    }',
    '    syslog {',
    '        user * {',
    '            any emergency;',
    '        }',
    '        file messages {',
    '            any notice;',
    '            authorization info;',
    '        }',
    '    }',
    '}',
    'protocols {',
    '    lldp {',
    '        interface all;',
    '    }',
    '    rstp;',
    '}',
    '',
  ].join('\n');
}

function fake(seed: string, n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./';
  let x = 0;
  for (const c of seed) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

/** The configuration a lab VC starts with: a plausible access-switch VC with members' mastership priorities. */
export function initialConfig(spec: LabSwitchSpec, members: Member[]): string {
  const ports: string[] = [];
  const extra = spec.extraInterfacesPerMember ?? 0;
  for (const m of members) {
    ports.push(
      `    ge-${m.number}/0/0 {`,
      `        description "uplink ${m.number}";`,
      '        ether-options {',
      '            802.3ad ae0;',
      '        }',
      '    }',
    );
    for (let p = 1; p <= 2 + extra; p++) {
      ports.push(
        `    ge-${m.number}/0/${p} {`,
        `        description "access ${m.number}/${p}";`,
        '        unit 0 {',
        '            family ethernet-switching {',
        '                vlan {',
        '                    members users;',
        '                }',
        '            }',
        '        }',
        '    }',
      );
    }
  }
  const vc = members.map((m) => [`    member ${m.number} {`, `        mastership-priority ${m.priority};`, '    }']).flat();
  return [
    `version ${JUNOS_VERSION};`,
    'system {',
    `    host-name ${spec.hostname};`,
    '    root-authentication {',
    `        encrypted-password "$6$${fake(spec.name + 'root', 8)}$${fake(spec.name + 'rootpw', 86)}"; ## SECRET-DATA`,
    '    }',
    '    radius-server {',
    '        10.0.0.9 {',
    `            secret "$9$${fake(spec.name + 'radius', 20)}"; ## SECRET-DATA`,
    '        }',
    '    }',
    '    login {',
    '        user netops {',
    '            uid 2000;',
    '            class super-user;',
    '            authentication {',
    `                encrypted-password "$6$${fake(spec.name + 'ops', 8)}$${fake(spec.name + 'opspw', 86)}"; ## SECRET-DATA`,
    '            }',
    '        }',
    '    }',
    '    services {',
    '        ssh;',
    '        netconf {',
    '            ssh;',
    '        }',
    '    }',
    '    syslog {',
    '        user * {',
    '            any emergency;',
    '        }',
    '        file messages {',
    '            any notice;',
    '            authorization info;',
    '        }',
    '    }',
    '    ntp {',
    '        server 10.0.0.1;',
    '    }',
    '}',
    'interfaces {',
    ...ports,
    '    irb {',
    '        unit 10 {',
    '            family inet {',
    `                address 10.${spec.index % 250}.10.1/24;`,
    '            }',
    '        }',
    '    }',
    '}',
    'snmp {',
    `    location "Lab rack ${spec.index}";`,
    '    contact "netops@example.net";',
    '}',
    'protocols {',
    '    lldp {',
    '        interface all;',
    '    }',
    '    rstp;',
    '}',
    'vlans {',
    '    users {',
    '        vlan-id 10;',
    '        l3-interface irb.10;',
    '    }',
    '}',
    ...(members.length > 1 ? ['virtual-chassis {', ...vc, '}'] : []),
    '',
  ].join('\n');
}

function membersOf(spec: LabSwitchSpec): Member[] {
  // Junos numbers VC members from 0 (fpc0); the lab's spec numbers them from 1.
  return spec.members.map((m, i) => {
    const id = m.number - 1;
    const model = junosModel(m.model);
    const provisioned = spec.provisioned?.includes(m.number) ?? false;
    const mac = (0x3c8c93000000 + spec.index * 0x10000 + id * 0x100).toString(16).padStart(12, '0');
    return {
      number: id,
      role: ROLE.linecard,
      state: provisioned ? PROVISIONED : PRESENT,
      // Junos mastership priority: 255 for the two members meant to hold master and backup, 128 (the default) for the rest.
      priority: i < 2 ? 255 : 128,
      mac: mac.replace(/(..)(?=.)/g, '$1:'),
      model,
      serial: `PE37${String(spec.index).padStart(4, '0')}${String(id).padStart(4, '0')}`,
      version: spec.mixedVersions && i === spec.members.length - 1 ? '21.4R3-S3.4' : JUNOS_VERSION,
      hwVersion: 'REV 0' + String.fromCharCode(65 + (id % 3)),
      ports: MODELS[model] ?? 48,
      ...(m.feed ? { feed: m.feed } : {}),
      powered: !provisioned,
    } as Member;
  });
}

export function minuteMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env['SWITCHBACK_LAB_JUNOS_MINUTE_MS']);
  return Number.isFinite(v) && v > 0 ? v : MINUTE_MS;
}

export function initialState(spec: LabSwitchSpec, now: number, minuteMs: number): SwitchState {
  const uptime = (14 + ((spec.index * 7) % 35)) * DAY + ((spec.index * 5) % 24) * HOUR;
  const bootedAt = now - uptime;
  const members = membersOf(spec);
  const config = parseCurly(initialConfig(spec, members.filter(hasHardware)));
  const committedAt = bootedAt + Math.floor(uptime / 3);
  const extra: JunosState = {
    boot: 0, // not yet: the first sync elects the VC and fills the REs
    candidate: cloneTree(config),
    editors: new Map(),
    history: [
      { at: committedAt, by: 'netops', via: 'cli', config: cloneTree(config) },
      { at: committedAt - DAY, by: 'netops', via: 'cli', config: cloneTree(config) },
    ],
    reConfig: new Map(),
    roles: new Map(),
    active: true,
    minuteMs,
    rollbackListeners: [],
    nextSession: 1,
  };
  const state: SwitchState & { extra: JunosState } = {
    name: spec.name,
    running: config,
    startup: cloneTree(config),
    members,
    boots: 1,
    bootedAt,
    runningChangedAt: committedAt,
    runningChangedBy: 'netops',
    startupChangedAt: committedAt,
    startupChangedBy: 'netops',
    runningSavedAt: committedAt,
    nvram: null,
    up: true,
    faults: { ...NO_FAULTS },
    hostKeyGeneration: 0,
    extra,
  };
  sync(state, () => parseCurly(factoryDefaultConfig()));
  return state;
}

// ---------------------------------------------------------------- commits

export interface CommitOptions {
  by: string;
  now: number;
  /** `commit synchronize` (or `system commit synchronize` in the configuration). */
  synchronize: boolean;
  /** `commit confirmed N`: roll back after N minutes unless confirmed. */
  confirmMinutes?: number;
  comment?: string;
}

/** Make the candidate the committed configuration (the caller checked it). */
export function commit(state: SwitchState, o: CommitOptions): void {
  const j = junos(state);
  let config = cloneTree(j.candidate);
  if (j.dropAtCommit) {
    const drop = j.dropAtCommit;
    config = [];
    applySetLines(
      config,
      renderSet(j.candidate)
        .filter((l) => !drop.test(l))
        .join('\n'),
    );
    // The deletion is part of the commit: the candidate holds nothing more than what was committed.
    j.candidate = cloneTree(config);
  }
  const changed = !sameTree(config, state.running);
  const wasPending = j.confirm !== undefined;
  state.running = config;
  if (changed) {
    state.runningChangedAt = o.now;
    state.runningChangedBy = o.by;
  }
  const master = masterId(state);
  if (master !== undefined) j.reConfig.set(master, cloneTree(config));
  const backup = backupId(state);
  if (backup !== undefined && (o.synchronize || syncByDefault(config))) j.reConfig.set(backup, cloneTree(config));
  const comment = o.confirmMinutes !== undefined ? `commit confirmed, rollback in ${o.confirmMinutes}mins` : o.comment;
  j.history.unshift({ at: o.now, by: o.by, via: 'cli', ...(comment ? { comment } : {}), config: cloneTree(config) });
  j.history.length = Math.min(j.history.length, HISTORY);
  if (o.confirmMinutes !== undefined) {
    j.confirm = { deadline: o.now + o.confirmMinutes * j.minuteMs, minutes: o.confirmMinutes, by: o.by };
    // What boots stays the configuration before the unconfirmed commit.
    if (!wasPending) state.startup = cloneTree(j.history[1]?.config ?? config);
  } else {
    // A plain commit confirms a pending one.
    delete j.confirm;
    if (j.timer) clearInterval(j.timer);
    delete j.timer;
    state.startup = cloneTree(config);
    state.startupChangedAt = o.now;
    state.startupChangedBy = o.by;
    state.runningSavedAt = o.now;
  }
}

/**
 * A pending `commit confirmed` whose time is up: Junos loads rollback 1 and commits it
 * as `root via other`. Returns whether it did.
 */
export function rollbackIfDue(state: SwitchState, now: number): boolean {
  const j = junos(state);
  if (!j.confirm || now < j.confirm.deadline) return false;
  const previous = state.startup ?? j.history[1]?.config ?? state.running;
  delete j.confirm;
  if (j.timer) clearInterval(j.timer);
  delete j.timer;
  const config = cloneTree(previous);
  state.running = config;
  state.runningChangedAt = now;
  state.runningChangedBy = 'root';
  const master = masterId(state);
  if (master !== undefined) j.reConfig.set(master, cloneTree(config));
  const backup = backupId(state);
  if (backup !== undefined) j.reConfig.set(backup, cloneTree(config));
  j.history.unshift({ at: now, by: 'root', via: 'other', config: cloneTree(config) });
  j.history.length = Math.min(j.history.length, HISTORY);
  // The shared candidate follows: the rolled-back changes are not left pending in it.
  j.candidate = cloneTree(config);
  state.startup = cloneTree(config);
  for (const l of j.rollbackListeners.splice(0)) l();
  return true;
}

/** Watch the lab clock for a pending confirm's deadline (the switch rolls back with nobody logged in). */
export function armConfirmTimer(state: SwitchState, now: () => number): void {
  const j = junos(state);
  if (j.timer) clearInterval(j.timer);
  const every = Math.max(10, Math.min(1000, Math.floor(j.minuteMs / 20)));
  j.timer = setInterval(() => {
    if (!j.confirm) {
      clearInterval(j.timer);
      delete j.timer;
      return;
    }
    rollbackIfDue(state, now());
  }, every);
  j.timer.unref?.();
}

/** Resolves when a pending `commit confirmed` on this switch rolls back by itself. */
export function whenRolledBack(state: SwitchState): Promise<void> {
  return new Promise((resolve) => junos(state).rollbackListeners.push(resolve));
}

export function pendingLines(state: SwitchState): string[] {
  return renderSet(junos(state).candidate);
}
