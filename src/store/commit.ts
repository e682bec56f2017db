// One commit per run: everything the run wrote, or nothing at all when nothing changed.
// The caller writes the message (it knows what changed, what is unsaved, what failed).

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
  // --no-verify as well as the repository's hooksPath: no hook may stop or alter a backup.
  await git.commit(body === '' ? subject : [subject, body], undefined, { '--no-verify': null });
  return { commit: (await git.revparse(['HEAD'])).trim() };
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

/** Which of `name`'s files differ from the last commit (as pendingChanges judges them). */
export async function deviceChanges(store: Store, name: string): Promise<DeviceFileKey[]> {
  deviceDir(store.dir, name); // validates the name
  const pending = await pendingChanges(store, `${name}/`);
  return (Object.keys(DEVICE_FILES) as DeviceFileKey[]).filter((k) => pending.has(`${name}/${DEVICE_FILES[k]}`));
}
