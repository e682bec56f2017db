// Benchmark (not a test): how long the CLI engine takes to capture a large running config
// over real SSH from a lab switch, for 1, 5 and 20 MB, and the time per MB. Capture must be
// linear: the time per MB stays about the same as the size grows. Prints figures; asserts nothing.
//   npm run bench:capture
//   npm run bench:capture -- 1 5 20 50        (sizes in MB)

import { startFleet } from '../../src/lab/fleet.js';
import type { ConfigNode } from '../../src/lab/config-tree.js';
import { platformByName } from '../../src/platforms/index.js';
import { openShell } from '../../src/transport/ssh.js';

const sizesMb = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const MB = 1024 * 1024;

const fleet = await startFleet({
  count: 1,
  specs: [{ name: 'big-1', hostname: 'BIG-1', index: 1, members: [{ number: 1, priority: 15, model: 'C9300-48P' }] }],
});
const sw = fleet.get('big-1');
const platform = platformByName('cisco-ios')!;
const base = sw.personality.showRunning(sw.state, Date.now()).length;
const original = [...sw.state.running];

/** A large ACL estate: one extended access list of `bytes` (about), placed before `end`. */
function acl(bytes: number): ConfigNode {
  const children: ConfigNode[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const line = `${(i + 1) * 10} permit tcp host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} host 192.0.2.${i % 250} eq ${1024 + (i % 60000)}`;
    children.push({ line, children: [] });
    size += line.length + 2;
  }
  return { line: 'ip access-list extended BENCH-CAPTURE', children };
}

process.stdout.write(`capture of show running-config through the CLI engine over SSH (lab switch on 127.0.0.1)\n`);
process.stdout.write(`${'size'.padStart(8)} ${'seconds'.padStart(9)} ${'s per MB'.padStart(9)}\n`);
try {
  for (const mb of sizesMb.length > 0 ? sizesMb : [1, 5, 20]) {
    const end = original.findIndex((n) => n.line === 'end');
    sw.state.running = [...original.slice(0, end), acl(mb * MB - base), ...original.slice(end)];
    const shell = await openShell(
      {
        host: '127.0.0.1',
        port: sw.ports.ssh,
        username: sw.credentials.username,
        password: sw.credentials.password,
        verifyHostKey: () => true,
        connectTimeoutMs: 30_000,
      },
      platform,
      { commandTimeoutMs: 600_000, enableSecret: sw.credentials.enableSecret, maxOutputBytes: 1024 * MB },
    );
    const t0 = performance.now();
    const text = await shell.engine.run(platform.commands.running);
    const seconds = (performance.now() - t0) / 1000;
    shell.close();
    if (!/\nend\s*$/.test(text)) throw new Error(`the ${mb} MB capture is incomplete (${text.length} characters)`);
    const got = text.length / MB;
    process.stdout.write(`${`${got.toFixed(1)} MB`.padStart(8)} ${seconds.toFixed(2).padStart(9)} ${(seconds / got).toFixed(3).padStart(9)}\n`);
  }
} finally {
  await fleet.stop();
}
