// What a lab ArubaOS-Switch prints: `show running-config`, `show config` (startup),
// `show system`, `show version`, `show stacking [detail]`, laid out as the real captures
// (napalm-procurve, the cookbook's 2930M stack) show them.

import { renderConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import type { Member, SwitchState } from '../../model.js';
import { AOS_VERSION, factoryDefaultConfig, hostnameOf, modelName, parse, ROM_VERSION } from './state.js';

export function showRunning(state: SwitchState): string {
  return `\nRunning configuration:\n\n${renderConfig(state.running)}`;
}

/** `show config`: the saved configuration; after it was erased, the default the switch would boot. */
export function showStartup(state: SwitchState): string {
  return `\nStartup configuration:\n\n${renderConfig(state.startup ?? parse(factoryDefaultConfig()))}`;
}

const commander = (state: SwitchState): Member | undefined => state.members.find((m) => m.role === 'active' && m.state === 'ready') ?? state.members[0];

/** `2d 5h 42m`, as `show stacking` prints an uptime. */
function dhm(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  return `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h ${m % 60}m`;
}

function quoted(running: ConfigTree, key: string): string {
  const line = running.find((n) => n.line.startsWith(`snmp-server ${key} `))?.line ?? '';
  return /"([^"]*)"/.exec(line)?.[1] ?? line.split(' ').slice(2).join(' ');
}

const dashMac = (mac: string): string => {
  const hex = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return `${hex.slice(0, 6)}-${hex.slice(6)}`;
};

export function showSystem(state: SwitchState, now: number): string {
  const c = commander(state);
  const pad = (s: string, n: number) => s.padEnd(n);
  return (
    [
      '',
      ' Status and Counters - General System Information',
      '',
      `  System Name        : ${hostnameOf(state.running)}`,
      `  System Contact     : ${quoted(state.running, 'contact')}`,
      `  System Location    : ${quoted(state.running, 'location')}`,
      '',
      '  MAC Age Time (sec) : 300',
      '',
      '  Time Zone          : 60',
      '  Daylight Time Rule : Western-Europe',
      '',
      '',
      `  Software revision  : ${pad(c?.version || AOS_VERSION, 21)}Base MAC Addr      : ${dashMac(c?.mac ?? '')}`,
      `  ROM Version        : ${pad(ROM_VERSION, 21)}Serial Number      : ${c?.serial ?? ''}`,
      '',
      `  Up Time            : ${pad(`${Math.floor((now - state.bootedAt) / 86_400_000)} days`, 21)}Memory   - Total   : 337,453,568`,
      `  CPU Util (%)       : ${pad('3', 21)}           Free    : 169,782,544`,
      '',
    ].join('\n') + '\n'
  );
}

export function showVersion(state: SwitchState): string {
  const c = commander(state);
  return [
    'Image stamp:    /ws/swbuildm/rel_orlando_qaoff/code/build/anm(swbuildm_rel_orlando_qaoff_rel_orlando)',
    '                Jan 10 2020 06:24:18',
    `                ${c?.version || AOS_VERSION}`,
    '                1062',
    'Boot Image:     Primary',
    '',
  ].join('\n');
}

/** Status as `show stacking` words it: the role of a member that runs, `Missing` for one without power. */
function status(m: Member): string {
  if (m.state === 'provisioned') return 'Provisioned';
  if (m.state !== 'ready') return m.state === 'initializing' ? 'Booting' : 'Missing';
  return m.role === 'active' ? 'Commander' : m.role === 'standby' ? 'Standby' : 'Member';
}

function stackHead(state: SwitchState, now: number): string[] {
  const c = commander(state);
  const present = state.members.filter((m) => m.state === 'ready').length;
  const hex = (c?.mac ?? '').replace(/:/g, '');
  return [
    '',
    `Stack ID         : 0200${hex.slice(0, 4)}-${hex.slice(4)}00`,
    `MAC Address      : ${c?.mac ?? ''}`,
    `Stack Topology   : ${present > 2 ? 'Ring' : present === 2 ? 'Chain' : 'No Stack Formed'}`,
    `Stack Status     : ${present >= 2 ? 'Active' : 'No Stack Formed'}`,
    'Split Policy     : One-Fragment-Up',
    `Uptime           : ${dhm(now - state.bootedAt)}`,
    `Software Version : ${c?.version || AOS_VERSION}`,
    '',
  ];
}

export function showStacking(state: SwitchState, now: number): string {
  const c = commander(state);
  const rows = state.members.map((m) => {
    const mark = m === c ? '*' : ' ';
    const model = modelName(m.model);
    const shown = model.length > 37 ? model.slice(0, 34) + '...' : model;
    return ` ${mark}${String(m.number).padEnd(3)} ${dashMac(m.mac).padEnd(17)} ${shown.padEnd(37)} ${String(m.priority).padEnd(3)} ${status(m)}`;
  });
  return [
    ...stackHead(state, now),
    ' Mbr',
    ' ID  Mac Address       Model                                 Pri Status',
    ' --- ----------------- ------------------------------------- --- ---------------',
    ...rows,
    '',
  ].join('\n');
}

