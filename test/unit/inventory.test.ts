// The inventory as an engineer writes it: YAML files in a devices/ folder, and the exact
// lines they read when something in them is wrong.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { InventoryError, loadInventory } from '../../src/inventory/load.js';
import { LITERAL_SECRET } from '../../src/inventory/schema.js';
import { checkSecrets, resolveSecret, SecretError } from '../../src/inventory/secrets.js';
import { selectDevices, SelectionError } from '../../src/inventory/select.js';
import { LAB_ENV, startFleet } from '../../src/lab/fleet.js';
import { PLATFORM_NAMES } from '../../src/platforms/index.js';

/** Every platform name the inventory takes, as its messages list them. */
const KNOWN = [...PLATFORM_NAMES, 'auto'].sort().join(', ');

// Messages name files as the user typed them (`devices/dc1.yaml`), so the tests run in a
// temporary folder and use relative paths, as an engineer in their repository would.
const home = process.cwd();
const root = mkdtempSync(join(tmpdir(), 'switchback-inventory-'));
let n = 0;
beforeAll(() => process.chdir(root));
afterAll(() => {
  process.chdir(home);
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder of inventory files; returns its relative name. */
function inventory(files: Record<string, string>): string {
  const dir = `inv${++n}`;
  mkdirSync(join(root, dir, 'devices'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, dir, name)), { recursive: true });
    writeFileSync(join(root, dir, name), text);
  }
  return dir;
}

/** Load from inside `dir`, so paths read `devices/…`. */
function load(dir: string, paths = ['devices/']): Device[] {
  process.chdir(join(root, dir));
  try {
    return loadInventory(paths);
  } finally {
    process.chdir(root);
  }
}

function problems(dir: string, paths = ['devices/']): string[] {
  try {
    load(dir, paths);
  } catch (err) {
    if (err instanceof InventoryError) return err.problems;
    throw err;
  }
  throw new Error('the inventory loaded without problems');
}

const DC1 = `# Data centre 1: two core stacks and an access switch.
defaults:
  credentials:
    username: netops
    password: env:SWITCHBACK_PASSWORD
    enable: env:SWITCHBACK_ENABLE
  snmp:
    version: 3
    user: netops
    auth: { protocol: sha, key: env:SNMP_AUTH }
    priv: { protocol: aes, key: env:SNMP_PRIV }
  timeouts:
    commandMs: 20000

devices:
  - name: core-stack-1
    host: 10.0.0.10
    platform: cisco-ios
    group: dc1
    tags: [core, stack]
    stack:
      members:
        - { number: 1, feed: A }
        - { number: 2, feed: B }
  - name: core-stack-2
    host: 10.0.0.11
    port: 2222
    platform: cisco-ios
    group: dc1
    tags: [core, stack]
    credentials:
      username: env:CORE_USER
      password: null            # key login only on this one
      privateKey: file:keys/core-2
    snmp: { port: 1161 }
    timeouts: { deviceMs: 300000 }
    stack:
      members: [{ number: 1, feed: A }, { number: 2, feed: B }, { number: 3, feed: A }]
  - name: access-1.floor2
    host: sw-access-1.dc1.example.net
    platform: cisco-ios
    group: dc1
    snmp: { version: 2, community: file:/etc/switchback/community }
`;

