// TEST-ONLY: a platform and a lab personality for a redundant pair, so the vendor-neutral pair
// work is tested without a vendor's. The personality is the lab's default one with one more
// command, `show pair`, printed from `state.pair` (as a real personality prints its pair
// command); the platform is the default platform under another name, with a `pair` that reads it.

import type { LabPersonality } from '../../src/lab/personality.js';
import type { SwitchState } from '../../src/lab/model.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import type { PairState, Platform } from '../../src/platforms/platform.js';

export const PAIR_OS = 'pair-os';
const COMMAND = 'show pair';

/** What `show pair` prints: one `key: value` line each, from the switch's view of its pair. */
export function showPair(state: SwitchState): string {
  const p = state.pair;
  if (!p) return 'pair: not configured\n';
  return [`domain: ${p.domain}`, `peer: ${p.peerUp ? 'up' : 'down'}`, `peer-link: ${p.peerLinkUp ? 'up' : 'down'}`, `role: ${p.role}`, ''].join('\n');
}

function parsePair(output: string): PairState {
  const field = (name: string) => new RegExp(`^${name}: (\\S+)`, 'm').exec(output)?.[1];
  const updown = (v: string | undefined) => (v === 'up' || v === 'down' ? v : 'unknown');
  const role = field('role');
  if (role === undefined) throw new Error('no role line');
  const domain = field('domain');
  return {
    peer: updown(field('peer')),
    peerLink: updown(field('peer-link')),
    role: role === 'primary' || role === 'secondary' ? role : 'unknown',
    ...(domain !== undefined ? { domain } : {}),
  };
}

export const pairOsPlatform: Platform = {
  ...ciscoIos,
  name: PAIR_OS,
  label: 'a paired test OS',
  pair: { model: 'mlag', command: COMMAND, parse: parsePair, roleWords: { primary: 'primary', secondary: 'secondary' } },
};

export const pairOsPersonality: LabPersonality = {
  ...ciscoIosxe,
  platform: PAIR_OS,
  label: 'a paired test OS',
  openCli(host, username, privilege, secret) {
    const inner = ciscoIosxe.openCli(host, username, privilege, secret);
    const session = Object.create(inner) as typeof inner;
    session.input = (line) => (line.trim() === COMMAND ? { output: showPair(host.state), pageable: true } : inner.input(line));
    return session;
  },
};
