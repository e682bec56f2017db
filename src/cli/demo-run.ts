// `switchback demo`: the main job on the built-in lab, with nothing to set up. It
// runs a small fleet in this process, writes an inventory and a backups
// repository in a temporary folder, and replays the incident switchback exists
// for, running the real nightly backup after each step: an unsaved change, UPS
// work that takes power feed A away, a power-cycle that loses the unsaved change,
// and a stack that comes back without its configuration. The fleet is the lab's
// mixed one: each step happens on one switch of every platform the fleet runs.
// Where the fleet has redundant pairs (the default fleet pairs the platforms that
// stand in pairs), `ready --feed A` names each pair's survivor before the UPS work,
// and `check` on the survivors while feed A is dark reports the peer they lost.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../inventory/load.js';
import { runBackup } from '../jobs/backup.js';
import type { BackupRun } from '../jobs/backup-result.js';
import { startFleet } from '../lab/fleet.js';
import type { LabFleet } from '../lab/fleet.js';
import type { LabSwitch } from '../lab/switch.js';
import { PERSONALITIES } from '../lab/personalities/index.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { wholeNumber } from './args.js';
import { exitCodeFor, renderBackup } from './backup.js';
import { exitCodeFor as checkExitCode, renderCheck } from './check.js';
import { runSnmpCheck } from '../jobs/check-snmp.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import { runRecover } from '../jobs/recover.js';
import { runReady } from '../jobs/ready.js';
import type { ReadyRun } from '../jobs/ready.js';
import { runCheck } from '../jobs/check.js';
import type { CheckRun } from '../jobs/check.js';
import { exitCodeOfReady, renderReady } from './ready.js';
import { exitCodeForRun, renderRun } from './check.js';
import type { RecoverRun } from '../jobs/recover.js';
import { exitCodeOfRecover, recoverJson, renderRecover } from './recover.js';
import type { Device } from '../inventory/device.js';
import { styleFor } from './style.js';
import { printJson } from './json-output.js';

interface Step {
  step: string;
  lab: string[];
  backup: BackupRun;
  exitCode: number;
}

