// One UDP syslog datagram → a plain message, or the reason it is not one. Pure: bytes in,
// record out; it never throws, whatever arrives on the port (a receiver listening on the
// network gets scanners, misdirected SNMP, truncated packets).
//
// Two formats share the port, told apart by what follows `<PRI>`:
// - RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`): parsed strictly, since its
//   senders follow the grammar; a broken header is a problem, not a guess.
// - RFC 3164 (BSD, `<PRI>Mmm dd hh:mm:ss HOST TAG: text`): a description of what senders did,
//   not a grammar, and switches stretch it: a sequence number before the time (`<189>123: `),
//   a time with milliseconds, a year or a zone and a colon after it and no host at all, a
//   `*` or `.` before the time (the switch's clock is not set / not in sync), an uptime in place
//   of the time (`00:00:46:`, `1d02h:`), an origin name between the sequence number and the
//   time. The parser takes what it recognises and leaves the rest in `text`, so a rule matching
//   the message (the platform's SyslogRule) sees the message as the switch wrote it.

/** Larger datagrams are dropped, not truncated: RFC 5426 §3.2 asks receivers for 2048 octets; real senders stay far below this. */
export const MAX_SYSLOG_BYTES = 8192;

export interface SdElement {
  id: string;
  params: { name: string; value: string }[];
}

export interface SyslogMessage {
  format: 'rfc5424' | 'rfc3164';
  /** 0–23 (RFC 5424 §6.2.1): 0 kernel, 1 user, … 16–23 local0–local7. */
  facility: number;
  /** 0 emergency … 7 debug. */
  severity: number;
  /** As the sender wrote it (RFC 5424: RFC 3339; RFC 3164: the switch's own form, with its `*` / `.` mark). */
  timestamp?: string;
  /** The sender's name for itself (absent when it sent none: many switches do not). */
  host?: string;
  /** APP-NAME (RFC 5424) or the TAG before `[pid]:` (RFC 3164). */
  app?: string;
  procId?: string;
  /** RFC 5424 MSGID. */
  msgId?: string;
  /** The sequence number a switch puts before its timestamp (`<189>123: …`). */
  sequence?: number;
  /** RFC 5424 structured data, escapes undone. */
  structuredData?: SdElement[];
  /** The message itself, header removed, BOM removed, trailing newlines removed. */
  text: string;
}

export type SyslogParse = SyslogMessage | { problem: string };

export function isSyslogProblem(p: SyslogParse): p is { problem: string } {
  return 'problem' in p;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** C0 controls other than tab / LF / CR, and DEL: no syslog sender writes them; binary packets are full of them. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** One datagram. Strings are accepted for tests and callers that decoded already. */
export function parseSyslog(datagram: Buffer | string): SyslogParse {
  try {
    return parse(typeof datagram === 'string' ? Buffer.from(datagram, 'utf8') : datagram);
  } catch (err) {
    // Defensive only: every path below returns a problem instead of throwing.
    return { problem: `unreadable datagram (${(err as Error).message.slice(0, 60)})` };
  }
}

function parse(bytes: Buffer): SyslogParse {
  if (bytes.length === 0) return { problem: 'empty datagram' };
  if (bytes.length > MAX_SYSLOG_BYTES) return { problem: `datagram of ${bytes.length} bytes is over the ${MAX_SYSLOG_BYTES}-byte limit` };

  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    // RFC 3164 is bytes, not UTF-8: an old sender may write Latin-1. Control bytes still reject it below.
    raw = bytes.toString('latin1');
  }
  // Senders end a line with LF, CRLF or NUL; the message does not include them.
  raw = raw.replace(/[\r\n\0]+$/, '');
  if (raw.trim() === '') return { problem: 'datagram is only whitespace' };
  if (CONTROL.test(raw)) return { problem: 'binary data (control characters), not a syslog line' };

  const pri = /^<(\d{1,3})>/.exec(raw);
  if (!pri) {
    if (raw.startsWith('<')) return { problem: `bad <PRI>: ${JSON.stringify(raw.slice(0, 8))}` };
    // RFC 3164 §4.3.3: a message without PRI is taken as user.notice (13), the whole line as its content.
    return { format: 'rfc3164', facility: 1, severity: 5, text: raw };
  }
  const value = Number(pri[1]);
  if (value > 191) return { problem: `<PRI> ${value} is over 191` };
  const facility = Math.floor(value / 8);
  const severity = value % 8;
  const rest = raw.slice(pri[0].length);

  if (/^\d{1,2} /.test(rest)) {
    const version = rest.slice(0, rest.indexOf(' '));
    if (version === '1') return parse5424(facility, severity, rest.slice(2));
    // `<13>2 …` could be a BSD line whose text starts with a number; only version 1 exists (RFC 5424 §9.1).
  }
  return parse3164(facility, severity, rest);
}

