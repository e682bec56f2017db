// The HPE ArubaOS-Switch personality (a 2930M backplane stack, or a 2930F VSF fabric when the
// switch's members are 2930F models: `show vsf [detail]`, the stacking command refused) for lab switches: mostly
// data on the shared simulator — the configuration tree with `exit`-closed contexts in the
// switch's own order (state.ts, config-mode.ts, ordered.ts), the CLI with its login key and
// logout dialog (cli.ts), the show commands (show.ts), HP-STACK-MIB (snmp.ts), and the
// stack's rule: a lost commander is replaced by the standby; with both gone the members
// left re-elect a commander and reload from the saved configuration.

import { cloneTree } from '../../config-tree.js';
import { unsavedLines } from '../../../config/normalise.js';
import type { ConfigSyntax } from '../../../platforms/platform.js';
import { renderConfig } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, BOOT_DURATION_MS, electByPriority } from '../../model.js';
import type { ElectionCause, Member, SwitchState } from '../../model.js';
import type { LabPersonality } from '../../personality.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { applyAosChange, openAosCli } from './cli.js';
import { AOS_NOTIFICATIONS } from './notifications.js';
import { showRunning, showStartup } from './show.js';
import { aosMibs, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation, sysName } from './snmp.js';
import { aos, factoryDefaultConfig, hostnameOf, initialState, parse } from './state.js';

/** HP's IANA private enterprise number. */
const HP_ENTERPRISE = 11;

/**
 * How the switch's configuration nests, for counting unsaved lines as backup does: `;`
 * comments, contexts closed by `exit` (the lab's own copy: the lab does not read the
 * platform file it is measured against).
 */
const SYNTAX: ConfigSyntax = {
  comment: /^\s*;/,
  hierarchy: { kind: 'exit-closed', opens: [/^interface \S+$/, /^vlan \d+$/, /^stacking$/], close: /^exit$/, frame: [] },
  complete: /(?:)/,
  completeSays: '',
};

/** How long a newly elected standby needs to hold the commander's configuration (lab: the real sync time is unverified). */
export const STANDBY_SYNC_MS = 30_000;

/**
 * Backplane stacking's election: the generic one (highest priority commander, the next
 * standby, no pre-emption; a lost commander replaced by the standby), except that a
 * commander lost with no standby ready to take over (none, or one elected too recently to
 * hold the configuration: a feed that takes commander and standby moments apart) leaves
 * members that hold no running state: they re-elect and reload from the saved configuration
 * — what was not saved is gone.
 */
function electBackplane(members: Member[], cause: ElectionCause, state: SwitchState) {
  const extra = aos(state);
  const since = (extra.standbySince ??= {});
  const now = Date.now();
  let says: string | undefined;
  if (cause.kind === 'member-lost') {
    const lost = members.find((m) => m.number === cause.member);
    const standby = members.find((m) => m.role === 'standby' && m.state === 'ready');
    const synced = standby !== undefined && now - (since[standby.number] ?? state.bootedAt) >= STANDBY_SYNC_MS;
    if (lost?.role === 'active' && !synced && members.some((m) => m.state === 'ready')) {
      state.running = cloneTree(state.startup ?? parse(factoryDefaultConfig()));
      state.boots += 1;
      state.bootedAt = now - BOOT_DURATION_MS;
      state.runningChangedAt = state.bootedAt + BOOT_CONFIG_APPLY_MS;
      state.runningChangedBy = '';
      state.startupChangedAt = null;
      state.runningSavedAt = null;
      electByPriority(members, { kind: 'boot' });
      const c = members.find((m) => m.role === 'active');
      says = `commander member ${cause.member} lost with no standby ready: the members left reloaded and elected member ${c?.number} commander`;
    } else electByPriority(members, cause);
  } else electByPriority(members, cause);
  // Who became standby now starts holding the configuration (at boot: since the boot).
  for (const m of members) {
    if (m.role !== 'standby' || m.state !== 'ready') delete since[m.number];
    else if (since[m.number] === undefined || cause.kind === 'boot') since[m.number] = cause.kind === 'boot' ? state.bootedAt : now;
  }
  return says ? { says } : undefined;
}

export const arubaOsSwitch: LabPersonality = {
  platform: 'aruba-os-switch',
  label: 'HPE ArubaOS-Switch backplane stack (2930M, WC.16.10); VSF with 2930F members',
  models: ['JL322A', 'JL322A', 'JL320A', 'JL319A'],
  initialState,
  factoryDefault: () => parse(factoryDefaultConfig()),
  hostname: (state) => hostnameOf(state.running),
  openCli: openAosCli,
  applyChange: applyAosChange,
  sampleChange: ['vlan 30', 'name "PRINTERS"', 'tagged 1/1', 'exit'],
  words: {
    role: { active: 'Commander', standby: 'Standby', member: 'Member' },
    state: { ready: 'Ready', provisioned: 'Provisioned', removed: 'Missing', initializing: 'Booting', 'version-mismatch': 'Incompatible OS' },
    running: 'running-config',
    startup: 'startup-config',
    unsavedChange: 'applied to running-config, not saved',
  },
  // What the switch announces after SSH-2.0- (lab).
  sshIdent: 'Mocana SSH 6.3',
  // coldStart, HP-STACK-MIB's member and commander traps, hpSwitchRunningConfigChange (notifications.ts).
  notifications: AOS_NOTIFICATIONS,
  // An operator login (`>`) types `enable` and the manager password.
  inventoryCredentials: { enable: 'enableSecret' },
  unsavedCounts: (state) => unsavedLines(SYNTAX, renderConfig(state.running), renderConfig(state.startup ?? parse(factoryDefaultConfig()))).counts,
  elect: electBackplane,
  showRunning: (state) => showRunning(state),
  showStartup: (state) => showStartup(state),
  snmp: {
    sysObjectID: SYS_OBJECT_ID,
    sysDescr,
    sysName,
    sysContact,
    sysLocation,
    engineId: (name) => macFormatEngineId(HP_ENTERPRISE, name),
    maxMessageSize: 1472,
    physicalEntities,
    mibs: aosMibs,
  },
};
