// What a simulated IOS-XE 17.9 C9300 stack prints for the show commands that
// switchback reads. Pure functions of the switch state (and the clock, where the
// output has an uptime): the SSH layer pages them and turns `\n` into `\r\n`.
//
// Column widths, padding, trailing spaces and blank lines follow real captures
// (see test/fixtures/SOURCES.md): Oxidized's C9200L-24P-4G 17.09.04a recording,
// genieparser's IOS-XE ShowVersion / ShowSwitch / ShowSwitchDetail / ShowInventory
// outputs and ntc-templates' cisco_ios show_version / show_switch_detail samples.
// A parser that reads the real outputs must read these the same way.

import { renderConfig } from '../../config-tree.js';
import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS } from '../../model.js';
import { hostnameOf } from './config-text.js';
import { IOS_ROLE, IOS_STATE } from './stack-words.js';
import type { Member, SwitchState } from '../../model.js';
import { accessPorts, serialFrom } from './state.js';

// ---------------------------------------------------------------- time

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** IOS's timestamp in config headers and `show version`: `09:37:40 UTC Tue Aug 20 2024` (the day is not padded). */
export function iosTime(ms: number): string {
  const d = new Date(ms);
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${hms} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/**
 * IOS's uptime wording: from the largest non-zero unit down to minutes, every unit
 * printed, singular for 1 (`1 hour, 24 minutes`, `28 weeks, 1 day, 8 hours, 0 minutes`,
 * `9 minutes`).
 */
export function iosUptime(ms: number): string {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const minutes = totalMinutes % 60;
  const totalHours = Math.floor(totalMinutes / 60);
  const hours = totalHours % 24;
  const totalDays = Math.floor(totalHours / 24);
  const years = Math.floor(totalDays / 365);
  const days = (totalDays % 365) % 7;
  const weeks = Math.floor((totalDays % 365) / 7);
  const units: [number, string][] = [
    [years, 'year'],
    [weeks, 'week'],
    [days, 'day'],
    [hours, 'hour'],
    [minutes, 'minute'],
  ];
  const first = units.findIndex(([n], i) => n > 0 || i === units.length - 1);
  return units
    .slice(first)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(', ');
}

// ---------------------------------------------------------------- members

/** Members with power, in member-number order: the ones `show version` and `show inventory` list. */
function present(state: SwitchState): Member[] {
  return state.members.filter((m) => m.powered && m.state !== 'provisioned').sort((a, b) => a.number - b.number);
}

/** The member whose console this is: the Active (every session lands on it). */
function active(state: SwitchState): Member | undefined {
  return state.members.find((m) => m.role === 'active' && m.powered) ?? present(state)[0];
}

/** `17.09.04a` → `17.9.4a`, as the second banner line spells the release. */
function shortVersion(version: string): string {
  return version
    .split('.')
    .map((part) => part.replace(/^0+(?=\d)/, ''))
    .join('.');
}

function colonMac(dotted: string): string {
  const hex = dotted.replace(/\./g, '');
  return hex.match(/../g)?.join(':') ?? hex;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------- show version

const LICENCE_NOTICE = `Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.`;

const CRYPTO_NOTICE = `This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local laws, return this product immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.`;

/** The `Key : value` lines of a member's hardware block; keys are padded to 35 columns. */
function hardwareLines(m: Member): string[] {
  const field = (key: string, value: string) => `${key.padEnd(35)}: ${value}`;
  return [
    field('Base Ethernet MAC Address', colonMac(m.mac)),
    field('Motherboard Assembly Number', '73-18785-05'),
    field('Motherboard Serial Number', serialFrom(`motherboard:${m.serial}`, 'FOC')),
    field('Model Revision Number', 'C0'),
    field('Motherboard Revision Number', 'A0'),
    field('Model Number', m.model),
    field('System Serial Number', m.serial),
    // Real C9300s often leave the CLEI code empty; IOS still prints the key and a space.
    field('CLEI Code Number', ''),
  ];
}

/**
 * `show version` on the Active of a C9300 stack running IOS-XE 17.9 in install
 * mode. The lab only ever reboots by power, and Catalyst 9000s report that as
 * `PowerOn` (Cisco's "Troubleshoot unexpected reloads on Catalyst 9000" note).
 */
export function showVersion(state: SwitchState, now: number): string {
  const act = active(state);
  const members = present(state);
  if (!act) return '';
  const version = act.version;
  const uptime = iosUptime(now - state.bootedAt);
  // The control processor is up a little before IOS declares the system up.
  const cpUptime = iosUptime(now - state.bootedAt + 60_000);
  const svis = countInterfaces(state.running, /^interface Vlan\d+$/);
  const gig = members.reduce((n, m) => n + accessPorts(m.model) + 4, 0);

  const out: string[] = [
    `Cisco IOS XE Software, Version ${version}`,
    `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version ${shortVersion(version)}, RELEASE SOFTWARE (fc3)`,
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Fri 20-Oct-23 10:33 by mcpre',
    '',
    '',
    LICENCE_NOTICE,
    '',
    '',
    'ROM: IOS-XE ROMMON',
    'BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)',
    '',
    `${hostnameOf(state.running)} uptime is ${uptime}`,
    `Uptime for this control processor is ${cpUptime}`,
    'System returned to ROM by PowerOn',
    `System restarted at ${iosTime(state.bootedAt)}`,
    'System image file is "flash:packages.conf"',
    'Last reload reason: PowerOn',
    '',
    '',
    '',
    CRYPTO_NOTICE,
    '',
    '',
    'Technology Package License Information: ',
    '',
    '------------------------------------------------------------------------------',
    'Technology-package                                     Technology-package',
    'Current                        Type                       Next reboot  ',
    '------------------------------------------------------------------------------',
    `${'network-advantage'.padEnd(20)}\t${'Smart License'.padEnd(30)}\t ${'network-advantage'.padEnd(20)}`,
    `${'dna-advantage'.padEnd(20)}\t${'Subscription Smart License'.padEnd(30)}\t ${'dna-advantage'.padEnd(30)}`,
    'AIR License Level: AIR DNA Advantage',
    'Next reload AIR license Level: AIR DNA Advantage',
    '',
    '',
    'Smart Licensing Status: Smart Licensing Using Policy',
    '',
    `cisco ${act.model} (X86) processor with 1333273K/6147K bytes of memory.`,
    `Processor board ID ${act.serial}`,
    plural(svis, 'Virtual Ethernet interface'),
    plural(gig, 'Gigabit Ethernet interface'),
    plural(8 * members.length, 'Ten Gigabit Ethernet interface'),
    plural(2 * members.length, 'TwentyFive Gigabit Ethernet interface'),
    plural(2 * members.length, 'Forty Gigabit Ethernet interface'),
    '2048K bytes of non-volatile configuration memory.',
    '8388608K bytes of physical memory.',
    // Each member's crashinfo and flash appear under its own name (`-N` for member N), as on real stacks.
    ...members.map((m) => `1638400K bytes of Crash Files at ${fsName('crashinfo', m, act)}.`),
    ...members.map((m) => `11264000K bytes of Flash at ${fsName('flash', m, act)}.`),
    '',
    ...hardwareLines(act),
    '',
    '',
    'Switch Ports Model              SW Version        SW Image              Mode   ',
    '------ ----- -----              ----------        ----------            ----   ',
    ...members.map(
      (m) =>
        `${m === act ? '*' : ' '}${String(m.number).padStart(5)} ${String(m.ports).padEnd(5)} ${m.model.padEnd(18)} ${m.version.padEnd(17)} ${'CAT9K_IOSXE'.padEnd(21)} INSTALL`,
    ),
    '',
    '',
  ];
  for (const m of members) {
    if (m === act) continue;
    out.push(`Switch ${String(m.number).padStart(2, '0')}`, '---------', `${'Switch uptime'.padEnd(35)}: ${uptime} `, '', ...hardwareLines(m), '');
  }
  out.push('Configuration register is 0x102', '');
  return out.join('\n') + '\n';
}

function fsName(fs: string, m: Member, act: Member): string {
  return m === act ? `${fs}:` : `${fs}-${m.number}:`;
}

function countInterfaces(tree: ConfigTree, pattern: RegExp): number {
  return tree.filter((n) => pattern.test(n.line)).length;
}

// ---------------------------------------------------------------- show switch

/**
 * The stack MAC is the MAC of the member that was Active when the stack formed,
 * and stays so after a failover (Mac persistency wait time: Indefinite): then IOS
 * says `Foreign Mac Address`. The state does not record who formed the stack; the
 * best guess is the member that would have won that election and is not Active now.
 */
function stackMac(state: SwitchState, act: Member | undefined): { mac: string; local: boolean } {
  const ranked = state.members.filter((m) => m.state !== 'provisioned').sort((a, b) => b.priority - a.priority || a.number - b.number);
  const former = ranked[0];
  if (act && former && former !== act && ranked.indexOf(former) < ranked.indexOf(act)) return { mac: former.mac, local: false };
  return { mac: act?.mac ?? '0000.0000.0000', local: true };
}

function switchTable(state: SwitchState): string[] {
  const act = active(state);
  const { mac, local } = stackMac(state, act);
  const rows = [...state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      // Members without hardware (Provisioned) or without power (Removed) show no MAC and priority 0;
      // a Removed member keeps its hardware version, a Provisioned one never had one.
      const known = m.state !== 'provisioned' && m.state !== 'removed';
      const rowMac = known ? m.mac : '0000.0000.0000';
      const priority = known ? String(m.priority) : '0';
      const hw = m.state === 'provisioned' ? '' : m.hwVersion;
      return `${m === act ? '*' : ' '}${String(m.number).padEnd(8)}${IOS_ROLE[m.role].padEnd(9)}${rowMac.padEnd(19)}${priority.padEnd(7)}${hw.padEnd(8)}${IOS_STATE[m.state].padEnd(21)}`;
    });
  return [
    `Switch/Stack Mac Address : ${mac} - ${local ? 'Local' : 'Foreign'} Mac Address`,
    'Mac persistency wait time: Indefinite',
    '                                             H/W   Current',
    'Switch#   Role    Mac Address     Priority Version  State ',
    '-------------------------------------------------------------------------------------',
    ...rows,
  ];
}

/** `show switch` as IOS-XE 16/17 StackWise prints it (genieparser ShowSwitch c3850 capture). */
export function showSwitch(state: SwitchState): string {
  return switchTable(state).join('\n') + '\n';
}

/** One stack port: OK with the neighbour's number, or DOWN with None when the cable leads to a dark member. */
function stackPort(neighbour: Member | undefined): { status: string; neighbour: string } {
  if (!neighbour || !neighbour.powered) return { status: 'DOWN', neighbour: 'None' };
  // IOS prints a neighbour number followed by a space, right-aligned so that `None` ends one column later.
  return { status: 'OK', neighbour: `${neighbour.number} ` };
}

/**
 * `show switch detail`: the member table, then the stack-port table. The stack is
 * cabled as a ring of its members in number order (port 1 to the previous member,
 * port 2 to the next, as in the genieparser c3850 capture); only members with
 * power have a row, and a port whose neighbour lost power is DOWN.
 */
export function showSwitchDetail(state: SwitchState): string {
  const ring = state.members.filter((m) => m.state !== 'provisioned').sort((a, b) => a.number - b.number);
  const rows: string[] = [];
  ring.forEach((m, i) => {
    if (!m.powered) return;
    const alone = ring.length === 1;
    const p1 = stackPort(alone ? undefined : ring[(i - 1 + ring.length) % ring.length]);
    const p2 = stackPort(alone ? undefined : ring[(i + 1) % ring.length]);
    rows.push(`${String(m.number).padStart(3)}${p1.status.padStart(11)}${p2.status.padStart(11)}${p1.neighbour.padStart(17)}${p2.neighbour.padStart(9)}`);
  });
  return (
    [
      ...switchTable(state),
      '',
      '',
      '',
      '         Stack Port Status             Neighbors     ',
      'Switch#  Port 1     Port 2           Port 1   Port 2 ',
      '--------------------------------------------------------',
      ...rows,
    ].join('\n') + '\n'
  );
}

// ---------------------------------------------------------------- show inventory

function inventoryEntry(name: string, descr: string, pid: string, vid: string, sn: string): string[] {
  return [`NAME: "${name}", DESCR: "${descr}"`, `PID: ${pid.padEnd(18)}, VID: ${vid.padEnd(5)}, SN: ${sn}`, ''];
}

/** The power supply a C9300 of this model ships with (715 W for PoE+ 48-port, 350 W otherwise). */
function powerSupplyPid(model: string): string {
  return accessPorts(model) >= 48 && /P/.test(model.slice(model.indexOf('-') + 1)) ? 'PWR-C1-715WAC' : 'PWR-C1-350WAC';
}

/** `show inventory` as the C9200L 17.9 capture prints it: the stack, then per member the switch and its power supply. */
export function showInventory(state: SwitchState): string {
  const act = active(state);
  if (!act) return '';
  const out = inventoryEntry('c93xx Stack', 'c93xx Stack', act.model, act.hwVersion, act.serial);
  for (const m of present(state)) {
    out.push(...inventoryEntry(`Switch ${m.number}`, m.model, m.model, m.hwVersion, m.serial));
    const psu = `Switch ${m.number} - Power Supply A`;
    out.push(...inventoryEntry(psu, psu, powerSupplyPid(m.model), 'V01', serialFrom(`psu-a:${m.serial}`, 'LIT')));
  }
  return out.join('\n') + '\n\n';
}

// ---------------------------------------------------------------- running / startup

/** NVRAM size of a C9300 (`2048K bytes of non-volatile configuration memory`). */
export const NVRAM_BYTES = 2_097_152;

function byUser(by: string): string {
  return by === '' ? '' : ` by ${by}`;
}

/**
 * The comment block IOS puts before the configuration. A change IOS made itself
 * while applying the startup config at boot (no user, within the boot window)
 * is reported as no change at all, as real gear does.
 */
function runningComments(state: SwitchState): string[] {
  const sinceBoot = state.runningChangedBy === '' && state.runningChangedAt <= state.bootedAt + BOOT_CONFIG_APPLY_MS;
  const lines = ['!'];
  lines.push(
    sinceBoot
      ? '! No configuration change since last restart'
      : `! Last configuration change at ${iosTime(state.runningChangedAt)}${byUser(state.runningChangedBy)}`,
  );
  if (state.nvram) lines.push(`! NVRAM config last updated at ${iosTime(state.nvram.savedAt)}${byUser(state.nvram.savedBy)}`);
  lines.push('!');
  return lines;
}

/** The header IOS wrote into NVRAM with the last save; it survives reboots. */
function startupComments(state: SwitchState): string[] {
  const h = state.nvram;
  if (!h) return ['!'];
  return [
    '!',
    `! Last configuration change at ${iosTime(h.lastChangeAt)}${byUser(h.lastChangeBy)}`,
    `! NVRAM config last updated at ${iosTime(h.savedAt)}${byUser(h.savedBy)}`,
    '!',
  ];
}

/**
 * `show running-config`. `Current configuration : N bytes` counts what follows the
 * line: the comment block and the body up to and including `end` and its newline.
 * IOS prints an empty line after `end` before the prompt (C9200L capture).
 */
export function showRunning(state: SwitchState, _now: number): string {
  const text = runningComments(state).join('\n') + '\n' + renderConfig(state.running);
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(text, 'utf8')} bytes\n${text}\n`;
}

/** `show startup-config`; with NVRAM erased IOS prints a single line. */
export function showStartup(state: SwitchState): string {
  if (state.startup === null) return 'startup-config is not present\n';
  const text = startupComments(state).join('\n') + '\n' + renderConfig(state.startup);
  return `Using ${Buffer.byteLength(text, 'utf8')} out of ${NVRAM_BYTES} bytes\n${text}\n`;
}

// ---------------------------------------------------------------- show archive config differences

type Sign = '+' | '-';

/** A node's identity for the diff: its line, and a banner's text too. */
function keyOf(n: ConfigNode): string {
  return n.verbatim ? `${n.line}\n${n.verbatim.lines.join('\n')}\n${n.verbatim.end}` : n.line;
}

/** Comment lines (`!`, `! …`) are not configuration; the diff ignores them as IOS does. */
function isComment(n: ConfigNode): boolean {
  return n.line.startsWith('!');
}

function signed(n: ConfigNode, sign: Sign, depth: number): string[] {
  const pad = ' '.repeat(depth);
  if (n.verbatim) return [`${pad}${sign}${n.line}`, ...n.verbatim.lines, n.verbatim.end];
  return [`${pad}${sign}${n.line}`, ...n.children.filter((c) => !isComment(c)).flatMap((c) => signed(c, sign, depth + 1))];
}

/**
 * IOS's contextual diff of one level: lines only in the target are `+`, lines only
 * in the base are `-`, each under its unsigned parent line, children one space
 * deeper per level. Additions and changed contexts come first in target order,
 * then the removals in base order (genieparser ShowArchiveConfigDifferences).
 */
function contextualDiff(base: ConfigTree, target: ConfigTree, depth: number): string[] {
  const unmatched = base.filter((n) => !isComment(n));
  const out: string[] = [];
  for (const t of target) {
    if (isComment(t)) continue;
    const i = unmatched.findIndex((b) => keyOf(b) === keyOf(t));
    if (i < 0) {
      out.push(...signed(t, '+', depth));
      continue;
    }
    const [b] = unmatched.splice(i, 1);
    const inner = b && !t.verbatim ? contextualDiff(b.children, t.children, depth + 1) : [];
    if (inner.length > 0) out.push(' '.repeat(depth) + t.line, ...inner);
  }
  for (const b of unmatched) out.push(...signed(b, '-', depth));
  return out;
}

/**
 * `show archive config differences` with no arguments: startup-config (base)
 * against running-config (target), so `+` lines are unsaved additions. With no
 * startup-config, everything running is an addition.
 */
export function showArchiveConfigDifferences(state: SwitchState): string {
  const diff = contextualDiff(state.startup ?? [], state.running, 0);
  return ['!Contextual Config Diffs:', ...(diff.length > 0 ? diff : ['!No changes were found'])].join('\n') + '\n';
}
