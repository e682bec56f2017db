// The lab's traps against what `switchback watch` accepts. The watch accepts exactly the
// communities and SNMPv3 users of its inventory's devices (src/cli/watch-acceptors.ts, snmpAcceptors); the
// lab writes an inventory that gives every switch the lab's v3 user (authPriv, SHA/AES). So the
// lab must send its traps with that user: a v2c trap with the lab's community would be dropped
// (`unknown-community`) and only syslog would carry the event.
//
// The run is a user's: `lab up --trap-to` (a process of its own, a switch of every platform),
// its inventory loaded as the watch loads one, its secrets from the export lines `lab up`
// printed, the receiver configured from every device's `snmp:` settings, then `lab event …
// power-cycle` — the receiver's communities and users made by the watch's own snmpAcceptors.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/inventory/device.js';
import { loadInventory } from '../../src/inventory/load.js';
import { snmpAcceptors } from '../../src/cli/watch-acceptors.js';
import { startFleet } from '../../src/lab/fleet.js';
import { PLATFORM_NAMES } from '../../src/platforms/index.js';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapDrop, TrapReceiver, TrapRecord } from '../../src/transport/trap-receiver.js';
import { runCli, startCli } from '../helpers/cli.js';
import { labEnv, labInventory, TEST_CREDENTIALS } from '../helpers/lab.js';
import { freeUdpPort } from '../helpers/watch-run.js';

const COLD_START = '1.3.6.1.6.3.1.1.5.1';
const WAIT = { timeout: 60_000, interval: 50 };

/** What the watch's receiver accepts for these devices (no --trap-community). */
const acceptorsOf = (devices: readonly Device[], env: NodeJS.ProcessEnv) => snmpAcceptors(devices, [], env);

interface Heard {
  traps: TrapRecord[];
  drops: TrapDrop[];
  receiver: TrapReceiver;
}

/** The trap receiver as the watch would start it for these devices. */
async function receiverFor(devices: readonly Device[], env: NodeJS.ProcessEnv, port: number): Promise<Heard> {
  const { communities, users } = acceptorsOf(devices, env);
  const traps: TrapRecord[] = [];
  const drops: TrapDrop[] = [];
  const receiver = await startTrapReceiver({
    address: '127.0.0.1',
    port,
    communities,
    users,
    onTrap: (r) => traps.push(r),
    onDrop: (d) => drops.push(d),
  });
  return { traps, drops, receiver };
}

describe('lab up --trap-to: every switch’s traps are accepted by the users the lab’s own inventory gives', () => {
  let lab: Awaited<ReturnType<typeof startCli>>;
  let inventory: string;
  let env: Record<string, string>;
  let devices: Device[];
  let heard: Heard;
  beforeAll(async () => {
    // Free now: the receiver binds it once the lab's inventory is read.
    const port = await freeUdpPort();
    inventory = join(mkdtempSync(join(tmpdir(), 'switchback-lab-acceptors-')), 'lab.yaml');
    // Eight switches: one of every platform the lab has. No secret given: `lab up` makes its own, and says them.
    lab = await startCli(['lab', 'up', '--devices', '8', '--json', '--inventory', inventory, '--trap-to', `127.0.0.1:${port}`], /^}\s*$/m, {
      env: { NO_COLOR: '1' },
    });
    const up = JSON.parse(lab.stdout()) as { exports: string[] };
    env = labEnv(up.exports);
    devices = loadInventory([inventory], { knownPlatforms: PLATFORM_NAMES });
    heard = await receiverFor(devices, env, port);
  });
  afterAll(async () => {
    lab?.child.kill('SIGINT');
    await lab?.exited;
    await heard?.receiver.close();
  });

  it('the inventory gives every device SNMPv3 and no community: the receiver takes one user', () => {
    expect(devices).toHaveLength(8);
    expect(devices.every((d) => d.snmp?.version === 3)).toBe(true);
    const { communities, users } = acceptorsOf(devices, env);
    expect(communities).toEqual([]);
    expect(users.map((u) => [u.name, u.auth.protocol, u.priv.protocol])).toEqual([['switchback', 'sha', 'aes']]);
  });

  it('power-cycle every switch: a coldStart from each one’s inventory address, v3 with that user; nothing dropped', async () => {
    const ev = await runCli(['lab', 'event', 'all', 'power-cycle', '--inventory', inventory], { env: { NO_COLOR: '1' } });
    expect(ev.code, ev.stderr).toBe(0);
    const hosts = devices.map((d) => d.host).sort();
    await vi.waitFor(() => {
      const from = new Set(heard.traps.filter((t) => t.trapOid === COLD_START).map((t) => t.from));
      expect([...from].sort()).toEqual(hosts);
    }, WAIT);
    for (const t of heard.traps) expect(t).toMatchObject({ version: '3', user: 'switchback', inform: false });
    expect(heard.drops).toEqual([]);
    expect(heard.receiver.counts().dropped).toEqual(Object.fromEntries(Object.keys(heard.receiver.counts().dropped).map((k) => [k, 0])));
    console.log(
      `lab acceptors: ${heard.traps.length} traps from ${devices.length} switches (${[...new Set(devices.map((d) => d.platform))].join(', ')}) accepted, none dropped`,
    );
  });
});

describe('a fleet told --trap-version 2c: the same acceptors drop its traps (why v3 is the default)', () => {
  it('power-cycle: the coldStart is dropped as unknown-community, not received', async () => {
    const port = await freeUdpPort();
    const fleet = await startFleet({
      count: 1,
      platform: 'cisco-ios',
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      emit: { trap: { host: '127.0.0.1', port }, trapVersion: '2c' },
    });
    let heard: Heard | undefined;
    try {
      const { inventory } = labInventory(fleet, 'switchback-lab-acceptors-v2c-');
      const env = labEnv(fleet.exports());
      heard = await receiverFor(loadInventory([inventory], { knownPlatforms: PLATFORM_NAMES }), env, port);
      await fleet.apply(fleet.switches[0]!.name, { kind: 'power-cycle', loseConfig: false });
      await fleet.switches[0]!.notifier!.idle();
      const h = heard;
      await vi.waitFor(() => expect(h.drops.map((d) => d.reason)).toContain('unknown-community'), WAIT);
      expect(h.traps).toEqual([]);
    } finally {
      await fleet.stop();
      await heard?.receiver.close();
    }
  });
});
