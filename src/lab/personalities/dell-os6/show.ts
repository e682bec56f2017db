// What the lab OS6 switch prints for its show commands, laid out as the real N4032 captures
// (napalm-dellos6: show running-config, show switch, show version, show switch stack-ports).

import type { ConfigTree } from '../../config-tree.js';
import type { Member, SwitchState } from '../../model.js';
import { renderOs6 } from './config-text.js';
import { OS6_MODEL, OS6_VERSION } from './state.js';

const lead = (state: SwitchState): Member | undefined =>
  state.members.find((m) => m.role === 'active' && m.state === 'ready') ?? state.members.find((m) => m.state === 'ready');

/** `Dell Networking N4032, 6.2.0.5, Linux 3.7.10-4134a969`: the System Description (sysDescr too). */
export function systemDescription(state: SwitchState): string {
  const m = lead(state);
  return `Dell Networking ${m?.model ?? OS6_MODEL}, ${m?.version || OS6_VERSION}, Linux 3.7.10-4134a969`;
}

/** The header OS6 prints above the configuration, then the configuration. */
function configText(state: SwitchState, tree: ConfigTree): string {
  const version = lead(state)?.version || OS6_VERSION;
  return (
    [
      '!Current Configuration:',
      `!System Description "${systemDescription(state)}"`,
      `!System Software Version ${version}`,
      '!Cut-through mode is configured as disabled',
      '!',
      ...renderOs6(tree),
    ].join('\n') + '\n'
  );
}

export const showRunning = (state: SwitchState): string => configText(state, state.running);

/** After `erase startup-config` there is nothing to show (wording assumed: FASTPATH's). */
export const NO_STARTUP = 'Startup configuration file does not exist.\n';
export const showStartup = (state: SwitchState): string => (state.startup ? configText(state, state.startup) : NO_STARTUP);

const pad = (s: string, n: number) => s.padEnd(n);

/** `show switch`: one row per unit, the dashes under the header giving the columns. */
export function showSwitch(state: SwitchState): string {
  const rows = [...state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const ready = m.state === 'ready';
      const mgmt = m.role === 'active' && ready ? 'Mgmt Sw' : ready ? 'Stack Mbr' : 'Unassigned';
      const standby = m.role === 'standby' && ready ? 'Oper Stby' : '';
      const status = { ready: 'OK', provisioned: 'Not Present', removed: 'Not Present', initializing: 'Code Update', 'version-mismatch': 'Code Mismatch' }[
        m.state
      ];
      return (
        pad(String(m.number), 4) +
        pad(mgmt, 11) +
        pad(standby, 10) +
        pad(m.model, 14) +
        pad(ready || m.state === 'version-mismatch' ? m.model : '', 14) +
        pad(status, 14) +
        (ready || m.state === 'version-mismatch' ? m.version : '')
      ).trimEnd();
    });
  return [
    '',
    '    Management Standby   Preconfig     Plugged-in    Switch        Code',
    'SW  Status     Status    Model ID      Model ID      Status        Version',
    '--- ---------- --------- ------------- ------------- ------------- -----------',
    ...rows,
    '',
  ].join('\n');
}

/** `show version`: the unit you are on (the management unit), then every unit's images. */
export function showVersion(state: SwitchState): string {
  const m = lead(state);
  const units = [...state.members].filter((x) => x.state === 'ready').sort((a, b) => a.number - b.number);
  return [
    '',
    'Machine Description............... Dell Networking Switch',
    `System Model ID................... ${m?.model ?? OS6_MODEL}`,
    `Machine Type...................... Dell Networking ${m?.model ?? OS6_MODEL}`,
    `Serial Number..................... ${m?.serial ?? ''}`,
    'Manufacturer...................... 0xbc00',
    `Burned In MAC Address............. ${m?.mac ?? ''}`,
    'System Object ID.................. 1.3.6.1.4.1.674.10895.3042',
    'CPU Version....................... XLP308H-B2',
    'SOC Version....................... BCM56842_A1',
    `HW Version........................ ${m?.hwVersion ?? '3'}`,
    'CPLD Version...................... 17',
    '',
    'unit active      backup      current-active next-active',
    '---- ----------- ----------- -------------- --------------',
    ...units.map((u) => `${pad(String(u.number), 5)}${pad(u.version, 12)}${pad(u.version, 12)}${pad(u.version, 15)}${u.version}`),
    '',
  ].join('\n');
}

/** `show switch stack-ports`: ports 23 and 24 of each unit run as stack ports; a unit without power has its links down. */
export function showStackPorts(state: SwitchState): string {
  const rows: string[] = [];
  for (const m of [...state.members].sort((a, b) => a.number - b.number)) {
    if (m.state === 'provisioned') continue;
    for (const p of [23, 24]) {
      const up = m.state === 'ready';
      rows.push(
        `${pad(`Te${m.number}/0/${p}`, 10)}${pad('Stack', 11)}${pad('Stack', 11)}${pad(up ? 'Link Up' : 'Link Down', 13)}${pad(up ? '10' : 'Unknown', 13)}Enabled`,
      );
    }
  }
  return [
    '',
    '          Configured Running    Link         Link         Admin',
    'Interface Stack Mode Stack Mode Status       Speed (Gb/s) Status',
    '--------- ---------- ---------- ------------ ------------ ------------',
    ...rows,
    '',
  ].join('\n');
}
