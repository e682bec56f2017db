// Lab fleets for tests: fixed credentials and stacks built to order.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import type { LabCredentials } from '../../src/lab/switch.js';

/** Test-only secrets (a lab on 127.0.0.1). */
export const TEST_CREDENTIALS: Omit<LabCredentials, 'authorizedKeys'> = {
  username: 'netops',
  password: 'lab-pass-1',
  privilege: 1,
  enableSecret: 'lab-enable-1',
  snmpCommunity: 'lab-community',
  snmpV3: { user: 'switchback', authKey: 'lab-auth-key-1', privKey: 'lab-priv-key-1' },
};

/** A stack of `members` C9300s: 1 Active (priority 15), 2 Standby (14), the rest Members; odd members on feed A. */
export function stackSpec(name: string, members: number, index = 1): LabSwitchSpec {
  return {
    name,
    hostname: name.toUpperCase(),
    index,
    members: Array.from({ length: members }, (_, i) => ({
      number: i + 1,
      priority: i === 0 ? 15 : i === 1 ? 14 : 1,
      model: 'C9300-48P',
      feed: i % 2 === 0 ? 'A' : 'B',
    })),
  };
}

/** The environment a user would export for a lab fleet (the `export NAME=value` lines `lab up` prints). */
export function labEnv(exportLines: string[]): Record<string, string> {
  return Object.fromEntries(exportLines.map((l) => /^export (\w+)=(.*)$/.exec(l)!.slice(1, 3) as [string, string]));
}

/**
 * A fleet's inventory written to a fresh folder, with short timeouts so that a hung lab
 * switch fails in seconds, and where its backups repository goes.
 */
export function labInventory(
  fleet: { inventory(): string },
  prefix: string,
  timeouts = { commandMs: 3000, deviceMs: 8000 },
): { dir: string; inventory: string; backups: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const doc = parse(fleet.inventory()) as { defaults: Record<string, unknown> };
  doc.defaults.timeouts = timeouts;
  const inventory = join(dir, 'lab.yaml');
  writeFileSync(inventory, stringify(doc));
  return { dir, inventory, backups: join(dir, 'backups') };
}
