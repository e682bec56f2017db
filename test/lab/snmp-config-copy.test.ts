// Config copy over SNMP + TFTP against lab switches: the CISCO-CONFIG-COPY-MIB driver
// (src/transport/snmp-config-copy.ts) talking to a lab switch's real SNMP agent, which
// uploads over real TFTP to switchback's receiver; and `switchback backup` with
// `transport: snmp-tftp` and with SNMP + TFTP as the fallback when SSH fails.

import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractConfig } from '../../src/config/normalise.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { startLabSwitch } from '../../src/lab/switch.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { CONFIG_COPY_MIB, ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import { ConfigCopyError, copyConfigToTftp, saveRunningToStartup } from '../../src/transport/snmp-config-copy.js';
import { openSnmp } from '../../src/transport/snmp.js';
import type { SnmpSession } from '../../src/transport/snmp-types.js';
import { runCli } from '../helpers/cli.js';
import { FAULTY, inventoryWith, labEnv, stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

const CC_COPY_ENTRY = CONFIG_COPY_MIB.entry;

const HOST = '127.0.0.1';

/** A UDP port nobody uses right now (bound, read back, released). */
async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, HOST, () => resolve()));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

let fleet: LabFleet;
let tftpPort: number;
let dir: string;
let env: Record<string, string>;
/** The lab's inventory, with `tftp:` pointing at our receiver's port; `transport` as asked. */
let sshInventory: string;
let snmpInventory: string;

