// `switchback diff` and `switchback history` end to end: the real CLI against lab switches
// over real SSH, reading a real backups repository made by `switchback backup`.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;
let first = '';
let second = '';

const ESC = /\x1b/;
const UTC = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d UTC`;
const HASH = '[0-9a-f]{7,}';

const cli = (args: string[], extra: Record<string, string> = { NO_COLOR: '1' }) => runCli(args, { env: { ...env, ...extra } });
const backup = (...args: string[]) => cli(['backup', '--inventory', inventory, '--backups', backups, ...args]);
const diff = (...args: string[]) => cli(['diff', ...args, '--inventory', inventory, '--backups', backups]);
const history = (...args: string[]) => cli(['history', ...args, '--backups', backups]);
const git = () => simpleGit(backups);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  fleet = await startFleet({
    count: 3,
    specs: [stackSpec('sw-a', 2, 1), stackSpec('sw-b', 1, 2), stackSpec('sw-c', 1, 3)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-diff-'));
  env = labEnv(fleet.exports());

  // sw-c is never backed up: no files, no pinned host key.
  expect((await backup('sw-a', 'sw-b')).code).toBe(0);
  first = (await git().revparse(['HEAD'])).trim();
  await fleet.apply('sw-a', {
    kind: 'change',
    lines: ['interface GigabitEthernet1/0/5', ' description not-saved-yet', 'snmp-server community s3cr3t-comm RO'],
  });
  expect((await backup('sw-a', 'sw-b')).code).toBe(3);
  second = (await git().revparse(['HEAD'])).trim();
  expect(second).not.toBe(first);
});
afterAll(() => fleet.stop());

describe('switchback diff', () => {
  it('after a backup with an unsaved change: the unsaved lines show as + against startup, exit 3', async () => {
    const run = await diff('sw-a');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^--- startup \\(startup\\.cfg @ ${HASH}, ${UTC}\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^\\+\\+\\+ running \\(running\\.cfg @ ${second.slice(0, 7)}[0-9a-f]*, ${UTC}\\)$`));
    expect(lines.filter((l) => /^[+-](?![+-]{2} )/.test(l))).toEqual([' description not-saved-yet', 'snmp-server community <masked> RO'].map((l) => '+' + l));
    const hunkHeaders = lines.filter((l) => l.startsWith('@@'));
    expect(hunkHeaders.length).toBeGreaterThan(0);
    for (const h of hunkHeaders) expect(h).toMatch(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/);
    expect(run.stdout).toContain('\n+ description not-saved-yet\n');
    expect(run.stdout).toMatch(/\nsw-a: running differs from startup: \+2 -0 lines\n$/);
  });

  it('masks secrets in the printed diff unless --show-secrets', async () => {
    const masked = await diff('sw-a', '--json');
    expect(masked.stdout).not.toContain('s3cr3t-comm');
    const shown = await diff('sw-a', '--show-secrets');
    expect(shown.code).toBe(3);
    expect(shown.stdout).toContain('\n+snmp-server community s3cr3t-comm RO\n');
    expect(shown.stdout).not.toContain('<masked>');
  });

  it('no escape codes with NO_COLOR, nor when stdout is not a terminal', async () => {
    for (const extra of [{ NO_COLOR: '1' }, { NO_COLOR: '', TERM: 'xterm-256color', FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const run = await cli(['diff', 'sw-a', '--backups', backups], extra);
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('+ description not-saved-yet');
      expect(run.stdout).not.toMatch(ESC);
    }
    const h = await cli(['history', 'sw-a', '--backups', backups], { NO_COLOR: '' });
    expect(h.stdout).not.toMatch(ESC);
  });

  it('--json: device, against, both sides, equal, counts and hunks', async () => {
    const run = await diff('sw-a', '--json', '--context', '0');
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['added', 'against', 'device', 'equal', 'exitCode', 'from', 'hunks', 'removed', 'schemaVersion', 'to']);
    expect(doc).toMatchObject({
      device: 'sw-a',
      against: 'startup',
      equal: false,
      added: 2,
      removed: 0,
      from: { name: 'startup', live: false, file: 'startup.cfg', commit: first },
      to: { name: 'running', live: false, file: 'running.cfg', commit: second },
    });
    const hunks = doc.hunks as { lines: string[]; oldLines: number; newLines: number }[];
    expect(hunks.flatMap((h) => h.lines)).toEqual(['+ description not-saved-yet', '+snmp-server community <masked> RO']);
    expect(hunks.every((h) => h.oldLines === 0)).toBe(true);
  });

  it('--against REV shows what changed since that commit; a bad revision is exit 2 with the message', async () => {
    const run = await diff('sw-a', '--against', 'HEAD~1');
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^--- HEAD~1 \\(running\\.cfg @ ${first.slice(0, 7)}[0-9a-f]*, ${UTC}\\)$`));
    expect(run.stdout).toContain('\n+ description not-saved-yet\n');
    expect(run.stdout).toMatch(/sw-a: running differs from HEAD~1: \+2 -0 lines\n$/);

    const same = await diff('sw-a', '--against', second.slice(0, 10));
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^sw-a: running and [0-9a-f]{10} are the same/);

    for (const rev of ['no-such-rev', 'HEAD~99']) {
      const bad = await diff('sw-a', '--against', rev);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain(`switchback: unknown revision "${rev}" in the backups repository`);
    }
    const option = await diff('sw-a', '--against=--output=/tmp/x');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('is not a revision');
  });

  it('a device whose running and startup agree: exit 0 and one line', async () => {
    const run = await diff('sw-b');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^sw-b: running and startup are the same \(startup\.cfg @ [0-9a-f]+, .* UTC; running\.cfg @ [0-9a-f]+, .* UTC; volatile lines ignored\)\n$/,
    );
  });

  it('--live shows a new unsaved change without a backup, and writes nothing to the repository', async () => {
    await fleet.apply('sw-b', { kind: 'change', lines: ['vlan 88', ' name LIVE-ONLY'] });
    const before = await git().revparse(['HEAD']);
    const run = await diff('sw-b', '--live');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^--- startup \\(live ${UTC}\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^\\+\\+\\+ running \\(live ${UTC}\\)$`));
    // IOS's `!` after the new block shows as text; the count is of configuration lines.
    expect(lines.filter((l) => /^[+-](?![+-]{2} )/.test(l) && l !== '+!')).toEqual(['+vlan 88', '+ name LIVE-ONLY']);
    expect(run.stdout).toMatch(/sw-b: running differs from startup: \+2 -0 lines\n$/);

    // The same change against the last backup; the backup itself still says equal.
    const sinceBackup = await diff('sw-b', '--live', '--against', 'backup');
    expect(sinceBackup.code).toBe(3);
    expect(sinceBackup.stdout.split('\n')[0]).toMatch(new RegExp(`^--- backup \\(running\\.cfg @ ${HASH}, ${UTC}\\)$`));
    expect(sinceBackup.stdout).toMatch(/\n\+vlan 88\n\+ name LIVE-ONLY\n/);
    expect((await diff('sw-b')).code).toBe(0);

    expect(await git().revparse(['HEAD'])).toBe(before);
    expect((await git().status()).isClean()).toBe(true);
  });

  it('--live: a switch that refuses the login is exit 1; a device never backed up has no pinned key: exit 2, not contacted', async () => {
    await fleet.apply('sw-a', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const refused = await diff('sw-a', '--live');
    await fleet.apply('sw-a', { kind: 'clear-faults' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^switchback: sw-a: live fetch failed \(auth\): /);

    const unpinned = await diff('sw-c', '--live');
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toContain('sw-c has no pinned SSH host key');
    expect(readFileSync(join(backups, '.known_hosts'), 'utf8')).not.toMatch(/^sw-c /m);

    const never = await diff('sw-c');
    expect(never.code).toBe(2);
    expect(never.stderr).toContain('sw-c has never been backed up');
    expect((await diff('Not_A_Name')).code).toBe(2);
  });

  it('--against good: a clear error before there is a last good, the diff once there is', async () => {
    const good = join(backups, 'sw-a', 'last-good.cfg');
    // Whatever the health gate did so far, this is the state of a device that never passed it.
    if (existsSync(good)) rmSync(good);
    const none = await diff('sw-a', '--against', 'good');
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^switchback: sw-a has no last good configuration yet \(no last-good\.cfg in .*\)/);

    const json = await diff('sw-a', '--against', 'good', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 2, error: expect.stringContaining('no last good') as unknown });

    // The last good before the unsaved change: the change shows as + against it.
    writeFileSync(good, await git().show([`${first}:sw-a/running.cfg`]));
    const run = await diff('sw-a', '--against', 'good');
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[0]).toBe('--- good (last-good.cfg, not committed yet)');
    expect(run.stdout).toMatch(/sw-a: running differs from good: \+2 -0 lines\n$/);
    rmSync(good, { force: true });
    await git().raw(['checkout', 'HEAD', '--', 'sw-a/']);
  });

  it('a changed host key is refused by --live, never pinned', async () => {
    const pins = readFileSync(join(backups, '.known_hosts'), 'utf8');
    await fleet.apply('sw-b', { kind: 'new-host-key' });
    const run = await diff('sw-b', '--live');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HOST KEY CHANGED for sw-b');
    expect(run.stderr).toContain('diff --live refuses it');
    expect(readFileSync(join(backups, '.known_hosts'), 'utf8')).toBe(pins);
  });
});

