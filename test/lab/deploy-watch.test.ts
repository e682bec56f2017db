// docs/deploy/switchback-watch.service: `switchback watch` as a systemd service. Checked by
// what would refuse it — systemd's own verifier and its security score — and by switchback
// itself: every flag the unit passes is one `watch` takes; the command line the unit runs
// starts, listens, and on SIGTERM (what `systemctl stop` sends) exits 0, which
// Restart=on-failure leaves stopped; a secret that does not resolve exits 2, the status
// RestartPreventExitStatus= names, so systemd does not restart it in a loop; the paths the
// unit's comments tell an operator (state file, kill-switch file) are the ones the watch uses.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programFor } from '../../src/cli/main.js';
import { WATCH_DISABLE_FILE } from '../../src/store/repo.js';
import { statePathFor } from '../../src/watch/state-file.js';
import { runCli } from '../helpers/cli.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';
import { startWatch } from '../helpers/watch-run.js';

const deploy = fileURLToPath(new URL('../../docs/deploy/', import.meta.url));
const read = (name: string) => readFileSync(join(deploy, name), 'utf8');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const unit = read('switchback-watch.service');
const backupUnit = read('switchback-backup.service');
const execStart = /^ExecStart=(\S+)(.*)$/m.exec(unit)!;
/** The arguments after the program, as systemd splits them (the unit quotes nothing). */
const args = execStart[2]!.trim().split(/\s+/);

/** Every `Key=value` line of a unit; a key given twice keeps its values in order. */
function keys(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of text.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(l);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}
const one = (k: Map<string, string[]>, key: string) => k.get(key)?.at(-1);

