// `show vpc`: one peer's view of its vPC pair. `Key : value` lines (padded on 7.x+, tight on
// older releases), then the peer-link table (`1     Po101  up     1,100-102`). Tested on the
// real outputs genieparser keeps (golden_output_1..7: formed, failed consistency, peer link
// down with the keepalive alive, vPC not configured). Which field says what:
// - peer: the keepalive (`peer is alive`) or a formed adjacency says the other peer answers;
// - peerLink: the peer-link row's status, else `Peer status : peer link is down`;
// - role: `vPC role : primary`, or `primary, operational secondary` (after a failover the
//   operational role is the one that counts).

import type { PairState } from '../platform.js';

function field(output: string, key: string): string | undefined {
  const re = new RegExp(String.raw`^\s*${key}\s*:\s*(.*?)\s*$`, 'im');
  const v = re.exec(output)?.[1];
  return v === undefined || v === '' ? undefined : v;
}

export function parseVpc(raw: string): PairState {
  const output = raw.replace(/\r/g, '');
  const state: PairState = { peer: 'unknown', peerLink: 'unknown', role: 'unknown' };
  const domain = field(output, 'vPC domain id');
  if (domain && /^\d+$/.test(domain)) state.domain = domain;

  const peerStatus = field(output, 'Peer status')?.toLowerCase() ?? '';
  const keepalive = field(output, 'vPC keep-alive status')?.toLowerCase() ?? '';
  if (/adjacency formed ok/.test(peerStatus) || /^peer is alive/.test(keepalive)) state.peer = 'up';
  else if (/not reachable|not alive|suspended|down|timed out/.test(keepalive)) state.peer = 'down';

  // The peer-link table's row: `1     Po101  up     1-100` (id, port, status, vlans).
  const table = /^vPC peer-link status\s*\n-+\n.*\n[-\s]+\n\s*\d+\s+\S+\s+(\w+)/im.exec(output);
  if (table) state.peerLink = table[1]!.toLowerCase() === 'up' ? 'up' : 'down';
  else if (/peer link is down/.test(peerStatus)) state.peerLink = 'down';
  else if (/adjacency formed ok/.test(peerStatus)) state.peerLink = 'up';

  const role = field(output, 'vPC role')?.toLowerCase() ?? '';
  const m = /^(primary|secondary)(?:,\s*operational\s+(primary|secondary))?/.exec(role);
  if (m) state.role = (m[2] ?? m[1]) as 'primary' | 'secondary';
  return state;
}
