// restore and recover end to end: the real CLI against lab StackWise switches over real
// SSH and SNMP, into a real git repository. The incident replayed (a power cycle into a
// factory default, `recover --yes`, a clean check, a second power cycle that keeps the
// config), a lost unsaved change, a rejected line, a dry run that changes nothing, the
// refusals, a connection dropped mid-push, and replace mode over TFTP.

import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse, stringify } from 'yaml';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { BIN, runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

const HOST = '127.0.0.1';
let fleet: LabFleet;
let dir: string;
let inventory: string;
let backups: string;
let env: Record<string, string>;

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, HOST, () => resolve()));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const tftpPort = await freeUdpPort();
  fleet = await startFleet({
    count: 5,
    specs: [stackSpec('sw-a', 2, 1), stackSpec('sw-b', 1, 2), stackSpec('sw-c', 1, 3), stackSpec('sw-d', 2, 4), stackSpec('sw-e', 1, 5)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    tftpPort,
  });
  ({ dir, inventory, backups } = labInventory(fleet, 'switchback-restore-'));
  // Replace mode: the switch fetches the target from switchback's TFTP server here.
  const doc = parse(readFileSync(inventory, 'utf8')) as { defaults: Record<string, unknown> };
  doc.defaults.tftp = { address: HOST, port: tftpPort };
  writeFileSync(inventory, stringify(doc));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  const first = await cli('backup');
  expect(first.code).toBe(0);
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

/** The CLI on a real pseudo-terminal (util-linux `script`), typing `input` at its question. */
function inTerminal(args: string[], input: string): Promise<{ code: number | null; out: string }> {
  const command = [process.execPath, BIN, ...args, '--inventory', inventory, '--backups', backups].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let answered = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Answer once the question is on the screen, as a person would (readline may redraw it with escapes).
      if (!answered && /\[y\/N\]/.test(out)) {
        answered = true;
        child.stdin.write(input);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: stripVTControlCharacters(out).replace(/\r\n/g, '\n') }));
  });
}
const running = (name: string) => renderConfig(fleet.get(name).state.running);
const startup = (name: string) => {
  const s = fleet.get(name).state.startup;
  return s ? renderConfig(s) : null;
};
const lastGood = (name: string) => readFileSync(join(backups, name, 'last-good.cfg'), 'utf8');
const commits = async () => (await simpleGit(backups).log()).all.map((c) => c.message);

interface RestoreJson {
  device: string;
  status: string;
  stage?: string;
  reason?: string;
  plan: { add: number; remove: number; lines: string[] } | null;
  push?: { typed: number; of: number; rejected: { line: string; error: string }[]; skipped: string[] };
  verification?: { same: boolean; missing: string[]; leftOver: string[] };
  save?: { state: string; why?: string; reason?: string };
  recorded: { commit: string | null } | null;
  exitCode: number;
}
async function restoreJson(...args: string[]): Promise<{ code: number | null; r: RestoreJson; stderr: string }> {
  const run = await cli('restore', ...args, '--json');
  return { code: run.code, r: JSON.parse(run.stdout) as RestoreJson, stderr: run.stderr };
}
interface CheckJson {
  devices: { device: string; findings: { kind: string }[] }[];
}
async function findings(name: string): Promise<string[]> {
  const run = await cli('check', name, '--json');
  return (JSON.parse(run.stdout) as CheckJson).devices[0]!.findings.map((f) => f.kind);
}

