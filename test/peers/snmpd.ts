// A real peer for the SNMP client: Debian's net-snmp `snmpd`, run by the test itself as a
// foreground child on a free loopback UDP port, with a config of its own in a temp dir.
//
// What this snmpd taught us (5.9.3 on Debian 12):
// - `-C` ("read no config files but -c") also skips the persistent state file, so
//   snmpEngineBoots stays 1 and the engine ID changes on every start. Instead we point
//   SNMPCONFPATH at the persistent directory only: no system /etc/snmp files are read,
//   the persistent file is, and our config comes in with `-c`.
// - `createUser` in the config is turned into a `usmUser` line in the persistent file
//   at shutdown; re-creating it on the next start does not duplicate the user.
// - engineBoots is incremented at start and written back at a clean shutdown (SIGTERM).
// - createUser knows SHA-224/256/384/512 since net-snmp 5.8.
// - A wrong AES priv key is not reported (no usmStatsDecryptionErrors): snmpd logs
//   "security service 3 error parsing ScopedPDU" and drops the request.
// - `MIBS=` keeps it from loading (and complaining about) MIB files it does not need.
//
// If snmpd is missing, starting it fails with a message that says how to install it:
// the peer tests never skip silently.

import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnmp } from '../../src/transport/snmp.js';

export const SNMPD = '/usr/sbin/snmpd';
export const HOST = '127.0.0.1';

export interface PeerV3User {
  user: string;
  auth: { protocol: 'sha' | 'sha256'; key: string };
  priv: { protocol: 'aes'; key: string };
}

export interface SnmpdPeer {
  host: string;
  port: number;
  /** The running snmpd's pid (changes on restart). */
  pid: number;
  /** `snmpd -v`, e.g. "5.9.3". */
  version: string;
  community: string;
  sha: PeerV3User;
  /** Absent when this snmpd predates SHA-2 (net-snmp < 5.8). */
  sha256?: PeerV3User;
  /** Values from the config, to compare with what the agent says. */
  sysName: string;
  sysLocation: string;
  /** What snmpd printed (its log), for failure messages. */
  log(): string;
  /** The persistent state file's text (engineBoots, usmUser…). */
  persistent(): string;
  /** SIGTERM, and wait until the process is gone. */
  stop(): Promise<void>;
  /** Stop, then start again on the same port with the same config and state. */
  restart(): Promise<void>;
  /** Stop and remove the temp dir. */
  close(): Promise<void>;
}

/** Fails with an installation hint when snmpd is not there. */
export function requireSnmpd(): string {
  try {
    accessSync(SNMPD, constants.X_OK);
  } catch {
    throw new Error(
      `net-snmp's snmpd is not installed (${SNMPD} is missing). The peer tests need the real agent: ` +
        `apt-get install -y snmpd snmp (as root; .ci/run does this). They do not skip.`,
    );
  }
  const out = execFileSync(SNMPD, ['-v'], { encoding: 'utf8' });
  const version = /NET-SNMP version:\s*(\S+)/.exec(out)?.[1];
  if (!version) throw new Error(`${SNMPD} -v did not print a NET-SNMP version:\n${out}`);
  return version;
}

/** net-snmp 5.8 added SHA-2 authentication (createUser … SHA-256 …). */
function hasSha2(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((n) => parseInt(n, 10));
  return major > 5 || (major === 5 && minor >= 8);
}

const secret = () => randomBytes(12).toString('base64url');

