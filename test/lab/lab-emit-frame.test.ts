// How a lab switch frames a syslog line on the wire (RFC 3164, RFC 5424, and the counter form of
// an OS that sends no hostname), and which notices a lab event gives, in order.

import { describe, expect, it } from 'vitest';
import { COLD_START, frameSyslog, noticesFor } from '../../src/lab/notifications.js';
import type { LabNotifications } from '../../src/lab/notifications.js';
import type { SwitchState } from '../../src/lab/model.js';

const AT = Date.UTC(2026, 2, 1, 0, 0, 10, 7); // 1 March 2026 00:00:10.007 UTC
const notice = { kind: 'syslog' as const, facility: 23, severity: 5, app: 'stackd', text: 'MEMBER_LOST: member 2' };

describe('a syslog line as the switch frames it', () => {
  it('RFC 3164: PRI, "Mmm dd" with a space-padded day, hostname, tag', () => {
    expect(frameSyslog('rfc3164', notice, { hostname: 'sw1', now: AT, counter: 4 })).toBe('<189>Mar  1 00:00:10 sw1 stackd: MEMBER_LOST: member 2');
  });

  it('RFC 5424: version 1, ISO timestamp, hostname, app, no structured data', () => {
    expect(frameSyslog('rfc5424', notice, { hostname: 'sw1', now: AT, counter: 4 })).toBe(
      '<189>1 2026-03-01T00:00:10.007Z sw1 stackd - - - MEMBER_LOST: member 2',
    );
  });

  it('counter: the message count and the unset clock with milliseconds, no hostname', () => {
    expect(frameSyslog('counter', notice, { hostname: 'sw1', now: AT, counter: 12 })).toBe('<189>12: *Mar  1 00:00:10.007: MEMBER_LOST: member 2');
  });
});

describe('the notices of a lab event', () => {
  const data: LabNotifications = {
    framing: 'rfc3164',
    on: {
      reload: () => [COLD_START],
      'member-lost': ({ member }) => [{ ...notice, text: `lost ${member}` }],
      'role-change': ({ active, previousActive }) => [{ ...notice, text: `active ${previousActive} -> ${active}` }],
    },
    sources: [],
  };
  const base = { state: {} as SwitchState, hostname: 'sw1', now: AT };

  it('a member lost that ran the stack: the loss, then the role change naming the new active', () => {
    const out = noticesFor(data, { kind: 'member-lost', member: 1, previousActive: 1 }, { ...base, active: 2 });
    expect(out.map((n) => (n.kind === 'syslog' ? n.text : n.oid))).toEqual(['lost 1', 'active 1 -> 2']);
  });

  it('a member lost that did not: the loss alone', () => {
    const out = noticesFor(data, { kind: 'member-lost', member: 3, previousActive: 1 }, { ...base, active: 1 });
    expect(out.map((n) => (n.kind === 'syslog' ? n.text : n.oid))).toEqual(['lost 3']);
  });

  it('an event the personality lists nothing for, or a personality with no data: nothing', () => {
    expect(noticesFor(data, { kind: 'config-changed', user: 'lab' }, base)).toEqual([]);
    expect(noticesFor(undefined, { kind: 'reload' }, base)).toEqual([]);
  });
});
