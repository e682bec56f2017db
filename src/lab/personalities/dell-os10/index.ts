// The Dell SmartFabric OS10 personality for lab switches (an S5248F-ON, a VLT peer or standalone):
// mostly data on the shared simulator — the switch and its configuration (state.ts), the CLI with
// configuration applied line by line (cli.ts), the show commands as the real captures print them,
// `show vlt` drawn from the pair the fleet keeps (show.ts), and SNMP (snmp.ts). No stack: one unit,
// which loses power with its switch; what its VLT peer does then is the pair's story, not this one's.

import { COLD_START_ONLY } from '../../notifications.js';
import { unsavedLines } from '../../../config/normalise.js';
import { dellOs10 } from '../../../platforms/dell-os10/index.js';
import { parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import type { CliHost, LabPersonality } from '../../personality.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { applyOs10Change, openOs10Cli } from './cli.js';
import { showRunning, showStartup } from './show.js';
import { DELL_ENTERPRISE, os10Mibs, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { canonical, factoryDefaultConfig, hostnameOf, initialState, OS10_MODEL } from './state.js';

const factory = (): ConfigTree => canonical(parseConfig(factoryDefaultConfig()));

export const dellOs10Personality: LabPersonality = {
  platform: 'dell-os10',
  label: 'Dell SmartFabric OS10 (S5248F-ON, VLT peer)',
  models: [OS10_MODEL],
  pairs: true,
  initialState,
  factoryDefault: factory,
  hostname: (state: SwitchState) => hostnameOf(state.running),
  openCli: (host: CliHost, username: string) => openOs10Cli(host, username),
  applyChange: applyOs10Change,
  sampleChange: ['interface ethernet1/1/2', ' description finance-printer', ' switchport access vlan 10'],
  words: {
    role: { active: 'unit', standby: 'unit', member: 'unit' },
    state: { ready: 'up', provisioned: 'not present', removed: 'not present', initializing: 'booting', 'version-mismatch': 'version mismatch' },
    running: 'running-configuration',
    startup: 'startup-configuration',
    unsavedChange: 'applied to running-configuration, not saved',
  },
  // What OS10's SSH server announces (**assumed**: OS10 runs Debian's OpenSSH).
  sshIdent: 'OpenSSH_7.4p1 Debian-10+deb9u7',
  // Only the standard coldStart: no OS10 trap or syslog line has a source (PLATFORM-FACTS §8).
  notifications: COLD_START_ONLY,
  // Counted in OS10's syntax, as backup reads the configuration.
  unsavedCounts: (state) =>
    state.startup === null
      ? { added: unsavedLines(dellOs10.syntax, showRunning(state), '').counts.added, removed: 0 }
      : unsavedLines(dellOs10.syntax, showRunning(state), showStartup(state)).counts,
  showRunning: (state: SwitchState) => showRunning(state),
  showStartup: (state: SwitchState) => showStartup(state),
  snmp: {
    sysObjectID: SYS_OBJECT_ID,
    sysDescr,
    sysName: (state: SwitchState) => hostnameOf(state.running),
    sysContact,
    sysLocation,
    engineId: (name: string) => macFormatEngineId(DELL_ENTERPRISE, name),
    maxMessageSize: 1500,
    physicalEntities,
    mibs: os10Mibs,
  },
};
