// A real "FRR whitebox switch" for the peer tests: FRRouting's daemons, OpenSSH's sshd and
// net-snmp's snmpd from Debian's packages, started by the test itself in a network namespace
// and a UTS namespace of their own, reachable from the test (root namespace) over a veth
// pair on a private /30. One call, one switch; several can run at once.
//
// Layout of one switch (k = the slot it claimed, 0–63):
//   netns `sbfrrK`, veth `sbfrrKh` (here, 169.254.240.0 + 4K + 1) ↔ `eth0` (there, + 2)
//   UTS namespace bound at /run/switchback-frr/sbfrrK/uts, hostname = the switch's name
//   FRR pathspace (`-N`): the caller's, or `sbfrrK` — /etc/frr/PS/{daemons,vtysh.conf,frr.conf},
//     /var/run/frr/PS/*.vty; started by Debian's own `frrinit.sh start PS`, whose watchfrr
//     gets `--netns=sbfrrK` from PS's daemons file and starts zebra, staticd, bgpd in it
//   sshd on eth0: port 22 → the user's bash (the caller starts `vtysh -N PS`);
//                 port 2222 → the login lands in vtysh (ForceCommand of a script that acts as
//                 vtysh for a login shell: an exec channel's command goes to `vtysh -c`)
//   snmpd on eth0 udp/161: v2c community and a v3 user (SHA/AES), persistent dir of its own
//
// What FRR 8.4.4 (Debian 12) taught us:
// - `hostname` in `show running-config` follows the system host name (uname) when the config
//   has none; each daemon reads it, so all of them (and vtysh, for its prompt) run in the UTS
//   namespace. watchfrr's `--netns` only moves the network.
// - `write memory` with watchfrr running is done by watchfrr (it runs `vtysh -w` as root):
//   "Integrated configuration saved to /etc/frr/PS/frr.conf" then "[OK]"; the file has no `end`.
// - watchfrr starts each daemon with `watchfrr.sh start D`, which then applies frr.conf to that
//   daemon (`vtysh -b -d D`): the switch is ready when every daemon is Up *and* those start
//   commands (watchfrr's children) have finished — not when the sockets appear.
// - sshd needs its privilege-separation directory /run/sshd (Debian's service makes it).
//
// Nothing skips: without root, `ip`, or the packages, `startFrrSwitch` throws saying what to install.

import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnmp } from '../../src/transport/snmp.js';
import { endProcess, gone, until, waitGone } from './process.js';

const BIN = {
  ip: '/usr/sbin/ip',
  unshare: '/usr/bin/unshare',
  nsenter: '/usr/bin/nsenter',
  umount: '/usr/bin/umount',
  frrinit: '/usr/lib/frr/frrinit.sh',
  watchfrr: '/usr/lib/frr/watchfrr',
  zebra: '/usr/lib/frr/zebra',
  staticd: '/usr/lib/frr/staticd',
  bgpd: '/usr/lib/frr/bgpd',
  vtysh: '/usr/bin/vtysh',
  sshd: '/usr/sbin/sshd',
  sshKeygen: '/usr/bin/ssh-keygen',
  snmpd: '/usr/sbin/snmpd',
  useradd: '/usr/sbin/useradd',
  usermod: '/usr/sbin/usermod',
  chpasswd: '/usr/sbin/chpasswd',
} as const;

/** The login made for these tests (in groups frr and frrvty, as an operator's would be). */
export const TEST_USER = 'switchback-frr';
const TEST_HOME = '/var/lib/switchback-frr-peer';
const STATE = '/run/switchback-frr';
const SLOTS = 64;
/** The daemons every switch runs; zebra first (FRR's order). */
export const FRR_DAEMONS = ['zebra', 'bgpd', 'staticd'] as const;

export interface FrrSwitchOptions {
  /** The switch's host name (UTS namespace): what `show version` and the prompt say. */
  name: string;
  /** FRR pathspace (`-N`); default: the netns name. */
  pathspace?: string;
  /** frr.conf before the first start; default: empty (FRR's own defaults). */
  startupConfig?: string;
}

