// The store's git work for a whole fleet: a run's commit takes the same git processes for 3
// devices as for 40 (one `git add` for the run, not one per device), "did this device change?"
// asks git once per commit rather than once per device and answers as `git status` does, and a
// commit whose body names thousands of devices is made (the message is not an argument).
// git is counted by a wrapper on PATH that logs each real git process before running it.

import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitRun, deviceChanges, openStore, pendingChanges, readDeviceFileAt, resolveCommit, writeDevice } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { DEVICE_FILES } from '../../src/store/paths.js';
import type { DeviceFileKey } from '../../src/store/paths.js';

const saved = {
  HOME: process.env.HOME,
  XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
  PATH: process.env.PATH,
  SWITCHBACK_TEST_GIT_LOG: process.env.SWITCHBACK_TEST_GIT_LOG,
};
let root = '';
let log = '';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'switchback-store-scale-'));
  const home = path.join(root, 'home');
  const bin = path.join(root, 'bin');
  await mkdir(home);
  await mkdir(bin);
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  log = path.join(root, 'git.log');
  await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> "$SWITCHBACK_TEST_GIT_LOG"\nexec ${realGit} "$@"\n`, { mode: 0o755 });
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = home;
  process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
  process.env.SWITCHBACK_TEST_GIT_LOG = log;
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(root, { recursive: true, force: true });
});

let n = 0;
async function freshStore(): Promise<Store> {
  return openStore(path.join(root, `case-${++n}`, 'backups'));
}

/** The git processes `work` started (each line: its arguments). */
async function gitProcesses(work: () => Promise<unknown>): Promise<string[]> {
  await writeFile(log, '');
  await work();
  return (await readFile(log, 'utf8')).split('\n').filter((l) => l !== '');
}

const name = (i: number) => `sw-${String(i).padStart(3, '0')}`;
const config = (i: number, tag: string) => `hostname ${name(i)}\n!\ninterface Gi1/0/1\n description ${tag}\n!\nend\n`;

async function fleet(store: Store, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) await writeDevice(store, name(i), { running: config(i, tag), startup: config(i, tag), state: { platform: 'cisco-ios' } });
}

describe('a run’s commit', () => {
  it('starts as many git processes for 40 changed devices as for 3, and for 3 of 40 as for all 40', async () => {
    const counts: number[] = [];
    for (const [size, changed] of [
      [3, 3],
      [40, 40],
      [40, 3],
    ] as const) {
      const store = await freshStore();
      await fleet(store, size, 'first');
      expect(await commitRun(store, { subject: `backup: ${size} new of ${size}`, body: '' })).not.toBeNull();
      for (let i = 0; i < changed; i++) await writeDevice(store, name(i), { running: config(i, 'second') });
      const spawned = await gitProcesses(() => commitRun(store, { subject: `backup: ${changed} changed of ${size}`, body: '' }));
      expect(spawned.filter((l) => l.startsWith('add '))).toHaveLength(1);
      counts.push(spawned.length);
      // What was committed is every changed device's running.cfg, in one commit.
      const files = execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], {
        cwd: store.dir,
        env: { ...process.env, GIT_DIR: path.join(store.dir, '.git') },
        encoding: 'utf8',
      })
        .trim()
        .split('\n');
      expect(files).toEqual(Array.from({ length: changed }, (_, i) => `${name(i)}/running.cfg`));
    }
    expect(new Set(counts).size).toBe(1);
  });

  it('commits a run whose message names thousands of devices (longer than one argument may be)', async () => {
    const store = await freshStore();
    await fleet(store, 2, 'first');
    const body = Array.from({ length: 3000 }, (_, i) => `sw-${i}: new; first contact: host key pinned SHA256:${'x'.repeat(43)}`).join('\n');
    expect(body.length).toBeGreaterThan(128 * 1024);
    const made = await commitRun(store, { subject: 'backup: 3000 new of 3000', body });
    expect(made?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect((await store.git.raw(['log', '-1', '--format=%B'])).trim()).toBe(`backup: 3000 new of 3000\n\n${body}`);
  });
});

describe('which device files changed since the last commit', () => {
  /** deviceChanges' answer beside git status' for every device. */
  async function bothWays(store: Store, devices: string[]): Promise<{ fast: DeviceFileKey[][]; status: DeviceFileKey[][] }> {
    const pending = await pendingChanges(store);
    const status = devices.map((d) => (Object.keys(DEVICE_FILES) as DeviceFileKey[]).filter((k) => pending.has(`${d}/${DEVICE_FILES[k]}`)));
    return { fast: await Promise.all(devices.map((d) => deviceChanges(store, d))), status };
  }

  it('answers as git status does: new, unchanged, modified, removed, made executable, and before any commit', async () => {
    const store = await freshStore();
    const devices = [name(0), name(1), name(2), name(3)];
    await fleet(store, 4, 'first');
    let { fast, status } = await bothWays(store, devices);
    expect(fast).toEqual(status);
    expect(fast[0]).toEqual(['running', 'startup', 'state']);

    await commitRun(store, { subject: 'backup: 4 new of 4', body: '' });
    ({ fast, status } = await bothWays(store, devices));
    expect(fast).toEqual([[], [], [], []]);
    expect(status).toEqual(fast);

    await writeDevice(store, name(0), { running: config(0, 'second') });
    await writeDevice(store, name(1), { lastGood: config(1, 'first') });
    await unlink(path.join(store.dir, name(2), 'startup.cfg'));
    await chmod(path.join(store.dir, name(3), 'state.json'), 0o700);
    ({ fast, status } = await bothWays(store, devices));
    expect(fast).toEqual([['running'], ['lastGood'], ['startup'], ['state']]);
    expect(status).toEqual(fast);

    // HEAD moved (a commit), and refs packed as `git gc` leaves them: the new commit is read.
    await commitRun(store, { subject: 'backup: 4 changed of 4', body: '' });
    await store.git.raw(['pack-refs', '--all']);
    ({ fast, status } = await bothWays(store, devices));
    expect(fast).toEqual([[], [], [], []]);
    expect(status).toEqual(fast);
  });

  it('leaves a file that is not a regular file (a link someone made) to git status', async () => {
    const store = await freshStore();
    await fleet(store, 1, 'first');
    await commitRun(store, { subject: 'backup: 1 new of 1', body: '' });
    await unlink(path.join(store.dir, name(0), 'startup.cfg'));
    await symlink('running.cfg', path.join(store.dir, name(0), 'startup.cfg'));
    const { fast, status } = await bothWays(store, [name(0)]);
    expect(fast).toEqual(status);
    expect(fast[0]).toEqual(['startup']);
  });

  it('leaves the judgement to git where a .gitattributes may convert files on the way in', async () => {
    const store = await freshStore();
    await fleet(store, 2, 'first');
    await commitRun(store, { subject: 'backup: 2 new of 2', body: '' });
    // Line endings converted on the way in: the CRLF file git stores as it was committed.
    await writeFile(path.join(store.dir, '.gitattributes'), '*.cfg text eol=crlf\n');
    await writeDevice(store, name(0), { running: config(0, 'first').replace(/\n/g, '\r\n') });
    await writeDevice(store, name(1), { running: config(1, 'second') });
    const { fast, status } = await bothWays(store, [name(0), name(1)]);
    expect(fast).toEqual(status);
  });

  it('asks git once for a fleet, not once per device', async () => {
    const store = await freshStore();
    await fleet(store, 30, 'first');
    await commitRun(store, { subject: 'backup: 30 new of 30', body: '' });
    for (let i = 0; i < 30; i += 3) await writeDevice(store, name(i), { running: config(i, 'second') });
    let answers: DeviceFileKey[][] = [];
    const spawned = await gitProcesses(async () => {
      answers = await Promise.all(Array.from({ length: 30 }, (_, i) => deviceChanges(store, name(i))));
    });
    expect(spawned).toHaveLength(1);
    expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? ['running'] : [])));
  });
});

describe('the last commit, read without asking git each time', () => {
  it('resolves HEAD and reads a device file at it as git does, before and after refs are packed', async () => {
    const store = await freshStore();
    expect(await resolveCommit(store, 'HEAD')).toBeNull();
    await fleet(store, 2, 'first');
    await commitRun(store, { subject: 'backup: 2 new of 2', body: '' });
    await writeDevice(store, name(1), { running: config(1, 'second') });
    await commitRun(store, { subject: 'backup: 1 changed of 2', body: '' });
    for (const packed of [false, true]) {
      if (packed) await store.git.raw(['pack-refs', '--all']);
      const head = await resolveCommit(store, 'HEAD');
      expect(head).toBe((await store.git.raw(['rev-parse', 'HEAD'])).trim());
      const parent = (await store.git.raw(['rev-parse', 'HEAD~1'])).trim();
      for (const commit of [head!, parent]) {
        expect(await readDeviceFileAt(store, commit, name(1), 'running')).toBe(await store.git.raw(['show', `${commit}:${name(1)}/running.cfg`]));
        expect(await readDeviceFileAt(store, commit, name(1), 'lastGood')).toBeNull();
      }
    }
    expect(await readDeviceFileAt(store, (await resolveCommit(store, 'HEAD'))!, name(1), 'running')).toBe(config(1, 'second'));
  });
});
