// switchback's SNMP client: a small typed layer over net-snmp that implements the
// contract in snmp-types.ts.
//
// - v2c and v3 authPriv (SHA-1 or SHA-256 authentication, AES-128 privacy).
// - get: exact instances; a missing one is a typed noSuchObject/noSuchInstance value.
// - walk: GETBULK from the subtree's root until the first OID outside it or
//   endOfMibView; it refuses an agent whose OIDs do not increase (a loop) and stops at
//   a hard cap, so a broken agent cannot keep a sweep busy forever.
// - set: typed values, RowStatus and friends included.
// - values decoded: Buffers stay Buffers, TimeTicks numbers of hundredths, Counter64 a
//   bigint, IpAddress a dotted string, OIDs strings.
// - every failure is an SnmpError whose kind says what to do about it and whose message
//   a person understands. Secrets (community, keys) never appear in a message.
//
// What real agents do, and what this file relies on:
// - A wrong community gets no answer at all: indistinguishable from a dead agent.
// - A wrong v3 auth key or protocol gets a usmStatsWrongDigests report; an unknown user
//   usmStatsUnknownUserNames.
// - A wrong v3 priv key: the lab reports usmStatsDecryptionErrors, but net-snmp's snmpd
//   (AES) silently drops the request ("error parsing ScopedPDU"). So a v3 timeout after
//   the agent answered engine discovery, on a session that never got an authentic
//   answer, is reported as a decryption failure.
// - After an agent restarts, a session that knew the engine's old boots/time gets a
//   notInTimeWindow report; net-snmp then knows the new values, so one retry fixes it.
//
// Runtime code: it must not import anything from src/lab.

import { isIPv4, isIPv6 } from 'node:net';
import snmp from 'net-snmp';
// SNMPv3 master keys derived once per password, not once per agent (see snmp-keys.ts).
import './snmp-keys.js';
import { SnmpError } from './snmp-types.js';
import type { SnmpSession, SnmpSetValue, SnmpTarget, SnmpValue } from './snmp-types.js';

export { SnmpError };
export type { SnmpSession, SnmpSetValue, SnmpTarget, SnmpValue };

/** Varbinds asked for in one GET; longer lists are split (agents answer tooBig otherwise). */
const GET_CHUNK = 50;
/** GETBULK max-repetitions for walks; halved down to 1 while the agent answers tooBig. */
const WALK_REPETITIONS = 25;
/** A walk that yields more values than this is stopped: no switch table is that long. */
const WALK_MAX_VALUES = 1_000_000;
/** RFC 3414 11.2: a passphrase is at least 8 characters; agents refuse shorter ones. */
const MIN_PASSPHRASE = 8;

// ---------------------------------------------------------------- time ticks

/** TimeTicks (sysUpTime and friends) are 32 bits of hundredths: they wrap after 497.1 days. */
export const TICKS_MODULO = 2 ** 32;

/**
 * Hundredths of a second from `earlier` to `later`, two TimeTicks (or Counter32) readings,
 * across one 2^32 wrap: ticksSince(4294967000, 200) is 496. Only one wrap can be seen; a
 * gap longer than 497 days is indistinguishable from a short one.
 */
export function ticksSince(earlier: number, later: number): number {
  for (const t of [earlier, later]) {
    if (!Number.isInteger(t) || t < 0 || t >= TICKS_MODULO) throw new RangeError(`not a 32-bit TimeTicks value: ${t}`);
  }
  return (later - earlier + TICKS_MODULO) % TICKS_MODULO;
}

/** The same wrap rule for Counter32 deltas. */
export const counter32Delta = ticksSince;

/** TimeTicks as milliseconds. */
export const ticksToMs = (ticks: number): number => ticks * 10;

