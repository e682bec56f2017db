// A redundant pair end to end on the lab, through the jobs the CLI runs: two paired switches
// (a TEST-ONLY personality that prints `show pair` from the fleet's SwitchState.pair, and a
// TEST-ONLY platform whose `pair` reads it, added to the platform registry for this file only).
// The lab's inventory says feed and pair; backup stores the pair; `ready --feed A` predicts the
// failover (and the outage with both peers on A); feed A off → `check` reports the lost peer;
// the feed back → clean; a cut peer link → both peers report it, live and offline.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { loadInventory } from '../../src/inventory/load.js';
import { runBackup } from '../../src/jobs/backup.js';
import { runCheck } from '../../src/jobs/check.js';
import { runReady } from '../../src/jobs/ready.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { renderStatus } from '../../src/cli/lab-actions.js';
import { openStore, readDevice } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { labEnv, TEST_CREDENTIALS } from '../helpers/lab.js';
import { PAIR_OS, pairOsPersonality } from '../helpers/pair-os.js';

// The registry with the test platform in it: the jobs look platforms up by name.
vi.mock('../../src/platforms/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/platforms/index.js')>();
  const { pairOsPlatform } = await import('../helpers/pair-os.js');
  return {
    ...real,
    PLATFORM_NAMES: [...real.PLATFORM_NAMES, pairOsPlatform.name],
    platformByName: (name: string) => (name === pairOsPlatform.name ? pairOsPlatform : real.platformByName(name)),
  };
});

const peerSpec = (name: string, index: number, feed: string, peer: string, role: 'primary' | 'secondary'): LabSwitchSpec => ({
  name,
  hostname: name.toUpperCase(),
  index,
  platform: PAIR_OS,
  members: [{ number: 1, priority: 15, model: 'C9300-48P', feed }],
  pair: { peer, domain: '10', role },
});

