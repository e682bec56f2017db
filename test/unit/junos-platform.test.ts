// The juniper-junos platform object: its prompts against real login captures, and its
// strategies' data against Junos's documented answers. (The parsers it names are tested
// on the real captures in junos-parsers.test.ts; a real session replay is in
// test/lab/junos-replay.test.ts.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { braceToSet, loadSetLines } from '../../src/platforms/juniper-junos/config-set.js';
import { EXIT_QUESTION, juniperJunos } from '../../src/platforms/juniper-junos/index.js';
import { VC_MEMBER_ENTRY } from '../../src/platforms/juniper-junos/parse-vc-mib.js';
import type { SnmpRow } from '../../src/platforms/platform.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');
/** The last line of a capture (the files end with a newline after the prompt). */
const lastLine = (text: string): string => text.replace(/\r/g, '').replace(/\n+$/, '').split('\n').at(-1) ?? '';

describe('session', () => {
  it('knows the CLI prompt at the end of a real login (after `{master}`), and group 1 names user@host', () => {
    const end = lastLine(real('exscript/banners/junos.3'));
    expect(end).toBe('user@testhost> ');
    expect(juniperJunos.prompt.exec(end)?.[1]).toBe('user@testhost');
    expect(juniperJunos.prompt.test('{master}')).toBe(false);
    expect(juniperJunos.prompt.exec('admin@sw1# ')?.[1]).toBe('admin@sw1');
    expect(juniperJunos.prompt.exec('admin> ')?.[1]).toBe('admin');
  });

  it('knows root lands in the shell (a real EX4200 login) and starts the CLI from there', () => {
    const end = lastLine(real('exscript/banners/junos.2'));
    expect(end).toBe('root@Dell-EX4200-24T:RE:0% ');
    expect(juniperJunos.prompt.test(end)).toBe(false);
    const session = juniperJunos.session;
    expect(session.kind).toBe('shell-then-cli');
    if (session.kind === 'shell-then-cli') {
      expect(session.shellPrompt.test(end)).toBe(true);
      expect(session.start({})).toBe('cli');
    }
  });

  it('no configuration line, in either form, looks like a prompt; the pager is Junos’s', () => {
    const config = real('oxidized/junos#srx300_22.4#output.txt');
    const lines = [...config.split('\n'), ...braceToSet(config)];
    expect(lines.filter((l) => juniperJunos.prompt.test(l))).toEqual([]);
    expect(juniperJunos.pagers.some((p) => p.test('---(more 45%)---'))).toBe(true);
    expect(juniperJunos.pagers.some((p) => p.test('---(more)---'))).toBe(true);
  });
});

describe('unsaved: the candidate', () => {
  it('lists the pending changes from `show | compare`, and nothing when it is empty', () => {
    const unsaved = juniperJunos.unsaved;
    expect(unsaved.kind).toBe('candidate');
    if (unsaved.kind !== 'candidate') return;
    expect(unsaved.commands).toEqual(['configure', 'show | compare', 'exit configuration-mode']);
    expect(unsaved.parse('[edit system]\n-  host-name a;\n+  host-name b;\n\n[edit]\nroot@sw# ')).toEqual([
      'delete system host-name a',
      'set system host-name b',
    ]);
    expect(unsaved.parse('\n[edit]\nroot@sw# ')).toEqual([]);
    // Leaving with changes asks; `yes` keeps them in the shared candidate.
    expect(EXIT_QUESTION.pattern.test('The configuration has been changed but not committed\nExit with uncommitted changes? [yes,no] (yes) ')).toBe(true);
  });

  it('on a VC, says whether commits reach the backup routing engine', () => {
    const sync = juniperJunos.unsaved.kind === 'candidate' ? juniperJunos.unsaved.sync : undefined;
    expect(sync?.command).toBe('show system uptime invoke-on all-routing-engines');
    const section = (re: string, last: string) =>
      `${re}:\n${'-'.repeat(74)}\nCurrent time: 2026-01-05 10:00:00 UTC\nSystem booted: 2025-12-01 08:00:00 UTC (5w0d 02:00 ago)\nLast configured: ${last}\n`;
    // Each RE's own last commit: the same on both, or the backup behind the master.
    expect(sync?.parse(section('fpc0', '2026-01-05 09:00:00 UTC by netops') + '\n' + section('fpc1', '2026-01-05 09:00:00 UTC by netops')).synced).toBe(true);
    const behind = sync?.parse(section('fpc0', '2026-01-05 09:00:00 UTC by netops') + '\n' + section('fpc1', '2025-12-20 08:00:00 UTC by netops'));
    expect(behind?.synced).toBe(false);
    expect(behind?.detail).toBe(
      'fpc1 last configured 2025-12-20 08:00:00 UTC by netops, fpc0 (master) 2026-01-05 09:00:00 UTC by netops: a plain commit on a Virtual Chassis; commit synchronize copies it',
    );
    // A standalone switch (one RE, no sections): nothing to synchronise.
    expect(sync?.parse('Current time: 2026-01-05 10:00:00 UTC\nLast configured: 2026-01-05 09:00:00 UTC by netops\n').synced).toBe(true);
  });
});

