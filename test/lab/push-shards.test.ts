// N jobs share one fleet (`--shard K/N`), each with its own copy of the backups repository
// (a pod's volume), all pushing to one remote at once (`--push`): the real CLI against lab
// switches, a real bare repository as the remote. What a user checks is the remote: every
// switch in it once, every job's commit in its history, nothing lost; and a push that
// fails says so in one line, exits 1, and keeps the commit for the next run.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/inventory/shard.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { schemaErrors } from '../helpers/json-schemas.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

const N = 4;
/** Two switches per shard, by the shard's own hash: no shard is empty, none holds them all. */
const NAMES = pickNames(2);

function pickNames(perShard: number): string[] {
  const byShard = new Map<number, string[]>();
  for (let i = 1; [...byShard.values()].filter((l) => l.length >= perShard).length < N; i++) {
    const name = `edge-${String(i).padStart(2, '0')}`;
    const k = shardOf(name, N);
    const list = byShard.get(k) ?? [];
    if (list.length < perShard) byShard.set(k, [...list, name]);
  }
  return [...byShard.values()].flat().sort();
}

let fleet: LabFleet;
let dir: string;
let inventory: string;
let env: Record<string, string>;
let remote: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
/** A job's own copy, as a pod would start it: `git clone` of the remote (empty at first). */
const cloneFor = (name: string): string => {
  const backups = join(dir, name, 'backups');
  execFileSync('git', ['clone', '--quiet', remote, backups], { stdio: 'ignore' });
  return backups;
};
const backup = (backups: string, ...args: string[]) =>
  runCli(['backup', '--inventory', inventory, '--backups', backups, '--push', ...args], { env: { ...env, NO_COLOR: '1' } });

interface BackupJson {
  devices: { device: string; status: string }[];
  commit: string | null;
  remote?: { status: string; commit?: string; reason?: string; rebased?: boolean };
  exitCode: number;
}