export interface FrrSwitch {
  name: string;
  pathspace: string;
  netns: string;
  /** The switch's address (its eth0), reachable from the test's namespace. */
  address: string;
  /** Our end of the veth. */
  peerAddress: string;
  ssh: {
    /** Login lands in bash; run `vtysh -N <pathspace>` yourself. */
    shellPort: number;
    /** Login lands in vtysh, as with vtysh for a login shell: an exec channel's command runs as `vtysh -N PS -c COMMAND`. */
    vtyshPort: number;
    username: string;
    password: string;
    /** OpenSSH private key (ed25519, no passphrase) that the switch also accepts. */
    privateKey: string;
    privateKeyPath: string;
    /** The host key as `ssh-ed25519 AAAA…` (for known_hosts). */
    hostKey: string;
  };
  snmp: {
    port: number;
    community: string;
    v3: { user: string; auth: { protocol: 'sha'; key: string }; priv: { protocol: 'aes'; key: string } };
  };
  /** `/etc/frr/<pathspace>/frr.conf`. */
  configPath: string;
  /** `vtysh -N <pathspace> -c …` as root inside the switch; throws (with the output) when vtysh fails. */
  vtysh(...commands: string[]): Promise<string>;
  /** `configure terminal`, the lines, `end` — changes running config only. */
  configure(...lines: string[]): Promise<string>;
  /** frr.conf's text, or undefined when there is none. */
  savedConfig(): string | undefined;
  /** Power off and on: every process of the switch killed (snmpd gets SIGTERM so it saves its boots), /var/run/frr/PS cleared, all started again from frr.conf. */
  powerCycle(): Promise<void>;
  /** Empty frr.conf (a lost configuration), then power-cycle. `{ remove: true }` deletes the file instead. */
  loseConfig(opts?: { remove?: boolean }): Promise<void>;
  /** FRR's daemons killed (and left down): vtysh then says it cannot connect. sshd and snmpd stay up. */
  frrDown(): Promise<void>;
  /** Start FRR's daemons again (after frrDown), from frr.conf. */
  frrUp(): Promise<void>;
  /** sshd's, snmpd's and frrinit's output, for failure messages. */
  log(): string;
  /** Everything torn down: processes killed, namespaces, veth and FRR's directories removed. */
  stop(): Promise<void>;
}

