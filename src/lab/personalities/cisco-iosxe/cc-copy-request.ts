// CISCO-CONFIG-COPY-MIB ccCopyEntry: its numbers, and reading a copy request out
// of a row (pure). Columns and enums from CISCO-CONFIG-COPY-MIB (pysnmp translation
// in lextudio/mibs.pysnmp.com and cisco-kusanagi/mibs.snmplabs.com).

import { isIPv4, isIPv6 } from 'node:net';

export const CC_COPY_ENTRY = '1.3.6.1.4.1.9.9.96.1.1.1.1';

/** CISCO-CONFIG-COPY-MIB ccCopyEntry column numbers. */
export const CC = {
  index: 1,
  protocol: 2,
  sourceFileType: 3,
  destFileType: 4,
  serverAddress: 5,
  fileName: 6,
  userName: 7,
  userPassword: 8,
  notificationOnCompletion: 9,
  state: 10,
  timeStarted: 11,
  timeCompleted: 12,
  failCause: 13,
  rowStatus: 14,
  serverAddressType: 15,
  serverAddressRev1: 16,
  vrfName: 17,
} as const;

export const COPY_PROTOCOL = { tftp: 1 } as const;
export const FILE_TYPE = { networkFile: 1, iosFile: 2, startupConfig: 3, runningConfig: 4, terminal: 5, fabricStartupConfig: 6 } as const;
export const COPY_STATE = { waiting: 1, running: 2, successful: 3, failed: 4 } as const;
export const FAIL_CAUSE = {
  unknown: 1,
  badFileName: 2,
  timeout: 3,
  noMem: 4,
  noConfig: 5,
  unsupportedProtocol: 6,
  someConfigApplyFailed: 7,
  systemNotReady: 8,
  requestAborted: 9,
} as const;
export const INET_ADDRESS_TYPE = { unknown: 0, ipv4: 1, ipv6: 2 } as const;

export interface CopyRequest {
  protocol: number;
  source: number;
  dest: number;
  fileName: string;
  /** The TFTP server, from ccCopyServerAddressRev1 (with its type) or the deprecated ccCopyServerAddress. */
  server: string | null;
}

export type CopyOutcome = { ok: true } | { ok: false; failCause: number };

/** Column and row index of an OID inside ccCopyEntry, or null when it is elsewhere. */
export function copyTarget(oid: string): { column: number; index: number } | null {
  if (!oid.startsWith(CC_COPY_ENTRY + '.')) return null;
  const [column, index, ...rest] = oid
    .slice(CC_COPY_ENTRY.length + 1)
    .split('.')
    .map(Number);
  if (column === undefined || index === undefined || rest.length > 0 || Number.isNaN(column) || Number.isNaN(index)) return null;
  return { column, index };
}

function asText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : '';
}

/** An InetAddress (ipv4: 4 bytes, ipv6: 16 bytes) as text; null when empty or malformed. */
function inetAddress(type: number, value: unknown): string | null {
  const bytes = Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value, 'latin1') : null;
  if (!bytes) return null;
  if (type === INET_ADDRESS_TYPE.ipv4 && bytes.length === 4) return [...bytes].join('.');
  if (type === INET_ADDRESS_TYPE.ipv6 && bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  return null;
}

function usableAddress(address: string | null): string | null {
  if (!address || address === '0.0.0.0' || address === '255.255.255.255') return null; // "not allowed" per the MIB
  return isIPv4(address) || isIPv6(address) ? address : null;
}

/**
 * Read a copy request from cells. `rawRev1`, when given, is the InetAddress as it
 * arrived on the wire (the stored cell may not have its bytes yet during a SET).
 */
export function copyRequestFrom(cell: (column: number) => unknown, rawRev1?: unknown): CopyRequest {
  const rev1 = inetAddress(Number(cell(CC.serverAddressType)), rawRev1 ?? cell(CC.serverAddressRev1));
  const legacy = asText(cell(CC.serverAddress));
  return {
    protocol: Number(cell(CC.protocol)),
    source: Number(cell(CC.sourceFileType)),
    dest: Number(cell(CC.destFileType)),
    fileName: asText(cell(CC.fileName)),
    server: usableAddress(rev1) ?? usableAddress(legacy),
  };
}

/** The rules of ccCopyEntry for a row that may be made active. */
export function copyRequestComplete(req: CopyRequest): boolean {
  const agentConfig = (t: number) => t === FILE_TYPE.startupConfig || t === FILE_TYPE.runningConfig;
  const known = (t: number) => t >= FILE_TYPE.networkFile && t <= FILE_TYPE.fabricStartupConfig;
  if (!known(req.source) || !known(req.dest) || req.source === req.dest) return false;
  if (!agentConfig(req.source) && !agentConfig(req.dest)) return false;
  const involves = (t: number) => req.source === t || req.dest === t;
  if (involves(FILE_TYPE.networkFile) && (req.fileName === '' || req.server === null)) return false;
  if (involves(FILE_TYPE.iosFile) && req.fileName === '') return false;
  return true;
}
