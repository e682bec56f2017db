// The Arista EOS personality (a DCS-7050SX3-48YC8 on 4.29.2F) for lab switches: mostly data on the
// shared simulator — the switch's state, configuration sessions and `commit timer` (state.ts), the CLI
// (cli.ts), the show commands including `show mlag` from the fleet's pair view (show.ts), SNMP (snmp.ts).
// No stack: one chassis on one feed; its MLAG peer is another lab switch.
//
// Lab-only knob: how long a `commit timer` minute lasts. `aristaEosPersonality({ timerMinuteMs })`
// for tests, or SWITCHBACK_LAB_EOS_MINUTE_MS for `switchback lab up`; 60 000 ms otherwise. The timer
// runs on the switch's own clock and fires with nobody logged in: an unconfirmed commit is rolled
// back by the switch itself.

import { EOS_NOTIFICATIONS } from './notifications.js';
import type { ConfigTree } from '../../config-tree.js';
import type { ElectionCause, Member, SwitchState } from '../../model.js';
import type { CliHost, LabPersonality, LabSwitchSpec } from '../../personality.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { applyEosChange, openEosCli } from './cli.js';
import * as show from './show.js';
import { ARISTA_ENTERPRISE, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { factoryDefaultConfig, forgetSessions, hostnameOf, initialState, parseEos } from './state.js';

export interface EosLabOptions {
  /** Milliseconds in a `commit timer` minute (tests shorten it). */
  timerMinuteMs?: number;
}

function minuteMsFromEnv(): number {
  const v = Number(process.env.SWITCHBACK_LAB_EOS_MINUTE_MS);
  return Number.isFinite(v) && v > 0 ? v : 60_000;
}

const factory = (): ConfigTree => parseEos(factoryDefaultConfig());

export function aristaEosPersonality(opts: EosLabOptions = {}): LabPersonality {
  const minuteMs = opts.timerMinuteMs ?? minuteMsFromEnv();
  return {
    platform: 'arista-eos',
    label: 'Arista EOS (DCS-7050SX3-48YC8, 4.29.2F)',
    models: ['DCS-7050SX3-48YC8'],
    pairs: true,
    initialState: (spec: LabSwitchSpec, now: number) => initialState(spec, now, minuteMs),
    factoryDefault: factory,
    hostname: (state: SwitchState) => hostnameOf(state.running),
    openCli: (host: CliHost, username: string, privilege: number, secret: string) => openEosCli(host, username, privilege, secret),
    applyChange: applyEosChange,
    sampleChange: ['interface Ethernet2', '   description finance-printer', '   switchport access vlan 30'],
    words: {
      role: { active: 'active', standby: 'standby', member: 'member' },
      state: { ready: 'ready', provisioned: 'not present', removed: 'not present', initializing: 'booting', 'version-mismatch': 'version mismatch' },
      running: 'running-config',
      startup: 'startup-config',
      unsavedChange: 'applied to running-config, not saved',
    },
    // What EOS's SSH server announces (assumed: OpenSSH).
    sshIdent: 'OpenSSH_8.7',
    notifications: EOS_NOTIFICATIONS,
    inventoryCredentials: { enable: 'enableSecret' },
    /** One chassis: it is active while it has power. A boot forgets every configuration session. */
    elect: (members: Member[], cause: ElectionCause, state: SwitchState) => {
      if (cause.kind === 'boot') forgetSessions(state);
      for (const m of members) m.role = m.state === 'ready' ? 'active' : 'member';
      return undefined;
    },
    showRunning: (state: SwitchState, now: number) => show.showRunning(state, now),
    showStartup: (state: SwitchState) => show.showStartup(state),
    snmp: {
      sysObjectID: SYS_OBJECT_ID,
      sysDescr,
      sysName: (state: SwitchState) => hostnameOf(state.running),
      sysContact,
      sysLocation,
      engineId: (name: string) => macFormatEngineId(ARISTA_ENTERPRISE, name),
      maxMessageSize: 1500,
      physicalEntities,
      mibs: () => [],
    },
  };
}

export const aristaEos: LabPersonality = aristaEosPersonality();
