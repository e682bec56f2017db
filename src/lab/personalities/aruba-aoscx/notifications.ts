// What an AOS-CX VSF stack (6300M) sends on its own (PLATFORM-FACTS.md §5.5): the standard coldStart
// and ARUBAWIRED-VSFv2-MIB's member status change. No syslog: the AOS-CX event log texts for VSF
// (and for a restart) had no source found, so the lab sends none rather than made-up ones.

import type { LabNotifications, LabVarbind, NoticeContext } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';

/** wndFeatures 15: ARUBAWIRED-VSFv2-MIB; member table .1.2 (entry .1: Index .1, Role .2, Status .3). */
const VSF2 = '1.3.6.1.4.1.47196.4.1.1.3.15';
const MEMBER_ENTRY = `${VSF2}.1.2.1`;
/** arubaWiredVsfv2MemberStatusChange (OBJECTS Index, Role, Status). */
const MEMBER_STATUS_CHANGE = `${VSF2}.0.1`;

/** The member's role as a string (the VSFv2 role strings are assumed lower-case words), and its status as the MIB words it. */
function memberVarbinds(ctx: NoticeContext, status: 'not_present' | 'ready'): LabVarbind[] {
  const id = ctx.member!;
  const role = ctx.state.members.find((m) => m.number === id)?.role ?? 'member';
  const word = { active: 'conductor', standby: 'standby', member: 'member' }[role];
  return [
    { oid: `${MEMBER_ENTRY}.1.${id}`, type: 'Integer', value: id },
    { oid: `${MEMBER_ENTRY}.2.${id}`, type: 'OctetString', value: word },
    { oid: `${MEMBER_ENTRY}.3.${id}`, type: 'OctetString', value: status },
  ];
}

export const AOSCX_NOTIFICATIONS: LabNotifications = {
  framing: 'rfc5424',
  on: {
    reload: () => [COLD_START],
    'member-lost': (ctx) => [{ kind: 'trap', oid: MEMBER_STATUS_CHANGE, varbinds: memberVarbinds(ctx, 'not_present') }],
    'member-added': (ctx) => [{ kind: 'trap', oid: MEMBER_STATUS_CHANGE, varbinds: memberVarbinds(ctx, 'ready') }],
  },
  sources: [
    'ARUBAWIRED-VSFv2-MIB arubaWiredVsfv2MemberStatusChange 1.3.6.1.4.1.47196.4.1.1.3.15.0.1 (Index, Role, Status); status strings not_present, ready… (librenms mibs/arubaos-cx, LN)',
    'Role strings (conductor, standby, member): assumed, no MIB text read',
  ],
};
