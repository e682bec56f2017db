// Pushing the backups repository to a remote: real git, real bare repositories on disk.
// What a user checks is the remote: which commits it holds, what its tree holds, and that
// a failed push leaves the local commit where it was.
import { execFileSync } from 'node:child_process';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitRun, openStore, pinHostKey, pushStore, syncStore, writeDevice } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { lockFor } from '../../src/cli/lock.js';
import { mergeKnownHosts } from '../../src/store/known-hosts-merge.js';
import { gitReason } from '../../src/store/push.js';
import { withoutCredentials } from '../../src/store/remote.js';
import { withEmptyGitHome } from '../helpers/git-home.js';

const tmp = withEmptyGitHome('switchback-push-');

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIKpPZ+Pkl3xWNHSBO4mjTzFHcF4fUQcE0AYjb0m/5sJk';
const noPause = () => Promise.resolve();

let n = 0;
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_DIR: undefined, GIT_WORK_TREE: undefined } });

async function bare(): Promise<string> {
  const dir = path.join(tmp(), `remote-${++n}.git`);
  git(tmp(), 'init', '--quiet', '--bare', dir);
  return dir;
}

/** A backups repository of its own (a shard's pod, a laptop) with `origin` set, as the README says. */
async function clone(remote: string): Promise<Store> {
  const store = await openStore(path.join(tmp(), `local-${++n}`, 'backups'));
  git(store.dir, 'remote', 'add', 'origin', remote);
  return store;
}

async function backUp(store: Store, device: string, running: string, key = KEY_A): Promise<string> {
  await writeDevice(store, device, { running, state: { device } });
  await pinHostKey(store, device, 'ssh-ed25519', key);
  const made = await commitRun(store, { subject: `backup: ${device}`, body: `${device}: changed` });
  return made!.commit;
}