beforeAll(async () => {
  tftpPort = await freeUdpPort();
  fleet = await startFleet({
    count: 3,
    specs: [stackSpec('cp-a', 2, 1), stackSpec('cp-b', 3, 2), stackSpec('cp-c', 1, 3)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    tftpPort,
  });
  dir = mkdtempSync(join(tmpdir(), 'switchback-snmp-copy-'));
  const write = (name: string, transport: 'ssh' | 'snmp-tftp') => {
    const doc = parse(fleet.inventory()) as { defaults: { snmp: Record<string, unknown> } & Record<string, unknown> };
    doc.defaults.tftp = { address: HOST, port: tftpPort };
    doc.defaults.transport = transport;
    const path = join(dir, name);
    writeFileSync(path, stringify(doc));
    return path;
  };
  sshInventory = write('ssh.yaml', 'ssh');
  snmpInventory = write('snmp.yaml', 'snmp-tftp');
  env = labEnv(fleet.exports());
});
afterAll(() => fleet?.stop());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function session(sw: LabSwitch): SnmpSession {
  const { snmpV3 } = TEST_CREDENTIALS;
  const s = openSnmp({
    host: HOST,
    port: sw.ports.snmp,
    version: 3,
    user: snmpV3.user,
    auth: { protocol: 'sha', key: snmpV3.authKey },
    priv: { protocol: 'aes', key: snmpV3.privKey },
    timeoutMs: 5000,
    retries: 1,
  });
  cleanup.push(() => s.close());
  return s;
}

/** The rows of ccCopyTable as the agent shows them (any column counts). */
async function copyRows(s: SnmpSession): Promise<string[]> {
  return (await s.walk(CC_COPY_ENTRY)).map((v) => v.oid);
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

const copyOpts = (source: 'running' | 'startup', name: string, port = tftpPort) => ({
  source,
  server: { address: HOST, port },
  filename: `switchback-${name}-${source}.cfg`,
  expectFrom: HOST,
  maxBytes: 4 << 20,
  timeoutMs: 60_000,
});

// ---------------------------------------------------------------- the driver

describe('copyConfigToTftp / saveRunningToStartup against a lab switch', () => {
  it('pulls the running config: the show running-config text without the terminal header, equal after extractConfig', async () => {
    const sw = fleet.get('cp-a');
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/3', ' description pulled-over-tftp'] });
    const s = session(sw);
    const file = (await copyConfigToTftp(s, CONFIG_COPY_MIB, copyOpts('running', 'cp-a'))).toString('utf8');
    const shown = sw.personality.showRunning(sw.state, sw.now());
    expect(file).toContain(' description pulled-over-tftp');
    expect(file).not.toContain('Building configuration');
    expect(extractConfig(ciscoIos, file)).toBe(extractConfig(ciscoIos, shown));
    expect(await copyRows(s)).toEqual([]);
    await sw.apply({ kind: 'save' });
  });

  it('copies one at a time per TFTP port: two copies started together both arrive', async () => {
    const a = fleet.get('cp-a');
    const b = fleet.get('cp-b');
    const [fa, fb] = await Promise.all([
      copyConfigToTftp(session(a), CONFIG_COPY_MIB, copyOpts('startup', 'cp-a')),
      copyConfigToTftp(session(b), CONFIG_COPY_MIB, copyOpts('startup', 'cp-b')),
    ]);
    expect(extractConfig(ciscoIos, fa.toString('utf8'))).toBe(extractConfig(ciscoIos, a.personality.showStartup(a.state)));
    expect(extractConfig(ciscoIos, fb.toString('utf8'))).toBe(extractConfig(ciscoIos, b.personality.showStartup(b.state)));
    expect(fa.toString('utf8')).toContain('hostname CP-A');
    expect(fb.toString('utf8')).toContain('hostname CP-B');
  });

  it('startup-config with NVRAM empty (power-cycle --lose-config) fails with noConfig, in words; the row is destroyed', async () => {
    const sw = await labSwitch('cp-x', tftpPort);
    await sw.apply({ kind: 'power-cycle', loseConfig: true });
    const s = session(sw);
    const err = await failure(copyConfigToTftp(s, CONFIG_COPY_MIB, copyOpts('startup', 'cp-x')));
    expect(err).toBeInstanceOf(ConfigCopyError);
    expect(err).toMatchObject({ reason: 'failed', failCause: 'noConfig' });
    expect(err.message).toBe(
      `SNMP copy of startup-config to TFTP 127.0.0.1:${tftpPort} failed on the switch: the switch has no such configuration (for startup-config: NVRAM is empty) (noConfig)`,
    );
    expect(await copyRows(s)).toEqual([]);
  });

  it('saves running to startup over SNMP: afterwards running = startup, and the switch shows no differences', async () => {
    const sw = fleet.get('cp-c');
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/11', ' description saved-over-snmp'] });
    expect(renderConfig(sw.state.startup!)).not.toContain('saved-over-snmp');
    const s = session(sw);
    await saveRunningToStartup(s, CONFIG_COPY_MIB, 10_000);
    expect(renderConfig(sw.state.startup!)).toBe(renderConfig(sw.state.running));
    expect(renderConfig(sw.state.startup!)).toContain(' description saved-over-snmp');
    expect(await copyRows(s)).toEqual([]);
  });

  it('a TFTP server that never gets the file: a timeout, and the row is destroyed', async () => {
    // The switch sends to a socket that never answers; switchback's receiver listens elsewhere.
    const deaf = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => deaf.bind(0, HOST, () => resolve()));
    cleanup.push(() => new Promise<void>((resolve) => deaf.close(() => resolve())));
    const sw = await labSwitch('cp-deaf', deaf.address().port);
    const s = session(sw);
    const elsewhere = await freeUdpPort();

    // Our deadline first: the switch is still retrying its upload (for seconds) when it passes.
    const ours = await failure(copyConfigToTftp(s, CONFIG_COPY_MIB, { ...copyOpts('running', 'cp-deaf', elsewhere), timeoutMs: 300 }));
    expect(ours).toMatchObject({ reason: 'timeout' });
    expect(ours.message).toMatch(
      new RegExp(
        `^SNMP copy of running-config to TFTP 127\\.0\\.0\\.1:${elsewhere} timed out after 300 ms: the switch still reports the copy (waiting|running); ` +
          `TFTP receiver: no upload of switchback-cp-deaf-running\\.cfg from 127\\.0\\.0\\.1 arrived within 300 ms$`,
      ),
    );
    expect(await copyRows(s)).toEqual([]);

    // Given time, the switch gives up itself and says why.
    const theirs = await failure(copyConfigToTftp(s, CONFIG_COPY_MIB, copyOpts('running', 'cp-deaf', elsewhere)));
    expect(theirs).toMatchObject({ reason: 'failed', failCause: 'timeout' });
    expect(theirs.message).toBe(
      `SNMP copy of running-config to TFTP 127.0.0.1:${elsewhere} failed on the switch: the TFTP server did not answer the switch (timeout)`,
    );
    expect(await copyRows(s)).toEqual([]);
  });

  it('refuses what cannot work before touching the switch: a host name for the TFTP address', async () => {
    const s = session(fleet.get('cp-a'));
    const err = await failure(copyConfigToTftp(s, CONFIG_COPY_MIB, { ...copyOpts('running', 'cp-a'), server: { address: 'localhost', port: tftpPort } }));
    expect(err).toMatchObject({ reason: 'invalid' });
    expect(err.message).toBe(`SNMP copy of running-config to TFTP localhost:${tftpPort}: the TFTP address must be an IP address (the switch is told it)`);
  });
});

async function labSwitch(name: string, port: number): Promise<LabSwitch> {
  const sw = await startLabSwitch({
    spec: stackSpec(name, 1, 9),
    personality: ciscoIosxe,
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    address: HOST,
    hostKeySeed: 'snmp-config-copy-test',
    tftpPort: port,
  });
  cleanup.push(() => sw.stop());
  return sw;
}

// ---------------------------------------------------------------- switchback backup

interface Outcome {
  device: string;
  status: string;
  via?: string;
  stage?: string;
  reason?: string;
  noStartup?: boolean;
  unsaved: { added: string[]; removed: string[] } | null;
}

const backup = (inventory: string, backups: string, ...args: string[]) =>
  runCli(['backup', '--inventory', inventory, '--backups', backups, '--json', ...args], { env: { ...env, NO_COLOR: '1' } });
const outcomes = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as { devices: Outcome[] }).devices.map((d) => [d.device, d]));
const read = (backups: string, device: string, name: string) => readFileSync(join(backups, device, name), 'utf8');

