// The lab's IOS-XE configuration mode where it must not be kinder than a real switch
// (over real SSH: test/lab/lab-config-mode-ios.test.ts). Here the same points through
// the CLI session without a network, plus what only shows without one: a
// configuration file read whole (`configure replace`) and the routing-process side of
// address families.

import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { parseConfig } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import * as model from '../../src/lab/model.js';
import { applyConfigLine } from '../../src/lab/personalities/cisco-iosxe/config-mode.js';
import { buildConfig } from '../../src/lab/personalities/cisco-iosxe/config-replace.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { stackSpec } from '../helpers/lab.js';

const INVALID = "% Invalid input detected at '^' marker.";

/** A privileged CLI session on a lab switch named R1, and what a person sees for each line typed. */
function session() {
  const state = ciscoIosxe.initialState(stackSpec('r1', 1), 0);
  model.powerCycle(state, parseConfig('hostname R1\n!\nend\n'), 0, true);
  const cli = ciscoIosxe.openCli({ state, now: () => 0, save: () => undefined, touchRunning: () => undefined }, 'test', 15, 'x');
  /** The output for `line`, then the prompt after it, as the terminal shows them. */
  const type = (line: string) => cli.input(line).output + cli.prompt();
  return { state, cli, type };
}

describe('exit and end', () => {
  it('exit at (config)# is back at R1#, as end is; from a sub-mode it climbs one level', () => {
    const { type } = session();
    expect(type('configure terminal')).toMatch(/R1\(config\)#$/);
    expect(type('line vty 0 4')).toBe('R1(config-line)#');
    expect(type('exit')).toBe('R1(config)#');
    expect(type('exit')).toBe('R1#');
    type('configure terminal');
    expect(type('end')).toBe('R1#');
  });

  it('a configuration file read whole has no exec level: a stray exit at the top does not cut it short', () => {
    // What IOS does with one there is not known to the lab; it keeps reading, as before.
    expect(applyConfigLine(parseConfig('end\n'), [], 'exit', { asWritten: true })).toEqual({ kind: 'ok', levels: [] });
    expect(applyConfigLine(parseConfig('end\n'), [], 'exit')).toEqual({ kind: 'end' });
  });
});

describe('address families', () => {
  it('under a routing process: (config-router-af)#, and exit-address-family back to (config-router)#', () => {
    const { type } = session();
    type('configure terminal');
    expect(type('router bgp 65000')).toBe('R1(config-router)#');
    expect(type(' address-family ipv4 unicast')).toBe('R1(config-router-af)#');
    expect(type('  neighbor 192.0.2.2 activate')).toBe('R1(config-router-af)#');
    // A unique abbreviation of the closer is the closer, as anywhere in IOS; `exit` is still exit.
    expect(type(' exit-add')).toBe('R1(config-router)#');
    expect(type(' address-family ipv6 unicast')).toBe('R1(config-router-af)#');
    expect(type(' exit')).toBe('R1(config-router)#');
    expect(type(' exit-address-family')).toBe(`${' '.repeat('R1(config-router)#'.length + 1)}^\n${INVALID}\n\nR1(config-router)#`);
  });

  it('configure replace refuses a file whose exit-address-family stands outside an address family, by line number', () => {
    const file = 'hostname R1\n!\nvrf definition BLUE\n exit-address-family\n address-family ipv4\n exit-address-family\n!\nend\n';
    expect(buildConfig(file).refused).toEqual([{ number: 4, text: 'exit-address-family', error: INVALID }]);
  });
});

describe('certificates and quit', () => {
  const chain = ['crypto pki certificate chain TP-self-signed-1', ' certificate self-signed 01', '  30820229 30820192 A0030201 02020101', '  DE', '  \tquit'];

  it('a certificate IOS printed is read back byte for byte by configure replace, its data and quit as written', () => {
    const file = ['hostname R1', '!', ...chain, '!', 'end', ''].join('\n');
    const { tree, refused } = buildConfig(file);
    expect(refused).toEqual([]);
    expect(renderConfig(tree)).toBe(file);
  });

  it('quit outside a certificate is refused in a file too; hex data is never taken for an abbreviation', () => {
    const file = ['hostname R1', 'quit', ...chain, '!', 'end', ''].join('\n');
    expect(buildConfig(file).refused).toEqual([{ number: 2, text: 'quit', error: INVALID }]);
    // `DE` at the top would be default or device-tracking: ambiguous. In certificate data it is a byte.
    expect(buildConfig('DE\nend\n').refused).toEqual([{ number: 1, text: 'DE', error: '% Ambiguous command:  "DE"' }]);
  });

  it("typed by hand, the certificate ends with IOS's own `  \\tquit` once, however often quit was typed", () => {
    const { state, type } = session();
    type('configure terminal');
    for (const line of chain.slice(0, -1)) type(line);
    expect(type('quit')).toBe('R1(config-cert-chain)#');
    expect(type(' certificate self-signed 01')).toBe('R1(config-pubkey)#');
    expect(type('quit')).toBe('R1(config-cert-chain)#');
    expect(renderConfig(state.running)).toContain(chain.join('\n') + '\n');
    expect(renderConfig(state.running).match(/quit/g)).toHaveLength(1);
  });
});

describe('ambiguous input', () => {
  it('a configuration file with an ambiguous line is refused, naming it as IOS does', () => {
    expect(buildConfig('hostname R1\ns\nend\n').refused).toEqual([{ number: 2, text: 's', error: '% Ambiguous command:  "s"' }]);
  });
});

describe('numbered access lists', () => {
  it('no access-list N with an entry removes list N whole; a named list keeps its other entries', () => {
    const { state, type } = session();
    type('configure terminal');
    for (const line of ['access-list 1 permit 198.51.100.1', 'access-list 10 permit 192.0.2.1', 'access-list 10 deny any', 'access-list 100 permit ip any any'])
      type(line);
    type('no access-list 10 deny any');
    // Lists 1 and 100 start with the same digits: they stay.
    expect(renderConfig(state.running).match(/^access-list .*$/gm)).toEqual(['access-list 1 permit 198.51.100.1', 'access-list 100 permit ip any any']);
    type('ip access-list standard SNMP-RO');
    type(' permit 192.0.2.9');
    type(' permit 192.0.2.10');
    type(' no permit 192.0.2.9');
    expect(renderConfig(state.running)).toContain('ip access-list standard SNMP-RO\n 20 permit 192.0.2.10\n');
  });
});
