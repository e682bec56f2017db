// `--shard K/N`: the parse, the split and its stability, as N jobs of a scheduler rely on them.

import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { devicesOfShard, parseShard, shardKey, shardOf } from '../../src/inventory/shard.js';

const device = (name: string, peer?: string): Device => ({ name, ...(peer ? { pair: { peer, domain: '1' } } : {}) }) as unknown as Device;
const fleet = (n: number) => Array.from({ length: n }, (_, i) => device(`sw-${String(i + 1).padStart(4, '0')}`));

describe('parseShard', () => {
  it('takes K/N with K from 1 to N', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShard('4/4')).toEqual({ index: 4, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '4', '1/4/2', 'a/b', '-1/4', '1/1001', ''])('refuses %j, naming the flag and the rule', (text) => {
    const parsed = parseShard(text);
    expect(parsed).toHaveProperty('problem');
    expect((parsed as { problem: string }).problem).toMatch(/^--shard takes K\/N with 1 ≤ K ≤ N/);
  });
});

describe('devicesOfShard', () => {
  it('puts every device in exactly one of the N shards, in inventory order', () => {
    const all = fleet(1000);
    const shards = [1, 2, 3, 4, 5, 6, 7].map((index) => devicesOfShard(all, { index, count: 7 }));
    const names = shards.flatMap((s) => s.map((d) => d.name));
    expect(names.sort()).toEqual(all.map((d) => d.name).sort());
    for (const s of shards) expect(s.map((d) => d.name)).toEqual([...s.map((d) => d.name)].sort());
  });

  it('shares the fleet out roughly evenly (each of 4 shards holds 20–30% of 1,000 names that differ in a digit)', () => {
    const all = fleet(1000);
    for (const index of [1, 2, 3, 4]) {
      const n = devicesOfShard(all, { index, count: 4 }).length;
      expect(n).toBeGreaterThanOrEqual(200);
      expect(n).toBeLessThanOrEqual(300);
    }
  });

  it('keeps a device in its shard when others are added or removed', () => {
    const before = fleet(300);
    const after = [...before.slice(50), ...fleet(400).slice(300)]; // 50 removed, 100 added
    const shard = { index: 3, count: 5 };
    const kept = new Set(devicesOfShard(after, shard).map((d) => d.name));
    const stayed = devicesOfShard(before, shard).filter((d) => after.includes(d));
    expect(stayed.length).toBeGreaterThan(30);
    for (const d of stayed) expect(kept.has(d.name)).toBe(true);
    // and the shard took no device that another shard had before
    for (const name of kept) if (before.some((d) => d.name === name)) expect(devicesOfShard(before, shard).some((d) => d.name === name)).toBe(true);
  });

  it('is the same in every process and version: FNV-1a 32, pinned by its published test vectors', () => {
    // Changing the hash would move devices between jobs; with N = 2^32 the shard is the hash + 1.
    expect(shardOf('a', 2 ** 32)).toBe(0xe40c292c + 1);
    expect(shardOf('foobar', 2 ** 32)).toBe(0xbf9cf968 + 1);
  });

  it('puts both peers of a redundant pair in the same shard', () => {
    const pairs = Array.from({ length: 200 }, (_, i) => [device(`leaf-${i}-a`, `leaf-${i}-b`), device(`leaf-${i}-b`, `leaf-${i}-a`)]).flat();
    for (const index of [1, 2, 3]) {
      const names = new Set(devicesOfShard(pairs, { index, count: 3 }).map((d) => d.name));
      for (const d of pairs) expect(names.has(d.name)).toBe(names.has(d.pair!.peer));
    }
    expect(shardKey(device('leaf-1-b', 'leaf-1-a'))).toBe('leaf-1-a');
  });

  it('may leave a shard empty when there are fewer devices than shards', () => {
    const all = fleet(2);
    const sizes = [1, 2, 3, 4, 5, 6, 7, 8].map((index) => devicesOfShard(all, { index, count: 8 }).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(2);
    expect(sizes).toContain(0);
  });
});