let fleet: LabFleet;
let devices: Device[];
let store: Store;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    specs: [peerSpec('leaf-1', 1, 'A', 'leaf-2', 'primary'), peerSpec('leaf-2', 2, 'B', 'leaf-1', 'secondary')],
    registry: [pairOsPersonality],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  // The inventory refers to the lab's secrets by env: names, as a user's shell would export them.
  for (const [k, v] of Object.entries(labEnv(fleet.exports()))) ((saved[k] = process.env[k]), (process.env[k] = v));
  const dir = mkdtempSync(join(tmpdir(), 'switchback-pair-'));
  writeFileSync(join(dir, 'lab.yaml'), fleet.inventory());
  devices = loadInventory([join(dir, 'lab.yaml')]);
  store = await openStore(join(dir, 'backups'));
});
afterAll(async () => {
  await fleet?.stop();
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

const check = async (mode: 'live' | 'offline' = 'live') =>
  (await runCheck({ devices, store, mode, maxAgeSeconds: 86_400, concurrency: 2, snmpConcurrency: 4 })).devices;
const ready = async (feed: string | null, on: Device[] = devices) =>
  (await runReady({ devices: on, store, feed, maxAgeSeconds: 86_400, concurrency: 2, snmpConcurrency: 4 })).devices;
const item = (d: { items: { item: string; state: string; reason: string }[] } | undefined, name: string) => d?.items.find((i) => i.item === name);

describe('a redundant pair on the lab', () => {
  it('the lab writes the pair and the feeds into its inventory', () => {
    const doc = parse(fleet.inventory()) as { devices: Record<string, unknown>[] };
    expect(doc.devices.map((d) => [d.name, d.feed, d.pair])).toEqual([
      ['leaf-1', 'A', { peer: 'leaf-2', domain: '10' }],
      ['leaf-2', 'B', { peer: 'leaf-1', domain: '10' }],
    ]);
    expect(devices.map((d) => [d.name, d.stack, d.pair?.peer])).toEqual([
      ['leaf-1', { members: [{ number: 1, feed: 'A' }], single: true }, 'leaf-2'],
      ['leaf-2', { members: [{ number: 1, feed: 'B' }], single: true }, 'leaf-1'],
    ]);
  });

  it('backup stores each peer’s view of the pair in state.json', async () => {
    const run = await runBackup({ devices, store, concurrency: 2, acceptNewHostKey: [] });
    expect(run.devices.map((o) => [o.device, o.status])).toEqual([
      ['leaf-1', 'new'],
      ['leaf-2', 'new'],
    ]);
    expect(((await readDevice(store, 'leaf-1')).state as { pair: unknown }).pair).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '10' });
    expect(((await readDevice(store, 'leaf-2')).state as { pair: unknown }).pair).toEqual({ peer: 'up', peerLink: 'up', role: 'secondary', domain: '10' });
  });

  it('ready --feed A predicts the failover; with both peers on feed A, the outage', async () => {
    const r = await ready('A');
    expect(item(r[0], 'pair')).toEqual({ item: 'pair', state: 'pass', reason: 'domain 10 with leaf-2: peer up, peer link up, primary' });
    for (const d of r)
      expect(item(d, 'power')).toEqual({
        item: 'power',
        state: 'warn',
        reason: 'failover: leaf-2 (secondary) carries domain 10 alone (leaf-1 loses power with feed A)',
      });
    const bothOnA = devices.map((d) => ({ ...d, stack: { members: [{ number: 1, feed: 'A' }] } }));
    const out = await ready('A', bothOnA);
    expect(out.map((d) => [d.status, item(d, 'power')?.reason])).toEqual([
      ['not-ready', 'OUTAGE: both peers of domain 10 on feed A (leaf-1, leaf-2)'],
      ['not-ready', 'OUTAGE: both peers of domain 10 on feed A (leaf-1, leaf-2)'],
    ]);
  });

  it('feed A off: the survivor is primary and check reports the lost peer; feed A back: clean', async () => {
    await fleet.feed('A', false);
    expect(fleet.get('leaf-2').state.pair).toEqual({ domain: '10', peer: 'leaf-1', peerUp: false, peerLinkUp: false, role: 'primary' });
    expect(renderStatus(fleet.status())).toContain('10:leaf-1 primary peer-down link-down');
    const lost = await check();
    expect(lost[1]!.findings).toEqual([
      { kind: 'pair-peer-lost', message: 'pair-peer-lost: leaf-2 lost its peer leaf-1 in domain 10 and carries it alone (primary now; peer link down)' },
    ]);
    expect(lost[1]!.pair).toEqual({ peer: 'down', peerLink: 'down', role: 'primary', domain: '10' });
    expect(lost[0]!.status).toBe('unreachable');
    // Ready now: the survivor has already lost its peer.
    expect(item((await ready('B'))[1], 'pair')?.state).toBe('fail');

    await fleet.feed('A', true);
    expect(fleet.get('leaf-1').state.pair?.role).toBe('primary');
    expect(fleet.get('leaf-2').state.pair?.role).toBe('secondary');
    const back = await check();
    expect(back[1]!.findings).toEqual([]);
    expect(back[0]!.findings.filter((f) => f.kind.startsWith('pair'))).toEqual([]);
  });

  it('a cut peer link: both peers report it (the peer still answers, roles kept); offline from the backup too', async () => {
    await fleet.apply('leaf-2', { kind: 'peer-link', up: false });
    expect(fleet.get('leaf-1').state.pair).toEqual({ domain: '10', peer: 'leaf-2', peerUp: true, peerLinkUp: false, role: 'primary' });
    expect(fleet.get('leaf-2').state.pair).toEqual({ domain: '10', peer: 'leaf-1', peerUp: true, peerLinkUp: false, role: 'secondary' });
    const live = await check();
    expect(live.map((d) => d.findings.filter((f) => f.kind.startsWith('pair')))).toEqual([
      [{ kind: 'pair-link-down', message: 'pair-link-down: the peer link of domain 10 is down while leaf-2 still answers (leaf-1 is primary now)' }],
      [{ kind: 'pair-link-down', message: 'pair-link-down: the peer link of domain 10 is down while leaf-1 still answers (leaf-2 is secondary now)' }],
    ]);
    const r = await ready('A');
    expect(item(r[0], 'power')?.reason).toBe(
      'OUTAGE: leaf-1 loses power with feed A, and the peer link of leaf-2 (secondary) is down now: it may not be forwarding domain 10',
    );
    await runBackup({ devices, store, concurrency: 2, acceptNewHostKey: [] });
    const offline = await check('offline');
    expect(offline[1]!.findings.filter((f) => f.kind.startsWith('pair')).map((f) => f.message)).toEqual([
      'pair-link-down: the peer link of domain 10 is down while leaf-1 still answers (leaf-2 is secondary now) (at the last backup)',
    ]);
    await fleet.apply('leaf-1', { kind: 'peer-link', up: true });
    expect((await check()).map((d) => d.findings.filter((f) => f.kind.startsWith('pair')))).toEqual([[], []]);
  });
});
