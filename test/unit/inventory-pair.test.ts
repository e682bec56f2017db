// The inventory's redundant pairs and feeds as an engineer writes them: `pair: { peer, domain }`
// on each peer, `feed: A` on a switch that does not stack, and the exact lines they read when
// the two peers do not agree.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InventoryError, loadInventory } from '../../src/inventory/load.js';
import { summariseStack } from '../../src/jobs/backup.js';
import { judgeStack } from '../../src/jobs/check-snmp.js';
import { powerItem } from '../../src/jobs/ready.js';
import type { StackMember } from '../../src/platforms/platform.js';

const root = mkdtempSync(join(tmpdir(), 'switchback-inventory-pair-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A platform with a pair (`dc`) and one without (`campus`), as a test registry. */
const opts = { knownPlatforms: ['dc', 'campus'], platformPairs: (p: string) => p === 'dc' || p === 'auto' };

function file(devices: string): string {
  const path = join(root, `inv${++n}.yaml`);
  writeFileSync(path, `defaults:\n  platform: dc\n  credentials: { username: netops, password: env:PW }\ndevices:\n${devices}`);
  return path;
}

function problems(path: string): string[] {
  try {
    loadInventory([path], opts);
  } catch (err) {
    if (err instanceof InventoryError) return err.problems.map((p) => p.replace(`${path}: `, 'FILE: '));
    throw err;
  }
  throw new Error('loaded without problems');
}

const peers = (a: string, b: string) =>
  `  - { name: leaf-1, host: 192.0.2.1, feed: A, pair: ${a} }\n  - { name: leaf-2, host: 192.0.2.2, feed: B, pair: ${b} }\n`;

describe('inventory: pairs and feeds', () => {
  it('reads a pair named from both sides, and `feed:` as a stack of one member', () => {
    const devices = loadInventory([file(peers('{ peer: leaf-2, domain: 10 }', '{ peer: leaf-1, domain: "10" }'))], opts);
    expect(devices.map((d) => [d.name, d.pair, d.stack])).toEqual([
      ['leaf-1', { peer: 'leaf-2', domain: '10' }, { members: [{ number: 1, feed: 'A' }], single: true }],
      ['leaf-2', { peer: 'leaf-1', domain: '10' }, { members: [{ number: 1, feed: 'B' }], single: true }],
    ]);
  });

  it('`feed:` is the switch’s only member whatever number it reports: an EX that numbers itself 0 is not "member 1 missing"', () => {
    const [leaf] = loadInventory([file(peers('{ peer: leaf-2, domain: 10 }', '{ peer: leaf-1, domain: "10" }'))], opts);
    const reported: StackMember[] = [{ number: 0, role: 'active', state: 'ready' }];
    expect(summariseStack(reported, leaf!)).toMatchObject({ ready: 1, expected: 1, missing: [] });
    expect(judgeStack(reported, leaf!, {})!.problems).toEqual([]);
    expect(powerItem(leaf!, 'A', reported)).toMatchObject({ state: 'fail', reason: expect.stringMatching(/^OUTAGE: member 0 loses power/) });
    // A stack the inventory lists member by member keeps its numbers.
    const listed = { ...leaf!, stack: { members: [{ number: 1, feed: 'A' }] } };
    expect(summariseStack(reported, listed)).toMatchObject({ missing: [1] });
  });

  it('says which peer is missing, does not name back, or gives another domain', () => {
    expect(problems(file(`  - { name: leaf-1, host: 192.0.2.1, pair: { peer: leaf-9, domain: "10" } }\n`))).toEqual([
      'FILE: devices[0] (leaf-1).pair.peer: no device named leaf-9 in the inventory',
    ]);
    expect(problems(file(peers('{ peer: leaf-2, domain: "10" }', 'null')))).toEqual([
      'FILE: devices[0] (leaf-1).pair.peer: leaf-2 does not name leaf-1 back (it has no pair: { peer: leaf-1, domain: "10" })',
    ]);
    expect(problems(file(peers('{ peer: leaf-2, domain: "10" }', '{ peer: leaf-1, domain: "11" }')))).toEqual([
      'FILE: devices[0] (leaf-1).pair.domain: "10" here, "11" on leaf-2',
      'FILE: devices[1] (leaf-2).pair.domain: "11" here, "10" on leaf-1',
    ]);
    expect(problems(file(`  - { name: leaf-1, host: 192.0.2.1, pair: { peer: leaf-1, domain: "10" } }\n`))).toEqual([
      'FILE: devices[0] (leaf-1).pair.peer: names this device itself; a pair is two devices',
    ]);
  });

  it('refuses a pair on a platform whose contract has none', () => {
    const path = file(
      `  - { name: sw-1, host: 192.0.2.1, platform: campus, pair: { peer: sw-2, domain: "1" } }\n  - { name: sw-2, host: 192.0.2.2, platform: campus, pair: { peer: sw-1, domain: "1" } }\n`,
    );
    expect(problems(path)).toEqual([
      'FILE: devices[0] (sw-1).pair: platform campus has no redundant pair in switchback (its contract has no `pair`)',
      'FILE: devices[1] (sw-2).pair: platform campus has no redundant pair in switchback (its contract has no `pair`)',
    ]);
  });

  it('refuses a feed given twice, a wrong field in pair, and a domain that is neither text nor a number', () => {
    expect(problems(file(`  - { name: sw-1, host: 192.0.2.1, feed: A, stack: { members: [{ number: 1, feed: B }] } }\n`))).toEqual([
      "FILE: devices[0] (sw-1).feed: given twice: with stack.members, each member's feed is written there (stack.members[].feed); `feed:` is for a switch that does not stack",
    ]);
    expect(problems(file(`  - { name: sw-1, host: 192.0.2.1, pair: { peer: sw-2, domian: "1" } }\n`))).toEqual([
      'FILE: devices[0] (sw-1).pair.domain: required',
      'FILE: devices[0] (sw-1).pair.domian: unknown field; did you mean domain?',
    ]);
    expect(problems(file(`  - { name: sw-1, host: 192.0.2.1, pair: { peer: sw-2, domain: [1] } }\n`))).toEqual([
      'FILE: devices[0] (sw-1).pair.domain: must be text or a whole number (the domain as the switches print it)',
    ]);
  });
});

describe('inventory: a pair domain the platform’s pair command must name', () => {
  // The real registry: dell-os10 sends `show vlt <domain>`, so its domain is the N of `vlt-domain N`.
  const os10 = (domain: string) => {
    const path = join(root, `inv${++n}.yaml`);
    writeFileSync(
      path,
      `defaults:\n  platform: dell-os10\n  credentials: { username: netops, password: env:PW }\ndevices:\n` +
        `  - { name: leaf-1, host: 192.0.2.1, feed: A, pair: { peer: leaf-2, domain: ${domain} } }\n` +
        `  - { name: leaf-2, host: 192.0.2.2, feed: B, pair: { peer: leaf-1, domain: ${domain} } }\n`,
    );
    return path;
  };

  it('takes a VLT domain number', () => {
    expect(loadInventory([os10('1')]).map((d) => d.pair)).toEqual([
      { peer: 'leaf-2', domain: '1' },
      { peer: 'leaf-1', domain: '1' },
    ]);
  });

  it('refuses a domain `show vlt` cannot take, naming the file and the field on each peer', () => {
    const path = os10('dc1-pod1');
    let said: string[] = [];
    try {
      loadInventory([path]);
    } catch (err) {
      if (!(err instanceof InventoryError)) throw err;
      said = err.problems.map((p) => p.replace(`${path}: `, 'FILE: '));
    }
    expect(said).toEqual([
      'FILE: devices[0] (leaf-1).pair.domain: dc1-pod1 is not a dell-os10 pair domain (a whole number, the N of `vlt-domain N`)',
      'FILE: devices[1] (leaf-2).pair.domain: dc1-pod1 is not a dell-os10 pair domain (a whole number, the N of `vlt-domain N`)',
    ]);
  });
});
