// What an ArubaOS-Switch backplane stack (2930M) sends on its own (PLATFORM-FACTS.md §6.3, §6.5):
// the standard coldStart, HP-STACK-MIB's member and commander notifications, and
// hpSwitchRunningConfigChange. No syslog: no stacking or configuration log text of this OS had a
// source, so the lab sends none rather than made-up ones. A VSF fabric (2930F) lists its members
// in HP's VSF MIB, whose notifications were not read: it sends no member notices (lab).

import type { LabNotice, LabNotifications, NoticeContext } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';
import { stateCode } from './snmp.js';
import { stackingOfState } from './state.js';

/** HP-STACK-MIB hpStackMemberEntry, indexed by member ID: State .9, IdForTrap .13 (accessible-for-notify, its value the member ID). */
const MEMBER_ENTRY = '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1';
/** hpStackNotifications: hpStackCommanderChange .2, hpStackMemberChange .3, hpStackMemberStatusChange .4. */
const STACK_NOTIFICATIONS = '1.3.6.1.4.1.11.2.14.11.5.1.69.0';
/** HP-SWITCH-BASIC-CONFIG-MIB hpSwitchRunningConfigChange. */
const RUNNING_CONFIG_CHANGE = '1.3.6.1.4.1.11.2.14.11.5.1.7.1.29.1.0.7';
/** hpStackMemberState missing(1): a member without power, as the member table shows it too. */
const MISSING = 1;

/** A stack notification about `id`: hpStackMemberIdForTrap and hpStackMemberState, the OBJECTS the MIB names (hpSwitchBaseMACAddress left out: its OID was not read). */
function stackTrap(ctx: NoticeContext, which: 2 | 3 | 4, id: number, state?: number): LabNotice[] {
  if (stackingOfState(ctx.state.members) === 'vsf') return [];
  const m = ctx.state.members.find((x) => x.number === id);
  return [
    {
      kind: 'trap',
      oid: `${STACK_NOTIFICATIONS}.${which}`,
      varbinds: [
        { oid: `${MEMBER_ENTRY}.13.${id}`, type: 'Integer', value: id },
        { oid: `${MEMBER_ENTRY}.9.${id}`, type: 'Integer', value: state ?? (m ? stateCode(m) : MISSING) },
      ],
    },
  ];
}

export const AOS_NOTIFICATIONS: LabNotifications = {
  framing: 'rfc3164',
  on: {
    reload: () => [COLD_START],
    // hpStackMemberStatusChange, "generated when a member becomes active or inactive": the member
    // went missing — and (member-added) came back, the same notification with its state now. A
    // member coming back is not "a new member joins the stack" (hpStackMemberChange), so the
    // platform's rules read its return as member-lost too, and the check tells which.
    'member-lost': (ctx) => stackTrap(ctx, 4, ctx.member!, MISSING),
    'member-added': (ctx) => stackTrap(ctx, 4, ctx.member!),
    // The commander went down and the standby took over: hpStackCommanderChange about the new one.
    'role-change': (ctx) => (ctx.active === undefined ? [] : stackTrap(ctx, 2, ctx.active)),
    // Its OBJECTS (the change event's id, method, source address, user…) were not read: sent bare,
    // as the lab's EOS sends aristaConfigManEvent.
    'config-changed': () => [{ kind: 'trap', oid: RUNNING_CONFIG_CHANGE, varbinds: [] }],
  },
  sources: [
    'coldStart: RFC 3418 SNMPv2-MIB',
    'HP-STACK-MIB hpStackCommanderChange / hpStackMemberStatusChange 1.3.6.1.4.1.11.2.14.11.5.1.69.0.2/.0.4, OBJECTS hpStackMemberIdForTrap, hpStackMemberState (and BaseMAC for .0.4) (pysnmp-compiled HP-STACK-MIB; netdisco-mibs hp/hpstack.mib)',
    'HP-SWITCH-BASIC-CONFIG-MIB hpSwitchRunningConfigChange 1.3.6.1.4.1.11.2.14.11.5.1.7.1.29.1.0.7 (netdisco-mibs hp/hpswitchbasicconfig.mib; pysnmp-compiled)',
  ],
};