/** TimeTicks the way net-snmp's tools print them: `3 days, 4:05:06.07`, `0:00:01.50`. */
export function formatTimeTicks(ticks: number): string {
  const cs = ticks % 100;
  const totalSeconds = Math.floor(ticks / 100);
  const days = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const clock = `${h}:${pad2(m)}:${pad2(s)}.${pad2(cs)}`;
  return days > 0 ? `${days} ${days === 1 ? 'day' : 'days'}, ${clock}` : clock;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------- values and OIDs

/** The value is there (not noSuchObject, noSuchInstance, endOfMibView or null). */
export function isPresent(v: SnmpValue | undefined): v is Exclude<SnmpValue, { value: null }> {
  return v !== undefined && v.value !== null;
}

/** A value as text: octet strings as UTF-8 (DisplayString), numbers in decimal; '' when absent. */
export function valueText(v: SnmpValue | undefined): string {
  if (!isPresent(v)) return '';
  return Buffer.isBuffer(v.value) ? v.value.toString('utf8') : String(v.value);
}

const OID_RE = /^\.?\d+(\.\d+)+$/;

/** Numeric OID arcs; throws on anything but dotted decimal (no MIB names here). */
export function oidArcs(oid: string): number[] {
  if (!OID_RE.test(oid)) throw new TypeError(`not a numeric OID: ${JSON.stringify(oid)}`);
  return oid.replace(/^\./, '').split('.').map(Number);
}

/** Lexicographic OID order, as agents walk: negative when a comes first. */
export function compareOids(a: string | number[], b: string | number[]): number {
  const x = typeof a === 'string' ? oidArcs(a) : a;
  const y = typeof b === 'string' ? oidArcs(b) : b;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

/** `oid` lies strictly below `root` (1.3.6.1.2.1.1.5.0 is under 1.3.6.1.2.1.1). */
export function isUnder(root: string | number[], oid: string | number[]): boolean {
  const r = typeof root === 'string' ? oidArcs(root) : root;
  const o = typeof oid === 'string' ? oidArcs(oid) : oid;
  return o.length > r.length && r.every((arc, i) => o[i] === arc);
}

const normalOid = (oid: string) => oidArcs(oid).join('.');

// ---------------------------------------------------------------- error words

/** RFC 3416 error-status names, as a person looks them up. */
const ERROR_STATUS: Record<number, string> = {
  1: 'tooBig',
  2: 'noSuchName',
  3: 'badValue',
  4: 'readOnly',
  5: 'genErr',
  6: 'noAccess',
  7: 'wrongType',
  8: 'wrongLength',
  9: 'wrongEncoding',
  10: 'wrongValue',
  11: 'noCreation',
  12: 'inconsistentValue',
  13: 'resourceUnavailable',
  14: 'commitFailed',
  15: 'undoFailed',
  16: 'authorizationError',
  17: 'notWritable',
  18: 'inconsistentName',
};

/** A hint after the error-status where the name alone does not say what to check. */
const ERROR_HINT: Record<string, string> = {
  tooBig: 'the answer would not fit in one message; ask for fewer objects',
  noAccess: 'this community or user may not do that here',
  authorizationError: 'this community or user may not do that here; check the agent’s access view',
  noCreation: 'the agent will not create that row or object',
};

/** net-snmp's RequestFailedError for an error-status: `NotWritable: 1.3.6…` and `status`. */
interface RequestFailed extends Error {
  status?: number;
}
/** net-snmp's ResponseInvalidError: `code` is a ResponseInvalidCode. */
interface ResponseInvalid extends Error {
  code?: number;
}

const USM_WRONG_DIGEST = 'Wrong Digest (incorrect password, community or key)';

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(s < 10 ? 1 : 0).replace(/\.0$/, '');
}

// ---------------------------------------------------------------- the session

type Callback<T> = (error: Error | null, result?: T) => void;

/** net-snmp internals read (not written) to tell "wrong priv key" from "agent down". */
interface RawInternals {
  msgSecurityParameters?: { msgAuthoritativeEngineID?: Buffer | string };
}

/**
 * Open a session to one agent. Nothing is sent until the first request; v3 engine
 * discovery happens then. Close it when done (it holds a UDP socket).
 */
export function openSnmp(target: SnmpTarget): SnmpSession {
  checkTarget(target);
  return new Session(target);
}

function checkTarget(t: SnmpTarget): void {
  const where = `SNMP target ${t.host}:${t.port}`;
  if (!t.host) throw new TypeError(`${where}: no host`);
  if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) throw new TypeError(`${where}: port must be 1–65535`);
  if (!Number.isFinite(t.timeoutMs) || t.timeoutMs <= 0) throw new TypeError(`${where}: timeoutMs must be positive`);
  if (!Number.isInteger(t.retries) || t.retries < 0) throw new TypeError(`${where}: retries must be a whole number ≥ 0`);
  if (t.version === 2) {
    if (!t.community) throw new SnmpError('auth', `${where}: the SNMP community is empty`);
    return;
  }
  if (!t.user) throw new SnmpError('auth', `${where}: no SNMPv3 user name`);
  if (t.auth.key.length < MIN_PASSPHRASE) {
    throw new SnmpError('auth', `SNMPv3 auth key for user ${t.user} is shorter than ${MIN_PASSPHRASE} characters (RFC 3414); agents refuse it`);
  }
  if (t.priv.key.length < MIN_PASSPHRASE) {
    throw new SnmpError('decrypt', `SNMPv3 priv key for user ${t.user} is shorter than ${MIN_PASSPHRASE} characters (RFC 3414); agents refuse it`);
  }
}

