// An AOS-CX VSF stack's state in the lab: members (numbered from 1, the conductor and the
// standby by VSF's rules), the configuration as AOS-CX prints it (four-space indentation,
// `!` separators), and what AOS-CX keeps beside it: a pending `checkpoint auto N` — the
// configuration to put back and when — which the switch restores by itself, with nobody
// logged in, unless `checkpoint auto confirm` comes first.

import { createHash } from 'node:crypto';
import { cloneTree, parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, NO_FAULTS } from '../../model.js';
import type { ElectionCause, ElectionOutcome, Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';
import { canonical } from './config-order.js';

export const AOSCX_VERSION = 'FL.10.13.1101';
/** A member left on an older release (`mixedVersions`): VSF refuses it (version mismatch). */
export const AOSCX_OLDER_VERSION = 'FL.10.10.1090';
export const CONFIG_USER = 'admin';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The part numbers the lab's 6300 members carry, and their descriptions as `show vsf detail` prints them. */
export const MODELS: Record<string, string> = {
  JL658A: '6300M 24-port SFP+ and 4-port SFP56 Switch',
  JL659A: '6300M 48-port HPE Smart Rate 1/2.5/5GbE Class 6 PoE and 4-port SFP56 Switch',
  JL661A: '6300M 48-port 1GbE Class 4 PoE and 4-port SFP56 Switch',
  JL762A: '6300M 48G 4SFP56 BF Swch',
};
export const portCount = (model: string): number => (model === 'JL658A' ? 24 : 48);

/** What AOS-CX keeps beside its configuration in the lab. */
export interface AoscxState {
  /** A pending `checkpoint auto N`: the configuration it puts back, and when (switch clock ms). */
  auto?: { before: ConfigTree; deadline: number; startedBy: string };
  /** Confirmed auto checkpoints, newest first (`checkpoint AUTO<YYYYMMDDHHMMSS> created`). */
  checkpoints: { name: string; config: ConfigTree }[];
  /** Lab knob: how long a `checkpoint auto` minute lasts (60 000 ms unless a test shortens it). */
  minuteMs: number;
  /** Called when a pending auto checkpoint restores the configuration by itself. */
  restoredListeners: (() => void)[];
  timer?: ReturnType<typeof setInterval>;
  /** Lab fault: configuration lines matching it are taken without a word and not applied (what runs is then not what was typed). */
  dropTyped?: RegExp;
}

export function aoscx(state: SwitchState): AoscxState {
  return state.extra as AoscxState;
}

function seed(index: number, member: number, what: string): Buffer {
  return createHash('sha256').update(`aoscx:${what}:${index}:${member}`).digest();
}

/** `SG` + 8 characters, as the real 6300 captures' serials (`SG1ABCDEF1`). */
export function serialFor(index: number, member: number): string {
  const h = seed(index, member, 'serial');
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return 'SG' + [...h.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** `88:3a:30:97:d0:40`, as `show vsf detail` prints a member's MAC (an HPE OUI). */
export function macFor(index: number, member: number): string {
  const h = seed(index, member, 'mac');
  return ['88', '3a', '30', ...[...h.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

function membersOf(spec: LabSwitchSpec): Member[] {
  const provisioned = new Set(spec.provisioned ?? []);
  const present = spec.members.filter((m) => !provisioned.has(m.number));
  const older = spec.mixedVersions ? present[present.length - 1]?.number : undefined;
  return [...spec.members]
    .sort((a, b) => a.number - b.number)
    .map((m): Member => {
      const model = MODELS[m.model] ? m.model : 'JL658A';
      const there = !provisioned.has(m.number);
      return {
        number: m.number,
        role: 'member',
        state: there ? (m.number === older ? 'version-mismatch' : 'ready') : 'provisioned',
        priority: m.priority,
        mac: there ? macFor(spec.index, m.number) : '00:00:00:00:00:00',
        model,
        serial: there ? serialFor(spec.index, m.number) : '',
        version: there ? (m.number === older ? AOSCX_OLDER_VERSION : AOSCX_VERSION) : '',
        hwVersion: '',
        ports: portCount(model),
        ...(m.feed !== undefined ? { feed: m.feed } : {}),
        powered: there,
      };
    });
}

/** The secondary the configuration names (`vsf secondary-member N`): the member meant to be standby. */
export function secondaryOf(config: ConfigTree): number | undefined {
  const line = config.find((n) => /^vsf secondary-member \d+$/.test(n.line))?.line;
  return line ? Number(line.split(' ').pop()) : undefined;
}

/**
 * VSF's election. Member 1 is the primary and is conductor whenever it is up; the configured
 * secondary is the standby, and takes over as conductor when the conductor goes (ARUBAWIRED-
 * VSFv2-MIB: the secondary "would normally become the standby member"). Nobody else can be
 * conductor or standby: with both gone the stack has no management and stops forwarding.
 * No pre-emption: a primary that comes back rejoins as standby while the secondary conducts.
 */
export function electVsf(members: Member[], cause: ElectionCause, state: SwitchState): ElectionOutcome | undefined {
  const secondary = secondaryOf(state.running);
  const ready = members.filter((m) => m.state === 'ready');
  const primary = ready.find((m) => m.number === 1);
  const second = ready.find((m) => m.number === secondary);
  const conductor = cause.kind === 'boot' ? undefined : ready.find((m) => m.role === 'active');
  for (const m of members) m.role = 'member';
  const lead = conductor ?? primary ?? second;
  if (!lead) {
    if (cause.kind === 'boot' || ready.length === 0) return undefined;
    return { says: 'neither the primary nor the secondary is left to be conductor: the stack has no management and stops forwarding' };
  }
  lead.role = 'active';
  const standby = lead === primary ? second : primary;
  if (standby) standby.role = 'standby';
  return undefined;
}

export function initialConfig(spec: LabSwitchSpec): string {
  const members = membersOf(spec);
  const secondary = members.find((m) => m.number === 2) ? 2 : undefined;
  const extra = spec.extraInterfacesPerMember ?? 0;
  const lines = [
    `!Version ArubaOS-CX ${AOSCX_VERSION}`,
    '!export-password: default',
    `hostname ${spec.hostname}`,
    'user admin group administrators password ciphertext AQBapWvl0dDUGq2mA3dLkE7yYwSwJ1qCrMtWA7lQgcHlzVuTYgAAAE1Ld3vnqjO9',
    'clock timezone europe/zurich',
    'ntp server 192.0.2.123 iburst',
    'ntp enable',
    '!',
    '!',
    '!',
    'logging 192.0.2.130',
    'ssh server vrf default',
    'ssh server vrf mgmt',
    'vsf split-detect mgmt',
    ...(secondary ? [`vsf secondary-member ${secondary}`] : []),
    ...members.flatMap((m) => [`vsf member ${m.number}`, `    type ${m.model.toLowerCase()}`, `    link 1 ${m.number}/1/${portCount(m.model) + 1}`]),
    'vlan 1',
    'vlan 10',
    '    name users',
    'vlan 30',
    '    name printers',
    'spanning-tree',
    'interface mgmt',
    '    no shutdown',
    '    ip dhcp',
    ...members
      .filter((m) => m.state !== 'provisioned')
      .flatMap((m) =>
        Array.from({ length: Math.min(4 + extra, portCount(m.model)) }, (_, i) => [
          `interface ${m.number}/1/${i + 1}`,
          '    no shutdown',
          '    no routing',
          `    vlan access ${i === 0 ? 10 : 1}`,
        ]).flat(),
      ),
    'interface vlan 1',
    '    ip dhcp',
    'snmp-server vrf default',
    'snmp-server system-location lab rack 4',
    'snmp-server system-contact noc@example.net',
    'snmp-server community labcommunity',
    '!',
    '!',
    'https-server vrf default',
    'https-server vrf mgmt',
  ];
  return lines.join('\n') + '\n';
}

/** After `erase startup-config` and a reboot: no hostname, no users, the VLAN 1 / mgmt skeleton. */
export function factoryDefaultConfig(): string {
  return (
    [
      `!Version ArubaOS-CX ${AOSCX_VERSION}`,
      '!export-password: default',
      'led locator on',
      '!',
      '!',
      'vlan 1',
      'spanning-tree',
      'interface mgmt',
      '    no shutdown',
      '    ip dhcp',
      'interface 1/1/1',
      '    no shutdown',
      '    vlan access 1',
      'interface vlan 1',
      '    ip dhcp',
      '!',
      '!',
      'https-server vrf default',
      'https-server vrf mgmt',
    ].join('\n') + '\n'
  );
}

export function initialState(spec: LabSwitchSpec, now: number, minuteMs: number): SwitchState {
  const uptime = (12 + ((spec.index * 5) % 30)) * DAY + ((spec.index * 7) % 24) * HOUR;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 3);
  const savedAt = runningChangedAt + 5_000;
  const members = membersOf(spec);
  const state: SwitchState = {
    name: spec.name,
    running: canonical(parseConfig(initialConfig(spec))),
    startup: canonical(parseConfig(initialConfig(spec))),
    members,
    boots: 1,
    bootedAt,
    runningChangedAt,
    runningChangedBy: CONFIG_USER,
    startupChangedAt: savedAt,
    startupChangedBy: CONFIG_USER,
    runningSavedAt: savedAt,
    nvram: { lastChangeAt: runningChangedAt, lastChangeBy: CONFIG_USER, savedAt, savedBy: CONFIG_USER },
    up: true,
    faults: { ...NO_FAULTS },
    hostKeyGeneration: 0,
    extra: { checkpoints: [], minuteMs, restoredListeners: [] } satisfies AoscxState,
  };
  electVsf(state.members, { kind: 'boot' }, state);
  return state;
}

/** The hostname the running configuration sets; AOS-CX's own name for a switch without one. */
export function hostnameOf(config: ConfigTree): string {
  return (
    config
      .find((n) => n.line.startsWith('hostname '))
      ?.line.slice('hostname '.length)
      .trim() || 'switch'
  );
}

// ---------------------------------------------------------------- checkpoint auto

/** `checkpoint auto N`: keep running as it is now, to be put back after N minutes unless confirmed. */
export function startAuto(state: SwitchState, minutes: number, by: string, now: () => number): void {
  const a = aoscx(state);
  a.auto = { before: cloneTree(state.running), deadline: now() + minutes * a.minuteMs, startedBy: by };
  if (a.timer) clearInterval(a.timer);
  const every = Math.max(10, Math.min(1000, Math.floor(a.minuteMs / 20)));
  a.timer = setInterval(() => restoreIfDue(state, now()), every);
  a.timer.unref?.();
}

/** `checkpoint auto confirm`: the changes stay; the checkpoint is kept as AUTO<YYYYMMDDHHMMSS>. */
export function confirmAuto(state: SwitchState, now: number): string | undefined {
  const a = aoscx(state);
  if (!a.auto) return undefined;
  stopAuto(a);
  const name = 'AUTO' + new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  a.checkpoints.unshift({ name, config: cloneTree(state.running) });
  return name;
}

function stopAuto(a: AoscxState): void {
  delete a.auto;
  if (a.timer) clearInterval(a.timer);
  delete a.timer;
}

/** The time is up with no confirm: the switch puts the kept configuration back by itself. Returns whether it did. */
export function restoreIfDue(state: SwitchState, now: number): boolean {
  const a = aoscx(state);
  if (!a.auto || now < a.auto.deadline) return false;
  const before = a.auto.before;
  stopAuto(a);
  state.running = cloneTree(before);
  state.runningChangedAt = now;
  state.runningChangedBy = 'system';
  for (const l of a.restoredListeners.splice(0)) l();
  return true;
}

/** A reboot forgets a pending auto checkpoint: the switch boots its saved configuration. */
export function forgetAuto(state: SwitchState): void {
  stopAuto(aoscx(state));
}

/** Resolves when a pending `checkpoint auto` restores the configuration by itself. */
export function whenRestored(state: SwitchState): Promise<void> {
  return new Promise((resolve) => aoscx(state).restoredListeners.push(resolve));
}
