// net-snmp's agent finds a table cell by walking the MIB tree from the column down the row
// index, and at every node it counts the node's children (`Object.keys(children).length`)
// only to ask whether there are any. A column node has one child per row, so each cell
// costs O(rows), each row read (every column) O(columns × rows), and a GETBULK over a
// table answers in O(rows²): in a 1,000-switch sweep it was a third of the lab's SNMP CPU,
// which the measurement of switchback's own sweep then waits for.
//
// This is the same lookup, going straight to the child for each index part and asking
// "any child?" only where it stops: same nodes, same answers (the lab's SNMP tests run
// through it). Installed once, on net-snmp's MibNode
// prototype, which net-snmp does not export: it is reached through a Mib's root node.

/** The net-snmp MibNode fields this lookup reads. */
interface MibNode {
  value: unknown;
  children: Record<string, MibNode>;
  getInstanceNodeForTableRow(): MibNode | null;
  getInstanceNodeForTableRowIndex(index: unknown[]): MibNode | null;
}

function hasChildren(node: MibNode): boolean {
  for (const key in node.children) if (Object.hasOwn(node.children, key)) return true;
  return false;
}

/**
 * net-snmp 3.x MibNode.getInstanceNodeForTableRowIndex: the child for the next index part
 * is looked up directly, and "has children?" is asked only where the walk stops (almost
 * always a leaf, with none), never of a column node with a child per row.
 */
function getInstanceNodeForTableRowIndex(this: MibNode, index: unknown[]): MibNode | null {
  let node: MibNode = this;
  for (let i = 0; i < index.length; i++) {
    const part = index[i];
    const next = part == null ? undefined : node.children[String(part)];
    // No such child: a leaf here is the instance (as net-snmp checks first); otherwise none.
    if (!next) return hasChildren(node) ? null : node.value != null ? node : null;
    node = next;
  }
  if (!hasChildren(node)) return node.value != null ? node : null;
  return node.getInstanceNodeForTableRow();
}

const PATCHED = Symbol.for('switchback.lab.mibLookup');

/** Install the lookup on the prototype of `mib`'s nodes (once per process; later calls do nothing). */
export function installMibLookup(mib: unknown): void {
  const root = (mib as { root?: object }).root;
  const proto = root && (Object.getPrototypeOf(root) as Record<string | symbol, unknown>);
  if (!proto || proto[PATCHED] || typeof proto.getInstanceNodeForTableRowIndex !== 'function') return;
  proto.getInstanceNodeForTableRowIndex = getInstanceNodeForTableRowIndex;
  proto[PATCHED] = true;
}
