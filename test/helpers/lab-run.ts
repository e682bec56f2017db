// A lab fleet of one-member stacks with its inventory and backups folder, and the real CLI
// run against them: what most end-to-end tests of one job start from.

import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from './cli.js';
import type { CliRun } from './cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from './lab.js';

export interface LabRun {
  fleet: LabFleet;
  inventory: string;
  backups: string;
  env: Record<string, string>;
  /** `switchback ARGS --inventory … --backups …`, without colour. */
  cli(...args: string[]): Promise<CliRun>;
}

/** Switches named `names`, each a one-member stack, on a fresh inventory and backups folder. */
export async function labRun(prefix: string, names: string[]): Promise<LabRun> {
  const fleet = await startFleet({
    count: names.length,
    specs: names.map((n, i) => stackSpec(n, 1, i + 1)),
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  const { inventory, backups } = labInventory(fleet, prefix);
  const env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  return { fleet, inventory, backups, env, cli: (...args) => runCli([...args, '--inventory', inventory, '--backups', backups], { env }) };
}
