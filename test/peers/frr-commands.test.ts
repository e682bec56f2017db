// Every command on a real FRRouting switch behind real OpenSSH, with the real CLI
// (bin/switchback): backup, diff, check (live, --offline, --snmp), history, good, restore
// (--dry-run, --yes), ready --feed, with the result words, exit codes and JSON they have on
// cisco-ios. Both ways in: a login to the Linux shell that starts `vtysh -N PATHSPACE`
// (port 22), and a login that lands in vtysh itself (port 2222, where an exec channel's
// command goes to vtysh, so frr.conf cannot be read). And FRR down: vtysh's own words are
// the reason. One switch from frr-switch.ts (root; Debian's frr, openssh-server, snmpd);
// fails, never skips, without them.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { requireFrrHarness, startFrrSwitch } from './frr-switch.js';
import type { FrrSwitch } from './frr-switch.js';

let sw: FrrSwitch;
let dir: string;

beforeAll(async () => {
  requireFrrHarness();
  sw = await startFrrSwitch({ name: 'edge1' });
  await sw.configure('ip route 192.0.2.0/24 Null0', 'interface eth0', ' description uplink', 'exit');
  await sw.vtysh('write memory');
  dir = mkdtempSync(join(tmpdir(), 'switchback-frr-commands-'));
  writeFileSync(join(dir, 'edge1.key'), sw.ssh.privateKey, { mode: 0o600 });
  // The same switch twice: through the shell (password), and straight into vtysh (key).
  // A standalone switch gets its feed as a stack of one member.
  writeFileSync(
    join(dir, 'frr.yaml'),
    [
      'devices:',
      `  - name: edge1`,
      `    host: ${sw.address}`,
      `    platform: frr`,
      `    platformOptions: { pathspace: ${sw.pathspace} }`,
      `    credentials: { username: ${sw.ssh.username}, password: env:FRR_PASSWORD }`,
      `    snmp: { version: 2, community: env:FRR_COMMUNITY }`,
      `    stack: { members: [ { number: 1, feed: A } ] }`,
      `  - name: edge1-auto`,
      `    host: ${sw.address}`,
      `    platform: auto`,
      `    platformOptions: { pathspace: ${sw.pathspace} }`,
      `    credentials: { username: ${sw.ssh.username}, password: env:FRR_PASSWORD }`,
      `    snmp: { version: 2, community: env:FRR_COMMUNITY }`,
      `  - name: edge1-vty`,
      `    host: ${sw.address}`,
      `    port: ${sw.ssh.vtyshPort}`,
      `    platform: frr`,
      `    credentials: { username: ${sw.ssh.username}, privateKey: file:edge1.key }`,
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await sw?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

async function sb(...args: string[]) {
  const run = await runCli([...args, '--inventory', join(dir, 'frr.yaml'), '--backups', join(dir, 'backups'), '--no-color'], {
    env: { FRR_PASSWORD: sw.ssh.password, FRR_COMMUNITY: sw.snmp.community, SWITCHBACK_INVENTORY: '', SWITCHBACK_BACKUPS: '' },
  });
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (args.includes('--json')) {
    try {
      json = JSON.parse(run.stdout);
    } catch {
      throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
  }
  return { ...run, json };
}

const UNSAVED = 'ip route 203.0.113.0/24 Null0';

describe('frr through the shell that starts vtysh', () => {
  it('backup: captured, saved (frr.conf read), last good set, a stack of one member', async () => {
    const r = await sb('backup', 'edge1', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json.devices).toEqual([
      expect.objectContaining({
        device: 'edge1',
        status: 'new',
        unsaved: null,
        noStartup: false,
        lastGood: 'advanced',
        stack: { ready: 1, expected: 1, missing: [], active: 1 },
      }),
    ]);
    expect(r.json.devices[0].startupUnreadable).toBeUndefined();
  });

  it('diff: running (with its `end`) and frr.conf (without) are the same; an unsaved line is the one difference', async () => {
    const same = await sb('diff', 'edge1');
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^edge1: running and startup are the same/);

    await sw.configure(UNSAVED);
    const live = await sb('diff', 'edge1', '--live', '--json');
    expect(live.code, live.stderr).toBe(3);
    expect(live.json).toMatchObject({ equal: false, added: 1, removed: 0, against: 'startup' });
    const changed = live.json.hunks.flatMap((h: { lines: string[] }) => h.lines).filter((l: string) => /^[+-]/.test(l) && !/^[+-]!?$/.test(l));
    expect(changed).toEqual([`+${UNSAVED}`]);
    const text = await sb('diff', 'edge1', '--live');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('edge1: running differs from startup: +1 -0 line');
  });

  it('backup and check --offline: the unsaved line, flagged with its line', async () => {
    const b = await sb('backup', 'edge1', '--json');
    expect(b.code, b.stderr).toBe(3);
    expect(b.json.devices[0]).toMatchObject({ status: 'changed', unsaved: { added: [UNSAVED], removed: [] } });
    const c = await sb('check', 'edge1', '--offline', '--json');
    expect(c.code, c.stderr).toBe(3);
    expect(c.json.devices[0]).toMatchObject({ device: 'edge1', platform: 'frr', checkedVia: ['backup'] });
    expect(c.json.devices[0].findings).toEqual([expect.objectContaining({ kind: 'unsaved', lines: [`+ ${UNSAVED}`] })]);
    // In FRR's words: what boots is frr.conf.
    expect(c.json.devices[0].findings[0].message).toBe('unsaved: running-config differs from frr.conf: 1 line not saved (a power loss loses them)');
  });

  it('history: the two backups, newest first', async () => {
    const h = await sb('history', 'edge1', '--json');
    expect(h.code, h.stderr).toBe(0);
    expect(h.json.commits.map((c: { summary?: string }) => c.summary)).toEqual([expect.stringMatching(/^edge1: changed, unsaved \+1\/-0/), 'edge1: new']);
  });

  it('ready --feed: the unsaved line fails "saved"; the one member on feed A is an outage; feed B is on no member', async () => {
    const a = await sb('ready', 'edge1', '--feed', 'A', '--json');
    expect(a.code, a.stdout + a.stderr).toBe(3);
    const items = Object.fromEntries(a.json.devices[0].items.map((i: { item: string }) => [i.item, i]));
    expect(items.saved).toMatchObject({ state: 'fail', lines: [`+ ${UNSAVED}`] });
    expect(items.stack).toMatchObject({ state: 'pass', reason: 'standalone' });
    expect(items.power).toMatchObject({ state: 'fail', reason: expect.stringMatching(/^OUTAGE: member 1 loses power/) });
    expect(items['restore-path']).toMatchObject({ state: 'pass' });
    // As on cisco-ios: a feed no member is on is a bad invocation, and nothing is contacted.
    const b = await sb('ready', 'edge1', '--feed', 'B', '--json');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('B');
  });

  it('check --snmp: nothing until the power goes; then rebooted, from snmpd’s snmpEngineBoots', async () => {
    const quiet = await sb('check', 'edge1', '--snmp', '--json');
    expect(quiet.code, quiet.stdout + quiet.stderr).toBe(0);
    expect(quiet.json.devices[0]).toMatchObject({ device: 'edge1', status: 'ok', platform: 'frr' });
    // snmpd knows nothing of FRR's configuration: the note says where unsaved is judged, and why.
    expect(quiet.json.devices[0].notes).toContain(
      'unsaved: judged over SSH only on FRRouting (vtysh): SNMP cannot compare running-config with frr.conf; run switchback check without --snmp',
    );
    await sw.powerCycle();
    const r = await sb('check', 'edge1', '--snmp', '--json');
    expect(r.code, r.stderr).toBe(3);
    expect(r.json.devices[0].findings).toEqual([{ kind: 'rebooted', message: expect.stringMatching(/snmpEngineBoots \d+ → \d+/) }]);
  });

  it('check (live) after the power event: rebooted and lost-unsaved, nothing lost of last good', async () => {
    const r = await sb('check', 'edge1', '--json');
    expect(r.code, r.stderr).toBe(3);
    const d = r.json.devices[0];
    expect(d.findings.map((f: { kind: string }) => f.kind)).toEqual(['rebooted', 'lost-unsaved']);
    expect(d.findings[1].lines).toEqual([UNSAVED]);
    expect(d.checkedVia).toEqual(['snmp', 'ssh']);
  });

  it('good, then restore --dry-run and --yes: the plan, typed, verified against running and frr.conf', async () => {
    // What is wanted now is typed by hand and backed up; after the reboot the backup holds last
    // good, so `good` (with a reason) makes this backup last good.
    await sw.configure(UNSAVED, 'interface eth0', ' description uplink to spine', 'exit');
    const b = await sb('backup', 'edge1', '--json');
    expect(b.json.devices[0].unsaved.added).toEqual([UNSAVED, 'interface eth0', ' description uplink to spine']);
    const g = await sb('good', 'edge1', '--reason', 'the route and the new description are wanted', '--json');
    expect(g.code, g.stdout + g.stderr).toBe(0);
    await sw.powerCycle(); // both changes gone again: frr.conf never had them

    const plan = await sb('restore', 'edge1', '--dry-run', '--json');
    expect(plan.code, plan.stdout + plan.stderr).toBe(3); // the switch differs: as on cisco-ios
    expect(plan.json).toMatchObject({ device: 'edge1', mode: 'merge', status: 'planned', plan: { add: 2, remove: 0 } });
    expect(plan.json.plan.lines).toEqual([`+ ${UNSAVED}`, '  interface eth0', '+  description uplink to spine']);
    expect(await sw.vtysh('show running-config')).not.toContain(UNSAVED); // a dry run types nothing

    const done = await sb('restore', 'edge1', '--yes', '--json');
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.json).toMatchObject({ device: 'edge1', status: 'verified', save: { state: 'saved' }, verification: { same: true } });
    const saved = sw.savedConfig() ?? '';
    expect(saved).toContain(`${UNSAVED}\n`);
    expect(saved).toContain(' description uplink to spine\n');
    expect(saved).not.toContain(' description uplink\n');
    const after = await sb('diff', 'edge1', '--live', '--against', 'good');
    expect(after.code, after.stdout).toBe(0);
  });
});

describe('frr when its daemons are down', () => {
  it('backup and check give vtysh’s own reason; the switch answers again once FRR is back', async () => {
    await sw.frrDown();
    try {
      const b = await sb('backup', 'edge1', '--json');
      expect(b.code).toBe(1);
      expect(b.json.devices[0]).toMatchObject({ device: 'edge1', status: 'failed' });
      expect(JSON.stringify(b.json.devices[0])).toContain('Exiting: failed to connect to any daemons.');
      const c = await sb('check', 'edge1', '--json');
      expect(c.code).toBe(1);
      expect(c.json.devices[0]).toMatchObject({ status: 'unreachable' });
      expect(c.json.devices[0].findings).toContainEqual({
        kind: 'unreachable',
        message: 'unreachable: SSH: command: the CLI did not start ("vtysh"): Exiting: failed to connect to any daemons.',
      });
    } finally {
      await sw.frrUp();
    }
    const again = await sb('backup', 'edge1', '--json');
    expect(again.code, again.stdout).toBe(0);
  });
});

describe('frr through a login that lands in vtysh', () => {
  it('backup: the running config as through the shell; frr.conf cannot be read there, and the reason says why', async () => {
    const r = await sb('backup', 'edge1-vty', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(3); // startup-unreadable is a finding, as on cisco-ios
    const d = r.json.devices[0];
    expect(d).toMatchObject({ device: 'edge1-vty', status: 'new', lastGood: 'advanced' });
    expect(d.startupUnreadable).toBe(`the saved configuration /etc/frr/frr.conf could not be read (exit 1: % Unknown command: cat /etc/frr/frr.conf)`);
  });

  it('check: startup-unreadable, with the same reason; unsaved is not guessed', async () => {
    const r = await sb('check', 'edge1-vty', '--json');
    expect(r.code, r.stderr).toBe(3);
    expect(r.json.devices[0].findings).toEqual([
      {
        kind: 'startup-unreadable',
        message:
          'startup-unreadable: the saved configuration /etc/frr/frr.conf could not be read (exit 1: % Unknown command: cat /etc/frr/frr.conf); unsaved changes cannot be judged',
      },
    ]);
  });

  it('restore --yes: typed and verified in vtysh, `write memory` done; the save is not claimed, since frr.conf cannot be read back', async () => {
    await sw.configure('no ip route 192.0.2.0/24 Null0');
    const r = await sb('restore', 'edge1-vty', '--yes', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.json).toMatchObject({ device: 'edge1-vty', status: 'verified', plan: { add: 1, remove: 0 }, save: { state: 'failed' } });
    expect(r.json.save.reason).toBe(
      'saved, but the saved configuration could not be read back: the saved configuration /etc/frr/frr.conf could not be read (exit 1: % Unknown command: cat /etc/frr/frr.conf)',
    );
    expect(await sw.vtysh('show running-config')).toContain('ip route 192.0.2.0/24 Null0\n');
    expect(sw.savedConfig()).toContain('ip route 192.0.2.0/24 Null0\n');
  });
});

describe('frr with platform: auto', () => {
  it('SNMP says only "Linux"; the SSH session tells FRR apart, and the backup records it for the other commands', async () => {
    const r = await sb('backup', 'edge1-auto', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json.devices[0]).toMatchObject({ device: 'edge1-auto', status: 'new', platformDetected: 'frr (from show version over SSH)', unsaved: null });
    const c = await sb('check', 'edge1-auto', '--snmp', '--json');
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(c.json.devices[0]).toMatchObject({ platform: 'frr', status: 'ok' });
    const live = await sb('check', 'edge1-auto', '--json');
    expect(live.code, live.stdout + live.stderr).toBe(0);
    expect(live.json.devices[0]).toMatchObject({ platform: 'frr', status: 'ok', checkedVia: ['snmp', 'ssh'] });
    const d = await sb('diff', 'edge1-auto', '--live');
    expect(d.code, d.stderr).toBe(0);
  });
});

describe('frr booted from a frr.conf written by hand (a template)', () => {
  it('has none of the lines FRR prints by itself, and is still all saved: backup, diff and ready agree', async () => {
    const tmpl = await startFrrSwitch({ name: 'tmpl1', startupConfig: 'hostname tmpl1\nip route 192.0.2.0/24 Null0\n' });
    try {
      const inv = join(dir, 'tmpl.yaml');
      writeFileSync(
        inv,
        [
          'devices:',
          `  - name: tmpl1`,
          `    host: ${tmpl.address}`,
          `    platform: frr`,
          `    platformOptions: { pathspace: ${tmpl.pathspace} }`,
          `    credentials: { username: ${tmpl.ssh.username}, password: env:FRR_PASSWORD }`,
          '',
        ].join('\n'),
      );
      const run = (...args: string[]) =>
        runCli([...args, '--inventory', inv, '--backups', join(dir, 'backups-tmpl'), '--no-color', '--json'], {
          env: { FRR_PASSWORD: tmpl.ssh.password, SWITCHBACK_INVENTORY: '', SWITCHBACK_BACKUPS: '' },
        });
      expect(await tmpl.vtysh('show running-config')).toMatch(/^frr version /m);
      const b = await run('backup');
      expect(b.code, b.stdout + b.stderr).toBe(0);
      expect(JSON.parse(b.stdout).devices[0]).toMatchObject({ device: 'tmpl1', unsaved: null, noStartup: false });
      const d = await run('diff', 'tmpl1');
      expect(d.code, d.stdout).toBe(0);
      const r = await run('ready', 'tmpl1');
      const saved = JSON.parse(r.stdout).devices[0].items.find((i: { item: string }) => i.item === 'saved');
      expect(saved).toMatchObject({ state: 'pass', reason: 'running-config = frr.conf' });
    } finally {
      await tmpl.stop();
    }
  });
});