describe('switchback backup over SNMP + TFTP', () => {
  it('transport snmp-tftp stores the same running and startup configs, and unsaved lines, as SSH', async () => {
    await fleet.apply('cp-b', { kind: 'change', lines: ['vlan 88', ' name NOT-SAVED'] });
    const overSsh = join(dir, 'backups-ssh');
    const overSnmp = join(dir, 'backups-snmp');
    const ssh = await backup(sshInventory, overSsh);
    const snmp = await backup(snmpInventory, overSnmp);
    expect(ssh.stderr).toBe('');
    expect(snmp.stderr).toBe('');
    expect([ssh.code, snmp.code]).toEqual([3, 3]); // cp-b has an unsaved change
    const bySsh = outcomes(ssh.stdout);
    const bySnmp = outcomes(snmp.stdout);
    for (const d of ['cp-a', 'cp-b', 'cp-c']) {
      expect(bySnmp[d]).toMatchObject({ status: 'new', via: 'snmp-tftp' });
      expect(bySsh[d]!.via).toBeUndefined();
      expect(read(overSnmp, d, 'running.cfg')).toBe(read(overSsh, d, 'running.cfg'));
      expect(read(overSnmp, d, 'startup.cfg')).toBe(read(overSsh, d, 'startup.cfg'));
      expect(bySnmp[d]!.unsaved).toEqual(bySsh[d]!.unsaved);
    }
    expect(bySnmp['cp-b']!.unsaved!.added).toEqual(['vlan 88', ' name NOT-SAVED']);
    const state = JSON.parse(read(overSnmp, 'cp-b', 'state.json')) as Record<string, unknown>;
    expect(state).toMatchObject({ capturedVia: 'snmp-tftp', hostKey: null, hostname: 'CP-B', version: null });
    // Facts: the stack from CISCO-STACKWISE-MIB, the same summary as SSH's `show switch`; no version over SNMP.
    expect(state.snmpCapture).toEqual({
      version: 'hostname only (sysName); version, model and serials are not read over SNMP',
      stack: 'from SNMP (1.3.6.1.4.1.9.9.500.1.2.1.1)',
    });
    expect(state.stack).toEqual(JSON.parse(read(overSsh, 'cp-b', 'state.json')).stack);
    expect(state.stack).toEqual({ ready: 3, expected: 3, missing: [], active: 1 });
    await fleet.apply('cp-b', { kind: 'save' });
  });

  it('SSH refused, with snmp and tftp settings: the backup succeeds over SNMP + TFTP and says why', async () => {
    const backups = join(dir, 'backups-fallback');
    await fleet.apply('cp-a', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const run = await backup(sshInventory, backups);
    await fleet.apply('cp-a', { kind: 'clear-faults' });
    expect(run.code).toBe(0);
    const by = outcomes(run.stdout);
    expect(by['cp-a']).toMatchObject({ status: 'new' });
    expect(by['cp-a']!.via).toMatch(/^snmp-tftp \(SSH failed: auth: authentication failed/);
    expect(by['cp-b']!.via).toBeUndefined();
    expect(read(backups, 'cp-a', 'running.cfg')).toBe(read(join(dir, 'backups-ssh'), 'cp-a', 'running.cfg'));
    const state = JSON.parse(read(backups, 'cp-a', 'state.json')) as { capturedVia: string; snmpCapture: { sshFailed: string } };
    expect(state.capturedVia).toBe('snmp-tftp');
    // state.json keeps where SSH failed, not its words (a timeout's count seconds and bytes).
    expect(state.snmpCapture.sshFailed).toBe('auth');
    // The commit names the fallback.
    const { simpleGit } = await import('simple-git');
    expect((await simpleGit(backups).log()).latest!.body).toMatch(/^cp-a: new, via snmp-tftp \(SSH failed: auth: /m);
  });

  it('a switch that hangs on SSH night after night falls back over SNMP and commits nothing new the second night', async () => {
    const backups = join(dir, 'backups-hang');
    const faulty = inventoryWith(sshInventory, { 'cp-a': FAULTY });
    await fleet.apply('cp-a', { kind: 'fault', fault: { kind: 'hang' } });
    try {
      const first = await backup(faulty, backups, 'cp-a');
      expect(outcomes(first.stdout)['cp-a']).toMatchObject({ status: 'new' });
      expect(outcomes(first.stdout)['cp-a']!.via).toMatch(/^snmp-tftp \(SSH failed: timeout: /);
      const second = await backup(faulty, backups, 'cp-a');
      expect(outcomes(second.stdout)['cp-a']).toMatchObject({ status: 'unchanged' });
      const { simpleGit } = await import('simple-git');
      expect((await simpleGit(backups).log()).total).toBe(1);
    } finally {
      await fleet.apply('cp-a', { kind: 'clear-faults' });
    }
  });

  it('a changed SSH host key is never worked around over SNMP', async () => {
    const backups = join(dir, 'backups-hostkey');
    expect((await backup(sshInventory, backups, 'cp-c')).code).toBe(0);
    await fleet.apply('cp-c', { kind: 'new-host-key' });
    const run = await backup(sshInventory, backups, 'cp-c');
    expect(run.code).toBe(1);
    expect(outcomes(run.stdout)['cp-c']).toMatchObject({ status: 'failed', stage: 'host-key' });
    expect(outcomes(run.stdout)['cp-c']!.via).toBeUndefined();
  });

  it('over SNMP + TFTP, a switch that lost its startup-config is backed up with "no startup"', async () => {
    const backups = join(dir, 'backups-nostartup');
    await fleet.apply('cp-c', { kind: 'power-cycle', loseConfig: true });
    const run = await backup(snmpInventory, backups, 'cp-c');
    expect(run.code).toBe(3);
    expect(outcomes(run.stdout)['cp-c']).toMatchObject({ status: 'new', noStartup: true, via: 'snmp-tftp' });
    expect(read(backups, 'cp-c', 'startup.cfg')).toBe('');
  });

  it('SSH refused and the SNMP fallback failing too: one failure that gives both reasons', async () => {
    const backups = join(dir, 'backups-both');
    await fleet.apply('cp-b', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    await fleet.apply('cp-b', { kind: 'fault', fault: { kind: 'snmp-silent' } });
    // The silent agent is given up after one second; the others keep the usual room.
    const run = await backup(inventoryWith(sshInventory, { 'cp-b': FAULTY }), backups, 'cp-b');
    await fleet.apply('cp-b', { kind: 'clear-faults' });
    expect(run.code).toBe(1);
    const b = outcomes(run.stdout)['cp-b']!;
    expect(b).toMatchObject({ status: 'failed', stage: 'auth' });
    expect(b.reason).toMatch(/^authentication failed.*; the fallback over SNMP \+ TFTP failed too: /);
  });
});
