// The watch's two listeners — SNMP notifications and syslog — started together and handed to
// the engine: each record goes to engine.receive (device by source address, meaning by the
// platform's rules), each refused datagram to engine.dropped (a rate-limited log line; the
// receivers count them all). The receivers' counts become the status's ReceiverView.

import { startSyslogReceiver } from '../transport/syslog-receiver.js';
import type { SyslogReceiver } from '../transport/syslog-receiver.js';
import { startTrapReceiver } from '../transport/trap-receiver.js';
import type { TrapReceiver, TrapUser } from '../transport/trap-receiver.js';
import type { WatchEngine } from './engine.js';
import type { ReceiverView } from './status.js';

export interface ReceiversOptions {
  engine: Pick<WatchEngine, 'receive' | 'dropped' | 'engineID' | 'setEngineID' | 'attachReceivers'>;
  /** Absent: no trap receiver. Port 0: any free port (tests). */
  trap?: { address: string; port: number; communities: readonly string[]; users: readonly TrapUser[] };
  syslog?: { address: string; port: number };
}

export interface Receivers {
  trap?: TrapReceiver;
  syslog?: SyslogReceiver;
  views(): ReceiverView[];
  close(): Promise<void>;
}

export async function startReceivers(opts: ReceiversOptions): Promise<Receivers> {
  const { engine } = opts;
  let trap: TrapReceiver | undefined;
  let syslog: SyslogReceiver | undefined;
  try {
    if (opts.trap) {
      const engineID = engine.engineID();
      trap = await startTrapReceiver({
        address: opts.trap.address,
        port: opts.trap.port,
        communities: opts.trap.communities,
        users: opts.trap.users,
        ...(engineID ? { engineID } : {}),
        onTrap: (r) => engine.receive(r),
        onDrop: (d) => engine.dropped('trap', d.from, `${d.reason}: ${d.detail}`),
      });
      // Kept, so a switch that caches the engine ID for its informs finds the same one after a restart.
      engine.setEngineID(trap.engineID);
    }
    if (opts.syslog) {
      syslog = await startSyslogReceiver({
        address: opts.syslog.address,
        port: opts.syslog.port,
        onRecord: (r) => engine.receive(r),
        onDrop: (d) => engine.dropped('syslog', d.from, d.reason),
      });
    }
  } catch (err) {
    await trap?.close();
    await syslog?.close();
    throw err;
  }
  const syslogAddress = opts.syslog?.address ?? '';
  const views = (): ReceiverView[] => {
    const out: ReceiverView[] = [];
    if (trap) {
      const c = trap.counts();
      const dropped = Object.fromEntries(Object.entries(c.dropped).filter(([, n]) => n > 0));
      out.push({ kind: 'trap', address: trap.address, port: trap.port, received: c.received, dropped });
    }
    if (syslog)
      out.push({
        kind: 'syslog',
        address: syslogAddress,
        port: syslog.port,
        received: syslog.counts.received - syslog.counts.dropped,
        dropped: syslog.counts.dropped > 0 ? { malformed: syslog.counts.dropped } : {},
      });
    return out;
  };
  engine.attachReceivers(views);
  return {
    ...(trap ? { trap } : {}),
    ...(syslog ? { syslog } : {}),
    views,
    close: async () => {
      await Promise.all([trap?.close(), syslog?.close()]);
    },
  };
}
