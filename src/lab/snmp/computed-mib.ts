// A MIB whose every value is computed from the switch's state when a request
// arrives: just before each request the scalars are rewritten and the tables
// rebuilt, so nothing is cached between requests.

import type snmp from 'net-snmp';

import type { LabMib } from '../personality.js';
import { scalarProvider, tableProvider } from './net-snmp.js';
import type { ColumnDef, MibProvider, MibStore, Row } from './net-snmp.js';

export interface ComputedScalar {
  name: string;
  oid: string;
  type: snmp.ObjectType;
  value(): unknown;
}

export interface ComputedTable {
  name: string;
  /** The entry OID (…Entry, one arc below the table). */
  oid: string;
  columns: ColumnDef[];
  index: MibProvider['tableIndex'];
  /** The rows now; a row's first cell is its (single) index. */
  rows(): Row[];
}

/** Bookkeeping for a table rebuilt from state: skip the rebuild when nothing changed. */
interface SyncedTable {
  table: ComputedTable;
  signature: string;
  indexes: unknown[][];
}

export function computedMib(store: MibStore, objects: { scalars?: ComputedScalar[]; tables?: ComputedTable[] }): LabMib {
  const scalars = objects.scalars ?? [];
  const tables: SyncedTable[] = (objects.tables ?? []).map((table) => ({ table, signature: '', indexes: [] }));
  return {
    providers: [
      ...scalars.map((s) => scalarProvider(s.name, s.oid, s.type)),
      ...tables.map(({ table: t }) => tableProvider(t.name, t.oid, t.columns, t.index)),
    ],
    refresh() {
      for (const s of scalars) store.setScalarValue(s.name, s.value());
      for (const synced of tables) sync(store, synced);
    },
  };
}

/** Replace a table's rows when they changed (net-snmp keeps rows in a tree for GETNEXT). */
function sync(store: MibStore, synced: SyncedTable): void {
  const rows = synced.table.rows();
  const signature = JSON.stringify(rows);
  if (signature === synced.signature) return;
  for (const index of synced.indexes) store.deleteTableRow(synced.table.name, index);
  for (const row of rows) store.addTableRow(synced.table.name, row);
  synced.indexes = rows.map((row) => [row[0]]);
  synced.signature = signature;
}
