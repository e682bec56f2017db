// What a backup run asks of the store, counted: the known-hosts file is read once however
// many switches ask for their pin, and "which files changed" from one read of the last
// commit gives git's own answer (git status) in every case a night can leave behind.
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  commitRun,
  deviceChanges,
  openStore,
  pinHostKey,
  pinnedHostKey,
  headTree,
  readDevice,
  replaceHostKey,
  writeDevice,
  writeDeviceChanges,
} from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { knownHostsReads } from '../../src/store/known-hosts.js';
import { withEmptyGitHome } from '../helpers/git-home.js';

const tmp = withEmptyGitHome('switchback-store-cost-');

let n = 0;
async function freshStore(): Promise<Store> {
  const dir = path.join(tmp(), `case-${++n}`);
  await mkdir(dir);
  return openStore(path.join(dir, 'backups'));
}

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIKpPZ+Pkl3xWNHSBO4mjTzFHcF4fUQcE0AYjb0m/5sJk';

describe('known hosts over a run', () => {
  it('is read once however many switches ask for their pin, pinned together or one by one', async () => {
    const store = await freshStore();
    const names = Array.from({ length: 60 }, (_, i) => `sw-${String(i).padStart(2, '0')}`);
    // A first run: every switch asks (none pinned), then all are pinned at once.
    for (const name of names) expect(await pinnedHostKey(store, name)).toBeUndefined();
    await Promise.all(names.map((name) => pinHostKey(store, name, 'ssh-ed25519', KEY_A)));
    // The next night: every switch asks again, several times.
    for (let round = 0; round < 3; round++) for (const name of names) expect((await pinnedHostKey(store, name))?.key).toBe(KEY_A);
    // Written by this process: what it wrote is what it knows, nothing is read back.
    expect(knownHostsReads.get(store) ?? 0).toBe(0);

    // Another store handle on the same folder (the next run) reads the file once.
    const next = await openStore(store.dir);
    for (const name of names) expect(await checkHostKey(next, name, 'ssh-ed25519', KEY_A)).toEqual({ status: 'match' });
    expect(knownHostsReads.get(next)).toBe(1);
  });

  it('a pin refused among many written together is refused alone; a hand edit is seen', async () => {
    const store = await freshStore();
    await pinHostKey(store, 'core-1', 'ssh-ed25519', KEY_A);
    const results = await Promise.allSettled([
      pinHostKey(store, 'core-2', 'ssh-ed25519', KEY_A),
      pinHostKey(store, 'core-1', 'ssh-ed25519', KEY_B),
      replaceHostKey(store, 'core-3', 'ssh-ed25519', KEY_B),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/--accept-new-host-key core-1/);
    expect((await pinnedHostKey(store, 'core-1'))?.key).toBe(KEY_A);
    expect((await pinnedHostKey(store, 'core-3'))?.key).toBe(KEY_B);

    // Someone removes core-2's line by hand between runs: the next look sees it gone.
    const file = path.join(store.dir, '.known_hosts');
    const { readFile } = await import('node:fs/promises');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^.*core-2.*\n/gm, ''));
    expect(await pinnedHostKey(store, 'core-2')).toBeUndefined();
  });
});

describe('which files changed, from one read of the last commit', () => {
  it('a file made executable, or replaced by a link to the same bytes, is a change, and the link is replaced by the config', async () => {
    const { chmod, symlink, lstat } = await import('node:fs/promises');
    const store = await freshStore();
    const files = { running: 'hostname a\nend\n', startup: 'hostname a\nend\n', state: { platform: 'x' } };
    await writeDevice(store, 'sw-a', files);
    await commitRun(store, { subject: 'first', body: '' });
    // Someone marks running.cfg executable: git status says modified, and so does the run.
    await chmod(path.join(store.dir, 'sw-a', 'running.cfg'), 0o755);
    expect(await writeDeviceChanges(store, await headTree(store), 'sw-a', files, await readDevice(store, 'sw-a'))).toEqual(['running']);
    await commitRun(store, { subject: 'mode', body: '' });
    // startup.cfg becomes a link to a file with the same bytes: the run writes the config in its place.
    await writeFile(path.join(store.dir, 'elsewhere.txt'), files.startup);
    await unlink(path.join(store.dir, 'sw-a', 'startup.cfg'));
    await symlink(path.join(store.dir, 'elsewhere.txt'), path.join(store.dir, 'sw-a', 'startup.cfg'));
    expect(await writeDeviceChanges(store, await headTree(store), 'sw-a', files, await readDevice(store, 'sw-a'))).toEqual([]);
    expect((await lstat(path.join(store.dir, 'sw-a', 'startup.cfg'))).isFile()).toBe(true);
  });

  it('writes only the files whose bytes change, and answers the same', async () => {
    const store = await freshStore();
    const files = { running: 'hostname a\nend\n', startup: 'hostname a\nend\n', state: { platform: 'x', members: [1, 2] } };
    await writeDevice(store, 'sw-a', files);
    await commitRun(store, { subject: 'first', body: '' });
    const tree = await headTree(store);
    const { stat } = await import('node:fs/promises');
    const inode = async (f: string) => (await stat(path.join(store.dir, 'sw-a', f))).ino;
    const before = { running: await inode('running.cfg'), state: await inode('state.json') };
    // The same night again: nothing is rewritten (a rewrite replaces the file: a new inode), nothing changed.
    expect(await writeDeviceChanges(store, tree, 'sw-a', files)).toEqual([]);
    expect({ running: await inode('running.cfg'), state: await inode('state.json') }).toEqual(before);
    // One file changes: that one is written, and it is the change.
    expect(await writeDeviceChanges(store, tree, 'sw-a', { ...files, running: 'hostname a2\nend\n' })).toEqual(['running']);
    expect(await inode('running.cfg')).not.toBe(before.running);
    expect(await inode('state.json')).toBe(before.state);
    expect(await deviceChanges(store, 'sw-a')).toEqual(['running']);
  });

  it('trusts the text the run just read for what the folder holds, except where decoding lost bytes', async () => {
    const store = await freshStore();
    const files = { running: 'hostname a\nend\n', startup: 'hostname a\nend\n', state: { platform: 'x' } };
    await writeDevice(store, 'sw-a', files);
    // A byte that is not UTF-8 (a hand edit, a latin-1 banner): read as U+FFFD, it is not what the folder holds.
    await writeFile(path.join(store.dir, 'sw-a', 'startup.cfg'), Buffer.from('hostname a\nbanner \xe9\nend\n', 'latin1'));
    await commitRun(store, { subject: 'first', body: '' });
    const tree = await headTree(store);
    const current = await readDevice(store, 'sw-a');
    expect(current.startup).toContain('\uFFFD');
    // The capture decodes the same way: the same text, other bytes — written, and so changed.
    const changes = await writeDeviceChanges(store, tree, 'sw-a', { ...files, startup: current.startup! }, current);
    expect(changes).toEqual(['startup']);
    expect(changes).toEqual(await deviceChanges(store, 'sw-a'));
    // And the running config the run read is taken as read: unchanged, not written.
    expect(await writeDeviceChanges(store, await headTree(store), 'sw-a', files, await readDevice(store, 'sw-a'))).toEqual(await deviceChanges(store, 'sw-a'));
  });
});
