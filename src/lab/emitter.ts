// Sends what a lab switch says on its own (notifications.ts) to the receivers `lab up --trap-to
// --syslog-to` names: SNMP traps (or informs) through net-snmp, syslog lines as UDP datagrams, both
// from the switch's own address. Traps go as the inventory the lab writes says the switch is polled:
// SNMPv3 authPriv with the lab's user (SHA, AES), from the switch's own snmpEngineID — a real switch
// is configured the same way (`snmp-server host X version 3 priv USER`), and `switchback watch`
// accepts exactly the communities and users of its inventory. v2c with the lab's community when asked. UDP: a receiver that is not there costs nothing, and a failed send is
// counted, never thrown — the lab keeps running whatever happens to its notifications.

import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import snmp from 'net-snmp';
import { frameSyslog } from './notifications.js';
import type { LabNotice, LabNotifications, LabVarbind } from './notifications.js';

/** A receiver, as `--trap-to` / `--syslog-to` give it. */
export interface EmitTarget {
  host: string;
  port: number;
}

/** How a switch's traps are secured: the lab's v3 user (authPriv, SHA and AES, as the lab's inventory says), or a v2c community. */
export type TrapSecurity = { version: '3'; user: string; authKey: string; privKey: string } | { version: '2c'; community: string };

/** Where a fleet's switches send their notifications, and how their traps are secured. */
export interface EmitTargets {
  trap?: EmitTarget;
  syslog?: EmitTarget;
  snmp: TrapSecurity;
  /** Informs (acknowledged, retried) instead of traps. */
  inform?: boolean;
}

/** An inform not acknowledged in this time is sent once more, then counted as failed. */
const INFORM_TIMEOUT_MS = 2000;

export class EmitTargetError extends Error {}

/** `HOST:PORT` (an IPv6 address in brackets: `[::1]:162`). */
export function parseEmitTarget(text: string, what: string): EmitTarget {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new EmitTargetError(`${what} takes HOST:PORT (e.g. 127.0.0.1:1162), got ${JSON.stringify(text)}`);
  return { host: (m[1] ?? m[2])!, port };
}

/** One switch's voice: sends its notices in order, one after the other. */
export interface SwitchNotifier {
  /** Queue these notices (in order); returns at once. `uptimeTicks` is sysUpTime now, for the traps. */
  send(notices: readonly LabNotice[], frame: { hostname: string; now: number; uptimeTicks: number }): void;
  /** The switch booted: its syslog message counter starts again. */
  rebooted(): void;
  /** Resolves once everything queued so far was handed to the network. */
  idle(): Promise<void>;
  /** Datagrams sent, and those that failed (with the last reason), for `lab status` and tests. */
  readonly counts: { sent: number; failed: number; lastError?: string };
  close(): Promise<void>;
}

const TYPES: Record<LabVarbind['type'], snmp.ObjectType> = {
  Integer: snmp.ObjectType.Integer,
  OctetString: snmp.ObjectType.OctetString,
  ObjectIdentifier: snmp.ObjectType.OID,
  Gauge: snmp.ObjectType.Gauge,
  TimeTicks: snmp.ObjectType.TimeTicks,
  Counter: snmp.ObjectType.Counter,
};

/**
 * A notifier for one switch that sends from `address` (a loopback address: the lab's). Its
 * sockets open on the first notice: a fleet with no receivers opens none. `engineID` is the
 * switch's snmpEngineID: a v3 trap is sent by the authoritative engine, the switch itself
 * (RFC 3414 §1.5.1), so it carries the ID the switch's agent answers with.
 */
export function startNotifier(address: string, targets: EmitTargets, notifications: LabNotifications | undefined, engineID?: Buffer): SwitchNotifier {
  const counts: SwitchNotifier['counts'] = { sent: 0, failed: 0 };
  let counter = 0;
  let chain: Promise<void> = Promise.resolve();
  let syslogSocket: Socket | undefined;
  let session: snmp.Session | undefined;
  let closed = false;

  const failed = (err: unknown) => {
    counts.failed += 1;
    counts.lastError = err instanceof Error ? err.message : String(err);
  };

  const syslog = (): Socket => {
    if (!syslogSocket) {
      syslogSocket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
      syslogSocket.on('error', failed);
      syslogSocket.bind(0, address);
    }
    return syslogSocket;
  };
  const trapSession = (target: EmitTarget): snmp.Session => {
    if (!session) {
      const options = {
        // The family of the address the switch sends from (a lab on ::1 sends to an IPv6 receiver).
        transport: isIPv6(address) ? 'udp6' : 'udp4',
        // A trap goes to trapPort, an inform (a request) to port: both the receiver's.
        trapPort: target.port,
        port: target.port,
        sourceAddress: address,
        timeout: INFORM_TIMEOUT_MS,
        retries: 1,
      } as const;
      const security = targets.snmp;
      session =
        security.version === '3'
          ? snmp.createV3Session(
              target.host,
              {
                name: security.user,
                level: snmp.SecurityLevel.authPriv,
                authProtocol: snmp.AuthProtocols.sha,
                authKey: security.authKey,
                privProtocol: snmp.PrivProtocols.aes,
                privKey: security.privKey,
              },
              { ...options, version: snmp.Version3, ...(engineID ? { engineID: engineID.toString('hex') } : {}) },
            )
          : snmp.createSession(target.host, security.community, { ...options, version: snmp.Version2c });
      session.on('error', failed);
    }
    return session;
  };

  const sendOne = (notice: LabNotice, frame: { hostname: string; now: number; uptimeTicks: number }): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (err?: Error | null) => {
        if (err) failed(err);
        else counts.sent += 1;
        resolve();
      };
      try {
        if (notice.kind === 'trap') {
          if (!targets.trap) return resolve();
          const varbinds = notice.varbinds.map((v) => ({ oid: v.oid, type: TYPES[v.type], value: v.value }));
          // net-snmp writes sysUpTime.0 and snmpTrapOID.0 first, as a v2 notification begins (RFC 3416 §4.2.6).
          const s = trapSession(targets.trap);
          const upTime = { upTime: Math.max(1, frame.uptimeTicks) };
          // An inform is done when the receiver acknowledged it (or it was given up on).
          if (targets.inform) s.inform(notice.oid, varbinds, upTime, (err: Error | null) => done(err));
          else s.trap(notice.oid, varbinds, upTime, done);
        } else {
          if (!targets.syslog) return resolve();
          counter += 1;
          const text = frameSyslog(notifications?.framing ?? 'rfc3164', notice, { hostname: frame.hostname, now: frame.now, counter });
          syslog().send(Buffer.from(text, 'utf8'), targets.syslog.port, targets.syslog.host, done);
        }
      } catch (err) {
        done(err instanceof Error ? err : new Error(String(err)));
      }
    });

  return {
    counts,
    send(notices, frame) {
      if (closed || notices.length === 0) return;
      chain = chain.then(async () => {
        for (const n of notices) if (!closed) await sendOne(n, frame);
      });
    },
    rebooted() {
      counter = 0;
    },
    idle: () => chain,
    async close() {
      await chain;
      closed = true;
      try {
        session?.close();
      } catch {
        // already closed
      }
      if (syslogSocket) await new Promise<void>((resolve) => syslogSocket!.close(() => resolve()));
    },
  };
}
