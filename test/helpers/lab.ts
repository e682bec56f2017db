// Lab fleets for tests: fixed credentials and stacks built to order.

import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import type { LabCredentials } from '../../src/lab/switch.js';
import type { TrapUser } from '../../src/transport/trap-receiver.js';

/** Test-only secrets (a lab on 127.0.0.1). */
export const TEST_CREDENTIALS: Omit<LabCredentials, 'authorizedKeys'> = {
  username: 'netops',
  password: 'lab-pass-1',
  privilege: 1,
  enableSecret: 'lab-enable-1',
  snmpCommunity: 'lab-community',
  snmpV3: { user: 'switchback', authKey: 'lab-auth-key-1', privKey: 'lab-priv-key-1' },
};

/** Resolves true when a TCP connection to host:port opens, false when it is refused. */
export const tcpOpens = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** The lab's SNMPv3 user as its inventory gives it (auth sha, priv aes): the user a receiver accepts the lab's traps for. */
export function labTrapUser(credentials: Pick<LabCredentials, 'snmpV3'> = TEST_CREDENTIALS): TrapUser {
  const v3 = credentials.snmpV3;
  return { name: v3.user, auth: { protocol: 'sha', key: v3.authKey }, priv: { protocol: 'aes', key: v3.privKey } };
}

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

/** The environment `switchback lab up` tells its user to export: its `export NAME=value` lines, indented or not, from its stdout. */
export function labUpEnv(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((l) => /^\s*export (\w+)=(\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/**
 * A fleet's inventory written to a fresh folder, and where its backups repository goes.
 * The product's own timeouts apply (30 s a command, 120 s a device, SNMP 5 s and one retry):
 * tests run on busy machines, and a timeout is only ever the backstop for a switch that
 * really hangs. A test that makes a switch hang or go silent shortens that one switch's
 * timeouts with `inventoryWith`, so it fails in seconds while the others keep their room.
 */
export function labInventory(fleet: { inventory(): string }, prefix: string): { dir: string; inventory: string; backups: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const inventory = join(dir, 'lab.yaml');
  writeFileSync(inventory, fleet.inventory());
  return { dir, inventory, backups: join(dir, 'backups') };
}

/** Short timeouts for the one switch a test makes hang or go silent: it fails in seconds, whatever the load. */
export const FAULTY = {
  timeouts: { commandMs: 3000, deviceMs: 8000 },
  snmp: { timeoutMs: 1000, retries: 0 },
};

let variants = 0;

/**
 * A copy of `inventory` (in `variants/` beside it) in which the named devices get these fields; `snmp` is
 * merged over the device's own SNMP settings or the defaults'. For the switch a test faults.
 */
export function inventoryWith(inventory: string, devices: Record<string, { timeouts?: object; snmp?: object }>): string {
  const doc = parse(readFileSync(inventory, 'utf8')) as { defaults?: { snmp?: object }; devices: Record<string, unknown>[] };
  for (const [name, fields] of Object.entries(devices)) {
    const d = doc.devices.find((x) => x.name === name);
    if (!d) throw new Error(`inventoryWith: no device ${name} in ${inventory}`);
    if (fields.timeouts) d.timeouts = fields.timeouts;
    if (fields.snmp) d.snmp = { ...((d.snmp as object | undefined) ?? doc.defaults?.snmp), ...fields.snmp };
  }
  // In a folder of their own: a test that passes the inventory's folder must not load them too.
  const folder = join(dirname(inventory), 'variants');
  mkdirSync(folder, { recursive: true });
  const out = join(folder, `${++variants}.yaml`);
  writeFileSync(out, stringify(doc));
  return out;
}

/**
 * Lab credentials whose every secret starts with `canary`, so that one search of a run's
 * output, files and alerts finds any that leaked. `names` words each secret after the canary.
 */
export function canaryCredentials(
  canary: string,
  names: { community: string; v3auth: string; v3priv: string } = { community: 'invcommunity', v3auth: 'v3authkey', v3priv: 'v3privkey' },
): LabCredentials {
  return {
    ...TEST_CREDENTIALS,
    password: `${canary}sshpass`,
    enableSecret: `${canary}enable`,
    snmpCommunity: `${canary}${names.community}`,
    snmpV3: { user: 'switchback', authKey: `${canary}${names.v3auth}`, privKey: `${canary}${names.v3priv}` },
    authorizedKeys: [],
  };
}
