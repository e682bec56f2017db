// Starting the bench fleet (fleet-process.ts) as a separate process and reading what it prints.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FleetInfo } from './fleet-process.js';

const FLEET_PROCESS = fileURLToPath(new URL('./fleet-process.ts', import.meta.url));

export interface FleetProcess {
  info: FleetInfo;
  /** The lab process's CPU (user + sys) so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** `args` as fleet-process.ts reads them (`--count 200 --latency 50`, `--acl-mb 5,10,20`). */
export function startFleetProcess(args: string[]): Promise<FleetProcess> {
  // tsx as a loader: the lab is TypeScript; its start-up cost is not in any figure.
  // A 5,000-switch lab holds some 8 GB of switch state: past node's default heap limit.
  const at = args.indexOf('--count');
  const count = at >= 0 ? Number(args[at + 1]) : 0;
  const heap = count > 1500 ? [`--max-old-space-size=${Math.ceil(count * 2.5)}`] : [];
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', FLEET_PROCESS, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fleet process exited (${code}) before it was up`)));
    const waiting: ((line: string) => void)[] = [];
    lines.once('line', (line) => {
      const info = JSON.parse(line) as FleetInfo;
      lines.on('line', (next) => waiting.shift()?.(next));
      resolve({
        info,
        cpuMs: () =>
          new Promise<number>((answer) => {
            waiting.push((next) => answer((JSON.parse(next) as { cpuMs: number }).cpuMs));
            child.stdin.write('usage\n');
          }),
        stop: async () => {
          child.stdin.end();
          const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
