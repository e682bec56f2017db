// A lab fleet for a watch that a test runs as the CLI (test/lab, test/browser): the switches
// send their traps and syslog to ports chosen before the watch starts, each from its own
// loopback address, and a first backup is taken for the watch to judge against.

import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { runCli } from './cli.js';
import type { CliRun } from './cli.js';
import { labEnv, labInventory, TEST_CREDENTIALS } from './lab.js';
import { freeUdpPort, receiveArgs } from './watch-run.js';

/** A lab for a watch run as the CLI, and where the watch must listen. */
export interface WatchLab {
  fleet: LabFleet;
  inventory: string;
  backups: string;
  /** The lab's exports, and NO_COLOR. */
  env: Record<string, string>;
  trapPort: number;
  syslogPort: number;
  /** The first backup (the watch judges against it): the test asserts it went well. */
  backup: CliRun;
}

/**
 * A lab fleet of these switches for a watch: the watch's ports chosen first (the switches are
 * told where to send before the watch can read their inventory), each switch on its own
 * loopback address (a datagram's source names the switch), its inventory written to a fresh
 * folder named by `prefix`, and a first backup taken.
 */
export async function startWatchLab(specs: LabSwitchSpec[], prefix: string): Promise<WatchLab> {
  const trapPort = await freeUdpPort();
  const syslogPort = await freeUdpPort();
  const fleet = await startFleet({
    count: specs.length,
    specs,
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    addresses: 'per-switch',
    emit: { trap: { host: '127.0.0.1', port: trapPort }, syslog: { host: '127.0.0.1', port: syslogPort } },
  });
  const { inventory, backups } = labInventory(fleet, prefix);
  const env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  const backup = await runCli(['backup', '--inventory', inventory, '--backups', backups], { env });
  return { fleet, inventory, backups, env, trapPort, syslogPort, backup };
}

/** `switchback watch` on this lab (the arguments that follow `switchback`): its inventory and repository, its receivers where the switches send. */
export function watchOnLab(lab: Pick<WatchLab, 'inventory' | 'backups' | 'trapPort' | 'syslogPort'>): string[] {
  return ['watch', '--inventory', lab.inventory, '--backups', lab.backups, ...receiveArgs(lab.trapPort, lab.syslogPort)];
}
