// The lab from the command line: `lab up` in one process, `lab event` / `lab feed`
// / `lab status` from others, as an engineer rehearsing a recovery would use them.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchStatus } from '../../src/lab/fleet.js';
import { runCli, startCli } from '../helpers/cli.js';
import { openShell } from '../helpers/ssh-shell.js';

const dir = mkdtempSync(join(tmpdir(), 'switchback-lab-cli-'));
const inventory = join(dir, 'devices', 'lab.yaml');
let lab: Awaited<ReturnType<typeof startCli>>;
let env: Record<string, string>;

beforeAll(async () => {
  // One platform: the events below type that platform's configuration lines (mixed fleets: lab-fleet-mix.test.ts).
  lab = await startCli(['lab', 'up', '--devices', '4', '--platform', 'cisco-ios', '--inventory', inventory], /Ctrl-C stops the lab/, {
    env: { NO_COLOR: '1' },
  });
  env = Object.fromEntries(
    lab
      .stdout()
      .split('\n')
      .map((l) => /^\s*export (\w+)=(\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
});
afterAll(async () => {
  lab.child.kill('SIGINT');
  expect(await lab.exited).toBe(0);
});

const status = async (): Promise<SwitchStatus[]> =>
  (JSON.parse((await runCli(['lab', 'status', '--json', '--inventory', inventory])).stdout) as { switches: SwitchStatus[] }).switches;

describe('switchback lab', () => {
  it('writes an inventory that points at the fleet, with secrets only as env: references', () => {
    const text = readFileSync(inventory, 'utf8');
    const doc = parse(text) as {
      defaults: { credentials: Record<string, string> };
      devices: { name: string; host: string; port: number; platform: string; stack: { members: { number: number; feed: string }[] } }[];
    };
    expect(doc.devices.map((d) => d.name)).toEqual(['lab-sw-01', 'lab-sw-02', 'lab-sw-03', 'lab-sw-04']);
    // Each switch on a loopback address of its own (what `watch` tells senders apart by).
    expect(doc.devices.map((d) => d.host)).toEqual(['127.1.0.1', '127.1.0.2', '127.1.0.3', '127.1.0.4']);
    expect(doc.devices.every((d) => d.port > 0 && d.platform === 'cisco-ios')).toBe(true);
    expect(doc.defaults.credentials.password).toBe('env:SWITCHBACK_LAB_PASSWORD');
    for (const value of Object.values(env)) expect(text).not.toContain(value);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['SWITCHBACK_LAB_PASSWORD', 'SWITCHBACK_LAB_ENABLE', 'SWITCHBACK_LAB_SNMP_AUTH']));
  });

  it('prints export lines whose secrets log in to the switches the inventory names', async () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as { devices: { name: string; host: string; port: number }[] };
    const shell = await openShell({
      host: doc.devices[0]!.host,
      port: doc.devices[0]!.port,
      username: env.SWITCHBACK_LAB_USER!,
      password: env.SWITCHBACK_LAB_PASSWORD!,
    });
    await shell.readUntil(/LAB_SW_01>$/);
    shell.send(`enable\n${env.SWITCHBACK_LAB_ENABLE}\n`);
    await shell.readUntil(/LAB_SW_01#$/);
    shell.end();
  });

  it('lab event changes a switch that lab status then shows unsaved; save clears it', async () => {
    const change = await runCli(['lab', 'event', 'lab-sw-02', 'change', 'interface GigabitEthernet1/0/9', ' description rehearsal', '--inventory', inventory]);
    expect(change.code).toBe(0);
    expect(change.stdout).toContain('lab-sw-02: applied to running-config, not saved: unsaved +1/-1 lines');
    expect((await status()).find((s) => s.name === 'lab-sw-02')?.unsaved).toBe(true);
    await runCli(['lab', 'event', 'lab-sw-02', 'save', '--inventory', inventory]);
    expect((await status()).find((s) => s.name === 'lab-sw-02')?.unsaved).toBe(false);
  });

  it('power-cycle --lose-config and member-down show in lab status', async () => {
    const cycle = await runCli(['lab', 'event', 'lab-sw-03', 'power-cycle', '--lose-config', '--inventory', inventory]);
    expect(cycle.stdout).toContain('factory-default');
    const down = await runCli(['lab', 'event', 'lab-sw-01', 'member-down', '1', '--inventory', inventory]);
    expect(down.stdout).toContain('member 2 is now Active');
    const s = await status();
    const sw3 = s.find((x) => x.name === 'lab-sw-03')!;
    expect(sw3.hostname).toBe('Switch');
    expect(sw3.startupPresent).toBe(false);
    expect(sw3.boots).toBe(2);
    const sw1 = s.find((x) => x.name === 'lab-sw-01')!;
    expect(sw1.active).toBe(2);
    expect(sw1.members.find((m) => m.number === 1)?.state).toBe('Removed');
    const table = (await runCli(['lab', 'status', '--inventory', inventory])).stdout;
    // NAME, HOSTNAME, ADDRESS (the switch's own), SSH and SNMP ports, POWER, BOOTS.
    expect(table).toMatch(/^lab-sw-03\s+Switch\s+127\.1\.0\.3\s+\d+\s+\d+\s+up\s+2\s/m);
  });

  it('lab feed B off takes every member on feed B down; on brings them back', async () => {
    const off = await runCli(['lab', 'feed', 'B', 'off', '--inventory', inventory]);
    expect(off.code).toBe(0);
    const s = await status();
    for (const sw of s) for (const m of sw.members.filter((x) => x.feed === 'B')) expect(m.state).toBe('Removed');
    await runCli(['lab', 'feed', 'B', 'on', '--inventory', inventory]);
    for (const sw of await status()) for (const m of sw.members.filter((x) => x.feed === 'B')) expect(m.state).toBe('Ready');
  });

  it('bad events are refused with a reason and exit 2; an unknown switch exits 1', async () => {
    const bad = await runCli(['lab', 'event', 'lab-sw-01', 'member-down', 'one', '--inventory', inventory]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('member-down needs a member number');
    const unknown = await runCli(['lab', 'event', 'nope', 'save', '--inventory', inventory]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no lab switch named nope');
    const rejected = await runCli(['lab', 'event', 'lab-sw-04', 'change', 'frobnicate on', '--inventory', inventory]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("% Invalid input detected at '^' marker.");
  });

  it('lab status without a running lab says how to start one', async () => {
    const none = await runCli(['lab', 'status', '--inventory', join(dir, 'other.yaml')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no lab is running');
    expect(none.stderr).toContain('switchback lab up');
  });
});
