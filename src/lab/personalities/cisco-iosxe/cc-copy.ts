// CISCO-CONFIG-COPY-MIB ccCopyTable, whose copies really run: a manager creates a
// row, makes it active, and the switch saves (running → startup) or uploads running
// or startup over TFTP to the address the row names, then records how it went in
// the row. The table lives in RAM: a reboot empties it, power loss aborts copies.

import { isIPv4, isIPv6 } from 'node:net';
import snmp from 'net-snmp';

import { recordRunningCopied } from '../../model.js';
import type { LabMib, SnmpHost, WritableMib } from '../../personality.js';
import { ACCESS, readCreate, readOnly, T, tableProvider, TRUTH } from '../../snmp/net-snmp.js';
import type { ColumnDef, MibProvider, MibRequest, MibStore, RawVarbind, Row } from '../../snmp/net-snmp.js';
import { tftpUpload, TftpUploadError } from '../../tftp-upload.js';
import {
  CC,
  CC_COPY_ENTRY,
  COPY_PROTOCOL,
  COPY_STATE,
  copyRequestComplete,
  copyRequestFrom,
  copyTarget,
  FAIL_CAUSE,
  FILE_TYPE,
  INET_ADDRESS_TYPE,
} from './cc-copy-request.js';
import type { CopyOutcome, CopyRequest } from './cc-copy-request.js';
import { showRunning, showStartup } from './show.js';

const CC_TABLE = 'ccCopyTable';
const ROW_STATUS = snmp.RowStatus;

/**
 * Values a new row starts with. The MIB gives DEFVALs only for the protocol (tftp)
 * and notification (false); the file types start at 0, "not set yet", so that
 * activating a row nobody completed is refused (RFC 2579: notReady → inconsistentValue).
 * State, times and fail cause exist from creation in this agent (the MIB instantiates
 * them at activation); read ccCopyFailCause only when ccCopyState is failed.
 */
const CC_COLUMNS: ColumnDef[] = [
  { number: CC.index, name: 'ccCopyIndex', type: T.Gauge, maxAccess: ACCESS['not-accessible'] },
  readCreate(CC.protocol, 'ccCopyProtocol', T.Integer, COPY_PROTOCOL.tftp),
  readCreate(CC.sourceFileType, 'ccCopySourceFileType', T.Integer, 0),
  readCreate(CC.destFileType, 'ccCopyDestFileType', T.Integer, 0),
  readCreate(CC.serverAddress, 'ccCopyServerAddress', T.IpAddress, '0.0.0.0'),
  readCreate(CC.fileName, 'ccCopyFileName', T.OctetString, ''),
  readCreate(CC.userName, 'ccCopyUserName', T.OctetString, ''),
  readCreate(CC.userPassword, 'ccCopyUserPassword', T.OctetString, ''),
  readCreate(CC.notificationOnCompletion, 'ccCopyNotificationOnCompletion', T.Integer, TRUTH.false),
  { ...readOnly(CC.state, 'ccCopyState', T.Integer), defVal: COPY_STATE.waiting },
  { ...readOnly(CC.timeStarted, 'ccCopyTimeStarted', T.TimeTicks), defVal: 0 },
  { ...readOnly(CC.timeCompleted, 'ccCopyTimeCompleted', T.TimeTicks), defVal: 0 },
  { ...readOnly(CC.failCause, 'ccCopyFailCause', T.Integer), defVal: FAIL_CAUSE.unknown },
  { number: CC.rowStatus, name: 'ccCopyEntryRowStatus', type: T.Integer, maxAccess: ACCESS['read-create'], rowStatus: true },
  readCreate(CC.serverAddressType, 'ccCopyServerAddressType', T.Integer, INET_ADDRESS_TYPE.unknown),
  readCreate(CC.serverAddressRev1, 'ccCopyServerAddressRev1', T.OctetString, Buffer.alloc(0)),
  readCreate(CC.vrfName, 'ccCopyVrfName', T.OctetString, ''),
];

/** A new ccCopyTable row: defaults, the index, and the RowStatus action that created it. */
function newCopyRow(index: number, action: number): Row {
  return CC_COLUMNS.map((c) => (c.number === CC.index ? index : c.rowStatus ? action : c.defVal));
}

