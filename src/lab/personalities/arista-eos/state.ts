// An EOS switch's state in the lab: one chassis (EOS does not stack), the configuration as EOS
// prints it (three-space indentation; the `!` separators and `end` are the printer's, not kept in
// the tree), and what EOS keeps beside it: configuration sessions, and a session committed with
// `commit timer` — the configuration to put back and when — which the switch restores by itself,
// with nobody logged in, unless the session is committed again first.

import { createHash } from 'node:crypto';
import { cloneTree } from '../../config-tree.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';

export const EOS_VERSION = '4.29.2F';
export const EOS_MODEL = 'DCS-7050SX3-48YC8';
export const CONFIG_USER = 'admin';
/** Indentation per level, as EOS prints it. */
export const INDENT = 3;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One configuration session: its own copy of the configuration, committed or thrown away as a whole. */
export interface EosSession {
  config: ConfigTree;
  /** Committed with `commit timer`: what running was before, and when it comes back unless committed again. */
  pending?: { before: ConfigTree; deadline: number };
}

export interface EosState {
  sessions: Map<string, EosSession>;
  /** Lab knob: how long a minute of `commit timer` lasts (60 000 ms unless a test shortens it). */
  minuteMs: number;
  restoredListeners: (() => void)[];
  timer?: ReturnType<typeof setInterval>;
  /** Lab fault: configuration lines matching it are taken without a word and not applied. */
  dropTyped?: RegExp;
}

export function eos(state: SwitchState): EosState {
  return state.extra as EosState;
}

function seed(index: number, what: string): Buffer {
  return createHash('sha256').update(`eos:${what}:${index}`).digest();
}

