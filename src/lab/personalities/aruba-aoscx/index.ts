// The Aruba AOS-CX VSF personality (a 6300M stack) for lab switches: mostly data on the shared
// simulator — the stack's state and `checkpoint auto` (state.ts), the CLI (cli.ts) with its
// configuration contexts (config-mode.ts), the show commands (show.ts), SNMP (snmp.ts).
//
// Lab-only knob: how long a `checkpoint auto` minute lasts. `arubaAoscxPersonality({
// checkpointMinuteMs })` for tests, or SWITCHBACK_LAB_AOSCX_MINUTE_MS for `switchback lab up`;
// 60 000 ms (a real minute) otherwise. The countdown runs on the switch's own clock and fires
// with nobody logged in: an unconfirmed restore is put back by the switch itself.

import { AOSCX_NOTIFICATIONS } from './notifications.js';
import { parseConfig } from '../../config-tree.js';
import type { ConfigTree } from '../../config-tree.js';
import type { ElectionCause, Member, SwitchState } from '../../model.js';
import type { CliHost, LabPersonality, LabSwitchSpec } from '../../personality.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import { applyAoscxChange, openAoscxCli } from './cli.js';
import { canonical } from './config-order.js';
import * as show from './show.js';
import { aoscxMibs, ARUBA_ENTERPRISE, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { electVsf, factoryDefaultConfig, forgetAuto, hostnameOf, initialState } from './state.js';

export interface AoscxLabOptions {
  /** Milliseconds in a `checkpoint auto` minute (tests shorten it). */
  checkpointMinuteMs?: number;
}

function minuteMsFromEnv(): number {
  const v = Number(process.env.SWITCHBACK_LAB_AOSCX_MINUTE_MS);
  return Number.isFinite(v) && v > 0 ? v : 60_000;
}

const factory = (): ConfigTree => canonical(parseConfig(factoryDefaultConfig()));

export function arubaAoscxPersonality(opts: AoscxLabOptions = {}): LabPersonality {
  const minuteMs = opts.checkpointMinuteMs ?? minuteMsFromEnv();
  return {
    platform: 'aruba-aoscx',
    label: 'Aruba AOS-CX VSF (6300M, 10.13)',
    models: ['JL658A', 'JL658A', 'JL661A', 'JL762A'],
    initialState: (spec: LabSwitchSpec, now: number) => initialState(spec, now, minuteMs),
    factoryDefault: factory,
    hostname: (state: SwitchState) => hostnameOf(state.running),
    openCli: (host: CliHost, username: string) => openAoscxCli(host, username),
    applyChange: applyAoscxChange,
    sampleChange: ['interface 1/1/2', '    description finance-printer', '    vlan access 30'],
    words: {
      role: { active: 'Conductor', standby: 'Standby', member: 'Member' },
      state: {
        ready: 'Ready',
        provisioned: 'Not Present (provisioned)',
        removed: 'Not Present',
        initializing: 'Booting',
        'version-mismatch': 'Version Mismatch',
      },
      running: 'running-config',
      startup: 'startup-config',
      unsavedChange: 'applied to running-config, not saved',
    },
    // What AOS-CX's SSH server announces (assumed: OpenSSH).
    sshIdent: 'OpenSSH_8.4',
    notifications: AOSCX_NOTIFICATIONS,
    /** VSF's election (primary and secondary only, no pre-emption); a boot forgets a pending auto checkpoint. */
    elect: (members: Member[], cause: ElectionCause, state: SwitchState) => {
      if (cause.kind === 'boot') forgetAuto(state);
      return electVsf(members, cause, state);
    },
    showRunning: (state: SwitchState) => show.showRunning(state),
    showStartup: (state: SwitchState) => show.showStartup(state),
    snmp: {
      sysObjectID: SYS_OBJECT_ID,
      sysDescr,
      sysName: (state: SwitchState) => hostnameOf(state.running),
      sysContact,
      sysLocation,
      engineId: (name: string) => macFormatEngineId(ARUBA_ENTERPRISE, name),
      maxMessageSize: 1500,
      physicalEntities,
      mibs: aoscxMibs,
    },
  };
}

export const arubaAoscx: LabPersonality = arubaAoscxPersonality();