// ---------------------------------------------------------------- RFC 5424

const NIL = '-';
const TIMESTAMP_5424 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;
/** PRINTUSASCII (RFC 5424 §6): `!` to `~`. */
const PRINTUSASCII = /^[\x21-\x7e]+$/;

function parse5424(facility: number, severity: number, after: string): SyslogParse {
  // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID, each one token.
  const fields: string[] = [];
  let pos = 0;
  for (const name of ['timestamp', 'hostname', 'app-name', 'procid', 'msgid']) {
    const space = after.indexOf(' ', pos);
    if (space < 0) return { problem: `RFC 5424 header ends before its ${name}` };
    const token = after.slice(pos, space);
    if (!PRINTUSASCII.test(token)) return { problem: `RFC 5424 ${name} is empty or not printable ASCII` };
    fields.push(token);
    pos = space + 1;
  }
  const [timestamp, host, app, procId, msgId] = fields.map((f) => (f === NIL ? undefined : f));
  if (timestamp !== undefined && !TIMESTAMP_5424.test(timestamp))
    return { problem: `RFC 5424 timestamp ${JSON.stringify(timestamp.slice(0, 40))} is not RFC 3339` };

  const sd = parseStructuredData(after, pos);
  if ('problem' in sd) return sd;
  let text = '';
  if (sd.end < after.length) {
    if (after[sd.end] !== ' ') return { problem: 'RFC 5424 structured data is not followed by a space' };
    text = after.slice(sd.end + 1);
  }
  // MSG may start with a BOM (RFC 5424 §6.4): it says "UTF-8", it is not text.
  text = text.replace(/^\uFEFF/, '');

  const message: SyslogMessage = { format: 'rfc5424', facility, severity, text };
  if (timestamp !== undefined) message.timestamp = timestamp;
  if (host !== undefined) message.host = host;
  if (app !== undefined) message.app = app;
  if (procId !== undefined) message.procId = procId;
  if (msgId !== undefined) message.msgId = msgId;
  if (sd.elements.length > 0) message.structuredData = sd.elements;
  return message;
}