class Session implements SnmpSession {
  private readonly raw: snmp.Session;
  private readonly address: string;
  private closed = false;
  /** An authentic answer arrived on this session (so the keys are right). */
  private answered = false;
  /** The last message net-snmp could not parse, to explain a timeout it caused. */
  private unreadable: string | undefined;

  constructor(private readonly target: SnmpTarget) {
    this.address = isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
    const common = {
      port: target.port,
      transport: isIPv6(target.host) ? ('udp6' as const) : ('udp4' as const),
      timeout: target.timeoutMs,
      retries: target.retries,
      backoff: 1,
    };
    this.raw =
      target.version === 2
        ? snmp.createSession(target.host, target.community, { ...common, version: snmp.Version2c })
        : snmp.createV3Session(
            target.host,
            {
              name: target.user,
              level: snmp.SecurityLevel.authPriv,
              authProtocol: target.auth.protocol === 'sha256' ? snmp.AuthProtocols.sha256 : snmp.AuthProtocols.sha,
              authKey: target.auth.key,
              privProtocol: snmp.PrivProtocols.aes,
              privKey: target.priv.key,
            },
            { ...common, version: 3 },
          );
    // net-snmp emits 'error' for a datagram it cannot parse; unhandled, that would throw.
    this.raw.on('error', (err: Error) => {
      this.unreadable = this.redact(err.message);
    });
  }

  async get(oids: string[]): Promise<SnmpValue[]> {
    const wanted = oids.map(normalOid);
    const out: SnmpValue[] = [];
    for (let i = 0; i < wanted.length; i += GET_CHUNK) {
      const chunk = wanted.slice(i, i + GET_CHUNK);
      const vbs = await this.request<snmp.Varbind[]>((cb) => this.raw.get(chunk, cb));
      if (vbs.length !== chunk.length) {
        throw this.protocol(`answered a GET for ${chunk.length} objects with ${vbs.length} values`);
      }
      vbs.forEach((vb, j) => {
        if (normalOid(vb.oid) !== chunk[j]) throw this.protocol(`answered a GET for ${chunk[j]} with ${vb.oid}`);
        out.push(this.decode(vb));
      });
    }
    return out;
  }

  async walk(oid: string): Promise<SnmpValue[]> {
    return this.walkFrom(oidArcs(oid), undefined);
  }

