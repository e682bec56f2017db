// What a backup run found, as plain data: the CLI renders it as a table or JSON,
// the store turns it into a commit message, and the exit code follows from it.

import type { UnsavedDiff } from '../config/normalise.js';
import type { ConfigWords } from '../platforms/platform.js';
import { bare, NEUTRAL_WORDS } from './unsaved.js';

export interface StackSummary {
  /** Members present and Ready. */
  ready: number;
  /** Members the inventory expects (or, without an inventory list, that the switch reports). */
  expected: number;
  /** Expected member numbers the switch does not report Ready. */
  missing: number[];
  /** The Active member's number, when there is one. */
  active?: number;
}

export type LastGoodOutcome = 'advanced' | 'same' | { held: string };

/** The reason last good did not move, or undefined when it did (or had no need to). */
export function lastGoodHeld(d: DeviceOutcome): string | undefined {
  return d.status !== 'failed' && typeof d.lastGood === 'object' ? d.lastGood.held : undefined;
}

interface Base {
  device: string;
  durationMs: number;
  /** Set on first contact: the host key was pinned (SHA256 fingerprint), at login, even if the backup then failed. */
  pinnedHostKey?: string;
  /** Set when --accept-new-host-key replaced a pinned key (SHA256 fingerprints). */
  replacedHostKey?: { from: string; to: string };
}

export type DeviceOutcome =
  | (Base & {
      /**
       * Against the last commit: `changed` when any of the device's files differs (running,
       * startup, last good or state.json), so whatever the run commits is in its report.
       */
      status: 'new' | 'changed' | 'unchanged';
      /** What changed in state.json's facts, in words (`active member 1 → 2`), beyond what the other columns show. */
      factsChanged?: string[];
      /** Lines in running not in startup (and the reverse); null when running = startup. */
      unsaved: UnsavedDiff | null;
      /** The device has no startup configuration at all (NVRAM empty). */
      noStartup: boolean;
      /** A candidate platform's last commit did not reach every routing engine (why); `unsaved` is then set, if only with 0 lines. */
      notSynced?: string;
      /**
       * The finding `startup-unreadable`: the device refused to show its startup config or
       * printed nothing; why, in words. startup.cfg was kept as it was and `unsaved` is unknown (null).
       */
      startupUnreadable?: string;
      stack: StackSummary | null;
      /**
       * Set when the configs did not come over SSH: `snmp-tftp` (the device's transport), or
       * `snmp-tftp (SSH failed: <stage>: <reason>)` when SNMP + TFTP was the fallback.
       */
      via?: string;
      /** The device rebooted since the last backup recorded its boot (SNMP snmpEngineBoots / sysUpTime). */
      rebooted?: { at: string; by: 'engine-boots' | 'uptime'; bootsBefore: number | null; bootsAfter: number | null };
      /** SNMP could not be read (the backup went on; the boot record was kept as it was). */
      snmpError?: string;
      /** `platform: auto` resolved by SNMP detection: `NAME (from sysObjectID and sysDescr)`. */
      platformDetected?: string;
      /**
       * What the health gate did with last-good.cfg: `advanced` to this capture (or seeded it),
       * `same` (the capture is last good already), or `held` with the reason in words
       * (`last good kept: the device rebooted into … (312 lines missing)`) — a finding.
       */
      lastGood: LastGoodOutcome;
    })
  | (Base & {
      status: 'failed';
      stage: string;
      reason: string;
      /** The device has no backup at all yet (nothing was kept, because there was nothing). */
      noBackupYet?: boolean;
    });

export interface BackupRun {
  startedAt: string;
  finishedAt: string;
  devices: DeviceOutcome[];
  /** The commit this run made, or null when nothing changed. */
  commit: string | null;
  /** Set when the files were written but git could not commit them. */
  commitError?: string;
  /** Printable notes for the operator (a stale lock taken over, …). */
  notes: string[];
}

export interface RunCounts {
  total: number;
  changed: number;
  added: number;
  unchanged: number;
  failed: number;
  unsaved: number;
  stackProblems: number;
  /** Devices whose last good the health gate kept (a finding). */
  lastGoodHeld: number;
  /** Devices whose startup config could not be read (a finding: unsaved is unknown). */
  startupUnreadable: number;
}

