// `maxOutput` in the inventory: the most one command may print, as bytes or with a unit.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryError, loadInventory } from '../../src/inventory/load.js';

function load(yaml: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'switchback-max-output-')), 'dc1.yaml');
  writeFileSync(file, yaml);
  try {
    return { devices: loadInventory([file]), file };
  } catch (err) {
    if (err instanceof InventoryError) return { problems: err.problems, file };
    throw err;
  }
}

const inv = (defaults: string, device: string) => `defaults:
  credentials: { username: netops, password: env:PW }
${defaults}
devices:
  - { name: core-1, host: 10.0.0.1, platform: cisco-ios${device} }
  - { name: core-2, host: 10.0.0.2, platform: cisco-ios }
`;

describe('inventory: maxOutput', () => {
  it('absent: not set (the engine uses 64 MB)', () => {
    expect(load(inv('', '')).devices?.[0]?.maxOutput).toBeUndefined();
  });

  it('in defaults and per device, in bytes or with a unit', () => {
    const { devices } = load(inv('  maxOutput: 128 MB', ', maxOutput: 65536'));
    expect(devices?.map((d) => d.maxOutput)).toEqual([65536, 128 * 1024 * 1024]);
    expect(load(inv('', ', maxOutput: 512 kb')).devices?.[0]?.maxOutput).toBe(512 * 1024);
  });

  it('a bad value names the file, the device and the field', () => {
    const { problems, file } = load(inv('', ', maxOutput: lots'));
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: devices\\[0\\] \\(core-1\\)\\.maxOutput: must be a size from 1 KB to 1 GB`),
      ),
    ]);
    expect(load(inv('  maxOutput: 2 GB', '')).problems).toEqual([expect.stringContaining('defaults.maxOutput: must be a size from 1 KB to 1 GB')]);
    expect(load(inv('', ', maxOutput: 12.5')).problems?.[0]).toContain('maxOutput: must be a size');
  });
});