  async getAndWalk(oids: string[], root: string): Promise<{ values: SnmpValue[]; walked: SnmpValue[] }> {
    const wanted = oids.map(normalOid);
    const rootArcs = oidArcs(root);
    // GETNEXT of `x` answers `x.0` exactly when `x.0` exists (nothing lies between them in
    // OID order), so scalars ride along as non-repeaters. Anything else: GET, then walk.
    const parents = wanted.map((o) => (o.endsWith('.0') ? o.slice(0, -2) : undefined));
    if (wanted.length === 0 || wanted.length > GET_CHUNK || parents.some((p) => p === undefined || !p.includes('.'))) {
      return { values: await this.get(wanted), walked: await this.walk(root) };
    }
    let columns: (snmp.Varbind | snmp.Varbind[])[];
    try {
      columns = await this.request<(snmp.Varbind | snmp.Varbind[])[]>((cb) =>
        // max-repetitions counts the scalars too: some agents (net-snmp's own, the lab's) cap the
        // whole answer at it, where RFC 3416 gives non-repeaters + repetitions.
        this.raw.getBulk([...(parents as string[]), rootArcs.join('.')], wanted.length, WALK_REPETITIONS + wanted.length, cb),
      );
    } catch (err) {
      // Too much for one message: the two requests of a GET and a walk (which shrinks its pages).
      if (err instanceof SnmpError && err.kind === 'refused' && err.message.startsWith('refused: tooBig')) {
        return { values: await this.get(wanted), walked: await this.walk(root) };
      }
      throw err;
    }
    // An agent short of room may send the scalars and no repetition at all: the walk then starts afresh.
    if (columns.length < wanted.length || columns.length > wanted.length + 1) {
      throw this.protocol(`answered a GETBULK of ${wanted.length} scalars and one column with ${columns.length} columns`);
    }
    const values: (SnmpValue | undefined)[] = wanted.map((o, i) => {
      const vb = columns[i] as snmp.Varbind;
      return !Array.isArray(vb) && normalOid(vb.oid) === o ? this.decode(vb) : undefined;
    });
    // A scalar the agent does not have (GETNEXT gave the next object): asked exactly, so it
    // comes back as the agent's noSuchObject / noSuchInstance, as a GET would give it.
    const missing = wanted.filter((_, i) => values[i] === undefined);
    if (missing.length > 0) {
      const exact = await this.get(missing);
      for (let i = 0, m = 0; i < values.length; i++) if (values[i] === undefined) values[i] = exact[m++];
    }
    const first = columns[wanted.length];
    const walked = await this.walkFrom(rootArcs, first === undefined ? undefined : Array.isArray(first) ? first : [first]);
    return { values: values as SnmpValue[], walked };
  }

  /** Walk `root` by GETBULK; `firstPage`: the first answer already in hand (from getAndWalk). */
  private async walkFrom(root: number[], firstPage: snmp.Varbind[] | undefined): Promise<SnmpValue[]> {
    const rootText = root.join('.');
    const out: SnmpValue[] = [];
    let cursor = rootText;
    let cursorArcs = root;
    let repetitions = WALK_REPETITIONS;
    let page = firstPage;
    for (;;) {
      let row: snmp.Varbind[];
      if (page) {
        row = page;
        page = undefined;
      } else {
        let columns: (snmp.Varbind | snmp.Varbind[])[];
        try {
          columns = await this.request<(snmp.Varbind | snmp.Varbind[])[]>((cb) => this.raw.getBulk([cursor], 0, repetitions, cb));
        } catch (err) {
          if (err instanceof SnmpError && err.kind === 'refused' && err.message.startsWith('refused: tooBig') && repetitions > 1) {
            repetitions = Math.max(1, Math.floor(repetitions / 2));
            continue;
          }
          throw err;
        }
        // No non-repeaters: the one requested OID's repetitions are the first column.
        const first = columns[0];
        row = first === undefined ? [] : Array.isArray(first) ? first : [first];
      }
      if (row.length === 0) throw this.protocol(`answered a GETBULK after ${cursor} with no values`);
      for (const vb of row) {
        if (vb.type === snmp.ObjectType.EndOfMibView || vb.type === snmp.ObjectType.NoSuchObject || vb.type === snmp.ObjectType.NoSuchInstance) {
          return out;
        }
        const arcs = oidArcs(vb.oid);
        if (!isUnder(root, arcs)) return out;
        if (compareOids(arcs, cursorArcs) <= 0) {
          throw this.protocol(`answered a walk of ${rootText} with ${vb.oid} after ${cursor}: OIDs must increase (stopped so as not to loop)`);
        }
        out.push(this.decode(vb));
        if (out.length >= WALK_MAX_VALUES) throw this.protocol(`has more than ${WALK_MAX_VALUES} values under ${rootText} (stopped)`);
        cursor = vb.oid;
        cursorArcs = arcs;
      }
    }
  }

