// The SNMP agent of one lab switch, on net-snmp's agent, answering on its own UDP
// port. It serves the standard MIBs (standard-mibs.ts) and whatever MIBs the
// switch's personality adds (LabMib in personality.ts); this file knows no vendor.
//
// Every value is computed from the switch's state when a request arrives (a reboot,
// a member failure or a config change shows at once), never cached between requests.
// Requests are dropped without an answer while the switch is off or its SNMP fault
// is on, as a dead agent would.

import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import snmp from 'net-snmp';

import type { LabMib, WritableMib } from '../personality.js';
import type { LabSwitch } from '../switch.js';
import { engineTime } from './engine.js';
import type { AgentCallbackData, MibRequest, MibStore, NetSnmpAgent, RawVarbind } from './net-snmp.js';
import { standardMibs } from './standard-mibs.js';
import { installMibLookup } from './mib-lookup.js';
import { encodeUsmReport, readV3Header } from './usm-report.js';
import type { UsmCounter } from './usm-report.js';
import { bindUdp } from '../../transport/udp.js';
// The agents of a fleet share the v3 passwords: each derives its localised keys without
// re-hashing the password's million bytes (a 1,000-switch fleet's first sweep otherwise
// spends seconds of the lab's CPU there).
import '../../transport/snmp-keys.js';

/** msgFlags bit 0 (RFC 3412 6.4): the message is authenticated. */
const V3_FLAG_AUTH = 0x01;

export interface SnmpAgentHandle {
  port: number;
  close(): Promise<void>;
}

/** The v3 user that authenticates with HMAC-SHA-256 instead of SHA-1 (same keys). */
export const SHA256_USER_SUFFIX = '-sha256';

/**
 * The SNMPv3 users a lab switch knows: the inventory's user with SHA-1 + AES-128
 * (what most switch configs use), and the same keys as `<user>-sha256` with
 * HMAC-SHA-256 + AES-128 for managers that want RFC 7860.
 */
export function snmpV3UsersFor(credentials: LabSwitch['credentials']): snmp.User[] {
  const { user, authKey, privKey } = credentials.snmpV3;
  const base = { level: snmp.SecurityLevel.authPriv, authKey, privProtocol: snmp.PrivProtocols.aes, privKey };
  return [
    { ...base, name: user, authProtocol: snmp.AuthProtocols.sha },
    { ...base, name: user + SHA256_USER_SUFFIX, authProtocol: snmp.AuthProtocols.sha256 },
  ];
}

export async function startSnmpAgent(sw: LabSwitch, opts: { address: string; port: number }): Promise<SnmpAgentHandle> {
  const socket = dgram.createSocket(isIPv6(opts.address) ? 'udp6' : 'udp4');
  await bindUdp(socket, opts.port, opts.address);
  const lab = new LabAgent(sw, socket);
  return {
    port: socket.address().port,
    close: () => lab.close(),
  };
}

/** A SET being processed: what the writable MIBs need from it, and whether it was refused. */
interface PendingSet {
  varbinds: RawVarbind[];
  failed: boolean;
}

class LabAgent {
  private readonly agent: NetSnmpAgent;
  private readonly store: MibStore;
  private readonly engineId: Buffer;
  private readonly mibs: LabMib[];
  private readonly writable: WritableMib[];
  private closed = false;
  private bootsSeen: number;
  /** The USM failure net-snmp reported while processing the current message, if any. */
  private usmFailure: UsmCounter | null = null;
  private readonly usmCounters: Record<UsmCounter, number> = { wrongDigests: 0, decryptionErrors: 0 };
  private pendingSet: PendingSet | null = null;
  /** The raw varbinds of a SET, by net-snmp's request list: its commit pass runs after setRequest returned. */
  private readonly rawByRequest = new WeakMap<MibRequest[], RawVarbind[]>();

