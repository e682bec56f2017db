// The syslog datagram parser: RFC examples, real switch messages (test/fixtures/syslog, see
// SOURCES.md), the forms switches stretch RFC 3164 into, and garbage that must be dropped
// with a reason instead of throwing.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SYSLOG_BYTES, isSyslogProblem, parseSyslog } from '../../src/transport/syslog-parse.js';
import type { SyslogMessage, SyslogParse } from '../../src/transport/syslog-parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/syslog/${name}`, import.meta.url));

function ok(p: SyslogParse): SyslogMessage {
  if (isSyslogProblem(p)) throw new Error(`expected a message, got problem: ${p.problem}`);
  return p;
}
function problem(p: SyslogParse): string {
  if (!isSyslogProblem(p)) throw new Error(`expected a problem, got ${JSON.stringify(p)}`);
  return p.problem;
}

const BOM = '\uFEFF';

describe('RFC 5424 §6.5 examples', () => {
  it('example 1: no structured data, MSG with a BOM', () => {
    const m = ok(parseSyslog(`<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`));
    expect(m).toEqual({
      format: 'rfc5424',
      facility: 4,
      severity: 2,
      timestamp: '2003-10-11T22:14:15.003Z',
      host: 'mymachine.example.com',
      app: 'su',
      msgId: 'ID47',
      text: "'su root' failed for lonvick on /dev/pts/8",
    });
  });

  it('example 2: NILVALUE msgid and structured data, an offset time', () => {
    const m = ok(parseSyslog("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts."));
    expect(m).toMatchObject({ facility: 20, severity: 5, host: '192.0.2.1', app: 'myproc', procId: '8710', text: "%% It's time to make the do-nuts." });
    expect(m.msgId).toBeUndefined();
    expect(m.structuredData).toBeUndefined();
  });

  it('example 3: structured data and a message', () => {
    const m = ok(
      parseSyslog(
        `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] ${BOM}An application event log entry...`,
      ),
    );
    expect(m.structuredData).toEqual([
      {
        id: 'exampleSDID@32473',
        params: [
          { name: 'iut', value: '3' },
          { name: 'eventSource', value: 'Application' },
          { name: 'eventID', value: '1011' },
        ],
      },
    ]);
    expect(m.text).toBe('An application event log entry...');
  });

  it('example 4: two structured data elements and no message', () => {
    const m = ok(
      parseSyslog(
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
      ),
    );
    expect(m.structuredData?.map((e) => e.id)).toEqual(['exampleSDID@32473', 'examplePriority@32473']);
    expect(m.text).toBe('');
  });

  it('undoes the escapes in structured data values (§6.3.5)', () => {
    const m = ok(parseSyslog('<14>1 - - - - - [x@1 a="say \\"hi\\"" b="a\\\\b" c="[1\\]"] done'));
    expect(m.structuredData?.[0]?.params).toEqual([
      { name: 'a', value: 'say "hi"' },
      { name: 'b', value: 'a\\b' },
      { name: 'c', value: '[1]' },
    ]);
    expect(m).toMatchObject({ facility: 1, severity: 6, text: 'done' });
    expect(m.host).toBeUndefined();
    expect(m.timestamp).toBeUndefined();
  });

  it('refuses a broken RFC 5424 header instead of guessing', () => {
    expect(problem(parseSyslog('<14>1 yesterday host app - - - text'))).toMatch(/timestamp/);
    expect(problem(parseSyslog('<14>1 - host app - - [x@1 a="open'))).toMatch(/not closed/);
    expect(problem(parseSyslog('<14>1 - host app - - junk text'))).toMatch(/structured data/);
    expect(problem(parseSyslog('<14>1 - host'))).toMatch(/header ends/);
  });
});

