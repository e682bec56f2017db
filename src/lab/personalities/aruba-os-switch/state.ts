// The initial state of a simulated ArubaOS-Switch backplane stack (a 2930M stack) and the
// configurations it starts with. Derived from the spec only (no random source), so a
// fleet looks the same at every start. The configuration is laid out as the real captures
// show one (napalm-procurve's 2910al running config, the cookbook's 2930M stacking block):
// `;` header lines, top-level lines, contexts whose lines are indented three spaces and
// closed by an indented `exit`.

import { parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, electByPriority, NO_FAULTS } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { LabSwitchSpec } from '../../personality.js';

/** The release every member runs (the cookbook's 2930M stack), and an older one for `mixedVersions`. */
export const AOS_VERSION = 'WC.16.10.0018';
export const AOS_OLDER_VERSION = 'WC.16.08.0001';
export const ROM_VERSION = 'WC.17.02.0006';
const CONFIG_USER = 'manager';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Product numbers and what `show stacking detail` calls them (HPE's model names). */
export const MODEL_NAMES: Readonly<Record<string, string>> = {
  JL322A: 'Aruba JL322A 2930M-48G-PoE+ Switch',
  JL320A: 'Aruba JL320A 2930M-24G-PoE+ Switch',
  JL319A: 'Aruba JL319A 2930M-24G Switch',
  R0M67A: 'Aruba R0M67A 2930M-40G-8SR-PoE-Class6 Switch',
  // 2930F: VSF, no backplane stacking (the names as the real `show vsf detail` prints them).
  JL256A: 'Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch',
  JL255A: 'Aruba JL255A 2930F-24G-PoE+-4SFP+ Switch',
};
export const modelName = (model: string): string => MODEL_NAMES[model] ?? `Aruba ${model} Switch`;

/**
 * How a stack of these members stacks: a 2930F (or 5400R) by VSF over its front ports, the
 * 2920/2930M/3810 by backplane stacking. Chosen by the first member's model, as the hardware
 * decides on a real switch.
 */
export type Stacking = 'vsf' | 'backplane';
export const stackingOf = (model: string | undefined): Stacking => (/ 2930F-/.test(modelName(model ?? '')) ? 'vsf' : 'backplane');
export const stackingOfState = (members: readonly Pick<Member, 'model'>[]): Stacking => stackingOf(members[0]?.model);

/** Access ports of a model (its name says 24 or 48; the 40G+8SR box has 48). */
export function portsOf(model: string): number {
  return /-24G/.test(modelName(model)) ? 24 : 48;
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** An HPE-style serial (`SG06KJS0AZ`): country, year, week, four characters. */
export function serialFor(index: number, member: number): string {
  const h = hash32(`aos:${index}:${member}`);
  const tail = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let t = '';
  for (let i = 0, x = h; i < 4; i++, x = Math.floor(x / tail.length)) t += tail[x % tail.length];
  return `SG${String(6 + (h % 4)).padStart(2, '0')}KJ${t}`;
}

/** A member's base MAC as ArubaOS-Switch 16.x prints it in the stacking block (`8c:85:c1:53:bb:80`). */
export function macFor(index: number, member: number): string {
  const block = (((index & 0x1fff) << 4) | (member & 0xf)) << 6;
  const hex = (0x8c85c1000000 + block).toString(16).padStart(12, '0');
  return hex.match(/../g)!.join(':');
}

function membersOf(spec: LabSwitchSpec): Member[] {
  const provisioned = new Set(spec.provisioned ?? []);
  const fallback = spec.members[0]?.model ?? 'JL322A';
  const specs = [...spec.members];
  for (const n of provisioned) if (!specs.some((m) => m.number === n)) specs.push({ number: n, priority: 128, model: fallback });
  specs.sort((a, b) => a.number - b.number);
  const present = specs.filter((m) => !provisioned.has(m.number));
  const older = spec.mixedVersions ? present[present.length - 1]?.number : undefined;
  const members = specs.map((m): Member => {
    const none = provisioned.has(m.number);
    return {
      number: m.number,
      role: 'member',
      state: none ? 'provisioned' : 'ready',
      priority: m.priority,
      mac: none ? '00:00:00:00:00:00' : macFor(spec.index, m.number),
      model: m.model,
      serial: none ? '' : serialFor(spec.index, m.number),
      version: none ? '' : m.number === older ? AOS_OLDER_VERSION : AOS_VERSION,
      hwVersion: '',
      ports: portsOf(m.model),
      ...(m.feed !== undefined ? { feed: m.feed } : {}),
      powered: !none,
    };
  });
  // At a whole-stack boot the highest priority becomes commander, the next standby.
  electByPriority(members, { kind: 'boot' });
  return members;
}

const hostOctet = (index: number): number => 10 + (index % 240);

/** The header every configuration starts with: the commander's product and the release that wrote it. */
export function header(model: string): string[] {
  return [`; ${model} Configuration Editor; Created on release #${AOS_VERSION}`, '; Ver #14:01.4f.f8.1d.9b.3f.bf.bb.ef.7c.59.fc.6b.fb.9f.fc.ff.ff.37.ef:05'];
}

/** `1/1-1/46,2/1-2/46`: the access ports of every member but the last two of each (uplinks). */
function portRange(members: Member[], from: number, toFromEnd: number): string {
  return members.map((m) => `${m.number}/${from}-${m.number}/${m.ports - toFromEnd}`).join(',');
}

/**
 * The stack's context: `stacking` (the cookbook's 2930M block: `member N type … mac-address …`,
 * `member N priority P`), or on a 2930F `vsf` with its domain and the same member lines.
 * Lab: a real 2930F nests a `member N` context (type, priority, links) inside `vsf`; the lab
 * keeps the one-level form of its stacking block (unverified against a capture either way).
 */
function stackBlock(members: Member[], withPriority: boolean): string[] {
  const vsf = stackingOfState(members) === 'vsf';
  const mac = (m: Member) => (vsf ? m.mac.replace(/:/g, '').replace(/^(.{6})/, '$1-') : m.mac);
  return [
    vsf ? 'vsf' : 'stacking',
    ...(vsf ? ['   enable domain 1'] : []),
    ...members.flatMap((m) => [
      `   member ${m.number} type "${m.model}" mac-address ${mac(m)}`,
      ...(withPriority ? [`   member ${m.number} priority ${m.priority}`] : []),
    ]),
    '   exit',
  ];
}

export function initialConfig(spec: LabSwitchSpec): string {
  const members = membersOf(spec);
  const host = hostOctet(spec.index);
  const lines: string[] = [
    ...header(members[0]?.model ?? 'JL322A'),
    `hostname "${spec.hostname}"`,
    ...stackBlock(members, true),
    'logging 192.0.2.50',
    'timesync sntp',
    'sntp unicast',
    'sntp server priority 1 192.0.2.123',
    'time daylight-time-rule western-europe',
    'time timezone 60',
    'no web-management',
    'ip default-gateway 192.0.2.1',
    'ip ssh filetransfer',
  ];
  for (const m of members) {
    lines.push(`interface ${m.number}/1`, `   name "printer-${m.number}-1"`, '   exit');
    lines.push(`interface ${m.number}/${m.ports}`, '   lacp passive', `   name "uplink core-${m.number % 2 === 1 ? 'a' : 'b'}"`, '   exit');
  }
  lines.push(
    `snmp-server community "switchback-ro" operator`,
    `snmp-server location "lab row ${1 + (spec.index % 8)} rack ${1 + (spec.index % 20)}"`,
    'snmp-server contact "noc@example.net"',
    'spanning-tree',
    'vlan 1',
    '   name "DEFAULT_VLAN"',
    `   no untagged ${portRange(members, 1, 0)}`,
    '   no ip address',
    '   exit',
    'vlan 10',
    '   name "USERS"',
    `   untagged ${portRange(members, 1, 2)}`,
    `   tagged ${members.map((m) => `${m.number}/${m.ports}`).join(',')}`,
    '   no ip address',
    '   exit',
    'vlan 99',
    '   name "MGMT"',
    `   tagged ${members.map((m) => `${m.number}/${m.ports}`).join(',')}`,
    `   ip address 192.0.2.${host} 255.255.255.0`,
    '   exit',
    'no tftp client',
    'no tftp server',
  );
  return lines.join('\n') + '\n';
}

/**
 * What a 2930M boots with after `erase startup-config`: the header, the model's hostname,
 * the public community, VLAN 1 with every port and an address by DHCP, the stack's members
 * (the switch writes them as they join). HPE's documented default, not a capture.
 */
export function factoryDefaultConfig(members: Member[] = []): string {
  const model = members[0]?.model ?? 'JL322A';
  return (
    [
      ...header(model),
      `hostname "${stackingOfState(members) === 'vsf' ? 'Aruba-2930F' : 'Aruba-Stack-2930M'}"`,
      ...(members.length > 0
        ? stackBlock(
            members.filter((m) => m.state !== 'provisioned'),
            false,
          )
        : []),
      'snmp-server community "public" unrestricted',
      'vlan 1',
      '   name "DEFAULT_VLAN"',
      `   untagged ${members.length > 0 ? portRange(members, 1, 0) : '1/1-1/48'}`,
      '   ip address dhcp-bootp',
      '   exit',
    ].join('\n') + '\n'
  );
}

export const parse = (text: string): ConfigTree => parseConfig(text);

/** Up two to seven weeks, the last change saved: the fleet starts clean. */
export function initialState(spec: LabSwitchSpec, now: number): SwitchState {
  const uptime = (14 + ((spec.index * 7) % 35)) * DAY + ((spec.index * 5) % 24) * HOUR + ((spec.index * 13) % 60) * MINUTE;
  const bootedAt = now - uptime;
  const runningChangedAt = bootedAt + BOOT_CONFIG_APPLY_MS + Math.floor(uptime / 3);
  const savedAt = runningChangedAt + 4_000;
  return {
    name: spec.name,
    running: parse(initialConfig(spec)),
    startup: parse(initialConfig(spec)),
    members: membersOf(spec),
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
    extra: { saves: 1 } satisfies AosExtra,
  };
}

/**
 * What only this personality keeps: how many saves (hpSwitchStartupConfigSeqNum moves with
 * each), and since when each standby has been standby (a standby elected moments ago has not
 * synchronised the commander's configuration yet: it cannot take over).
 */
export interface AosExtra {
  saves: number;
  standbySince?: Record<number, number>;
}
export function aos(state: SwitchState): AosExtra {
  const e = state.extra as AosExtra | undefined;
  if (e && typeof e.saves === 'number') return e;
  const fresh: AosExtra = { saves: 0 };
  state.extra = fresh;
  return fresh;
}

/** The name `hostname "…"` sets, or the default the OS prints without one. */
export function hostnameOf(running: ConfigTree): string {
  const line = running.find((n) => /^hostname /.test(n.line))?.line;
  const m = line ? /^hostname "?([^"]*)"?$/.exec(line) : null;
  return m?.[1] || 'HP-Switch';
}
