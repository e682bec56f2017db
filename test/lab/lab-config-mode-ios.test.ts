// Configuration mode of a lab switch over real SSH, where a kinder lab would hide a
// restore bug: what the prompt becomes after `exit`, which closers IOS takes where,
// what `no access-list N …` takes away, and what IOS says about an ambiguous line.
// Each test asserts what a person at the terminal sees: the echo, IOS's own message
// (with its caret), the prompt after it, and `show running-config`.
//
// IOS texts, and where they come from:
// - `exit` at `(config)#` is back at `#`: Cisco's `exit` command reference ("Use the exit
//   command at the configuration level to return to privileged EXEC mode"), and real
//   transcripts (`R1(config)#exit` / `R1#`).
// - `% Ambiguous command:  "a"`, two spaces, no blank line before the prompt: a real IOS
//   router's reply to `a` at `R1(config)#`.
// - `(config-vrf)#address-family ipv4` gives `(config-vrf-af)#`; `exit-address-family` goes
//   back to `(config-vrf)#`: a real IOS transcript. Elsewhere IOS has no such command.
// - `no access-list N` removes list N: Cisco's `access-list (standard)` reference gives the
//   no form as `no access-list access-list-number`; one entry of a numbered list cannot be
//   removed from the top, only through `ip access-list standard N`.
// - A certificate's data is typed at `(config-pubkey)#` and ends with `quit`, back to
//   `(config-cert-chain)#`; IOS prints it ending in `  \tquit`.

