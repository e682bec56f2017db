// `--shard K/N`: this run's share of the fleet, so that N jobs of a scheduler (a Kubernetes
// Indexed Job, Nomad periodic jobs, N cron lines on N hosts) split one inventory between them.

import type { Device } from './device.js';

export interface Shard {
  /** 1 to count: humans number shards from one (a Kubernetes index is K-1). */
  index: number;
  count: number;
}

/**
 * More shards than this is a typo (a fleet of 10,000 switches in 1,000 jobs is ten a job);
 * the bound keeps `K/N` from being read as a huge number.
 */
export const MAX_SHARDS = 1000;

/** `K/N` to a shard, or the problem with it (it names the flag, as every usage error does). */
export function parseShard(text: string): Shard | { problem: string } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const rule = `--shard takes K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (this run's share of N; e.g. 2/4), got ${JSON.stringify(text)}`;
  if (!m) return { problem: rule };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return { problem: rule };
  return { index, count };
}

/**
 * Which shard a device belongs to: a hash of its name, so that a device stays in its shard
 * when others are added or removed (by position it would move whenever an earlier one did,
 * and two jobs of one night could back it up twice or not at all while the inventory
 * changed). FNV-1a (32 bits) over the name's UTF-8 bytes: simple, fixed forever (changing it
 * would move devices between jobs) and even enough for names that differ in one digit.
 */
export function shardOf(name: string, count: number): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % count) + 1;
}

/**
 * The name a device is sharded by: its own, or for one peer of a redundant pair the first of
 * the two peers' names, so that both peers fall in the same shard (`ready` judges a pair on
 * both peers' views and would otherwise only warn that the other peer was not selected).
 */
export function shardKey(device: Pick<Device, 'name' | 'pair'>): string {
  const peer = device.pair?.peer;
  return peer !== undefined && peer < device.name ? peer : device.name;
}

/**
 * The devices of this shard, in inventory order. The shard is taken after the selection
 * (names, group, tag), so `--group dc1 --shard 1/2` is half of dc1. A shard may be empty
 * (fewer devices than shards): that is a run with nothing to do, not an error, or an
 * Indexed Job with more pods than devices would fail every night.
 */
export function devicesOfShard(devices: Device[], shard: Shard): Device[] {
  return devices.filter((d) => shardOf(shardKey(d), shard.count) === shard.index);
}
