// A trap receiver (net-snmp's, as a manager runs it) and a syslog socket on 127.0.0.1, collecting
// what lab switches send, for tests to wait on.

import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import snmp from 'net-snmp';

export interface ReceivedTrap {
  from: string;
  community?: string;
  /** snmpTrapOID.0's value. */
  trapOid: string;
  /** Every varbind after sysUpTime.0 and snmpTrapOID.0, numeric OIDs, values as decoded. */
  varbinds: { oid: string; type: number; value: unknown }[];
  /** The first varbind's OID (sysUpTime.0 in a well-formed v2c trap). */
  firstOid: string;
}

export interface ReceivedLine {
  from: string;
  text: string;
}

export interface Receivers {
  trapPort: number;
  syslogPort: number;
  traps: ReceivedTrap[];
  lines: ReceivedLine[];
  close(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function startReceivers(): Promise<Receivers> {
  const traps: ReceivedTrap[] = [];
  const lines: ReceivedLine[] = [];
  const syslog = createSocket('udp4');
  syslog.on('message', (msg, rinfo) => lines.push({ from: rinfo.address, text: msg.toString('utf8') }));
  await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));
  const trapPort = await freeUdpPort();
  const receiver = snmp.createReceiver(
    { port: trapPort, address: '127.0.0.1', disableAuthorization: true, includeAuthentication: true },
    (error: unknown, n: { pdu: { varbinds: { oid: string; type: number; value: unknown }[]; community?: string }; rinfo: { address: string } } | null) => {
      if (error || !n) return;
      const vbs = n.pdu.varbinds;
      traps.push({
        from: n.rinfo.address,
        trapOid: String(vbs[1]?.value ?? ''),
        varbinds: vbs.slice(2),
        firstOid: vbs[0]?.oid ?? '',
        ...(n.pdu.community !== undefined ? { community: n.pdu.community } : {}),
      });
    },
  );
  // The receiver binds its socket without waiting; wait for it, so that a test may close it at once.
  const sockets = Object.values((receiver as { listener: { sockets: Record<string, Socket> } }).listener.sockets);
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once('listening', () => resolve()))));
  return {
    trapPort,
    syslogPort: syslog.address().port,
    traps,
    lines,
    async close() {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await new Promise<void>((resolve) => syslog.close(() => resolve()));
    },
  };
}
