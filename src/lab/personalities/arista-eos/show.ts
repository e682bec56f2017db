// What the lab's EOS prints for its show commands, laid out as the real captures are:
// `show running-config` as Oxidized's 4.29 recording (`! device:` first; `! Command:` and `! Time:`
// above it when not filtered), `show startup-config` as napalm's vEOS capture (`! Startup-config last
// modified at`), `show version` as ntc-templates' captures, `show mlag [detail]` as the real vEOS 4.24
// answers (avd-to-containerlab), and `show session-config diffs` as a unified diff (assumed layout).

import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import { EOS_MODEL, EOS_VERSION, hostnameOf, renderEos } from './state.js';

const device = (state: SwitchState) => `! device: ${hostnameOf(state.running)} (${EOS_MODEL}, EOS-${EOS_VERSION})`;

/** `Sun Sep 11 18:35:01 2016`, as EOS's header lines print a time. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
}

export function showRunning(state: SwitchState, now: number): string {
  return ['! Command: show running-config', `! Time: ${ctime(now)}`, device(state), '!', renderEos(state.running)].join('\n');
}

export function showStartup(state: SwitchState): string {
  if (!state.startup) return '';
  const saved = state.nvram?.savedAt ?? state.startupChangedAt ?? state.bootedAt;
  return [
    '! Command: show startup-config',
    `! Startup-config last modified at  ${ctime(saved)} by ${state.nvram?.savedBy ?? 'admin'}`,
    device(state),
    '!',
    renderEos(state.startup),
  ].join('\n');
}

function uptime(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  const w = Math.floor(min / 10080);
  const d = Math.floor((min % 10080) / 1440);
  return `${w} weeks, ${d} days, ${Math.floor((min % 1440) / 60)} hours and ${min % 60} minutes`;
}

export function showVersion(state: SwitchState, now: number): string {
  const m = state.members[0]!;
  return [
    `Arista ${EOS_MODEL}`,
    `Hardware version: ${m.hwVersion}`,
    `Serial number: ${m.serial}`,
    `Hardware MAC address: ${m.mac}`,
    `System MAC address: ${m.mac}`,
    '',
    `Software image version: ${EOS_VERSION}`,
    'Architecture: x86_64',
    `Internal build version: ${EOS_VERSION}-30640700.4292F`,
    'Internal build ID: 6f5e3a2b-1c4d-4e8f-9a0b-7c6d5e4f3a2b',
    'Image format version: 3.0',
    'Image optimization: Strata-4GB',
    '',
    `Uptime: ${uptime(now - state.bootedAt)}`,
    'Total memory: 8099732 kB',
    'Free memory: 5966036 kB',
    '',
  ].join('\n');
}

const kv = (k: string, v: string, key = 35, value = 20) => `${k.padEnd(key)}:${v.padStart(value)}`;

/**
 * `show mlag` (and `detail`) from the pair the fleet keeps. Without a pair: the real Disabled answer.
 * The `state` is `Active` while the peer answers and `Inactive` when it does not; the peer link
 * `Up` or `Lowerlayerdown` (the ntc-templates capture's word for a link that is down).
 */
export function showMlag(state: SwitchState, detail: boolean): string {
  const p = state.pair;
  const out = [
    'MLAG Configuration:               ',
    kv('domain-id', p?.domain ?? ''),
    kv('local-interface', p ? 'Vlan4094' : ''),
    kv('peer-address', p ? (p.role === 'primary' ? '10.255.252.2' : '10.255.252.1') : '0.0.0.0'),
    kv('peer-link', p ? 'Port-Channel10' : ''),
    kv('peer-config', p ? (p.peerUp ? 'consistent' : '') : ''),
    ' '.repeat(56),
    'MLAG Status:                      ',
    kv('state', p ? (p.peerUp ? 'Active' : 'Inactive') : 'Disabled'),
    kv('negotiation status', p ? (p.peerUp ? 'Connected' : 'Connecting') : ''),
    kv('peer-link status', p ? (p.peerLinkUp ? 'Up' : 'Lowerlayerdown') : ''),
    kv('local-int status', p ? 'Up' : ''),
    kv('system-id', p ? '02:1c:73:c0:c6:12' : '00:00:00:00:00:00'),
    kv('dual-primary detection', 'Disabled'),
    kv('dual-primary interface errdisabled', 'False'),
    ' '.repeat(56),
    'MLAG Ports:                       ',
    kv('Disabled', '0'),
    kv('Configured', '0'),
    kv('Inactive', '0'),
    kv('Active-partial', '0'),
    kv('Active-full', p?.peerUp ? '1' : '0'),
    '',
  ];
  if (detail) {
    const other = p ? (p.role === 'primary' ? 'secondary' : 'primary') : 'unknown';
    out.push(
      'MLAG Detailed Status:',
      kv('State', p ? p.role : 'disabled', 32, 23),
      kv('Peer State', p?.peerUp ? other : 'unknown', 32, 23),
      kv('Hardware ready', 'True', 32, 23),
      kv('Reload delay', '300 seconds', 32, 23),
      '',
    );
  }
  return out.join('\n');
}

/** `show session-config diffs`: running against the session, as a unified diff of the printed texts. */
export function sessionDiffs(running: ConfigTree, session: ConfigTree, name: string): string {
  // The `!` separators are the printer's: not compared (a `+!` would count as a change).
  const lines = (t: ConfigTree) =>
    renderEos(t)
      .replace(/\n$/, '')
      .split('\n')
      .filter((l) => l !== '!');
  const a = lines(running);
  const b = lines(session);
  // Longest common subsequence, then the lines in order: ' ' kept, '-' running only, '+' session only.
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const body: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) (body.push(' ' + a[i]), i++, j++);
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) body.push('+' + b[j++]);
    else body.push('-' + a[i++]);
  }
  if (!body.some((l) => l[0] !== ' ')) return '';
  return [`--- system:/running-config`, `+++ session:/${name}-session-config`, `@@ -1,${n} +1,${m} @@`, ...body, ''].join('\n');
}