describe('loading a good inventory', () => {
  it('merges defaults under each device, the device winning, and fills in the documented defaults', () => {
    const devices = load(inventory({ 'devices/dc1.yaml': DC1 }));
    expect(devices.map((d) => d.name)).toEqual(['core-stack-1', 'core-stack-2', 'access-1.floor2']);
    expect(devices[0]).toEqual({
      name: 'core-stack-1',
      host: '10.0.0.10',
      port: 22,
      platform: 'cisco-ios',
      group: 'dc1',
      tags: ['core', 'stack'],
      credentials: { username: 'netops', password: { from: 'env', name: 'SWITCHBACK_PASSWORD' }, enable: { from: 'env', name: 'SWITCHBACK_ENABLE' } },
      snmp: {
        version: 3,
        port: 161,
        user: 'netops',
        auth: { protocol: 'sha', key: { from: 'env', name: 'SNMP_AUTH' } },
        priv: { protocol: 'aes', key: { from: 'env', name: 'SNMP_PRIV' } },
        timeoutMs: 5000,
        retries: 1,
      },
      stack: {
        members: [
          { number: 1, feed: 'A' },
          { number: 2, feed: 'B' },
        ],
      },
      transport: 'ssh',
      timeouts: { commandMs: 20000, deviceMs: 120000 },
      origin: { file: 'devices/dc1.yaml', index: 0 },
    } satisfies Device);
  });

  it('lets a device override part of a default mapping, remove a default with null, and switch SNMP version', () => {
    const [, core2, access] = load(inventory({ 'devices/dc1.yaml': DC1 }));
    expect(core2).toMatchObject({
      port: 2222,
      // username replaced, password removed, enable kept from defaults, a relative file: anchored at the inventory file's folder
      credentials: {
        username: { from: 'env', name: 'CORE_USER' },
        enable: { from: 'env', name: 'SWITCHBACK_ENABLE' },
        privateKey: { from: 'file', path: 'devices/keys/core-2' },
      },
      snmp: { version: 3, port: 1161, user: 'netops' },
      timeouts: { commandMs: 20000, deviceMs: 300000 },
      origin: { file: 'devices/dc1.yaml', index: 1 },
    });
    expect(core2!.credentials.password).toBeUndefined();
    // A v2c block replaces the v3 default whole: they share no credentials.
    expect(access!.snmp).toEqual({ version: 2, community: { from: 'file', path: '/etc/switchback/community' }, port: 161, timeoutMs: 5000, retries: 1 });
    expect(access!.tags).toEqual([]);
  });

  it('reads a folder’s *.yaml and *.yml in name order, ignoring other files; defaults stay in their file', () => {
    const dir = inventory({
      'devices/b-dc2.yml':
        'devices:\n  - { name: dist-1, host: 10.2.0.1, platform: cisco-ios, credentials: { username: admin, password: file:/run/secrets/dc2 } }\n',
      'devices/a-dc1.yaml': DC1,
      'devices/README.md': '# not an inventory\n',
      'devices/lab.sock': '',
    });
    const devices = load(dir);
    expect(devices.map((d) => `${d.origin.file}#${d.origin.index} ${d.name}`)).toEqual([
      'devices/a-dc1.yaml#0 core-stack-1',
      'devices/a-dc1.yaml#1 core-stack-2',
      'devices/a-dc1.yaml#2 access-1.floor2',
      'devices/b-dc2.yml#0 dist-1',
    ]);
    expect(devices[3]!.snmp).toBeUndefined();
    expect(devices[3]!.credentials.enable).toBeUndefined();
  });

  it('takes files and folders together and reads a file named twice once', () => {
    const dir = inventory({
      'devices/dc1.yaml': DC1,
      'extra.yaml':
        'devices:\n  - { name: edge-1, host: 192.0.2.1, platform: auto, snmp: { version: 2, community: env:C }, credentials: { username: u, password: env:P } }\n',
    });
    expect(load(dir, ['devices', 'devices/dc1.yaml', 'extra.yaml']).map((d) => d.name)).toEqual(['core-stack-1', 'core-stack-2', 'access-1.floor2', 'edge-1']);
  });

  it('understands YAML anchors and merge keys, parked under an x- key', () => {
    const dir = inventory({
      'devices/dc1.yaml': `x-access: &access
  platform: cisco-ios
  group: dc1
  tags: [access]
  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD }
devices:
  - { <<: *access, name: access-1, host: 10.0.1.1 }
  - { <<: *access, name: access-2, host: 10.0.1.2, tags: [access, poe] }
`,
    });
    expect(load(dir).map((d) => [d.name, d.group, d.tags.join(',')])).toEqual([
      ['access-1', 'dc1', 'access'],
      ['access-2', 'dc1', 'access,poe'],
    ]);
  });

  it('loads the inventory that `switchback lab up` writes', async () => {
    const fleet = await startFleet({ count: 3, platform: 'cisco-ios' });
    let yaml: string;
    try {
      yaml = fleet.inventory();
    } finally {
      await fleet.stop();
    }
    const devices = load(inventory({ 'devices/lab.yaml': yaml }));
    expect(devices.map((d) => d.name)).toEqual(['lab-sw-01', 'lab-sw-02', 'lab-sw-03']);
    for (const d of devices) {
      expect(d).toMatchObject({ host: '127.0.0.1', platform: 'cisco-ios', group: 'lab', transport: 'ssh' });
      expect(d.credentials).toEqual({
        username: { from: 'env', name: LAB_ENV.username },
        password: { from: 'env', name: LAB_ENV.password },
        enable: { from: 'env', name: LAB_ENV.enableSecret },
      });
      expect(d.snmp).toMatchObject({
        version: 3,
        auth: { protocol: 'sha', key: { from: 'env', name: LAB_ENV.snmpAuthKey } },
        priv: { key: { from: 'env', name: LAB_ENV.snmpPrivKey } },
      });
      expect(d.snmp!.port).not.toBe(161);
    }
    expect(devices.map((d) => d.stack?.members.length)).toEqual([2, 3, 1]);
    expect(devices[1]!.stack!.members).toEqual([
      { number: 1, feed: 'A' },
      { number: 2, feed: 'B' },
      { number: 3, feed: 'A' },
    ]);
    expect(devices.map((d) => d.tags)).toEqual([['stack'], ['stack'], ['standalone']]);
  });
});

