// docs/deploy/: the examples a user copies to run switchback on a schedule. Each is checked
// by what would refuse it: systemd's own verifier for the units, cron's five fields for the
// crontab, a YAML parser and the shape the README promises for the Kubernetes manifest, and
// switchback itself for every flag they pass and for the inventory the manifest carries.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { programFor } from '../../src/cli/main.js';
import { loadInventory } from '../../src/inventory/load.js';
import { checkSecrets, secretRefs } from '../../src/inventory/secrets.js';
import { PLATFORM_NAMES } from '../../src/platforms/index.js';

const deploy = fileURLToPath(new URL('../../docs/deploy/', import.meta.url));
const read = (name: string) => readFileSync(join(deploy, name), 'utf8');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Every spelling of every option `switchback backup` takes, read from the program (as --help lists them). */
let backupFlags: Set<string>;
beforeAll(async () => {
  const program = await programFor(['backup']);
  const backup = program.commands.find((c) => c.name() === 'backup')!;
  backupFlags = new Set(backup.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
});

/** The flags of the `switchback backup …` in a command line (up to the end of that command). */
function backupArgs(command: string): string[] {
  const m = /\bswitchback backup([^;|&)\n]*)/.exec(command);
  expect(m, `no "switchback backup" in: ${command}`).not.toBeNull();
  return m![1]!
    .trim()
    .split(/\s+/)
    .filter((w) => w.startsWith('-'));
}

function expectKnownFlags(command: string): void {
  for (const flag of backupArgs(command)) {
    expect(backupFlags.has(flag), `${flag} is not an option of switchback backup`).toBe(true);
  }
}

