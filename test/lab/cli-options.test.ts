// The command line read the same way by every command: list options are repeatable or
// comma-separated, never greedy (device names after them stay device names); every
// printing command takes -q/--quiet and --no-color; every --help has examples and shows
// defaults one way. The real launcher, against switches on a closed port of 127.0.0.1:
// a device that is contacted fails at once, and the output says which devices were.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchback-cli-options-'));
const inventory = join(dir, 'devices.yaml');
const extra = join(dir, 'more.yaml');
const backups = join(dir, 'backups');
const ENV = { NO_COLOR: '', SWITCHBACK_INVENTORY: '', SWITCHBACK_BACKUPS: '', CLI_OPTIONS_PASSWORD: 'pw-cli-options' };

/** A port nothing listens on: a connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

beforeAll(async () => {
  const port = await closedPort();
  const device = (name: string) => `  - { name: ${name}, host: 127.0.0.1, port: ${port}, platform: cisco-ios }\n`;
  const head =
    'defaults:\n  credentials: { username: netops, password: env:CLI_OPTIONS_PASSWORD }\n  timeouts: { commandMs: 3000, deviceMs: 8000 }\ndevices:\n';
  writeFileSync(inventory, head + device('sw-01') + device('sw-02') + device('sw-03'));
  writeFileSync(extra, head + device('sw-09'));
  // A backups repository to read from: the first backup (every device fails; it is created anyway).
  await runCli(['backup', '--inventory', inventory, '--backups', backups, '--json'], { env: ENV });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(args, { env: ENV });
const devicesIn = (stdout: string, key = 'devices') =>
  (JSON.parse(stdout) as Record<string, { device?: string; name?: string }[]>)[key]!.map((d) => d.device ?? d.name);

describe('list options are never greedy', () => {
  it('inventory: --inventory before or after the names, repeated for more files', async () => {
    for (const args of [
      ['--inventory', inventory, 'sw-01', '--json'],
      ['sw-01', '--inventory', inventory, '--json'],
      ['--inventory', inventory, '--inventory', extra, 'sw-01', '--json'],
    ]) {
      const run = await cli('inventory', ...args);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(devicesIn(run.stdout), args.join(' ')).toEqual(['sw-01']);
    }
    const both = await cli('inventory', '--inventory', inventory, '--inventory', extra, '--json');
    expect(devicesIn(both.stdout)).toEqual(['sw-01', 'sw-02', 'sw-03', 'sw-09']);
  });

  it('backup: the named devices only, whichever side of the options they are on', async () => {
    for (const args of [
      ['--inventory', inventory, 'sw-01', 'sw-02'],
      ['sw-01', 'sw-02', '--inventory', inventory],
      ['sw-01', '--inventory', inventory, 'sw-02'],
    ]) {
      const run = await cli('backup', ...args, '--backups', backups, '--json');
      expect(run.stderr, args.join(' ')).not.toContain('no such file');
      expect(devicesIn(run.stdout), args.join(' ')).toEqual(['sw-01', 'sw-02']);
    }
  });

  it('backup --accept-new-host-key takes one name or a comma-separated list, not the device names after it', async () => {
    const one = await cli('backup', '--inventory', inventory, '--backups', backups, '--accept-new-host-key', 'sw-02', 'sw-02', '--json');
    expect(devicesIn(one.stdout)).toEqual(['sw-02']);
    const list = await cli('backup', '--inventory', inventory, '--backups', backups, '--accept-new-host-key', 'sw-01,sw-03', 'sw-01', 'sw-03', '--json');
    expect(devicesIn(list.stdout)).toEqual(['sw-01', 'sw-03']);
  });

  it('backup --accept-new-host-key repeated, and naming a device not in the run is refused', async () => {
    const repeated = await cli(
      'backup',
      'sw-01',
      'sw-03',
      '--accept-new-host-key',
      'sw-01',
      '--accept-new-host-key',
      'sw-03',
      '--inventory',
      inventory,
      '--backups',
      backups,
      '--json',
    );
    expect(devicesIn(repeated.stdout)).toEqual(['sw-01', 'sw-03']);
    const notInRun = await cli('backup', 'sw-01', '--accept-new-host-key', 'sw-02', '--inventory', inventory, '--backups', backups);
    expect(notInRun.code).toBe(2);
    expect(notInRun.stderr).toContain('--accept-new-host-key names devices not in this run: sw-02');
  });

  it.each([
    ['check', '--offline', '--backups', backups],
    ['ready', '--backups', backups],
    ['recover', '--dry-run', '--backups', backups],
  ])('%s: the named devices only', async (cmd, ...args) => {
    for (const order of [
      [...args, '--inventory', inventory, 'sw-03'],
      ['sw-03', ...args, '--inventory', inventory],
    ]) {
      const run = await cli(cmd, ...order, '--json');
      expect(run.stderr, order.join(' ')).not.toContain('no such file');
      const doc = JSON.parse(run.stdout) as { swept?: { total: number } };
      if (cmd === 'recover') expect(doc.swept?.total, order.join(' ')).toBe(1);
      else expect(devicesIn(run.stdout), order.join(' ')).toEqual(['sw-03']);
    }
  });

  it('restore, diff and good: the device after --inventory is the device', async () => {
    const restore = await cli('restore', '--inventory', inventory, 'sw-02', '--dry-run', '--backups', backups);
    expect(restore.stderr).toMatch(/^switchback: sw-02: /);
    const diff = await cli('diff', '--inventory', inventory, 'sw-02', '--backups', backups);
    expect(diff.stderr).toContain('sw-02');
    expect(diff.stderr).not.toContain('missing required argument');
    const good = await cli('good', '--inventory', inventory, 'sw-02', '--reason', 'test', '--backups', backups);
    expect(good.stderr).toContain('no backup of sw-02');
  });
});

describe('good on a device the inventory does not name', () => {
  it('says so and exits 2', async () => {
    const run = await cli('good', 'sw-99', '--reason', 'typo', '--inventory', inventory, '--backups', backups);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^switchback: no device named sw-99 in the inventory/);
  });
});

describe('every command on devices takes the same inventory and backups options', () => {
  it.each(['backup', 'check', 'diff', 'history', 'good', 'restore', 'recover', 'ready'])('%s --help lists --inventory and --backups', async (what) => {
    const help = (await cli(what, '--help')).stdout;
    expect(help).toMatch(/^ {2}--inventory <path> /m);
    expect(help).toMatch(/^ {2}--backups <dir> /m);
  });

  it('history reads the repository whatever the inventory lists, and refuses a bad inventory', async () => {
    const run = await cli('history', 'sw-01', '--inventory', inventory, '--backups', backups, '--json');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ device: 'sw-01' });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'devices:\n  - { name: sw-01 }\n');
    const refused = await cli('history', 'sw-01', '--inventory', bad, '--backups', backups);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('bad inventory');
  });
});

/** Every command and lab subcommand, as typed. */
const COMMANDS = [
  ['backup'],
  ['check'],
  ['good'],
  ['diff'],
  ['restore'],
  ['recover'],
  ['ready'],
  ['history'],
  ['inventory'],
  ['demo'],
  ['lab', 'up'],
  ['lab', 'status'],
  ['lab', 'event'],
  ['lab', 'feed'],
];

