// The Junos candidate and commits on a lab switch, driven through its CLI session with
// an injected clock: commit confirmed rolls back by itself, rollback N, exclusive
// locks, the VC's unsynchronised backup RE, and the show layouts checked against real captures.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliHost, CliSession } from '../../src/lab/personality.js';
import { juniperJunosPersonality, junosUnsaved } from '../../src/lab/personalities/juniper-junos/index.js';
import { junos, whenRolledBack } from '../../src/lab/personalities/juniper-junos/state.js';
import * as model from '../../src/lab/model.js';

const MINUTE = 40; // ms in a lab `commit confirmed` minute

function lab(members = 3) {
  const clock = { t: Date.parse('2026-01-05T10:00:00Z') };
  const p = juniperJunosPersonality({ commitMinuteMs: MINUTE, clock: () => clock.t });
  // The lab model runs the VC's own election at every power event, as a lab switch does.
  const rules = { elect: p.elect! };
  const state = p.initialState(
    {
      name: 'vc-1',
      hostname: 'vc-1',
      index: 1,
      members: Array.from({ length: members }, (_, i) => ({ number: i + 1, priority: 1, model: 'ex4300-48p', feed: i % 2 === 0 ? 'A' : 'B' })),
    },
    clock.t,
  );
  const host: CliHost = { state, now: () => clock.t, save() {}, touchRunning() {} };
  const open = (user = 'netops') => {
    const cli = p.openCli(host, user, 15, '');
    return { cli, run: (line: string) => (cli.input(line).output + cli.prompt()).replace(/\r\n/g, '\n') };
  };
  return { p, state, host, clock, open, rules };
}

const setLines = (cli: CliSession) => cli.exec('show configuration | display set').output;

describe('commit confirmed', () => {
  it('rolls back by itself when no commit confirms it in time, recorded as root via other', async () => {
    const { state, clock, open } = lab();
    const { cli, run } = open();
    run('configure');
    run('set system host-name changed');
    const out = run('commit confirmed 1');
    expect(out).toContain('commit confirmed will be automatically rolled back in 1 minutes unless confirmed\ncommit complete\n');
    expect(out).toContain('# commit confirmed will be rolled back in 1 minutes\n{master:0}[edit]\nnetops@changed# ');
    expect(setLines(cli)).toContain('set system host-name changed');
    const rolled = whenRolledBack(state);
    clock.t += MINUTE; // the lab clock passes the deadline; the switch's own timer notices
    await rolled;
    expect(setLines(cli)).toContain('set system host-name vc-1');
    const commits = cli.exec('show system commit').output.split('\n');
    expect(commits[0]).toMatch(/^0   \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by root via other$/);
    expect(commits[1]).toMatch(/^1   .* by netops via cli commit confirmed, rollback in 1mins$/);
  });

  it('a plain commit within the time confirms it', () => {
    const { state, clock, open } = lab();
    const { cli, run } = open();
    run('configure');
    run('set system host-name kept');
    run('commit confirmed 5');
    clock.t += 2 * MINUTE;
    expect(run('commit')).toContain('commit complete');
    clock.t += 10 * MINUTE;
    run('show');
    expect(junos(state).confirm).toBeUndefined();
    expect(setLines(cli)).toContain('set system host-name kept');
  });

  it('a power cycle before confirmation boots the configuration from before it', () => {
    const { p, state, clock, open } = lab();
    const { run } = open();
    run('configure');
    run('set system host-name unconfirmed');
    run('commit confirmed 5');
    model.powerCycle(state, p.factoryDefault(), clock.t);
    expect(open().cli.exec('show configuration system host-name').output).toBe('host-name vc-1;\n');
  });
});