  async set(values: SnmpSetValue[]): Promise<void> {
    if (values.length === 0) return;
    const vbs = values.map(toVarbind);
    await this.request<snmp.Varbind[]>((cb) => this.raw.set(vbs, cb));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.raw.close();
    } catch {
      // The socket was never bound or is already gone: nothing to release.
    }
  }

  // ------------------------------------------------------------ plumbing

  /** One request, with one retry when an agent that restarted says "not in time window". */
  private async request<T>(send: (cb: Callback<T>) => void): Promise<T> {
    try {
      return await this.once(send);
    } catch (err) {
      if (!isNotInTimeWindow(err)) throw this.mapError(err);
    }
    try {
      return await this.once(send);
    } catch (err) {
      throw this.mapError(err);
    }
  }

  private once<T>(send: (cb: Callback<T>) => void): Promise<T> {
    if (this.closed) return Promise.reject(new SnmpError('protocol', `the SNMP session to ${this.address} is closed`));
    return new Promise<T>((resolve, reject) => {
      try {
        send((error, result) => {
          if (error) reject(error);
          else {
            this.answered = true;
            resolve(result as T);
          }
        });
      } catch (err) {
        reject(err as Error);
      }
    });
  }

  private mapError(err: unknown): SnmpError {
    if (err instanceof SnmpError) return err;
    const e = err instanceof Error ? err : new Error(String(err));
    const t = this.target;
    const user = t.version === 3 ? t.user : '';

    if (e.name === 'RequestTimedOutError') {
      if (t.version === 3 && !this.answered && this.discovered()) {
        return new SnmpError(
          'decrypt',
          `SNMPv3 decryption failed for user ${user}: wrong priv key or protocol (the agent at ${this.address} answered engine discovery, then dropped the encrypted request)`,
        );
      }
      const tries = t.retries + 1;
      const why = t.version === 2 ? 'wrong community, agent down or filtered' : 'agent down, filtered or SNMPv3 not enabled';
      const unreadable = this.unreadable ? ` (its last datagram could not be read: ${this.unreadable})` : '';
      return new SnmpError(
        'timeout',
        `no SNMP answer from ${this.address} within ${seconds(t.timeoutMs * tries)} s (${tries} ${tries === 1 ? 'try' : 'tries'}): ${why}${unreadable}`,
      );
    }

    if (e.name === 'ResponseInvalidError') {
      const code = (e as ResponseInvalid).code;
      switch (e.message) {
        case USM_WRONG_DIGEST:
          return new SnmpError('auth', `SNMPv3 authentication failed for user ${user}: wrong auth key or protocol`);
        case 'Decryption Error':
          return new SnmpError('decrypt', `SNMPv3 decryption failed for user ${user}: wrong priv key or protocol`);
        case 'Unknown User Name':
          return new SnmpError('unknown-user', `SNMPv3 user ${user} is unknown to the agent at ${this.address}`);
        case 'Unsupported Security Level':
          return new SnmpError('auth', `SNMPv3 user ${user} is not set up for authPriv (authentication and privacy) on the agent at ${this.address}`);
        case 'Not In Time Window':
          return this.protocol(`kept answering "not in time window" for user ${user} (its engine boots/time moved; is its clock or boot counter stuck?)`);
        case 'Unknown Engine ID':
          return this.protocol(`did not accept its own engine ID from discovery (unknown engine ID)`);
      }
      if (code === snmp.ResponseInvalidCode.ECouldNotDecrypt) {
        return new SnmpError('decrypt', `SNMPv3 decryption of the answer failed for user ${user}: wrong priv key or protocol`);
      }
      if (code === snmp.ResponseInvalidCode.EAuthFailure) {
        return new SnmpError('auth', `SNMPv3 authentication of the answer failed for user ${user}: wrong auth key or protocol`);
      }
      return this.protocol(`sent an answer that cannot be used: ${this.redact(e.message)}`);
    }

    const status = (e as RequestFailed).status;
    if (e.name === 'RequestFailedError' && typeof status === 'number' && status > 0) {
      const name = ERROR_STATUS[status] ?? `error-status ${status}`;
      const oid = /^\w+: (\S+)$/.exec(e.message)?.[1];
      const hint = ERROR_HINT[name];
      return new SnmpError('refused', `refused: ${name}${oid ? ` on ${oid}` : ''}${hint ? ` (${hint})` : ''}`);
    }

    if (e.message === 'Socket forcibly closed') return new SnmpError('protocol', `the SNMP session to ${this.address} was closed during the request`);
    return this.protocol(`could not be asked: ${this.redact(e.message)}`);
  }

  private protocol(what: string): SnmpError {
    return new SnmpError('protocol', `the SNMP agent at ${this.address} ${what}`);
  }

  /** The v3 engine answered discovery (net-snmp learned its engine ID). */
  private discovered(): boolean {
    const id = (this.raw as unknown as RawInternals).msgSecurityParameters?.msgAuthoritativeEngineID;
    return id !== undefined && id.length > 0;
  }

  /** Foreign text (net-snmp's messages) with any secret of this target masked. */
  private redact(text: string): string {
    const t = this.target;
    const secrets = t.version === 2 ? [t.community] : [t.auth.key, t.priv.key];
    return secrets.filter((s) => s.length > 0).reduce((acc, s) => acc.split(s).join('***'), text);
  }

  private decode(vb: snmp.Varbind): SnmpValue {
    const { oid } = vb;
    const v = vb.value;
    const T = snmp.ObjectType;
    switch (vb.type) {
      case T.Integer:
        return { oid, type: 'integer', value: Number(v) };
      case T.Counter32:
        return { oid, type: 'counter32', value: Number(v) };
      case T.Gauge32:
        return { oid, type: 'gauge32', value: Number(v) };
      case T.TimeTicks:
        return { oid, type: 'timeticks', value: Number(v) };
      case T.Counter64:
        return { oid, type: 'counter64', value: toBigint(v) };
      case T.OctetString:
      case T.Opaque:
        return { oid, type: 'octets', value: Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? ''), 'utf8') };
      case T.OID:
        return { oid, type: 'oid', value: String(v) };
      case T.IpAddress:
        return { oid, type: 'ipaddress', value: String(v) };
      case T.Null:
        return { oid, type: 'null', value: null };
      case T.NoSuchObject:
        return { oid, type: 'noSuchObject', value: null };
      case T.NoSuchInstance:
        return { oid, type: 'noSuchInstance', value: null };
      case T.EndOfMibView:
        return { oid, type: 'endOfMibView', value: null };
      default:
        throw this.protocol(`sent ${oid} with a type SNMP does not define (ASN.1 tag ${String(vb.type)})`);
    }
  }
}

