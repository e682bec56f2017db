// The order an ArubaOS-Switch prints its configuration in, whatever order lines were typed:
// the header, `hostname`, `module`, the `stacking` context, global settings, interfaces by
// port, SNMP and spanning tree, VLANs by number, then `tftp` / `autorun` / `password` lines
// (as the real 2910al capture and the 2930M stacking block show them). Inside a VLAN: name,
// untagged, tagged, address, the rest; inside an interface: alphabetical, as the capture
// shows (`flow-control`, `lacp passive`, `name`, `poe-lldp-detect`). Keeping this order is
// what makes a restored configuration print as the one it was restored from.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

function topRank(line: string): number {
  if (line.startsWith(';')) return 0;
  if (/^hostname /.test(line)) return 1;
  if (/^module /.test(line)) return 2;
  if (line === 'stacking' || line === 'vsf') return 3;
  if (/^interface /.test(line)) return 5;
  if (/^(?:no )?(?:snmp-server|spanning-tree)\b/.test(line)) return 6;
  if (/^vlan /.test(line)) return 7;
  if (/^(?:no )?(?:tftp|autorun|password)\b/.test(line)) return 9;
  return 4;
}

/** `1/5` → [1, 5], `5` → [0, 5]; a VLAN's number. */
function numbers(line: string): number[] {
  const port = /^interface (?:(\d+)\/)?(\d+)$/.exec(line);
  if (port) return [Number(port[1] ?? 0), Number(port[2])];
  const vlan = /^vlan (\d+)$/.exec(line);
  return vlan ? [Number(vlan[1])] : [];
}

function byNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Sort the top level in place (stable: lines of the same rank keep the order they were typed in). */
export function orderTop(tree: ConfigTree): void {
  const sorted = tree
    .map((n, i) => ({ n, i }))
    .sort((a, b) => topRank(a.n.line) - topRank(b.n.line) || byNumbers(numbers(a.n.line), numbers(b.n.line)) || a.i - b.i)
    .map((x) => x.n);
  tree.splice(0, tree.length, ...sorted);
}

function vlanRank(line: string): number {
  const l = line.replace(/^no /, '');
  if (/^name /.test(l)) return 0;
  if (/^untagged /.test(l)) return 1;
  if (/^tagged /.test(l)) return 2;
  if (/^ip address\b/.test(l)) return 3;
  return 4;
}

function memberKey(line: string): [number, number] {
  const m = /^member (\d+) (\S+)/.exec(line);
  return m ? [Number(m[1]), m[2] === 'type' ? 0 : m[2] === 'priority' ? 1 : 2] : [999, 0];
}

/** A context's lines (without its `exit`) in the switch's order. */
export function orderChildren(context: string, children: ConfigNode[]): ConfigNode[] {
  const indexed = children.map((n, i) => ({ n, i }));
  if (/^vlan /.test(context)) indexed.sort((a, b) => vlanRank(a.n.line) - vlanRank(b.n.line) || a.i - b.i);
  else if (context === 'stacking' || context === 'vsf') indexed.sort((a, b) => byNumbers(memberKey(a.n.line), memberKey(b.n.line)) || a.i - b.i);
  else if (/^interface /.test(context)) indexed.sort((a, b) => a.n.line.replace(/^no /, '').localeCompare(b.n.line.replace(/^no /, '')) || a.i - b.i);
  return indexed.map((x) => x.n);
}
