// The bench's lab fleet, in a process of its own so that the figures measure switchback (or
// the floor), not the lab answering it. Prints one JSON line (the inventory YAML, the env the
// inventory refers to, the ports, the config line counts it actually produced) and stays up
// until its stdin closes.
//   tsx test/bench/fleet-process.ts --count 200 --latency 50 [--avg-lines 3000] [--big-every 10] [--platform cisco-ios|mixed]
//
// Sizes: a tenth of the switches (every --big-every'th) are 4-member stacks with as many extra
// SVIs as IOS's VLAN range allows (about 16,900 lines of running config: IOS cannot number more
// than 4094 VLANs, so the 20,000 is out of reach on this personality); the others get
// extra SVIs so that the fleet's mean is --avg-lines. Paging is off because the backup (and the
// floor) type `terminal length 0`. Every switch answers each typed line after --latency ms.
//
//   tsx test/bench/fleet-process.ts --acl-mb 5,10,20
// instead: one IOS switch per size whose running config carries an access list that brings it to
// about that many MB (the capture figure), no latency.

import type { ConfigNode } from '../../src/lab/config-tree.js';
import { defaultSpecs, startFleet } from '../../src/lab/fleet.js';
import { assignPersonalities } from '../../src/lab/personalities/index.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';

export interface FleetInfo {
  count: number;
  platform: string;
  latencyMs: number;
  inventory: string;
  env: Record<string, string>;
  ports: { name: string; ssh: number; snmp: number }[];
  lines: { mean: number; min: number; max: number; bigCount: number; bigMean: number; regularMean: number; total: number };
  bytes: { mean: number; total: number };
  startMs: number;
  rssMb: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('count', '200'));
const latencyMs = Number(arg('latency', '50'));
const avgLines = Number(arg('avg-lines', '3000'));
const bigEvery = Number(arg('big-every', '10'));
const platform = arg('platform', 'cisco-ios');
const aclMb = arg('acl-mb', '')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

/** IOS's base config (measured on the lab: 467 lines for one C9300-48P, about 321 more per member); 5 lines per extra SVI. */
const IOS_BASE = (members: number) => 467 + 321 * (members - 1);
/** The most extra SVIs per member of a 4-member stack: VLANs 1000 + n must stay ≤ 4094. */
const BIG_PER_MEMBER = Math.floor(3095 / 4);

/** The switches given the largest configs. */
const bigNames = new Set<string>();

function iosSpecs(n: number): LabSwitchSpec[] {
  const isBig = (i: number) => bigEvery > 0 && i % bigEvery === bigEvery - 1;
  const bigCount = Array.from({ length: n }, (_, i) => i).filter(isBig).length;
  const bigLines = IOS_BASE(4) + 5 * 4 * BIG_PER_MEMBER;
  // The regular switches make up the rest of the mean.
  const regularTarget = n > bigCount ? (avgLines * n - bigLines * bigCount) / (n - bigCount) : avgLines;
  return Array.from({ length: n }, (_, i) => {
    const size = isBig(i) ? 4 : [2, 3, 1, 4][i % 4]!;
    const per = isBig(i) ? BIG_PER_MEMBER : Math.max(0, Math.round((regularTarget - IOS_BASE(size)) / (5 * size)));
    const name = `bench-sw-${String(i + 1).padStart(4, '0')}`;
    if (isBig(i)) bigNames.add(name);
    return {
      name,
      hostname: name.toUpperCase().replace(/-/g, '_'),
      index: i + 1,
      platform: 'cisco-ios',
      members: Array.from({ length: size }, (_, m) => ({
        number: m + 1,
        priority: m === 0 ? 15 : m === 1 ? 14 : 1,
        model: 'C9300-48P',
        feed: m % 2 === 0 ? 'A' : 'B',
      })),
      extraInterfacesPerMember: Math.min(per, Math.floor(3095 / size)),
    };
  });
}

/** Every platform the lab runs, dealt out in turn, each with some extra interfaces (a figure beside the IOS one, not the contract's). */
function mixedSpecs(n: number): LabSwitchSpec[] {
  return defaultSpecs(n, assignPersonalities(n)).map((s) => ({ ...s, extraInterfacesPerMember: 40 }));
}

/** One extended access list of about `bytes` (as capture.ts has always built it). */
function acl(bytes: number): ConfigNode {
  const children: ConfigNode[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const line = `${(i + 1) * 10} permit tcp host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} host 192.0.2.${i % 250} eq ${1024 + (i % 60000)}`;
    children.push({ line, children: [] });
    size += line.length + 2;
  }
  return { line: 'ip access-list extended BENCH-CAPTURE', children };
}

const t0 = performance.now();
const specs =
  aclMb.length > 0 ? iosSpecs(aclMb.length).map((s) => ({ ...s, extraInterfacesPerMember: 0 })) : platform === 'mixed' ? mixedSpecs(count) : iosSpecs(count);
const fleet = await startFleet({ count: specs.length, specs });
aclMb.forEach((mb, i) => {
  const sw = fleet.switches[i]!;
  const base = sw.personality.showRunning(sw.state, Date.now()).length;
  const end = sw.state.running.findIndex((n) => n.line === 'end');
  sw.state.running = [...sw.state.running.slice(0, end), acl(mb * 1024 * 1024 - base), ...sw.state.running.slice(end)];
});
for (const sw of fleet.switches) if (latencyMs > 0) await sw.apply({ kind: 'fault', fault: { kind: 'latency', ms: latencyMs } });
const startMs = performance.now() - t0;

const now = Date.now();
const sizes = fleet.switches.map((sw) => {
  const text = sw.personality.showRunning(sw.state, now);
  return { lines: text.split('\n').length, bytes: text.length, big: bigNames.has(sw.name) && aclMb.length === 0 };
});
const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
const big = sizes.filter((s) => s.big);
const regular = sizes.filter((s) => !s.big);
const env = Object.fromEntries(fleet.exports().map((l) => /^export (\w+)=(.*)$/.exec(l)!.slice(1, 3) as [string, string]));

const info: FleetInfo = {
  count: specs.length,
  platform,
  latencyMs,
  inventory: fleet.inventory(),
  env,
  ports: fleet.switches.map((s) => ({ name: s.name, ssh: s.ports.ssh, snmp: s.ports.snmp })),
  lines: {
    mean: mean(sizes.map((s) => s.lines)),
    min: Math.min(...sizes.map((s) => s.lines)),
    max: Math.max(...sizes.map((s) => s.lines)),
    bigCount: big.length,
    bigMean: mean(big.map((s) => s.lines)),
    regularMean: mean(regular.map((s) => s.lines)),
    total: sizes.reduce((a, s) => a + s.lines, 0),
  },
  bytes: { mean: mean(sizes.map((s) => s.bytes)), total: sizes.reduce((a, s) => a + s.bytes, 0) },
  startMs: Math.round(startMs),
  rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
};
process.stdout.write(JSON.stringify(info) + '\n');

// Up until the parent closes our stdin (or goes away). A line `usage` asks for the lab's CPU so far
// (one JSON line back), so the bench can tell what a run cost the lab beside what it cost the client.
process.stdin.setEncoding('utf8');
let pending = '';
process.stdin.on('data', (d: string) => {
  pending += d;
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const line = pending.slice(0, nl).trim();
    pending = pending.slice(nl + 1);
    if (line === 'usage') {
      const u = process.cpuUsage();
      process.stdout.write(JSON.stringify({ cpuMs: Math.round((u.user + u.system) / 1000) }) + '\n');
    }
  }
});
const stop = async () => {
  await fleet.stop();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.on('SIGTERM', () => void stop());
