// `show mlag detail` on EOS: one peer's view of its MLAG pair. `Key : value` lines, the value
// right-aligned in a column (real vEOS 4.24 captures from avd-to-containerlab: a primary and a
// secondary of one Active pair, and a switch with MLAG Disabled; the ntc-templates `show mlag`
// capture, Inactive with the peer link Lowerlayerdown). `show mlag` prints the same first three
// sections without `MLAG Detailed Status`, where the role is: read without it, the role is unknown.

import type { PairState } from '../platform.js';

/** The value of `key` (its first occurrence: `state` before the detailed `State`), trimmed; '' when blank. */
function field(output: string, key: string): string | undefined {
  const re = new RegExp(String.raw`^${key}\s*:[ \t]*(.*?)[ \t]*$`, 'm');
  return re.exec(output)?.[1];
}

export function parseMlag(output: string): PairState {
  const text = output.replace(/\r/g, '');
  // `state : Active` (the peer answers, negotiation Connected), `Inactive` (no peer: Connecting),
  // `Disabled` (no MLAG configured: nothing to say about a peer).
  const state = field(text, 'state')?.toLowerCase();
  const peer: PairState['peer'] = state === 'active' ? 'up' : state === 'inactive' ? 'down' : 'unknown';
  // `Up`; `Lowerlayerdown` / `Down` when the port-channel is down; blank when MLAG is disabled.
  const link = field(text, 'peer-link status')?.toLowerCase() ?? '';
  const peerLink: PairState['peerLink'] = link === 'up' ? 'up' : link === '' ? 'unknown' : 'down';
  // `MLAG Detailed Status:` / `State : primary` (or secondary; `disabled` without MLAG).
  const detail = /^MLAG Detailed Status:\s*$([\s\S]*)/m.exec(text)?.[1] ?? '';
  const own = /^State\s*:\s*(\S+)/m.exec(detail)?.[1]?.toLowerCase();
  const role: PairState['role'] = own === 'primary' ? 'primary' : own === 'secondary' ? 'secondary' : 'unknown';
  const domain = field(text, 'domain-id');
  return { peer, peerLink, role, ...(domain ? { domain } : {}) };
}
