// docs/deploy/kubernetes/switchback-backup.yaml's pod script, run as the Indexed Job runs it:
// N copies at once, each with its own JOB_COMPLETION_INDEX and its own home (the pod's
// emptyDir), each cloning one remote (a real bare repository), backing up its shard of lab
// switches and pushing. What a user checks is the remote: every switch once, and the
// Job's view of each pod's exit (0 also on findings).

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BIN } from '../helpers/cli.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

interface Container {
  command: string[];
  env: { name: string; value: string }[];
}
const manifest = parseAllDocuments(readFileSync(fileURLToPath(new URL('../../docs/deploy/kubernetes/switchback-backup.yaml', import.meta.url)), 'utf8')).map(
  (d) => d.toJS() as { kind: string; spec: { jobTemplate: { spec: { completions: number; template: { spec: { containers: Container[] } } } } } },
);
const job = manifest.find((o) => o.kind === 'CronJob')!.spec.jobTemplate.spec;
const container = job.template.spec.containers[0]!;
const script = container.command[2]!;
const N = job.completions;

const NAMES = Array.from({ length: 2 * N }, (_, i) => `k8s-sw-${String(i + 1).padStart(2, '0')}`);

let lab: LabRun;
let dir: string;
let bin: string;
let remote: string;

beforeAll(async () => {
  lab = await labRun('switchback-deploy-k8s-', NAMES);
  dir = mkdtempSync(join(tmpdir(), 'switchback-k8s-pods-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(BIN, join(bin, 'switchback'));
  remote = join(dir, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
});
afterAll(() => lab?.fleet.stop());

let night = 0;
/** One pod: the manifest's env, with this machine's paths for the remote, the inventory and the home. */
function pod(index: number): Promise<{ code: number | null; output: string }> {
  const home = join(dir, `night-${night}-pod-${index}`);
  mkdirSync(home);
  const env: Record<string, string> = {
    ...Object.fromEntries(container.env.map((e) => [e.name, e.value])),
    ...lab.env,
    PATH: `${bin}:${process.env.PATH}`,
    JOB_COMPLETION_INDEX: String(index),
    HOME: home,
    SWITCHBACK_REMOTE: remote,
    SWITCHBACK_BACKUPS: join(home, 'backups'),
    SWITCHBACK_INVENTORY: lab.inventory,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
/** The Job's N pods, all at once. */
const allPods = () => {
  night++;
  return Promise.all(Array.from({ length: N }, (_, i) => pod(i)));
};
let checks = 0;
const remoteTree = () => {
  const check = join(dir, `check-${++checks}`);
  execFileSync('git', ['clone', '--quiet', remote, check]);
  return readdirSync(check).filter((e) => !e.startsWith('.'));
};

describe(`the CronJob's ${N} pods (Indexed Job) against one remote`, () => {
  it('each pod clones, backs up its shard and pushes: every switch lands in the remote once', async () => {
    const pods = await allPods();
    for (const [i, p] of pods.entries()) expect(p.code, `pod ${i}: ${p.output}`).toBe(0);
    const tree = remoteTree();
    expect(tree.filter((e) => NAMES.includes(e)).sort()).toEqual(NAMES);
  });

  it('a night with findings: the pod prints them and still succeeds (exit 3 is 0 for the Job)', async () => {
    await lab.fleet.apply('k8s-sw-03', { kind: 'change', lines: ['interface GigabitEthernet1/0/9', ' description k8s-not-saved'] });
    const pods = await allPods();
    expect(pods.map((p) => p.code)).toEqual(pods.map(() => 0));
    const telling = pods.filter((p) => /^k8s-sw-03\s+changed\s+\+\d+\/-\d+/m.test(p.output));
    expect(telling, pods.map((p) => p.output).join('\n---\n')).toHaveLength(1);
    const log = execFileSync('git', ['--git-dir', remote, 'log', '--format=%s'], { encoding: 'utf8' });
    expect(log).toMatch(/1 unsaved/);
  });
});
