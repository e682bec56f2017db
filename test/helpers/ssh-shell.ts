// A plain ssh2 client for tests: what any SSH client sees of a lab switch.
// Deliberately not switchback's own transport, so the lab is tested on its own.

import ssh2 from 'ssh2';
import type { ClientChannel, ConnectConfig } from 'ssh2';

const { Client } = ssh2;

export interface Shell {
  /** Every byte received so far (latin1, one char per byte). */
  readonly received: () => string;
  send(text: string): void;
  /** Resolve with everything received since the last call once `pattern` matches it. */
  readUntil(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the server closes the channel or connection. */
  closed: Promise<void>;
  end(): void;
  hostKey: Buffer | undefined;
}

export interface ConnectOptions {
  /** The switch's address: 127.0.0.1 unless the lab gave each switch its own (`lab up`). */
  host?: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  rows?: number;
  /** Receives the server's host key; return false to refuse it. */
  hostVerifier?: (key: Buffer) => boolean;
}

function config(o: ConnectOptions, onKey: (k: Buffer) => void): ConnectConfig {
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port,
    username: o.username,
    ...(o.password !== undefined ? { password: o.password } : {}),
    ...(o.privateKey !== undefined ? { privateKey: o.privateKey } : {}),
    readyTimeout: 5000,
    tryKeyboard: false,
    hostVerifier: (key: Buffer) => {
      onKey(key);
      return o.hostVerifier ? o.hostVerifier(key) : true;
    },
  };
}

export function openShell(o: ConnectOptions): Promise<Shell> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey: Buffer | undefined;
    client.once('error', reject);
    client.once('ready', () => {
      client.shell({ term: 'vt100', rows: o.rows ?? 24, cols: 80 }, (err, stream: ClientChannel) => {
        if (err) return reject(err);
        let all = '';
        let mark = 0;
        const waiters: (() => void)[] = [];
        stream.on('data', (d: Buffer) => {
          all += d.toString('latin1');
          for (const w of [...waiters]) w();
        });
        const closed = new Promise<void>((done) => {
          stream.once('close', () => done());
          client.once('close', () => done());
        });
        client.on('error', () => undefined);
        resolve({
          received: () => all,
          send: (t) => stream.write(t),
          readUntil(pattern, timeoutMs = 60_000) {
            return new Promise((ok, fail) => {
              const check = () => {
                const since = all.slice(mark);
                const m = pattern.exec(since);
                if (!m) return false;
                const end = m.index + m[0].length;
                mark += end;
                cleanup();
                ok(since.slice(0, end));
                return true;
              };
              const timer = setTimeout(() => {
                cleanup();
                fail(new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(all.slice(mark).slice(-300))}`));
              }, timeoutMs);
              const cleanup = () => {
                clearTimeout(timer);
                const i = waiters.indexOf(waiter);
                if (i >= 0) waiters.splice(i, 1);
              };
              const waiter = () => void check();
              waiters.push(waiter);
              check();
              void closed.then(() => {
                if (!check()) {
                  cleanup();
                  fail(new Error(`connection closed while waiting for ${pattern}; got ${JSON.stringify(all.slice(mark).slice(-300))}`));
                }
              });
            });
          },
          closed,
          end: () => client.end(),
          hostKey,
        });
      });
    });
    client.connect(config(o, (k) => (hostKey = k)));
  });
}

/** Run one command on an exec channel. */
export function execCommand(o: ConnectOptions, command: string): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('error', reject);
    client.once('ready', () => {
      client.exec(command, (err, stream) => {
        if (err) return reject(err);
        let out = '';
        let code: number | null = null;
        stream.on('data', (d: Buffer) => (out += d.toString('latin1')));
        stream.on('exit', (c: number | null) => (code = c));
        stream.on('close', () => {
          client.end();
          resolve({ output: out, code });
        });
      });
    });
    client.connect(config(o, () => undefined));
  });
}

/** Connect only to learn the host key the server presents. */
export function fetchHostKey(port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('error', (e) => (e.message.includes('verification') ? undefined : reject(e)));
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'nobody',
      password: 'x',
      readyTimeout: 5000,
      hostVerifier: (key: Buffer) => {
        resolve(key);
        return false;
      },
    });
  });
}
