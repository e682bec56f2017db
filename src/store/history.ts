// What git remembers about one device: used for `stale` findings and `good DEVICE [REV]`,
// `switchback history` (the commits that touched it) and `switchback diff` (its files at a revision).

import { differsFromHead } from './commit.js';
import { headTree } from './head-tree.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';

export interface CommitRef {
  commit: string;
  date: Date;
  subject: string;
}

/** False for a repository created but never committed to. */
async function hasCommits(store: Store): Promise<boolean> {
  // simple-git resolves (not rejects) when git exits non-zero without writing to stderr,
  // as `rev-parse --verify --quiet` does: judge by the output instead.
  const out = await store.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
  return out.trim() !== '';
}

/** The newest commit that changed anything in `name`'s folder, or null if none did. */
export async function lastCommitTouching(store: Store, name: string, file?: DeviceFileKey): Promise<CommitRef | null> {
  deviceDir(store.dir, name); // validates the name
  if (!(await hasCommits(store))) return null;
  const out = await store.git.raw(['log', '-1', '--format=%H%x00%cI%x00%s', 'HEAD', '--', file ? `${name}/${DEVICE_FILES[file]}` : `${name}/`]);
  const [commit, date, subject] = out.trim().split('\0');
  if (commit === undefined || commit === '' || date === undefined || subject === undefined) return null;
  return { commit, date: new Date(date), subject };
}

// ---------------------------------------------------------------- one device's history

/** The files of a device folder, by the names `history` prints. */
const FILE_NAMES: Record<string, string> = {
  'running.cfg': 'running',
  'startup.cfg': 'startup',
  'last-good.cfg': 'last-good',
  'state.json': 'state',
};
const FILE_ORDER = ['running', 'startup', 'last-good', 'state'];

export interface DeviceCommit extends CommitRef {
  /** The abbreviated hash git prints (at least 7 characters). */
  short: string;
  /** Which of the device's files the commit changed: running, startup, last-good, state (other files by name). */
  files: string[];
  /** The commit body line about this device (`core-1: changed, unsaved +2/-0`), if there is one. */
  summary?: string;
}

const RS = '\x1e';
const US = '\x1f';

/**
 * The commits that changed anything in `name`'s folder, newest first (`git log -- name/`),
 * at most `limit` of them; [] for a device never committed or a repository without commits.
 */
export async function deviceHistory(store: Store, name: string, limit: number): Promise<DeviceCommit[]> {
  deviceDir(store.dir, name); // validates the name
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a whole number from 1, got ${limit}`);
  if (!(await hasCommits(store))) return [];
  const out = await store.git.raw([
    'log',
    `--max-count=${limit}`,
    '--no-renames',
    '--name-only',
    `--format=${RS}%H${US}%h${US}%cI${US}%s${US}%b${US}`,
    'HEAD',
    '--',
    `${name}/`,
  ]);
  return parseDeviceLog(out, name);
}

/** The records `deviceHistory` asks git for: `RS hash US short US date US subject US body US` and the file names. */
export function parseDeviceLog(out: string, name: string): DeviceCommit[] {
  const commits: DeviceCommit[] = [];
  for (const record of out.split(RS)) {
    const parts = record.split(US);
    if (parts.length < 6) continue;
    const [commit = '', short = '', date = '', subject = '', body = '', names = ''] = parts;
    const files = names
      .split('\n')
      .map((p) => p.trim())
      .filter((p) => p.startsWith(`${name}/`))
      .map((p) => p.slice(name.length + 1))
      .map((f) => FILE_NAMES[f] ?? f);
    const known = FILE_ORDER.filter((f) => files.includes(f));
    const others = [...new Set(files.filter((f) => !FILE_ORDER.includes(f)))].sort();
    const summary = body
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith(`${name}:`));
    commits.push({ commit, short, date: new Date(date), subject, files: [...known, ...others], ...(summary !== undefined ? { summary } : {}) });
  }
  return commits;
}

// ---------------------------------------------------------------- files at a revision

export class RevisionError extends Error {
  override name = 'RevisionError';
}

export interface FileAtRevision {
  /** The text, or undefined when the file does not exist at that commit. */
  text: string | undefined;
  commit: string;
  short: string;
  date: Date;
}

/** `rev` as a commit of the backups repository; RevisionError (in words) when it is not one. */
export async function resolveRevision(store: Store, rev: string): Promise<{ commit: string; short: string; date: Date }> {
  // Never an option: `--output=…` handed to git as a revision would write files.
  if (rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev)) throw new RevisionError(`${JSON.stringify(rev)} is not a revision`);
  if (!(await hasCommits(store))) throw new RevisionError(`the backups repository ${store.dir} has no commits yet, so no revision ${rev}`);
  const out = await store.git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => '');
  const commit = out.trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new RevisionError(`unknown revision ${JSON.stringify(rev)} in the backups repository ${store.dir}`);
  const [short = commit.slice(0, 7), date = ''] = (await store.git.raw(['log', '-1', '--format=%h%x00%cI', commit])).trim().split('\0');
  return { commit, short, date: new Date(date) };
}

/** One of `name`'s files (`running.cfg`, …) as committed at `rev`. */
export async function deviceFileAt(store: Store, rev: string, name: string, file: DeviceFileKey): Promise<FileAtRevision> {
  deviceDir(store.dir, name);
  const at = await resolveRevision(store, rev);
  const spec = `${at.commit}:${name}/${DEVICE_FILES[file]}`;
  const type = (await store.git.raw(['cat-file', '-t', spec]).catch(() => '')).trim();
  if (type !== 'blob') return { text: undefined, ...at };
  // `show` of a blob prints it as stored: no textconv, no CRLF conversion (core.autocrlf is off).
  const text = await store.git.raw(['cat-file', 'blob', spec]);
  return { text, ...at };
}

/**
 * Where the work-tree copy of one of `name`'s files comes from: the last commit that
 * changed it, and whether the file differs from that commit (written, not yet committed).
 */
export async function fileOrigin(
  store: Store,
  name: string,
  file: DeviceFileKey,
): Promise<{ commit: CommitRef & { short: string }; uncommitted: boolean } | { commit: null; uncommitted: boolean }> {
  deviceDir(store.dir, name);
  const path = `${name}/${DEVICE_FILES[file]}`;
  // Judged in process against the last commit's tree (one git process for all files, not a
  // status each); a file that is not a regular file is left to git status.
  const differs = await differsFromHead(store, name, file);
  const uncommitted = differs ?? (await store.git.raw(['status', '--porcelain', '--untracked-files=all', '--', path])).trim() !== '';
  if ((await headTree(store)).commit === null) return { commit: null, uncommitted };
  const out = await store.git.raw(['log', '-1', '--format=%H%x00%h%x00%cI%x00%s', 'HEAD', '--', path]);
  const [commit, short, date, subject] = out.trim().split('\0');
  if (commit === undefined || commit === '' || short === undefined || date === undefined || subject === undefined) return { commit: null, uncommitted };
  return { commit: { commit, short, date: new Date(date), subject }, uncommitted };
}
