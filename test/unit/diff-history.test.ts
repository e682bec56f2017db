// diff and history: the pure comparison and rendering, and the store's history queries
// against real git in temporary directories (HOME points at an empty folder).

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/cli/diff.js';
import { renderHistory } from '../../src/cli/history.js';
import type { Style } from '../../src/cli/style.js';
import { styleFor } from '../../src/cli/style.js';
import { compareConfigs, parseAgainst, utcMinute } from '../../src/jobs/diff.js';
import type { DiffResult } from '../../src/jobs/diff.js';
import { platformByName } from '../../src/platforms/index.js';
import { commitRun, openStore, writeDevice } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { deviceFileAt, deviceHistory, fileOrigin, parseDeviceLog, resolveRevision, RevisionError } from '../../src/store/history.js';

const ios = platformByName('cisco-ios')!;
const plain: Style = styleFor({ isTTY: false } as NodeJS.WriteStream, {});
const colour: Style = styleFor({ isTTY: true } as NodeJS.WriteStream, { TERM: 'xterm' });

const cfg = (...lines: string[]) => lines.join('\n') + '\n';
const BASE = [
  'version 17.9',
  'hostname SW1',
  '!',
  'enable secret 9 $9$oldsecret',
  '!',
  'interface GigabitEthernet1/0/1',
  ' description uplink',
  '!',
  'interface GigabitEthernet1/0/2',
  ' shutdown',
  '!',
  'snmp-server community public-rw RW',
  '!',
  'end',
];

describe('compareConfigs', () => {
  it('equal when only volatile lines and the header differ', () => {
    const a = cfg(
      'Building configuration...',
      '',
      'Current configuration : 1234 bytes',
      '!',
      '! Last configuration change at 02:13:00 UTC Mon Nov 23 2026',
      ...BASE,
    );
    const b = cfg('!', '! Last configuration change at 03:00:00 UTC Tue Nov 24 2026', 'ntp clock-period 36028797', ...BASE);
    expect(compareConfigs(ios, a, b, { context: 3, showSecrets: false })).toEqual({ equal: true, added: 0, removed: 0, hunks: [] });
  });

  it('counts added and removed lines and keeps the context asked for', () => {
    const to = BASE.map((l) => (l === ' shutdown' ? ' description printer' : l));
    to.splice(7, 0, ' switchport access vlan 10');
    const r = compareConfigs(ios, cfg(...BASE), cfg(...to), { context: 0, showSecrets: false });
    expect(r).toMatchObject({ equal: false, added: 2, removed: 1 });
    expect(r.hunks.map((h) => h.lines)).toEqual([['+ switchport access vlan 10'], ['- shutdown', '+ description printer']]);
    const wide = compareConfigs(ios, cfg(...BASE), cfg(...to), { context: 3, showSecrets: false });
    expect(wide.hunks).toHaveLength(1);
    expect(wide.hunks[0]!.lines[0]).toBe(' !');
  });

  it('a changed secret is a difference, shown masked on both sides; --show-secrets shows it', () => {
    const to = BASE.map((l) => l.replace('$9$oldsecret', '$9$newsecret'));
    const r = compareConfigs(ios, cfg(...BASE), cfg(...to), { context: 1, showSecrets: false });
    expect(r).toMatchObject({ equal: false, added: 1, removed: 1 });
    expect(r.hunks[0]!.lines).toEqual([' !', '-enable secret 9 <masked>', '+enable secret 9 <masked>', ' !']);
    // Context lines are masked too.
    const near = compareConfigs(ios, cfg(...BASE), cfg(...BASE.slice(0, -1), 'ip ssh version 2', 'end'), { context: 3, showSecrets: false });
    expect(JSON.stringify(near.hunks)).not.toContain('public-rw');
    expect(JSON.stringify(near.hunks)).toContain('snmp-server community <masked> RW');
    const shown = compareConfigs(ios, cfg(...BASE), cfg(...to), { context: 0, showSecrets: true });
    expect(shown.hunks[0]!.lines).toEqual(['-enable secret 9 $9$oldsecret', '+enable secret 9 $9$newsecret']);
  });

  it('against an empty side (a switch that came back blank) every line is removed', () => {
    const r = compareConfigs(ios, cfg(...BASE), '', { context: 3, showSecrets: false });
    // Counted: configuration lines; IOS's `!` separators are shown but not counted.
    expect(r).toMatchObject({ equal: false, added: 0, removed: BASE.filter((l) => l !== '!').length });
    expect(r.hunks[0]).toMatchObject({ oldStart: 1, oldLines: BASE.length, newLines: 0 });
  });

  it('a change of `!` separators alone is no difference', () => {
    const r = compareConfigs(ios, cfg(...BASE), cfg(...BASE.filter((l, i) => !(l === '!' && i > 5))), { context: 3, showSecrets: false });
    expect(r).toMatchObject({ equal: true, added: 0, removed: 0, hunks: [] });
  });
});

