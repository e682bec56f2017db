// The parts of net-snmp's agent that the lab uses, typed (its agent and MIB are
// untyped in @types/net-snmp), and shorthands for declaring objects with them.
// Every lab MIB, standard or vendor, is written against this file only.

import type { RemoteInfo, Socket } from 'node:dgram';
import snmp from 'net-snmp';

/** A table row: one value per column, in column order (not-accessible index columns included). */
export type Row = unknown[];

export interface ColumnDef {
  number: number;
  name: string;
  type: snmp.ObjectType;
  maxAccess: number;
  defVal?: unknown;
  rowStatus?: boolean;
}

/** A net-snmp provider definition: one scalar or one table, registered once. */
export interface MibProvider {
  name: string;
  type: number;
  oid: string;
  maxAccess: number;
  scalarType?: snmp.ObjectType;
  tableColumns?: ColumnDef[];
  tableIndex?: { columnName: string; foreign?: string }[];
  createHandler?: ((req: { action: string; row: unknown[] }) => unknown[] | undefined) | null;
}

/** The parts of net-snmp's Mib we call: the agent's tree of objects and the values it serves. */
export interface MibStore {
  registerProvider(p: MibProvider): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(table: string, row: Row): void;
  deleteTableRow(table: string, rowIndex: unknown[]): boolean;
  getTableRowCells(table: string, rowIndex: unknown[]): unknown[] | null;
  getTableColumnCells(table: string, column: number, includeInstances: true): [unknown[][], unknown[]] | null;
  setTableSingleCell(table: string, column: number, rowIndex: unknown[], value: unknown): void;
}

/** One varbind of a SET as net-snmp's agent processes it (MibRequest); a handler may rewrite setValue. */
export interface MibRequest {
  oid: string;
  setValue?: unknown;
}

/** A varbind as it arrived on the wire, before net-snmp converted its value. */
export interface RawVarbind {
  oid: string;
  type: number;
  value: unknown;
}

export interface RequestMessage {
  pdu: { varbinds: RawVarbind[] };
}

/** The parts of net-snmp's Agent we call or replace. */
export interface NetSnmpAgent {
  engine: { engineID: Buffer; engineBoots: number; engineTime: number };
  getMib(): MibStore;
  getAuthorizer(): { addCommunity(c: string): void; addUser(u: snmp.User): void };
  onMsg(socket: Socket, buffer: Buffer, rinfo: RemoteInfo): void;
  setRequest(socket: Socket, message: RequestMessage, rinfo: RemoteInfo): void;
  setBulkSetHandler(cb: (requests: MibRequest[], mib: MibStore, testSet: boolean) => number): void;
}

export interface AgentCallbackData {
  pdu: { errorStatus?: number };
}

// ---------------------------------------------------------------- shorthands

export const T = snmp.ObjectType;
export const ACCESS = snmp.MaxAccess;

/** SNMPv2-TC TruthValue. */
export const TRUTH = { true: 1, false: 2 } as const;

export function readOnly(number: number, name: string, type: snmp.ObjectType): ColumnDef {
  return { number, name, type, maxAccess: ACCESS['read-only'] };
}

export function readCreate(number: number, name: string, type: snmp.ObjectType, defVal: unknown): ColumnDef {
  return { number, name, type, maxAccess: ACCESS['read-create'], defVal };
}

/** A read-only scalar; its value is set later with MibStore.setScalarValue. */
export function scalarProvider(name: string, oid: string, scalarType: snmp.ObjectType): MibProvider {
  return { name, type: snmp.MibProviderType.Scalar, oid, scalarType, maxAccess: ACCESS['read-only'] };
}

/** A table at its entry OID; a foreign index names the table whose index column it borrows. */
export function tableProvider(name: string, oid: string, tableColumns: ColumnDef[], tableIndex: MibProvider['tableIndex']): MibProvider {
  return { name, type: snmp.MibProviderType.Table, oid, maxAccess: ACCESS['not-accessible'], tableColumns, tableIndex };
}
