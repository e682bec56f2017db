// What an EX Virtual Chassis on Junos sends on its own (PLATFORM-FACTS.md §4.5). Syslog in the BSD
// form Junos sends to a `syslog host` (RFC 3164: `<PRI>Mmm dd hh:mm:ss HOSTNAME vccpd[PID]: TAG: text`).
// A lab `change` leaves the lines in the candidate: Junos says nothing until a commit, so there is
// no config-changed notice here (jnxCmCfgChange is sent on commit).

import type { LabNotice, LabNotifications, LabVarbind, NoticeContext } from '../../notifications.js';
import { COLD_START } from '../../notifications.js';

/** JUNIPER-VIRTUALCHASSIS-MIB jnxVirtualChassisMemberEntry, indexed by member ID. */
const VC_MEMBER_ENTRY = '1.3.6.1.4.1.2636.3.40.1.4.1.1.1';
/** jnxVccpMemberUp / jnxVccpMemberDown (JUNIPER-VIRTUALCHASSIS-MIB notifications). */
const VCCP_MEMBER_UP = '1.3.6.1.4.1.2636.4.14.0.3';
const VCCP_MEMBER_DOWN = '1.3.6.1.4.1.2636.4.14.0.4';

const DAEMON = 3;

/** The notification's OBJECTS: the member's Serialnumber .2, Role .3 (master 1, backup 2, linecard 3), Model .8, Location .9. */
function memberVarbinds(ctx: NoticeContext, role: number): LabVarbind[] {
  const id = ctx.member!;
  const m = ctx.state.members.find((x) => x.number === id);
  return [
    { oid: `${VC_MEMBER_ENTRY}.2.${id}`, type: 'OctetString', value: m?.serial ?? '' },
    { oid: `${VC_MEMBER_ENTRY}.3.${id}`, type: 'Integer', value: role },
    { oid: `${VC_MEMBER_ENTRY}.8.${id}`, type: 'OctetString', value: m?.model ?? '' },
    { oid: `${VC_MEMBER_ENTRY}.9.${id}`, type: 'OctetString', value: '' },
  ];
}

const vccpd = (text: string): LabNotice => ({ kind: 'syslog', facility: DAEMON, severity: 5, app: 'vccpd[1412]', text });

export const JUNOS_NOTIFICATIONS: LabNotifications = {
  framing: 'rfc3164',
  on: {
    // The agent is back: coldStart. (A Junos restart syslog line has no source found: left out.)
    reload: () => [COLD_START],
    // The master reports the member down, and its VCCP adjacency to it lost.
    'member-lost': (ctx) => [
      { kind: 'trap', oid: VCCP_MEMBER_DOWN, varbinds: memberVarbinds(ctx, ctx.previousActive === ctx.member ? 1 : 3) },
      vccpd(`VCCPD_PROTOCOL_ADJDOWN: Lost adjacency to member ${ctx.member} on vcp-0`),
    ],
    'member-added': (ctx) => [
      { kind: 'trap', oid: VCCP_MEMBER_UP, varbinds: memberVarbinds(ctx, 3) },
      vccpd(`VCCPD_PROTOCOL_ADJUP: New adjacency to member ${ctx.member} on vcp-0`),
    ],
  },
  sources: [
    'JUNIPER-VIRTUALCHASSIS-MIB jnxVccpMemberUp/Down 1.3.6.1.4.1.2636.4.14.0.3/.0.4, varbinds Serialnumber, Role, Model, Location (netdisco-mibs, ND)',
    'VCCPD_PROTOCOL_ADJDOWN / VCCPD_PROTOCOL_ADJUP: Junos OS 10.3 System Log Messages Reference, VCCPD chapter (JNX-SL); the words after "to" (the neighbour ids) and the severity are the lab’s',
  ],
};