/** Throws, saying what is missing, unless this machine can run FRR switches. Never skips. */
export function requireFrrHarness(): void {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('they must run as root (network and UTS namespaces, sshd, users)');
  const missing = Object.values(BIN).filter((path) => {
    try {
      accessSync(path, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) problems.push(`missing: ${missing.join(', ')}`);
  if (problems.length)
    throw new Error(
      `The FRR peer tests cannot run: ${problems.join('; ')}. They need root and Debian's packages ` +
        `frr openssh-server snmpd snmp iproute2 util-linux (apt-get install -y frr openssh-server snmpd snmp; .ci/run does this). They do not skip.`,
    );
}

/** The installed FRR's version ("8.4.4"), from `zebra -v` (vtysh has no such option). */
export function frrVersion(): string {
  const out = execFileSync(BIN.zebra, ['-v'], { encoding: 'utf8' });
  const v = /zebra version (\S+)/.exec(out)?.[1];
  if (!v) throw new Error(`zebra -v said no version:\n${out}`);
  return v;
}

const secret = () => randomBytes(12).toString('base64url');

// ---- the test user (one per process; its password changes with each process) --------------

let user: { password: string; privateKey: string; privateKeyPath: string; publicKey: string } | undefined;
let liveSwitches = 0;

function ensureUser(): NonNullable<typeof user> {
  if (user) return user;
  let exists = true;
  try {
    execFileSync('id', [TEST_USER], { stdio: 'ignore' });
  } catch {
    exists = false;
  }
  if (!exists) {
    execFileSync(BIN.useradd, ['-m', '-d', TEST_HOME, '-s', '/bin/bash', '-G', 'frr,frrvty', '-c', 'switchback FRR peer tests', TEST_USER]);
  } else {
    execFileSync(BIN.usermod, ['-s', '/bin/bash', '-a', '-G', 'frr,frrvty', TEST_USER]);
  }
  const password = `Sb-${secret()}`;
  execFileSync(BIN.chpasswd, { input: `${TEST_USER}:${password}\n` }); // unlocks too
  const keyDir = mkdtempSync(join(tmpdir(), 'switchback-frr-key-'));
  const privateKeyPath = join(keyDir, 'id_ed25519');
  execFileSync(BIN.sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', 'switchback-frr-peer', '-f', privateKeyPath]);
  user = {
    password,
    privateKeyPath,
    privateKey: readFileSync(privateKeyPath, 'utf8'),
    publicKey: readFileSync(`${privateKeyPath}.pub`, 'utf8').trim(),
  };
  return user;
}

/** The last switch of this process is gone: nobody may log in as the test user any more. */
function lockUser(): void {
  if (!user) return;
  try {
    execFileSync(BIN.usermod, ['-L', TEST_USER], { stdio: 'ignore' });
  } catch {
    /* best effort */
  }
  rmSync(join(user.privateKeyPath, '..'), { recursive: true, force: true });
  user = undefined;
}

// ---- small helpers --------------------------------------------------------------------------

function run(file: string, args: string[], opts: { input?: string } = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code as number) : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

async function must(file: string, args: string[]): Promise<string> {
  const { code, out } = await run(file, args);
  if (code !== 0) throw new Error(`${file} ${args.join(' ')} failed (exit ${code}):\n${out}`);
  return out;
}

function slotAddresses(k: number): { peer: string; sw: string } {
  const base = (169 << 24) + (254 << 16) + (240 << 8) + 4 * k;
  const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  return { peer: ip(base + 1), sw: ip(base + 2) };
}

function netnsPids(netns: string): number[] {
  try {
    return execFileSync(BIN.ip, ['netns', 'pids', netns], { encoding: 'utf8' })
      .split('\n')
      .map((l) => parseInt(l, 10))
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}

/** SIGKILL every process in the namespace (all of them are the switch's) and wait until gone. */
async function killNetns(netns: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const pids = netnsPids(netns).filter((p) => !gone(p));
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    for (const pid of pids) await waitGone(pid, 10_000);
  }
}

/** Remove what a slot left behind (its owner process died without stop()). */
async function tearDownSlot(netns: string, pathspace: string | undefined): Promise<void> {
  await killNetns(netns);
  await run(BIN.ip, ['netns', 'del', netns]);
  const dir = join(STATE, netns);
  if (existsSync(join(dir, 'uts'))) await run(BIN.umount, [join(dir, 'uts')]);
  rmSync(dir, { recursive: true, force: true });
  if (pathspace) {
    rmSync(join('/etc/frr', pathspace), { recursive: true, force: true });
    rmSync(join('/var/run/frr', pathspace), { recursive: true, force: true });
  }
}

/** Claim a free slot: `ip netns add` is the lock (it fails when the name exists). */
async function claimSlot(): Promise<number> {
  mkdirSync(STATE, { recursive: true, mode: 0o755 });
  for (let k = 0; k < SLOTS; k++) {
    const netns = `sbfrr${k}`;
    if (existsSync(join('/run/netns', netns))) {
      const ownerFile = join(STATE, netns, 'owner');
      const owner = existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8').split('\n') : [];
      const ownerPid = parseInt(owner[0] ?? '', 10);
      if (Number.isInteger(ownerPid) && !gone(ownerPid)) continue;
      if (!Number.isInteger(ownerPid)) {
        // Being set up right now by someone else, or a crash mid-setup: leave it.
        continue;
      }
      await tearDownSlot(netns, owner[1]);
    }
    const { code } = await run(BIN.ip, ['netns', 'add', netns]);
    if (code === 0) return k;
  }
  throw new Error(`no free FRR switch slot (sbfrr0–sbfrr${SLOTS - 1} all taken)`);
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(1000);
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.once('timeout', () => done(false));
  });
}

/** Live (non-zombie) children of `pid`. */
function liveChildren(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] !== 'Z' && rest[0] !== 'X' && Number(rest[1]) === pid) kids.push(Number(entry));
  }
  return kids;
}

// ---- one switch -----------------------------------------------------------------------------