describe('recover: the incident replayed', () => {
  it('a stack power-cycled into a factory default is restored by recover --yes, verified and saved; the rest are left alone', async () => {
    const good = lastGood('sw-a');
    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: true });
    expect(running('sw-a')).toMatch(/^hostname Switch$/m);
    expect(await findings('sw-a')).toEqual(['rebooted', 'lost']);
    // sw-d loses a stack member: a stack finding only, its configuration is fine.
    await fleet.apply('sw-d', { kind: 'member-down', member: 2 });
    const stackOnly = running('sw-d');

    const run = await cli('recover', '--yes', '--json');
    const out = JSON.parse(run.stdout) as {
      selected: string[];
      restores: RestoreJson[];
      notRestored: { device: string; why: string; detail: string[] }[];
      recorded: { commit: string | null };
      exitCode: number;
    };
    // Done, and a switch recover does not fix (the stack) is listed: exit 3.
    expect(run.code).toBe(3);
    expect(out.selected).toEqual(['sw-a']);
    expect(out.notRestored).toEqual([{ device: 'sw-d', why: 'stack-only', detail: ['stack 1/2 ready: member 2 missing (removed); no standby'] }]);
    expect(running('sw-d')).toBe(stackOnly);
    await fleet.apply('sw-d', { kind: 'member-up', member: 2 });
    const a = out.restores[0]!;
    expect(a).toMatchObject({ device: 'sw-a', status: 'verified', save: { state: 'saved' } });
    expect(a.push!.rejected).toEqual([]);
    expect(a.plan!.add).toBeGreaterThan(20);
    // The switch runs last good again, and saved it.
    expect(running('sw-a')).toMatch(/^hostname SW-A$/m);
    expect(lastGood('sw-a')).toBe(good);
    // The backup taken after the restore: the switch runs last good, and saved it.
    expect(readFileSync(join(backups, 'sw-a', 'running.cfg'), 'utf8')).toBe(good);
    expect(readFileSync(join(backups, 'sw-a', 'startup.cfg'), 'utf8')).toBe(good);
    expect(out.recorded.commit).not.toBeNull();
    expect((await commits())[0]).toBe('recover: 1 switch restored, 1 verified');

    // A fresh check is clean.
    expect(await findings('sw-a')).toEqual([]);
    // A second power cycle keeps the configuration: it was saved.
    await fleet.apply('sw-a', { kind: 'power-cycle', loseConfig: false });
    expect(running('sw-a')).toMatch(/^hostname SW-A$/m);
    expect(await findings('sw-a')).toEqual(['rebooted']);
  });

  it('the text summary names each switch with its result and time; nothing to recover is exit 0', async () => {
    await cli('backup');
    await fleet.apply('sw-e', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('recover', 'sw-e', 'sw-b', '--yes');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^swept 2 switches \(2 over SNMP, \d over SSH\): 1 to restore$/m);
    expect(run.stdout).toMatch(/^sw-e: VERIFIED — \d+ of \d+ changes typed, verified, saved \(\d+ s\)$/m);
    expect(run.stdout).toMatch(/^sw-e\s+verified, saved\s+\d+\.\d s$/m);
    const again = await cli('recover', 'sw-e', 'sw-b', '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 to restore$/m);
  });
});