/**
 * The file `copy running-config tftp:` writes is the configuration itself: the
 * lines `show running-config` / `show startup-config` print before it ("Building
 * configuration...", "Current configuration : N bytes", "Using N out of M bytes")
 * are terminal chatter, not part of the file.
 */
export function configFileText(shown: string): string {
  return shown
    .replace(/^Building configuration\.\.\.\r?\n(\r?\n)?/, '')
    .replace(/^Current configuration : \d+ bytes\r?\n/, '')
    .replace(/^Using \d+ out of \d+ bytes\r?\n/, '');
}

interface CopyJob {
  abort: AbortController;
}

export class CcCopyMib implements LabMib {
  readonly providers: readonly MibProvider[] = [
    {
      ...tableProvider(CC_TABLE, CC_COPY_ENTRY, CC_COLUMNS, [{ columnName: 'ccCopyIndex' }]),
      createHandler: (req) => newCopyRow(Number(req.row[0]), ROW_STATUS[req.action as 'createAndGo']),
    },
  ];

  /**
   * net-snmp creates a row only when it meets the RowStatus varbind, so columns that
   * come before it in the same PDU are silently dropped; it also stores the action
   * (createAndGo) as the row's status, and turns OCTET STRING values into UTF-8 text
   * (mangling a binary InetAddress). We help in three places: before the SET (create
   * the row up front), in its test pass (RowStatus consistency) and in its commit pass
   * (store active/notInService and the raw bytes).
   */
  readonly writable: WritableMib = {
    prepare: (varbinds) => this.createRowsAhead(varbinds),
    test: (requests, raw) => this.testSet(requests, raw),
    commit: (requests, raw) => this.commitSet(requests, raw),
    // After each response: a SET may have just activated (or destroyed) a copy row.
    answered: () => this.reviewCopies(),
  };

  private readonly jobs = new Map<number, CopyJob>();
  private readonly queue: number[] = [];
  private running = false;

  constructor(
    private readonly host: SnmpHost,
    private readonly store: MibStore,
  ) {}

  /** The copy table lived in RAM. */
  reboot(): void {
    this.abort();
    this.clearCopyTable();
  }

  abort(): void {
    for (const job of this.jobs.values()) job.abort.abort();
  }

  // ------------------------------------------------------------ rows

  private copyRow(index: number): unknown[] | null {
    try {
      return this.store.getTableRowCells(CC_TABLE, [index]);
    } catch {
      return null; // the table has no rows at all
    }
  }

  /** A cell of a copy row, by column number (rows come back in column order). */
  private copyCell(index: number, column: number): unknown {
    const row = this.copyRow(index);
    const position = CC_COLUMNS.filter((c) => c.maxAccess !== ACCESS['not-accessible']).findIndex((c) => c.number === column);
    return row ? row[position] : undefined;
  }

  private setCopyCell(index: number, column: number, value: unknown): void {
    if (this.copyRow(index)) this.store.setTableSingleCell(CC_TABLE, column, [index], value);
  }

  private copyIndexes(): number[] {
    try {
      const cells = this.store.getTableColumnCells(CC_TABLE, CC.rowStatus, true);
      return cells ? cells[0].map((idx) => Number(idx[0])) : [];
    } catch {
      return [];
    }
  }

  private clearCopyTable(): void {
    for (const index of this.copyIndexes()) this.store.deleteTableRow(CC_TABLE, [index]);
  }

  // ------------------------------------------------------------ SETs

  /** Create the rows this SET creates before net-snmp processes it; the undo deletes them again. */
  private createRowsAhead(varbinds: readonly RawVarbind[]): () => void {
    const created: number[] = [];
    for (const vb of varbinds) {
      const target = copyTarget(vb.oid);
      if (!target || target.column !== CC.rowStatus) continue;
      const action = Number(vb.value);
      if (action !== ROW_STATUS.createAndGo && action !== ROW_STATUS.createAndWait) continue;
      if (this.copyRow(target.index)) continue; // net-snmp answers inconsistentValue itself
      this.store.addTableRow(CC_TABLE, newCopyRow(target.index, action));
      created.push(target.index);
    }
    return () => {
      for (const index of created) this.store.deleteTableRow(CC_TABLE, [index]);
    };
  }