describe('a bad inventory: every problem, each naming file, device and field', () => {
  it('a missing field, a literal secret (never echoed), an unknown field, an unknown platform, a bad name', () => {
    const dir = inventory({
      'devices/dc1.yaml': `defaults:
  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD }
devices:
  - name: core-1
    host: 10.0.0.1
    platform: cisco-ios
  - name: core-1b
    host: 10.0.0.2
    platform: cisco-ios
    credentials:
      password: Sup3rS3cret!
  - name: core-1c
    host: 10.0.0.3
    platform: cisco-iso
    credentails: { username: admin }
  - name: core-2
    platform: cisco-ios
  - name: Core_Stack 3
    host: 10.0.0.5
    platform: cisco-ios
`,
    });
    const got = problems(dir);
    expect(got).toEqual([
      `devices/dc1.yaml: devices[1] (core-1b).credentials.password: ${LITERAL_SECRET}`,
      `devices/dc1.yaml: devices[2] (core-1c).platform: unknown platform "cisco-iso"; did you mean cisco-ios? (known: ${KNOWN})`,
      'devices/dc1.yaml: devices[2] (core-1c).credentails: unknown field; did you mean credentials?',
      'devices/dc1.yaml: devices[3] (core-2).host: required',
      'devices/dc1.yaml: devices[4] (Core_Stack 3).name: may hold only a-z, 0-9, ".", "_" and "-", 1 to 63 characters (it becomes a folder name)',
    ]);
    expect(got.join('\n')).not.toContain('Sup3rS3cret');
    expect(LITERAL_SECRET).toBe('a secret must be a reference (env:NAME or file:PATH), not a literal value');
  });

  it('a problem in defaults is reported once, against defaults, not once per device', () => {
    const dir = inventory({
      'devices/dc1.yaml': `defaults:
  credentials: { username: netops, password: hunter2, enable: env:EN }
  snmp: { version: 3, user: netops, auth: { protocol: md5, key: env:A }, priv: { protocol: aes, key: env:P } }
  transprot: ssh
  name: sw
devices:
  - { name: a-1, host: 10.0.0.1, platform: cisco-ios }
  - { name: a-2, host: 10.0.0.2, platform: cisco-ios }
  - { name: a-3, host: 10.0.0.3, platform: cisco-ios, credentials: { password: env:A3 } }
`,
    });
    expect(problems(dir)).toEqual([
      'devices/dc1.yaml: defaults.name: cannot be a default; each device needs its own',
      `devices/dc1.yaml: defaults.credentials.password: ${LITERAL_SECRET}`,
      'devices/dc1.yaml: defaults.snmp.auth.protocol: must be sha or sha256',
      'devices/dc1.yaml: defaults.transprot: unknown field; did you mean transport?',
    ]);
  });

  it('a duplicate name, within a file and across files, points at the first', () => {
    const dev = (name: string, host: string) => `  - { name: ${name}, host: ${host}, platform: cisco-ios, credentials: { username: u, password: env:P } }\n`;
    const dir = inventory({
      'devices/dc1.yaml': 'devices:\n' + dev('core-0', '10.1.0.1') + dev('core-9', '10.1.0.9') + dev('core-1', '10.1.0.2'),
      'devices/dc2.yaml': 'devices:\n' + dev('core-1', '10.2.0.1') + dev('core-9', '10.2.0.9') + '  - { name: core-0, platform: cisco-ios }\n',
    });
    // The third entry of dc2 has a problem of its own; its duplicate name is reported in the same run.
    expect(problems(dir)).toEqual([
      'devices/dc2.yaml: devices[2] (core-0).host: required',
      'devices/dc2.yaml: devices[2] (core-0).credentials: required',
      'devices/dc2.yaml: devices[0] (core-1).name: duplicate of devices/dc1.yaml: devices[2]',
      'devices/dc2.yaml: devices[1] (core-9).name: duplicate of devices/dc1.yaml: devices[1]',
      'devices/dc2.yaml: devices[2] (core-0).name: duplicate of devices/dc1.yaml: devices[0]',
    ]);
  });

  it('YAML syntax errors with line and column, without quoting the file (it may hold a secret)', () => {
    const dir = inventory({
      'devices/dc1.yaml': 'devices:\n  - name: core-1\n    host: 10.0.0.1\n   password: oops-a-literal\n',
      'devices/dc2.yaml': 'devices:\n  - name: core-2\n    name: core-3\n    host: 10.0.0.2\n',
    });
    const got = problems(dir);
    expect(got).toEqual([
      'devices/dc1.yaml: line 4, column 1: YAML syntax: Sequence item without - indicator',
      'devices/dc2.yaml: line 3, column 5: YAML syntax: Map keys must be unique',
    ]);
    expect(got.join('\n')).not.toContain('oops');
  });

  it('types, ranges, stacks, SNMP and cross-field rules', () => {
    const dir = inventory({
      'devices/dc1.yaml': `devices:
  - name: core-1
    host: 10.0.0.1
    port: "22"
    platform: cisco-ios
    tags: core
    credentials: { username: netops }
    stack:
      members:
        - { number: 1, feed: A }
        - { number: 1, feed: 2 }
  - name: core-2
    host: 10.0.0.2
    port: 70000
    platform: auto
    transport: telnet
    credentials: { username: netops, password: env:P, passphrase: env:PP }
    timeouts: { commandMs: 60000, deviceMs: 30000 }
  - name: core-3
    host: 10.0.0.3
    platform: cisco-ios
    credentials: { username: netops, password: env:P }
    snmp: { version: 2, community: public, user: netops }
  - name: core-4
    host: 10.0.0.4
    platform: cisco-ios
    credentials: { username: netops, password: env:P }
    snmp: { version: 1, community: env:C }
  - name: 1.10
    host: 10.0.0.5
    platform: cisco-ios
    credentials: { username: netops, password: "env:bad-name" }
  - just-a-name
  - { name: .git, host: 10.0.0.7, platform: cisco-ios, credentials: { username: netops, password: env:P } }
  - { name: core..1, host: 10.0.0.8, platform: cisco-ios, credentials: { username: netops, password: env:P } }
  - { name: sw.lock, host: 10.0.0.9, platform: cisco-ios, credentials: { username: netops, password: env:P } }
`,
    });
    expect(problems(dir)).toEqual([
      'devices/dc1.yaml: devices[0] (core-1).port: must be a number, got text (remove the quotes)',
      'devices/dc1.yaml: devices[0] (core-1).tags: must be a list, got text',
      'devices/dc1.yaml: devices[0] (core-1).stack.members[1].feed: must be text, got number (put it in quotes)',
      'devices/dc1.yaml: devices[0] (core-1).credentials: needs a password or a privateKey to log in over SSH',
      'devices/dc1.yaml: devices[0] (core-1).stack.members[1].number: duplicate of stack.members[0]',
      'devices/dc1.yaml: devices[1] (core-2).port: must be a whole number from 1 to 65535',
      'devices/dc1.yaml: devices[1] (core-2).transport: must be ssh or snmp-tftp',
      'devices/dc1.yaml: devices[1] (core-2).credentials.passphrase: given without a privateKey',
      'devices/dc1.yaml: devices[1] (core-2).snmp: required with platform auto (it is detected over SNMP)',
      'devices/dc1.yaml: devices[1] (core-2).timeouts.deviceMs: must be at least timeouts.commandMs (60000)',
      `devices/dc1.yaml: devices[2] (core-3).snmp.community: ${LITERAL_SECRET}`,
      'devices/dc1.yaml: devices[2] (core-3).snmp.user: only with SNMP version 3',
      'devices/dc1.yaml: devices[3] (core-4).snmp.version: must be 2 (v2c) or 3',
      'devices/dc1.yaml: devices[4].name: must be text, got number (put it in quotes)',
      'devices/dc1.yaml: devices[4].credentials.password: env: takes a variable name of letters, digits and _ (env:SWITCHBACK_PASSWORD)',
      'devices/dc1.yaml: devices[5]: must be a mapping of device fields (name: …, host: …)',
      'devices/dc1.yaml: devices[6] (.git).name: must start with a letter or a digit (it becomes a folder name)',
      'devices/dc1.yaml: devices[7] (core..1).name: must not contain ".." (it becomes a folder name)',
      'devices/dc1.yaml: devices[8] (sw.lock).name: must not end in ".lock" or ".tmp" (the backups repository ignores such names)',
    ]);
  });

  it('tftp: where the TFTP receiver for SNMP config copies listens; port 69 by default; an IP address; required by snmp-tftp', () => {
    const good = inventory({
      'devices/dc1.yaml': `defaults:
  credentials: { username: netops, password: env:P }
  snmp: { version: 2, community: env:C }
  tftp: { address: 10.0.0.250 }
devices:
  - { name: core-1, host: 10.0.0.1, platform: cisco-ios }
  - { name: core-2, host: 10.0.0.2, platform: cisco-ios, transport: snmp-tftp, tftp: { address: "fd00::250", port: 6969 } }
  - { name: core-3, host: 10.0.0.3, platform: cisco-ios, tftp: null }
`,
    });
    const [one, two, three] = load(good);
    expect(one!.tftp).toEqual({ address: '10.0.0.250', port: 69 });
    expect(two).toMatchObject({ transport: 'snmp-tftp', tftp: { address: 'fd00::250', port: 6969 } });
    expect(three!.tftp).toBeUndefined();

    const bad = inventory({
      'devices/dc1.yaml': `defaults:
  credentials: { username: netops, password: env:P }
  snmp: { version: 2, community: env:C }
devices:
  - { name: core-1, host: 10.0.0.1, platform: cisco-ios, transport: snmp-tftp }
  - { name: core-2, host: 10.0.0.2, platform: cisco-ios, tftp: { address: tftp.example.net } }
  - { name: core-3, host: 10.0.0.3, platform: cisco-ios, tftp: { address: 0.0.0.0, port: 70000 } }
  - { name: core-4, host: 10.0.0.4, platform: cisco-ios, tftp: { adress: 10.0.0.250 } }
  - { name: core-5, host: 10.0.0.5, platform: cisco-ios, tftp: 10.0.0.250 }
`,
    });
    expect(problems(bad)).toEqual([
      "devices/dc1.yaml: devices[0] (core-1).tftp: required with transport snmp-tftp (where switchback's TFTP receiver listens: tftp: { address: …, port: 69 })",
      'devices/dc1.yaml: devices[1] (core-2).tftp.address: must be an IP address of this host (the switch is told to send to it), not a host name',
      'devices/dc1.yaml: devices[2] (core-3).tftp.address: must be an address the switch can send to, not 0.0.0.0 (it is told this address)',
      'devices/dc1.yaml: devices[2] (core-3).tftp.port: must be a whole number from 1 to 65535',
      'devices/dc1.yaml: devices[3] (core-4).tftp.address: required',
      'devices/dc1.yaml: devices[3] (core-4).tftp.adress: unknown field; did you mean address?',
      'devices/dc1.yaml: devices[4] (core-5).tftp: must be a mapping, got text',
    ]);
  });

  it('unreadable and missing files, an empty folder, a file without devices, no devices at all', () => {
    const dir = inventory({ 'devices/empty.yaml': '', 'devices/top.yaml': 'device:\n  - name: x\n', 'site/none.yaml': 'devices: []\n' });
    symlinkSync('gone.yaml', join(root, dir, 'devices', 'broken.yaml'));
    mkdirSync(join(root, dir, 'nothing'));
    expect(problems(dir, ['devices/', 'nope.yaml', 'nothing'])).toEqual([
      'nope.yaml: no such file or folder',
      'nothing: no *.yaml or *.yml files in this folder',
      'devices/broken.yaml: cannot read: no such file or folder',
      'devices/empty.yaml: empty file; expected `devices:` with a list of devices (and optionally `defaults:`)',
      'devices/top.yaml: device: unknown field; did you mean devices?',
      'devices/top.yaml: devices: required (a list of devices)',
    ]);
    expect(problems(dir, ['site'])).toEqual(['no devices in site']);
  });

  it('host: a host name (RFC 1123 labels), an IPv4 or an IPv6 address, nothing else', () => {
    const dev = (name: string, host: string) =>
      `  - { name: ${name}, host: ${JSON.stringify(host)}, platform: cisco-ios, credentials: { username: u, password: env:P } }\n`;
    const good = ['sw-1.dc1.example.net', 'SW2.Example.NET.', '10.0.0.1', 'fe80::1', '2001:db8::10', '1sw', 'sw_01.corp'];
    expect(load(inventory({ 'devices/h.yaml': 'devices:\n' + good.map((h, i) => dev(`ok-${i}`, h)).join('') })).map((d) => d.host)).toEqual(good);
    const bad = [
      '$(id)',
      'a;b',
      '-',
      'höst',
      'a'.repeat(5_000_000),
      'a..b',
      '-sw.example.net',
      'sw-.example.net',
      `${'a'.repeat(64)}.net`,
      '999.1.2.3',
      '10.0.0',
      'sw 1',
      '[::1]',
    ];
    const got = problems(inventory({ 'devices/h.yaml': 'devices:\n' + bad.map((h, i) => dev(`h-${i}`, h)).join('') }));
    const rule =
      'must be a host name (labels of a-z, 0-9, "_" and "-", not starting or ending with "-", 1 to 63 characters, joined by "."), an IPv4 or an IPv6 address';
    expect(got).toEqual([
      `devices/h.yaml: devices[0] (h-0).host: ${rule}`,
      `devices/h.yaml: devices[1] (h-1).host: ${rule}`,
      `devices/h.yaml: devices[2] (h-2).host: ${rule}`,
      `devices/h.yaml: devices[3] (h-3).host: ${rule} (an international name in its xn-- form)`,
      'devices/h.yaml: devices[4] (h-4).host: must be at most 253 characters (a host name, an IPv4 or an IPv6 address)',
      `devices/h.yaml: devices[5] (h-5).host: ${rule}`,
      `devices/h.yaml: devices[6] (h-6).host: ${rule}`,
      `devices/h.yaml: devices[7] (h-7).host: ${rule}`,
      `devices/h.yaml: devices[8] (h-8).host: ${rule}`,
      'devices/h.yaml: devices[9] (h-9).host: must be an IPv4 address of four numbers from 0 to 255 (a host name does not end in a number)',
      'devices/h.yaml: devices[10] (h-10).host: must be an IPv4 address of four numbers from 0 to 255 (a host name does not end in a number)',
      `devices/h.yaml: devices[11] (h-11).host: ${rule}`,
      `devices/h.yaml: devices[12] (h-12).host: ${rule}`,
    ]);
  });

  it('every text field is bounded and one line: feed, group, tags, usernames, SNMP user, references', () => {
    const long = 'x'.repeat(10_000);
    const dir = inventory({
      'devices/b.yaml': `devices:
  - name: b-1
    host: 10.0.0.1
    platform: cisco-ios
    group: ${JSON.stringify('dc1\nrogue line')}
    tags: [${JSON.stringify(long)}, ok]
    credentials: { username: ${JSON.stringify(long)}, password: env:${'P'.repeat(300)}, enable: file:/${long} }
    snmp: { version: 3, user: ${'u'.repeat(33)}, auth: { protocol: sha, key: env:A }, priv: { protocol: aes, key: env:B } }
    stack:
      members:
        - { number: 1, feed: ${JSON.stringify('A\nB')} }
        - { number: 2, feed: ${JSON.stringify(long)} }
        - { number: 3, feed: PDU-2B }
  - name: b-2
    host: 10.0.0.2
    platform: cisco-ios
    tags: [${Array.from({ length: 65 }, (_, i) => `t${i}`).join(', ')}]
    credentials: { username: u, password: env:P }
`,
    });
    const got = problems(dir);
    expect(got).toEqual([
      'devices/b.yaml: devices[0] (b-1).group: must be one line of at most 64 characters',
      'devices/b.yaml: devices[0] (b-1).tags[0]: must be one line of at most 64 characters',
      'devices/b.yaml: devices[0] (b-1).credentials.username: must be one line of at most 128 characters',
      'devices/b.yaml: devices[0] (b-1).credentials.password: env: takes a variable name of at most 255 characters',
      'devices/b.yaml: devices[0] (b-1).credentials.enable: file: takes a path of at most 4096 characters, on one line',
      'devices/b.yaml: devices[0] (b-1).snmp.user: must be one line of at most 32 characters',
      'devices/b.yaml: devices[0] (b-1).stack.members[0].feed: must be one line of at most 64 characters',
      'devices/b.yaml: devices[0] (b-1).stack.members[1].feed: must be one line of at most 64 characters',
      'devices/b.yaml: devices[1] (b-2).tags: must list at most 64 tags',
    ]);
    expect(got.join('\n')).not.toContain('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
  });

  it('echoes at most 60 characters of a value, on one line: a long name, platform or field name is cut with …', () => {
    const huge = 'a'.repeat(1_000_000);
    const dir = inventory({
      'devices/e.yaml': `devices:
  - { name: ${huge}, host: 10.0.0.1, platform: cisco-ios, credentials: { username: u, password: env:P } }
  - { name: e-2, host: 10.0.0.2, platform: ${huge}, credentials: { username: u, password: env:P } }
  - { name: e-3, host: 10.0.0.3, platform: cisco-ios, credentials: { username: u, password: env:P }, ${huge}: 1 }
  - { name: ${JSON.stringify('e\nfake: line')}, host: 10.0.0.4, platform: cisco-ios, credentials: { username: u, password: env:P } }
`,
    });
    const got = problems(dir);
    const cut = `${'a'.repeat(60)}…`;
    expect(got).toEqual([
      `devices/e.yaml: devices[0] (${cut}).name: may hold only a-z, 0-9, ".", "_" and "-", 1 to 63 characters (it becomes a folder name)`,
      `devices/e.yaml: devices[1] (e-2).platform: unknown platform "${cut}" (known: ${KNOWN})`,
      `devices/e.yaml: devices[2] (e-3).${cut}: unknown field (known here: name, host, port, platform, group, tags, credentials, snmp, stack, feed, pair, transport, tftp, timeouts, maxOutput, platformOptions)`,
      'devices/e.yaml: devices[3] (e\\nfake: line).name: may hold only a-z, 0-9, ".", "_" and "-", 1 to 63 characters (it becomes a folder name)',
    ]);
    for (const line of got) expect(line.length).toBeLessThan(400);
  });

  it('refuses __proto__ and constructor like any unknown field, wherever they are', () => {
    const dir = inventory({
      'devices/p.yaml': `__proto__: { devices: [] }
defaults:
  constructor: 1
devices:
  - name: p-1
    host: 10.0.0.1
    platform: cisco-ios
    credentials: { username: u, password: env:P }
    __proto__: { platform: auto }
  - name: p-2
    host: 10.0.0.2
    platform: cisco-ios
    credentials: { username: u, password: env:P, constructor: x }
    stack: { members: [{ number: 1, __proto__: { feed: A } }] }
  - name: p-3
    host: 10.0.0.3
    platform: cisco-ios
    credentials: { username: u, password: env:P }
    snmp: { version: 2, community: env:C, __proto__: { port: 1 } }
    timeouts: { constructor: { prototype: 1 } }
`,
    });
    expect(problems(dir)).toEqual([
      'devices/p.yaml: __proto__: unknown field (known here: defaults, devices)',
      'devices/p.yaml: defaults.constructor: unknown field (known here: name, host, port, platform, group, tags, credentials, snmp, stack, feed, pair, transport, tftp, timeouts, maxOutput, platformOptions)',
      'devices/p.yaml: devices[0] (p-1).__proto__: unknown field (known here: name, host, port, platform, group, tags, credentials, snmp, stack, feed, pair, transport, tftp, timeouts, maxOutput, platformOptions)',
      'devices/p.yaml: devices[1] (p-2).credentials.constructor: unknown field (known here: username, password, enable, privateKey, passphrase)',
      'devices/p.yaml: devices[1] (p-2).stack.members[0].__proto__: unknown field (known here: number, feed)',
      'devices/p.yaml: devices[2] (p-3).snmp.__proto__: unknown field (known here: version, community, port, timeoutMs, retries)',
      'devices/p.yaml: devices[2] (p-3).timeouts.constructor: unknown field (known here: commandMs, deviceMs)',
    ]);
  });

  it('InventoryError carries the list; its message has every line', () => {
    const dir = inventory({ 'devices/a.yaml': 'devices:\n  - { name: x }\n' });
    try {
      load(dir);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InventoryError);
      const e = err as InventoryError;
      expect(e.problems).toEqual([
        'devices/a.yaml: devices[0] (x).host: required',
        'devices/a.yaml: devices[0] (x).platform: required',
        'devices/a.yaml: devices[0] (x).credentials: required',
      ]);
      expect(e.message).toBe(`3 problems in the inventory:\n${e.problems.join('\n')}`);
    }
  });
});

