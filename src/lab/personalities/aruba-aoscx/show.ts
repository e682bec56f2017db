// What the lab's AOS-CX prints for its show commands, laid out as the real captures are:
// `show version` and `show running-config` as Oxidized's four recordings, `show vsf detail`
// as ntc-templates' 10.10 capture (`Conductor`), `show vsf` as its summary table (assumed).

import { renderConfig } from '../../config-tree.js';
import type { Member, SwitchState } from '../../model.js';
import { AOSCX_VERSION, MODELS, secondaryOf } from './state.js';

const pad = (s: string, n: number) => s.padEnd(n);

export function showVersion(): string {
  return [
    '-----------------------------------------------------------------------------',
    'ArubaOS-CX',
    '(c) Copyright 2017-2025 Hewlett Packard Enterprise Development LP',
    '-----------------------------------------------------------------------------',
    `Version      : ${pad(AOSCX_VERSION, 63)}`,
    `Build Date   : ${pad('2025-05-09 22:44:18 UTC', 63)}`,
    `Build ID     : ${pad(`ArubaOS-CX:${AOSCX_VERSION}:594be74c336e:202505092217`, 63)}`,
    `Build SHA    : ${pad('594be74c336e02b26077185fb14e90aa09f9f95e', 63)}`,
    `Hot Patches  : ${pad('', 63)}`,
    `Active Image : ${pad('primary', 30)}`,
    '',
    `Service OS Version : ${pad('FL.01.14.0002', 30)}`,
    `BIOS Version       : ${pad('FL.01.0007', 30)}`,
    '',
  ].join('\n');
}

export function showRunning(state: SwitchState): string {
  return 'Current configuration:\n!\n' + renderConfig(state.running);
}

export function showStartup(state: SwitchState): string {
  if (!state.startup) return 'No saved configuration found.\n';
  return 'Startup configuration:\n!\n' + renderConfig(state.startup);
}

/** The member's status word as AOS-CX prints it. */
export function statusWord(m: Member): string {
  if (m.state === 'ready') return m.role === 'active' ? 'Conductor' : m.role === 'standby' ? 'Standby' : 'Member';
  if (m.state === 'initializing') return 'Booting';
  if (m.state === 'version-mismatch') return 'Version Mismatch';
  return 'Not Present';
}

function uptime(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  const weeks = Math.floor(min / (7 * 1440));
  const days = Math.floor((min % (7 * 1440)) / 1440);
  const hours = Math.floor((min % 1440) / 60);
  return `${weeks} weeks, ${days} days, ${hours} hours, ${min % 60} minutes`;
}

export function showVsfDetail(state: SwitchState, now: number): string {
  const conductor = state.members.find((m) => m.role === 'active' && m.state === 'ready');
  const kv = (k: string, v: string) => `        ${pad(k, 29)}: ${v}`.trimEnd();
  const out = [
    'VSF Stack',
    kv('MAC Address', conductor?.mac ?? ''),
    kv('Secondary', String(secondaryOf(state.running) ?? '')),
    kv('Topology', state.members.length > 1 ? 'chain' : 'standalone'),
    kv('Status', 'No Split'),
    kv('Split Detection Method', 'mgmt'),
    kv('Software Version', AOSCX_VERSION),
    kv('Name', 'Aruba-VSF-6300'),
    kv('Contact', ''),
    kv('Location', ''),
    '',
  ];
  for (const m of state.members) {
    const there = m.state !== 'removed' && m.state !== 'provisioned';
    out.push(
      `${pad('Member ID', 37)}: ${m.number}`,
      kv('MAC Address', there ? m.mac : ''),
      kv('Type', m.model),
      kv('Model', MODELS[m.model] ?? ''),
      kv('Status', statusWord(m)),
      kv('ROM Version', there ? 'FL.01.11.0001' : ''),
      kv('Serial Number', there ? m.serial : ''),
      kv('Uptime', there ? uptime(now - state.bootedAt) : ''),
      kv('CPU Utilization', there ? '7%' : ''),
      kv('Memory Utilization', there ? '21%' : ''),
      kv('VSF Link 1', ''),
      kv('VSF Link 2', ''),
      '',
    );
  }
  return out.join('\n');
}

export function showVsf(state: SwitchState): string {
  const conductor = state.members.find((m) => m.role === 'active' && m.state === 'ready');
  const out = [
    `MAC Address            : ${conductor?.mac ?? ''}`,
    `Secondary              : ${secondaryOf(state.running) ?? ''}`,
    `Topology               : ${state.members.length > 1 ? 'Chain' : 'Standalone'}`,
    'Status                 : No Split',
    'Split Detection Method : mgmt',
    '',
    'Mbr  MAC Address         type       Status',
    'ID',
    '---  ------------------  ---------  ---------------',
    ...state.members.map((m) => `${pad(String(m.number), 5)}${pad(m.state === 'ready' ? m.mac : '', 20)}${pad(m.model, 11)}${statusWord(m)}`),
    '',
  ];
  return out.join('\n');
}
