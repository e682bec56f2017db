// A redundant pair end to end through the real CLI (bin/switchback), on the lab, with every
// lab personality whose platform has a `pair` in its contract (arista-eos, cisco-nxos,
// dell-os10: their personalities print their pair command from SwitchState.pair, and their
// platform's `pair.parse` reads it back). Skipped while the registry holds none. backup stores the pair; `ready --feed A` names the
// survivor that carries the domain; feed A off → `check` on the survivor reports the lost peer
// (exit 3, findings); feed A back → the survivor is clean (exit 0).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabPersonality, LabSwitchSpec } from '../../src/lab/personality.js';
import { PERSONALITIES } from '../../src/lab/personalities/index.js';
import { platformByName } from '../../src/platforms/index.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory } from '../helpers/lab.js';

const paired = PERSONALITIES.filter((p) => platformByName(p.platform)?.pair !== undefined);

interface Finding {
  kind: string;
  message: string;
}

describe.skipIf(paired.length === 0)('a redundant pair through the CLI', () => {
  it('some platform has a pair', () => expect(paired.length).toBeGreaterThan(0));
});

describe.each(paired.map((p) => [p.platform, p] as [string, LabPersonality]))('a redundant pair through the CLI: %s', (_name, personality) => {
  const spec = (name: string, index: number, feed: string, peer: string, role: 'primary' | 'secondary'): LabSwitchSpec => ({
    name,
    hostname: name.toUpperCase(),
    index,
    platform: personality.platform,
    members: [{ number: 1, priority: 1, model: personality.models[0]!, feed }],
    pair: { peer, domain: '10', role },
  });
  let fleet: LabFleet;
  let inventory: string;
  let backups: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

  beforeAll(async () => {
    fleet = await startFleet({
      count: 2,
      specs: [spec('dc-1', 1, 'A', 'dc-2', 'primary'), spec('dc-2', 2, 'B', 'dc-1', 'secondary')],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    });
    ({ inventory, backups } = labInventory(fleet, 'switchback-pair-cli-'));
    env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  });
  afterAll(() => fleet?.stop());

  it('backup stores each peer’s view; ready --feed A names the survivor', async () => {
    expect((await cli('backup')).code).toBe(0);
    const state = JSON.parse(readFileSync(join(backups, 'dc-2', 'state.json'), 'utf8')) as { pair?: { peer: string; peerLink: string; role: string } };
    expect(state.pair).toMatchObject({ peer: 'up', peerLink: 'up', role: 'secondary' });
    const r = await cli('ready', '--feed', 'A', '--json');
    const run = JSON.parse(r.stdout) as { devices: { device: string; items: { item: string; state: string; reason: string }[] }[] };
    const power = run.devices.map((d) => d.items.find((i) => i.item === 'power'));
    expect(power.map((p) => p?.state)).toEqual(['warn', 'warn']);
    expect(power[0]!.reason).toMatch(/^failover: dc-2 \(.+\) carries domain 10 alone \(dc-1 loses power with feed A\)$/);
  });

  it('feed A off: check reports the lost peer on the survivor; feed A back: clean', async () => {
    await fleet.feed('A', false);
    const off = await cli('check', 'dc-2', '--json');
    const dev = (JSON.parse(off.stdout) as { devices: { findings: Finding[] }[] }).devices[0]!;
    expect(off.code).toBe(3);
    expect(dev.findings.map((f) => f.kind)).toEqual(['pair-peer-lost']);
    expect(dev.findings[0]!.message).toMatch(/^pair-peer-lost: dc-2 lost its peer dc-1 in domain 10 and carries it alone/);
    await fleet.feed('A', true);
    const back = await cli('check', 'dc-2', '--json');
    expect((JSON.parse(back.stdout) as { devices: { findings: Finding[] }[] }).devices[0]!.findings).toEqual([]);
    expect(back.code).toBe(0);
  });
});