describe('secrets', () => {
  const env = { SWITCHBACK_PASSWORD: 'pw-value-1', EMPTY: '' };
  let dir: string;
  beforeEach(() => {
    dir = join(root, `secrets${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'enable'), 'enable-value-1\n');
    writeFileSync(join(dir, 'blank'), '\n');
  });

  it('resolves env and file references; a file loses its trailing newline', () => {
    expect(resolveSecret({ from: 'env', name: 'SWITCHBACK_PASSWORD' }, 'core-1 credentials.password', env)).toBe('pw-value-1');
    expect(resolveSecret({ from: 'file', path: join(dir, 'enable') }, 'core-1 credentials.enable', env)).toBe('enable-value-1');
    expect(resolveSecret('netops', 'core-1 credentials.username', env)).toBe('netops');
  });

  it('names the device, the field and the variable or file, never a value', () => {
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(SecretError);
        return (err as Error).message;
      }
      throw new Error('resolved');
    };
    expect(fail(() => resolveSecret({ from: 'env', name: 'MISSING_PW' }, 'core-1 credentials.password', env))).toBe(
      'core-1 credentials.password: environment variable MISSING_PW is not set',
    );
    expect(fail(() => resolveSecret({ from: 'env', name: 'EMPTY' }, 'core-1 credentials.password', env))).toBe(
      'core-1 credentials.password: environment variable EMPTY is empty',
    );
    expect(fail(() => resolveSecret({ from: 'file', path: join(dir, 'nope') }, 'core-1 credentials.enable', env))).toBe(
      `core-1 credentials.enable: cannot read secret file ${join(dir, 'nope')}: no such file or folder`,
    );
    expect(fail(() => resolveSecret({ from: 'file', path: join(dir, 'blank') }, 'core-1 credentials.enable', env))).toBe(
      `core-1 credentials.enable: secret file ${join(dir, 'blank')} is empty`,
    );
  });

  it('checkSecrets lists each missing variable or unreadable file once, with who needs it', () => {
    const inv = inventory({
      'devices/dc1.yaml': `defaults:
  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD, enable: env:SWITCHBACK_ENABLE }
devices:
${['core-1', 'core-2', 'core-3', 'core-4', 'core-5'].map((name, i) => `  - { name: ${name}, host: 10.0.0.${i + 1}, platform: cisco-ios }`).join('\n')}
  - name: edge-1
    host: 10.0.1.1
    platform: cisco-ios
    credentials: { privateKey: file:keys/edge-1, password: null, enable: env:SWITCHBACK_PASSWORD }
    snmp: { version: 2, community: file:${join(dir, 'enable')} }
`,
    });
    const devices = load(inv);
    expect(checkSecrets(devices, env)).toEqual([
      'environment variable SWITCHBACK_ENABLE is not set (devices/dc1.yaml: credentials.enable of core-1, core-2 and 3 more)',
      'cannot read secret file devices/keys/edge-1: no such file or folder (devices/dc1.yaml: credentials.privateKey of edge-1)',
    ]);
    expect(checkSecrets(devices, { ...env, SWITCHBACK_ENABLE: 'x' }).length).toBe(1);
  });

  it('reads only a regular file of at most 64 KiB: a device, a FIFO, a folder, a large or missing file is refused at once, naming file and field', () => {
    writeFileSync(join(dir, 'large'), 'x'.repeat(64 * 1024 + 1));
    writeFileSync(join(dir, 'key'), 'k'.repeat(64 * 1024 - 1) + '\n'); // as large as a secret may be
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const secret = (field: string, path: string) => `    credentials: { username: netops, ${field}: file:${path} }\n`;
    const inv = inventory({
      'devices/odd.yaml': `devices:
  - { name: zero, host: 10.0.0.1, platform: cisco-ios, credentials: { username: netops, password: file:/dev/zero } }
  - { name: random, host: 10.0.0.2, platform: cisco-ios, credentials: { username: netops, password: file:/dev/urandom } }
  - name: fifo
    host: 10.0.0.3
    platform: cisco-ios
${secret('password', join(dir, 'fifo'))}  - name: folder
    host: 10.0.0.4
    platform: cisco-ios
${secret('password', dir)}  - name: large
    host: 10.0.0.5
    platform: cisco-ios
${secret('privateKey', join(dir, 'large'))}  - name: missing
    host: 10.0.0.6
    platform: cisco-ios
${secret('password', join(dir, 'missing'))}  - name: key
    host: 10.0.0.7
    platform: cisco-ios
${secret('privateKey', join(dir, 'key'))}`,
    });
    const devices = load(inv);
    expect(checkSecrets(devices, env)).toEqual([
      'cannot read secret file /dev/zero: not a regular file (a device) (devices/odd.yaml: credentials.password of zero)',
      'cannot read secret file /dev/urandom: not a regular file (a device) (devices/odd.yaml: credentials.password of random)',
      `cannot read secret file ${join(dir, 'fifo')}: not a regular file (a FIFO) (devices/odd.yaml: credentials.password of fifo)`,
      `cannot read secret file ${dir}: is a folder, not a file (devices/odd.yaml: credentials.password of folder)`,
      `cannot read secret file ${join(dir, 'large')}: larger than 64 KiB (devices/odd.yaml: credentials.privateKey of large)`,
      `cannot read secret file ${join(dir, 'missing')}: no such file or folder (devices/odd.yaml: credentials.password of missing)`,
    ]);
    const key = devices.find((d) => d.name === 'key')!;
    expect(resolveSecret(key.credentials.privateKey!, 'devices/odd.yaml: key.credentials.privateKey', env)).toHaveLength(64 * 1024 - 1);
    const zero = devices.find((d) => d.name === 'zero')!;
    expect(() => resolveSecret(zero.credentials.password!, 'devices/odd.yaml: zero.credentials.password', env)).toThrow(
      new SecretError('devices/odd.yaml: zero.credentials.password: cannot read secret file /dev/zero: not a regular file (a device)'),
    );
  });

  it('an inventory path that is a device or a FIFO is refused, not read', () => {
    execFileSync('mkfifo', [join(dir, 'inventory.yaml')]);
    expect(problems('.', ['/dev/zero', join(dir, 'inventory.yaml')])).toEqual([
      '/dev/zero: cannot read: not a regular file (a device)',
      `${join(dir, 'inventory.yaml')}: cannot read: not a regular file (a FIFO)`,
    ]);
  });
});

describe('selecting devices', () => {
  let devices: Device[];
  beforeAll(() => {
    devices = load(
      inventory({
        'devices/dc1.yaml': DC1,
        'devices/dc2.yaml': `defaults: { credentials: { username: u, password: env:P }, group: dc2 }
devices:
  - { name: core-stack-3, host: 10.2.0.1, platform: cisco-ios, tags: [core, stack] }
  - { name: dist-1, host: 10.2.0.2, platform: cisco-ios, tags: [dist] }
`,
      }),
    );
  });
  const names = (sel: Parameters<typeof selectDevices>[1]) => selectDevices(devices, sel).map((d) => d.name);
  const refused = (sel: Parameters<typeof selectDevices>[1]) => {
    try {
      selectDevices(devices, sel);
    } catch (err) {
      expect(err).toBeInstanceOf(SelectionError);
      return (err as SelectionError).problems;
    }
    throw new Error('selected');
  };

  it('by name (in inventory order), group and tag; the filters combine', () => {
    expect(names({})).toHaveLength(5);
    expect(names({ names: ['dist-1', 'core-stack-1'] })).toEqual(['core-stack-1', 'dist-1']);
    expect(names({ group: 'dc2' })).toEqual(['core-stack-3', 'dist-1']);
    expect(names({ tag: 'stack' })).toEqual(['core-stack-1', 'core-stack-2', 'core-stack-3']);
    expect(names({ group: 'dc1', tag: 'stack' })).toEqual(['core-stack-1', 'core-stack-2']);
  });

  it('refuses a name, group or tag that is not in the inventory, suggesting the closest', () => {
    expect(refused({ names: ['core-stak-1', 'dist-1', 'firewall'] })).toEqual([
      'no device named core-stak-1 in the inventory; did you mean core-stack-1?',
      'no device named firewall in the inventory',
    ]);
    expect(refused({ group: 'dc3' })).toEqual(['no device in group dc3; did you mean dc1?']);
    expect(refused({ tag: 'edge' })).toEqual(['no device tagged edge (tags: core, dist, stack)']);
    expect(refused({ names: ['dist-1'], tag: 'stack' })).toEqual(['no device matches dist-1 --tag stack']);
  });
});
