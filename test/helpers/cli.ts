// Run the real switchback CLI (bin/switchback, built dist/) as a user would.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/switchback', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Start a long-running CLI command; resolves once its stdout matches `ready`. */
export function startCli(
  args: string[],
  ready: RegExp,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ child: ChildProcess; stdout: () => string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (ready.test(stdout)) resolve({ child, stdout: () => stdout, exited });
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((code) => reject(new Error(`exited ${code} before ready: ${stderr || stdout}`)));
  });
}

/** A command's `--json` output, typed by the test that reads it. */
export const json = <T>(out: string): T => JSON.parse(out) as T;

/** What the incident tests read of `check --json`: per device its findings, notes and stack. */
export interface CheckJson {
  devices: {
    device: string;
    status: string;
    platform?: string;
    findings: { kind: string; message: string; lines?: string[] }[];
    notes?: string[];
    stack?: { members: { number: number; role: string }[] };
  }[];
}