describe('restore', () => {
  it('puts back only an unsaved change that a power cycle lost', async () => {
    await fleet.apply('sw-b', { kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description camera 7'] });
    expect((await cli('backup', 'sw-b')).code).toBe(3); // unsaved
    expect(lastGood('sw-b')).toContain(' description camera 7');
    await fleet.apply('sw-b', { kind: 'power-cycle', loseConfig: false });
    expect(running('sw-b')).not.toContain('description camera 7');

    const { code, r } = await restoreJson('sw-b', '--yes');
    expect(code).toBe(0);
    expect(r.plan).toMatchObject({ add: 1, remove: 0, lines: ['  interface GigabitEthernet1/0/7', '+  description camera 7'] });
    expect(r).toMatchObject({ status: 'verified', save: { state: 'saved' }, push: { typed: 1, of: 1 } });
    expect(startup('sw-b')).toContain(' description camera 7');
    expect((await commits())[0]).toMatch(/^restore sw-b from last good \([0-9a-f]{7}\): verified, saved$/);
  });

  it('a line the switch rejects is reported with its error, the rest is typed, nothing is saved, exit 1', async () => {
    await fleet.apply('sw-c', { kind: 'power-cycle', loseConfig: true });
    const startupBefore = startup('sw-c');
    const target = join(dir, 'sw-c-with-typo.cfg');
    writeFileSync(target, lastGood('sw-c').replace('\nend\n', '\nip frobnicate on\nend\n'));
    const { code, r } = await restoreJson('sw-c', '--from', target, '--yes');
    expect(code).toBe(1);
    expect(r.status).toBe('not-verified');
    expect(r.push!.rejected).toEqual([{ line: '+ ip frobnicate on', error: "% Invalid input detected at '^' marker." }]);
    expect(r.verification!.missing).toEqual(['+ ip frobnicate on']);
    expect(r.save).toEqual({ state: 'not-saved', why: 'not-verified' });
    expect(running('sw-c')).toMatch(/^hostname SW-C$/m);
    expect(startup('sw-c')).toBe(startupBefore);

    const text = await cli('restore', 'sw-c', '--from', target, '--yes');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("  1 line rejected by the switch:\n    + ip frobnicate on\n      % Invalid input detected at '^' marker.");
    // Restoring last good now finishes it: verified and saved.
    expect((await restoreJson('sw-c', '--yes')).r).toMatchObject({ status: 'verified', save: { state: 'saved' } });
  });

  it('a refused sub-line does not make restore go up past the top: the lines after it still land (no exit out of configuration mode)', async () => {
    // `ip route` opens no level on IOS; a file that puts a line under it is wrong, and the
    // `exit` restore would type to leave that level must not be typed at `(config)#`.
    const target = join(dir, 'sw-c-nested.cfg');
    writeFileSync(
      target,
      lastGood('sw-c').replace('\nend\n', '\nip route 10.9.9.0 255.255.255.0 10.0.0.1\n description nonsense\nip route 10.9.8.0 255.255.255.0 10.0.0.1\nend\n'),
    );
    const { code, r } = await restoreJson('sw-c', '--from', target, '--yes');
    expect(code).toBe(1);
    expect([r.status, r.stage]).toEqual(['not-verified', undefined]);
    expect(r.push!.rejected.map((x) => x.error)).toEqual(["% Invalid input detected at '^' marker."]);
    expect(r.verification!.missing).toEqual(['  ip route 10.9.9.0 255.255.255.0 10.0.0.1', '+  description nonsense']);
    expect(running('sw-c')).toContain('ip route 10.9.8.0 255.255.255.0 10.0.0.1');
    expect((await restoreJson('sw-c', '--yes')).r).toMatchObject({ status: 'verified', save: { state: 'saved' } });
  });

  it('--dry-run shows the plan and changes nothing on the switch or in the repository (exit 3)', async () => {
    await fleet.apply('sw-d', { kind: 'power-cycle', loseConfig: true });
    const before = running('sw-d');
    const startupBefore = startup('sw-d');
    const log = await commits();
    const run = await cli('restore', 'sw-d', '--dry-run');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^sw-d: \d+ lines to add, \d+ to remove to match last good \([0-9a-f]{7}\)$/m);
    expect(run.stdout).toMatch(/^ {4}\+ hostname SW-D$/m);
    expect(run.stdout).toMatch(/^ {4}\+ username admin privilege 15 secret 9 <masked>$/m);
    expect(run.stdout).not.toMatch(/\$9\$/);
    expect(running('sw-d')).toBe(before);
    expect(startup('sw-d')).toBe(startupBefore);
    expect(await commits()).toEqual(log);
  });

  it('refuses a target with masked secrets or exec-level lines, naming the lines (exit 2, nothing typed)', async () => {
    const before = running('sw-d');
    const masked = join(dir, 'masked.cfg');
    writeFileSync(masked, lastGood('sw-d').replace(/^(enable secret 9 )\S+$/m, '$1<masked>'));
    const m = await cli('restore', 'sw-d', '--from', masked, '--yes');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/has 1 masked secret/);
    expect(m.stderr).toContain('  enable secret 9 <masked>');

    const exec = join(dir, 'exec.cfg');
    writeFileSync(exec, lastGood('sw-d').replace('\nend\n', '\ndo write erase\nreload in 1\nend\n'));
    const e = await cli('restore', 'sw-d', '--from', exec, '--yes');
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('  do write erase\n  reload in 1');
    expect(running('sw-d')).toBe(before);
  });

  it('never touches a switch whose host key is not the pinned one', async () => {
    await fleet.apply('sw-d', { kind: 'new-host-key' });
    const before = running('sw-d');
    const { code, r } = await restoreJson('sw-d', '--yes');
    expect(code).toBe(1);
    expect(r).toMatchObject({ status: 'failed', stage: 'host-key' });
    expect(r.reason).toMatch(/HOST KEY CHANGED for sw-d/);
    expect(running('sw-d')).toBe(before);
    // Accepted by a backup (the operator verified it), restore goes ahead.
    expect((await cli('backup', 'sw-d', '--accept-new-host-key', 'sw-d')).code).toBe(3);
    expect((await restoreJson('sw-d', '--yes')).r).toMatchObject({ status: 'verified', save: { state: 'saved' } });
  });

  it('a connection dropped mid-push is reported, last good is kept; the next restore completes it', async () => {
    await fleet.apply('sw-b', { kind: 'power-cycle', loseConfig: true });
    const good = lastGood('sw-b');
    await fleet.apply('sw-b', { kind: 'fault', fault: { kind: 'drop-after-lines', lines: 10 } });
    const dropped = await restoreJson('sw-b', '--yes');
    expect(dropped.code).toBe(1);
    expect(dropped.r).toMatchObject({ status: 'failed', stage: 'push' });
    expect(dropped.r.reason).toMatch(/after \d+ of \d+ changes; nothing was saved\. Run the restore again/);
    expect(startup('sw-b')).toBeNull();
    // The half-restored switch is backed up as it is, but it never becomes last good.
    expect(lastGood('sw-b')).toBe(good);
    await fleet.apply('sw-b', { kind: 'clear-faults' });
    // recover picks the unfinished restore up (no new reboot: the backup's hold says so).
    const run = await cli('recover', 'sw-b', '--yes', '--json');
    const again = JSON.parse(run.stdout) as { selected: string[]; restores: RestoreJson[] };
    expect(run.code).toBe(0);
    expect(again.selected).toEqual(['sw-b']);
    expect(again.restores[0]).toMatchObject({ status: 'verified', save: { state: 'saved' } });
    // The second push typed only what the first did not.
    expect(again.restores[0]!.push!.of).toBeLessThan(dropped.r.plan!.add + dropped.r.plan!.remove);
    expect(lastGood('sw-b')).toBe(good);
  });

  it('replace mode: configure replace from switchback own TFTP server, verified and saved', async () => {
    await fleet.apply('sw-e', { kind: 'power-cycle', loseConfig: true });
    const { code, r } = await restoreJson('sw-e', '--mode', 'replace', '--yes');
    expect([r.status, r.stage, r.reason]).toEqual(['verified', undefined, undefined]);
    expect(code).toBe(0);
    expect(r).toMatchObject({ status: 'verified', mode: 'replace', save: { state: 'saved' } });
    expect(running('sw-e')).toMatch(/^hostname SW-E$/m);
  });

  it("takes out a user someone added, answering the switch's [confirm], and never prints its secret", async () => {
    await fleet.apply('sw-e', { kind: 'change', lines: ['username intruder privilege 15 secret 0 letmein-42'] });
    const run = await cli('restore', 'sw-e', '--yes');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {4}- username intruder privilege 15 secret 0 <masked>$/m);
    expect(run.stdout).toMatch(/^sw-e: VERIFIED — 1 of 1 changes typed, verified, saved/m);
    expect(run.stdout + run.stderr).not.toContain('letmein-42');
    expect(running('sw-e')).not.toContain('username intruder');
  });

  it('on a terminal recover shows one plan and asks once: "n" types nothing, "y" restores', async () => {
    await fleet.apply('sw-c', { kind: 'power-cycle', loseConfig: true });
    const no = await inTerminal(['recover', 'sw-c'], 'n\n');
    expect(no.code).toBe(1);
    expect(no.out).toMatch(/sw-c: \d+ lines to add, \d+ to remove to match last good/);
    expect(no.out).toMatch(/Restore last good on 1 switch and save\? \[y\/N\]/);
    expect(no.out).toContain('not restored (you answered no); nothing was typed');
    expect(running('sw-c')).toMatch(/^hostname Switch$/m);
    const yes = await inTerminal(['recover', 'sw-c'], 'y\n');
    expect(yes.code).toBe(0);
    expect(yes.out).toMatch(/sw-c: VERIFIED/);
    expect(running('sw-c')).toMatch(/^hostname SW-C$/m);
  });

  it('without a terminal and without --yes it asks nobody and does nothing (exit 2)', async () => {
    const run = await cli('restore', 'sw-e');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin is not a terminal.*--yes.*--dry-run.*nothing was done/);
  });

  it('--help shows examples and the exit codes', async () => {
    const run = await runCli(['restore', '--help']);
    expect(run.stdout).toContain('switchback restore core-1 --dry-run');
    expect(run.stdout).toMatch(/Exit codes: 0 verified/);
  });
});
