// `switchback inventory` as an engineer runs it, from a folder holding devices/: the real
// launcher and the built CLI.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'switchback-inventory-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DC1 = `defaults:
  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD, enable: env:SWITCHBACK_ENABLE }
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
  - name: access-1
    host: 10.0.0.20
    port: 2222
    platform: cisco-ios
    group: dc1
`;
const DC2 = `defaults:
  credentials: { username: netops, password: env:SWITCHBACK_PASSWORD }
devices:
  - name: core-stack-2
    host: 10.2.0.10
    platform: cisco-ios
    group: dc2
    tags: [core, stack]
    stack: { members: [{ number: 1, feed: A }, { number: 2, feed: B }, { number: 3, feed: A }] }
`;

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'site-'));
  mkdirSync(join(dir, 'devices'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// Secrets set, no inventory override from whoever runs the tests.
const ENV = { NO_COLOR: '1', SWITCHBACK_INVENTORY: '', SWITCHBACK_PASSWORD: 'pw-1', SWITCHBACK_ENABLE: 'en-1' };

describe('switchback inventory', () => {
  it('lists every device in devices/ as a plain table', async () => {
    const run = await runCli(['inventory'], { cwd: site({ 'devices/dc1.yaml': DC1, 'devices/dc2.yaml': DC2 }), env: ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'NAME          HOST            PLATFORM   GROUP  TAGS        STACK (member/feed)  TRANSPORT',
        'core-stack-1  10.0.0.10:22    cisco-ios  dc1    core,stack  1/A 2/B              ssh',
        'access-1      10.0.0.20:2222  cisco-ios  dc1    -           -                    ssh',
        'core-stack-2  10.2.0.10:22    cisco-ios  dc2    core,stack  1/A 2/B 3/A          ssh',
        '3 devices in 2 groups',
        '',
      ].join('\n'),
    );
  });

  it('--json with a filter prints the selected devices, secrets as references only', async () => {
    const run = await runCli(['inventory', '--tag', 'stack', '--json'], { cwd: site({ 'devices/dc1.yaml': DC1, 'devices/dc2.yaml': DC2 }), env: ENV });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { devices: Device[]; missingSecrets: string[] };
    expect(doc.devices.map((d) => d.name)).toEqual(['core-stack-1', 'core-stack-2']);
    expect(doc.devices[1]).toMatchObject({
      origin: { file: 'devices/dc2.yaml', index: 0 },
      credentials: { password: { from: 'env', name: 'SWITCHBACK_PASSWORD' } },
    });
    expect(doc.missingSecrets).toEqual([]);
    expect(run.stdout).not.toContain('pw-1');
  });

  it('a bad inventory exits 2 with every problem on its own line on stderr, and prints no devices', async () => {
    const bad =
      DC1.replace('    host: 10.0.0.20\n', '').replace('env:SWITCHBACK_ENABLE', 'Enable-Me-1') +
      '  - { name: core-stack-1, host: 10.0.0.30, platform: cisco-ios }\n';
    const run = await runCli(['inventory'], {
      cwd: site({ 'devices/dc1.yaml': bad, 'devices/dc2.yaml': DC2.replace('platform: cisco-ios', 'platform: junos') }),
      env: ENV,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'switchback: bad inventory, nothing was done (4 problems):',
      'devices/dc1.yaml: defaults.credentials.enable: a secret must be a reference (env:NAME or file:PATH), not a literal value',
      'devices/dc1.yaml: devices[1] (access-1).host: required',
      'devices/dc2.yaml: devices[0] (core-stack-2).platform: unknown platform "junos" (known: auto, cisco-ios, juniper-junos)',
      'devices/dc1.yaml: devices[2] (core-stack-1).name: duplicate of devices/dc1.yaml: devices[0]',
      '',
    ]);
    expect(run.stderr).not.toContain('Enable-Me-1');
  });

  it('--inventory and $SWITCHBACK_INVENTORY choose the files; an unknown name exits 2 with a suggestion', async () => {
    const dir = site({ 'devices/dc1.yaml': DC1, 'other.yaml': DC2 });
    const viaFlag = await runCli(['inventory', '--inventory', 'other.yaml', '--json'], { cwd: dir, env: ENV });
    expect((JSON.parse(viaFlag.stdout) as { devices: Device[] }).devices.map((d) => d.name)).toEqual(['core-stack-2']);
    const viaEnv = await runCli(['inventory', 'core-stack-2', '--json'], { cwd: dir, env: { ...ENV, SWITCHBACK_INVENTORY: 'other.yaml' } });
    expect(viaEnv.code).toBe(0);
    const unknown = await runCli(['inventory', 'core-stak-1'], { cwd: dir, env: ENV });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('switchback: no device named core-stak-1 in the inventory; did you mean core-stack-1?\n');
  });

  it('warns about secrets that would not resolve; --check-secrets makes that exit 2', async () => {
    const dir = site({ 'devices/dc1.yaml': DC1 });
    const env = { ...ENV, SWITCHBACK_ENABLE: '' };
    const warned = await runCli(['inventory'], { cwd: dir, env });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(
      'warning: environment variable SWITCHBACK_ENABLE is empty (devices/dc1.yaml: credentials.enable of core-stack-1 and access-1)\n',
    );
    const strict = await runCli(['inventory', '--check-secrets'], { cwd: dir, env });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(
      'switchback: secrets that would not resolve, nothing was done (1 problem):\nenvironment variable SWITCHBACK_ENABLE is empty (devices/dc1.yaml: credentials.enable of core-stack-1 and access-1)\n',
    );
  });

  it('a file: secret that is not a regular file (/dev/zero) is reported, not read forever', async () => {
    const dir = site({ 'devices/dc1.yaml': DC1.replace('password: env:SWITCHBACK_PASSWORD', 'password: file:/dev/zero') });
    const strict = await runCli(['inventory', '--check-secrets'], { cwd: dir, env: ENV });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(
      'switchback: secrets that would not resolve, nothing was done (1 problem):\ncannot read secret file /dev/zero: not a regular file (a device) (devices/dc1.yaml: credentials.password of core-stack-1 and access-1)\n',
    );
  });
});
