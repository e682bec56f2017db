// From parsed entries to an inventory file: the model table is the platforms' own data, a
// model no platform lists is reported and never guessed, names become valid device names,
// and what is written loads as a switchback inventory with no secret in it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load.js';
import { parseAnsible } from '../../src/inventory/import/ansible.js';
import { deviceName, toDevices } from '../../src/inventory/import/devices.js';
import type { ImportedDevice } from '../../src/inventory/import/devices.js';
import { IMPORT_TOOLS } from '../../src/inventory/import/entry.js';
import type { ParseResult } from '../../src/inventory/import/entry.js';
import { matchModel, modelTable } from '../../src/inventory/import/models.js';
import { parseOxidized } from '../../src/inventory/import/oxidized.js';
import { parseRancid } from '../../src/inventory/import/rancid.js';
import { renderInventory } from '../../src/inventory/import/render.js';
import { PLATFORM_NAMES, platformByName } from '../../src/platforms/index.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/import/${path}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'switchback-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RENDER = { header: ['test'], usernameEnv: 'SWITCHBACK_USERNAME', passwordEnv: 'SWITCHBACK_PASSWORD' };

/** The rendered file, written and loaded as `switchback inventory` loads one. */
function loads(devices: ImportedDevice[], name: string) {
  const text = renderInventory(devices, RENDER);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return { text, devices: loadInventory([file]) };
}

const platforms = PLATFORM_NAMES.map((n) => platformByName(n)!);

describe("the model table is the platforms' data", () => {
  it.each(IMPORT_TOOLS)('no %s name is claimed by two platforms, and each is written in lower case', (tool) => {
    const table = modelTable(tool);
    for (const [name, owners] of table.names) {
      expect(owners, name).toHaveLength(1);
      expect(name).toBe(name.toLowerCase());
    }
    for (const p of platforms) for (const n of p.importNames?.[tool] ?? []) expect(n).toBe(n.toLowerCase());
  });

  it('every platform can be imported from Ansible and Oxidized (RANCID has no type for some)', () => {
    for (const p of platforms) {
      expect(p.importNames?.ansible?.length, p.name).toBeGreaterThan(0);
      expect(p.importNames?.oxidized?.length, p.name).toBeGreaterThan(0);
    }
  });

  it('matches without case, the user mapping wins, two platforms claiming a name is ambiguous, not a pick', () => {
    const table = modelTable('oxidized', { asternos: 'frr' });
    const owner = platforms.find((p) => p.importNames?.oxidized?.length)!;
    expect(matchModel(table, owner.importNames!.oxidized![0]!.toUpperCase())).toEqual({ platform: owner.name });
    expect(matchModel(table, 'asternos')).toEqual({ platform: 'frr' });
    expect(matchModel(table, 'no-such-model')).toEqual({ unknown: true });
    const [a, b] = platforms;
    const clash = modelTable('rancid', {}, [
      { ...a!, importNames: { rancid: ['shared'] } },
      { ...b!, importNames: { rancid: ['shared'] } },
    ]);
    expect(matchModel(clash, 'shared')).toEqual({ ambiguous: [a!.name, b!.name] });
  });
});