describe('candidate, rollback and locks', () => {
  it('show | compare lists the candidate changes; a shared candidate survives leaving configuration mode', () => {
    const { open } = lab();
    const a = open();
    a.run('configure');
    a.run('set interfaces ge-0/0/1 description "moved"');
    expect(a.run('show | compare')).toMatch(/^\[edit interfaces ge-0\/0\/1\]\n-  description "access 0\/1";\n\+  description "moved";\n/);
    expect(a.run('exit')).toContain('Exit with uncommitted changes? [yes,no] (yes) ');
    expect(a.run('yes')).toContain('Exiting configuration mode');
    const b = open('other');
    expect(b.run('configure')).toContain('The configuration has been changed but not committed');
    expect(b.run('show | compare')).toContain('+  description "moved";');
  });

  it('configure exclusive locks others out and discards its changes on exit', () => {
    const { open } = lab();
    const a = open();
    expect(a.run('configure exclusive')).toContain('warning: uncommitted changes will be discarded on exit\nEntering configuration mode');
    a.run('set system host-name mine');
    const b = open('other');
    expect(b.run('configure')).toContain('error: configuration database locked by:');
    a.run('exit');
    a.run('yes');
    expect(b.run('configure')).not.toContain('error');
    expect(b.run('show | compare')).toBe('\n{master:0}[edit]\nother@vc-1# ');
  });

  it('rollback N loads an earlier commit into the candidate', () => {
    const { open, clock } = lab();
    const { run } = open();
    run('configure');
    run('set system host-name first');
    run('commit');
    run('set system host-name second');
    run('commit');
    expect(run('rollback 1')).toContain('load complete');
    expect(run('show | compare')).toContain('-  host-name second;\n+  host-name first;');
    expect(run('rollback 60')).toContain('error:');
    // Configuration mode's show heads the candidate with when it changed.
    clock.t += 1000;
    run('set system host-name third');
    expect(run('show')).toMatch(/^## Last changed: 2026-01-05 10:00:01 UTC\nversion 21\.4R3-S4\.9;\nsystem \{\n    host-name third;/);
  });

  it('load override terminal replaces the candidate with what is typed until Ctrl-D', () => {
    const { open } = lab();
    const { cli, run } = open();
    run('configure exclusive');
    const committed = cli.exec('show configuration').output.replace(/^## Last commit:.*\n/, '');
    expect(run('load override terminal')).toContain('[Type ^D at a new line to end input]');
    for (const line of committed.replace('host-name vc-1;', 'host-name loaded;').split('\n')) cli.input(line);
    expect(cli.input('\x04').output).toBe('load complete\n');
    expect(run('show | compare')).toBe('[edit system]\n-  host-name vc-1;\n+  host-name loaded;\n\n{master:0}[edit]\nnetops@vc-1# ');
    expect(run('commit check')).toContain('configuration check succeeds');
  });

  it('a commit without root authentication fails as Junos refuses it', () => {
    const { open } = lab();
    const { run } = open();
    run('configure');
    run('delete system root-authentication');
    expect(run('commit')).toContain('Missing mandatory statement');
  });
});

describe('the Virtual Chassis', () => {
  it('a plain commit leaves the backup RE behind; after the master is lost the backup runs its older configuration', () => {
    const { state, open, rules } = lab();
    const { run } = open();
    run('configure');
    run('set system host-name master-only');
    expect(junosUnsaved(state)).toMatchObject({ added: 1, removed: 1, backupBehind: false });
    expect(run('commit')).toContain('commit complete');
    expect(junosUnsaved(state)).toMatchObject({ added: 0, removed: 0, backupBehind: true });
    model.memberDown(state, 0, rules);
    const after = open();
    expect(after.cli.exec('show configuration system host-name').output).toBe('host-name vc-1;\n');
    expect(after.cli.prompt()).toContain('{master:1}');
  });

  it('members lost within moments of each other count as lost together (one power feed); far apart, one at a time', () => {
    const together = lab(4);
    model.memberDown(together.state, 0, together.rules);
    together.clock.t += 100;
    model.memberDown(together.state, 2, together.rules);
    // Together: 2 of 4 left with the backup → active, the backup is master.
    expect(model.activeMember(together.state)?.number).toBe(1);
    expect(together.open().cli.prompt()).toContain('{master:1}');

    const apart = lab(4);
    model.memberDown(apart.state, 0, apart.rules);
    apart.clock.t += 60_000;
    model.memberDown(apart.state, 2, apart.rules); // member 2 was made backup after the first loss
    // One at a time: 2 of 4 left with the master only → not more than half → inactive (no master).
    expect(model.activeMember(apart.state)).toBeUndefined();
  });

  it('commit synchronize answers per RE and keeps the backup in step', () => {
    const { state, open, rules } = lab();
    const { run } = open();
    run('configure');
    run('set system host-name synced');
    expect(run('commit synchronize')).toContain('fpc0:\nconfiguration check succeeds\nfpc1:\ncommit complete\nfpc0:\ncommit complete\n');
    model.memberDown(state, 0, rules);
    expect(open().cli.exec('show configuration system host-name').output).toBe('host-name synced;\n');
  });

  it('show virtual-chassis lays out its rows as the real EX capture', () => {
    const { open } = lab(2);
    const out = open().cli.exec('show virtual-chassis').output;
    const real = readFileSync('test/fixtures/real/ralph/show_virtual-chassis_stacked.txt', 'utf8');
    const header = (text: string) => text.split('\n').filter((l) => /Mstr|Member ID/.test(l));
    expect(header(out)).toEqual(header(real));
    const row = (text: string, role: string) => text.split('\n').find((l) => l.includes(role))!;
    // Same columns: where each field starts on the Backup row.
    const starts = (l: string) => [...l.matchAll(/\S+/g)].map((m) => m.index);
    expect(starts(row(out, 'Backup'))).toEqual(starts(row(real, 'Backup')));
    expect(starts(row(out, 'Master*'))).toEqual(starts(row(real, 'Master*')));
  });

  it('show version has an fpcN: section per member, as the real EX VC capture', () => {
    const { open } = lab(2);
    const out = open().cli.exec('show version').output;
    const real = readFileSync('test/fixtures/real/ntc-templates/juniper_junos/show_version/juniper_junos_show_version_ex.raw', 'utf8');
    const sections = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^fpc\d:$|^-{74}$|^(Hostname|Model):/.test(l))
        .map((l) => l.replace(/: .*/, ':'));
    expect(sections(out)).toEqual(sections(real));
  });
});
