// Benchmark (not a test): time to recover, from the command to verified and saved, with the
// real CLI against lab switches over real SSH. Prints figures; asserts nothing.
//   npm run bench:restore              (one 5,000-line switch, then 50 switches at once)
//   npm run bench:restore -- 5000 100
//
// Each switch is power-cycled into a factory default first, so every line of its
// configuration is typed back: the worst case, the incident's.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';

const BIN = fileURLToPath(new URL('../../bin/switchback', import.meta.url));
const targetLines = Number(process.argv[2] ?? 5000);
const many = Number(process.argv[3] ?? 50);

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Progress lines (one per switch when not on a terminal) are not figures: shown only if it failed.
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(stderr);
      resolve({ code, stdout, ms: performance.now() - t0 });
    });
  });
}

async function setUp(fleet: LabFleet, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `switchback-bench-${name}-`));
  const inventory = join(dir, 'lab.yaml');
  writeFileSync(inventory, fleet.inventory());
  const env = Object.fromEntries(fleet.exports().map((l) => /^export (\w+)=(.*)$/.exec(l)!.slice(1, 3) as [string, string]));
  const common = ['--inventory', inventory, '--backups', join(dir, 'backups')];
  const backup = await cli(['backup', ...common], env);
  if (backup.code !== 0) throw new Error(`the first backup failed (exit ${backup.code})`);
  return { env, common };
}

const configLines = (fleet: LabFleet, i: number) => fleet.switches[i]!.personality.showRunning(fleet.switches[i]!.state, Date.now()).split('\n').length;

// ---- one switch with a large configuration
{
  // A one-member stack's base config is ~270 lines; each extra SVI block is 5.
  const extra = Math.max(0, Math.round((targetLines - 270) / 5));
  const fleet = await startFleet({
    count: 1,
    specs: [
      { name: 'big-1', hostname: 'BIG-1', index: 1, members: [{ number: 1, priority: 15, model: 'C9300-48P', feed: 'A' }], extraInterfacesPerMember: extra },
    ],
  });
  try {
    const lines = configLines(fleet, 0);
    const { env, common } = await setUp(fleet, 'one');
    await fleet.apply('big-1', { kind: 'power-cycle', loseConfig: true });
    const run = await cli(['restore', 'big-1', '--yes', '--json', ...common], env);
    const r = JSON.parse(run.stdout) as {
      status: string;
      save: { state: string };
      push: { typed: number };
      plan: { add: number; remove: number };
      durationMs: number;
    };
    console.log(`one switch, ${lines} running-config lines, power-cycled into a factory default:`);
    console.log(
      `  switchback restore big-1 --yes: ${(run.ms / 1000).toFixed(2)} s from command to exit (${r.status}, ${r.save.state}; ` +
        `${r.push.typed} changes typed: +${r.plan.add} -${r.plan.remove}; the session itself ${(r.durationMs / 1000).toFixed(2)} s)`,
    );
  } finally {
    await fleet.stop();
  }
}

// ---- many switches at once
{
  const fleet = await startFleet({ count: many, platform: 'cisco-ios' }); // the numbers compare with earlier runs of the one-platform lab
  try {
    const lines = fleet.switches.map((_, i) => configLines(fleet, i));
    const { env, common } = await setUp(fleet, 'many');
    for (const sw of fleet.switches) await sw.apply({ kind: 'power-cycle', loseConfig: true });
    const run = await cli(['recover', '--yes', '--json', ...common], env);
    const out = JSON.parse(run.stdout) as { restores: { status: string; durationMs: number; save?: { state: string } }[] };
    const times = out.restores.map((r) => r.durationMs / 1000).sort((a, b) => a - b);
    const verified = out.restores.filter((r) => r.status === 'verified' && r.save?.state === 'saved').length;
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
    console.log(`${many} switches (${lines.reduce((a, b) => a + b, 0)} running-config lines in all), every one power-cycled into a factory default:`);
    console.log(`  switchback recover --yes: ${(run.ms / 1000).toFixed(2)} s from command to exit; ${verified}/${out.restores.length} verified and saved`);
    console.log(`  per switch (restore session, 10 at a time): min ${pct(0)} s, median ${pct(0.5)} s, max ${times[times.length - 1]!.toFixed(2)} s`);
  } finally {
    await fleet.stop();
  }
}