describe('restore: commit confirmed', () => {
  const strategy = juniperJunos.restore[0];
  it('is the first strategy, and recognises Junos’s answers', () => {
    expect(strategy?.kind).toBe('commit-confirmed');
    if (strategy?.kind !== 'commit-confirmed') return;
    expect(strategy.confirmed(5)).toBe('commit confirmed 5');
    // The answer as Juniper documents it (and as a terminal may wrap it).
    expect(strategy.confirmedOk.test('commit confirmed will be automatically rolled back in 10 minutes unless confirmed\ncommit complete\n')).toBe(true);
    expect(strategy.confirmedOk.test('commit confirmed will be automatically rolled back in 1\n    minutes unless confirmed\ncommit complete')).toBe(true);
    expect(strategy.commit({ synchronize: true })).toBe('commit synchronize');
    expect(strategy.commitOk.test('fpc1:\ncommit complete\nfpc0:\ncommit complete\n')).toBe(true);
    const refusals = [
      'error: configuration database modified',
      'terminal:3:(0) syntax error: foo',
      'error: commit failed: (missing mandatory statements)',
      'unknown command.',
    ];
    expect(refusals.filter((r) => !strategy.errors.some((re) => re.test(r)))).toEqual([]);
    expect(strategy.errors.some((re) => re.test('load complete'))).toBe(false);
  });

  it('loads deletes for what running has extra, then the target', () => {
    const running = ['set version 22.4', 'set system host-name old', 'set vlans v10 vlan-id 10'];
    const target = ['set version 22.4', 'set system host-name new', 'set vlans v10 vlan-id 10', 'deactivate vlans v10'];
    expect(loadSetLines(target, running)).toEqual([
      'delete system host-name old',
      'set version 22.4',
      'set system host-name new',
      'set vlans v10 vlan-id 10',
      'deactivate vlans v10',
    ]);
  });
});

describe('snmp', () => {
  it('detects Junos by jnxProducts and sysDescr', () => {
    const detect = juniperJunos.snmp!.detect;
    expect(detect.sysObjectIdPrefixes.some((p) => '1.3.6.1.4.1.2636.1.1.1.2.132'.startsWith(p))).toBe(true);
    expect(detect.sysDescr.test('Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 18.4R2-S3, Build date: 2020-03-11')).toBe(true);
    expect(detect.sysDescr.test('Cisco IOS Software, C2960X Software')).toBe(false);
  });

  it('reads the VC member table: roles, serials, models, versions, priorities (a synthetic walk in the MIB’s layout)', () => {
    const cell = (column: number, member: number, value: SnmpRow['value']): SnmpRow => ({ oid: `${VC_MEMBER_ENTRY}.${column}.${member}`, value });
    const rows: SnmpRow[] = [
      cell(2, 0, Buffer.from('GX1122334401')),
      cell(3, 0, 2),
      cell(5, 0, Buffer.from('22.4R3-S2.11')),
      cell(6, 0, 129),
      cell(8, 0, Buffer.from('ex4300-48p')),
      cell(4, 1, Buffer.from([0x68, 0x9c, 0xe2, 0xff, 0xb9, 0xd9])),
      cell(2, 1, Buffer.from('GX1122334402')),
      cell(3, 1, 1),
      cell(3, 2, 3),
      { oid: '1.3.6.1.4.1.2636.3.40.1.4.1.2.1.1.0', value: 1 }, // another table: ignored
    ];
    const members = juniperJunos.snmp!.stack!.parse(rows);
    expect(members.map((m) => [m.number, m.role, m.serial, m.model, m.version, m.priority, m.mac])).toEqual([
      [0, 'standby', 'GX1122334401', 'ex4300-48p', '22.4R3-S2.11', 129, undefined],
      [1, 'active', 'GX1122334402', undefined, undefined, undefined, '689c.e2ff.b9d9'],
      [2, 'member', undefined, undefined, undefined, undefined, undefined],
    ]);
  });
});

describe('startup, persist, stack', () => {
  it('has no startup to read, commits to persist, and speaks of master/backup/linecard', () => {
    expect(juniperJunos.startup.from).toBe('none');
    // Pending lines are committed in the shared candidate (configure), where they are; a restore uses configure exclusive.
    expect(juniperJunos.persist).toEqual({ kind: 'commit', words: 'commit', enter: 'configure' });
    expect(juniperJunos.stack?.model).toBe('virtual-chassis');
    expect(juniperJunos.stack?.roleWords).toEqual({ active: 'master', standby: 'backup', member: 'linecard' });
    expect(juniperJunos.stack?.parse(real('ralph/show_virtual-chassis_stacked.txt')).map((m) => m.role)).toEqual(['standby', 'active']);
  });
});
