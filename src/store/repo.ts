// Opening the backups repository: create it if missing (private, with its own author and
// no hooks), refuse a folder that holds something else, and hand back a git handle that
// can only ever act on this repository.

import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { errnoCode, replaceFiles, TEMP_PATTERN } from './atomic.js';
import { GITIGNORE_FILE } from './paths.js';
import { ensurePrivate } from './private.js';
import { RUN_STATUS_FILE } from './run-status.js';

/** `switchback watch`'s memory across restarts (src/watch/state-file.ts): the watch's, never history's. */
export const WATCH_STATE_FILE = '.watch-state.json';
/** `switchback watch --recover auto`'s kill-switch, by default (a person touches it; it is no configuration). */
export const WATCH_DISABLE_FILE = '.watch-disabled';

export interface Author {
  name: string;
  email: string;
}

export interface Store {
  /** Absolute path of the backups directory (the work tree). */
  readonly dir: string;
  /** git bound to this repository alone (see `sealedGit`). */
  readonly git: SimpleGit;
}

export interface OpenStoreOptions {
  /** Written to the repository's own config; default `switchback <switchback@localhost>`. */
  author?: Author;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export const DEFAULT_AUTHOR: Author = { name: 'switchback', email: 'switchback@localhost' };

/** What may already sit in a folder that is not yet a repository: the project's placeholder
 *  README (`backups/README.md` ships with switchback) and a run lock taken before opening. */
function isTolerated(entry: string): boolean {
  return entry === 'README.md' || entry.endsWith('.lock');
}

const GITIGNORE = [
  '# Written by switchback: the run lock, half-written files, the run status and the watch state never belong in history.',
  '*.lock',
  TEMP_PATTERN,
  RUN_STATUS_FILE,
  WATCH_STATE_FILE,
  WATCH_DISABLE_FILE,
  '',
].join('\n');

/**
 * Settings applied on every open, in the repository's own config so that nothing in the
 * user's global config (hooks, signing, CRLF conversion, a global ignore file that happens
 * to match `*.cfg`) changes what a backup stores or whether the commit succeeds.
 */
const SETTINGS: [string, string][] = [
  ['commit.gpgsign', 'false'],
  ['tag.gpgsign', 'false'],
  ['core.autocrlf', 'false'],
  ['core.excludesFile', '/dev/null'],
  // Nor the user's attributes file (a filter or encoding there would make git store other
  // bytes than the in-process comparison of head-tree.ts hashes); the system one: GIT_ATTR_NOSYSTEM.
  ['core.attributesFile', '/dev/null'],
  // gc in the foreground, while the run still holds the lock.
  ['gc.autoDetach', 'false'],
  // git's own files private whatever the caller's umask (the CLI also sets umask 077).
  ['core.sharedRepository', '0600'],
];

/**
 * git for this repository only. GIT_DIR and GIT_WORK_TREE are set explicitly so that git
 * never searches upwards: the default `backups/` sits inside switchback's own checkout, and
 * if `backups/.git` were missing a plain `git add -A` there would stage into the project.
 * Every other GIT_* variable is left out (a caller running inside a git hook has
 * GIT_INDEX_FILE set, for one); simple-git 4 would strip them anyway, and refuses any it is
 * handed explicitly unless allowed.
 */
function sealedGit(dir: string, unsafe: { allowUnsafeHooksPath?: boolean } = {}, blockMs?: number): SimpleGit {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(git_|editor$|visual$|pager$|prefix$|ssh_askpass$)/i.test(key)) continue;
    env[key] = value;
  }
  env.GIT_DIR = path.join(dir, '.git');
  env.GIT_WORK_TREE = dir;
  env.GIT_ATTR_NOSYSTEM = '1';
  // Never a question on the terminal (a remote's user name or password): a nightly run has
  // nobody to answer it, and would wait for ever. Credentials come as for any git (remote.ts).
  env.GIT_TERMINAL_PROMPT = '0';
  return simpleGit({
    baseDir: dir,
    allowEnvironment: ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_ATTR_NOSYSTEM', 'GIT_TERMINAL_PROMPT'],
    unsafe,
    ...(blockMs !== undefined ? { timeout: { block: blockMs } } : {}),
  }).env(env);
}

