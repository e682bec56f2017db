// The Cisco NX-OS personality (a Nexus 93180YC-FX3 on 10.4(5)) for lab switches: mostly data on
// the shared simulator — the chassis and its checkpoints (state.ts), the CLI (cli.ts) with its
// configuration contexts and order (config-mode.ts), the show commands incl. `show vpc` from the
// fleet's pair view (show.ts), SNMP (snmp.ts). One chassis, no stacking: a vPC pair is two
// switches, each its own personality instance.

import { parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import type { SwitchState } from '../../model.js';
import type { CliHost, LabPersonality, LabSwitchSpec } from '../../personality.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { applyNxosChange, openNxosCli } from './cli.js';
import { canonical } from './config-mode.js';
import { NXOS_NOTIFICATIONS } from './notifications.js';
import * as show from './show.js';
import { CISCO_ENTERPRISE, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { factoryDefaultConfig, hostnameOf, initialState, MODEL } from './state.js';

const factory = (): ConfigTree => canonical(parseConfig(factoryDefaultConfig()));

export const ciscoNxosPersonality: LabPersonality = {
  platform: 'cisco-nxos',
  label: 'Cisco NX-OS (Nexus 93180YC-FX3, 10.4)',
  models: [MODEL],
  pairs: true,
  initialState: (spec: LabSwitchSpec, now: number) => initialState(spec, now),
  factoryDefault: factory,
  hostname: (state: SwitchState) => hostnameOf(state.running),
  openCli: (host: CliHost, username: string) => openNxosCli(host, username),
  applyChange: applyNxosChange,
  sampleChange: ['interface Ethernet1/2', '  description finance-server'],
  words: {
    // A chassis has no stack roles; a supervisor is `active`.
    role: { active: 'active', standby: 'standby', member: 'member' },
    state: { ready: 'ok', provisioned: 'not present', removed: 'powered-down', initializing: 'initializing', 'version-mismatch': 'version mismatch' },
    running: 'running-config',
    startup: 'startup-config',
    unsavedChange: 'applied to running-config, not saved',
  },
  // What NX-OS's SSH server announces (assumed: OpenSSH, as 9.x/10.x ship).
  sshIdent: 'OpenSSH_8.3',
  // coldStart, the vPC secondary's peer-link line and the configuration line (notifications.ts).
  notifications: NXOS_NOTIFICATIONS,
  showRunning: (state: SwitchState, now: number) => show.showRunning(state, now),
  showStartup: (state: SwitchState) => show.showStartup(state, Date.now()),
  snmp: {
    sysObjectID: SYS_OBJECT_ID,
    sysDescr,
    sysName: (state: SwitchState) => hostnameOf(state.running),
    sysContact,
    sysLocation,
    engineId: (name: string) => macFormatEngineId(CISCO_ENTERPRISE, name),
    maxMessageSize: 1500,
    physicalEntities,
    mibs: () => [],
  },
};