  private testSet(requests: MibRequest[], raw: readonly RawVarbind[]): number {
    const byRow = new Map<number, Map<number, unknown>>();
    for (const r of requests) {
      const target = copyTarget(r.oid);
      if (!target) continue;
      const row = byRow.get(target.index) ?? new Map<number, unknown>();
      row.set(target.column, r.setValue);
      byRow.set(target.index, row);
    }
    for (const [index, changes] of byRow) {
      // net-snmp would answer a SET on a row that does not exist with "noSuchInstance"
      // and no error; RFC 3416 says noCreation.
      if (!this.copyRow(index)) return snmp.ErrorStatus.NoCreation;
      const status = Number(this.copyCell(index, CC.rowStatus));
      const newStatus = changes.has(CC.rowStatus) ? Number(changes.get(CC.rowStatus)) : null;
      if (newStatus === ROW_STATUS.destroy) continue;
      // "Once the config-copy request has been created (made active), the entry cannot be modified."
      // (A row created by this very SET still holds createAndGo/createAndWait, not active.)
      if (status === ROW_STATUS.active && [...changes.keys()].some((c) => c !== CC.rowStatus)) return snmp.ErrorStatus.InconsistentValue;
      const activating = newStatus === ROW_STATUS.active || newStatus === ROW_STATUS.createAndGo;
      if (activating && !copyRequestComplete(this.requestAfter(index, changes, raw))) return snmp.ErrorStatus.InconsistentValue;
    }
    return snmp.ErrorStatus.NoError;
  }

  private commitSet(requests: MibRequest[], raw: readonly RawVarbind[]): number {
    requests.forEach((r, i) => {
      const target = copyTarget(r.oid);
      if (!target) return;
      if (target.column === CC.rowStatus) {
        // Store the state the row is in, not the action that put it there.
        if (r.setValue === ROW_STATUS.createAndGo) r.setValue = ROW_STATUS.active;
        if (r.setValue === ROW_STATUS.createAndWait) r.setValue = ROW_STATUS.notInService;
      }
      const rawValue = raw[i]?.value;
      if (target.column === CC.serverAddressRev1 && Buffer.isBuffer(rawValue)) r.setValue = Buffer.from(rawValue);
      // "If ccCopyServerAddress is created then ccCopyServerAddressRev1 will store the
      // same IP address and ccCopyServerAddressType will take the value 'ipv4'."
      if (target.column === CC.serverAddress && typeof r.setValue === 'string' && isIPv4(r.setValue)) {
        this.setCopyCell(target.index, CC.serverAddressType, INET_ADDRESS_TYPE.ipv4);
        this.setCopyCell(target.index, CC.serverAddressRev1, Buffer.from(r.setValue.split('.').map(Number)));
      }
      // "Reading it returns a zero-length string for security reasons."
      if (target.column === CC.userPassword) r.setValue = '';
    });
    return snmp.ErrorStatus.NoError;
  }

  /** The copy request a row would describe after `changes` (column → new value) are applied. */
  private requestAfter(index: number, changes: Map<number, unknown>, raw: readonly RawVarbind[]): CopyRequest {
    const cell = (column: number) => (changes.has(column) ? changes.get(column) : this.copyCell(index, column));
    const rawRev1 = raw.find((vb) => copyTarget(vb.oid)?.column === CC.serverAddressRev1 && copyTarget(vb.oid)?.index === index);
    return copyRequestFrom(cell, rawRev1?.value);
  }

  // ------------------------------------------------------------ running copies

  /** Queue newly activated rows, abort copies whose row was destroyed. */
  private reviewCopies(): void {
    const indexes = new Set(this.copyIndexes());
    for (const [index, job] of this.jobs) if (!indexes.has(index)) job.abort.abort();
    for (const index of indexes) {
      if (this.jobs.has(index)) continue;
      const active = Number(this.copyCell(index, CC.rowStatus)) === ROW_STATUS.active;
      if (!active || Number(this.copyCell(index, CC.state)) !== COPY_STATE.waiting) continue;
      this.jobs.set(index, { abort: new AbortController() });
      this.queue.push(index);
    }
    void this.runQueue();
  }