describe('parseAgainst, utcMinute', () => {
  it('names the fixed sides and takes anything else as a revision', () => {
    expect(parseAgainst('startup')).toEqual({ kind: 'startup' });
    expect(parseAgainst('good')).toEqual({ kind: 'good' });
    expect(parseAgainst('backup')).toEqual({ kind: 'backup' });
    expect(parseAgainst('HEAD~1')).toEqual({ kind: 'rev', rev: 'HEAD~1' });
  });
  it('prints minutes in UTC', () => {
    expect(utcMinute(new Date('2026-11-24T03:13:59+01:00'))).toBe('2026-11-24 02:13 UTC');
    expect(utcMinute(new Date('nonsense'))).toBe('unknown time');
  });
});

const result = (over: Partial<DiffResult> = {}): DiffResult => ({
  device: 'core-1',
  against: 'good',
  from: { name: 'good', source: 'last-good.cfg @ 1a2b3c4, 2026-11-20 02:15 UTC', live: false, file: 'last-good.cfg', commit: '1a2b3c4' },
  to: { name: 'running', source: 'live 2026-11-24 02:13 UTC', live: true, at: '2026-11-24T02:13:00.000Z' },
  equal: false,
  added: 2,
  removed: 2,
  hunks: [
    {
      oldStart: 4,
      oldLines: 4,
      newStart: 4,
      newLines: 3,
      lines: [' !', '-interface Vlan10', '- ip address 10.0.0.1 255.255.255.0', '+interface Vlan20', ' !'],
    },
    { oldStart: 10, oldLines: 0, newStart: 9, newLines: 1, lines: ['+ip ssh version 2'] },
  ],
  ...over,
});

describe('renderDiff', () => {
  it('headers naming both sides, hunks as diff -u prints them, a summary line; no colour off a terminal', () => {
    expect(renderDiff(result(), plain)).toBe(
      [
        '--- good (last-good.cfg @ 1a2b3c4, 2026-11-20 02:15 UTC)',
        '+++ running (live 2026-11-24 02:13 UTC)',
        '@@ -4,4 +4,3 @@',
        ' !',
        '-interface Vlan10',
        '- ip address 10.0.0.1 255.255.255.0',
        '+interface Vlan20',
        ' !',
        '@@ -9,0 +9 @@',
        '+ip ssh version 2',
        'core-1: running differs from good: +2 -2 lines',
        '',
      ].join('\n'),
    );
  });

  it('on a terminal: red -, green +, cyan @@', () => {
    const out = renderDiff(result(), colour);
    expect(out).toContain('\x1b[31m-interface Vlan10\x1b[39m');
    expect(out).toContain('\x1b[32m+interface Vlan20\x1b[39m');
    expect(out).toContain('\x1b[36m@@ -4,4 +4,3 @@\x1b[39m');
    expect(out).toContain('\n !\n');
    expect(styleFor({ isTTY: true } as NodeJS.WriteStream, { NO_COLOR: '1' }).color).toBe(false);
  });

  it('one line when equal', () => {
    expect(renderDiff(result({ equal: true, added: 0, removed: 0, hunks: [] }), colour)).toBe(
      'core-1: running and good are the same (last-good.cfg @ 1a2b3c4, 2026-11-20 02:15 UTC; live 2026-11-24 02:13 UTC; volatile lines ignored)\n',
    );
  });
});

