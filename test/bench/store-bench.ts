// Store-side figures, each run as its own process by the bench (suite.ts), printing one JSON line:
//   clone  --from DIR --count N --out DIR --inventory-out FILE
//          a backups store of N devices made from a real backup's device folders (copied in turn,
//          names changed), written with the store's own API and committed as one run (timed);
//          and an inventory that lists them, for `check --offline`.
//   commit --store DIR --count N [--few 5]
//          the commit of a run: every device's running.cfg changed, then `few` of them (commitRun, timed).
//   diff-setup --lines N --changed FRACTION --out DIR
//          one device whose running.cfg has N lines and whose startup.cfg differs in FRACTION of them.
//   diff-inproc --lines N --changed FRACTION
//          the comparison `switchback diff` makes (compareConfigs), in process: the algorithm alone.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { compareConfigs } from '../../src/jobs/diff.js';
import { platformByName } from '../../src/platforms/index.js';
import { commitRun, openStore, readDevice, updateRunStatus, writeDevice } from '../../src/store/index.js';
import type { RunStatus } from '../../src/store/index.js';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is needed`);
  return v;
}

const name = (i: number) => `dev-${String(i + 1).padStart(5, '0')}`;
const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

async function clone(): Promise<void> {
  const from = arg('from');
  const count = Number(arg('count'));
  const sources = (await readdir(from, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  const src = await openStore(from);
  const files = await Promise.all(sources.map((s) => readDevice(src, s)));
  const store = await openStore(arg('out'));
  const t0 = performance.now();
  const status: RunStatus = {};
  const at = new Date().toISOString();
  const devices: object[] = [];
  for (let i = 0; i < count; i++) {
    const f = files[i % files.length]!;
    await writeDevice(store, name(i), {
      ...(f.running !== undefined ? { running: f.running } : {}),
      ...(f.startup !== undefined ? { startup: f.startup } : {}),
      ...(f.lastGood !== undefined ? { lastGood: f.lastGood } : {}),
      ...(f.state !== undefined ? { state: f.state as object } : {}),
    });
    status[name(i)] = { lastAttemptAt: at, lastSuccessAt: at, lastResult: 'ok' };
    const st = f.state as { platform?: string; stack?: { expected?: number } } | undefined;
    const members = st?.stack?.expected ?? 1;
    devices.push({
      name: name(i),
      host: '127.0.0.1',
      port: 22,
      platform: st?.platform ?? 'cisco-ios',
      group: 'bench',
      stack: { members: Array.from({ length: members }, (_, m) => ({ number: m + 1 })) },
    });
  }
  await updateRunStatus(store, status);
  const writeMs = performance.now() - t0;
  const t1 = performance.now();
  const names = Array.from({ length: count }, (_, i) => name(i));
  await commitRun(store, { subject: `backup: ${count} new of ${count}`, body: names.map((n) => `${n}: new`).join('\n') }, names);
  const commitMs = performance.now() - t1;
  const inventory = { defaults: { credentials: { username: 'netops', password: 'env:SWITCHBACK_BENCH_UNUSED' } }, devices };
  await writeFile(arg('inventory-out'), stringify(inventory));
  out({ devices: count, from: sources.length, writeMs: Math.round(writeMs), commitNewMs: Math.round(commitMs) });
}

async function commit(): Promise<void> {
  const store = await openStore(arg('store'));
  const count = Number(arg('count'));
  const few = Number(arg('few', '5'));
  // A run rewrites its devices' files: here the running config of each gains a line.
  const change = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) {
      const f = await readDevice(store, name(i));
      await writeDevice(store, name(i), { running: `! bench ${tag}\n${f.running ?? ''}` });
    }
  };
  // As backup calls it: a body line per changed device, and the devices the run tried.
  const names = Array.from({ length: count }, (_, i) => name(i));
  const body = (n: number) =>
    names
      .slice(0, n)
      .map((d) => `${d}: changed`)
      .join('\n');
  await change(count, 'all');
  const t0 = performance.now();
  const all = await commitRun(store, { subject: `backup: ${count} changed of ${count}`, body: body(count) }, names);
  const allMs = performance.now() - t0;
  await change(few, 'few');
  const t1 = performance.now();
  const some = await commitRun(store, { subject: `backup: ${few} changed of ${count}`, body: body(few) }, names);
  const fewMs = performance.now() - t1;
  if (!all || !some) throw new Error('a commit made nothing: the changes were not seen');
  out({ devices: count, few, commitAllMs: Math.round(allMs), commitFewMs: Math.round(fewMs) });
}

/** A 100,000-line IOS configuration of SVI blocks, and the same with `changed` of its lines edited (spread evenly). */
function bigConfigs(lines: number, changed: number): { running: string; startup: string; edited: number } {
  const body: string[] = ['version 17.9', 'hostname BIG-DIFF', '!'];
  for (let n = 0; body.length < lines - 1; n++) {
    body.push(
      `interface Vlan${n}`,
      ` description bench segment ${n}`,
      ` ip address 10.${(n >> 14) & 255}.${(n >> 6) & 255}.${(n & 63) << 2} 255.255.255.252`,
      ' no ip redirects',
      '!',
    );
  }
  body.length = lines - 1;
  body.push('end');
  const every = Math.max(1, Math.round(1 / changed));
  const startup = body.slice();
  let edited = 0;
  for (let i = 3; i < startup.length - 1; i += every) {
    if (startup[i]!.startsWith(' description')) startup[i] = `${startup[i]} (old)`;
    else startup[i] = `${startup[i]} ! old`;
    edited++;
  }
  return { running: body.join('\n') + '\n', startup: startup.join('\n') + '\n', edited };
}

async function diffSetup(): Promise<void> {
  const lines = Number(arg('lines'));
  const { running, startup, edited } = bigConfigs(lines, Number(arg('changed')));
  const store = await openStore(arg('out'));
  await writeDevice(store, 'big-diff', { running, startup, lastGood: running, state: { platform: 'cisco-ios', hostname: 'BIG-DIFF' } });
  await commitRun(store, { subject: 'backup: 1 new of 1', body: '' });
  out({ lines, edited, bytes: running.length });
}

async function diffInProcess(): Promise<void> {
  const lines = Number(arg('lines'));
  const { running, startup, edited } = bigConfigs(lines, Number(arg('changed')));
  const platform = platformByName('cisco-ios')!;
  const times: number[] = [];
  const cpus: number[] = [];
  let result = { added: 0, removed: 0 };
  for (let k = 0; k < 3; k++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    result = compareConfigs(platform, startup, running, { context: 3, showSecrets: false });
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  out({
    lines,
    edited,
    added: result.added,
    removed: result.removed,
    minMs: Math.round(times[0]!),
    medianMs: Math.round(times[1]!),
    medianCpuMs: Math.round(cpus[1]!),
  });
}

const commands: Record<string, () => Promise<void>> = { clone, commit, 'diff-setup': diffSetup, 'diff-inproc': diffInProcess };
const run = commands[process.argv[2] ?? ''];
if (!run) throw new Error(`store-bench: one of ${Object.keys(commands).join(', ')}`);
await run();
// A sanity read so a broken store shows here, not as a silent figure.
if (process.argv[2] === 'clone') await readFile(join(arg('out'), '.run-status.json'), 'utf8');