describe('every command reads and explains itself the same way', () => {
  it.each(COMMANDS.map((c) => [c.join(' ')]))('%s --help has examples, -q/--quiet and --no-color, and defaults shown as (default: …)', async (what) => {
    const help = (await cli(...what.split(' '), '--help')).stdout;
    expect(help).toContain('\nExamples:\n');
    expect(help).toContain(`switchback ${what}`);
    expect(help).toMatch(/^ {2}-q, --quiet /m);
    expect(help).toMatch(/^ {2}--no-color /m);
    expect(help).not.toContain('npm run demo');
    // One way: commander's "(default: X)"; never "(default X)" or "; default $ENV".
    const options = help.slice(help.indexOf('Options:'), help.indexOf('-h, --help'));
    expect(options).not.toMatch(/\(default [^:]|[;,] default\b/);
  });

  it('the top-level --help has the demo as switchback runs it', async () => {
    const top = (await cli('--help')).stdout;
    expect(top).toContain('switchback demo ');
    expect(top).not.toContain('npm run');
  });

  it('-q and --no-color are accepted and -q prints less', async () => {
    const full = await cli('inventory', '--inventory', inventory);
    const quiet = await cli('inventory', '--inventory', inventory, '-q', '--no-color');
    expect(quiet.code).toBe(0);
    expect(full.stdout).toContain('sw-02');
    expect(quiet.stdout).toBe('3 devices\n');
    const check = await cli('check', '--offline', '--inventory', inventory, '--backups', backups, '--quiet', '--no-color');
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/3 devices checked offline/);
    const history = await cli('history', 'sw-01', '--backups', backups, '-q', '--no-color');
    expect(history.code).toBe(0);
    expect(history.stdout).not.toContain('commits touching');
  });

  it('--no-color turns colour off on a terminal, as NO_COLOR does', () => {
    // util-linux script(1) gives the command a pseudo-terminal, where colour is on by default.
    const onTerminal = (...args: string[]) =>
      spawnSync('script', ['-qec', [process.execPath, BIN, ...args].join(' '), '/dev/null'], {
        env: { ...process.env, ...ENV, TERM: 'xterm' },
        timeout: 120_000, // the backstop: check --offline reads a small repository
      }).stdout.toString();
    const args = ['check', '--offline', '--inventory', inventory, '--backups', backups];
    expect(onTerminal(...args)).toContain('\x1b[33m');
    // Colour codes only: the progress line's cursor control (\x1b[K) is not colour.
    const plain = onTerminal(...args, '--no-color');
    expect(plain).toContain('3 devices checked offline');
    expect(plain).not.toMatch(/\x1b\[[\d;]*m/);
  });

  it('check --help says to put last good back with restore or recover', async () => {
    const help = (await cli('check', '--help')).stdout;
    const lost = help.slice(help.indexOf('  lost '), help.indexOf('  lost-unsaved'));
    expect(lost).toContain('switchback restore NAME');
    expect(lost).toContain('switchback recover');
    expect(lost).not.toContain('switchback diff');
  });
});
