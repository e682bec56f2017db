// Wait until a device answers again after an event: a switch that reloads is gone for
// minutes, and a check started while it boots only says "unreachable". Asked each second
// (so the check starts within about a second of the switch being back): a TCP connect to its
// SSH port — the check logs in over SSH after a reboot, and a switch's SNMP agent often
// answers before its SSH server does (or, its configuration lost, never) — or, for a switch
// without SSH, SNMP sysUpTime.0. Bounded (15 minutes: longer than a big chassis takes to boot; after that the alert
// says it did not come back) and cancellable (the watch stopping).

import { connect } from 'node:net';
import type { Device } from '../inventory/device.js';
import { OID, snmpTargetFor } from '../jobs/snmp-facts.js';
import { openSnmp } from '../transport/snmp.js';

export const DEFAULT_ANSWER_TIMEOUT_MS = 15 * 60 * 1000;
export const ANSWER_POLL_MS = 1_000;
/** One TCP connect attempt. */
const CONNECT_TIMEOUT_MS = 3_000;

export type Answered =
  { answered: true; afterMs: number; attempts: number } | { answered: false; why: string; afterMs: number; attempts: number; cancelled: boolean };

export interface AnswerOptions {
  timeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
  /** One attempt; the default asks the device (SNMP, then its SSH port). Tests give their own. */
  probe?: (device: Device, signal: AbortSignal) => Promise<void>;
}

/**
 * One attempt: resolves when the device answers, rejects with why not. A switch checked over
 * SSH answers when its SSH port does, whatever its SNMP agent says: one that lost its
 * configuration lost the community and the v3 user with it (a factory default has none), so
 * it never answers the inventory's SNMP again — and `check` goes over SSH when SNMP is
 * unreachable. Waiting for SNMP there would wait the whole timeout and then say "did not
 * answer" instead of what it lost. SNMP is asked only of a switch without SSH.
 */
export async function probeDevice(device: Device, signal: AbortSignal): Promise<void> {
  if (device.transport === 'ssh') return tcpConnect(device.host, device.port, signal);
  if (device.snmp) {
    const session = openSnmp(snmpTargetFor(device));
    try {
      // A single attempt per poll: the poll itself is the retry.
      await session.get([OID.sysUpTime]);
    } finally {
      session.close();
    }
  }
}

function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (err?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => done(new Error('cancelled'));
    const timer = setTimeout(() => done(new Error(`no TCP answer on port ${port} within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done());
    socket.once('error', (err) => done(err));
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish, { once: true });
  });

export async function waitUntilAnswering(device: Device, opts: AnswerOptions = {}): Promise<Answered> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  const pollMs = opts.pollMs ?? ANSWER_POLL_MS;
  const probe = opts.probe ?? probeDevice;
  const signal = opts.signal ?? new AbortController().signal;
  const started = Date.now();
  let attempts = 0;
  let last = 'not asked yet';
  while (!signal.aborted) {
    attempts++;
    try {
      await probe(device, signal);
      if (signal.aborted) break;
      return { answered: true, afterMs: Date.now() - started, attempts };
    } catch (err) {
      last = (err as Error).message.split('\n')[0] ?? 'no answer';
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs)
      return { answered: false, why: `did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last})`, afterMs: elapsed, attempts, cancelled: false };
    await sleep(Math.min(pollMs, timeoutMs - elapsed), signal);
  }
  return { answered: false, why: 'cancelled: the watch is stopping', afterMs: Date.now() - started, attempts, cancelled: true };
}
