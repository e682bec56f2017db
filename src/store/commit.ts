// One commit per run: everything the run wrote, or nothing at all when nothing changed.
// The caller writes the message (it knows what changed, what is unsaved, what failed).

import { lstat, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './atomic.js';
import { blobId, headTree } from './head-tree.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { DeviceFileKey } from './paths.js';
import type { Store } from './repo.js';

export interface RunMessage {
  /** `backup: 3 changed, 1 unsaved, 2 failed of 40` */
  subject: string;
  /** The devices, one per line; may be empty. */
  body: string;
}

/** Paths that must never be committed even if .gitignore was edited or removed by hand. */
const NEVER = /(^|\/)[^/]*\.(lock|tmp)$/;

/**
 * Stage every change in the store and commit it; `null` when there is nothing to commit.
 * Staging happens through the store's sealed git handle, whose work tree is the store
 * itself, so nothing outside it can be staged.
 */
export async function commitRun(store: Store, message: RunMessage, ran?: readonly string[]): Promise<{ commit: string } | null> {
  const subject = message.subject.trim();
  if (subject === '' || subject.includes('\n')) throw new Error('a commit subject is one non-empty line');
  const { git } = store;
  await git.raw(['add', '--all', '--', '.']);
  const staged = (await git.raw(['diff', '--cached', '--name-only', '-z'])).split('\0').filter((p) => p !== '');
  const unwanted = staged.filter((p) => NEVER.test(p));
  if (unwanted.length > 0) await git.raw(['rm', '--cached', '--quiet', '--', ...unwanted]);
  if (staged.length === unwanted.length) return null;
  const body = [message.body.trim(), ...(ran ? leftBehind(staged, new Set(ran)) : [])].filter((l) => l !== '').join('\n');
  return { commit: await commitStaged(store, body === '' ? subject : `${subject}\n\n${body}`) };
}

/** Where commitStaged writes the message for git to read: inside .git, never in the work tree. */
const MESSAGE_FILE = 'SWITCHBACK_COMMIT_MSG';

/**
 * Commit the index with `message` and return the new commit's id. The message goes to git
 * in a file, not as an argument: a run of thousands of devices names each one in the body,
 * and an argument longer than 128 KiB is refused by the kernel (E2BIG), which failed the
 * commit of every large run. `git commit -F` tidies the message as `-m` does (trailing
 * white space, blank lines), so the history reads the same either way.
 */
async function commitStaged(store: Store, message: string): Promise<string> {
  const file = path.join(store.dir, '.git', MESSAGE_FILE);
  await writeFile(file, message, { mode: 0o600 });
  try {
    // --no-verify as well as the repository's hooksPath: no hook may stop or alter a backup.
    await store.git.raw(['commit', '--quiet', '--no-verify', '--cleanup=whitespace', '-F', file]);
  } finally {
    await rm(file, { force: true });
  }
  return (await store.git.revparse(['HEAD'])).trim();
}

/**
 * Body lines for device files this commit takes along that the run did not write: an
 * earlier run wrote them and its commit failed or it was killed. What a commit changes is
 * named in it, even when it is not this run's doing.
 */
function leftBehind(staged: string[], ran: Set<string>): string[] {
  const byDevice = new Map<string, string[]>();
  for (const path of staged) {
    const slash = path.indexOf('/');
    if (slash < 0 || path.startsWith('.') || NEVER.test(path)) continue;
    const device = path.slice(0, slash);
    if (!ran.has(device)) byDevice.set(device, [...(byDevice.get(device) ?? []), path.slice(slash + 1)]);
  }
  return [...byDevice].map(([device, files]) => `${device}: committed as an earlier run left it (${files.join(', ')}): that run wrote it and did not commit`);
}

/**
 * Files that differ from the last commit (modified, added or untracked), as paths in the
 * store. A run judges "changed" by this, not by what the previous run left in the work
 * tree: a run whose commit failed must not make the next one report "unchanged".
 */
export async function pendingChanges(store: Store, under = '.'): Promise<Set<string>> {
  // No optional locks: devices of one run ask this at once, and it must not take the index lock.
  const out = await store.git.raw(['--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all', '--', under]);
  const paths = new Set<string>();
  for (const entry of out.split('\0')) if (entry.length > 3) paths.add(entry.slice(3));
  return paths;
}

/**
 * Which of `name`'s files differ from the last commit: missing, new, or with other bytes or
 * mode than it holds. Judged in process against the last commit's tree (read once per commit,
 * head-tree.ts) rather than with a git process per device; a file that is not a regular file
 * (a link someone made) is left to `git status` (pendingChanges), as before.
 */
export async function deviceChanges(store: Store, name: string): Promise<DeviceFileKey[]> {
  deviceDir(store.dir, name); // validates the name
  const changed: DeviceFileKey[] = [];
  for (const key of Object.keys(DEVICE_FILES) as DeviceFileKey[]) {
    const differs = await differsFromHead(store, name, key);
    if (differs === undefined) return statusChanges(store, name);
    if (differs) changed.push(key);
  }
  return changed;
}

/**
 * Whether the work tree's copy of one of `name`'s files differs from the last commit
 * (missing, new, other bytes or mode), judged in process; undefined when it is not a regular
 * file (a link someone made) or a .gitattributes may convert files: left to git status then.
 */
export async function differsFromHead(store: Store, name: string, key: DeviceFileKey): Promise<boolean | undefined> {
  const dir = deviceDir(store.dir, name);
  const file = path.join(dir, DEVICE_FILES[key]);
  const head = await headTree(store);
  // Attributes anywhere (or in the device's own folder) may convert files: git judges then.
  const ownAttributes = await lstat(path.join(dir, '.gitattributes')).then(
    () => true,
    (err: unknown) => errnoCode(err) !== 'ENOENT',
  );
  if (!head.exact || ownAttributes) return undefined;
  const committed = head.files.get(`${name}/${DEVICE_FILES[key]}`);
  const st = await lstat(file).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  });
  if (st === undefined) return committed !== undefined;
  if (!st.isFile()) return undefined;
  // git records a regular file as executable or not, by its owner's execute bit.
  const mode = (st.mode & 0o100) !== 0 ? '100755' : '100644';
  return !committed || committed.mode !== mode || committed.id !== blobId(await readFile(file), committed.id.length === 64);
}

/** Which of `name`'s files differ from the last commit, as `git status` (pendingChanges) says. */
async function statusChanges(store: Store, name: string): Promise<DeviceFileKey[]> {
  const pending = await pendingChanges(store, `${name}/`);
  return (Object.keys(DEVICE_FILES) as DeviceFileKey[]).filter((k) => pending.has(`${name}/${DEVICE_FILES[k]}`));
}