describe('systemd units', () => {
  const service = read('switchback-backup.service');
  const timer = read('switchback-backup.timer');
  const execStart = /^ExecStart=(\S+)(.*)$/m.exec(service)!;

  /**
   * `systemd-analyze verify` on these files, in a folder of their own. It checks that
   * ExecStart's program exists and is executable, so the path the unit names is replaced by a
   * stand-in script in the same folder (a user's is wherever npm put it). A clean verify is
   * exit 0 and nothing on stderr: an unknown key or a bad value is only a warning line.
   */
  function analyze(args: string[], files: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-units-'));
    const stand = join(dir, 'switchback');
    writeFileSync(stand, '#!/bin/sh\nexit 0\n');
    chmodSync(stand, 0o755);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text.replace(execStart[1]!, stand));
    const r = spawnSync('systemd-analyze', [...args, ...Object.keys(files).map((n) => join(dir, n))], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const verify = (files: Record<string, string>) => {
    const { code, stderr } = analyze(['verify'], files);
    return { code, stderr };
  };
  /** systemd's own score of the hardening, offline: exit 0 when the exposure is at most 2.5 ("OK" or better). */
  const security = (text: string) => analyze(['security', '--offline=yes', '--threshold=25'], { 'switchback-backup.service': text });

  it.skipIf(!has('systemd-analyze'))('pass systemd-analyze verify: no error, no warning', () => {
    expect(verify({ 'switchback-backup.service': service, 'switchback-backup.timer': timer })).toEqual({ code: 0, stderr: '' });
  });

  it.skipIf(!has('systemd-analyze'))('the same check fails a unit that is broken (so the one above can fail)', () => {
    // A program that is not there: verify exits non-zero.
    const missing = verify({ 'switchback-backup.service': service.replace(/^ExecStart=\S+/m, 'ExecStart=/nonexistent/switchback') });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('/nonexistent/switchback');
    // A misspelt key: exit 0, but a warning that the clean check above does not accept.
    const typo = verify({ 'switchback-backup.service': service.replace(/^SuccessExitStatus=3$/m, 'SucessExitStatus=3') });
    expect(typo.stderr).toMatch(/Unknown key.*SucessExitStatus/);
  });

  it.skipIf(!has('systemd-analyze'))("are hardened by systemd's own measure (systemd-analyze security: exposure 2.5 or less)", () => {
    const scored = security(service);
    expect(scored.code, scored.stdout).toBe(0);
    expect(scored.stdout).toMatch(/Overall exposure level for switchback-backup\.service: [0-2]\.\d OK/);
    // The same unit without its hardening is refused by the same check.
    const bare = service
      .split('\n')
      .filter((l) => !/^(Protect|Private|Restrict|SystemCall|NoNewPrivileges|CapabilityBoundingSet|AmbientCapabilities)/.test(l))
      .join('\n');
    expect(security(bare).code).not.toBe(0);
  });

  it('run the nightly backup as the README says: oneshot, own user, state directory, secrets, --quiet, exit 3 a success', () => {
    const keys = (text: string) =>
      new Map(text.split('\n').flatMap((l) => (/^(\w+)=(.*)$/.exec(l) ? [[l.split('=')[0]!, l.slice(l.indexOf('=') + 1)] as const] : [])));
    const s = keys(service);
    expect(s.get('Type')).toBe('oneshot');
    expect(s.get('User')).toBe('switchback');
    expect(s.get('WorkingDirectory')).toBe('/var/lib/switchback');
    expect(s.get('StateDirectory')).toBe('switchback');
    expect(s.get('EnvironmentFile')).toBe('/etc/switchback/credentials.env');
    expect(s.get('SuccessExitStatus')).toBe('3');
    expect(s.get('NoNewPrivileges')).toBe('yes');
    // Node's JIT writes code it then runs: this would kill every run at start.
    expect(s.has('MemoryDenyWriteExecute')).toBe(false);
    expect(execStart[2]).toMatch(/^ backup .*--quiet/);
    expectKnownFlags(`switchback${execStart[2]}`);
    expect(keys(timer).get('Unit')).toBe('switchback-backup.service');
    expect(keys(timer).get('Persistent')).toBe('yes');
    // The user the unit names is the one sysusers creates, at home in the state directory.
    expect(read('switchback.sysusers.conf')).toMatch(/^u switchback - "[^"]+" \/var\/lib\/switchback /m);
  });
});

describe('the crontab', () => {
  const lines = read('switchback.crontab')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const env = new Map(lines.filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const jobs = lines.filter((l) => !/^\w+=/.test(l));

  /** One cron time field: `*`, numbers and ranges in bounds, lists, steps. */
  const fieldOk = (field: string, lo: number, hi: number) =>
    field.split(',').every((part) => {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return false;
      const [a, b] = [m[2], m[3]].map((n) => (n === undefined ? undefined : Number(n)));
      return (a === undefined || (a >= lo && a <= hi)) && (b === undefined || (b >= (a ?? lo) && b <= hi)) && (m[4] === undefined || Number(m[4]) > 0);
    });

  it('holds one job: five valid time fields and a command that runs switchback backup --quiet with known flags', () => {
    expect(jobs).toHaveLength(1);
    const fields = jobs[0]!.trim().split(/\s+/);
    const [min, hour, dom, mon, dow] = fields;
    expect([fieldOk(min!, 0, 59), fieldOk(hour!, 0, 23), fieldOk(dom!, 1, 31), fieldOk(mon!, 1, 12), fieldOk(dow!, 0, 7)]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    const command = jobs[0]!.trim().replace(/^(\S+\s+){5}/, '');
    // cron reads % as a newline in the command.
    expect(command).not.toContain('%');
    expect(command).toContain('switchback backup --quiet');
    expectKnownFlags(command);
    // And it is valid sh.
    expect(spawnSync('sh', ['-n', '-c', command]).status).toBe(0);
  });

  it("says everything cron does not give: MAILTO, a PATH with npm's global bin and node, the inventory and the repository", () => {
    expect(env.get('MAILTO')).toMatch(/@/);
    expect(env.get('PATH')!.split(':')).toEqual(expect.arrayContaining(['/usr/local/bin', '/usr/bin', '/bin']));
    expect(env.get('SWITCHBACK_INVENTORY')).toMatch(/^\//);
    expect(env.get('SWITCHBACK_BACKUPS')).toMatch(/^\//);
  });
});

describe('the Kubernetes manifest', () => {
  const docs = parseAllDocuments(read('kubernetes/switchback-backup.yaml'));
  type Obj = { kind: string; metadata: { name: string }; [k: string]: unknown };
  const objects = docs.map((d) => d.toJS() as Obj);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

  interface Container {
    name: string;
    command: string[];
    env: { name: string; value: string }[];
    envFrom: { secretRef?: { name: string } }[];
    volumeMounts: { name: string; mountPath: string }[];
  }
  interface CronJob {
    spec: {
      schedule: string;
      concurrencyPolicy: string;
      jobTemplate: {
        spec: {
          completionMode: string;
          completions: number;
          parallelism: number;
          podFailurePolicy: { rules: { action: string; onExitCodes?: { containerName: string; values: number[] } }[] };
          template: {
            spec: {
              restartPolicy: string;
              containers: Container[];
              volumes: { name: string; secret?: { secretName: string }; configMap?: { name: string } }[];
            };
          };
        };
      };
    };
  }
  const cron = byKind('CronJob')[0] as unknown as CronJob;
  const job = cron.spec.jobTemplate.spec;
  const pod = job.template.spec;
  const container = pod.containers[0]!;
  const script = container.command.join(' ');

  it('parses: every document is valid YAML with a kind and a name', () => {
    for (const d of docs) expect(d.errors).toEqual([]);
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'CronJob', 'Secret', 'Secret']);
    for (const o of objects) expect(o.metadata.name).toMatch(/^[a-z0-9-]+$/);
  });

  it('is an Indexed Job of N pods, each running its shard K/N with K = index + 1, never two runs at once', () => {
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(job.completionMode).toBe('Indexed');
    const shard = /--shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/(\d+)"/.exec(script);
    expect(shard, script).not.toBeNull();
    const n = Number(shard![1]);
    expect(job.completions).toBe(n);
    expect(job.parallelism).toBe(n);
    expect(script).toMatch(/switchback backup --shard "[^"]+" --push --quiet/);
    expectKnownFlags(script);
    // $((…)) is shell arithmetic: the command must go through a shell, and be valid sh.
    expect(container.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(spawnSync('sh', ['-n', '-c', container.command[2]!]).status).toBe(0);
    // The index is 0..N-1: the shell turns each into a shard switchback accepts, 1..N.
    for (let i = 0; i < n; i++) {
      const out = execFileSync('sh', ['-c', `echo "$((JOB_COMPLETION_INDEX + 1))/${n}"`], { env: { JOB_COMPLETION_INDEX: String(i) }, encoding: 'utf8' });
      expect(out.trim()).toBe(`${i + 1}/${n}`);
    }
  });

  it('clones the repository from a remote into the pod, and maps exit 3 to success and 2 to failing the Job', () => {
    expect(script).toMatch(/git clone .*"\$SWITCHBACK_REMOTE" "\$SWITCHBACK_BACKUPS"/);
    const env = new Map(container.env.map((e) => [e.name, e.value]));
    expect(env.get('SWITCHBACK_REMOTE')).toMatch(/\.git$/);
    expect(env.get('SWITCHBACK_BACKUPS')!.startsWith(env.get('HOME')!)).toBe(true);
    expect(pod.restartPolicy).toBe('Never');
    expect(job.podFailurePolicy.rules).toContainEqual({ action: 'FailJob', onExitCodes: { containerName: container.name, operator: 'In', values: [2] } });
    // The script's own exit for each of switchback's codes.
    const exitFor = (code: number) =>
      spawnSync('sh', ['-c', container.command[2]!.replace(/^.*git clone.*$/m, 'true').replace(/^\s*switchback backup.*$/m, `(exit ${code})`)], {
        env: { JOB_COMPLETION_INDEX: '0' },
      }).status;
    expect([0, 1, 2, 3].map(exitFor)).toEqual([0, 1, 2, 0]);
  });

  it('references only Secrets and ConfigMaps the file defines, and mounts the inventory where SWITCHBACK_INVENTORY says', () => {
    const secrets = new Set(byKind('Secret').map((o) => o.metadata.name));
    const configMaps = new Set(byKind('ConfigMap').map((o) => o.metadata.name));
    for (const f of container.envFrom) expect(secrets).toContain(f.secretRef!.name);
    for (const v of pod.volumes) {
      if (v.secret) expect(secrets).toContain(v.secret.secretName);
      if (v.configMap) expect(configMaps).toContain(v.configMap.name);
    }
    const mounts = new Map(container.volumeMounts.map((m) => [m.mountPath, m.name]));
    const inventoryVolume = pod.volumes.find((v) => v.name === mounts.get(container.env.find((e) => e.name === 'SWITCHBACK_INVENTORY')!.value))!;
    expect(configMaps).toContain(inventoryVolume.configMap!.name);
  });

  it("carries an inventory switchback accepts, whose every secret resolves from the Secret's keys", () => {
    const configMap = byKind('ConfigMap')[0] as unknown as { data: Record<string, string> };
    const dir = mkdtempSync(join(tmpdir(), 'switchback-k8s-inventory-'));
    for (const [name, text] of Object.entries(configMap.data)) writeFileSync(join(dir, name), text);
    const devices = loadInventory([dir], { knownPlatforms: PLATFORM_NAMES });
    expect(devices.length).toBeGreaterThan(0);
    const secret = byKind('Secret').find((s) => s.metadata.name === container.envFrom[0]!.secretRef!.name) as unknown as { stringData: Record<string, string> };
    expect(checkSecrets(devices, secret.stringData)).toEqual([]);
    // Every reference is an env: one (a file: path would not exist in the pod).
    expect(devices.flatMap((d) => secretRefs(d)).every((r) => r.ref.from === 'env')).toBe(true);
    // The systemd example's credentials file gives the same names.
    const envFile = new Set(
      read('credentials.env.example')
        .split('\n')
        .filter((l) => /^\w+=/.test(l))
        .map((l) => l.split('=')[0]),
    );
    for (const name of Object.keys(secret.stringData)) expect(envFile).toContain(name);
  });
});
