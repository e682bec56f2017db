// The Juniper Junos EX Virtual Chassis personality for lab switches: mostly data on the
// shared simulator — a configuration tree with candidate and commits (state.ts), the
// Junos CLI (cli.ts), the VC election with split detection (vc.ts) and SNMP facts (snmp.ts).
//
// Lab-only knob: how long a `commit confirmed` minute lasts. `juniperJunosPersonality({
// commitMinuteMs })` for tests, or SWITCHBACK_LAB_JUNOS_MINUTE_MS for `switchback lab up`;
// 60 000 ms (a real minute) otherwise. The countdown runs on the switch's own clock
// (host.now(), which `advanceClock` moves) and fires with nobody logged in.

import { JUNOS_NOTIFICATIONS } from './notifications.js';
import type { ConfigTree } from '../../config-tree.js';
import { macFormatEngineId } from '../../snmp/engine.js';
import type { CliHost, LabPersonality } from '../../personality.js';
import type { ElectionCause, Member, SwitchState } from '../../model.js';
import { openJunosCli } from './cli.js';
import { compareLines, compareTrees, parseCurly, renderSet, sameTree } from './junos-tree.js';
import * as show from './show.js';
import { junosMibs, physicalEntities, SYS_OBJECT_ID, sysContact, sysDescr, sysLocation } from './snmp.js';
import { backupId, electVc, factoryDefaultConfig, hostname, initialState, minuteMsFromEnv, sync } from './state.js';

/** Juniper's IANA private enterprise number. */
const JUNIPER_ENTERPRISE = 2636;

const factory = (): ConfigTree => parseCurly(factoryDefaultConfig());

export interface JunosLabOptions {
  /** Milliseconds in a `commit confirmed` minute (tests shorten it). */
  commitMinuteMs?: number;
  /** The clock member losses are timed on (tests inject theirs); the real one otherwise. */
  clock?: () => number;
}

export function juniperJunosPersonality(opts: JunosLabOptions = {}): LabPersonality {
  const minuteMs = opts.commitMinuteMs ?? minuteMsFromEnv();
  const clock = opts.clock ?? Date.now;
  const personality = {
    platform: 'juniper-junos',
    label: 'Juniper EX Virtual Chassis (Junos 21.4)',
    models: ['ex4300-48p', 'ex4300-48p', 'ex4300-24p', 'ex3400-48p'],
    initialState: (spec: Parameters<LabPersonality['initialState']>[0], now: number) => initialState(spec, now, minuteMs),
    factoryDefault: factory,
    hostname: (state: SwitchState) => hostname(sync(state, factory) && state.running) ?? 'Amnesiac',
    openCli: (host: CliHost, username: string) => openJunosCli(host, username),
    /**
     * A lab `change` event: the lines typed in configuration mode as a person would, into the
     * shared candidate. On Junos an unsaved change is an uncommitted one, so nothing is
     * committed unless the lines say `commit` (a plain one, which on a VC leaves the
     * backup RE behind: the other kind of unsaved).
     */
    applyChange: (host: CliHost, lines: readonly string[]) => {
      const cli = openJunosCli(host, 'lab');
      cli.input('configure');
      const refused: string[] = [];
      for (const line of lines) {
        const out = cli.input(line).output;
        if (/error:|syntax error|unknown command|warning: statement not found/.test(out)) refused.push(`${line}: ${out.trim().split('\n').pop()}`);
      }
      // Leave configuration mode; a shared candidate keeps its changes.
      if (/Exit with uncommitted changes/.test(cli.input('exit configuration-mode').output)) cli.input('yes');
      cli.close?.();
      return refused;
    },
    sampleChange: ['set interfaces ge-0/0/5 description "temporary uplink"'],
    // Junos's words where the lab speaks of a switch in general (lab status, event messages).
    words: {
      role: { active: 'Master', standby: 'Backup', member: 'Linecard' },
      state: { ready: 'Prsnt', provisioned: 'Unprvsnd', removed: 'NotPrsnt', initializing: 'Inactive', 'version-mismatch': 'Prsnt (version mismatch)' },
      running: 'committed configuration',
      startup: 'committed configuration',
      // A lab `change` types into the shared candidate (as `configure`), which only a commit applies.
      unsavedChange: 'left in the candidate, not committed',
    },
    // Junos answers SSH with its own OpenSSH build.
    sshIdent: 'OpenSSH_7.5',
    notifications: JUNOS_NOTIFICATIONS,
    /**
     * The VC's own election (split detection, no pre-emption, the backup RE taking over
     * with the configuration it holds), at every power event. Member loss is timed on the
     * real clock (or a test's): members lost moments apart (one feed) count as lost together.
     */
    elect: (_members: Member[], cause: ElectionCause, state: SwitchState) => {
      const says = electVc(state, cause, factory, clock());
      return says ? { says } : undefined;
    },
    /** Unsaved on Junos: the candidate's pending statements, as `show | compare` lists them. */
    unsavedCounts: (state: SwitchState) => {
      // Counted in set form, as backup reads the configuration.
      const j = sync(state, factory);
      const committed = new Set(renderSet(state.running));
      const pending = new Set(renderSet(j.candidate));
      return { added: [...pending].filter((l) => !committed.has(l)).length, removed: [...committed].filter((l) => !pending.has(l)).length };
    },
    showRunning: (state: SwitchState) => show.showConfiguration(state),
    showStartup: (state: SwitchState) => (state.startup ? show.showConfiguration(state, state.startup) : ''),
    snmp: {
      sysObjectID: SYS_OBJECT_ID,
      sysDescr,
      sysName: (state: SwitchState) => hostname(sync(state, factory) && state.running) ?? '',
      sysContact,
      sysLocation,
      engineId: (name: string) => macFormatEngineId(JUNIPER_ENTERPRISE, name),
      maxMessageSize: 65507,
      physicalEntities,
      mibs: junosMibs,
    },
  };
  return personality;
}

export const juniperJunos: LabPersonality = juniperJunosPersonality();

/** The committed configuration as `show configuration | display set` prints it (for tests and the lab's status). */
export function committedSetLines(state: SwitchState): string[] {
  return renderSet(sync(state, factory) && state.running);
}

/**
 * What "unsaved" means on this switch, for the lab's own status line: the candidate's
 * pending statements (`show | compare`, counted +/-), and whether the backup RE runs an
 * older committed configuration than the master (a plain commit on a VC).
 */
export function junosUnsaved(state: SwitchState): { added: number; removed: number; lines: string[]; backupBehind: boolean } {
  const j = sync(state, factory);
  const lines = compareLines(compareTrees(state.running, j.candidate));
  const backup = backupId(state);
  const backupConfig = backup === undefined ? undefined : j.reConfig.get(backup);
  return {
    added: lines.filter((l) => l.startsWith('+')).length,
    removed: lines.filter((l) => l.startsWith('-')).length,
    lines,
    backupBehind: backupConfig !== undefined && !sameTree(backupConfig, state.running),
  };
}
