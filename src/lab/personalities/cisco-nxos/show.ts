// What the lab's NX-OS prints for its show commands, laid out as the real captures are:
// `show version` and `show running-config` as Oxidized's 93180 10.4(5) recording (the header
// comments, `version 10.4(5) Bios:version 01.11`, no end marker), `show startup-config` with
// its `!Startup config saved at:` line (napalm's capture), `show vpc` as genieparser's real
// 9.x/10.x outputs (padded `Key : value` lines, the peer-link table).

import { renderConfig } from '../../config-tree.js';
import type { LabPairView, SwitchState } from '../../model.js';
import { CHASSIS, hostnameOf, NXOS_IMAGE, NXOS_VERSION } from './state.js';

/** `Mon Dec  1 14:37:04 2025`, as NX-OS prints its `!Time:` lines. */
export function nxosTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

const BANNER = [
  'Cisco Nexus Operating System (NX-OS) Software',
  'TAC support: http://www.cisco.com/tac',
  'Copyright (C) 2002-2025, Cisco and/or its affiliates.',
  'All rights reserved.',
];

export function greetingBanner(): string {
  return BANNER.join('\n') + '\n';
}

function uptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 86400)} day(s), ${Math.floor((s % 86400) / 3600)} hour(s), ${Math.floor((s % 3600) / 60)} minute(s), ${s % 60} second(s)`;
}

export function showVersion(state: SwitchState, now: number): string {
  const chassis = state.members[0];
  return [
    ...BANNER,
    '',
    'Software',
    '  BIOS: version 01.11',
    `  NXOS: version ${NXOS_VERSION} [Maintenance Release]`,
    `  Host NXOS: version ${NXOS_VERSION}`,
    '  BIOS compile time:  12/04/2024',
    `  NXOS image file is: bootflash:///${NXOS_IMAGE}`,
    '  NXOS compile time:  3/5/2025 31:00:00 [03/01/2025 12:48:31]',
    '  NXOS boot mode: LXC',
    '',
    'Hardware',
    `  cisco ${CHASSIS} Chassis `,
    '  Intel(R) Xeon(R) CPU D-1526 @ 1.80GHz with 32802700 kB of memory.',
    `  Processor Board ID ${chassis?.serial ?? ''}`,
    `  Device name: ${hostnameOf(state.running)}`,
    '  bootflash:  115805708 kB',
    '',
    `Kernel uptime is ${uptime(now - state.bootedAt)}`,
    '',
    `Last reset at 476035 usecs after ${nxosTime(state.bootedAt)}`,
    '  Reason: Reset Requested by CLI command reload',
    `  System version: ${NXOS_VERSION}`,
    '  Service: ',
    '',
    'plugin',
    '  Core Plugin, Ethernet Plugin',
    '',
  ].join('\n');
}

export function showRunning(state: SwitchState, now: number): string {
  return [
    '',
    '!Command: show running-config',
    `!Running configuration last done at: ${nxosTime(state.runningChangedAt)}`,
    `!Time: ${nxosTime(now)}`,
    '',
    renderConfig(state.running),
  ].join('\n');
}

/** With nothing saved (words assumed, as the platform's `startup.empty`). */
export function showStartup(state: SwitchState, now: number): string {
  if (!state.startup) return 'No startup configuration found\n';
  return [
    '',
    '!Command: show startup-config',
    `!Time: ${nxosTime(now)}`,
    `!Startup config saved at: ${nxosTime(state.startupChangedAt ?? now)}`,
    '',
    renderConfig(state.startup),
  ].join('\n');
}

const kv = (k: string, v: string) => `${k.padEnd(34)}: ${v}`;

/**
 * `show vpc` from the pair's view. Absent: what a switch with no vPC prints (genieparser's
 * golden_output_6, `feature vpc` enabled, no domain). The peer-link is port-channel 1 on the lab.
 */
export function showVpc(pair: LabPairView | undefined): string {
  const legend = ['Legend:', '                (*) - local vPC is down, forwarding via vPC peer-link', ''];
  if (!pair)
    return [
      ...legend,
      kv('vPC domain id', 'Not configured'),
      kv('Peer status', 'peer link not configured'),
      kv('vPC keep-alive status', 'Disabled'),
      kv('Configuration consistency status', 'failed'),
      kv('Per-vlan consistency status', 'failed'),
      kv('Configuration inconsistency reason', 'vPC peer-link does not exist'),
      kv('Type-2 consistency status', 'failed'),
      kv('Type-2 inconsistency reason', 'vPC peer-link does not exist'),
      kv('vPC role', 'none established'),
      kv('Number of vPCs configured', '0'),
      kv('Peer Gateway', 'Disabled'),
      kv('Dual-active excluded VLANs', '-'),
      kv('Graceful Consistency Check', 'Disabled (due to peer configuration)'),
      kv('Auto-recovery status', 'Disabled'),
      kv('Delay-restore status', 'Timer is off.(timeout = 30s)'),
      kv('Delay-restore SVI status', 'Timer is off.(timeout = 10s)'),
      kv('Operational Layer3 Peer-router', 'Disabled'),
      '',
    ].join('\n');
  const formed = pair.peerUp && pair.peerLinkUp;
  // Peer status as NX-OS words it: formed; the link down (keepalive still alive); the peer gone.
  const peerStatus = formed ? 'peer adjacency formed ok' : pair.peerLinkUp ? 'peer adjacency not formed' : 'peer link is down';
  const keepalive = pair.peerUp ? 'peer is alive' : 'peer is not reachable through peer-keepalive';
  const linkStatus = pair.peerLinkUp ? 'up' : 'down';
  return [
    ...legend,
    kv('vPC domain id', pair.domain),
    kv('Peer status', peerStatus),
    kv('vPC keep-alive status', keepalive),
    kv('Configuration consistency status', 'success'),
    kv('Per-vlan consistency status', 'success'),
    kv('Type-2 consistency status', 'success'),
    // A secondary whose primary is gone takes over: NX-OS then says `secondary, operational primary`.
    kv('vPC role', pair.role),
    kv('Number of vPCs configured', '1'),
    kv('Peer Gateway', 'Enabled'),
    kv('Dual-active excluded VLANs', '-'),
    kv('Graceful Consistency Check', 'Enabled'),
    kv('Auto-recovery status', 'Enabled, timer is off.(timeout = 240s)'),
    kv('Delay-restore status', 'Timer is off.(timeout = 30s)'),
    kv('Delay-restore SVI status', 'Timer is off.(timeout = 10s)'),
    kv('Operational Layer3 Peer-router', 'Disabled'),
    '',
    'vPC Peer-link status',
    '---------------------------------------------------------------------',
    'id    Port   Status Active vlans',
    '--    ----   ------ -------------------------------------------------',
    `1     Po1    ${linkStatus.padEnd(7)}${pair.peerLinkUp ? '1,10,30' : '-'}`,
    '',
    'vPC status',
    '----------------------------------------------------------------------------',
    'Id    Port          Status Consistency Reason                Active vlans',
    '--    ------------  ------ ----------- ------                ---------------',
    `10    Po10          ${(formed || pair.role === 'primary' ? 'up' : 'down').padEnd(7)}success     success               ${formed || pair.role === 'primary' ? '10,30' : '-'}`,
    '',
    'Please check "show vpc consistency-parameters vpc <vpc-num>" for the',
    'consistency reason of down vpc and for type-2 consistency reasons for',
    'any vpc.',
    '',
  ].join('\n');
}