import { afterEach, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';
import { openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

const INVALID = "% Invalid input detected at '^' marker.";

/** Any privileged or configuration prompt of DIST-1, at the end of what arrived. */
const PROMPT = /\nDIST-1(\([\w-]+\))?#$/;

async function dist1(): Promise<Shell> {
  const spec = stackSpec('dist-1', 2);
  fleet = await startFleet({ count: 1, specs: [spec], credentials: TEST_CREDENTIALS, hostKeySeed: 'config-mode-ios' });
  const sw: LabSwitch = fleet.get(spec.name);
  const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });
  await shell.readUntil(/DIST-1>$/);
  shell.send(`enable\n${TEST_CREDENTIALS.enableSecret}\nterminal length 0\n`);
  await shell.readUntil(/terminal length 0\r\nDIST-1#$/);
  return shell;
}

/** Type one line; what the terminal shows for it: the echo, IOS's answer, and the prompt after. */
async function type(shell: Shell, line: string): Promise<string> {
  shell.send(line + '\n');
  return (await shell.readUntil(PROMPT)).replace(/\r\n/g, '\n');
}

/** The configuration `show running-config` prints, from `version` to `end`. */
function body(showRun: string): string[] {
  const lines = showRun.split('\n');
  return lines.slice(
    lines.findIndex((l) => l.startsWith('version ')),
    lines.lastIndexOf('end') + 1,
  );
}

/** The caret IOS puts under the first character of the line it refused, after `prompt`. */
const caret = (prompt: string) => ' '.repeat(prompt.length) + '^';

describe('exit at the global configuration level', () => {
  it('leaves configuration mode as end does: the prompt is DIST-1#, and exec commands run without do', async () => {
    const shell = await dist1();
    expect(await type(shell, 'configure terminal')).toMatch(/\nDIST-1\(config\)#$/);
    expect(await type(shell, 'interface GigabitEthernet1/0/1')).toBe('interface GigabitEthernet1/0/1\nDIST-1(config-if)#');
    // One level at a time: the interface, then configuration mode itself.
    expect(await type(shell, 'exit')).toBe('exit\nDIST-1(config)#');
    expect(await type(shell, 'exit')).toBe('exit\nDIST-1#');
    // Back in privileged exec: `show` is a command here, not a configuration line.
    expect(await type(shell, 'show running-config | include ^hostname')).toBe('show running-config | include ^hostname\nhostname DIST-1\nDIST-1#');
    shell.end();
  });
});

describe('exit-address-family', () => {
  it('closes an address family, and anywhere else IOS refuses it at its first character', async () => {
    const shell = await dist1();
    await type(shell, 'configure terminal');
    expect(await type(shell, 'exit-address-family')).toBe(`exit-address-family\n${caret('DIST-1(config)#')}\n${INVALID}\n\nDIST-1(config)#`);

    await type(shell, 'interface GigabitEthernet1/0/2');
    // Refused, and the prompt stays where it was: not one level up.
    expect(await type(shell, 'exit-address-family')).toBe(`exit-address-family\n${caret('DIST-1(config-if)#')}\n${INVALID}\n\nDIST-1(config-if)#`);

    expect(await type(shell, 'vrf definition Mgmt-vrf')).toBe('vrf definition Mgmt-vrf\nDIST-1(config-vrf)#');
    expect(await type(shell, 'exit-address-family')).toBe(`exit-address-family\n${caret('DIST-1(config-vrf)#')}\n${INVALID}\n\nDIST-1(config-vrf)#`);
    expect(await type(shell, ' address-family ipv4')).toBe(' address-family ipv4\nDIST-1(config-vrf-af)#');
    expect(await type(shell, ' exit-address-family')).toBe(' exit-address-family\nDIST-1(config-vrf)#');
    // Nothing of this reached the configuration: the VRF reads as before.
    await type(shell, 'end');
    expect(await type(shell, 'show running-config | section ^vrf definition')).toBe(
      'show running-config | section ^vrf definition\n' +
        'vrf definition Mgmt-vrf\n !\n address-family ipv4\n exit-address-family\n !\n address-family ipv6\n exit-address-family\nDIST-1#',
    );
    shell.end();
  });
});

describe('no access-list N on a numbered list', () => {
  it('takes out the whole list N, whatever entry the line names; other lists stay', async () => {
    const shell = await dist1();
    await type(shell, 'configure terminal');
    for (const line of ['access-list 10 permit 192.0.2.1', 'access-list 10 permit 192.0.2.2', 'access-list 10 deny any', 'access-list 11 permit 198.51.100.7'])
      expect(await type(shell, line)).toBe(`${line}\nDIST-1(config)#`);
    expect(await type(shell, 'do show running-config | include ^access-list')).toBe(
      'do show running-config | include ^access-list\n' +
        'access-list 10 permit 192.0.2.1\naccess-list 10 permit 192.0.2.2\naccess-list 10 deny   any\naccess-list 11 permit 198.51.100.7\nDIST-1(config)#',
    );
    // Meant as "remove the second entry": IOS removes list 10, every line of it.
    expect(await type(shell, 'no access-list 10 permit 192.0.2.2')).toBe('no access-list 10 permit 192.0.2.2\nDIST-1(config)#');
    expect(await type(shell, 'do show running-config | include ^access-list')).toBe(
      'do show running-config | include ^access-list\naccess-list 11 permit 198.51.100.7\nDIST-1(config)#',
    );
    shell.end();
  });
});

describe('an ambiguous abbreviation in configuration mode', () => {
  it('is answered % Ambiguous command: with the line as typed, and changes nothing', async () => {
    const shell = await dist1();
    await type(shell, 'configure terminal');
    const before = body(await type(shell, 'do show running-config'));
    // `s` could be service, snmp-server, spanning-tree, switch…: IOS names the line, no caret, no blank line.
    expect(await type(shell, 's')).toBe('s\n% Ambiguous command:  "s"\nDIST-1(config)#');
    expect(await type(shell, 'no s')).toBe('no s\n% Ambiguous command:  "no s"\nDIST-1(config)#');
    // In a sub-mode too: `sp` is speed or spanning-tree under an interface; the prompt stays there.
    await type(shell, 'interface GigabitEthernet1/0/3');
    expect(await type(shell, 'sp 100')).toBe('sp 100\n% Ambiguous command:  "sp 100"\nDIST-1(config-if)#');
    await type(shell, 'end');
    expect(body(await type(shell, 'show running-config'))).toEqual(before);
    shell.end();
  });
});

describe('quit', () => {
  it('is not a configuration command outside a certificate; in its data it ends the certificate, back at the chain', async () => {
    const shell = await dist1();
    await type(shell, 'configure terminal');
    expect(await type(shell, 'quit')).toBe(`quit\n${caret('DIST-1(config)#')}\n${INVALID}\n\nDIST-1(config)#`);

    expect(await type(shell, 'crypto pki certificate chain TP-self-signed-1')).toBe(
      'crypto pki certificate chain TP-self-signed-1\nDIST-1(config-cert-chain)#',
    );
    // At the chain itself there is no certificate data to end.
    expect(await type(shell, 'quit')).toBe(`quit\n${caret('DIST-1(config-cert-chain)#')}\n${INVALID}\n\nDIST-1(config-cert-chain)#`);
    expect(await type(shell, ' certificate self-signed 01')).toBe(' certificate self-signed 01\nDIST-1(config-pubkey)#');
    // Hex, not commands: `CA` is a byte, not an abbreviation of call-home.
    expect(await type(shell, '  30820229 30820192 A0030201 02020101')).toBe('  30820229 30820192 A0030201 02020101\nDIST-1(config-pubkey)#');
    expect(await type(shell, '  CA')).toBe('  CA\nDIST-1(config-pubkey)#');
    expect(await type(shell, '  quit')).toBe('  quit\nDIST-1(config-cert-chain)#');
    expect(await type(shell, 'exit')).toBe('exit\nDIST-1(config)#');
    await type(shell, 'end');
    // IOS prints the certificate's data ending with two spaces, a tab and quit.
    expect(await type(shell, 'show running-config | section ^crypto pki certificate')).toBe(
      'show running-config | section ^crypto pki certificate\n' +
        'crypto pki certificate chain TP-self-signed-1\n certificate self-signed 01\n  30820229 30820192 A0030201 02020101\n  CA\n  \tquit\nDIST-1#',
    );
    shell.end();
  });
});
