// One loopback address per lab switch (`startFleet({ addresses: 'per-switch' })`, `lab up`'s
// default): each switch listens for SSH and SNMP on its own address, its inventory `host:` is that
// address, and what it sends on its own comes from it — so a receiver tells the switches apart by a
// datagram's source, as on a real estate. `--address` still puts the whole fleet on one address.

import { parse } from 'yaml';
import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFleet, switchAddress } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli, startCli } from '../helpers/cli.js';
import { labEnv, labInventory, labTrapUser, TEST_CREDENTIALS, stackSpec, tcpOpens } from '../helpers/lab.js';
import { startReceivers } from '../helpers/notify-receivers.js';
import { startSyslogReceiver } from '../../src/transport/syslog-receiver.js';
import type { SyslogRecord } from '../../src/transport/syslog-receiver.js';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapRecord } from '../../src/transport/trap-receiver.js';
import type { Receivers } from '../helpers/notify-receivers.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COLD_START = '1.3.6.1.6.3.1.1.5.1';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';

/** sysName.0 over SNMP v2c from host:port. */
const sysName = (host: string, port: number, community: string) =>
  new Promise<string>((resolve, reject) => {
    const session = snmp.createSession(host, community, { port, version: snmp.Version2c, timeout: 2000, retries: 2 });
    session.get([SYS_NAME], (err, vbs) => {
      session.close();
      if (err || !vbs) reject(err ?? new Error('no varbinds'));
      else resolve(String(vbs[0]!.value));
    });
  });

describe('switchAddress', () => {
  it('numbers switches from 127.1.0.1, never a .0 or .255, 254 to a third octet', () => {
    expect(switchAddress(1)).toBe('127.1.0.1');
    expect(switchAddress(254)).toBe('127.1.0.254');
    expect(switchAddress(255)).toBe('127.1.1.1');
    expect(switchAddress(5000)).toBe('127.1.19.174');
    const all = Array.from({ length: 5000 }, (_, i) => switchAddress(i + 1));
    expect(new Set(all).size).toBe(5000);
    expect(all.filter((a) => /\.(0|255)$/.test(a))).toEqual([]);
    expect(() => switchAddress(0)).toThrow(RangeError);
  });
});

