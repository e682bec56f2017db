// What an AOS-CX switch says in syslog when `switchback watch` should look at it.
// AOS-CX sends its event log entries (event id, category, message) to syslog; the rules match
// the message words only, unanchored, since the framing around them was not seen in a capture.
//
// Left out, no source found: VSF member lost / added / conductor change messages (the AOS-CX
// event log reference's VSF chapter was not found; PLATFORM-FACTS §5.5 "show events -c vsf"
// unverified), a reload and a config-change message. VSF changes reach the watch by the
// ARUBAWIRED-VSFv2 traps and the SNMP sweep.

import type { SyslogRule } from '../notifications.js';

export const SYSLOG_RULES: readonly SyslogRule[] = [
  {
    // A VSX pair (AOS-CX's redundant pair, beside VSF stacking): the peer is down, this side up.
    match: /\bVSX \S+ state local up, remote down\b/,
    event: 'pair-peer-lost',
    source:
      'HPE AOS-CX 10.08 Event Log Message Reference, VSX events, Event ID 7011 "VSX <vsx_id> state local up, remote down" (arubanetworks.com/techdocs/AOS-CX/10.08/HTML/elmrg/Content/events/VSX.htm; same text in the 10.03 guide)',
  },
];