export function countRun(devices: DeviceOutcome[]): RunCounts {
  const ok = devices.filter((d) => d.status !== 'failed');
  return {
    total: devices.length,
    changed: devices.filter((d) => d.status === 'changed').length,
    added: devices.filter((d) => d.status === 'new').length,
    unchanged: devices.filter((d) => d.status === 'unchanged').length,
    failed: devices.length - ok.length,
    // A switch that lost its configuration (no startup, last good held) is not "unsaved": saving
    // would make the loss permanent. It counts under lastGoodHeld instead, as check says "lost".
    unsaved: ok.filter((d) => (d.unsaved !== null || d.noStartup) && !(d.noStartup && lastGoodHeld(d) !== undefined)).length,
    stackProblems: ok.filter((d) => d.stack !== null && d.stack.missing.length > 0).length,
    lastGoodHeld: ok.filter((d) => lastGoodHeld(d) !== undefined).length,
    startupUnreadable: ok.filter((d) => d.startupUnreadable !== undefined).length,
  };
}

/** A reason as one short line: a commit body line per device. */
function oneLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The finding in the words the table, the commit body and `--quiet` use. */
export function startupUnreadableNote(reason: string): string {
  return `startup-unreadable: ${reason}; startup.cfg kept from the last backup, unsaved changes cannot be judged`;
}

/** `backup: 3 changed, 1 unsaved, 2 failed of 40`, and one body line per device worth naming, in its platform's words (`wordsOf`). */
export function commitMessage(devices: DeviceOutcome[], wordsOf: (device: string) => ConfigWords = () => NEUTRAL_WORDS): { subject: string; body: string } {
  const c = countRun(devices);
  const parts = [
    c.added > 0 && `${c.added} new`,
    `${c.changed} changed`,
    c.unsaved > 0 && `${c.unsaved} unsaved`,
    c.stackProblems > 0 && `${c.stackProblems} stack`,
    c.lastGoodHeld > 0 && `${c.lastGoodHeld} last good held`,
    c.startupUnreadable > 0 && `${c.startupUnreadable} startup unreadable`,
    c.failed > 0 && `${c.failed} failed`,
  ].filter((x): x is string => typeof x === 'string');
  const lines = devices
    .filter(
      (d) =>
        d.status !== 'unchanged' ||
        d.unsaved !== null ||
        (d.stack?.missing.length ?? 0) > 0 ||
        (d.via?.includes('SSH failed') ?? false) ||
        d.pinnedHostKey !== undefined ||
        d.replacedHostKey !== undefined ||
        d.rebooted !== undefined ||
        lastGoodHeld(d) !== undefined ||
        d.startupUnreadable !== undefined,
    )
    .flatMap((d) => {
      if (d.status === 'failed')
        return [
          `${d.device}: failed (${d.stage}: ${oneLine(d.reason)}); ${d.noBackupYet ? 'no backup yet' : 'previous backup kept'}` +
            (d.pinnedHostKey ? `; first contact: host key pinned ${d.pinnedHostKey}` : '') +
            (d.replacedHostKey ? `; host key replaced as asked: ${d.replacedHostKey.from} -> ${d.replacedHostKey.to}` : ''),
        ];
      const unsaved = d.noStartup
        ? `, no ${bare(wordsOf(d.device).startup)}`
        : d.unsaved
          ? `, unsaved +${d.unsaved.counts.added}/-${d.unsaved.counts.removed}`
          : '';
      const stack = d.stack && d.stack.missing.length > 0 ? `, stack ${d.stack.ready}/${d.stack.expected} (missing ${d.stack.missing.join(', ')})` : '';
      const rebooted = d.rebooted ? `, rebooted at ${d.rebooted.at}` : '';
      const held = lastGoodHeld(d);
      const facts = d.factsChanged ? `, ${d.factsChanged.join(', ')}` : '';
      return [
        `${d.device}: ${d.status}${facts}${unsaved}${stack}${rebooted}${d.via ? `, via ${d.via}` : ''}${d.notSynced ? `, ${d.notSynced}` : ''}`,
        ...(held ? [`${d.device}: ${held}`] : []),
        ...(d.startupUnreadable ? [`${d.device}: ${startupUnreadableNote(d.startupUnreadable)}`] : []),
      ];
    });
  return { subject: `backup: ${parts.join(', ')} of ${c.total}`, body: lines.join('\n') };
}
