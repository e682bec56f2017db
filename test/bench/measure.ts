// Running a child process and measuring it: wall time from spawn to exit, the node process's
// own CPU and peak RSS (a preload writes process.resourceUsage() at exit), and — where
// /usr/bin/time exists — CPU including the children it waited for (switchback's git runs).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** The node process alone. */
  cpuMs: number;
  userMs: number;
  sysMs: number;
  maxRssMb: number;
  /** With the children it waited for (git): /usr/bin/time's user + sys; absent without /usr/bin/time. */
  cpuWithChildrenMs?: number;
}

/** Writes the node process's resource usage to $BENCH_USAGE_FILE at exit (however it exits). */
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs";
process.on("exit", () => { const f = process.env.BENCH_USAGE_FILE; if (f) writeFileSync(f, JSON.stringify(process.resourceUsage())); });`,
  );

const TIME = '/usr/bin/time';
let seq = 0;

/** Run `node [args]` as its own process and measure it. */
export function measureNode(args: string[], opts: { env?: Record<string, string>; cwd?: string; echo?: boolean } = {}): Promise<Measured> {
  const tag = `${process.pid}-${Date.now()}-${seq++}`;
  const usageFile = join(tmpdir(), `switchback-bench-usage-${tag}.json`);
  const timeFile = join(tmpdir(), `switchback-bench-time-${tag}.txt`);
  const nodeArgs = ['--import', PRELOAD, ...args];
  const withTime = existsSync(TIME);
  const [cmd, argv] = withTime ? [TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let usage = { userCPUTime: 0, systemCPUTime: 0, maxRSS: 0 };
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
      } catch {
        // killed before exit handlers ran: no figures
      }
      let cpuWithChildrenMs: number | undefined;
      if (withTime) {
        const line = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop() : undefined;
        const [u, s] = (line ?? '').split(' ').map(Number);
        if (u !== undefined && s !== undefined && !Number.isNaN(u) && !Number.isNaN(s)) cpuWithChildrenMs = Math.round((u + s) * 1000);
      }
      rmSync(usageFile, { force: true });
      rmSync(timeFile, { force: true });
      resolve({
        code,
        stdout,
        stderr,
        wallMs: Math.round(wallMs),
        userMs: Math.round(usage.userCPUTime / 1000),
        sysMs: Math.round(usage.systemCPUTime / 1000),
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
        maxRssMb: Math.round(usage.maxRSS / 1024),
        ...(cpuWithChildrenMs !== undefined ? { cpuWithChildrenMs } : {}),
      });
    });
  });
}
