// The Dell OS6 N-series stack personality for lab switches: mostly data on the shared
// simulator — the configuration with its `exit`-closed modes (config-text.ts, config-mode.ts),
// the OS6 CLI with its save question (cli.ts), the show commands as the real N4032 prints them
// (show.ts), and SNMP (snmp.ts). Failover: a lost management unit is replaced by the standby
// (the model's generic election); when the management unit and the standby are lost together,
// the units left elect a new management unit and reload from the saved configuration — what the
// platform's `backplane` stack model predicts as an outage.

import { COLD_START_ONLY } from '../../notifications.js';
import { unsavedLines } from '../../../config/normalise.js';
import { dellOs6 } from '../../../platforms/dell-os6/index.js';
import { cloneTree } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import { BOOT_CONFIG_APPLY_MS, BOOT_DURATION_MS, electByPriority } from '../../model.js';
import type { ElectionCause, Member, SwitchState } from '../../model.js';
import type { LabPersonality } from '../../personality.js';
import { applyOs6Change, openOs6Cli } from './cli.js';
import { hostnameOf, parseOs6 } from './config-text.js';
import { showRunning, showStartup } from './show.js';
import { engineIdFor, os6Mibs, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { factoryDefaultConfig, initialState, OS6_MODEL } from './state.js';

const factory = (): ConfigTree => parseOs6(factoryDefaultConfig());

/** How long a freshly elected standby needs to copy the management unit's state before it can take over (lab time). */
export const STANDBY_SYNC_MS = 5_000;

/** The lab's own bookkeeping on the switch: when the standby now in place was elected. */
interface Os6Extra {
  standbySince: number;
}
const extraOf = (state: SwitchState): Os6Extra => {
  const e = state.extra as Partial<Os6Extra> | undefined;
  if (typeof e?.standbySince !== 'number') state.extra = { standbySince: 0 };
  return state.extra as Os6Extra;
};

/**
 * The OS6 election: the generic one (no pre-emption; the standby takes over a lost management
 * unit, and a new standby is elected), except when the management unit is lost with no standby
 * ready to take over — none left, or one elected moments ago that has not yet copied the
 * management unit's state (a feed that takes both out, one after the other): the units left
 * elect a management unit and reload from startup.
 */
export function electOs6(clock: () => number = Date.now) {
  return (members: Member[], cause: ElectionCause, state: SwitchState): { says: string } | undefined => {
    const now = clock();
    const extra = extraOf(state);
    const standbyBefore = members.find((m) => m.state === 'ready' && m.role === 'standby')?.number;
    const lost = cause.kind === 'member-lost' ? members.find((m) => m.number === cause.member) : undefined;
    const synced = standbyBefore !== undefined && now - extra.standbySince >= STANDBY_SYNC_MS;
    if (lost?.role === 'active' && !synced) {
      state.running = cloneTree(state.startup ?? factory());
      state.bootedAt = now - BOOT_DURATION_MS;
      state.runningChangedAt = state.bootedAt + BOOT_CONFIG_APPLY_MS;
      state.runningChangedBy = '';
      state.startupChangedAt = null;
      state.startupChangedBy = '';
      state.runningSavedAt = null;
      state.boots += 1;
      electByPriority(members, { kind: 'boot' });
      extra.standbySince = now;
      const unit = members.find((m) => m.role === 'active')?.number;
      return { says: `no standby could take over from the management unit; the units left elected unit ${unit} and reloaded from startup-config` };
    }
    electByPriority(members, cause);
    const standbyAfter = members.find((m) => m.state === 'ready' && m.role === 'standby')?.number;
    if (cause.kind === 'boot') extra.standbySince = 0;
    else if (standbyAfter !== standbyBefore) extra.standbySince = now;
    return undefined;
  };
}

export const dellOs6Personality: LabPersonality = {
  platform: 'dell-os6',
  label: 'Dell Networking N-series stack (OS6, N4032)',
  models: [OS6_MODEL],
  initialState,
  factoryDefault: factory,
  hostname: (state) => hostnameOf(state.running),
  openCli: openOs6Cli,
  applyChange: applyOs6Change,
  sampleChange: ['interface Te1/0/20', 'description "finance-printer"', 'exit'],
  words: {
    role: { active: 'Mgmt Sw', standby: 'Oper Stby', member: 'Stack Mbr' },
    state: { ready: 'OK', provisioned: 'Not Present', removed: 'Not Present', initializing: 'Code Update', 'version-mismatch': 'Code Mismatch' },
    running: 'running-config',
    startup: 'startup-config',
    unsavedChange: 'applied to running-config, not saved',
  },
  // The SSH server's announcement (assumed: no capture shows an N-series banner exchange).
  sshIdent: 'OpenSSH_7.5',
  // Only the standard coldStart: the unit-manager traps and syslog lines are unverified (PLATFORM-FACTS §7.5).
  notifications: COLD_START_ONLY,
  // A session logs in unprivileged and types `enable` with the enable password.
  inventoryCredentials: { enable: 'enableSecret' },
  elect: electOs6(),
  // Counted in OS6's syntax (blocks closed by `exit`), as backup reads the configuration.
  unsavedCounts: (state) =>
    state.startup === null
      ? { added: unsavedLines(dellOs6.syntax, showRunning(state), '').counts.added, removed: 0 }
      : unsavedLines(dellOs6.syntax, showRunning(state), showStartup(state)).counts,
  showRunning,
  showStartup,
  snmp: {
    sysObjectID: SYS_OBJECT_ID,
    sysDescr,
    sysName: (state) => hostnameOf(state.running),
    sysContact,
    sysLocation,
    engineId: engineIdFor,
    maxMessageSize: 1500,
    physicalEntities,
    mibs: os6Mibs,
  },
};