export async function startFrrSwitch(opts: FrrSwitchOptions): Promise<FrrSwitch> {
  requireFrrHarness();
  if (!/^[a-z][a-z0-9-]{0,30}$/i.test(opts.name)) throw new Error(`switch name ${JSON.stringify(opts.name)}: letters, digits, '-', up to 31`);
  const creds = ensureUser();
  const k = await claimSlot();
  liveSwitches++;
  const netns = `sbfrr${k}`;
  const pathspace = opts.pathspace ?? netns;
  const { peer, sw } = slotAddresses(k);
  const dir = join(STATE, netns);
  const uts = join(dir, 'uts');
  const etc = join('/etc/frr', pathspace);
  const varRun = join('/var/run/frr', pathspace);
  const configPath = join(etc, 'frr.conf');
  const persistDir = join(dir, 'snmp');
  const inNs = ['--net=' + join('/run/netns', netns), '--uts=' + uts];
  const SHELL_PORT = 22;
  const VTYSH_PORT = 2222;
  const SNMP_PORT = 161;

  let logText = '';
  const log = (what: string, text: string) => {
    if (text) logText = (logText + `[${what}] ${text}${text.endsWith('\n') ? '' : '\n'}`).slice(-128 * 1024);
  };
  let snmpd: ChildProcess | undefined;

  const snmp = {
    port: SNMP_PORT,
    community: `frr-${secret()}`,
    v3: { user: 'netops', auth: { protocol: 'sha' as const, key: secret() }, priv: { protocol: 'aes' as const, key: secret() } },
  };

  // -- network, UTS, directories
  const setUp = async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755); // the test user reads authorized_keys through it
    writeFileSync(join(dir, 'owner'), `${process.pid}\n${pathspace}\n`);
    const host = `${netns}h`;
    await must(BIN.ip, ['link', 'add', host, 'type', 'veth', 'peer', 'name', `${netns}s`, 'netns', netns]);
    await must(BIN.ip, ['-n', netns, 'link', 'set', `${netns}s`, 'name', 'eth0']);
    await must(BIN.ip, ['-n', netns, 'addr', 'add', `${sw}/30`, 'dev', 'eth0']);
    await must(BIN.ip, ['-n', netns, 'link', 'set', 'eth0', 'up']);
    await must(BIN.ip, ['-n', netns, 'link', 'set', 'lo', 'up']);
    await must(BIN.ip, ['addr', 'add', `${peer}/30`, 'dev', host]);
    await must(BIN.ip, ['link', 'set', host, 'up']);
    writeFileSync(uts, '');
    await must(BIN.unshare, [`--uts=${uts}`, 'hostname', opts.name]);

    // FRR's pathspace: Debian's defaults for these three daemons, watchfrr moved into our netns.
    rmSync(etc, { recursive: true, force: true });
    rmSync(varRun, { recursive: true, force: true });
    mkdirSync(etc, { recursive: true });
    const daemons = [
      '# Written by switchback test/peers/frr-switch.ts',
      ...FRR_DAEMONS.map((d) => `${d}=yes`),
      'vtysh_enable=yes',
      'zebra_options="  -A 127.0.0.1 -s 90000000"',
      'bgpd_options="   -A 127.0.0.1"',
      'staticd_options="-A 127.0.0.1"',
      `watchfrr_options="--netns=${netns}"`,
      '',
    ].join('\n');
    writeFileSync(join(etc, 'daemons'), daemons);
    writeFileSync(join(etc, 'vtysh.conf'), 'service integrated-vtysh-config\n');
    writeFileSync(configPath, opts.startupConfig ?? '');
    const frr = Number(execFileSync('id', ['-u', 'frr'], { encoding: 'utf8' }).trim());
    const frrGid = Number(execFileSync('id', ['-g', 'frr'], { encoding: 'utf8' }).trim());
    for (const f of ['daemons', 'vtysh.conf', 'frr.conf']) {
      chownSync(join(etc, f), frr, frrGid);
      chmodSync(join(etc, f), 0o640);
    }
    chownSync(etc, frr, frrGid);
    chmodSync(etc, 0o750);

    // sshd: own host key, own config; two ports, two login modes.
    const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
    await must(BIN.sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', opts.name, '-f', hostKeyPath]);
    writeFileSync(join(dir, 'authorized_keys'), `${creds.publicKey}\n`, { mode: 0o644 });
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        '# Written by switchback test/peers/frr-switch.ts',
        `ListenAddress ${sw}:${SHELL_PORT}`,
        `ListenAddress ${sw}:${VTYSH_PORT}`,
        `HostKey ${hostKeyPath}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'UsePAM no',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PermitRootLogin no',
        `AllowUsers ${TEST_USER}`,
        'PrintMotd no',
        'PrintLastLog no',
        'Banner none',
        'X11Forwarding no',
        'AllowTcpForwarding no',
        `Match LocalPort ${VTYSH_PORT}`,
        `    ForceCommand ${join(dir, 'vtysh-login')}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );

    // The login that lands in vtysh behaves as if vtysh were the login shell: sshd runs the
    // shell with `-c COMMAND` for an exec channel, so a command goes to vtysh, not to a shell.
    writeFileSync(
      join(dir, 'vtysh-login'),
      [
        '#!/bin/sh',
        '# Written by switchback test/peers/frr-switch.ts: vtysh as the login shell.',
        `if [ -n "$SSH_ORIGINAL_COMMAND" ]; then exec ${BIN.vtysh} -N ${pathspace} -c "$SSH_ORIGINAL_COMMAND"; fi`,
        `exec ${BIN.vtysh} -N ${pathspace}`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );

    // snmpd: a v2c community and a v3 user; the persistent dir keeps snmpEngineBoots.
    mkdirSync(persistDir, { recursive: true, mode: 0o700 });
    writeFileSync(
      join(dir, 'snmpd.conf'),
      [
        '# Written by switchback test/peers/frr-switch.ts',
        `rocommunity ${snmp.community} ${peer}`,
        `createUser ${snmp.v3.user} SHA ${snmp.v3.auth.key} AES ${snmp.v3.priv.key}`,
        `rouser ${snmp.v3.user} priv`,
        `sysLocation switchback peer test, netns ${netns}`,
        'sysContact noc@example.net',
        'dontLogTCPWrappersConnects yes',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  };

  const hostKey = () => readFileSync(join(dir, 'ssh_host_ed25519_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');

  // -- FRR
  const vtyshRaw = (commands: string[]) => run(BIN.nsenter, [...inNs, BIN.vtysh, '-N', pathspace, ...commands.flatMap((c) => ['-c', c])]);

  const frrPids = (): number[] => {
    if (!existsSync(varRun)) return [];
    return readdirSync(varRun)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => parseInt(readFileSync(join(varRun, f), 'utf8'), 10))
      .filter((n) => Number.isInteger(n) && n > 0);
  };

  const startFrr = async () => {
    const { code, out } = await run(BIN.nsenter, [`--uts=${uts}`, BIN.frrinit, 'start', pathspace]);
    log('frrinit', out);
    if (code !== 0) throw new Error(`frrinit.sh start ${pathspace} failed (exit ${code}):\n${out}`);
    const watchfrrPid = () => parseInt(readFileSync(join(varRun, 'watchfrr.pid'), 'utf8'), 10);
    let last = '';
    await until(
      30_000,
      async () => {
        const { code: c, out: o } = await vtyshRaw(['show watchfrr']);
        last = o;
        if (c !== 0 || !/global phase: Idle/.test(o)) return undefined;
        if (!FRR_DAEMONS.every((d) => new RegExp(`^\\s+${d}\\s+Up\\s*$`, 'm').test(o))) return undefined;
        // Each daemon's start command applies frr.conf to it; ready once they have all finished.
        return liveChildren(watchfrrPid()).length === 0 ? true : undefined;
      },
      () => `FRR in ${pathspace} was not ready within 30 s. Last \`show watchfrr\`:\n${last}\n${logText}`,
    );
  };

  const killFrr = async () => {
    const pids = frrPids();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    for (const pid of pids) if (!(await waitGone(pid, 10_000))) throw new Error(`FRR process ${pid} did not die`);
    // A reboot empties /run: FRR's sockets and pid files go with it.
    rmSync(varRun, { recursive: true, force: true });
  };

  // -- sshd and snmpd: foreground children, nsenter execs them in place (pid = the daemon's).
  const startChild = (what: string, args: string[], env?: NodeJS.ProcessEnv) => {
    const child = spawn(BIN.nsenter, [...inNs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    child.stdout!.on('data', (d: Buffer) => log(what, d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => log(what, d.toString('utf8')));
    child.on('error', (e) => log(what, `could not start: ${e.message}`));
    return child;
  };

  const startSshd = async () => {
    const child = startChild('sshd', [BIN.sshd, '-D', '-e', '-f', join(dir, 'sshd_config')]);
    await until(
      20_000,
      async () => {
        if (child.pid === undefined || gone(child.pid)) throw new Error(`sshd exited before listening:\n${logText}`);
        return (await portOpen(sw, SHELL_PORT)) && (await portOpen(sw, VTYSH_PORT)) ? true : undefined;
      },
      () => `sshd did not listen on ${sw}:${SHELL_PORT} and :${VTYSH_PORT} within 20 s:\n${logText}`,
    );
  };

  const startSnmpd = async () => {
    const child = startChild('snmpd', [BIN.snmpd, '-f', '-Lo', '-c', join(dir, 'snmpd.conf'), '-p', join(dir, 'snmpd.pid'), `udp:${sw}:${SNMP_PORT}`], {
      ...process.env,
      SNMPCONFPATH: persistDir,
      SNMP_PERSISTENT_DIR: persistDir,
      MIBS: '',
    });
    snmpd = child;
    const session = openSnmp({ host: sw, port: SNMP_PORT, version: 2, community: snmp.community, timeoutMs: 200, retries: 0 });
    try {
      await until(
        20_000,
        async () => {
          if (child.pid === undefined || gone(child.pid)) throw new Error(`snmpd exited before answering:\n${logText}`);
          try {
            await session.get(['1.3.6.1.2.1.1.3.0']);
            return true;
          } catch {
            return undefined;
          }
        },
        () => `snmpd did not answer on ${sw}:${SNMP_PORT} within 20 s:\n${logText}`,
      );
    } finally {
      session.close();
    }
  };

  const stopSnmpd = async () => {
    if (snmpd?.pid !== undefined) await endProcess(snmpd.pid, 'snmpd', 'SIGTERM'); // saves snmpEngineBoots
  };

  const bootAll = async () => {
    await startFrr();
    await startSnmpd();
    await startSshd();
  };

  const powerOff = async () => {
    await stopSnmpd();
    await killNetns(netns); // FRR, sshd and every SSH session: the power is gone
    rmSync(varRun, { recursive: true, force: true });
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await stopSnmpd();
    } finally {
      await tearDownSlot(netns, pathspace);
      if (--liveSwitches === 0) lockUser();
    }
  };

  try {
    await setUp();
    await bootAll();
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const vtysh = async (...commands: string[]) => {
    const { code, out } = await vtyshRaw(commands);
    if (code !== 0) throw new Error(`vtysh -N ${pathspace} ${commands.map((c) => `-c '${c}'`).join(' ')} failed (exit ${code}):\n${out}`);
    return out;
  };

  return {
    name: opts.name,
    pathspace,
    netns,
    address: sw,
    peerAddress: peer,
    ssh: {
      shellPort: SHELL_PORT,
      vtyshPort: VTYSH_PORT,
      username: TEST_USER,
      password: creds.password,
      privateKey: creds.privateKey,
      privateKeyPath: creds.privateKeyPath,
      hostKey: hostKey(),
    },
    snmp,
    configPath,
    vtysh,
    configure: (...lines: string[]) => vtysh('configure terminal', ...lines, 'end'),
    savedConfig: () => (existsSync(configPath) ? readFileSync(configPath, 'utf8') : undefined),
    async powerCycle() {
      await powerOff();
      await bootAll();
    },
    async loseConfig(o = {}) {
      await powerOff();
      if (o.remove) rmSync(configPath, { force: true });
      else writeFileSync(configPath, '');
      await bootAll();
    },
    frrDown: killFrr,
    frrUp: startFrr,
    log: () => logText,
    stop,
  };
}
