// What the lab's OS10 prints for its show commands, laid out as the real captures are:
// `show running-configuration` with its `! Version` / `! Last configuration change at` header and a
// `!` before each block (napalm-dellos10), `show startup-configuration` with no header (the same
// capture), `show version | display-xml` (the same capture's XML), and `show vlt` as the two real
// outputs in test/fixtures/real/os10-vlt, drawn from the switch's `state.pair`.

import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import { hostnameOf, OS10_MODEL, OS10_VERSION } from './state.js';

/** Top-level lines that are blocks in OS10's print: a `!` goes before each, and before the first plain line after one. */
const SECTION = /^(?:interface (?!breakout)|router |vlt-domain |support-assist|policy-map |class-map |ip vrf |line |route-map )/;

function body(tree: ConfigTree): string {
  const out: string[] = [];
  let afterSection = false;
  for (const [i, n] of tree.entries()) {
    const section = SECTION.test(n.line) || n.children.length > 0;
    if (i > 0 && (section || afterSection)) out.push('!');
    out.push(n.line);
    for (const c of n.children) out.push(...renderChild(c, 1));
    afterSection = section;
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

function renderChild(n: ConfigTree[number], depth: number): string[] {
  return [' '.repeat(depth) + n.line, ...n.children.flatMap((c) => renderChild(c, depth + 1))];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Feb  01 13:42:38 2018`, as the real header prints it (two spaces, a zero-padded day). */
function stamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]}  ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export function showRunning(state: SwitchState): string {
  return `! Version ${OS10_VERSION}\n! Last configuration change at ${stamp(state.runningChangedAt)}\n!\n` + body(state.running);
}

/**
 * The saved configuration, printed with no header (the real capture). With none saved, OS10 has no
 * startup.xml to print: the words are **assumed** (no capture), and the platform's `startup.empty` reads them.
 */
export function showStartup(state: SwitchState): string {
  return state.startup ? body(state.startup) : '% Error: No such file or directory.\n';
}

export function showVersionXml(state: SwitchState, now: number): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rpc-reply>',
    '  <data>',
    '    <system-state>',
    '      <system-status>',
    `        <hostname>${hostnameOf(state.running)}</hostname>`,
    `        <uptime>${Math.max(0, Math.floor((now - state.bootedAt) / 1000))}</uptime>`,
    `        <date-time>${iso(now)}</date-time>`,
    `        <boot-datetime>${iso(state.bootedAt)}</boot-datetime>`,
    '      </system-status>',
    '    </system-state>',
    '    <system-sw-state>',
    '      <sw-version>',
    `        <sw-version>${OS10_VERSION}</sw-version>`,
    '        <sw-name>Enterprise</sw-name>',
    '        <sw-name-long>OS10 Enterprise</sw-name-long>',
    `        <sw-platform>${OS10_MODEL}</sw-platform>`,
    '        <sw-platform-long>Dell EMC OS10 Enterprise Edition</sw-platform-long>',
    '        <cpu-arch>x86_64</cpu-arch>',
    '        <sw-build-date>2020-03-20T01:26:00+0000</sw-build-date>',
    `        <sw-build-version>${OS10_VERSION}.442</sw-build-version>`,
    '        <copyright>Copyright (c) 1999-2020 by Dell Inc. All Rights Reserved.</copyright>',
    '      </sw-version>',
    '    </system-sw-state>',
    '  </data>',
    '</rpc-reply>',
    '',
  ].join('\n');
}

/** The plain `show version` (layout as OS10 prints it; **assumed**: no plain capture). */
export function showVersion(state: SwitchState, now: number): string {
  const up = Math.max(0, Math.floor((now - state.bootedAt) / 1000));
  const days = Math.floor(up / 86400);
  const hms = new Date((up % 86400) * 1000).toISOString().slice(11, 19);
  return [
    'Dell EMC Networking OS10 Enterprise',
    'Copyright (c) 1999-2020 by Dell Inc. All Rights Reserved.',
    'OS Version: ' + OS10_VERSION,
    'Build Version: ' + OS10_VERSION + '.442',
    'Build Time: 2020-03-20T01:26:00+0000',
    'System Type: ' + OS10_MODEL,
    'Architecture: x86_64',
    `Up Time: ${days === 1 ? '1 day' : `${days} days`} ${hms}`,
    '',
  ].join('\n');
}

const kv = (key: string, value: string) => `${key.padEnd(39)}: ${value}`.trimEnd() + (value === '' ? ' ' : '');

/**
 * `show vlt <domain>` from the pair the fleet keeps, in the real captures' layout: the key : value
 * block, the VLTi status, and the peer row (its status `down` and no MAC when the peer is lost).
 * No pair, or another domain than the switch's: OS10's refusal for a domain that is not
 * configured (**assumed** words: never captured; an `% Error:` line, as every OS10 refusal).
 */
export function showVlt(state: SwitchState, domain: string, peerMac: (peer: string) => string): string {
  const pair = state.pair;
  if (!pair || domain !== pair.domain) return '% Error: VLT domain not configured.\n';
  const unit = pair.role === 'primary' ? 1 : 2;
  const own = state.members[0]?.mac ?? '';
  const peerUp = pair.peerUp;
  return [
    kv('Domain ID', pair.domain),
    kv('Unit ID', String(unit)),
    kv('Role', pair.role),
    kv('Version', '3.1'),
    kv('Local System MAC address', own),
    kv('Role priority', '32768'),
    kv('VLT MAC address', '44:38:39:ff:00:01'),
    kv('IP address', `fda5:74c8:b79e:${pair.domain}::${unit}`),
    kv('Delay-Restore timer', '90 seconds'),
    kv('Peer-Routing', 'Disabled'),
    kv('Peer-Routing-Timeout timer', '0 seconds'),
    kv('Multicast peer-routing timer', '300 seconds'),
    'VLTi Link Status',
    `    ${'port-channel1000'.padEnd(35)}: ${pair.peerLinkUp ? 'up' : 'down'}`,
    '',
    'VLT Peer Unit ID    System MAC Address    Status    IP Address             Version',
    '----------------------------------------------------------------------------------',
    `  ${String(3 - unit).padEnd(18)}${(peerUp ? peerMac(pair.peer) : '').padEnd(23)}${(peerUp ? 'up' : 'down').padEnd(9)}${`fda5:74c8:b79e:${pair.domain}::${3 - unit}`.padEnd(24)}3.1`,
    '',
  ].join('\n');
}
