// SSH to a device (ssh2): connect with a pinned host key, authenticate, then
// either open a PTY shell and hand it to the CLI engine, or run one exec command.

import ssh2 from 'ssh2';
import type { ClientChannel, ConnectConfig } from 'ssh2';
import { startCliEngine } from './cli-engine.js';
import type { CliDialect, CliEngine, EngineOptions } from './cli-engine.js';

const { Client } = ssh2;

export interface HostKey {
  algo: string;
  /** The key blob, base64, as in known_hosts. */
  base64: string;
}

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  /** Decide on the host key; return a refusal reason to stop before authenticating. */
  verifyHostKey(key: HostKey): true | string;
  /** Offer only these host key types (the pinned one), if set. */
  hostKeyAlgorithms?: string[];
  /** Told once authentication with this host key succeeded, before anything else can fail. */
  onLogin?(key: HostKey): void;
  connectTimeoutMs: number;
}

export interface ExecResult {
  /** The command's exit status; null when the far end gave none (a signal, a dropped channel). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SshShell {
  engine: CliEngine;
  hostKey: HostKey;
  /**
   * Run one command on an exec channel of the same connection, beside the shell: a file
   * read (a saved configuration file) that the CLI does not show. Bounded by time and size.
   */
  exec(command: string, limits: { timeoutMs: number; maxBytes: number }): Promise<ExecResult>;
  close(): void;
}

/** Why SSH failed, said for the run summary. Host-key refusals are never retried. */
export class SshError extends Error {
  constructor(
    readonly kind: 'host-key' | 'auth' | 'connect' | 'closed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export function parseHostKey(blob: Buffer): HostKey {
  const len = blob.readUInt32BE(0);
  return { algo: blob.subarray(4, 4 + len).toString('ascii'), base64: blob.toString('base64') };
}

function connect(target: SshTarget): Promise<{ client: InstanceType<typeof Client>; hostKey: HostKey }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey: HostKey | undefined;
    let refusal: string | undefined;
    let settled = false;
    // ssh2 may report a failure twice (a handshake timeout, then the lost connection):
    // keep a listener for the whole life of the client and answer only the first.
    const fail = (e: SshError) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(e);
    };
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: target.connectTimeoutMs,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      // Switches often offer keyboard-interactive for passwords rather than "password".
      tryKeyboard: target.password !== undefined,
      // Once a key is pinned, ask for that key type only: a switch that gains a new key type
      // after an upgrade must not look like a changed key.
      ...(target.hostKeyAlgorithms
        ? { algorithms: { serverHostKey: target.hostKeyAlgorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] } }
        : {}),
      hostVerifier: (key: Buffer) => {
        hostKey = parseHostKey(key);
        const verdict = target.verifyHostKey(hostKey);
        if (verdict === true) return true;
        refusal = verdict;
        return false;
      },
      ...(target.password !== undefined ? { password: target.password } : {}),
      ...(target.privateKey !== undefined ? { privateKey: target.privateKey } : {}),
      ...(target.passphrase !== undefined ? { passphrase: target.passphrase } : {}),
    };
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
      finish(prompts.map(() => target.password ?? ''));
    });
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      // Typed lines are small and each waits for its echo: without TCP_NODELAY (OpenSSH sets it
      // for interactive sessions too) every one of them can wait on a delayed ACK.
      client.setNoDelay(true);
      resolve({ client, hostKey: hostKey! });
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (refusal) return fail(new SshError('host-key', refusal));
      if (err.level === 'client-authentication')
        return fail(new SshError('auth', `authentication failed for user ${target.username} (the device refused the credentials)`));
      if (err.level === 'client-timeout') return fail(new SshError('timeout', `no SSH handshake within ${Math.round(target.connectTimeoutMs / 1000)} s`));
      if (err.code === 'ECONNREFUSED') return fail(new SshError('connect', `connection refused by ${target.host}:${target.port}`));
      if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') return fail(new SshError('connect', `${target.host} is unreachable (${err.code})`));
      if (err.code === 'ECONNRESET') return fail(new SshError('closed', `connection reset by ${target.host}:${target.port} during the handshake`));
      fail(new SshError('connect', `SSH to ${target.host}:${target.port} failed: ${err.message}`));
    });
    client.on('close', () => fail(new SshError('closed', `connection to ${target.host}:${target.port} closed before login completed`)));
    client.connect(config);
  });
}

/** Log in, open a PTY shell, and bring the CLI to a privileged prompt. */
export async function openShell(target: SshTarget, dialect: CliDialect, opts: EngineOptions): Promise<SshShell> {
  const { client, hostKey } = await connect(target);
  target.onLogin?.(hostKey);
  try {
    const stream = await new Promise<ClientChannel>((resolve, reject) => {
      // A device may log us in and never open the shell: that counts against the same clock.
      const limit = Math.min(opts.commandTimeoutMs, (opts.deadline ?? Infinity) - Date.now());
      const timer = setTimeout(
        () => reject(new SshError('timeout', `the device accepted the login but opened no shell within ${Math.round(limit / 1000)} s`)),
        Math.max(0, limit),
      );
      client.once('close', () => reject(new SshError('closed', 'the connection dropped before the shell opened')));
      // A wide, tall terminal: fewer pages and no wrapped lines if paging stays on.
      client.shell({ term: 'vt100', rows: 200, cols: 511 }, (err, s) => {
        clearTimeout(timer);
        if (err) reject(new SshError('closed', `the device refused a shell: ${err.message}`));
        else resolve(s);
      });
    });
    const engine = await startCliEngine(
      {
        write: (t) => {
          if (stream.writable) stream.write(t);
        },
        onData: (l) => stream.on('data', l),
        onClose: (l) => {
          stream.once('close', () => l('the device closed the session'));
          client.once('close', () => l('the connection dropped'));
        },
      },
      dialect,
      opts,
    );
    return { engine, hostKey, exec: (command, limits) => execOn(client, command, limits), close: () => client.end() };
  } catch (err) {
    client.destroy();
    throw err;
  }
}

/** One command on an exec channel; its output bounded (a file that grew without bound fails, it does not fill memory). */
function execOn(client: InstanceType<typeof Client>, command: string, limits: { timeoutMs: number; maxBytes: number }): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: SshError | undefined, result?: ExecResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(result!);
    };
    // Say the command's first word only: its arguments may name paths worth keeping private.
    const what = command.split(/\s+/)[0] ?? '';
    const timer = setTimeout(
      () => finish(new SshError('timeout', `"${what} …" on an exec channel gave no result within ${Math.round(limits.timeoutMs / 1000)} s`)),
      limits.timeoutMs,
    );
    client.exec(command, (err, stream) => {
      if (err) return finish(new SshError('closed', `the device refused an exec channel: ${err.message}`));
      const out: Buffer[] = [];
      const errs: Buffer[] = [];
      let bytes = 0;
      const take = (into: Buffer[]) => (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limits.maxBytes) {
          stream.close();
          return finish(new SshError('closed', `"${what} …" printed more than ${limits.maxBytes} bytes`));
        }
        into.push(chunk);
      };
      stream.on('data', take(out));
      stream.stderr.on('data', take(errs));
      let code: number | null = null;
      stream.on('exit', (c: number | null) => (code = typeof c === 'number' ? c : null));
      stream.on('close', () => finish(undefined, { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') }));
    });
  });
}