function isNotInTimeWindow(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.message === 'Not In Time Window' || (err as ResponseInvalid).code === 14; /* ENotInTimeWindow */
}

/** Counter64 arrives as its big-endian content octets. */
function toBigint(v: snmp.VarbindValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (Buffer.isBuffer(v)) return v.length === 0 ? 0n : BigInt(`0x${v.toString('hex')}`);
  return 0n;
}

function toVarbind(v: SnmpSetValue): snmp.Varbind {
  const oid = normalOid(v.oid);
  const T = snmp.ObjectType;
  switch (v.type) {
    case 'integer':
      if (!Number.isInteger(v.value) || v.value < -(2 ** 31) || v.value >= 2 ** 31) throw new RangeError(`SET ${oid}: ${v.value} is not a 32-bit integer`);
      return { oid, type: T.Integer, value: v.value };
    case 'gauge32':
    case 'timeticks':
      if (!Number.isInteger(v.value) || v.value < 0 || v.value >= 2 ** 32) throw new RangeError(`SET ${oid}: ${v.value} is not an unsigned 32-bit value`);
      return { oid, type: v.type === 'gauge32' ? T.Gauge32 : T.TimeTicks, value: v.value };
    case 'octets':
      return { oid, type: T.OctetString, value: Buffer.isBuffer(v.value) ? v.value : Buffer.from(v.value, 'utf8') };
    case 'ipaddress':
      if (!isIPv4(v.value)) throw new TypeError(`SET ${oid}: ${JSON.stringify(v.value)} is not an IPv4 address (SNMP IpAddress is IPv4 only)`);
      return { oid, type: T.IpAddress, value: v.value };
  }
}