export function showStackingDetail(state: SwitchState, now: number): string {
  const out = [...stackHead(state, now), `Name             : ${hostnameOf(state.running)}`, 'Contact          : ', 'Location         : ', '', ''];
  for (const m of state.members) {
    out.push(
      `Member ID        : ${m.number}`,
      `Mac Address      : ${m.mac}`,
      `Type             : ${m.model}`,
      `Model            : ${modelName(m.model)}`,
      `Priority         : ${m.priority}`,
      `Status           : ${status(m)}`,
    );
    if (m.state === 'ready') {
      out.push(
        `ROM Version      : ${ROM_VERSION}`,
        `Serial Number    : ${m.serial}`,
        `Uptime           : ${dhm(now - state.bootedAt)}`,
        'CPU Utilization  : 0%',
        'Memory - Total   : 337,453,568 bytes',
        'Free             : 169,782,544 bytes',
      );
    }
    out.push('', '');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- VSF (2930F)
// Laid out as the real `show vsf detail` (ntc-templates hp_procurve/show_vsf_detail): the
// fabric's head (its lines after the first indented one space), name / contact / location,
// then a block per member with its VSF links. `show vsf` (brief) has no capture here: the
// lab prints the head and a member table like `show stacking`'s (lab). A member without
// power is listed `Missing` (lab: the word a real fabric prints for it is not in a capture).

function vsfHead(state: SwitchState, now: number): string[] {
  const c = commander(state);
  const present = state.members.filter((m) => m.state === 'ready').length;
  return [
    'VSF Domain ID    : 1',
    ` MAC Address      : ${dashMac(c?.mac ?? '')}`,
    ` VSF Topology     : ${present > 2 ? 'Ring' : present === 2 ? 'Chain' : 'No Stack Formed'}`,
    ` VSF Status       : ${present >= 2 ? 'Active' : 'No Stack Formed'}`,
    ` Uptime           : ${dhm(now - state.bootedAt)}`,
    ' VSF MAD          : None',
    ' VSF Port Speed   : 10G',
    ` Software Version : ${c?.version || AOS_VERSION}`,
    '',
  ];
}

/** A member's links: each to the next and the one before, in member order (a chain of two: one link each; lab). */
function vsfLinks(state: SwitchState, m: Member): string[] {
  const others = state.members.filter((x) => x !== m && x.state === 'ready' && m.state === 'ready').map((x) => x.number);
  return [
    `#1 : ${others[0] !== undefined ? `Active, Peer member ${others[0]}` : 'Inactive'}`,
    `#2 : ${others[1] !== undefined ? `Active, Peer member ${others[1]}` : 'Inactive'}`,
  ];
}

export function showVsf(state: SwitchState, now: number): string {
  const c = commander(state);
  const rows = state.members.map((m) => {
    const model = modelName(m.model);
    const shown = model.length > 37 ? model.slice(0, 34) + '...' : model;
    return ` ${m === c ? '*' : ' '}${String(m.number).padEnd(3)} ${dashMac(m.mac).padEnd(17)} ${shown.padEnd(37)} ${String(m.priority).padEnd(3)} ${status(m)}`;
  });
  return [
    ...vsfHead(state, now),
    ' Mbr',
    ' ID  Mac Address       Model                                 Pri Status',
    ' --- ----------------- ------------------------------------- --- ---------------',
    ...rows,
    '',
  ].join('\n');
}

export function showVsfDetail(state: SwitchState, now: number): string {
  const contact = quoted(state.running, 'contact');
  const location = quoted(state.running, 'location');
  const out = [
    ...vsfHead(state, now),
    `Name             : ${hostnameOf(state.running)}`,
    `Contact          :${contact ? ` ${contact}` : ''}`,
    `Location         :${location ? ` ${location}` : ''}`,
    '',
    '',
  ];
  for (const m of state.members) {
    out.push(
      `Member ID        : ${m.number}`,
      `MAC Address      : ${dashMac(m.mac)}`,
      `Type             : ${m.model}`,
      `Model            : ${modelName(m.model)}`,
      `Priority         : ${m.priority}`,
      `Status           : ${status(m)}`,
    );
    if (m.state === 'ready')
      out.push(
        `ROM Version      : ${ROM_VERSION}`,
        `Serial Number    : ${m.serial}`,
        `Uptime           : ${dhm(now - state.bootedAt)}`,
        'CPU Utilization  : 0%',
        'Memory - Total   : 333,513,216 bytes',
        'Free             : 212,192,464 bytes',
        'VSF Links -',
        ...vsfLinks(state, m),
      );
    out.push('', '', '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
