// The lab's default fleet shows redundant pairs with nothing written: the switches of every
// personality that stands in pairs are paired two by two in fleet order (primary on feed A,
// secondary on B, a domain each, an odd one left alone), the inventory says so, and
// `switchback ready --feed A` on that inventory names the survivor of every pair.

import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSpecs, startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { assignPersonalities, PERSONALITIES } from '../../src/lab/personalities/index.js';
import { platformByName } from '../../src/platforms/index.js';
import { renderStatus } from '../../src/cli/lab-actions.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory } from '../helpers/lab.js';

const paired = PERSONALITIES.filter((p) => p.pairs);

describe('the default fleet’s pairs', () => {
  it('a personality stands in pairs exactly when its platform reads a pair', () => {
    for (const p of PERSONALITIES) expect([p.platform, p.pairs === true]).toEqual([p.platform, platformByName(p.platform)?.pair !== undefined]);
  });

  it('a mixed fleet pairs the switches of each paired platform in fleet order, one chassis each; the rest are unpaired', () => {
    const count = 2 * PERSONALITIES.length + 1;
    const specs = defaultSpecs(count, assignPersonalities(count));
    const domains = new Set<string>();
    for (const p of PERSONALITIES) {
      const mine = specs.filter((s) => s.platform === p.platform);
      if (!p.pairs) {
        expect(mine.every((s) => s.pair === undefined)).toBe(true);
        continue;
      }
      const [a, b, odd] = mine;
      expect(a!.pair).toEqual({ peer: b!.name, domain: expect.any(String), role: 'primary' });
      expect(b!.pair).toEqual({ peer: a!.name, domain: a!.pair!.domain, role: 'secondary' });
      expect([a!.members.map((m) => m.feed), b!.members.map((m) => m.feed)]).toEqual([['A'], ['B']]);
      domains.add(a!.pair!.domain);
      // The fleet's one extra switch runs the first personality; any third of a paired platform stays alone.
      if (odd) expect(odd.pair).toBeUndefined();
    }
    expect(domains.size).toBe(paired.length);
  });

  it('one platform, five switches: 1 with 2, 3 with 4, the fifth alone', () => {
    if (paired.length === 0) return;
    const specs = defaultSpecs(5, assignPersonalities(5, paired[0]!.platform));
    expect(specs.map((s) => s.pair?.peer ?? null)).toEqual(['lab-sw-02', 'lab-sw-01', 'lab-sw-04', 'lab-sw-03', null]);
    expect(new Set(specs.slice(0, 4).map((s) => s.pair!.domain)).size).toBe(2);
  });
});

describe.skipIf(paired.length === 0)('lab up --platform <a paired one> --devices 4, then ready --feed A', () => {
  let fleet: LabFleet;
  let inventory: string;
  let backups: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });

  beforeAll(async () => {
    fleet = await startFleet({ count: 4, platform: paired[0]!.platform, credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
    ({ inventory, backups } = labInventory(fleet, 'switchback-default-pairs-'));
    env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  });
  afterAll(() => fleet?.stop());

  it('the inventory names each peer, its domain and its feed', () => {
    const doc = parse(fleet.inventory()) as { devices: { name: string; feed?: string; pair?: { peer: string; domain: string } }[] };
    expect(doc.devices.map((d) => [d.name, d.feed, d.pair?.peer])).toEqual([
      ['lab-sw-01', 'A', 'lab-sw-02'],
      ['lab-sw-02', 'B', 'lab-sw-01'],
      ['lab-sw-03', 'A', 'lab-sw-04'],
      ['lab-sw-04', 'B', 'lab-sw-03'],
    ]);
  });

  it('lab status shows the pairs; ready --feed A names the survivor of each', async () => {
    expect(renderStatus(fleet.status())).toMatch(/PAIR[\s\S]*:lab-sw-01 secondary peer-up link-up/);
    expect((await cli('backup')).code).toBe(0);
    const r = await cli('ready', '--feed', 'A', '--json');
    const run = JSON.parse(r.stdout) as { devices: { device: string; items: { item: string; state: string; reason: string }[] }[] };
    const power = Object.fromEntries(run.devices.map((d) => [d.device, d.items.find((i) => i.item === 'power')?.reason]));
    expect(power['lab-sw-01']).toMatch(/^failover: lab-sw-02 \(.+\) carries domain \S+ alone \(lab-sw-01 loses power with feed A\)$/);
    expect(power['lab-sw-03']).toMatch(/^failover: lab-sw-04 \(.+\) carries domain \S+ alone \(lab-sw-03 loses power with feed A\)$/);
  });
});
