// What a backup run says against what it commits, on the lab: a failover and the member's
// return are reported and committed once, runs with nothing new commit nothing, and the
// progress lines, the table and the commit body agree on every device.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleGit } from 'simple-git';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  // A stack of mixed models: which member answers `show version` decides the model it reports first.
  const mixed = stackSpec('sw-m', 3, 1);
  mixed.members = mixed.members.map((m, i) => ({ ...m, model: ['C9300-48U', 'C9300-48P', 'C9300-24P'][i]! }));
  fleet = await startFleet({ count: 2, specs: [mixed, stackSpec('sw-n', 1, 2)], credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
  ({ inventory, backups } = labInventory(fleet, 'switchback-backup-report-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
});
afterAll(() => fleet.stop());

const git = () => simpleGit(backups);
const head = async () => (await git().raw(['rev-parse', 'HEAD'])).trim();

interface Said {
  code: number | null;
  progress: Map<string, string>;
  table: Map<string, { result: string; reason: string }>;
  stdout: string;
  /** The commit this run made, if any: the devices whose folders it changed and its body. */
  commit?: { devices: string[]; subject: string; body: string };
}

/** Run a backup and read what it said (progress on stderr, table on stdout) and what it committed. */
async function backup(...args: string[]): Promise<Said> {
  const before = await head().catch(() => '');
  const run = await runCli(['backup', '--inventory', inventory, '--backups', backups, ...args], { env });
  const progress = new Map(
    run.stderr
      .split('\n')
      .map((l) => /^\[\d+\/\d+\] (\S+) (\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  const table = new Map(
    run.stdout
      .split('\n')
      .map((l) => /^(sw-\S+)\s+(new|changed|unchanged|failed)\s+(\S+)?\s+(\S+)?\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, { result: m[2]!, reason: m[5] ?? '' }]),
  );
  const after = await head();
  const said: Said = { code: run.code, progress, table, stdout: run.stdout };
  if (after !== before) {
    const files = (await git().raw(['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n');
    const [subject = '', ...body] = (await git().raw(['log', '-1', '--format=%B', 'HEAD'])).trim().split('\n');
    said.commit = { devices: [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))].sort(), subject, body: body.join('\n').trim() };
  }
  return said;
}

/** The rules every run keeps: progress = table, and a commit names every device it changed, which the table shows as changed. */
function expectConsistent(said: Said): void {
  for (const [device, status] of said.progress) expect(`${device} ${status}`).toBe(`${device} ${said.table.get(device)?.result}`);
  expect([...said.progress.keys()].sort()).toEqual([...said.table.keys()].sort());
  if (!said.commit) {
    expect(said.stdout).toContain('nothing changed, no commit');
    return;
  }
  for (const device of said.commit.devices) {
    expect(said.commit.body, `the commit changed ${device}'s files`).toMatch(new RegExp(`^${device}: `, 'm'));
    expect(['new', 'changed'], `the commit changed ${device}'s files`).toContain(said.table.get(device)?.result);
  }
}

describe('backup reports what it commits', () => {
  it('a first run and a run with nothing new: no second commit', async () => {
    const first = await backup();
    expectConsistent(first);
    expect(first.commit?.devices).toEqual(['sw-m', 'sw-n']);
    const second = await backup();
    expectConsistent(second);
    expect(second.commit).toBeUndefined();
  });

  it('a changed device: progress, table and commit all say changed', async () => {
    await fleet.apply('sw-n', { kind: 'change', lines: ['vlan 88', ' name PROGRESS'] });
    await fleet.apply('sw-n', { kind: 'save' });
    const run = await backup('sw-n');
    expectConsistent(run);
    expect(run.progress.get('sw-n')).toBe('changed');
    expect(run.table.get('sw-n')?.result).toBe('changed');
    expect(run.commit?.body).toMatch(/^sw-n: changed/m);
  });

  it('the Active fails over and comes back as a Member: each step reported, committed once, then quiet', async () => {
    await fleet.apply('sw-m', { kind: 'member-down', member: 1 });
    const down = await backup();
    expectConsistent(down);
    expect(down.code).toBe(3);
    expect(down.table.get('sw-m')?.result).toBe('changed');
    expect(down.table.get('sw-m')?.reason).toContain('active member 1 → 2');
    expect(down.commit?.devices).toEqual(['sw-m']);
    expect(down.commit?.body).toMatch(/^sw-m: changed, .*active member 1 → 2/m);

    await fleet.apply('sw-m', { kind: 'member-up', member: 1 });
    const up = await backup();
    expectConsistent(up);
    expect(up.code).toBe(0);
    expect(up.table.get('sw-m')).toMatchObject({ result: 'changed', reason: expect.stringContaining('member 1 removed → ready') as string });
    expect(up.commit?.devices).toEqual(['sw-m']);
    expect(up.commit?.subject).toBe('backup: 1 changed of 2');
    // Member 2 stays Active; the model and serials do not depend on which member that is.
    const state = JSON.parse(await git().show(['HEAD:sw-m/state.json'])) as { model: string; stack: { active: number } };
    expect(state.stack.active).toBe(2);
    expect(state.model).toBe('C9300-48U');

    for (let i = 0; i < 2; i++) {
      const quiet = await backup();
      expectConsistent(quiet);
      expect(quiet.commit).toBeUndefined();
      expect([...quiet.table.values()].map((r) => r.result)).toEqual(['unchanged', 'unchanged']);
    }
  });
});
