// Who the watch's trap receiver accepts: the communities and SNMPv3 users of the inventory's
// devices (a switch sends traps the way it is polled) and any --trap-community.

import type { Device } from '../inventory/device.js';
import { parseRef } from '../inventory/schema.js';
import { resolveSecret } from '../inventory/secrets.js';
import type { TrapUser } from '../transport/trap-receiver.js';
import { EXIT, UserError } from './exit-codes.js';

/**
 * The communities and v3 users the receivers accept: every selected device's SNMP settings,
 * secrets resolved, and the --trap-community references. A receiver finds a v3 user by name
 * alone, so one user name with different keys on different devices can accept only one set:
 * the first device's is kept, and the devices whose traps will then fail are named.
 */
export function snmpAcceptors(
  devices: readonly Device[],
  extraCommunities: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): {
  communities: string[];
  users: TrapUser[];
  clashes: { user: string; devices: string[] }[];
  /** The --trap-community values and their variables: secrets the devices' lists do not hold, for the alerts to keep out. */
  secrets: { values: string[]; envNames: string[] };
} {
  const communities = new Set<string>();
  const secrets = { values: [] as string[], envNames: [] as string[] };
  // A trap community is a secret like any other: a reference, never typed on a command line a process list shows.
  for (const text of extraCommunities) {
    const ref = parseRef(text, process.cwd());
    if (typeof ref === 'string') throw new UserError(`--trap-community ${ref}`, EXIT.usage);
    try {
      const value = resolveSecret(ref, '--trap-community', env);
      communities.add(value);
      secrets.values.push(value);
      if (ref.from === 'env') secrets.envNames.push(ref.name);
    } catch (err) {
      throw new UserError((err as Error).message, EXIT.usage); // names the reference, never a value
    }
  }
  const users = new Map<string, TrapUser>();
  const clashes = new Map<string, string[]>();
  for (const d of devices) {
    const s = d.snmp;
    if (!s) continue;
    if (s.version === 2) {
      communities.add(resolveSecret(s.community, `${d.name} snmp.community`, env));
      continue;
    }
    const user: TrapUser = {
      name: s.user,
      auth: { protocol: s.auth.protocol, key: resolveSecret(s.auth.key, `${d.name} snmp.auth.key`, env) },
      priv: { protocol: s.priv.protocol, key: resolveSecret(s.priv.key, `${d.name} snmp.priv.key`, env) },
    };
    const kept = users.get(s.user);
    if (!kept) users.set(s.user, user);
    else if (kept.auth.protocol !== user.auth.protocol || kept.auth.key !== user.auth.key || kept.priv.key !== user.priv.key)
      clashes.set(s.user, [...(clashes.get(s.user) ?? []), d.name]);
  }
  return {
    communities: [...communities],
    users: [...users.values()],
    clashes: [...clashes].map(([user, names]) => ({ user, devices: names })),
    secrets,
  };
}