export async function startSnmpd(): Promise<SnmpdPeer> {
  const version = requireSnmpd();
  const dir = mkdtempSync(join(tmpdir(), 'switchback-snmpd-')); // 0700: the config holds secrets
  const persistDir = join(dir, 'persist');
  mkdirSync(persistDir, { mode: 0o700 });
  const confPath = join(dir, 'snmpd.conf');
  const pidPath = join(dir, 'snmpd.pid');

  const community = `peer-${secret()}`;
  const sha: PeerV3User = { user: 'netops', auth: { protocol: 'sha', key: secret() }, priv: { protocol: 'aes', key: secret() } };
  const sha256: PeerV3User | undefined = hasSha2(version)
    ? { user: 'netops-sha256', auth: { protocol: 'sha256', key: secret() }, priv: { protocol: 'aes', key: secret() } }
    : undefined;
  const sysName = 'switchback-peer';
  const sysLocation = 'loopback, test/peers/snmpd.ts';
  const conf = [
    '# Written by switchback test/peers/snmpd.ts for one test run.',
    `rocommunity ${community} ${HOST}`,
    `createUser ${sha.user} SHA ${sha.auth.key} AES ${sha.priv.key}`,
    `rouser ${sha.user} priv`,
    ...(sha256 ? [`createUser ${sha256.user} SHA-256 ${sha256.auth.key} AES ${sha256.priv.key}`, `rouser ${sha256.user} priv`] : []),
    `sysName ${sysName}`,
    `sysLocation ${sysLocation}`,
    'sysContact noc@example.net',
    'dontLogTCPWrappersConnects yes',
    '',
  ].join('\n');
  writeFileSync(confPath, conf, { mode: 0o600 });

  let logText = '';
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async (): Promise<void> => {
    const proc = spawn(SNMPD, ['-f', '-Lo', '-c', confPath, '-p', pidPath, `udp:${HOST}:${port}`], {
      env: { ...process.env, SNMPCONFPATH: persistDir, SNMP_PERSISTENT_DIR: persistDir, MIBS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let exited: string | undefined;
    const onOutput = (chunk: Buffer) => {
      logText = (logText + chunk.toString('utf8')).slice(-64 * 1024);
    };
    proc.stdout!.on('data', onOutput);
    proc.stderr!.on('data', onOutput);
    proc.on('error', (err) => (exited = `could not start: ${err.message}`));
    proc.on('exit', (code, signal) => (exited = `exited (${signal ?? `code ${code}`})`));
    await waitUntilAnswering(
      port,
      community,
      () => exited,
      () => logText,
    );
  };

  // A free port can be taken between our probe and snmpd's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freeUdpPort();
    try {
      await launch();
      break;
    } catch (err) {
      await stopProcess(child);
      if (attempt >= 3 || !/Error opening specified endpoint|Address already in use/.test(logText)) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  const peer: SnmpdPeer = {
    host: HOST,
    get port() {
      return port;
    },
    get pid() {
      return child?.pid ?? -1;
    },
    version,
    community,
    sha,
    ...(sha256 ? { sha256 } : {}),
    sysName,
    sysLocation,
    log: () => logText,
    persistent: () => readFileSync(join(persistDir, 'snmpd.conf'), 'utf8'),
    stop: () => stopProcess(child),
    async restart() {
      await stopProcess(child);
      await launch();
    },
    async close() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return peer;
}

/** Ask until snmpd answers a v2c GET, or it exits, or 20 s pass. */
async function waitUntilAnswering(port: number, community: string, exited: () => string | undefined, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  const session = openSnmp({ host: HOST, port, version: 2, community, timeoutMs: 200, retries: 0 });
  try {
    for (;;) {
      const gone = exited();
      if (gone) throw new Error(`snmpd ${gone} before answering on ${HOST}:${port}. Its log:\n${log()}`);
      try {
        await session.get(['1.3.6.1.2.1.1.3.0']);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`snmpd did not answer on ${HOST}:${port} within 20 s. Its log:\n${log()}`);
      }
    }
  } finally {
    session.close();
  }
}

/** A UDP port on 127.0.0.1 that nobody holds right now. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * SIGTERM (snmpd saves its state, engineBoots included, on the way out) and wait until
 * the process is really gone: /proc/PID/stat missing or in state Z. Exited children are
 * reaped late on some machines, so neither `kill -0` nor the 'exit' event is the signal.
 */
async function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  const pid = proc?.pid;
  if (!proc || pid === undefined) return;
  if (gone(pid)) return;
  proc.kill('SIGTERM');
  if (await waitGone(pid, 10_000)) return;
  proc.kill('SIGKILL');
  if (!(await waitGone(pid, 10_000))) throw new Error(`snmpd (pid ${pid}) did not go away after SIGTERM and SIGKILL`);
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (gone(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return gone(pid);
}

/** The process no longer runs: no /proc entry, or a zombie waiting to be reaped. */
function gone(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  // "pid (comm) S …": the state follows the last ')' (comm may contain anything).
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}
