// The backups repository against real git, in temporary directories, with no global git
// identity (HOME points at an empty folder for the whole file).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acquireLock,
  checkHostKey,
  commitRun,
  fingerprint,
  lastCommitTouching,
  LOCK_FILE,
  LockHeldError,
  openStore,
  pinHostKey,
  readDevice,
  replaceHostKey,
  writeDevice,
} from '../../src/store/index.js';
import type { LockInfo, Store } from '../../src/store/index.js';
import { withEmptyGitHome } from '../helpers/git-home.js';

const CONTENDER = fileURLToPath(new URL('../helpers/lock-contender.ts', import.meta.url));
const tmp = withEmptyGitHome('switchback-store-');

let n = 0;
async function freshDir(): Promise<string> {
  const dir = path.join(tmp(), `case-${++n}`);
  await mkdir(dir);
  return dir;
}

async function freshStore(): Promise<Store> {
  return openStore(path.join(await freshDir(), 'backups'));
}

const git = (store: Store, ...args: string[]) => store.git.raw(args);
const commitCount = async (store: Store) => Number((await git(store, 'rev-list', '--count', 'HEAD')).trim());

/** Every file under `dir` except .git, relative. */
async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (p === '.git') continue;
    if (e.isDirectory()) out.push(...(await walk(dir, p)));
    else out.push(p);
  }
  return out.sort();
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

const RUNNING = 'hostname core-1\ninterface Vlan1\n ip address 10.0.0.1 255.255.255.0\nend\n';
const STARTUP = 'hostname core-1\nend\n';

describe('openStore', () => {
  it('creates a private repository with its own author, without any global git identity', async () => {
    const dir = path.join(await freshDir(), 'nested', 'backups');
    const store = await openStore(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(existsSync(path.join(dir, '.git'))).toBe(true);
    expect((await git(store, 'config', '--local', 'user.name')).trim()).toBe('switchback');
    expect((await git(store, 'config', '--local', 'commit.gpgsign')).trim()).toBe('false');
    await writeDevice(store, 'core-1', { running: RUNNING });
    expect(await commitRun(store, { subject: 'backup: 1 new of 1', body: 'core-1 new' })).not.toBeNull();
    expect((await git(store, 'log', '-1', '--format=%an <%ae>|%cn <%ce>')).trim()).toBe('switchback <switchback@localhost>|switchback <switchback@localhost>');
    expect((await git(store, 'symbolic-ref', 'HEAD')).trim()).toBe('refs/heads/main');
    // …and this really ran without one:
    expect((await git(store, 'config', '--global', '--get', 'user.name')).trim()).toBe('');
  });

  it('takes the author from the options, and reopens an existing repository as it is', async () => {
    const dir = path.join(await freshDir(), 'backups');
    const first = await openStore(dir, { author: { name: 'Net Ops', email: 'netops@example.net' } });
    await writeDevice(first, 'a', { running: RUNNING });
    await commitRun(first, { subject: 'one', body: '' });
    const again = await openStore(dir);
    expect(await commitCount(again)).toBe(1);
    await writeDevice(again, 'a', { running: RUNNING + '!\n' });
    await commitRun(again, { subject: 'two', body: '' });
    expect((await git(again, 'log', '-1', '--format=%an <%ae>')).trim()).toBe('Net Ops <netops@example.net>');
  });

  it('refuses a non-empty folder that is not a git repository, naming what is in it', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
    const err = await rejection(openStore(dir));
    expect(err.message).toMatch(/is not empty and is not a git repository \(it holds notes\.txt\)/);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
  });

  it('accepts a folder holding only the shipped README and a run lock', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, 'README.md'), '# backups\n');
    const lock = await acquireLock(dir, { command: 'switchback backup' });
    const store = await openStore(dir);
    expect(await commitRun(store, { subject: 'init', body: '' })).not.toBeNull();
    expect((await git(store, 'ls-files')).trim().split('\n').sort()).toEqual(['.gitignore', 'README.md']);
    await lock.release();
  });

  it('stays inside its own repository when it sits inside another one (the default backups/)', async () => {
    const outer = await freshDir();
    execFileSync('git', ['init', '-q', outer]);
    const store = await openStore(path.join(outer, 'backups'));
    await writeDevice(store, 'core-1', { running: RUNNING });
    expect(await commitRun(store, { subject: 'backup', body: '' })).not.toBeNull();
    expect((await git(store, 'rev-parse', '--show-toplevel')).trim()).toBe(store.dir);
    expect(execFileSync('git', ['-C', outer, 'ls-files', '--stage']).toString()).toBe('');
  });

  it('makes private a repository that an earlier run under a permissive umask left open to others', async () => {
    const dir = path.join(await freshDir(), 'backups');
    const first = await openStore(dir);
    await writeDevice(first, 'core-1', { running: RUNNING });
    await commitRun(first, { subject: 'backup', body: '' });
    execFileSync('chmod', ['-R', 'go+rwX', dir]);
    const again = await openStore(dir);
    await writeDevice(again, 'core-1', { running: RUNNING + '!\n' });
    await commitRun(again, { subject: 'backup 2', body: '' });
    const open = execFileSync('find', [dir, '-perm', '/077']).toString().trim();
    expect(open).toBe('');
    expect(await commitCount(again)).toBe(2);
  });

  it('runs no hooks, not even ones placed in .git/hooks', async () => {
    const store = await freshStore();
    const touched = path.join(store.dir, '..', 'hook-ran');
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit']) {
      const file = path.join(store.dir, '.git', 'hooks', hook);
      await writeFile(file, `#!/bin/sh\ntouch '${touched}'\nexit 1\n`);
      await chmod(file, 0o755);
    }
    await writeDevice(store, 'a', { running: RUNNING });
    expect(await commitRun(store, { subject: 'backup', body: '' })).not.toBeNull();
    expect(existsSync(touched)).toBe(false);
  });
});