describe('a fleet with one address per switch', () => {
  let rx: Receivers;
  let fleet: LabFleet;
  beforeAll(async () => {
    rx = await startReceivers();
    fleet = await startFleet({
      count: 3,
      platform: 'cisco-ios',
      specs: [stackSpec('pa-1', 1, 1), stackSpec('pa-2', 2, 2), stackSpec('pa-3', 1, 3)],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      addresses: 'per-switch',
      emit: { trap: { host: '127.0.0.1', port: rx.trapPort }, syslog: { host: '127.0.0.1', port: rx.syslogPort } },
    });
  });
  afterAll(async () => {
    await fleet?.stop();
    await rx?.close();
  });

  it('puts each switch on its own address, and the inventory says so', () => {
    expect(fleet.switches.map((s) => s.address)).toEqual(['127.1.0.1', '127.1.0.2', '127.1.0.3']);
    expect(fleet.status().map((s) => s.address)).toEqual(['127.1.0.1', '127.1.0.2', '127.1.0.3']);
    const doc = parse(fleet.inventory()) as { devices: { name: string; host: string }[] };
    expect(doc.devices.map((d) => [d.name, d.host])).toEqual([
      ['pa-1', '127.1.0.1'],
      ['pa-2', '127.1.0.2'],
      ['pa-3', '127.1.0.3'],
    ]);
  });

  it('answers SSH and SNMP on its own address only', async () => {
    const sw = fleet.get('pa-2');
    expect(await tcpOpens('127.1.0.2', sw.ports.ssh)).toBe(true);
    expect(await tcpOpens('127.0.0.1', sw.ports.ssh)).toBe(false);
    expect(await sysName('127.1.0.2', sw.ports.snmp, TEST_CREDENTIALS.snmpCommunity)).toBe('PA-2');
  });

  it('sends its traps and syslog lines from its own address', async () => {
    await fleet.apply('pa-3', { kind: 'power-cycle', loseConfig: false });
    const trap = await vi.waitFor(
      () => {
        const t = rx.traps.find((x) => x.trapOid === COLD_START);
        if (!t) throw new Error('no coldStart yet');
        return t;
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(trap.from).toBe('127.1.0.3');
    const line = await vi.waitFor(
      () => {
        const l = rx.lines.find((x) => /RESTART/.test(x.text));
        if (!l) throw new Error('no restart line yet');
        return l;
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(line.from).toBe('127.1.0.3');
    // Nobody else spoke.
    expect(new Set([...rx.traps, ...rx.lines].map((x) => x.from))).toEqual(new Set(['127.1.0.3']));
  });
});

describe('a fleet on one IPv6 address', () => {
  it('sends its traps and syslog lines from ::1 to receivers on ::1', async () => {
    const traps: TrapRecord[] = [];
    const lines: SyslogRecord[] = [];
    // The lab's v3 user, as its inventory gives it: the lab's traps come with it.
    const trapRx = await startTrapReceiver({
      address: '::1',
      port: 0,
      communities: [],
      users: [labTrapUser()],
      onTrap: (r) => traps.push(r),
    });
    const syslogRx = await startSyslogReceiver({ address: '::1', port: 0, onRecord: (r) => lines.push(r) });
    const fleet = await startFleet({
      count: 1,
      specs: [stackSpec('v6-1', 1, 1)],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      address: '::1',
      emit: { trap: { host: '::1', port: trapRx.port }, syslog: { host: '::1', port: syslogRx.port } },
    });
    try {
      await fleet.apply('v6-1', { kind: 'power-cycle', loseConfig: false });
      await vi.waitFor(() => expect(traps.map((t) => [t.from, t.trapOid])).toContainEqual(['::1', COLD_START]), { timeout: 20_000, interval: 50 });
      await vi.waitFor(() => expect(lines.map((l) => l.from)).toContain('::1'), { timeout: 20_000, interval: 50 });
      expect(fleet.get('v6-1').notifier!.counts.failed).toBe(0);
    } finally {
      await fleet.stop();
      await trapRx.close();
      await syslogRx.close();
    }
  });
});

describe('switchback against a fleet with one address per switch', () => {
  it('backup, check and check --snmp reach every switch at its own address', async () => {
    const fleet = await startFleet({
      count: 3,
      specs: [stackSpec('pb-1', 2, 1), stackSpec('pb-2', 1, 2), stackSpec('pb-3', 3, 3)],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      addresses: 'per-switch',
    });
    try {
      const { inventory, backups } = labInventory(fleet, 'switchback-lab-addresses-backup-');
      const env = labEnv(fleet.exports());
      const backup = await runCli(['backup', '--inventory', inventory, '--backups', backups, '--json'], { env });
      expect(backup.code, backup.stderr).toBe(0);
      const doc = JSON.parse(backup.stdout) as { devices: { device: string; status: string }[] };
      expect(doc.devices.map((d) => [d.device, d.status])).toEqual([
        ['pb-1', 'new'],
        ['pb-2', 'new'],
        ['pb-3', 'new'],
      ]);
      for (const args of [['check'], ['check', '--snmp']]) {
        const run = await runCli([...args, '--inventory', inventory, '--backups', backups, '--json'], { env });
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
        const checked = JSON.parse(run.stdout) as { devices: { device: string; status: string }[] };
        expect(checked.devices.map((d) => d.status)).toEqual(['ok', 'ok', 'ok']);
      }
    } finally {
      await fleet.stop();
    }
  });
});

describe('lab up', () => {
  it('gives each switch its own address by default; --address puts them all on one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-lab-addresses-'));
    const hosts = async (args: string[], inventory: string) => {
      const up = await startCli(['lab', 'up', '--devices', '3', '--quiet', '--inventory', inventory, ...args], /Ctrl-C stops the lab/, {
        env: { NO_COLOR: '1' },
      });
      try {
        const doc = parse(readFileSync(inventory, 'utf8')) as { devices: { host: string }[] };
        const status = JSON.parse((await runCli(['lab', 'status', '--json', '--inventory', inventory])).stdout) as { switches: { address: string }[] };
        const table = (await runCli(['lab', 'status', '--inventory', inventory], { env: { NO_COLOR: '1' } })).stdout;
        return { said: up.stdout(), hosts: doc.devices.map((d) => d.host), status: status.switches.map((s) => s.address), table };
      } finally {
        up.child.kill('SIGINT');
        await up.exited;
      }
    };
    const own = await hosts([], join(dir, 'own', 'lab.yaml'));
    expect(own.hosts).toEqual(['127.1.0.1', '127.1.0.2', '127.1.0.3']);
    expect(own.status).toEqual(own.hosts);
    expect(own.said).toContain('on 127.1.0.1 … 127.1.0.3 (one address per switch)');
    // lab status says where each switch is, beside its ports.
    expect(own.table).toMatch(/^NAME\s+HOSTNAME\s+ADDRESS\s+SSH\s+SNMP/m);
    expect(own.table).toMatch(/^lab-sw-02\s+\S+\s+127\.1\.0\.2\s+\d+\s+\d+\s+up/m);
    const shared = await hosts(['--address', '127.0.0.1'], join(dir, 'shared', 'lab.yaml'));
    expect(shared.hosts).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    expect(shared.said).toContain('on 127.0.0.1 (');
  });

  it('refuses an --address that is not loopback', async () => {
    const r = await runCli(['lab', 'up', '--devices', '1', '--address', '10.0.0.1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--address takes a loopback address');
  });
});
