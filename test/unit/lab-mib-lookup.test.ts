// The lab's faster table-cell lookup (src/lab/snmp/mib-lookup.ts) answers as net-snmp's own
// does: the same rows and cells, and the same "no such row" for every kind of wrong index.

import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { installMibLookup } from '../../src/lab/snmp/mib-lookup.js';
import type { MibStore } from '../../src/lab/snmp/net-snmp.js';
import { readOnly, tableProvider } from '../../src/lab/snmp/net-snmp.js';

type Lookup = (this: unknown, index: unknown[]) => unknown;

function mibWithTables(): MibStore & { root: object } {
  const agent = snmp.createAgent({ sockets: [] } as never, () => undefined) as unknown as { getMib(): MibStore & { root: object } };
  const mib = agent.getMib();
  const columns = [
    readOnly(1, 'index', snmp.ObjectType.Integer),
    readOnly(2, 'name', snmp.ObjectType.OctetString),
    readOnly(3, 'state', snmp.ObjectType.Integer),
  ];
  mib.registerProvider(tableProvider('one', '1.3.6.1.4.1.99999.1.1', columns, [{ columnName: 'index' }]));
  for (let i = 1; i <= 300; i++) mib.addTableRow('one', [i, `row ${i}`, i % 3]);
  // Two index columns: a row's instance is two arcs deep.
  const two = [readOnly(1, 'a', snmp.ObjectType.Integer), readOnly(2, 'b', snmp.ObjectType.Integer), readOnly(3, 'v', snmp.ObjectType.OctetString)];
  mib.registerProvider(tableProvider('two', '1.3.6.1.4.1.99999.2.1', two, [{ columnName: 'a' }, { columnName: 'b' }]));
  for (let a = 1; a <= 5; a++) for (let b = 1; b <= 40; b++) mib.addTableRow('two', [a, b, `${a}.${b}`]);
  return mib;
}

describe('the lab MIB table lookup', () => {
  it('finds what net-snmp finds, and misses what it misses', () => {
    const mib = mibWithTables();
    const proto = Object.getPrototypeOf(mib.root) as { getInstanceNodeForTableRowIndex: Lookup };
    const original = proto.getInstanceNodeForTableRowIndex;
    const cells = () => ({
      one: [1, 2, 150, 300, 0, 301, -1].map((i) => mib.getTableRowCells('one', [i])),
      two: [
        [1, 1],
        [5, 40],
        [3, 17],
        [6, 1],
        [1, 41],
        [0, 0],
      ].map((i) => mib.getTableRowCells('two', i)),
    });
    const indexes: unknown[][] = [[], [1], [150], [300], [301], [0], [null], [1, 2], ['7'], [2, 3, 4]];
    const nodes = (lookup: Lookup) =>
      ['1.3.6.1.4.1.99999.1.1.2', '1.3.6.1.4.1.99999.2.1.3'].flatMap((oid) => {
        const column = (mib as unknown as { lookup(oid: string): object }).lookup(oid);
        return indexes.map((index) => lookup.call(column, index));
      });

    const before = { cells: cells(), nodes: nodes(original) };
    installMibLookup(mib);
    const patched = proto.getInstanceNodeForTableRowIndex;
    try {
      expect(patched).not.toBe(original);
      expect(cells()).toEqual(before.cells);
      expect(nodes(patched)).toEqual(before.nodes);
      expect(before.cells.one[2]).toEqual([150, 'row 150', 0]);
      expect(before.cells.one[5]).toBeNull();
    } finally {
      proto.getInstanceNodeForTableRowIndex = original;
      delete (proto as Record<symbol, unknown>)[Symbol.for('switchback.lab.mibLookup')];
    }
  });
});
