// `--shard K/N` as N jobs of a scheduler use it: the real CLI, one process per shard.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'switchback-shard-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = ['defaults:', '  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD }', 'devices:'];
for (let i = 1; i <= 12; i++) lines.push(`  - { name: access-${i}, host: 10.0.0.${i}, platform: cisco-ios }`);
lines.push(
  '  - { name: leaf-1, host: 10.0.1.1, platform: arista-eos, pair: { peer: leaf-2, domain: mlag1 } }',
  '  - { name: leaf-2, host: 10.0.1.2, platform: arista-eos, pair: { peer: leaf-1, domain: mlag1 } }',
);
const inventory = join(root, 'site.yaml');
writeFileSync(inventory, lines.join('\n') + '\n');

const names = async (shard: string): Promise<string[]> => {
  const run = await runCli(['inventory', '--inventory', inventory, '--shard', shard, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { devices: { name: string }[] }).devices.map((d) => d.name);
};

describe('switchback inventory --shard', () => {
  it('splits the inventory between 3 jobs: every device in exactly one, both peers of a pair together', async () => {
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map(names));
    expect(shards.flat().sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `access-${i + 1}`), 'leaf-1', 'leaf-2'].sort());
    const withLeaf = shards.filter((s) => s.includes('leaf-1'));
    expect(withLeaf).toHaveLength(1);
    expect(withLeaf[0]).toContain('leaf-2');
  });

  it('gives the same share every time it is asked', async () => {
    expect(await names('2/3')).toEqual(await names('2/3'));
  });

  it('takes the share of the selection: --group, --tag and names first', async () => {
    const all = await names('1/1');
    expect(all).toHaveLength(14);
    const run = await runCli(['inventory', '--inventory', inventory, 'access-1', 'access-2', 'access-3', '--shard', '1/2', '--json']);
    const picked = (JSON.parse(run.stdout) as { devices: { name: string }[] }).devices.map((d) => d.name);
    expect(picked.every((n) => ['access-1', 'access-2', 'access-3'].includes(n))).toBe(true);
  });

  it('refuses a shard outside 1..N as a usage error naming the flag (exit 2)', async () => {
    const run = await runCli(['inventory', '--inventory', inventory, '--shard', '4/3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--shard takes K/N with 1 ≤ K ≤ N');
  });

  it('still refuses a device name that is not in the inventory, whichever shard is asked', async () => {
    const run = await runCli(['backup', '--inventory', inventory, 'access-99', '--shard', '1/3', '--backups', join(root, 'b')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no device named access-99 in the inventory');
  });

  it('lets an empty share do nothing and succeed: an Indexed Job with more pods than devices', async () => {
    const small = join(root, 'small.yaml');
    writeFileSync(
      small,
      `devices:\n  - { name: only-1, host: 10.9.9.9, platform: cisco-ios, credentials: { username: u, password: env:SWITCHBACK_PASSWORD } }\n`,
    );
    const runs = await Promise.all(
      ['1/2', '2/2'].map((s) =>
        runCli(['inventory', '--inventory', small, '--shard', s, '--json']).then((r) => JSON.parse(r.stdout) as { devices: unknown[] }),
      ),
    );
    const emptyShard = runs.findIndex((r) => r.devices.length === 0) + 1;
    expect(emptyShard).toBeGreaterThan(0);
    const backups = join(root, 'small-backups');
    const run = await runCli(['backup', '--inventory', small, '--shard', `${emptyShard}/2`, '--backups', backups, '--quiet'], {
      env: { SWITCHBACK_PASSWORD: 'x' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^0 devices: .*0 failed/m);
  });
});