describe('device files and commits', () => {
  it('names in the body what an earlier run wrote and did not commit, which this commit takes along', async () => {
    const store = await freshStore();
    await writeDevice(store, 'core-1', { running: RUNNING });
    await writeDevice(store, 'core-2', { running: RUNNING });
    await commitRun(store, { subject: 'backup: 2 new of 2', body: '' }, ['core-1', 'core-2']);
    // A run killed after writing core-2 and before its commit…
    await writeDevice(store, 'core-2', { running: RUNNING.replace('hostname', 'hostname changed-') });
    // …then a run of core-1 alone.
    await writeDevice(store, 'core-1', { running: RUNNING.replace('hostname', 'hostname new-') });
    await commitRun(store, { subject: 'backup: 1 changed of 1', body: 'core-1: changed' }, ['core-1']);
    expect((await git(store, 'log', '-1', '--format=%B')).trim()).toBe(
      'backup: 1 changed of 1\n\ncore-1: changed\ncore-2: committed as an earlier run left it (running.cfg): that run wrote it and did not commit',
    );
  });

  it('commits a run once, and commits nothing when nothing changed', async () => {
    const store = await freshStore();
    const state = { platform: 'cisco-ios', stack: { members: [{ number: 1 }, { number: 2 }] }, bootCounter: 3 };
    await writeDevice(store, 'core-1', { running: RUNNING, startup: STARTUP, state });
    const first = await commitRun(store, { subject: 'backup: 1 changed of 1', body: 'core-1 new' });
    expect(first?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await commitCount(store)).toBe(1);
    expect((await git(store, 'log', '-1', '--format=%B')).trim()).toBe('backup: 1 changed of 1\n\ncore-1 new');

    // Same content, state keys in another order: same bytes, no commit.
    await writeDevice(store, 'core-1', { running: RUNNING, startup: STARTUP, state: { bootCounter: 3, stack: state.stack, platform: 'cisco-ios' } });
    expect(await commitRun(store, { subject: 'backup: 0 changed of 1', body: '' })).toBeNull();
    expect(await commitCount(store)).toBe(1);
  });

  it('writes state.json with sorted keys, two-space indentation and a final newline, and reads it back', async () => {
    const store = await freshStore();
    await writeDevice(store, 'sw', { state: { z: 1, a: { y: [{ b: 2, a: 1 }], x: null } } });
    const text = await readFile(path.join(store.dir, 'sw', 'state.json'), 'utf8');
    expect(text).toBe('{\n  "a": {\n    "x": null,\n    "y": [\n      {\n        "a": 1,\n        "b": 2\n      }\n    ]\n  },\n  "z": 1\n}\n');
    await writeDevice(store, 'sw', { running: RUNNING });
    expect(await readDevice(store, 'sw')).toEqual({ running: RUNNING, state: { a: { x: null, y: [{ a: 1, b: 2 }] }, z: 1 } });
    expect(await readDevice(store, 'never-seen')).toEqual({});
  });

  it('a change to one device commits only that device folder', async () => {
    const store = await freshStore();
    await writeDevice(store, 'core-1', { running: RUNNING, startup: STARTUP, state: { v: 1 } });
    await writeDevice(store, 'core-2', { running: RUNNING, startup: STARTUP, state: { v: 1 } });
    await commitRun(store, { subject: 'first', body: '' });
    await writeDevice(store, 'core-1', { running: RUNNING + 'vlan 20\n', startup: STARTUP, state: { v: 1 } });
    await writeDevice(store, 'core-2', { running: RUNNING, startup: STARTUP, state: { v: 1 } });
    await commitRun(store, { subject: 'second', body: '' });
    const names = (await git(store, 'show', '--name-only', '--format=', 'HEAD')).trim().split('\n');
    expect(names).toEqual(['core-1/running.cfg']);
  });

  it('leaves no temporary files, keeps configs private, and never commits lock or temporary files', async () => {
    const store = await freshStore();
    for (let i = 0; i < 5; i++) await writeDevice(store, `sw${i}`, { running: `r${i}\n`, startup: `s${i}\n`, state: { i } });
    expect((await walk(store.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await stat(path.join(store.dir, 'sw0', 'running.cfg'))).mode & 0o777).toBe(0o600);
    await writeFile(path.join(store.dir, LOCK_FILE), '{}');
    await writeFile(path.join(store.dir, 'sw0', '.running.cfg.1-abcd.tmp'), 'half');
    await commitRun(store, { subject: 'backup', body: '' });
    const tracked = (await git(store, 'ls-files')).trim().split('\n');
    expect(tracked.filter((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toEqual([]);
    expect(tracked).toContain('sw4/state.json');
  });

  it('a failed write leaves the previous files of the device intact', async () => {
    const store = await freshStore();
    await writeDevice(store, 'core-1', { running: RUNNING, startup: STARTUP, state: { v: 1 } });
    // state that cannot be serialised fails after running.cfg would have been prepared
    const err = await rejection(writeDevice(store, 'core-1', { running: 'garbage\n', state: { v: 2n } }));
    expect(err).toBeInstanceOf(TypeError);
    expect(await readDevice(store, 'core-1')).toEqual({ running: RUNNING, startup: STARTUP, state: { v: 1 } });
    expect((await walk(store.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that cannot create its folder fails without touching anything else', async () => {
    const store = await freshStore();
    await writeDevice(store, 'core-1', { running: RUNNING });
    // As root, permissions stop nothing: a file where the folder should be does.
    await writeFile(path.join(store.dir, 'core-2'), 'not a folder\n');
    await expect(writeDevice(store, 'core-2', { running: RUNNING })).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(await readFile(path.join(store.dir, 'core-2'), 'utf8')).toBe('not a folder\n');
    expect(await readDevice(store, 'core-1')).toEqual({ running: RUNNING });
  });

  it('knows the last commit touching a device', async () => {
    const store = await freshStore();
    expect(await lastCommitTouching(store, 'core-1')).toBeNull();
    await writeDevice(store, 'core-1', { running: RUNNING });
    const one = await commitRun(store, { subject: 'backup: core-1', body: '' });
    await writeDevice(store, 'core-2', { running: RUNNING });
    await commitRun(store, { subject: 'backup: core-2', body: '' });
    const last = await lastCommitTouching(store, 'core-1');
    expect(last).toMatchObject({ commit: one?.commit, subject: 'backup: core-1' });
    expect(Math.abs((last?.date.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(await lastCommitTouching(store, 'core-3')).toBeNull();
  });
});

describe('device names', () => {
  const bad = ['../evil', 'a/b', '..', '.git', '.known_hosts', 'Core-1', '', 'a..b', 'x.lock', 'sw 1', 'ok\n'];

  let store: Store;
  beforeAll(async () => {
    store = await freshStore();
  });

  it.each(bad)('refuses %j everywhere, and writes nothing', async (name) => {
    const outside = await readdir(path.dirname(store.dir));
    await expect(writeDevice(store, name, { running: 'x\n' })).rejects.toThrow(/invalid device name/);
    await expect(readDevice(store, name)).rejects.toThrow(/invalid device name/);
    await expect(pinHostKey(store, name, 'ssh-ed25519', 'AAAA')).rejects.toThrow(/invalid device name/);
    await expect(lastCommitTouching(store, name)).rejects.toThrow(/invalid device name/);
    expect(await readdir(path.dirname(store.dir))).toEqual(outside);
    expect(await walk(store.dir)).toEqual(['.gitignore']);
  });
});

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (r.pid === undefined) throw new Error('no pid');
  return r.pid;
}

async function plantLock(dir: string, info: Partial<LockInfo>): Promise<void> {
  const full: LockInfo = {
    pid: deadPid(),
    hostname: os.hostname(),
    command: 'switchback backup',
    startedAt: new Date().toISOString(),
    nonce: 'planted',
    ...info,
  };
  await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(full));
}

function contender(args: string[]): { child: ChildProcess; lines: Promise<string[]>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let resolveFirst: (l: string) => void = () => undefined;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    const nl = out.indexOf('\n');
    if (nl >= 0) resolveFirst(out.slice(0, nl));
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const lines = new Promise<string[]>((resolve, reject) =>
    child.on('close', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve(out.trim().split('\n')) : reject(new Error(`contender exited ${code}: ${err}`)),
    ),
  );
  return { child, lines, firstLine };
}

describe('lock', () => {
  it('refuses a second holder, naming the first, until it is released', async () => {
    const dir = await freshDir();
    const lock = await acquireLock(dir, { command: 'switchback backup' });
    expect(lock.note).toBeUndefined();
    const err = await rejection(acquireLock(dir, { command: 'switchback restore' }));
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err.message).toMatch(new RegExp(`^${dir} is locked by switchback backup \\(pid ${process.pid} on ${os.hostname()}, since \\d\\d:\\d\\d:\\d\\d\\)$`));
    await lock.release();
    await lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const next = await acquireLock(dir, { command: 'switchback restore' });
    await next.release();
  });

  it('takes over a lock whose process is gone, and says so', async () => {
    const dir = await freshDir();
    const pid = deadPid();
    await plantLock(dir, { pid });
    const lock = await acquireLock(dir, { command: 'switchback backup' });
    expect(lock.note).toMatch(new RegExp(`took over a stale lock: switchback backup \\(pid ${pid} on .*\\) is no longer running`));
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'switchback backup' });
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    const dir = await freshDir();
    await plantLock(dir, { pid: process.pid, procStart: '1' });
    const lock = await acquireLock(dir, { command: 'switchback backup' });
    expect(lock.note).toMatch(/took over a stale lock/);
    await lock.release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))('takes over a lock whose holder is a zombie', async () => {
    const dir = await freshDir();
    // The background `sleep` outlives the shell's exec, so its new parent is `sleep 30`,
    // which never reaps it: once it exits it stays a zombie.
    const sh = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number(await new Promise<string>((r) => sh.stdout.once('data', (d: Buffer) => r(d.toString()))));
    try {
      const isZombie = async () => (await readFile(`/proc/${pid}/stat`, 'utf8')).includes(') Z ');
      // Wait for the event (the background sleep has exited), however busy the machine.
      while (!(await isZombie())) await new Promise((r) => setTimeout(r, 10));
      expect(() => process.kill(pid, 0)).not.toThrow(); // still "exists" for kill(0)
      await plantLock(dir, { pid });
      const lock = await acquireLock(dir, { command: 'switchback backup' });
      expect(lock.note).toMatch(/took over a stale lock/);
      await lock.release();
    } finally {
      sh.kill('SIGKILL');
    }
  });

  it('does not take over a lock held on another host', async () => {
    const dir = await freshDir();
    await plantLock(dir, { hostname: 'elsewhere.example', pid: 4242 });
    await expect(acquireLock(dir, { command: 'switchback backup' })).rejects.toThrow(/locked by switchback backup \(pid 4242 on elsewhere\.example/);
  });

  it('leaves alone a lock file it cannot read', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, LOCK_FILE), 'something else\n');
    await expect(acquireLock(dir, { command: 'switchback backup' })).rejects.toThrow(/is not a switchback lock/);
    expect(await readFile(path.join(dir, LOCK_FILE), 'utf8')).toBe('something else\n');
  });

  it('a killed holder leaves a stale lock that the next run takes over', async () => {
    const dir = await freshDir();
    const c = contender(['hold', dir]);
    expect(JSON.parse(await c.firstLine)).toEqual({ event: 'held', note: null });
    await expect(acquireLock(dir, { command: 'switchback backup' })).rejects.toBeInstanceOf(LockHeldError);
    c.child.kill('SIGKILL');
    await c.lines;
    const lock = await acquireLock(dir, { command: 'switchback backup' });
    expect(lock.note).toMatch(new RegExp(`pid ${c.child.pid} .* is no longer running`));
    await lock.release();
  });

  it('is released when its process exits normally', async () => {
    const dir = await freshDir();
    const c = contender(['hold', dir, 'exit']);
    await c.lines;
    expect(await readdir(dir)).toEqual([]);
  });

  it('two processes racing for it, over a stale lock, never both hold it', async () => {
    const dir = await freshDir();
    await plantLock(dir, {});
    const start = String(Date.now() + 1500);
    const racers = [contender(['race', dir, '60', start]), contender(['race', dir, '60', start])];
    const results = (await Promise.all(racers.map((r) => r.lines))).map(
      (l) => JSON.parse(l.at(-1) ?? '{}') as { acquired: number; busy: number; overlaps: number; notes: string[]; errors: string[] },
    );
    for (const r of results) {
      expect(r.errors).toEqual([]);
      expect(r.overlaps).toBe(0);
      expect(r.acquired + r.busy).toBe(60);
    }
    expect(results.reduce((s, r) => s + r.acquired, 0)).toBeGreaterThan(0);
    // Only one of them may remove the planted stale lock (and its note is lost if the other
    // then wins the race for the fresh lock).
    expect(results.flatMap((r) => r.notes).length).toBeLessThanOrEqual(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('three processes that keep dying while holding it, taking over from each other, never both hold it', async () => {
    const dir = await freshDir();
    const start = String(Date.now() + 1500);
    // Half the time a holder leaves as if killed: its lock then names a dead process.
    const racers = [1, 2, 3].map(() => contender(['race', dir, '80', start, '0.5']));
    const results = (await Promise.all(racers.map((r) => r.lines))).map(
      (l) => JSON.parse(l.at(-1) ?? '{}') as { acquired: number; overlaps: number; notes: string[]; errors: string[] },
    );
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.overlaps)).toEqual([0, 0, 0]);
    expect(results.flatMap((r) => r.notes).length).toBeGreaterThan(5);
    expect((await readdir(dir)).filter((f) => f !== LOCK_FILE)).toEqual([]);
  });
});

describe('known hosts', () => {
  const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
  const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIKpPZ+Pkl3xWNHSBO4mjTzFHcF4fUQcE0AYjb0m/5sJk';

  it('refuses a damaged line instead of treating its device as a first contact', async () => {
    const store = await freshStore();
    await pinHostKey(store, 'core-1', 'ssh-ed25519', KEY_A);
    const file = path.join(store.dir, '.known_hosts');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(`core-1 ssh-ed25519 ${KEY_A}`, `core-1 ssh-ed25519`));
    await expect(checkHostKey(store, 'core-1', 'ssh-ed25519', KEY_B)).rejects.toThrow(/\.known_hosts line \d+ is damaged/);
  });

  it('goes new → pinned → match → mismatch with both fingerprints, and is committed with the run', async () => {
    const store = await freshStore();
    expect(await checkHostKey(store, 'core-1', 'ssh-ed25519', KEY_A)).toEqual({ status: 'new' });
    await pinHostKey(store, 'core-1', 'ssh-ed25519', KEY_A);
    expect(await checkHostKey(store, 'core-1', 'ssh-ed25519', KEY_A)).toEqual({ status: 'match' });
    expect(await checkHostKey(store, 'core-1', 'ssh-ed25519', KEY_B)).toEqual({
      status: 'mismatch',
      expectedFingerprint: fingerprint(KEY_A),
      gotFingerprint: fingerprint(KEY_B),
    });
    await expect(pinHostKey(store, 'core-1', 'ssh-ed25519', KEY_B)).rejects.toThrow(/--accept-new-host-key core-1/);
    const text = await readFile(path.join(store.dir, '.known_hosts'), 'utf8');
    expect(text).toMatch(/^# core-1 first seen \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\ncore-1 ssh-ed25519 AAAAC3\S+\n$/m);
    await commitRun(store, { subject: 'backup', body: '' });
    expect((await git(store, 'ls-files')).split('\n')).toContain('.known_hosts');

    await replaceHostKey(store, 'core-1', 'ssh-ed25519', KEY_B);
    expect(await checkHostKey(store, 'core-1', 'ssh-ed25519', KEY_B)).toEqual({ status: 'match' });
    expect((await checkHostKey(store, 'core-1', 'ssh-rsa', KEY_B)).status).toBe('mismatch');
  });

  it.skipIf(spawnSync('ssh-keygen', ['-?']).error !== undefined)('prints fingerprints as ssh-keygen does', async () => {
    const dir = await freshDir();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'k')]);
    const [, key] = (await readFile(path.join(dir, 'k.pub'), 'utf8')).split(' ');
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(dir, 'k.pub')])
      .toString()
      .split(' ')[1];
    expect(fingerprint(key ?? '')).toBe(printed);
  });

  it('keeps every pin when many devices are pinned at once', async () => {
    const store = await freshStore();
    const names = Array.from({ length: 20 }, (_, i) => `sw-${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => pinHostKey(store, name, 'ssh-ed25519', KEY_A)));
    for (const name of names) expect(await checkHostKey(store, name, 'ssh-ed25519', KEY_A)).toEqual({ status: 'match' });
    const lines = (await readFile(path.join(store.dir, '.known_hosts'), 'utf8')).split('\n').filter((l) => l.startsWith('sw-'));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(names);
  });
});