  /** IOS runs one config copy at a time; the others wait (ccCopyState waiting). */
  private async runQueue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let index = this.queue.shift(); index !== undefined; index = this.queue.shift()) {
        const job = this.jobs.get(index);
        if (!job) continue;
        if (job.abort.signal.aborted) {
          this.finishCopy(index, { ok: false, failCause: FAIL_CAUSE.requestAborted });
          continue;
        }
        this.setCopyCell(index, CC.state, COPY_STATE.running);
        this.setCopyCell(index, CC.timeStarted, this.host.sysUpTime());
        // A bug in a copy must fail that copy, not leave it "running" forever.
        const outcome = await this.execute(this.copyRequestOf(index), job.abort.signal).catch((): CopyOutcome => ({
          ok: false,
          failCause: FAIL_CAUSE.unknown,
        }));
        this.finishCopy(index, outcome);
      }
    } finally {
      this.running = false;
    }
  }

  /** Record how a copy ended (if its row still exists) and forget the job. */
  private finishCopy(index: number, outcome: CopyOutcome): void {
    this.setCopyCell(index, CC.timeCompleted, this.host.sysUpTime());
    if (!outcome.ok) this.setCopyCell(index, CC.failCause, outcome.failCause);
    this.setCopyCell(index, CC.state, outcome.ok ? COPY_STATE.successful : COPY_STATE.failed);
    this.jobs.delete(index);
  }

  private copyRequestOf(index: number): CopyRequest {
    return copyRequestFrom((column) => this.copyCell(index, column));
  }

  private async execute(req: CopyRequest, signal: AbortSignal): Promise<CopyOutcome> {
    const { host } = this;
    const { runningConfig: running, startupConfig: startup, networkFile: network } = FILE_TYPE;
    if (req.source === running && req.dest === startup) {
      host.save('snmp');
      return { ok: true };
    }
    if ((req.source === running || req.source === startup) && req.dest === network) {
      if (req.protocol !== COPY_PROTOCOL.tftp) return { ok: false, failCause: FAIL_CAUSE.unsupportedProtocol };
      if (req.source === startup && host.state.startup === null) return { ok: false, failCause: FAIL_CAUSE.noConfig };
      const shown = req.source === running ? showRunning(host.state, host.now()) : showStartup(host.state);
      const outcome = await this.upload(req, Buffer.from(configFileText(shown), 'utf8'), signal);
      if (outcome.ok && req.source === running) recordRunningCopied(host.state, host.now());
      return outcome;
    }
    // Downloads (network → running/startup), startup → running merges and local files
    // are not simulated.
    return { ok: false, failCause: FAIL_CAUSE.unknown };
  }

  private async upload(req: CopyRequest, data: Buffer, signal: AbortSignal): Promise<CopyOutcome> {
    if (!req.server) return { ok: false, failCause: FAIL_CAUSE.unknown };
    const sameFamily = isIPv6(req.server) === isIPv6(this.host.address);
    try {
      await tftpUpload({
        host: req.server,
        port: this.host.tftpPort,
        filename: req.fileName,
        data,
        // Send from the switch's own address: that is who the TFTP server expects.
        ...(sameFamily ? { localAddress: this.host.address } : {}),
        // Shorter than IOS's retries (tens of seconds) so that lab failures come quickly.
        retransmitMs: 400,
        attempts: 5,
        signal,
      });
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TftpUploadError)) throw err;
      if (err.reason === 'timeout') return { ok: false, failCause: FAIL_CAUSE.timeout };
      if (err.reason === 'aborted') return { ok: false, failCause: FAIL_CAUSE.requestAborted };
      // The server refused: a name it would not take (IOS reports such refusals this way).
      if (err.reason === 'refused') return { ok: false, failCause: FAIL_CAUSE.badFileName };
      return { ok: false, failCause: FAIL_CAUSE.unknown };
    }
  }
}
