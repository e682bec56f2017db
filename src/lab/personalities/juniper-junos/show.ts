// What Junos prints for the operational `show` commands the lab answers, laid out as
// the real captures in test/fixtures/real/junos/ (show virtual-chassis from a real EX
// VC, per-member show version from an EX4550 VC, show system commit, the committed
// configuration's `## Last commit:` header as Oxidized stores it).

import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import { renderCurly, renderSet } from './junos-tree.js';
import { hasHardware, hostname, isPresent, junos, masterMember, presentMembers } from './state.js';
import type { CommitRecord } from './state.js';

/** `2024-12-06 11:41:05 UTC`, as Junos writes commit times. */
export function junosTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** `show configuration`: the `## Last commit:` header, then the hierarchy. */
export function showConfiguration(state: SwitchState, config: ConfigTree = state.running): string {
  const last = junos(state).history[0];
  const header = last ? `## Last commit: ${junosTime(last.at)} by ${last.by}\n` : '';
  return header + renderCurly(config).join('\n') + '\n';
}

export function displaySet(config: ConfigTree): string {
  return renderSet(config).join('\n') + '\n';
}

/** `show system commit`: newest first, index, time, user, how, and a confirmed commit's note. */
export function showSystemCommit(history: readonly CommitRecord[]): string {
  return history.map((c, i) => `${String(i).padEnd(4)}${junosTime(c.at)} by ${c.by} via ${c.via}${c.comment ? ` ${c.comment}` : ''}`).join('\n') + '\n';
}

/** `show version`: one `fpcN:` section per present member, as the real EX captures (a standalone EX has just `fpc0:`). */
export function showVersion(state: SwitchState): string {
  const host = hostname(state.running) ?? '';
  const section = (model: string, version: string) =>
    [
      `Hostname: ${host}`,
      `Model: ${model}`,
      `Junos: ${version}`,
      `JUNOS OS Kernel 64-bit  [20230601.4b9ff47_builder_stable_12_214]`,
      `JUNOS OS libs [20230601.4b9ff47_builder_stable_12_214]`,
      `JUNOS OS runtime [20230601.4b9ff47_builder_stable_12_214]`,
      `JUNOS EX  Software Suite [${version}]`,
      `JUNOS Online Documentation [${version}]`,
      `JUNOS Web Management [${version}]`,
    ].join('\n') + '\n';
  const present = presentMembers(state);
  return present.map((m) => `fpc${m.number}:\n${'-'.repeat(74)}\n${section(m.model, m.version)}`).join('\n');
}

/** Junos's words for a role in `show virtual-chassis`; the master you are on has a `*`. */
function roleWord(state: SwitchState, id: number): string {
  const j = junos(state);
  const role = j.active ? j.roles.get(id) : j.roles.has(id) ? 'linecard' : undefined;
  if (role === 'master') return 'Master*';
  if (role === 'backup') return 'Backup';
  if (role === 'linecard') return 'Linecard';
  return '';
}

/** `show virtual-chassis`, columns as the real capture (ralph/show_virtual-chassis_stacked.txt). */
export function showVirtualChassis(state: SwitchState): string {
  const master = masterMember(state) ?? state.members[0];
  const vcId = (master?.mac ?? '000000000000').replace(/:/g, '').replace(/(....)(?=.)/g, '$1.');
  const present = presentMembers(state).map((m) => m.number);
  const lines = [
    `Virtual Chassis ID: ${vcId}`,
    'Virtual Chassis Mode: Enabled',
    '                                           Mstr           Mixed Neighbor List',
    'Member ID  Status   Serial No    Model     prio  Role      Mode ID  Interface',
  ];
  for (const m of [...state.members].filter(hasHardware).sort((a, b) => a.number - b.number)) {
    const here = isPresent(m);
    const head =
      `${`${m.number} (FPC ${m.number})`.padEnd(11)}${(here ? 'Prsnt' : 'NotPrsnt').padEnd(9)}${m.serial.padEnd(13)}${m.model.padEnd(10)} ` +
      `${String(m.priority).padStart(3)}  ${roleWord(state, m.number).padEnd(9)}`;
    if (!here || present.length < 2) {
      lines.push((head + (here ? '    N' : '')).trimEnd());
      continue;
    }
    // A ring: vcp-1 to the next present member, vcp-0 to the one before (a pair sees each other twice).
    const at = present.indexOf(m.number);
    const next = present[(at + 1) % present.length]!;
    const prev = present[(at - 1 + present.length) % present.length]!;
    const first = `${head}    N  `;
    lines.push(`${first}${next}  vcp-1`);
    lines.push(`${' '.repeat(first.length)}${prev}  vcp-0`);
  }
  return lines.join('\n') + '\n';
}

/** `show chassis hardware`: the columns of the real SRX300 capture (Oxidized), one FPC row per present member. */
export function showChassisHardware(state: SwitchState): string {
  const row = (item: string, version: string, part: string, serial: string, descr: string) =>
    `${item.padEnd(17)}${version.padEnd(9)}${part.padEnd(13)}${serial.padEnd(18)}${descr}`.trimEnd();
  const present = presentMembers(state);
  const master = masterMember(state) ?? present[0];
  return (
    [
      'Hardware inventory:',
      row('Item', 'Version', 'Part number', 'Serial number', 'Description'),
      row('Chassis', '', '', master?.serial ?? '', 'Virtual Chassis'),
      ...present.map((m) => row(`FPC ${m.number}`, m.hwVersion, '650-044930', m.serial, m.model.toUpperCase())),
    ].join('\n') + '\n'
  );
}

/** `show system license` on an EX without installed licences. */
export function showSystemLicense(): string {
  return 'License usage: none\n\nLicenses installed: none\n';
}