describe('RFC 3164 §5.4 examples', () => {
  it('example 1: the BSD header', () => {
    const m = ok(parseSyslog("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"));
    expect(m).toEqual({
      format: 'rfc3164',
      facility: 4,
      severity: 2,
      timestamp: 'Oct 11 22:14:15',
      host: 'mymachine',
      app: 'su',
      text: "'su root' failed for lonvick on /dev/pts/8",
    });
  });

  it('example 2: no PRI at all is user.notice with the whole line as text (§4.3.3)', () => {
    expect(ok(parseSyslog('Use the BFG!'))).toEqual({ format: 'rfc3164', facility: 1, severity: 5, text: 'Use the BFG!' });
  });

  it('example 3: a time with a zone and year still yields the message text', () => {
    const m = ok(
      parseSyslog(
        "<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jelly=OK # Devices: Mixer=OK, Jelly_Injector=OK, Frier=OK # Transport: Conveyer1=OK, Conveyer2=OK # %%",
      ),
    );
    expect(m).toMatchObject({ facility: 20, severity: 5 });
    expect(m.text).toContain("It's time to make the do-nuts.");
  });

  it('example 4: no valid time: the rest is the text', () => {
    const m = ok(parseSyslog("<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!"));
    expect(m).toMatchObject({ facility: 0, severity: 0 });
    expect(m.text).toContain("That's All Folks!");
  });
});

describe('what switches send (real messages, test/fixtures/syslog)', () => {
  it('sequence number, origin name, time with milliseconds and a colon, no BSD host', () => {
    expect(ok(parseSyslog(fixture('napalm-logs-ios-config-i.msg')))).toEqual({
      format: 'rfc3164',
      facility: 23,
      severity: 5,
      sequence: 30,
      host: 'test-ztp',
      timestamp: 'May 23 13:56:15.055',
      text: '%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.31.0.24)',
    });
  });

  it('a time with a zone name', () => {
    const m = ok(parseSyslog(fixture('napalm-logs-ios-config-i-timezone.msg')));
    expect(m).toMatchObject({
      sequence: 27,
      host: 'test-ztp',
      timestamp: 'May 31 15:54:54.567 MEST',
      text: '%SYS-5-CONFIG_I: Configured from console by admin on console',
    });
  });

  it('a space-padded day', () => {
    const m = ok(parseSyslog(fixture('napalm-logs-ios-link-changed.msg')));
    expect(m).toMatchObject({ sequence: 117, host: 'NetAuto_CSRv-03', timestamp: 'May  9 12:49:27.098' });
    expect(m.text).toMatch(/^%LINK-5-CHANGED: Interface GigabitEthernet2/);
  });

  it('BSD header with a tag and pid; the trailing newline is not text', () => {
    expect(ok(parseSyslog(fixture('napalm-logs-junos-commit-progress.msg')))).toEqual({
      format: 'rfc3164',
      facility: 23,
      severity: 5,
      timestamp: 'Jul 20 21:44:00',
      host: 'vmx01',
      app: 'mgd',
      procId: '7729',
      text: 'UI_COMMIT_PROGRESS: Commit operation in progress: commit complete',
    });
  });

  it('an RFC 3339 time in a BSD header, a tag with a slash', () => {
    const m = ok(parseSyslog(fixture('napalm-logs-junos-iso8601.msg')));
    expect(m).toMatchObject({ facility: 0, severity: 4, timestamp: '2020-03-31T08:41:59+00:00', host: 'vmx01', app: '/kernel' });
    expect(m.text).toBe('tcp_auth_ok: Packet from 192.168.140.254:61664 wrong MD5 digest');
  });

  it('BSD header whose text is a %FACILITY-SEVERITY-MNEMONIC message', () => {
    const m = ok(parseSyslog(fixture('napalm-logs-eos-config-i.msg')));
    expect(m).toMatchObject({ facility: 20, severity: 5, host: 'GeorgeSwitch', app: 'ConfigAgent' });
    expect(m.text).toBe('%SYS-5-CONFIG_I: Configured from console by admin on vty3 (172.16.0.1)');
  });

  it('origin name first, then a year-first time with a zone', () => {
    const m = ok(parseSyslog(fixture('napalm-logs-nxos-user-login.msg')));
    expect(m).toMatchObject({ facility: 23, severity: 6, host: 'sw01.pdx01', timestamp: '2017 Jul 28 14:42:46 UTC' });
    expect(m.text).toMatch(/^%AUTHPRIV-6-SYSTEM_MSG: pam_unix/);
  });

  it('unset-clock and unsynchronised marks, no origin name', () => {
    const unset = ok(parseSyslog('<189>123: *Mar  1 00:00:10.123: %SYS-5-RESTART: System restarted --'));
    expect(unset).toMatchObject({ sequence: 123, timestamp: '*Mar  1 00:00:10.123', text: '%SYS-5-RESTART: System restarted --' });
    expect(unset.host).toBeUndefined();
    const unsynced = ok(parseSyslog('<187>45: .Jul 11 12:34:56.789 UTC: %STACKMGR-4-SWITCH_REMOVED: Switch 2 has been removed from the stack'));
    expect(unsynced).toMatchObject({ sequence: 45, timestamp: '.Jul 11 12:34:56.789 UTC', severity: 3 });
    expect(unsynced.text).toMatch(/^%STACKMGR-4-SWITCH_REMOVED: Switch 2/);
  });

  it('a space after the PRI, a host with a stack suffix, a tag with a task name', () => {
    // Dell N-series framing, as public syslog test data shows it (find_string hit 23329157486).
    expect(ok(parseSyslog("<189> Oct 21 09:10:20 10.201.1.110-1 TRAPMGR[trapTask]: traputil.c(721) 29331 %% NOTE 'startup-config' has changed."))).toEqual({
      format: 'rfc3164',
      facility: 23,
      severity: 5,
      timestamp: 'Oct 21 09:10:20',
      host: '10.201.1.110-1',
      app: 'TRAPMGR',
      procId: 'trapTask',
      text: "traputil.c(721) 29331 %% NOTE 'startup-config' has changed.",
    });
    // Dell PowerConnect CLI reference, "Syslog Commands": the documented format, month in capitals.
    expect(ok(parseSyslog('<130> JAN 01 00:00:06 0.0.0.0-1 UNKN[0x800023]: bootos.c(386) 4 %% Event(0xaaaaaaaa)'))).toMatchObject({
      facility: 16,
      severity: 2,
      timestamp: 'JAN 01 00:00:06',
      host: '0.0.0.0-1',
      app: 'UNKN',
      text: 'bootos.c(386) 4 %% Event(0xaaaaaaaa)',
    });
  });

  it('uptime in place of the time, and no time at all', () => {
    expect(ok(parseSyslog('<189>31: 00:00:46: %LINK-3-UPDOWN: Interface Vlan1, changed state to up'))).toMatchObject({
      sequence: 31,
      timestamp: '00:00:46',
      text: '%LINK-3-UPDOWN: Interface Vlan1, changed state to up',
    });
    expect(ok(parseSyslog('<189>32: 1d02h: %LINK-3-UPDOWN: Interface Vlan1, changed state to down'))).toMatchObject({ timestamp: '1d02h' });
    expect(ok(parseSyslog('<189>33: %SYS-5-CONFIG_I: Configured from console by console'))).toMatchObject({
      sequence: 33,
      text: '%SYS-5-CONFIG_I: Configured from console by console',
    });
  });
});

