// switchback's own trap receiver (startTrapReceiver, as `switchback watch` runs it) and a syslog
// socket on 127.0.0.1, collecting what lab switches send, for tests to wait on. By default the
// receiver accepts exactly what the lab's inventory says its switches are polled with — the lab's
// SNMPv3 user, authPriv — and no community: a v2c trap would be dropped (`unknown-community`), as
// the watch drops it. `accept: '2c'` takes the lab's community and no user instead.

import { createSocket } from 'node:dgram';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapDrop, TrapVarbind } from '../../src/transport/trap-receiver.js';
import type { LabCredentials } from '../../src/lab/switch.js';
import { labTrapUser, TEST_CREDENTIALS } from './lab.js';

export interface ReceivedTrap {
  from: string;
  version: '1' | '2c' | '3';
  /** The v3 user it was accepted for. */
  user?: string;
  /** The community it was accepted with (v2c). */
  community?: string;
  /** msgAuthoritativeEngineID, hex (v3): for a trap, the sending switch's snmpEngineID. */
  engineID?: string;
  inform: boolean;
  /** snmpTrapOID.0's value. */
  trapOid: string;
  /** Every varbind after sysUpTime.0 and snmpTrapOID.0, numeric OIDs, values as the receiver hands them. */
  varbinds: TrapVarbind[];
  /** The first varbind's OID (sysUpTime.0 in a well-formed v2 notification). */
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
  /** What the trap receiver refused (by reason): a test of what the lab sends expects none. */
  drops: TrapDrop[];
  close(): Promise<void>;
}

export interface ReceiversOptions {
  /** The lab's secrets the receiver is configured with (the test fleet's, by default). */
  credentials?: Pick<LabCredentials, 'snmpCommunity' | 'snmpV3'>;
  /** '3' (default): the lab's v3 user only; '2c': the lab's community only. */
  accept?: '3' | '2c';
}

export async function startReceivers(opts: ReceiversOptions = {}): Promise<Receivers> {
  const credentials = opts.credentials ?? TEST_CREDENTIALS;
  const accept = opts.accept ?? '3';
  const traps: ReceivedTrap[] = [];
  const lines: ReceivedLine[] = [];
  const drops: TrapDrop[] = [];
  const syslog = createSocket('udp4');
  syslog.on('message', (msg, rinfo) => lines.push({ from: rinfo.address, text: msg.toString('utf8') }));
  await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));
  const receiver = await startTrapReceiver({
    address: '127.0.0.1',
    port: 0,
    communities: accept === '2c' ? [credentials.snmpCommunity] : [],
    users: accept === '3' ? [labTrapUser(credentials)] : [],
    onDrop: (d) => drops.push(d),
    onTrap: (r) => {
      traps.push({
        from: r.from,
        version: r.version,
        ...(r.version === '3' ? { user: r.user, engineID: r.engineID } : { community: r.community }),
        inform: r.inform,
        trapOid: r.trapOid,
        varbinds: r.varbinds.slice(2),
        firstOid: r.varbinds[0]?.oid ?? '',
      });
    },
  });
  return {
    trapPort: receiver.port,
    syslogPort: syslog.address().port,
    traps,
    lines,
    drops,
    async close() {
      await receiver.close();
      await new Promise<void>((resolve) => syslog.close(() => resolve()));
    },
  };
}
