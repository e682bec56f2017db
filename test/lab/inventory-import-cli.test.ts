// `switchback inventory import` as someone moving from Oxidized, RANCID or Ansible runs it:
// the real launcher on the built CLI, on samples in each tool's real format
// (test/fixtures/import/), then `switchback inventory` on what it wrote.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'switchback-import-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of its own with the import samples in it, as a user's working folder. */
function site(): string {
  const dir = mkdtempSync(join(root, 'site-'));
  cpSync(FIXTURES, join(dir, 'from'), { recursive: true });
  return dir;
}

const ENV = { NO_COLOR: '1', SWITCHBACK_INVENTORY: '', SWITCHBACK_USERNAME: 'netops', SWITCHBACK_PASSWORD: 'pw-1' };
const names = (stdout: string) => (JSON.parse(stdout) as { devices: Device[] }).devices.map((d) => d.name);

describe('switchback inventory import', () => {
  it("RANCID's router.db: the up devices into devices/rancid.yaml, the others listed; switchback inventory then loads it", async () => {
    const dir = site();
    const run = await runCli(['inventory', 'import', '--from', 'rancid', 'from/rancid/man-page-3.router.db', '--group', 'paris'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('imported 3 devices into devices/rancid.yaml; 2 left out (not up 2)');
    expect(run.stderr.split('\n')).toEqual([
      'not imported: line 3 (core1.paris): state "down", not up: RANCID does not collect it (in testing until 5/5/2001.)',
      'not imported: line 4 (core2.paris): state "ticketed", not up: RANCID does not collect it (Ticket 6054234, 5/3/2001)',
      '',
    ]);
    const listed = await runCli(['inventory', '--check-secrets', '--json'], { cwd: dir, env: ENV });
    expect(listed.code).toBe(0);
    expect(names(listed.stdout)).toEqual(['scooby.shrubbery.net', 'dial1.paris', 'border1.paris']);
    // `inventory NAME` still selects a device beside the `import` subcommand; its options are its own.
    const one = await runCli(['inventory', 'border1.paris', '--group', 'paris', '--json'], { cwd: dir, env: ENV });
    expect(one.code).toBe(0);
    expect(names(one.stdout)).toEqual(['border1.paris']);
  });

  it('never replaces a file without --force; --dry-run prints the file and writes nothing', async () => {
    const dir = site();
    const first = await runCli(['inventory', 'import', '--from', 'rancid', 'from/rancid/man-page-2001.router.db'], { cwd: dir, env: ENV });
    expect(first.code).toBe(0);
    const written = readFileSync(join(dir, 'devices/rancid.yaml'), 'utf8');
    const again = await runCli(['inventory', 'import', '--from', 'rancid', 'from/rancid/faddr-group_02_4rows.router.db'], { cwd: dir, env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('switchback: devices/rancid.yaml exists; --force replaces it, --out writes elsewhere\n');
    expect(readFileSync(join(dir, 'devices/rancid.yaml'), 'utf8')).toBe(written);

    const dry = await runCli(
      ['inventory', 'import', '--from', 'oxidized', 'from/oxidized/sources-comma.router.db', '--delimiter', ',', '--map', 'name=0,ip=1,model=2', '--dry-run'],
      {
        cwd: dir,
        env: ENV,
      },
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  - name: rtr01.local\n    host: 192.168.1.1\n');
    expect(dry.stderr).toBe('would import 1 device\n');
    expect(existsSync(join(dir, 'devices/oxidized.yaml'))).toBe(false);

    const forced = await runCli(['inventory', 'import', '--from', 'rancid', 'from/rancid/man-page-3.router.db', '--force', '-q'], { cwd: dir, env: ENV });
    expect(forced.code).toBe(0);
  });

  it("Oxidized's documented layout: the address and login kept, the password and enable columns in no output and not in the file", async () => {
    const dir = site();
    const run = await runCli(
      ['inventory', 'import', '--from', 'oxidized', 'from/oxidized/sources-colon.router.db', '--map', 'name=0,ip=1,model=2,username=3,password=4,enable=5'],
      { cwd: dir, env: ENV },
    );
    expect(run.code).toBe(0);
    const file = readFileSync(join(dir, 'devices/oxidized.yaml'), 'utf8');
    for (const text of [run.stdout, run.stderr, file]) {
      expect(text).not.toContain('5uP3R53cR3T');
      expect(text).not.toContain('T0p53cR3t');
    }
    expect(run.stderr).toContain('note: column 4: the password of 1 device not imported: secrets are never written in the inventory');
    expect(file).toContain('password: env:SWITCHBACK_PASSWORD');
    const listed = await runCli(['inventory', '--json'], { cwd: dir, env: ENV });
    expect(JSON.parse(listed.stdout)).toMatchObject({ devices: [{ name: 'rtr01.local', host: '192.168.1.1', credentials: { username: 'oxidized' } }] });
  });

  it("--config reads the source's settings from Oxidized's own config: its model_map and default model apply, its secrets do not", async () => {
    const dir = site();
    // A router.db in the layout of the docs' advanced config: hostname:model:username:password:enable_password.
    writeFileSync(join(dir, 'router.db'), 'core1:cisco:admin:pw-line-1:en-line-1\nedge1::admin:pw-line-2:\n');
    const run = await runCli(['inventory', 'import', '--from', 'oxidized', 'router.db', '--config', 'from/oxidized/docs-advanced.config'], {
      cwd: dir,
      env: ENV,
    });
    expect(run.code).toBe(0);
    const file = readFileSync(join(dir, 'devices/oxidized.yaml'), 'utf8');
    for (const text of [run.stdout, run.stderr, file]) expect(text).not.toMatch(/pw-line|en-line|S3cr3tx/);
    const listed = await runCli(['inventory', '--json'], { cwd: dir, env: ENV });
    expect((JSON.parse(listed.stdout) as { devices: Device[] }).devices.map((d) => [d.name, d.platform, d.credentials.username])).toEqual([
      ['core1', 'cisco-ios', 'admin'],
      ['edge1', 'juniper-junos', 'admin'],
    ]);
    const wrongTool = await runCli(['inventory', 'import', '--from', 'rancid', 'router.db', '--config', 'from/oxidized/docs-advanced.config'], {
      cwd: dir,
      env: ENV,
    });
    expect(wrongTool.code).toBe(2);
  });

  it('an unknown model is reported with its line and left out, never guessed (exit 3); --model maps it; nothing to import writes nothing', async () => {
    const dir = site();
    const unknown = await runCli(['inventory', 'import', '--from', 'oxidized', 'from/oxidized/podman-compose.router.db'], { cwd: dir, env: ENV });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe(
      'left out: line 1 (asternos-device): model "asternos" maps to no switchback platform (give one with --model asternos=PLATFORM)\nimported 0 devices; 1 left out (unknown model 1)\n',
    );
    expect(existsSync(join(dir, 'devices'))).toBe(false);

    const lab = await runCli(['inventory', 'import', '--from', 'rancid', 'from/rancid/faddr-group_01_3rows.router.db'], { cwd: dir, env: ENV });
    expect(lab.code).toBe(3);
    const mapped = await runCli(
      [
        'inventory',
        'import',
        '--from',
        'rancid',
        'from/rancid/faddr-group_01_3rows.router.db',
        '--model',
        'cisco-faddr=cisco-ios',
        '--model',
        'juniper-faddr=juniper-junos',
      ],
      { cwd: dir, env: ENV },
    );
    expect(mapped.code).toBe(0);
    const listed = await runCli(['inventory', '--json'], { cwd: dir, env: ENV });
    expect((JSON.parse(listed.stdout) as { devices: Device[] }).devices.map((d) => [d.name, d.platform])).toEqual([
      ['cisco-ios-15-7206', 'cisco-ios'],
      ['juniper-junos-17-vmx', 'juniper-junos'],
    ]);
    const badMap = await runCli(
      ['inventory', 'import', '--from', 'rancid', 'from/rancid/faddr-group_01_3rows.router.db', '--model', 'x=no-such', '--dry-run'],
      { cwd: dir, env: ENV },
    );
    expect(badMap.code).toBe(2);
  });

  it("Ansible's INI with groups and :vars: the network devices in, passwords nowhere, unknown OS reported; the folder still loads beside another file", async () => {
    const dir = site();
    mkdirSync(join(dir, 'devices'));
    // A device of the same name already in the inventory: reported, not written twice.
    writeFileSync(
      join(dir, 'devices/core.yaml'),
      'defaults:\n  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD }\ndevices:\n  - { name: ios03, host: 10.9.9.9, platform: cisco-ios }\n',
    );
    const run = await runCli(['inventory', 'import', '--from', 'ansible', 'from/ansible/best-practices.ini'], { cwd: dir, env: ENV });
    expect(run.code).toBe(3);
    const file = readFileSync(join(dir, 'devices/ansible.yaml'), 'utf8');
    for (const text of [run.stdout, run.stderr, file])
      for (const secret of ['my_eos_password', 'my_ios_password', 'my_vyos_password']) expect(text).not.toContain(secret);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('left out'))).toEqual([
      "left out: line 27 (ios03): device name ios03 is already devices/core.yaml's; rename one in the source",
      'left out: line 37 (vyos01): model "vyos.vyos.vyos" maps to no switchback platform (give one with --model vyos.vyos.vyos=PLATFORM)',
      'left out: line 38 (vyos02): model "vyos.vyos.vyos" maps to no switchback platform (give one with --model vyos.vyos.vyos=PLATFORM)',
      'left out: line 39 (vyos03): model "vyos.vyos.vyos" maps to no switchback platform (give one with --model vyos.vyos.vyos=PLATFORM)',
    ]);
    expect(run.stderr).toContain('note: 10 hosts: ansible_password not imported: secrets are never written in the inventory');
    const listed = await runCli(['inventory', '--check-secrets', '--json'], { cwd: dir, env: ENV });
    expect(listed.code).toBe(0);
    const devices = (JSON.parse(listed.stdout) as { devices: Device[] }).devices;
    expect(devices.map((d) => [d.name, d.host, d.platform, d.group])).toEqual([
      ['veos01', 'veos-01.example.net', 'arista-eos', 'eos'],
      ['veos02', 'veos-02.example.net', 'arista-eos', 'eos'],
      ['veos03', 'veos-03.example.net', 'arista-eos', 'eos'],
      ['veos04', 'veos-04.example.net', 'arista-eos', 'eos'],
      ['ios01', 'ios-01.example.net', 'cisco-ios', 'ios'],
      ['ios02', 'ios-02.example.net', 'cisco-ios', 'ios'],
      ['ios03', '10.9.9.9', 'cisco-ios', undefined],
    ]);
    expect(devices[0]).toMatchObject({
      tags: ['eos', 'switches'],
      credentials: { username: 'my_eos_user', password: { from: 'env', name: 'SWITCHBACK_PASSWORD' } },
    });
  });

  it("Ansible's YAML with group_vars/ beside it: the folder's variables count, as Ansible reads them", async () => {
    const dir = site();
    const inv = join(dir, 'from/ansible');
    mkdirSync(join(inv, 'group_vars'));
    // The getting-started inventory, its network switched to a platform switchback drives by the group_vars/ file.
    writeFileSync(join(inv, 'group_vars/network.yml'), 'ansible_network_os: cisco.nxos.nxos\nansible_password: gv-secret-1\n');
    const run = await runCli(['inventory', 'import', '--from', 'ansible', 'from/ansible/first-inventory.yml', '--out', 'devices/dc.yaml'], {
      cwd: dir,
      env: ENV,
    });
    expect(run.code).toBe(3); // the two webservers are not network devices
    expect(run.stdout.split('\n')[0]).toBe('imported 4 devices into devices/dc.yaml; 2 left out (no model 2)');
    expect(run.stderr + run.stdout + readFileSync(join(dir, 'devices/dc.yaml'), 'utf8')).not.toContain('gv-secret-1');
    const listed = await runCli(['inventory', '--json'], { cwd: dir, env: ENV });
    expect((JSON.parse(listed.stdout) as { devices: Device[] }).devices.map((d) => [d.name, d.platform, d.group])).toEqual([
      ['leaf01', 'cisco-nxos', 'leafs'],
      ['leaf02', 'cisco-nxos', 'leafs'],
      ['spine01', 'cisco-nxos', 'spines'],
      ['spine02', 'cisco-nxos', 'spines'],
    ]);
  });
});
