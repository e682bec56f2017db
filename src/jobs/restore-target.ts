// What restore puts on a switch: last good, the running config at a git revision, or a
// file — and whether it may be typed at all. Refused before any switch is touched: a
// target with masked secrets (typing `<masked>` would set that as the password), with
// commands that act instead of configure (`do …`, `reload`, `write erase`), or that is
// not a whole configuration (merge removes what the target lacks; a fragment would
// strip the switch).

import { readFile } from 'node:fs/promises';
import { extractConfig, isComplete, maskedLines, maskSecrets } from '../config/normalise.js';
import { execLevelLines } from '../config/push-plan.js';
import type { Platform } from '../platforms/platform.js';
import { bare } from './unsaved.js';
import { lastCommitTouching, readDevice, readDeviceFileAt, resolveCommit } from '../store/index.js';
import type { Store } from '../store/index.js';

export type RestoreSource = { kind: 'good' } | { kind: 'rev'; rev: string } | { kind: 'file'; path: string };

export interface RestoreTarget {
  text: string;
  /** For people and commit messages: `last good (a1b2c3d)`, `running-config at HEAD~2 (9f8e7d6)`, `file ./core-1.cfg`. */
  label: string;
  /** The commit the target came from, when it came from the repository. */
  commit: string | null;
}

/** Why restore will not use a target; `lines` names the offending lines (secrets masked). */
export class TargetRefused extends Error {
  constructor(
    message: string,
    readonly lines: string[] = [],
  ) {
    super(message);
  }
}

export async function resolveTarget(store: Store | null, device: string, platform: Platform, source: RestoreSource): Promise<RestoreTarget> {
  const target = await readTarget(store, device, platform, source);
  checkTarget(platform, target);
  return target;
}

async function readTarget(store: Store | null, device: string, platform: Platform, source: RestoreSource): Promise<RestoreTarget> {
  if (source.kind === 'file') {
    let raw: string;
    try {
      raw = await readFile(source.path, 'utf8');
    } catch (err) {
      throw new TargetRefused(`cannot read ${source.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    // A saved running configuration with its header and prompt reads the same as a stored one.
    return { text: extractConfig(platform, raw), label: `file ${source.path}`, commit: null };
  }
  if (!store) throw new TargetRefused(`no backups repository: there is no ${source.kind === 'good' ? 'last good' : 'revision'} of ${device} to restore`);
  if (source.kind === 'good') {
    const files = await readDevice(store, device);
    if (files.lastGood === undefined)
      throw new TargetRefused(
        files.running === undefined
          ? `${device} has never been backed up: there is no last good configuration to restore`
          : `${device} has no last-good.cfg (no capture has passed the health gate yet): name a revision or a file with --from, or set it with switchback good`,
      );
    // The commit that last moved last-good.cfg, not the last capture (which may be the factory default).
    const last = await lastCommitTouching(store, device, 'lastGood').catch(() => null);
    return { text: files.lastGood, label: last ? `last good (${last.commit.slice(0, 7)})` : 'last good', commit: last?.commit ?? null };
  }
  const commit = await resolveCommit(store, source.rev);
  if (!commit) throw new TargetRefused(`${source.rev} names no commit of the backups repository`);
  const text = await readDeviceFileAt(store, commit, device, 'running');
  if (text === null) throw new TargetRefused(`${device} has no running.cfg at ${source.rev} (${commit.slice(0, 7)})`);
  return { text, label: `${bare(platform.words.running)} at ${source.rev} (${commit.slice(0, 7)})`, commit };
}

/** The refusals above, on a target already read; throws TargetRefused. */
export function checkTarget(platform: Platform, target: RestoreTarget): void {
  if (platform.restore.length === 0) throw new TargetRefused(`${platform.label}: switchback cannot put configuration on this platform yet`);
  if (target.text.trim() === '') throw new TargetRefused(`${target.label} is empty`);
  if (!isComplete(platform, target.text))
    throw new TargetRefused(
      `${target.label} is not a whole configuration (${platform.syntax.completeSays}, or error text in it): restore removes what the target lacks, so a fragment would strip the switch`,
    );
  const masked = maskedLines(target.text);
  if (masked.length > 0)
    throw new TargetRefused(
      `${target.label} has ${masked.length} masked secret${masked.length === 1 ? '' : 's'} (a repository written with --mask-secrets): typing them would set "<masked>" as the secret. Restore from a file with the real secrets`,
      masked,
    );
  // Lines that act instead of configure, by the platform's line-merge rules (the other strategies load the target whole).
  const merge = platform.restore.find((s) => s.kind === 'line-merge');
  const exec = merge?.kind === 'line-merge' ? execLevelLines(platform.syntax, merge.configure, target.text) : [];
  if (exec.length > 0)
    throw new TargetRefused(
      `${target.label} holds ${exec.length} command${exec.length === 1 ? '' : 's'} that act instead of configure (do, reload, write, erase, delete, format …): refused`,
      exec.map((l) => maskSecrets(platform, l)),
    );
}