describe('renderHistory and parseDeviceLog', () => {
  const RS = '\x1e';
  const US = '\x1f';
  const log =
    `${RS}${'b'.repeat(40)}${US}bbbbbbb${US}2026-11-24T02:15:07Z${US}backup: 1 changed, 1 unsaved of 4${US}core-1: changed, unsaved +2/-0\ncore-2: new\n${US}\n\ncore-1/running.cfg\ncore-1/state.json\n` +
    `${RS}${'a'.repeat(40)}${US}aaaaaaa${US}2026-11-23T02:15:00+01:00${US}good: core-1 by hand${US}${US}\n\ncore-1/last-good.cfg\ncore-1/notes.txt\n`;

  it('reads commits, the device files they changed and the body line about the device', () => {
    const commits = parseDeviceLog(log, 'core-1');
    expect(commits).toEqual([
      {
        commit: 'b'.repeat(40),
        short: 'bbbbbbb',
        date: new Date('2026-11-24T02:15:07Z'),
        subject: 'backup: 1 changed, 1 unsaved of 4',
        files: ['running', 'state'],
        summary: 'core-1: changed, unsaved +2/-0',
      },
      { commit: 'a'.repeat(40), short: 'aaaaaaa', date: new Date('2026-11-23T01:15:00Z'), subject: 'good: core-1 by hand', files: ['last-good', 'notes.txt'] },
    ]);
    expect(parseDeviceLog(log, 'core-2')[0]!.summary).toBe('core-2: new');
  });

  it('renders a table with the body lines below their commit', () => {
    expect(renderHistory('core-1', parseDeviceLog(log, 'core-1'), true, plain)).toBe(
      [
        'COMMIT   DATE                  FILES                SUBJECT',
        'bbbbbbb  2026-11-24 02:15 UTC  running,state        backup: 1 changed, 1 unsaved of 4',
        '    core-1: changed, unsaved +2/-0',
        'aaaaaaa  2026-11-23 01:15 UTC  last-good,notes.txt  good: core-1 by hand',
        '2 newest commits touching core-1/; more with --limit',
        '',
      ].join('\n'),
    );
    expect(renderHistory('core-9', [], false, plain)).toMatch(/^no commit in the backups repository touches core-9\//);
  });
});

describe('store history against real git', () => {
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  let root = '';
  let store: Store;
  let c1 = '';
  let c2 = '';

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'switchback-history-'));
    const home = path.join(root, 'home');
    await mkdir(home);
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = home;
    store = await openStore(path.join(root, 'backups'));
    await writeDevice(store, 'core-1', { running: 'one\n', startup: 'one\n', state: { platform: 'cisco-ios' } });
    await writeDevice(store, 'core-2', { running: 'x\n', startup: 'x\n' });
    c1 = (await commitRun(store, { subject: 'backup: 2 new of 2', body: 'core-1: new\ncore-2: new' }))!.commit;
    await writeDevice(store, 'core-1', { running: 'two\n', lastGood: 'two\n' });
    c2 = (await commitRun(store, { subject: 'backup: 1 changed of 2', body: 'core-1: changed' }))!.commit;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await rm(root, { recursive: true, force: true });
  });

  it('deviceHistory: newest first, with files, limited', async () => {
    const h = await deviceHistory(store, 'core-1', 10);
    expect(h.map((c) => [c.commit, c.files, c.summary])).toEqual([
      [c2, ['running', 'last-good'], 'core-1: changed'],
      [c1, ['running', 'startup', 'state'], 'core-1: new'],
    ]);
    expect(await deviceHistory(store, 'core-1', 1)).toHaveLength(1);
    expect((await deviceHistory(store, 'core-2', 10)).map((c) => c.commit)).toEqual([c1]);
    expect(await deviceHistory(store, 'core-3', 10)).toEqual([]);
    await expect(deviceHistory(store, '../x', 10)).rejects.toThrow(/invalid device name/);
  });

  it('deviceFileAt / resolveRevision: files at a revision; unknown revisions and options refused', async () => {
    expect((await deviceFileAt(store, 'HEAD~1', 'core-1', 'running')).text).toBe('one\n');
    expect((await deviceFileAt(store, c2.slice(0, 8), 'core-1', 'running')).text).toBe('two\n');
    expect((await deviceFileAt(store, 'HEAD~1', 'core-1', 'lastGood')).text).toBeUndefined();
    expect((await resolveRevision(store, 'main')).commit).toBe(c2);
    for (const bad of ['HEAD~5', 'nope', '--output=/tmp/x', 'a b', '']) await expect(resolveRevision(store, bad)).rejects.toBeInstanceOf(RevisionError);
  });

  it('fileOrigin: the last commit of a file, and whether the work tree differs from it', async () => {
    const startup = await fileOrigin(store, 'core-1', 'startup');
    expect(startup).toMatchObject({ commit: { commit: c1 }, uncommitted: false });
    await writeFile(path.join(store.dir, 'core-1', 'running.cfg'), 'three\n');
    expect(await fileOrigin(store, 'core-1', 'running')).toMatchObject({ commit: { commit: c2 }, uncommitted: true });
    expect(await fileOrigin(store, 'core-2', 'lastGood')).toEqual({ commit: null, uncommitted: false });
  });
});
