// Lab fleets for tests: fixed credentials and stacks built to order.

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
