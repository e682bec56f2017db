// `good` as a job, on a real backups repository in a temporary folder: targets from the
// work tree and from git revisions, the completeness check and --force, what it commits.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { GoodRefused, runGood, targetLabel } from '../../src/jobs/good.js';
import { commitRun, openStore, readDevice, writeDevice } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

const V1 = 'version 17.9\nhostname core-1\n!\nvlan 10\n name users\n!\nend\n';
const V2 = 'version 17.9\nhostname core-1\n!\nvlan 10\n name users\n!\nvlan 20\n name voice\n!\nend\n';
const CUT = 'version 17.9\nhostname core-1\n!\nvlan 10\n';

let store: Store;
beforeEach(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'switchback-good-')), 'backups'));
  await writeDevice(store, 'core-1', { running: V1, lastGood: V1, state: { platform: 'cisco-ios' } });
  await commitRun(store, { subject: 'backup: 1 new of 1', body: '' });
  await writeDevice(store, 'core-1', {
    running: V2,
    lastGood: V2,
    state: { platform: 'cisco-ios', lastGoodHeld: { kind: 'rebooted-different', reason: 'x' } },
  });
  await commitRun(store, { subject: 'backup: 1 changed of 1', body: '' });
});

const base = { device: 'core-1', reason: 'why not', user: 'bob', force: false };

describe('runGood', () => {
  it('moves last good to a revision, clears a reboot hold, and commits only that device', async () => {
    const r = await runGood({ ...base, store, rev: 'HEAD~1' });
    expect(r).toMatchObject({ device: 'core-1', rev: 'HEAD~1', changed: true, missing: 2, added: 0, seeded: false, forced: false });
    const files = await readDevice(store, 'core-1');
    expect(files.lastGood).toBe(V1);
    expect(files.state).toEqual({ platform: 'cisco-ios' });
    const subject = (await store.git.raw(['log', '-1', '--format=%s'])).trim();
    expect(subject).toBe(`good: core-1 set to ${targetLabel('HEAD~1', r.revCommit)} by bob: why not`);
    expect(subject).toMatch(/^good: core-1 set to HEAD~1 \([0-9a-f]{12}\) by bob: why not$/);
    const changed = (await store.git.raw(['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n').sort();
    expect(changed).toEqual(['core-1/last-good.cfg', 'core-1/state.json']);
  });

  it('leaves the rest of the work tree uncommitted', async () => {
    await writeDevice(store, 'core-2', { running: V1 });
    await runGood({ ...base, store, rev: 'HEAD~1' });
    const status = await store.git.raw(['status', '--porcelain', '--untracked-files=all']);
    expect(status).toContain('core-2/running.cfg');
  });

  it('refuses an incomplete target unless --force, and names a bad device or revision', async () => {
    await writeDevice(store, 'core-1', { running: CUT });
    await expect(runGood({ ...base, store })).rejects.toThrow(/core-1\/running.cfg of the current backup is incomplete .*add --force/);
    expect((await readDevice(store, 'core-1')).lastGood).toBe(V2);
    const forced = await runGood({ ...base, store, force: true });
    expect(forced).toMatchObject({ changed: true, forced: true });
    expect((await readDevice(store, 'core-1')).lastGood).toBe(CUT);

    await expect(runGood({ ...base, store, rev: 'nope' })).rejects.toBeInstanceOf(GoodRefused);
    await expect(runGood({ ...base, store, rev: '--output=/tmp/x' })).rejects.toThrow(/is not a revision/);
    await expect(runGood({ ...base, store, device: 'core-9' })).rejects.toThrow(/no backup of core-9/);
    await expect(runGood({ ...base, store, device: '../etc' })).rejects.toThrow(/invalid device name/);
  });

  it('changes and commits nothing when last good already is the target', async () => {
    await writeDevice(store, 'core-1', { state: { platform: 'cisco-ios' } });
    await commitRun(store, { subject: 'backup: tidy', body: '' });
    const head = (await store.git.revparse(['HEAD'])).trim();
    const r = await runGood({ ...base, store });
    expect(r).toMatchObject({ changed: false, commit: null });
    expect((await store.git.revparse(['HEAD'])).trim()).toBe(head);
  });
});