/** systemd-analyze on the unit in a folder of its own, ExecStart's program replaced by a stand-in (verify checks it exists). */
function analyze(argv: string[], text: string): { code: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchback-watch-unit-'));
  const stand = join(dir, 'switchback');
  writeFileSync(stand, '#!/bin/sh\nexit 0\n');
  chmodSync(stand, 0o755);
  writeFileSync(join(dir, 'switchback-watch.service'), text.replace(execStart[1]!, stand));
  const r = spawnSync('systemd-analyze', [...argv, join(dir, 'switchback-watch.service')], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('docs/deploy/switchback-watch.service', () => {
  it.skipIf(!has('systemd-analyze'))('passes systemd-analyze verify: no error, no warning (and the check fails a broken copy)', () => {
    expect(analyze(['verify'], unit)).toMatchObject({ code: 0, stderr: '' });
    expect(analyze(['verify'], unit.replace(/^RestartSec=/m, 'RestarSec=')).stderr).toMatch(/Unknown key.*RestarSec/);
  });

  it.skipIf(!has('systemd-analyze'))("is hardened by systemd's own measure (exposure 2.5 or less) with its one capability", () => {
    const scored = analyze(['security', '--offline=yes', '--threshold=25'], unit);
    expect(scored.code, scored.stdout).toBe(0);
    const level = /Overall exposure level for switchback-watch\.service: (\d\.\d) OK/.exec(scored.stdout);
    expect(level, scored.stdout.slice(-500)).not.toBeNull();
    console.log(`switchback-watch.service: systemd-analyze security exposure ${level![1]} OK`);
  });

  it('runs as a long-running service of the backup user: simple, restarted on failure but not after a bad configuration', () => {
    const k = keys(unit);
    const b = keys(backupUnit);
    expect(one(k, 'Type')).toBe('simple');
    expect(one(k, 'Restart')).toBe('on-failure');
    expect(one(k, 'RestartPreventExitStatus')).toBe('2');
    // The same user, state directory, repository, inventory and secrets as the nightly backup.
    for (const key of [
      'User',
      'Group',
      'StateDirectory',
      'WorkingDirectory',
      'EnvironmentFile',
      'UMask',
      'NoNewPrivileges',
      'ProtectSystem',
      'SystemCallFilter',
    ])
      expect(k.get(key), key).toEqual(b.get(key));
    expect(k.get('Environment')).toEqual(b.get('Environment'));
    // Node's JIT writes code it then runs.
    expect(k.has('MemoryDenyWriteExecute')).toBe(false);
    expect(execStart[1]).toBe(/^ExecStart=(\S+)/m.exec(backupUnit)![1]);
  });

  it('binds ports below 1024 with CAP_NET_BIND_SERVICE and no other capability', () => {
    const port = (flag: string) => Number(args[args.indexOf(flag) + 1]);
    const privileged = ['--trap-port', '--syslog-port'].filter((f) => args.includes(f) && port(f) < 1024);
    expect(privileged).toEqual(['--trap-port', '--syslog-port']);
    expect(one(keys(unit), 'AmbientCapabilities')).toBe('CAP_NET_BIND_SERVICE');
    expect(one(keys(unit), 'CapabilityBoundingSet')).toBe('CAP_NET_BIND_SERVICE');
  });

  it('passes only options `switchback watch` takes, with values it accepts', async () => {
    expect(args[0]).toBe('watch');
    const program = await programFor(['watch']);
    const watch = program.commands.find((c) => c.name() === 'watch')!;
    const flags = new Set(watch.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
    for (const a of args.slice(1).filter((x) => x.startsWith('-'))) expect(flags.has(a), `${a} is not an option of switchback watch`).toBe(true);
    const recover = watch.options.find((o) => o.long === '--recover')!;
    expect(recover.argChoices).toContain(args[args.indexOf('--recover') + 1]);
  });

  it('names the files the watch really uses: its state file and the kill-switch in the repository', () => {
    const repo = keys(unit)
      .get('Environment')!
      .find((e) => e.startsWith('SWITCHBACK_BACKUPS='))!
      .slice('SWITCHBACK_BACKUPS='.length);
    expect(unit).toContain(statePathFor(repo));
    expect(unit).toContain(`touch ${join(repo, WATCH_DISABLE_FILE)}`);
  });
});

describe("the unit's command line, as systemd runs it (lab switches, unprivileged ports)", () => {
  let lab: LabRun;
  beforeAll(async () => {
    lab = await labRun('switchback-deploy-watch-', ['dw-sw-1']);
    expect((await lab.cli('backup')).code).toBe(0);
  });
  afterAll(() => lab.fleet.stop());

  /** The unit's arguments with its ports swapped for 0 (any free one) and its inventory and repository the lab's, as the unit's Environment= gives them. */
  const unitArgs = () => {
    const a = args.slice(1);
    for (const f of ['--trap-port', '--syslog-port', '--http-port']) if (a.includes(f)) a.splice(a.indexOf(f), 2);
    return a;
  };

  it('starts, listens, and on SIGTERM (systemctl stop) exits 0: Restart=on-failure leaves it stopped', async () => {
    const watch = await startWatch(unitArgs(), {
      env: { ...lab.env, SWITCHBACK_INVENTORY: lab.inventory, SWITCHBACK_BACKUPS: lab.backups },
      http: args.includes('--http-port'),
    });
    expect(watch.alive()).toBe(true);
    if (watch.httpPort !== undefined) expect((await watch.get('/healthz')).status).toBe(200);
    expect(await watch.stop()).toBe(0);
    expect(watch.lines.at(-1)).toMatchObject({ what: 'stopped' });
  });

  it('a secret that does not resolve: exit 2, which RestartPreventExitStatus= keeps from restarting in a loop', async () => {
    const env = Object.fromEntries(
      Object.entries({ ...lab.env, SWITCHBACK_INVENTORY: lab.inventory, SWITCHBACK_BACKUPS: lab.backups }).filter(([k]) => k !== 'SWITCHBACK_LAB_PASSWORD'),
    );
    const run = await runCli(['watch', ...unitArgs(), '--trap-port', '0', '--syslog-port', '0'], { env });
    expect(run.code).toBe(Number(one(keys(unit), 'RestartPreventExitStatus')));
    expect(run.stderr).toMatch(/SWITCHBACK_LAB_PASSWORD/);
  });
});