  constructor(
    private readonly sw: LabSwitch,
    private readonly socket: Socket,
  ) {
    const facts = sw.personality.snmp;
    this.engineId = facts.engineId(sw.name);
    this.bootsSeen = sw.state.boots;
    // `sockets: []`: net-snmp binds nothing; we own the socket (port 0 works, and we
    // decide per packet whether the switch answers at all).
    this.agent = snmp.createAgent({ sockets: [], engineID: this.engineId.toString('hex') }, (error: Error | null, data?: AgentCallbackData) =>
      this.onAgentEvent(error, data),
    ) as NetSnmpAgent;
    this.store = this.agent.getMib();
    installMibLookup(this.store);
    // Standard MIBs first: a vendor table may borrow entPhysicalIndex as its foreign index.
    this.mibs = [standardMibs(sw, facts, this.engineId, this.store), ...facts.mibs(sw, this.store)];
    this.writable = this.mibs.flatMap((m) => (m.writable ? [m.writable] : []));
    this.keepEngineInStep();
    this.authorize();
    for (const mib of this.mibs) for (const p of mib.providers) this.store.registerProvider(p);
    this.refresh();
    this.installSetHandling();
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    // A socket error (e.g. a send to an unreachable peer) must not take the lab down.
    socket.on('error', () => undefined);
    // Power loss empties RAM: work in progress (a config copy, say) dies with it.
    sw.onPowerLoss(() => this.abortAll());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abortAll();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  /**
   * v3 messages carry the agent's snmpEngineBoots and snmpEngineTime; net-snmp keeps
   * constants there. Getters make them follow the switch: boots from the state, time
   * as seconds since this boot, so a manager sees a reboot in the USM header too.
   */
  private keepEngineInStep(): void {
    const { engine } = this.agent;
    Object.defineProperty(engine, 'engineBoots', { get: () => this.sw.state.boots, configurable: true });
    Object.defineProperty(engine, 'engineTime', { get: () => engineTime(this.sw), configurable: true });
  }

  private authorize(): void {
    const auth = this.agent.getAuthorizer();
    auth.addCommunity(this.sw.credentials.snmpCommunity);
    for (const user of snmpV3UsersFor(this.sw.credentials)) auth.addUser(user);
  }

  private answering(): boolean {
    const { state } = this.sw;
    return !this.closed && state.up && !state.faults.snmpSilent;
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    // A dead or wedged agent says nothing at all: the manager times out.
    if (!this.answering()) return;
    // An unauthenticated v3 message (engine discovery) is answered with a Report that holds no
    // MIB value, only the engine's boots and time (live getters): nothing to bring up to date.
    const v3 = readV3Header(msg);
    if (!v3 || (v3.flags & V3_FLAG_AUTH) !== 0) this.refresh();
    this.usmFailure = null;
    this.agent.onMsg(this.socket, msg, rinfo);
    if (this.usmFailure) this.sendUsmReport(msg, rinfo, this.usmFailure);
  }

  private onAgentEvent(error: Error | null, data?: AgentCallbackData): void {
    if (error) {
      // net-snmp drops a v3 message whose digest or encryption does not check out;
      // a real agent answers with a usmStats report (usm-report.ts).
      const code = (error as Error & { code?: number }).code;
      if (code === snmp.ResponseInvalidCode.EAuthFailure) this.usmFailure = 'wrongDigests';
      else if (code === snmp.ResponseInvalidCode.ECouldNotDecrypt) this.usmFailure = 'decryptionErrors';
      return;
    }
    if (this.pendingSet && data?.pdu.errorStatus) this.pendingSet.failed = true;
    // A response went out: a SET may have just started (or ended) something.
    setImmediate(() => {
      if (this.closed) return;
      for (const w of this.writable) w.answered();
    });
  }

  /** Bring every value up to the switch's current state, just before a request is served. */
  private refresh(): void {
    const { state } = this.sw;
    if (state.boots !== this.bootsSeen) {
      this.bootsSeen = state.boots;
      for (const mib of this.mibs) mib.reboot?.();
    }
    for (const mib of this.mibs) mib.refresh?.();
  }

  private abortAll(): void {
    for (const mib of this.mibs) mib.abort?.();
  }

  // ------------------------------------------------------------ SETs

  /**
   * net-snmp handles a SET in a test pass (synchronous, inside setRequest) and a
   * commit pass (on a later tick), with one bulk handler per agent. We wrap
   * setRequest so that writable MIBs can prepare before net-snmp sees the SET and
   * undo that when it is refused, and hand both passes to every writable MIB with
   * the varbinds as they arrived (net-snmp turns OCTET STRINGs into UTF-8 text).
   */
  private installSetHandling(): void {
    if (this.writable.length === 0) return; // net-snmp's own checks are enough for read-only MIBs
    const original = this.agent.setRequest.bind(this.agent);
    this.agent.setRequest = (socket, message, rinfo) => {
      const pending: PendingSet = { varbinds: message.pdu.varbinds, failed: false };
      this.pendingSet = pending;
      const undos = this.writable.map((w) => w.prepare(pending.varbinds));
      try {
        original(socket, message, rinfo);
      } finally {
        this.pendingSet = null;
      }
      // The test pass runs synchronously; if it refused the SET, undo what was prepared.
      if (pending.failed) for (const undo of undos) undo();
    };
    this.agent.setBulkSetHandler((requests, _store, testSet) => {
      if (testSet && this.pendingSet) this.rawByRequest.set(requests, this.pendingSet.varbinds);
      const raw = this.rawByRequest.get(requests) ?? [];
      for (const w of this.writable) {
        const status = testSet ? w.test(requests, raw) : w.commit(requests, raw);
        if (status !== snmp.ErrorStatus.NoError) return status;
      }
      return snmp.ErrorStatus.NoError;
    });
  }

  // ------------------------------------------------------------ USM reports

  private sendUsmReport(request: Buffer, rinfo: RemoteInfo, counter: UsmCounter): void {
    const header = readV3Header(request);
    // RFC 3412 7.1.3: reports go only to messages flagged reportable.
    if (!header || !(header.flags & 0x04)) return;
    this.usmCounters[counter] += 1;
    const report = encodeUsmReport({
      msgId: header.msgId,
      engineId: this.engineId,
      engineBoots: this.sw.state.boots,
      engineTime: engineTime(this.sw),
      counter,
      counterValue: this.usmCounters[counter],
    });
    this.socket.send(report, rinfo.port, rinfo.address);
  }
}