describe('garbage is a problem, never an exception', () => {
  it('empty, whitespace, binary, a bad PRI', () => {
    expect(problem(parseSyslog(Buffer.alloc(0)))).toMatch(/empty/);
    expect(problem(parseSyslog(' \n'))).toMatch(/whitespace/);
    // An SNMP message (BER) sent to the syslog port by mistake.
    expect(problem(parseSyslog(Buffer.from('302902010104067075626c6963a71c0204', 'hex')))).toMatch(/binary/);
    expect(problem(parseSyslog('<999>Oct 11 22:14:15 host app: text'))).toMatch(/over 191/);
    expect(problem(parseSyslog('<abc>text'))).toMatch(/PRI/);
    expect(problem(parseSyslog('<'))).toMatch(/PRI/);
  });

  it('an oversized datagram is dropped whole', () => {
    const big = Buffer.from(`<14>Oct 11 22:14:15 host app: ${'x'.repeat(MAX_SYSLOG_BYTES)}`);
    expect(problem(parseSyslog(big))).toMatch(/over the 8192-byte limit/);
    expect(isSyslogProblem(parseSyslog(big.subarray(0, MAX_SYSLOG_BYTES)))).toBe(false);
  });

  it('random bytes never throw', () => {
    let seed = 19;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    for (let i = 0; i < 2000; i++) {
      const len = rand() % 200;
      const bytes = Buffer.from(Array.from({ length: len }, rand));
      if (i % 2 === 0) bytes.write('<13>1 ', 0); // half of them look like RFC 5424 at first
      const p = parseSyslog(bytes);
      expect(isSyslogProblem(p) || typeof p.text === 'string').toBe(true);
    }
  });
});
