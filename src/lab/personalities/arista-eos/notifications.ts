// What an Arista EOS switch sends on its own (PLATFORM-FACTS.md §3.5). One chassis: it has no
// members to lose (a feed off darkens it, and a dark switch says nothing). No syslog: EOS's restart
// line (`%SYS-5-SYSTEM_RESTARTED`) is marked unverified there and no capture of it was found.

import type { LabNotifications } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';

export const EOS_NOTIFICATIONS: LabNotifications = {
  framing: 'rfc3164',
  on: {
    reload: () => [COLD_START],
    // aristaConfigManEvent; its varbinds (the history event's source and destination) are not
    // read from the MIB here, so the lab sends it bare.
    'config-changed': () => [{ kind: 'trap', oid: '1.3.6.1.4.1.30065.3.9.3.0.1', varbinds: [] }],
  },
  sources: ['ARISTA-CONFIG-MAN-MIB aristaConfigManEvent 1.3.6.1.4.1.30065.3.9.3.0.1 (netdisco-mibs, ND)', 'coldStart: RFC 3418'],
};
