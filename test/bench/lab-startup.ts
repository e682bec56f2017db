// Benchmark (not a test): how long a fleet of lab switches takes to start in one
// process, and what it costs in memory. Prints figures; asserts nothing.
//   npm run bench:lab            (200 switches)
//   npm run bench:lab -- 1000

import { startFleet } from '../../src/lab/fleet.js';

const count = Number(process.argv[2] ?? 200);
const mib = (n: number) => (n / 1024 / 1024).toFixed(1);

const before = process.memoryUsage().rss;
const t0 = performance.now();
const fleet = await startFleet({ count });
const startMs = performance.now() - t0;
global.gc?.();
const after = process.memoryUsage().rss;
const members = fleet.switches.reduce((n, s) => n + s.state.members.length, 0);
const configLines = fleet.switches.reduce((n, s) => n + s.personality.showRunning(s.state, Date.now()).split('\n').length, 0);

console.log(`lab fleet: ${count} switches, ${members} stack members, ${configLines} running-config lines in all`);
console.log(`start-up: ${startMs.toFixed(0)} ms (${(startMs / count).toFixed(2)} ms per switch; SSH + SNMP listeners on 127.0.0.1)`);
console.log(`RSS: ${mib(after)} MiB after start (${mib(before)} MiB before; ${((after - before) / 1024 / count).toFixed(0)} KiB per switch)`);
const t1 = performance.now();
await fleet.stop();
console.log(`shutdown: ${(performance.now() - t1).toFixed(0)} ms`);