export async function runDemo(opts: { devices?: string; json?: boolean; keep?: boolean; quiet?: boolean }): Promise<void> {
  // Two of every platform the lab runs: the demo casts each platform's second switch for the
  // unsaved change and its first for the lost configuration, so every platform plays its part.
  const count = opts.devices === undefined ? Math.min(50, Math.max(4, 2 * PERSONALITIES.length)) : wholeNumber(opts.devices, '--devices', 4, 50);
  const fleet = await startFleet({ count });
  const dir = mkdtempSync(join(tmpdir(), 'switchback-demo-'));
  try {
    const inventory = join(dir, 'lab.yaml');
    writeFileSync(inventory, fleet.inventory());
    // The lab's secrets, as `switchback lab up` would print them for export.
    for (const line of fleet.exports()) {
      const [, name, value] = /^export (\w+)=(.*)$/.exec(line) ?? [];
      if (name && value !== undefined) process.env[name] = value;
    }
    const devices = loadInventory([inventory], { knownPlatforms: PLATFORM_NAMES });
    const store = await openStore(join(dir, 'backups'));
    const { steps, recover, after, ready, peerCheck } = await replay(
      fleet,
      async () => runBackup({ devices, store, concurrency: 20, acceptNewHostKey: [] }),
      !opts.json,
      store,
      devices,
      opts.quiet ?? false,
    );
    if (opts.json)
      printJson({
        backups: join(dir, 'backups'),
        steps,
        // Present when the fleet has pairs: before the UPS work, and while feed A is dark.
        ...(ready ? { readyFeedA: { ...ready, exitCode: exitCodeOfReady(ready) } } : {}),
        ...(peerCheck ? { checkFeedADark: { ...peerCheck, exitCode: exitCodeForRun(peerCheck) } } : {}),
        recover: recoverJson(recover),
        afterRecover: { ...after, exitCode: checkExitCode(after) },
      });
  } finally {
    await fleet.stop();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function replay(
  fleet: LabFleet,
  backup: () => Promise<BackupRun>,
  print: boolean,
  store: Store,
  devices: Device[],
  quiet: boolean,
): Promise<{ steps: Step[]; recover: RecoverRun; after: SnmpCheckRun; ready?: ReadyRun; peerCheck?: CheckRun }> {
  const st = styleFor(process.stdout);
  const steps: Step[] = [];
  const step = async (title: string, act: () => Promise<string[]>) => {
    const lab = await act();
    const run = await backup();
    steps.push({ step: title, lab, backup: run, exitCode: exitCodeFor(run) });
    if (!print) return;
    process.stdout.write(`\n${st.bold('== ' + title)}\n`);
    for (const m of lab) process.stdout.write(st.dim(`   lab: ${m}`) + '\n');
    process.stdout.write(`$ switchback backup    ${st.dim(`(exit ${exitCodeFor(run)})`)}\n`);
    process.stdout.write(renderBackup(run, quiet, st));
  };
  const { changed, lost: lostOnes, platforms } = cast(fleet);
  // `a`, `a and b`, `a, b and c`.
  const names = (sws: LabSwitch[]) => {
    const n = sws.map((s) => s.name);
    return n.length < 2 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n.at(-1)}`;
  };
  await step(`${fleet.switches.length} lab switches (real SSH and SNMP on 127.0.0.1; ${platforms.join(', ')}): the first nightly backup`, async () => []);
  await step('Nothing changed: the next night makes no commit', async () => []);
  await step(`An engineer changes ${names(changed)} and forgets to save`, async () =>
    Promise.all(changed.map((sw) => sw.apply({ kind: 'change', lines: [...sw.personality.sampleChange] }))),
  );
  // The pairs' part: what `ready` promises before the UPS work, and what `check` sees during it.
  const paired = fleet.switches.filter((sw) => sw.spec.pair);
  const survivors = paired.filter((sw) => !sw.spec.members.some((m) => m.feed === 'A'));
  const pairDevices = devices.filter((d) => paired.some((sw) => sw.name === d.name));
  let ready: ReadyRun | undefined;
  if (pairDevices.length > 0) {
    ready = await runReady({ devices: pairDevices, store, feed: 'A', maxAgeSeconds: 24 * 3600, concurrency: 10, snmpConcurrency: 50 });
    if (print) {
      process.stdout.write(`\n${st.bold(`== Before the UPS work: does every pair survive losing feed A?`)}\n`);
      process.stdout.write(`$ switchback ready --feed A --quiet ${paired.map((sw) => sw.name).join(' ')}    ${st.dim(`(exit ${exitCodeOfReady(ready)})`)}\n`);
      process.stdout.write(renderReady(ready, st, true));
    }
  }
  await step('UPS work: power feed A goes dark', () => fleet.feed('A', false));
  let peerCheck: CheckRun | undefined;
  if (survivors.length > 0) {
    peerCheck = await runCheck({
      devices: devices.filter((d) => survivors.some((sw) => sw.name === d.name)),
      store,
      mode: 'live',
      maxAgeSeconds: 24 * 3600,
      concurrency: 10,
      snmpConcurrency: 50,
    });
    if (print) {
      process.stdout.write(`$ switchback check ${survivors.map((sw) => sw.name).join(' ')}    ${st.dim(`(exit ${exitCodeForRun(peerCheck)})`)}\n`);
      process.stdout.write(renderRun(peerCheck, st, '24h', quiet));
    }
  }
  await step(`Feed A is back; ${names(changed)} ${changed.length > 1 ? 'are' : 'is'} power-cycled and the unsaved change is gone`, async () => [
    ...(await fleet.feed('A', true)),
    ...(await Promise.all(changed.map((sw) => sw.apply({ kind: 'power-cycle', loseConfig: false })))),
  ]);
  // The on-call view first: SNMP alone, seconds for a fleet, before any SSH login.
  const lost = await Promise.all(lostOnes.map((sw) => sw.apply({ kind: 'power-cycle', loseConfig: true })));
  const check = await runSnmpCheck({ devices, store, concurrency: 50 });
  if (print) {
    process.stdout.write(`\n${st.bold(`== ${names(lostOnes)} come${lostOnes.length > 1 ? '' : 's'} back without configuration (the incident)`)}\n`);
    for (const m of lost) process.stdout.write(st.dim(`   lab: ${m}`) + '\n');
    process.stdout.write(`$ switchback check --snmp    ${st.dim(`(exit ${checkExitCode(check)})`)}\n`);
    process.stdout.write(renderCheck(check, st, quiet));
  }
  await step('The nightly backup records what the switch runs now', async () => []);
  // The on-call engineer's one command: every switch that came back wrong gets last good back.
  const recover = await runRecover({ devices, store, concurrency: 10, snmpConcurrency: 50, dryRun: false, save: true });
  if (print) {
    process.stdout.write(`\n${st.bold('== The on-call engineer runs one command')}\n`);
    process.stdout.write(`$ switchback recover --yes    ${st.dim(`(exit ${exitCodeOfRecover(recover)})`)}\n`);
    process.stdout.write(renderRecover(recover, st, false));
  }
  const after = await runSnmpCheck({ devices: devices.filter((d) => lostOnes.some((sw) => sw.name === d.name)), store, concurrency: 50 });
  if (print) {
    process.stdout.write(`$ switchback check --snmp ${lostOnes.map((sw) => sw.name).join(' ')}    ${st.dim(`(exit ${checkExitCode(after)})`)}\n`);
    process.stdout.write(renderCheck(after, st, quiet));
  }
  if (print) {
    const log = await store.git.log();
    process.stdout.write(`\n${st.bold('== The backups repository (git log --oneline)')}\n`);
    for (const c of log.all) process.stdout.write(`${c.hash.slice(0, 12)} ${c.message}\n`);
    process.stdout.write(
      `\nEvery switch above is a real SSH server and SNMP agent. Run your own fleet with\n` +
        `  switchback lab up --devices 20\n` +
        `then back it up with switchback backup --inventory devices/lab.yaml, and drive it\n` +
        `from another shell with switchback lab event / lab feed / lab status.\n`,
    );
  }
  return { steps, recover, after, ...(ready ? { ready } : {}), ...(peerCheck ? { peerCheck } : {}) };
}

/**
 * Who plays which part, on every platform the fleet runs: of each platform's switches
 * (in fleet order) the second gets the unsaved change and the third loses its
 * configuration (the first when there is no third). A one-platform fleet: switches 2 and 3.
 */
export function cast(fleet: Pick<LabFleet, 'switches'>): { changed: LabSwitch[]; lost: LabSwitch[]; platforms: string[] } {
  const byPlatform = new Map<string, LabSwitch[]>();
  for (const sw of fleet.switches) byPlatform.set(sw.personality.platform, [...(byPlatform.get(sw.personality.platform) ?? []), sw]);
  const changed: LabSwitch[] = [];
  const lost: LabSwitch[] = [];
  for (const group of byPlatform.values()) {
    const [first, second, third] = group;
    if (second) changed.push(second);
    const gone = third ?? (second ? first : undefined);
    if (gone) lost.push(gone);
  }
  return { changed, lost, platforms: [...byPlatform.keys()] };
}
