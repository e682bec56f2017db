// The lab keeps secret-bearing lines where a real IOS-XE switch keeps them: the key of a
// `tacacs server` under it (the lab once put ` key 0 …` at the top, where no IOS has it),
// keyrings' pre-shared keys under their keyring and peer.

import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { parseConfig } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import * as model from '../../src/lab/model.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { stackSpec } from '../helpers/lab.js';

/** Type `lines` in configuration mode on a lab switch; its running config after. */
function typed(lines: string[]): string {
  const state = ciscoIosxe.initialState(stackSpec('r1', 1), 0);
  model.powerCycle(state, parseConfig('hostname R1\n!\nend\n'), 0, true);
  const cli = ciscoIosxe.openCli({ state, now: () => 0, save: () => undefined, touchRunning: () => undefined }, 'test', 15, 'x');
  for (const line of ['configure terminal', ...lines, 'end']) expect(cli.input(line).output).not.toMatch(/%/);
  return renderConfig(state.running);
}

describe('lab: secret lines stay under their parents', () => {
  it.each([
    [['tacacs server T1', ' address ipv4 192.0.2.9', ' key 0 K1'], 'tacacs server T1\n address ipv4 192.0.2.9\n key 0 K1\n'],
    [['radius server R1', ' address ipv4 192.0.2.10', ' key 7 K2', ' pac key 7 K3'], 'radius server R1\n address ipv4 192.0.2.10\n key 7 K2\n pac key 7 K3\n'],
    [['crypto isakmp client configuration group G', ' key K4'], 'crypto isakmp client configuration group G\n key K4\n'],
    [['crypto keyring KR', ' pre-shared-key address 192.0.2.1 key K5'], 'crypto keyring KR\n pre-shared-key address 192.0.2.1 key K5\n'],
    [['crypto ikev2 keyring K2', ' peer P1', '  pre-shared-key local 0 K6'], 'crypto ikev2 keyring K2\n peer P1\n  pre-shared-key local 0 K6\n'],
    [['crypto ikev2 profile PR', ' authentication remote pre-share key K7'], 'crypto ikev2 profile PR\n authentication remote pre-share key K7\n'],
  ])('%j', (lines, block) => {
    expect(typed(lines)).toContain(block);
  });

  it('a global `key chain` typed under a tacacs server still leaves it', () => {
    expect(typed(['tacacs server T1', ' address ipv4 192.0.2.9', 'key chain KC', ' key 1'])).toContain('\nkey chain KC\n key 1\n');
  });
});
