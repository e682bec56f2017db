// The floor: a bare ssh2 client that does what `switchback backup` does on the wire — log in
// with the same credentials, open a shell, raise privilege, type the same commands and read each
// to the prompt — and nothing else (no parsing, no files, no git). Its wall time and CPU are
// what any SSH tool must spend on that fleet; the bench divides switchback's by them.
// Imports ssh2 alone (no switchback code), so it is compiled and run as plain JavaScript.
//   node floor.js --targets FILE --concurrency 50 --out FILE
// FILE: { "targets": [{ "host", "port" }], "commands": [...], "env": { "username": NAME, "password": NAME, "enableSecret": NAME } }

import { readFileSync, writeFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';

const { Client } = ssh2;

interface FloorInput {
  targets: { host: string; port: number }[];
  commands: string[];
  /** The names of the environment variables holding the secrets (as the inventory refers to them). */
  env: { username: string; password: string; enableSecret?: string };
}

export interface FloorResult {
  devices: number;
  ok: number;
  failed: number;
  errors: string[];
  bytes: number;
  wallMs: number;
  cpuUserMs: number;
  cpuSysMs: number;
  maxRssMb: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const input = JSON.parse(readFileSync(arg('targets') ?? '', 'utf8')) as FloorInput;
const concurrency = Number(arg('concurrency') ?? '20');
const username = process.env[input.env.username] ?? '';
const password = process.env[input.env.password] ?? '';
const enableSecret = input.env.enableSecret ? process.env[input.env.enableSecret] : undefined;
const COMMAND_TIMEOUT_MS = 300_000;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a shell to a pattern, looking only at the last 256 characters (the prompt is at the end). */
function reader(stream: ClientChannel) {
  let tail = '';
  let bytes = 0;
  let chunks: Buffer[] = [];
  let wanted: { re: RegExp; resolve: (tail: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  const check = () => {
    if (wanted && wanted.re.test(tail)) {
      const w = wanted;
      const seen = tail;
      wanted = undefined;
      clearTimeout(w.timer);
      // The output is read whole and then let go (a backup would write it out).
      chunks = [];
      tail = '';
      w.resolve(seen);
    }
  };
  stream.on('data', (d: Buffer) => {
    bytes += d.length;
    chunks.push(d);
    tail = (tail + d.subarray(-256).toString('latin1')).slice(-256);
    check();
  });
  stream.on('close', () => wanted?.reject(new Error('the shell closed')));
  return {
    get bytes() {
      return bytes;
    },
    until(re: RegExp): Promise<string> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${re} within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
        wanted = { re, resolve, reject, timer };
        check();
      });
    },
  };
}

async function backupOne(host: string, port: number): Promise<number> {
  const conn = new Client();
  try {
    await new Promise<void>((resolve, reject) => {
      conn.once('ready', () => resolve());
      conn.once('error', reject);
      conn.connect({ host, port, username, password, hostVerifier: () => true, readyTimeout: 60_000 });
    });
    const stream = await new Promise<ClientChannel>((resolve, reject) =>
      conn.shell({ term: 'vt100', rows: 24, cols: 80 }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    const r = reader(stream);
    const prompt = /(?:^|[\r\n])([\w.@/:-]+?)(?:\([\w.@/:-]+\))?([>#]) ?$/;
    const grab = (re: RegExp) => r.until(re);
    // The first prompt: the host name comes from it.
    const [, hostname, level] = prompt.exec(await grab(prompt))!;
    const privileged = new RegExp(`[\\r\\n]${escape(hostname!)}# ?$`);
    if (level === '>' && enableSecret !== undefined) {
      stream.write('enable\n');
      await grab(/ssword: ?$/i);
      stream.write(enableSecret + '\n');
      await grab(privileged);
    }
    for (const command of input.commands) {
      stream.write(command + '\n');
      await grab(privileged);
    }
    return r.bytes;
  } finally {
    conn.end();
  }
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let next = 0;
let ok = 0;
let bytes = 0;
const errors: string[] = [];
async function worker() {
  while (next < input.targets.length) {
    const t = input.targets[next++]!;
    try {
      const n = await backupOne(t.host, t.port);
      bytes += n;
      ok += 1;
    } catch (err) {
      errors.push(`${t.host}:${t.port}: ${(err as Error).message}`);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, input.targets.length) }, worker));
const cpu = process.cpuUsage(cpu0);
const result: FloorResult = {
  devices: input.targets.length,
  ok,
  failed: errors.length,
  errors: errors.slice(0, 5),
  bytes,
  wallMs: Math.round(performance.now() - t0),
  cpuUserMs: Math.round(cpu.user / 1000),
  cpuSysMs: Math.round(cpu.system / 1000),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
const out = arg('out');
if (out) writeFileSync(out, JSON.stringify(result));
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0);