/** `-` or `[id name="value" …]…` from `start`; values unescape `\"`, `\\`, `\]` (RFC 5424 §6.3.5). */
function parseStructuredData(s: string, start: number): { elements: SdElement[]; end: number } | { problem: string } {
  if (s[start] === NIL && (start + 1 === s.length || s[start + 1] === ' ')) return { elements: [], end: start + 1 };
  if (s[start] !== '[') return { problem: 'RFC 5424 structured data is neither "-" nor "[…]"' };
  const elements: SdElement[] = [];
  let i = start;
  while (s[i] === '[') {
    i++;
    const id = /^[^\s=\]"]{1,32}/.exec(s.slice(i, i + 33));
    if (!id) return { problem: 'RFC 5424 structured data element has no id' };
    i += id[0].length;
    const element: SdElement = { id: id[0], params: [] };
    while (s[i] === ' ') {
      i++;
      const name = /^([^\s=\]"]{1,32})="/.exec(s.slice(i, i + 35));
      if (!name) return { problem: `RFC 5424 structured data parameter in [${element.id}] is not name="value"` };
      i += name[0].length;
      let value = '';
      for (;;) {
        const c = s[i];
        if (c === undefined) return { problem: `RFC 5424 structured data value in [${element.id}] is not closed` };
        if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === ']')) {
          value += s[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (c === '"') break;
        value += c;
      }
      element.params.push({ name: name[1] as string, value });
    }
    if (s[i] !== ']') return { problem: `RFC 5424 structured data element [${element.id}] is not closed` };
    i++;
    elements.push(element);
  }
  return { elements, end: i };
}

// ---------------------------------------------------------------- RFC 3164 and what switches send as it

/** Month names as RFC 3164 writes them, and in capitals as some switches do (`JAN 01 00:00:06`). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(?:${[...MONTHS, ...MONTHS.map((m) => m.toUpperCase())].join('|')})`;
/**
 * `Mmm dd hh:mm:ss` (RFC 3164 §4.1.2), and the longer forms switches write: a year after the
 * day or before the month, milliseconds, a zone name; optionally marked `*` / `.`; or an RFC 3339
 * time in a BSD header. Group 1: the time; group 2: a colon right after it (the time ends the
 * header: no host follows).
 */
const ZONE = '(?: [A-Z][A-Za-z]{1,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?)?';
const CLOCK_TIME = new RegExp(
  '^(' +
    [
      `[*.]?${MONTH} {1,2}\\d{1,2}(?: \\d{4})? \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?${ZONE}`,
      `[*.]?\\d{4} ${MONTH} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?${ZONE}`,
      `\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?:Z|[+-]\\d{2}:?\\d{2})?`,
    ].join('|') +
    ')(:?) ',
);
/** An uptime in place of the time, always followed by a colon: `00:00:46:`, `1d02h:`, `2w3d:`, `1y2w:`. */
const UPTIME = /^([*.]?(?:\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?|\d{1,4}[ywd]\d{1,2}[wdh])): /;
const SEQUENCE = /^(\d{1,10}): /;
/** A name (RFC 3164 HOSTNAME: a name or an address) and a space. */
const HOST = /^([A-Za-z0-9][A-Za-z0-9_.:-]{0,254}) /;
/** TAG (≤ 48 characters here, RFC 3164 says 32) with an optional `[pid]`, then `:`. */
const TAG = /^([A-Za-z0-9_/][A-Za-z0-9_./-]{0,47})(?:\[([^\]\s]{1,128})\])?: ?/;

function parse3164(facility: number, severity: number, rest: string): SyslogParse {
  const message: SyslogMessage = { format: 'rfc3164', facility, severity, text: '' };
  // Some switches put a space after the PRI (`<189> Oct 21 …`); a time after it still counts.
  let s = rest.startsWith(' ') && CLOCK_TIME.test(rest.slice(1)) ? rest.slice(1) : rest;

  const seq = SEQUENCE.exec(s);
  if (seq) {
    message.sequence = Number(seq[1]);
    s = s.slice(seq[0].length);
  }
  // An origin name before the time, after the sequence number if any: `123: sw1: *Mar  1 …`, `sw1: 2017 Jul 28 …`.
  const origin = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,254}): /.exec(s);
  if (origin && (CLOCK_TIME.test(s.slice(origin[0].length)) || UPTIME.test(s.slice(origin[0].length)))) {
    message.host = origin[1] as string;
    s = s.slice(origin[0].length);
  }

  let hostFollows = false;
  const clock = CLOCK_TIME.exec(s);
  const uptime = clock ? null : UPTIME.exec(s);
  if (clock) {
    message.timestamp = clock[1] as string;
    s = s.slice(clock[0].length);
    // BSD form: the time is followed by the host. A switch's colon after the time ends the header.
    hostFollows = clock[2] !== ':' && message.host === undefined;
  } else if (uptime) {
    message.timestamp = uptime[1] as string;
    s = s.slice(uptime[0].length);
  }

  if (hostFollows) {
    const host = HOST.exec(s);
    // A token that is itself the TAG (`name:` or `name[pid]:`) means the sender left the host out.
    if (host && !TAG.test(s)) {
      message.host = host[1] as string;
      s = s.slice(host[0].length);
    }
  }

  const tag = TAG.exec(s);
  if (tag) {
    message.app = tag[1] as string;
    if (tag[2] !== undefined) message.procId = tag[2];
    s = s.slice(tag[0].length);
  }
  message.text = s;
  return message;
}
