// The watch's engine against lab switches over real SSH and SNMP, events ingested directly
// (as the receivers would hand them on): a power cycle that loses the configuration gives an
// alert naming the switch with "lost: factory default, N lines missing"; with --recover auto
// the switch is restored, verified and saved and the alert says so; a restart with the same
// state does not alert the same finding again; a burst of events is one check.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load.js';
import type { Device } from '../../src/inventory/device.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { PLATFORM_NAMES } from '../../src/platforms/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { startWatchEngine } from '../../src/watch/engine.js';
import type { WatchAlertSource, WatchEngine, WatchEngineOptions, WatchLogEntry } from '../../src/watch/engine.js';
import type { WatchEvent } from '../../src/watch/status.js';
import { runCli } from '../helpers/cli.js';
import { labEnv, labInventory, stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let devices: Device[];
let store: Store;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet({
    count: 3,
    specs: [stackSpec('wa-a', 2, 1), stackSpec('wa-b', 1, 2), stackSpec('wa-c', 1, 3)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  const lab = labInventory(fleet, 'switchback-watch-engine-');
  dir = lab.dir;
  const env = labEnv(fleet.exports());
  // The engine runs in this process: its secrets come from this environment, as in a service.
  Object.assign(process.env, env);
  const backup = await runCli(['backup', '--inventory', lab.inventory, '--backups', lab.backups], { env });
  expect(backup.stderr).not.toMatch(/failed/);
  expect(backup.code).toBe(0);
  devices = loadInventory([lab.inventory], { knownPlatforms: PLATFORM_NAMES });
  store = await openStore(lab.backups);
});
afterAll(() => fleet?.stop());

/** An engine whose alerts and log lines are collected, with a wait for the alert a test expects. */
async function engineFor(over: Partial<WatchEngineOptions>) {
  const alerts: WatchAlertSource[] = [];
  const logs: WatchLogEntry[] = [];
  const waiters: { match: (a: WatchAlertSource) => boolean; done: (a: WatchAlertSource) => void }[] = [];
  const engine: WatchEngine = await startWatchEngine({
    devices,
    store,
    settle: { quietMs: 500, maxMs: 5_000 },
    statePath: join(dir, 'watch-state.json'),
    sweepIntervalS: 0,
    answer: { pollMs: 200 },
    alert: async (a) => {
      alerts.push(a);
      for (const w of waiters.filter((x) => x.match(a))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(a);
      }
      return { sent: 1, failed: 0 };
    },
    log: (e) => logs.push(e),
    ...over,
  });
  const alertWhere = (match: (a: WatchAlertSource) => boolean) =>
    new Promise<WatchAlertSource>((done) => {
      const seen = alerts.find(match);
      if (seen) done(seen);
      else waiters.push({ match, done });
    });
  return { engine, alerts, logs, alertWhere };
}

const reload = (device: string): WatchEvent => ({
  device,
  kind: 'reload',
  detail: 'trap 1.3.6.1.6.3.1.1.5.1 (RFC 3418 SNMPv2-MIB coldStart)',
  source: 'trap',
  at: Date.now(),
});

describe('watch engine against the lab', () => {
  it('power-cycle --lose-config → an alert naming the switch: lost, factory default; --recover auto restores, verifies, saves', async () => {
    const { engine, alertWhere } = await engineFor({
      recover: { mode: 'auto', disableFile: join(dir, 'no-such-kill-switch'), command: (d) => `switchback recover ${d}` },
    });
    try {
      await fleet.apply('wa-b', { kind: 'power-cycle', loseConfig: true });
      const eventAt = Date.now();
      engine.ingest(reload('wa-b'));
      const found = await alertWhere((a) => a.device === 'wa-b' && a.recover === undefined);
      const foundS = (Date.now() - eventAt) / 1000;
      expect(found.checked?.findings.map((f) => f.kind)).toContain('lost');
      expect(found.diagnosis.join('\n')).toMatch(/^lost: factory default, \d+ lines missing \(first: .+\)$/m);
      expect(found.diagnosis).toContain('restoring last good now (--recover auto)');
      const restored = await alertWhere((a) => a.device === 'wa-b' && a.recover !== undefined);
      const restoredS = (Date.now() - eventAt) / 1000;
      expect(restored.recover).toMatchObject({ outcome: 'restored' });
      expect(restored.recover?.detail).toMatch(/^restored last good.*, verified, saved in [\d.]+ s$/);
      await engine.idle();
      const view = engine.status().devices.find((d) => d.name === 'wa-b')!;
      expect(view.recover).toMatchObject({ outcome: 'restored' });
      expect(engine.status().counters).toMatchObject({ checks: 1, recoveries: 1, alertsSent: 2 });
      console.log(`watch engine: event → alert ${foundS.toFixed(1)} s, event → restored ${restoredS.toFixed(1)} s (settle 0.5 s)`);
    } finally {
      await engine.close();
    }
  });

  it('--recover auto with the kill-switch file present only asks: the alert carries the exact command, nothing is typed', async () => {
    const killSwitch = join(mkdtempSync(join(tmpdir(), 'watch-kill-')), '.watch-disabled');
    writeFileSync(killSwitch, '');
    const { engine, alertWhere } = await engineFor({
      statePath: join(mkdtempSync(join(tmpdir(), 'watch-kill-state-')), 'state.json'),
      recover: { mode: 'auto', disableFile: killSwitch, command: (d) => `switchback recover ${d} --inventory inv.yaml --backups backups` },
    });
    try {
      await fleet.apply('wa-b', { kind: 'power-cycle', loseConfig: true });
      engine.ingest(reload('wa-b'));
      const a = await alertWhere((x) => x.device === 'wa-b');
      expect(a.recover).toEqual({
        outcome: 'asked',
        detail: `not restored automatically (automatic restore is switched off (${killSwitch} exists)); to restore: switchback recover wa-b --inventory inv.yaml --backups backups`,
        command: 'switchback recover wa-b --inventory inv.yaml --backups backups',
      });
      await engine.idle();
      expect(engine.status().counters.recoveries).toBe(0);
      expect(engine.status().recover).toMatchObject({ mode: 'auto', disabled: true, disableFile: killSwitch, recent: 0, limit: '3/h' });
    } finally {
      await engine.close();
    }
  });

  it('--recover never alerts once; a restarted watch with the same state does not alert the same finding again; a burst is one check', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'watch-restart-')), 'state.json');
    const first = await engineFor({ statePath });
    try {
      await fleet.apply('wa-c', { kind: 'power-cycle', loseConfig: true });
      first.engine.ingest(reload('wa-c'));
      const a = await first.alertWhere((x) => x.device === 'wa-c');
      expect(a.diagnosis.join('\n')).toMatch(/lost: factory default, \d+ lines missing/);
      expect(a.recover).toBeUndefined();
    } finally {
      await first.engine.close();
    }

    const second = await engineFor({ statePath });
    try {
      // Fifty notices in a burst: one settle window, one check.
      for (let i = 0; i < 50; i++) second.engine.ingest(reload('wa-c'));
      await second.engine.idle();
      expect(second.engine.status().counters.checks).toBe(1);
      expect(second.engine.status().counters.events.reload).toBe(50);
      expect(second.alerts).toEqual([]);
      expect(second.logs.some((l) => l.what === 'alert' && /alerted before/.test(l.message))).toBe(true);
      const view = second.engine.status().devices.find((d) => d.name === 'wa-c')!;
      expect(view.lastCheck?.findings.map((f) => f.kind)).toContain('lost');
    } finally {
      await second.engine.close();
    }
  });

  it('a stack member lost: the alert names the member and its feed', async () => {
    const { engine, alertWhere } = await engineFor({ statePath: join(mkdtempSync(join(tmpdir(), 'watch-member-')), 'state.json') });
    try {
      await fleet.apply('wa-a', { kind: 'member-down', member: 2 });
      engine.ingest({ device: 'wa-a', kind: 'member-lost', member: 2, detail: 'syslog: member 2 removed', source: 'syslog', at: Date.now() });
      const a = await alertWhere((x) => x.device === 'wa-a');
      expect(a.diagnosis).toContain('stack member 2 missing (feed B)');
      const view = engine.status().devices.find((d) => d.name === 'wa-a')!;
      expect(view.members).toEqual([expect.objectContaining({ number: 1, feed: 'A', state: 'ready' }), expect.objectContaining({ number: 2, feed: 'B' })]);
      expect(view.members[1]!.state).not.toBe('ready');
    } finally {
      await engine.close();
      await fleet.apply('wa-a', { kind: 'member-up', member: 2 });
    }
  });

  it('the sweep finds a reboot no notice announced, and it goes the same way: checked and alerted (source sweep)', async () => {
    await fleet.apply('wa-a', { kind: 'power-cycle', loseConfig: false });
    const { engine, alertWhere } = await engineFor({
      statePath: join(mkdtempSync(join(tmpdir(), 'watch-sweep-')), 'state.json'),
      // Its first pass runs at start; the next an hour later (not in this test).
      sweepIntervalS: 3600,
    });
    try {
      const a = await alertWhere((x) => x.device === 'wa-a');
      expect(a.events.map((e) => e.source)).toEqual(['sweep']);
      expect(a.events[0]!.detail).toMatch(/^sweep: rebooted at .*, no notice received$/);
      expect(a.diagnosis[0]).toMatch(/^rebooted at /);
      await engine.idle();
      // Every switch rebooted since its backup was found (wa-b and wa-c by the tests before, not restored).
      const checks = engine.status().counters.checks;
      expect(checks).toBeGreaterThanOrEqual(1);
      // What the checks saw is known now: a second pass does not announce the same boots again.
      await engine.sweepNow();
      await engine.idle();
      expect(engine.status().counters.checks).toBe(checks);
      expect(engine.status().sweep.lastAt).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
