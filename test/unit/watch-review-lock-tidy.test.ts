// Review: the watch's restore takes the store's lock as every command does — and, as they do
// (cli/lock.ts), puts the repository back on its branch when a push killed mid-rebase left
// HEAD detached, so that the restore's record is committed on the branch, not on a commit
// the next backup abandons.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { restoreDevice } from '../../src/watch/act.js';
import { testDevice } from '../helpers/watch-fixtures.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();

describe('the watch restore and an interrupted rebase (review)', () => {
  it('leaves the repository on its branch, as every command holding the lock does', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'watch-review-lock-'));
    const store = await openStore(path.join(dir, 'backups'));
    for (const n of [1, 2]) {
      writeFileSync(path.join(store.dir, `f${n}`), `${n}\n`);
      git(store.dir, 'add', '-A');
      git(store.dir, 'commit', '-qm', `c${n}`);
    }
    // A rebase stopped half way (as a push killed mid-rebase leaves it): HEAD detached.
    try {
      git(store.dir, 'rebase', '-x', 'false', 'HEAD~1');
    } catch {
      // It stops: that is the point.
    }
    expect(existsSync(path.join(store.dir, '.git', 'rebase-merge'))).toBe(true);

    const device = testDevice();
    const out = await restoreDevice(device, store);
    console.log(`restore: ${out.outcome}: ${out.detail}`);
    expect(existsSync(path.join(store.dir, '.git', 'rebase-merge'))).toBe(false);
    expect(git(store.dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
  });
});