describe('switchback history', () => {
  it('lists the commits that touched a device, newest first, with files and body lines', async () => {
    const run = await history('sw-a');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^COMMIT\s+DATE\s+FILES\s+SUBJECT$/);
    const subject = async (rev: string) => (await git().raw(['log', '-1', '--format=%s', rev])).trim();
    // last-good moves with a capture that passes the health gate: listed when it did.
    expect(lines[1]).toMatch(new RegExp(`^${second.slice(0, 7)}[0-9a-f]*\\s+${UTC}\\s+running(,last-good)?,state\\s+${esc(await subject(second))}$`));
    expect(lines[2]).toBe('    sw-a: changed, unsaved +2/-0');
    expect(lines[3]).toMatch(new RegExp(`^${first.slice(0, 7)}[0-9a-f]*\\s+${UTC}\\s+running,startup(,last-good)?,state\\s+${esc(await subject(first))}$`));
    expect(lines[4]).toBe('    sw-a: new');
    expect(lines[5]).toBe('2 commits touching sw-a/');

    const b = await history('sw-b', '--json');
    expect({ code: b.code, stderr: b.stderr }).toEqual({ code: 0, stderr: '' });
    const doc = JSON.parse(b.stdout) as {
      device: string;
      commits: { commit: string; short: string; date: string; subject: string; files: string[]; summary?: string }[];
      more: boolean;
    };
    expect(doc).toEqual({
      schemaVersion: 1,
      device: 'sw-b',
      commits: [
        {
          commit: first,
          short: first.slice(0, doc.commits[0]?.short.length),
          date: expect.stringMatching(/Z$/) as unknown,
          subject: (await git().raw(['log', '-1', '--format=%s', first])).trim(),
          files: expect.arrayContaining(['running', 'startup', 'state']) as unknown,
          summary: 'sw-b: new',
        },
      ],
      more: false,
    });

    const limited = await history('sw-a', '--limit', '1');
    expect(limited.stdout.trimEnd().split('\n').at(-1)).toBe('1 newest commits touching sw-a/; more with --limit');
    const none = await history('sw-c');
    expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 0, stderr: '' });
    expect(none.stdout).toContain('no commit in the backups repository touches sw-c/');
    expect((await history('sw-a', '--limit', '0')).code).toBe(2);
  });

  it('--help of both commands has examples and exit codes', async () => {
    for (const cmd of ['diff', 'history']) {
      const run = await cli([cmd, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toContain('Exit codes:');
    }
  });
});