/**
 * The store's git for talking to its remote (fetch, push): sealed the same way, and a git
 * that prints nothing for `blockMs` is stopped — an address that swallows packets would
 * otherwise hold the run (and its lock) for the system's TCP timeout, minutes.
 */
export function remoteGit(store: Store, blockMs: number): SimpleGit {
  return sealedGit(store.dir, {}, blockMs);
}

async function isRepository(dir: string): Promise<boolean> {
  try {
    if (!(await stat(path.join(dir, '.git'))).isDirectory()) return false;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
  try {
    await sealedGit(dir).raw(['rev-parse', '--git-dir']);
    return true;
  } catch (err) {
    throw new StoreError(`${dir}/.git exists but is not a usable git repository: ${(err as Error).message.trim()}`);
  }
}

async function prepareDirectory(dir: string): Promise<{ isRepo: boolean }> {
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new StoreError(`${dir} exists and is not a directory`);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return { isRepo: false };
  }
  if (await isRepository(dir)) return { isRepo: true };
  const foreign = (await readdir(dir)).filter((e) => !isTolerated(e));
  if (foreign.length > 0) {
    const shown = foreign.sort().slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    throw new StoreError(
      `${dir} is not empty and is not a git repository (it holds ${shown}); ` +
        'switchback keeps backups only in an empty directory or in a repository it created: choose another directory or empty this one',
    );
  }
  return { isRepo: false };
}

/** The repository's own settings, keys lowercased as `git config --list` prints them. */
async function localConfig(git: SimpleGit): Promise<Map<string, string>> {
  const out = await git.raw(['config', '--local', '--list', '-z']);
  const map = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl > 0) map.set(entry.slice(0, nl).toLowerCase(), entry.slice(nl + 1));
  }
  return map;
}

async function configure(dir: string, git: SimpleGit, author: Author | undefined): Promise<void> {
  const current = await localConfig(git);
  const wanted = [...SETTINGS];
  if (author !== undefined || !current.has('user.name')) {
    const a = author ?? DEFAULT_AUTHOR;
    wanted.push(['user.name', a.name], ['user.email', a.email]);
  }
  // Only what differs is written: simple-git waits 50 ms after every git command that
  // prints nothing, and `git config KEY VALUE` prints nothing.
  for (const [key, value] of wanted) {
    if (current.get(key.toLowerCase()) !== value) await git.addConfig(key, value);
  }
  // No hooks: neither the user's global core.hooksPath nor anything in .git/hooks runs. A
  // hook could stop a backup's commit (a pre-commit that fails loses the night's record) or
  // run code of anyone who can write .git/hooks with access to every switch's secrets. What
  // people add hooks for is built in instead: `--push` (push.ts) and `--exec-hook` (README).
  // simple-git treats writing core.hooksPath as unsafe, so it is allowed for this one call.
  if (current.get('core.hookspath') !== '/dev/null') {
    await sealedGit(dir, { allowUnsafeHooksPath: true }).addConfig('core.hooksPath', '/dev/null');
  }
}

/**
 * A handle on the repository in `dir`, known to exist, without opening it (nothing is
 * checked or written): for the lock holder's tidying before a command opens the store.
 */
export function existingStore(dir: string): Store {
  const abs = path.resolve(dir);
  return { dir: abs, git: sealedGit(abs) };
}

/** Open (creating if needed) the backups repository in `dir`. */
export async function openStore(dir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const abs = path.resolve(dir);
  const { isRepo } = await prepareDirectory(abs);
  const git = sealedGit(abs);
  if (!isRepo) {
    await git.init();
    // A fixed branch name, whatever init.defaultBranch says (and without `init -b`, git ≥ 2.28).
    await git.raw(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  }
  // Configurations hold secrets: the repository is private from its first moment, and one
  // made before (under a permissive umask) is made private now.
  await ensurePrivate(abs);
  await configure(abs, git, opts.author);
  await ensureGitignore(abs);
  return { dir: abs, git };
}

async function ensureGitignore(dir: string): Promise<void> {
  const file = path.join(dir, GITIGNORE_FILE);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== GITIGNORE) await replaceFiles(dir, [{ file, content: GITIGNORE }]);
}