const treeOf = (remote: string) => git(remote, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n').sort();
const historyOf = (remote: string) => git(remote, 'log', '--format=%s', 'main').trim().split('\n');

describe('pushStore', () => {
  it('pushes the commit to origin, creating the branch there', async () => {
    const remote = await bare();
    const store = await clone(remote);
    const commit = await backUp(store, 'sw-1', 'hostname sw-1\n');
    const r = await pushStore(store, { pause: noPause });
    expect(r).toEqual({ status: 'pushed', target: 'origin/main', commit, attempts: 1, rebased: false });
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(commit);
    expect(treeOf(remote)).toEqual(['.gitignore', '.known_hosts', 'sw-1/running.cfg', 'sw-1/state.json']);
  });

  it('without a remote says how to add one, and keeps the commit', async () => {
    const store = await openStore(path.join(tmp(), `lonely-${++n}`, 'backups'));
    const commit = await backUp(store, 'sw-1', 'x\n');
    const r = await pushStore(store);
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toContain(`git -C ${store.dir} remote add origin URL`);
    expect(r.commit).toBe(commit);
  });

  it('pushes to the upstream the branch tracks when it has one', async () => {
    const remote = await bare();
    const store = await clone(remote);
    git(store.dir, 'remote', 'add', 'backup-server', remote);
    git(store.dir, 'config', 'branch.main.remote', 'backup-server');
    git(store.dir, 'config', 'branch.main.merge', 'refs/heads/nightly');
    const commit = await backUp(store, 'sw-1', 'x\n');
    const r = await pushStore(store, { pause: noPause });
    expect(r.status === 'pushed' && r.target).toBe('backup-server/nightly');
    expect(git(remote, 'rev-parse', 'nightly').trim()).toBe(commit);
  });

  it('when another job pushed first: rebases onto it (host keys joined by device) and pushes both', async () => {
    const remote = await bare();
    const a = await clone(remote);
    const b = await clone(remote);
    // Both first runs: each repository's own .gitignore and .known_hosts, neighbouring devices.
    await backUp(a, 'sw-1', 'a\n', KEY_A);
    await backUp(b, 'sw-2', 'b\n', KEY_B);
    expect((await pushStore(a, { pause: noPause })).status).toBe('pushed');
    const r = await pushStore(b, { pause: noPause });
    expect(r).toMatchObject({ status: 'pushed', attempts: 2, rebased: true });
    expect(treeOf(remote)).toEqual(['.gitignore', '.known_hosts', 'sw-1/running.cfg', 'sw-1/state.json', 'sw-2/running.cfg', 'sw-2/state.json']);
    expect(historyOf(remote)).toEqual(['backup: sw-2', 'backup: sw-1']);
    const hosts = git(remote, 'show', 'main:.known_hosts');
    expect(hosts).toContain(`sw-1 ssh-ed25519 ${KEY_A}`);
    expect(hosts).toContain(`sw-2 ssh-ed25519 ${KEY_B}`);
    expect(hosts).not.toMatch(/<<<<<<<|>>>>>>>/);
    // The replayed commit keeps its own message, no "# Conflicts" lines.
    expect(git(remote, 'log', '-1', '--format=%B', 'main').trim()).toBe('backup: sw-2\n\nsw-2: changed');
    // And the work tree is the pushed commit, clean.
    expect(git(b.dir, 'status', '--porcelain').trim()).toBe('');
  });

  it("two local commits waiting (a push failed before), each pinning a key beside the remote's: both replayed, both pushed", async () => {
    const remote = await bare();
    const a = await clone(remote);
    const b = await clone(remote);
    await backUp(a, 'sw-1', 'a\n', KEY_A);
    await pushStore(a, { pause: noPause });
    await syncStore(b);
    // Each side pins switches that sort next to each other: every replayed commit stops at .known_hosts.
    await backUp(a, 'sw-2', 'a\n', KEY_A);
    await backUp(b, 'sw-3', 'b\n', KEY_B);
    await backUp(b, 'sw-4', 'b\n', KEY_B);
    await pushStore(a, { pause: noPause });
    const r = await pushStore(b, { pause: noPause });
    expect(r).toMatchObject({ status: 'pushed', rebased: true });
    expect(historyOf(remote)).toEqual(['backup: sw-4', 'backup: sw-3', 'backup: sw-2', 'backup: sw-1']);
    const hosts = git(remote, 'show', 'main:.known_hosts');
    expect(hosts.match(/^sw-\d /gm)).toEqual(['sw-1 ', 'sw-2 ', 'sw-3 ', 'sw-4 ']);
    // Each replayed commit holds the keys it held plus the remote's: sw-3's commit has no sw-4 yet.
    expect(git(remote, 'show', 'main~1:.known_hosts').match(/^sw-\d /gm)).toEqual(['sw-1 ', 'sw-2 ', 'sw-3 ']);
  });

  it('the same device changed on both sides: rebase abandoned, local commit kept, one line why', async () => {
    const remote = await bare();
    const a = await clone(remote);
    await backUp(a, 'sw-1', 'first\n');
    await pushStore(a, { pause: noPause });
    const b = await clone(remote);
    expect((await syncStore(b)).status).toBe('fast-forward');
    await backUp(a, 'sw-1', 'from a\n');
    const mine = await backUp(b, 'sw-1', 'from b\n');
    expect((await pushStore(a, { pause: noPause })).status).toBe('pushed');
    const r = await pushStore(b, { pause: noPause });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toMatch(/^push to origin\/main failed: .*sw-1\/running\.cfg.*the local commit is kept$/);
    expect(r.reason).not.toContain('\n');
    expect(r.commit).toBe(mine);
    expect(git(b.dir, 'rev-parse', 'HEAD').trim()).toBe(mine);
    expect(existsSync(path.join(b.dir, '.git', 'rebase-merge'))).toBe(false);
    expect(readFileSync(path.join(b.dir, 'sw-1', 'running.cfg'), 'utf8')).toBe('from b\n');
  });

  it('a remote that refuses (a pre-receive hook): one line, commit kept; once it accepts, the next push takes both', async () => {
    const remote = await bare();
    const hook = path.join(remote, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "frozen for the change window" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const store = await clone(remote);
    const first = await backUp(store, 'sw-1', 'one\n');
    const r = await pushStore(store, { pause: noPause });
    expect(r).toEqual({ status: 'failed', reason: 'push to origin/main failed: [remote rejected] HEAD -> main (pre-receive hook declined)', commit: first });
    expect(git(store.dir, 'rev-parse', 'HEAD').trim()).toBe(first);
    const second = await backUp(store, 'sw-1', 'two\n');
    await rm(hook);
    expect(await pushStore(store, { pause: noPause })).toMatchObject({ status: 'pushed', commit: second, attempts: 1 });
    expect(historyOf(remote)).toEqual(['backup: sw-1', 'backup: sw-1']);
    expect(git(remote, 'rev-parse', 'main~1').trim()).toBe(first);
  });

  it('a remote that is not there: one line, commit kept', async () => {
    const store = await clone(path.join(tmp(), 'no-such-remote.git'));
    const commit = await backUp(store, 'sw-1', 'x\n');
    const r = await pushStore(store, { pause: noPause });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toMatch(/^push to origin\/main failed: .*no-such-remote\.git.*does not appear to be a git repository/);
    expect(r.commit).toBe(commit);
  });

  it('a remote that stops answering is given up on: one line, commit kept', async () => {
    const remote = await bare();
    // Accepts the connection, then says nothing (a hook that hangs stands in for a dead link).
    const hook = path.join(remote, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\nsleep 5\nexit 1\n');
    await chmod(hook, 0o755);
    const store = await clone(remote);
    const commit = await backUp(store, 'sw-1', 'x\n');
    const r = await pushStore(store, { pause: noPause, silenceMs: 1000 });
    expect(r).toEqual({ status: 'failed', reason: 'push to origin/main failed: no answer from the remote for 1 s', commit });
  });

  it('gives up after the attempts it is allowed, keeping the commit', async () => {
    const remote = await bare();
    const a = await clone(remote);
    const b = await clone(remote);
    await backUp(a, 'sw-1', 'a\n');
    await pushStore(a, { pause: noPause });
    const mine = await backUp(b, 'sw-2', 'b\n');
    // Another job pushes again before every retry: the remote keeps moving.
    let round = 0;
    const busy = async () => {
      await backUp(a, 'sw-1', `a${++round}\n`);
      await pushStore(a, { pause: noPause });
    };
    const r = await pushStore(b, { attempts: 3, pause: busy });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toBe(
      'push to origin/main failed: the remote kept moving: 3 attempts, each refused because another job had just pushed; the local commit is kept',
    );
    // Kept, rebased onto the last remote seen: still this run's commit, with its message.
    expect(git(b.dir, 'log', '-1', '--format=%s').trim()).toBe('backup: sw-2');
    expect(r.commit).not.toBe(mine);
    expect(r.commit).toBe(git(b.dir, 'rev-parse', 'HEAD').trim());
  });

  it("runs none of the user's hooks, locally (hooks are off in the backups repository)", async () => {
    const remote = await bare();
    const store = await clone(remote);
    const ran = path.join(tmp(), `hook-ran-${++n}`);
    for (const name of ['pre-commit', 'post-commit', 'pre-push', 'pre-rebase']) {
      const file = path.join(store.dir, '.git', 'hooks', name);
      await writeFile(file, `#!/bin/sh\necho ${name} >> ${ran}\nexit 1\n`);
      await chmod(file, 0o755);
    }
    await backUp(store, 'sw-1', 'x\n');
    expect((await pushStore(store, { pause: noPause })).status).toBe('pushed');
    expect(existsSync(ran)).toBe(false);
  });
});

describe('a push killed mid-rebase', () => {
  it('is abandoned by the next run that takes the lock: the branch and its commit are back, said in a note', async () => {
    const remote = await bare();
    const a = await clone(remote);
    await backUp(a, 'sw-1', 'first\n');
    await pushStore(a, { pause: noPause });
    const b = await clone(remote);
    await syncStore(b);
    await backUp(a, 'sw-1', 'from a\n');
    await pushStore(a, { pause: noPause });
    const mine = await backUp(b, 'sw-1', 'from b\n');
    // What a push killed while its rebase stood at a conflict leaves: HEAD detached, a rebase directory.
    git(b.dir, 'fetch', '--quiet', 'origin');
    expect(() => git(b.dir, 'rebase', 'origin/main')).toThrow();
    expect(existsSync(path.join(b.dir, '.git', 'rebase-merge'))).toBe(true);
    const lock = await lockFor(b.dir, 'switchback backup', 'nothing was done');
    await lock.release();
    expect(lock.note).toBe('abandoned the rebase an interrupted push left: the repository is on its branch with its commits again');
    expect(git(b.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(git(b.dir, 'rev-parse', 'HEAD').trim()).toBe(mine);
    expect(readFileSync(path.join(b.dir, 'sw-1', 'running.cfg'), 'utf8')).toBe('from b\n');
  });
});

describe('syncStore', () => {
  it("a fresh repository (an empty volume) becomes the remote's branch before the run", async () => {
    const remote = await bare();
    const a = await clone(remote);
    const commit = await backUp(a, 'sw-1', 'kept\n');
    await pushStore(a, { pause: noPause });
    const fresh = await clone(remote);
    expect(await syncStore(fresh)).toEqual({ status: 'fast-forward', target: 'origin/main' });
    expect(git(fresh.dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expect(readFileSync(path.join(fresh.dir, 'sw-1', 'running.cfg'), 'utf8')).toBe('kept\n');
  });

  it("killed while a fresh repository takes the remote's branch: never a branch whose files are missing (the next commit would delete them)", async () => {
    const remote = await bare();
    const a = await clone(remote);
    await backUp(a, 'sw-1', 'kept\n');
    await pushStore(a, { pause: noPause });
    const fresh = await clone(remote);
    // The process dies at the checkout of the remote's files: every git command before it ran, that one does not.
    const dying = new Proxy(fresh.git, {
      get(target, prop, receiver) {
        if (prop !== 'raw') return Reflect.get(target, prop, receiver);
        return (args: string[]) => (args[0] === 'reset' ? Promise.reject(new Error('killed')) : target.raw(args));
      },
    });
    await syncStore({ dir: fresh.dir, git: dying });
    let head: string | null = null;
    try {
      head = git(fresh.dir, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}').trim();
    } catch {
      head = null; // no commit yet
    }
    // Either still no commit (the next run adopts the remote again), or the remote's commit with its files here.
    if (head !== null) expect(existsSync(path.join(fresh.dir, 'sw-1', 'running.cfg'))).toBe(true);
    expect(await syncStore(fresh)).toEqual({ status: 'fast-forward', target: 'origin/main' });
    expect(readFileSync(path.join(fresh.dir, 'sw-1', 'running.cfg'), 'utf8')).toBe('kept\n');
  });

  it('an empty remote, or none reachable: the run goes on from what it has', async () => {
    const store = await clone(await bare());
    expect(await syncStore(store)).toEqual({ status: 'no-remote-branch', target: 'origin/main' });
    const away = await clone(path.join(tmp(), 'gone.git'));
    const r = await syncStore(away);
    expect(r.status).toBe('skipped');
  });
});

describe('mergeKnownHosts', () => {
  const file = (...lines: string[]) => ['# header', ...lines].join('\n') + '\n';
  it('joins devices pinned on each side, whatever the base', () => {
    const r = mergeKnownHosts(undefined, file(`a ssh-ed25519 ${KEY_A}`), file(`b ssh-ed25519 ${KEY_B}`));
    expect(r.ok && r.text).toContain(`a ssh-ed25519 ${KEY_A}\nb ssh-ed25519 ${KEY_B}\n`);
  });
  it('takes the side that changed a key; refuses two different new keys for one device', () => {
    const base = file(`a ssh-ed25519 ${KEY_A}`);
    const replaced = mergeKnownHosts(base, base, file(`a ssh-ed25519 ${KEY_B}`));
    expect(replaced.ok && replaced.text).toContain(`a ssh-ed25519 ${KEY_B}`);
    const both = mergeKnownHosts(undefined, file(`a ssh-ed25519 ${KEY_A}`), file(`a ssh-ed25519 ${KEY_B}`));
    expect(both).toEqual({ ok: false, reason: 'different host keys pinned for a on each side' });
  });
});

describe('what a failure line may show', () => {
  it('never a password or token in a remote URL', () => {
    expect(withoutCredentials("unable to access 'https://bot:s3cret-token@git.example.net/net/backups.git/'")).toBe(
      "unable to access 'https://***@git.example.net/net/backups.git/'",
    );
    expect(gitReason(new Error("fatal: unable to access 'https://u:p@h/r.git/': Could not resolve host: h"))).toBe(
      "unable to access 'https://***@h/r.git/': Could not resolve host: h",
    );
  });
});