describe('entries to devices', () => {
  it("RANCID's man page: the up devices, on the platforms their types name, in a file that loads", () => {
    const r = toDevices(parseRancid(fixture('rancid/man-page-3.router.db')), { models: modelTable('rancid'), group: 'paris' });
    const { devices } = loads(r.devices, 'rancid');
    expect(devices.map((d) => [d.name, d.host, d.platform, d.group])).toEqual([
      ['scooby.shrubbery.net', 'scooby.shrubbery.net', matchOf('rancid', 'cisco'), 'paris'],
      ['dial1.paris', 'dial1.paris', matchOf('rancid', 'cisco'), 'paris'],
      ['border1.paris', 'border1.paris', matchOf('rancid', 'juniper'), 'paris'],
    ]);
    expect(devices[0]?.credentials).toEqual({ username: { from: 'env', name: 'SWITCHBACK_USERNAME' }, password: { from: 'env', name: 'SWITCHBACK_PASSWORD' } });
    expect(r.skipped.map((s) => s.kind)).toEqual(['not-up', 'not-up']);
  });

  it("a lab's own RANCID types are unknown: reported with the line and never guessed, until the user maps them", () => {
    const parsed = parseRancid(fixture('rancid/faddr-group_01_3rows.router.db'));
    const r = toDevices(parsed, { models: modelTable('rancid') });
    expect(r.devices).toEqual([]);
    expect(r.skipped).toEqual([
      {
        where: 'line 1',
        name: 'cisco-ios-15-7206',
        kind: 'unknown-model',
        reason: 'model "cisco-faddr" maps to no switchback platform (give one with --model cisco-faddr=PLATFORM)',
      },
      {
        where: 'line 2',
        name: 'juniper-junos-17-vmx',
        kind: 'unknown-model',
        reason: 'model "juniper-faddr" maps to no switchback platform (give one with --model juniper-faddr=PLATFORM)',
      },
    ]);
    const mapped = toDevices(parsed, { models: modelTable('rancid', { 'cisco-faddr': 'cisco-ios', 'juniper-faddr': 'juniper-junos' }) });
    expect(loads(mapped.devices, 'faddr').devices.map((d) => d.platform)).toEqual(['cisco-ios', 'juniper-junos']);
  });

  it("Oxidized's docs example: address, login name kept; password and enable nowhere in the file", () => {
    const parsed = parseOxidized(fixture('oxidized/sources-colon.router.db'), { map: { name: 0, ip: 1, model: 2, username: 3, password: 4, enable: 5 } });
    const r = toDevices(parsed, { models: modelTable('oxidized') });
    const { text, devices } = loads(r.devices, 'oxidized');
    expect(devices).toMatchObject([
      {
        name: 'rtr01.local',
        host: '192.168.1.1',
        platform: matchOf('oxidized', 'ios'),
        credentials: { username: 'oxidized', password: { from: 'env', name: 'SWITCHBACK_PASSWORD' } },
      },
    ]);
    expect(text).not.toContain('5uP3R53cR3T');
    expect(text).not.toContain('T0p53cR3t');
  });

  it('Ansible: groups and tags, the port, the key file as a file: reference, and the file loads', () => {
    const parsed = parseAnsible(`all:
  children:
    core:
      vars:
        ansible_network_os: arista.eos.eos
      hosts:
        Core-SW1.example.net:
          ansible_host: 192.0.2.10
          ansible_port: 2222
          ansible_ssh_private_key_file: /etc/switchback/id_ed25519
`);
    const r = toDevices(parsed, { models: modelTable('ansible') });
    const { devices } = loads(r.devices, 'ansible');
    expect(devices).toMatchObject([
      {
        name: 'core-sw1.example.net',
        host: '192.0.2.10',
        port: 2222,
        platform: matchOf('ansible', 'arista.eos.eos'),
        group: 'core',
        tags: ['core'],
        credentials: { privateKey: { from: 'file', path: '/etc/switchback/id_ed25519' } },
      },
    ]);
  });

  it('names become valid device names; a name taken twice, or already in the inventory, is reported', () => {
    expect(deviceName('Core_SW 01.Example.NET')).toEqual({ name: 'core_sw-01.example.net' });
    expect(deviceName('..hidden')).toEqual({ name: 'hidden' });
    expect(deviceName('a..b')).toEqual({ name: 'a.b' });
    expect(deviceName('x'.repeat(80))).toEqual({ name: 'x'.repeat(63) });
    expect(deviceName('sw.lock')).toEqual({ problem: expect.stringMatching(/\.lock/) });
    expect(deviceName('???')).toEqual({ problem: expect.any(String) });
    const parsed: ParseResult = {
      entries: [
        { where: 'line 1', name: 'SW1', model: 'cisco' },
        { where: 'line 2', name: 'sw1', model: 'cisco' },
        { where: 'line 3', name: 'lab-1', model: 'cisco' },
        { where: 'line 4', name: 'sw 2!', model: 'cisco' },
        { where: 'line 5', name: 'bad_host!', model: 'cisco' },
      ],
      skipped: [],
      notes: [],
    };
    const r = toDevices(parsed, { models: modelTable('rancid'), taken: new Map([['lab-1', 'devices/lab.yaml']]) });
    // `sw 2!` would make a valid name (sw-2) but is no host to connect to: the host is the name here.
    expect(r.devices.map((d) => [d.name, d.host])).toEqual([['sw1', 'SW1']]);
    expect(r.skipped.map((s) => [s.where, s.kind, s.reason])).toEqual([
      ['line 2', 'collision', "device name sw1 is already line 1's; rename one in the source"],
      ['line 3', 'collision', "device name lab-1 is already devices/lab.yaml's; rename one in the source"],
      ['line 4', 'bad-host', expect.stringMatching(/^host "sw 2!" must be a host name/)],
      ['line 5', 'bad-host', expect.stringMatching(/^host "bad_host!" must be a host name/)],
    ]);
  });
});

function matchOf(tool: (typeof IMPORT_TOOLS)[number], model: string): string {
  const m = matchModel(modelTable(tool), model);
  if (!('platform' in m)) throw new Error(`${model}: no platform`);
  return m.platform;
}