beforeAll(async () => {
  fleet = await startFleet({
    count: NAMES.length,
    specs: NAMES.map((n, i) => stackSpec(n, 1, i + 1)),
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ dir, inventory } = labInventory(fleet, 'switchback-push-shards-'));
  env = labEnv(fleet.exports());
  remote = join(dir, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
});
afterAll(() => fleet.stop());

const shardClones: string[] = [];

describe(`${N} shards pushing to one remote at once`, () => {
  it('every switch lands exactly once, every job commit is in the history, none lost', async () => {
    for (let k = 1; k <= N; k++) shardClones.push(cloneFor(`shard-${k}`));
    // All started at once, as an Indexed Job's pods are.
    const runs = await Promise.all(shardClones.map((b, i) => backup(b, '--shard', `${i + 1}/${N}`, '--json')));
    const results = runs.map((r) => JSON.parse(r.stdout) as BackupJson);
    for (const [i, r] of runs.entries()) {
      expect(r.code, `shard ${i + 1}: ${r.stderr}`).toBe(0);
      expect(results[i]!.remote?.status).toBe('pushed');
      expect(schemaErrors('backup', results[i])).toEqual([]); // `remote` as the shipped schema describes it
    }
    // Each job backed up its own share, and together the whole fleet, each switch once.
    const backedUp = results.flatMap((r) => r.devices.map((d) => d.device)).sort();
    expect(backedUp).toEqual(NAMES);
    // The remote: one commit per job, in one line of history, each job's pushed commit in it.
    expect(git(remote, 'rev-list', '--count', 'main')).toBe(String(N));
    expect(git(remote, 'rev-list', '--merges', 'main')).toBe('');
    for (const r of results) expect(git(remote, 'merge-base', '--is-ancestor', r.remote!.commit!, 'main')).toBe('');
    // The commit each job reports is the one the remote holds, after any rebase (not an id on no branch).
    for (const r of results) expect(r.commit).toBe(r.remote!.commit);
    // Every switch's files are in the remote's tree, each added by exactly one commit.
    const tree = git(remote, 'ls-tree', '-r', '--name-only', 'main').split('\n');
    for (const name of NAMES) expect(tree).toContain(`${name}/running.cfg`);
    const added = git(remote, 'log', '--format=', '--diff-filter=A', '--name-only', 'main')
      .split('\n')
      .filter((p) => p.endsWith('/running.cfg'));
    expect(added.sort()).toEqual(NAMES.map((n) => `${n}/running.cfg`));
    // Every job pinned its switches' host keys: all of them are in the one file, once each, no conflict marks.
    const hosts = git(remote, 'show', 'main:.known_hosts');
    expect(hosts.match(/^edge-\d+ ssh-ed25519 /gm)?.sort()).toEqual(NAMES.map((n) => `${n} ssh-ed25519 `));
    expect(hosts).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
  });

  it('a repository switchback made first, the remote added afterwards: it joins the remote before the run, nothing lost', async () => {
    const fresh = join(dir, 'laptop', 'backups');
    const first = await runCli(['backup', '--inventory', inventory, '--backups', fresh, NAMES[0]!], { env: { ...env, NO_COLOR: '1' } });
    expect(first.code, first.stdout).toBe(0);
    const before = git(remote, 'rev-parse', 'main');
    git(fresh, 'remote', 'add', 'origin', remote);
    // Two unrelated histories that both hold NAMES[0] and a .known_hosts: joined, not conflicted.
    const r = await backup(fresh, NAMES[0]!);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('PUSH FAILED');
    expect(git(remote, 'merge-base', '--is-ancestor', before, 'main')).toBe('');
    expect(git(remote, 'rev-parse', 'main')).toBe(git(fresh, 'rev-parse', 'HEAD'));
    expect(git(remote, 'rev-list', '--merges', 'main')).toBe('');
    expect(git(remote, 'show', 'main:.known_hosts').match(/^edge-\d+ ssh-ed25519 /gm)).toHaveLength(NAMES.length);
  });
});

const inShard = (k: number) => NAMES.find((n) => shardOf(n, N) === k)!;

describe('a push that fails', () => {
  it('refused by the remote (a pre-receive hook): exit 1, one line, the commit stays; the next run pushes both', async () => {
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "backups frozen" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const mine = shardClones[0]!;
    const device = inShard(1);
    await fleet.apply(device, { kind: 'change', lines: ['vlan 310', ' name PUSH-ONE'] });
    await fleet.apply(device, { kind: 'save' });
    const before = git(remote, 'rev-parse', 'main');
    const refused = await backup(mine, '--shard', `1/${N}`);
    expect(refused.code).toBe(1);
    const line = refused.stdout.split('\n').filter((l) => l.startsWith('PUSH FAILED'));
    expect(line).toEqual([
      expect.stringMatching(
        /^PUSH FAILED: push to origin\/main failed: \[remote rejected\] HEAD -> main \(pre-receive hook declined\); the commit [0-9a-f]{12} stays in the backups repository and the next run with --push pushes it$/,
      ),
    ]);
    const kept = git(mine, 'rev-parse', 'HEAD');
    expect(refused.stdout).toContain(`committed ${kept.slice(0, 12)}`);
    expect(readFileSync(join(mine, device, 'running.cfg'), 'utf8')).toContain('PUSH-ONE');
    expect(git(remote, 'rev-parse', 'main')).toBe(before);

    // The remote accepts again; one more change, one more run: both commits reach it.
    rmSync(hook);
    await fleet.apply(device, { kind: 'change', lines: ['vlan 311', ' name PUSH-TWO'] });
    await fleet.apply(device, { kind: 'save' });
    const next = await backup(mine, '--shard', `1/${N}`);
    expect(next.code, next.stdout).toBe(0);
    expect(next.stdout).toMatch(/^pushed [0-9a-f]{12} to origin\/main$/m);
    expect(git(remote, 'rev-parse', 'main')).toBe(git(mine, 'rev-parse', 'HEAD'));
    expect(git(remote, 'merge-base', '--is-ancestor', kept, 'main')).toBe('');
    expect(git(remote, 'show', 'main~1:' + `${device}/running.cfg`)).toContain('PUSH-ONE');
  });
});

describe('the other commands that commit', () => {
  it("the inventory's `push: true` pushes without the flag (good, here), and --no-push keeps it local", async () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as { defaults: Record<string, unknown> };
    doc.defaults.push = true;
    const pushing = join(dir, 'pushing', 'lab.yaml');
    mkdirSync(join(dir, 'pushing'));
    writeFileSync(pushing, stringify(doc));
    const mine = shardClones[0]!;
    const device = inShard(1);
    // The run refused above, by its commit: HEAD~1 would move with each commit made here.
    const pushOne = git(mine, 'log', '-1', '--format=%H', '-S', 'PUSH-ONE', '--', `${device}/running.cfg`);
    const good = (...args: string[]) =>
      runCli(['good', device, pushOne, '--reason', 'back to PUSH-ONE', '--inventory', pushing, '--backups', mine, ...args], {
        env: { ...env, NO_COLOR: '1' },
      });
    const local = await good('--no-push');
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).not.toMatch(/^pushed /m);
    expect(git(remote, 'rev-parse', 'main')).not.toBe(git(mine, 'rev-parse', 'HEAD'));
    const r = await good();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pushed [0-9a-f]{12} to origin\/main$/m);
    expect(git(remote, 'rev-parse', 'main')).toBe(git(mine, 'rev-parse', 'HEAD'));
    expect(git(remote, 'show', `main:${device}/last-good.cfg`)).toContain('PUSH-ONE');
    expect(git(remote, 'show', `main:${device}/last-good.cfg`)).not.toContain('PUSH-TWO');
  });

  it('restore commits what it did and pushes it (push: true from the inventory)', async () => {
    const mine = shardClones[0]!;
    const device = inShard(1);
    const pushing = join(dir, 'pushing', 'lab.yaml');
    const r = await runCli(['restore', device, '--yes', '--inventory', pushing, '--backups', mine], { env: { ...env, NO_COLOR: '1' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pushed [0-9a-f]{12} to origin\/main$/m);
    expect(git(remote, 'rev-parse', 'main')).toBe(git(mine, 'rev-parse', 'HEAD'));
    expect(git(remote, 'log', '-1', '--format=%s', 'main')).toMatch(new RegExp(`^restore ${device} from last good`));
    expect(git(remote, 'show', `main:${device}/running.cfg`)).not.toContain('PUSH-TWO');
  });
});

describe('a remote that is not there', () => {
  it('exit 1, the commit stays; the run itself is reported as usual', async () => {
    const mine = shardClones[1]!;
    const device = inShard(2);
    git(mine, 'remote', 'set-url', 'origin', join(dir, 'gone.git'));
    await fleet.apply(device, { kind: 'change', lines: ['vlan 320', ' name AWAY'] });
    await fleet.apply(device, { kind: 'save' });
    const r = await backup(mine, '--shard', `2/${N}`, '--json');
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout) as BackupJson;
    expect(run.exitCode).toBe(1);
    expect(run.devices.find((d) => d.device === device)?.status).toBe('changed');
    expect(run.remote).toMatchObject({ status: 'failed', commit: run.commit });
    expect(run.remote?.reason).toMatch(/^push to origin\/main failed: .*gone\.git.*/);
    expect(git(mine, 'rev-parse', 'HEAD')).toBe(run.commit);
    // The sync before the run could not fetch either: said as a note, the run went on.
    expect(existsSync(join(mine, device, 'running.cfg'))).toBe(true);
  });
});
