// `show vlt <domain>` → PairState. The layout is OS10's key : value block, the
// VLTi (peer link) port-channel with its status, then one row per peer unit:
//
//   Domain ID                              : 1
//   Unit ID                                : 2
//   Role                                   : secondary
//   …
//   VLTi Link Status
//       port-channel1000                   : up
//
//   VLT Peer Unit ID    System MAC Address    Status    IP Address             Version
//   ----------------------------------------------------------------------------------
//     1                 50:4e:09:04:91:00      up       fda5:74c8:b79e:1::1     3.1
//
// Checked against two real outputs (test/fixtures/real/os10-vlt, SOURCES.md). What the switch
// prints with no VLT domain configured was never captured: anything without a `Domain ID` reads
// as unknown, not as a pair that lost its peer.

import type { PairState } from '../platform.js';

function state(word: string | undefined): 'up' | 'down' | 'unknown' {
  const w = word?.trim().toLowerCase();
  if (w === 'up') return 'up';
  if (w === 'down' || w === 'not-established' || w === 'not established') return 'down';
  return 'unknown';
}

export function parseVlt(output: string): PairState {
  const lines = output.replace(/\r/g, '').split('\n');
  const value = (key: string): string | undefined => {
    const re = new RegExp(String.raw`^\s*${key}\s*:\s*(.*?)\s*$`, 'i');
    for (const l of lines) {
      const m = re.exec(l);
      if (m) return m[1];
    }
    return undefined;
  };
  const domain = value('Domain ID');
  if (domain === undefined || domain === '') return { peer: 'unknown', peerLink: 'unknown', role: 'unknown' };

  const roleWord = value('Role')?.toLowerCase();
  const role: PairState['role'] = roleWord === 'primary' ? 'primary' : roleWord === 'secondary' ? 'secondary' : 'unknown';

  // The VLTi: the indented `port-channelN : status` line(s) under `VLTi Link Status`. Several
  // (a VLTi of discovery interfaces on older releases) are up when any is.
  const at = lines.findIndex((l) => /^\s*VLTi Link Status\s*$/i.test(l));
  const links: string[] = [];
  for (let i = at + 1; at >= 0 && i < lines.length; i++) {
    const m = /^\s+\S+\s*:\s*(\S+)\s*$/.exec(lines[i] ?? '');
    if (!m) break;
    links.push(m[1] ?? '');
  }
  const linkStates = links.map(state);
  const peerLink = linkStates.includes('up') ? 'up' : linkStates.includes('down') ? 'down' : 'unknown';

  // The peer table: the status column of the first row after the dashes.
  const header = lines.findIndex((l) => /^\s*VLT Peer Unit ID\b/i.test(l));
  let peer: PairState['peer'] = 'unknown';
  if (header >= 0) {
    const row = lines.slice(header + 1).find((l) => /^\s*\d+\s+/.test(l));
    // Unit, MAC (or a placeholder), status: the third column. A down peer's MAC may print empty,
    // so the status is found as the first up/down word on the row.
    const word = row
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .find((w) => /^(?:up|down|not-established)$/i.test(w));
    peer = state(word);
  }
  return { peer, peerLink, role, domain };
}
