// `switchback watch` as a service runs it: the real CLI in a child process, with `--json` so
// each log line is one object a test can wait on, its receivers (and HTTP server, when asked)
// on ports it picks itself (0) and reports in its `started` line. Tests wait for log lines and
// states, never for a time.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { BIN } from './cli.js';

/** One `--json` log line (src/watch/engine.ts WatchLogEntry, `at` as ISO 8601). */
export interface WatchLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  what: string;
  device?: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface RunningWatch {
  child: ChildProcess;
  trapPort: number;
  syslogPort: number;
  /** Set when the watch was started with --http-port. */
  httpPort?: number;
  /** Every log line so far, in order. */
  lines: WatchLine[];
  /** stderr so far (a crash's stack trace would be here). */
  stderr(): string;
  /** The first line (already logged or still to come) that matches; rejects if the watch exits first. */
  waitForLine(match: (l: WatchLine) => boolean, what: string): Promise<WatchLine>;
  /** GET a path of the watch's HTTP server: status code and body. */
  get(path: string): Promise<{ status: number; body: string }>;
  /** Still running (no exit, no signal)? */
  alive(): boolean;
  /** SIGTERM, and the exit code once it has gone. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts `switchback watch ARGS --json` with its trap and syslog receivers on 127.0.0.1 (ports
 * 0 unless given: a lab started first needs to know where to send) and, when `http`, its HTTP
 * server on port 0; resolves once it logs that it is listening.
 */
export function startWatch(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; http?: boolean; trapPort?: number; syslogPort?: number } = {},
): Promise<RunningWatch> {
  const full = [
    'watch',
    '--trap-port',
    String(opts.trapPort ?? 0),
    '--syslog-port',
    String(opts.syslogPort ?? 0),
    '--receive-address',
    '127.0.0.1',
    ...(opts.http ? ['--http-port', '0'] : []),
    '--json',
    ...args,
  ];
  const child = spawn(process.execPath, [BIN, ...full], { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: WatchLine[] = [];
  const waiters: { match: (l: WatchLine) => boolean; resolve: (l: WatchLine) => void; reject: (e: Error) => void; what: string }[] = [];
  let stderr = '';
  let partial = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.on('close', (code) => {
      exitCode = code;
      for (const w of waiters.splice(0)) w.reject(new Error(`the watch exited (${code}) before ${w.what}; stderr: ${stderr.slice(-2000)}`));
      done(code);
    }),
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      if (text.trim() === '') continue;
      let line: WatchLine;
      try {
        line = JSON.parse(text) as WatchLine;
      } catch {
        line = { at: new Date().toISOString(), level: 'error', what: 'not-json', message: text };
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const waitForLine = (match: (l: WatchLine) => boolean, what: string) => {
    const already = lines.find(match);
    if (already) return Promise.resolve(already);
    if (exitCode !== undefined) return Promise.reject(new Error(`the watch has exited (${exitCode}); ${what} never came`));
    return new Promise<WatchLine>((resolve, reject) => waiters.push({ match, resolve, reject, what }));
  };
  return waitForLine((l) => l.what === 'started' && /^listening/.test(l.message), 'its "listening" line').then((started) => {
    const data = started.data ?? {};
    const httpPort = typeof data.httpPort === 'number' ? data.httpPort : undefined;
    return {
      child,
      trapPort: data.trapPort as number,
      syslogPort: data.syslogPort as number,
      ...(httpPort !== undefined ? { httpPort } : {}),
      lines,
      stderr: () => stderr,
      waitForLine,
      async get(path: string) {
        if (httpPort === undefined) throw new Error('the watch was started without --http-port');
        const res = await fetch(`http://127.0.0.1:${httpPort}${path}`);
        return { status: res.status, body: await res.text() };
      },
      alive: () => exitCode === undefined && child.exitCode === null && child.signalCode === null,
      async stop() {
        if (exitCode === undefined) child.kill('SIGTERM');
        return exited;
      },
      exited,
    };
  });
}

/** The flags that put a watch's trap and syslog receivers on 127.0.0.1 at these ports (a lab sends there). */
export function receiveArgs(trapPort: number, syslogPort: number): string[] {
  return ['--trap-port', String(trapPort), '--syslog-port', String(syslogPort), '--receive-address', '127.0.0.1'];
}

/** A UDP port free now (bound, then let go): for a watch whose port a lab must know before it starts. */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((done) => s.bind(0, '127.0.0.1', done));
  const port = s.address().port;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}