/** `SSJ` + 8 digits, as the real 7050SX3's serial (`SSJ00000000`). */
export const serialFor = (index: number): string => 'SSJ' + [...seed(index, 'serial').subarray(0, 8)].map((b) => b % 10).join('');
/** `2899.3a1f.0c2e`-style, as `show version` prints a MAC (an Arista OUI, 28:99:3a). */
export const macFor = (index: number): string => {
  const h = [...seed(index, 'mac').subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'));
  return `2899.3a${h[0]}.${h[1]}${h[2]}`;
};

// ---------------------------------------------------------------- configuration text ↔ tree

/** EOS text (three-space indented, `!` separators, `end`) as a tree; comments and `end` are the printer's. */
export function parseEos(text: string): ConfigTree {
  const root: ConfigTree = [];
  const stack: { indent: number; children: ConfigTree }[] = [{ indent: -1, children: root }];
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const t = line.trim();
    if (t === '' || t.startsWith('!') || t === 'end') continue;
    const indent = line.length - line.trimStart().length;
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const node: ConfigNode = { line: t, children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push({ indent, children: node.children });
  }
  return root;
}

/**
 * The tree as EOS prints it: a `!` between top-level blocks (none between childless lines of one
 * kind, as the real recording groups its `snmp-server` lines), a `!` and `end` to close.
 */
export function renderEos(tree: ConfigTree): string {
  const out: string[] = [];
  const walk = (nodes: ConfigTree, depth: number) => {
    for (const n of nodes) {
      out.push(' '.repeat(INDENT * depth) + n.line);
      walk(n.children, depth + 1);
    }
  };
  tree.forEach((n, i) => {
    const prev = tree[i - 1];
    if (i > 0 && !(prev && prev.children.length === 0 && n.children.length === 0 && prev.line.split(' ')[0] === n.line.split(' ')[0])) out.push('!');
    walk([n], 0);
  });
  out.push('!', 'end');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- the switch

function memberOf(spec: LabSwitchSpec): Member {
  const m = spec.members[0] ?? { number: 1, priority: 1, model: EOS_MODEL };
  return {
    number: 1,
    role: 'active',
    state: 'ready',
    priority: m.priority,
    mac: macFor(spec.index),
    model: EOS_MODEL,
    serial: serialFor(spec.index),
    version: EOS_VERSION,
    hwVersion: '11.03',
    ports: 56,
    ...(m.feed !== undefined ? { feed: m.feed } : {}),
    powered: true,
  };
}

/**
 * The pair a spec names (issue 16's fleet adds `pair: { peer, domain, role }` to LabSwitchSpec; read
 * without depending on it, so this file works before and after that lands).
 */
function pairOf(spec: LabSwitchSpec): { domain: string; role: 'primary' | 'secondary' } | undefined {
  const pair = (spec as { pair?: { domain?: unknown; role?: unknown } }).pair;
  if (!pair || typeof pair.domain !== 'string') return undefined;
  return { domain: pair.domain, role: pair.role === 'secondary' ? 'secondary' : 'primary' };
}

/**
 * An MLAG peer's configuration, laid out as the real avd-to-containerlab leaves have it: VLAN 4094
 * in a trunk group for the peer link, the peer-link port-channel, the local interface's address
 * (.1 on the primary, .2 on the secondary: `show mlag` prints the other as peer-address), and
 * `mlag configuration` naming the domain.
 */
function mlagLines(pair: { domain: string; role: 'primary' | 'secondary' }): { vlans: string[]; interfaces: string[]; mlag: string[] } {
  const [own, peer] = pair.role === 'primary' ? ['1', '2'] : ['2', '1'];
  return {
    vlans: ['vlan 4094', '   trunk group mlagpeer'],
    interfaces: [
      'interface Port-Channel10',
      '   switchport mode trunk',
      '   switchport trunk group mlagpeer',
      'interface Vlan4094',
      `   ip address 10.255.252.${own}/30`,
    ],
    mlag: [
      'mlag configuration',
      `   domain-id ${pair.domain}`,
      '   local-interface Vlan4094',
      `   peer-address 10.255.252.${peer}`,
      '   peer-link Port-Channel10',
    ],
  };
}

export function initialConfig(spec: LabSwitchSpec): string {
  const ports = 4 + (spec.extraInterfacesPerMember ?? 0);
  const pair = pairOf(spec);
  const mlag = pair ? mlagLines(pair) : { vlans: [], interfaces: [], mlag: [] };
  return [
    'no aaa root',
    'username admin privilege 15 role network-admin secret sha512 $6$labsalt0$9d3Jq0sYwB3tTRkQ1c8pUo5pXb2m6yZ3rW1vN7sA4hK8fG2eD5cL0jM9iH6gF3dS1aQ7wE4rT2yU8oP5lK3jH0',
    'transceiver qsfp default-mode 4x10G',
    'service routing protocols model multi-agent',
    `hostname ${spec.hostname}`,
    'ip domain-name lab.example.net',
    'spanning-tree mode mstp',
    'snmp-server contact noc@example.net',
    'snmp-server location lab rack 4',
    'snmp-server community labcommunity ro',
    'vlan 10',
    '   name users',
    'vlan 30',
    '   name printers',
    ...mlag.vlans,
    ...Array.from({ length: ports }, (_, i) => [
      `interface Ethernet${i + 1}`,
      ...(i === 0 ? ['   description uplink', '   switchport access vlan 10'] : []),
    ]).flat(),
    ...mlag.interfaces,
    'interface Management1',
    `   ip address 192.0.2.${10 + (spec.index % 200)}/24`,
    'ip routing',
    ...mlag.mlag,
  ].join('\n');
}

/** After `write erase` and a reload: no hostname, no users but a passwordless admin, the ports and the global defaults. */
export function factoryDefaultConfig(): string {
  return [
    'no aaa root',
    'username admin privilege 15 role network-admin nopassword',
    'transceiver qsfp default-mode 4x10G',
    'service routing protocols model multi-agent',
    'spanning-tree mode mstp',
    ...Array.from({ length: 4 }, (_, i) => `interface Ethernet${i + 1}`),
    'interface Management1',
    'no ip routing',
  ].join('\n');
}

export function initialState(spec: LabSwitchSpec, now: number, minuteMs: number): SwitchState {
  const uptime = (9 + ((spec.index * 5) % 30)) * DAY + ((spec.index * 7) % 24) * HOUR;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 3);
  const savedAt = runningChangedAt + 5_000;
  return {
    name: spec.name,
    running: parseEos(initialConfig(spec)),
    startup: parseEos(initialConfig(spec)),
    members: [memberOf(spec)],
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
    extra: { sessions: new Map(), minuteMs, restoredListeners: [] } satisfies EosState,
  };
}

/** The hostname the running configuration sets; EOS calls a switch without one `localhost`. */
export function hostnameOf(config: ConfigTree): string {
  return (
    config
      .find((n) => n.line.startsWith('hostname '))
      ?.line.slice('hostname '.length)
      .trim() || 'localhost'
  );
}

// ---------------------------------------------------------------- commit timer

/** `commit timer`: the session's configuration runs now; the one before comes back at the deadline unless committed again. */
export function commitWithTimer(state: SwitchState, name: string, seconds: number, now: () => number): void {
  const e = eos(state);
  const s = e.sessions.get(name)!;
  s.pending = { before: cloneTree(state.running), deadline: now() + (seconds / 60) * e.minuteMs };
  state.running = cloneTree(s.config);
  if (e.timer) clearInterval(e.timer);
  const every = Math.max(10, Math.min(1000, Math.floor(e.minuteMs / 20)));
  e.timer = setInterval(() => rollBackIfDue(state, now()), every);
  e.timer.unref?.();
}

/** Committed again before the timer ended: the configuration stays, the session is done. */
export function confirmTimer(state: SwitchState, name: string): void {
  const e = eos(state);
  e.sessions.delete(name);
  if (![...e.sessions.values()].some((s) => s.pending) && e.timer) {
    clearInterval(e.timer);
    delete e.timer;
  }
}

/** The timer ran out with no commit: the switch puts the previous configuration back by itself. */
export function rollBackIfDue(state: SwitchState, now: number): boolean {
  const e = eos(state);
  const due = [...e.sessions.entries()].find(([, s]) => s.pending && now >= s.pending.deadline);
  if (!due) return false;
  const [name, s] = due;
  state.running = cloneTree(s.pending!.before);
  state.runningChangedAt = now;
  state.runningChangedBy = 'system';
  confirmTimer(state, name);
  for (const l of e.restoredListeners.splice(0)) l();
  return true;
}

/** A reboot forgets every session (they live in memory): the switch boots its saved configuration. */
export function forgetSessions(state: SwitchState): void {
  const e = eos(state);
  e.sessions.clear();
  if (e.timer) clearInterval(e.timer);
  delete e.timer;
}

/** Resolves when a pending `commit timer` puts the configuration back by itself. */
export function whenRolledBack(state: SwitchState): Promise<void> {
  return new Promise((resolve) => eos(state).restoredListeners.push(resolve));
}
