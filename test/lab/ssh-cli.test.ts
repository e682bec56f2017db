// A lab switch seen through a plain SSH client: login, prompts, enable, paging,
// configuration mode, the save dialog and the exec channel.

import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { execCommand, openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let sw: LabSwitch;
const clientKey = ssh2.utils.generateKeyPairSync('ed25519');

beforeAll(async () => {
  fleet = await startFleet({
    count: 1,
    specs: [stackSpec('core-1', 3)],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [clientKey.public] },
  });
  sw = fleet.get('core-1');
});
afterAll(() => fleet.stop());

const login = (extra: { rows?: number } = {}) =>
  openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, ...extra });

async function enabled(shell: Shell): Promise<void> {
  await shell.readUntil(/CORE-1>$/);
  shell.send('enable\n');
  await shell.readUntil(/Password: $/);
  shell.send(TEST_CREDENTIALS.enableSecret + '\n');
  await shell.readUntil(/CORE-1#$/);
}

describe('login', () => {
  it('shows the MOTD banner from the running config, then the user-exec prompt', async () => {
    const shell = await login();
    const greeting = await shell.readUntil(/CORE-1>$/);
    expect(greeting).toContain('Authorised access only');
    shell.end();
  });

  it('accepts a public key it was given and refuses a password it was not', async () => {
    const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, privateKey: clientKey.private });
    await shell.readUntil(/CORE-1>$/);
    shell.end();
    await expect(openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: 'wrong' })).rejects.toThrow(/authentication/i);
    const stranger = ssh2.utils.generateKeyPairSync('ed25519');
    await expect(openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, privateKey: stranger.private })).rejects.toThrow(/authentication/i);
  });

  it('asks for the enable secret without echoing it, refuses a wrong one, and says % Bad secrets after three', async () => {
    const shell = await login();
    await shell.readUntil(/CORE-1>$/);
    shell.send('enable\n');
    await shell.readUntil(/Password: $/);
    shell.send('nope\n');
    const again = await shell.readUntil(/Password: $/);
    expect(again).not.toContain('nope');
    shell.send('nope\n');
    await shell.readUntil(/Password: $/);
    shell.send('nope\n');
    expect(await shell.readUntil(/CORE-1>$/)).toContain('% Bad secrets');
    shell.send('enable\n');
    await shell.readUntil(/Password: $/);
    shell.send(TEST_CREDENTIALS.enableSecret + '\n');
    const ok = await shell.readUntil(/CORE-1#$/);
    expect(ok).not.toContain(TEST_CREDENTIALS.enableSecret);
    shell.end();
  });

  it('refuses privileged commands in user exec with the IOS caret message', async () => {
    const shell = await login();
    await shell.readUntil(/CORE-1>$/);
    shell.send('show running-config\n');
    const out = await shell.readUntil(/CORE-1>$/);
    expect(out).toContain("% Invalid input detected at '^' marker.");
    // The caret stands under "running-config": after the prompt and "show ".
    const caretLine = out.split('\r\n').find((l) => l.trim() === '^') ?? '';
    expect(caretLine.indexOf('^')).toBe('CORE-1>show '.length);
    shell.end();
  });
});

describe('commands', () => {
  it('takes abbreviations, and says which input is ambiguous or incomplete', async () => {
    const shell = await login();
    await enabled(shell);
    shell.send('terminal length 0\n');
    await shell.readUntil(/CORE-1#$/);
    shell.send('sh run | include ^hostname\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('hostname CORE-1');
    shell.send('s\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('% Incomplete command.');
    shell.send('sh s\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('% Ambiguous command:  "sh s"');
    shell.send('frobnicate\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('% Unknown command or computer name');
    shell.end();
  });

  it('prints the running and startup configs with their IOS headers', async () => {
    const shell = await login();
    await enabled(shell);
    shell.send('terminal length 0\n');
    await shell.readUntil(/CORE-1#$/);
    shell.send('show running-config\n');
    const running = (await shell.readUntil(/\r\nend\r\n\r?\n?CORE-1#$/)).replace(/\r\n/g, '\n');
    expect(running).toMatch(
      /^show running-config\nBuilding configuration\.\.\.\n\nCurrent configuration : \d+ bytes\n!\n! Last configuration change at \d\d:\d\d:\d\d UTC \w{3} \w{3} \d+ \d{4}/,
    );
    shell.send('show startup-config\n');
    const startup = (await shell.readUntil(/\r\nend\r\n\r?\n?CORE-1#$/)).replace(/\r\n/g, '\n');
    expect(startup).toMatch(/^show startup-config\nUsing \d+ out of 2097152 bytes\n/);
    // The initial fleet is saved: the two bodies are the same configuration.
    const body = (t: string) => t.slice(t.indexOf('\nversion '));
    expect(body(running)).toBe(body(startup));
    shell.end();
  });

  it('serves show version, show switch, show switch detail and show inventory for every member', async () => {
    const shell = await login();
    await shell.readUntil(/CORE-1>$/);
    shell.send('terminal length 0\n');
    await shell.readUntil(/CORE-1>$/);
    shell.send('show switch\n');
    const table = await shell.readUntil(/CORE-1>$/);
    expect(table).toMatch(/\*1\s+Active\s+[0-9a-f.]{14}\s+15\s+V\d+\s+Ready/);
    expect(table).toMatch(/ 2\s+Standby\s+/);
    expect(table).toMatch(/ 3\s+Member\s+/);
    shell.send('show version\n');
    const version = await shell.readUntil(/CORE-1>$/);
    expect(version).toMatch(/CORE-1 uptime is /);
    expect(version.match(/^\*?\s+\d\s+\d+\s+C9300-\S+\s+17\.\d\d\.\S+\s+CAT9K_IOSXE\s+INSTALL|BUNDLE/gm)?.length ?? 0).toBeGreaterThan(0);
    shell.send('show inventory\n');
    const inv = await shell.readUntil(/CORE-1>$/);
    for (const n of [1, 2, 3]) expect(inv).toContain(`NAME: "Switch ${n}"`);
    shell.send('show switch detail\n');
    expect(await shell.readUntil(/CORE-1>$/)).toMatch(/Stack Port Status/);
    shell.end();
  });
});

describe('paging', () => {
  it('pages at the PTY height with " --More-- ", erases it on a key, and Enter shows one more line', async () => {
    const shell = await login({ rows: 24 });
    await enabled(shell);
    shell.send('show running-config\n');
    const first = await shell.readUntil(/ --More-- $/);
    // 23 lines of output on a 24-row terminal, then the pager.
    expect(first.replace(/^show running-config\r\n/, '').split('\r\n').length - 1).toBe(23);
    shell.send(' ');
    const second = await shell.readUntil(/ --More-- $/);
    expect(second.startsWith('\b'.repeat(9) + ' '.repeat(8) + '\b'.repeat(9))).toBe(true);
    expect(second.slice(26).split('\r\n').length - 1).toBe(23);
    shell.send('\r');
    const oneLine = await shell.readUntil(/ --More-- $/);
    expect(oneLine.slice(26).split('\r\n').length - 1).toBe(1);
    shell.send('q');
    await shell.readUntil(/CORE-1#$/);
    shell.end();
  });

  it('does not page after terminal length 0', async () => {
    const shell = await login({ rows: 24 });
    await enabled(shell);
    shell.send('terminal length 0\n');
    await shell.readUntil(/CORE-1#$/);
    shell.send('show running-config\n');
    const out = await shell.readUntil(/\r\nend\r\n\r?\n?CORE-1#$/);
    expect(out).not.toContain('--More--');
    shell.end();
  });
});

describe('configuration mode', () => {
  it('changes running only, shows the difference, and saves through the copy dialog', async () => {
    const shell = await login();
    await enabled(shell);
    shell.send('terminal length 0\n');
    await shell.readUntil(/CORE-1#$/);
    shell.send('configure terminal\n');
    expect(await shell.readUntil(/CORE-1\(config\)#$/)).toContain('Enter configuration commands, one per line.  End with CNTL/Z.');
    shell.send('interface GigabitEthernet1/0/7\n');
    await shell.readUntil(/CORE-1\(config-if\)#$/);
    shell.send(' description finance-printer\n');
    await shell.readUntil(/CORE-1\(config-if\)#$/);
    shell.send('switchprot mode access\n');
    expect(await shell.readUntil(/CORE-1\(config-if\)#$/)).toContain("% Invalid input detected at '^' marker.");
    shell.send('vlan 42\n');
    await shell.readUntil(/CORE-1\(config-vlan\)#$/);
    shell.send('name LAB\n');
    await shell.readUntil(/CORE-1\(config-vlan\)#$/);
    shell.send('end\n');
    await shell.readUntil(/CORE-1#$/);

    shell.send('show archive config differences\n');
    const diff = await shell.readUntil(/CORE-1#$/);
    expect(diff).toContain('interface GigabitEthernet1/0/7');
    expect(diff).toContain('+description finance-printer');
    expect(diff).toContain('+vlan 42');
    expect(sw.state.startup && JSON.stringify(sw.state.startup)).not.toContain('finance-printer');

    shell.send('copy running-config startup-config\n');
    await shell.readUntil(/Destination filename \[startup-config\]\? $/);
    shell.send('\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('[OK]');
    shell.send('show archive config differences\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain('!No changes were found');
    shell.send('show startup-config | include finance\n');
    expect(await shell.readUntil(/CORE-1#$/)).toContain(' description finance-printer');

    shell.send('configure terminal\n');
    await shell.readUntil(/\(config\)#$/);
    shell.send('interface GigabitEthernet1/0/7\n');
    shell.send('no description\n');
    shell.send('end\n');
    shell.send('write memory\n');
    expect(await shell.readUntil(/\[OK\]\r\nCORE-1#$/)).toContain('Building configuration...');
    shell.send('show running-config | include finance\n');
    expect(await shell.readUntil(/CORE-1#$/)).not.toContain('description finance-printer');
    shell.end();
  });

  it('changes the prompt with the hostname', async () => {
    const shell = await login();
    await enabled(shell);
    shell.send('configure terminal\n');
    await shell.readUntil(/\(config\)#$/);
    shell.send('hostname EDGE-9\n');
    await shell.readUntil(/EDGE-9\(config\)#$/);
    shell.send('hostname CORE-1\n');
    await shell.readUntil(/CORE-1\(config\)#$/);
    shell.send('end\n');
    await shell.readUntil(/CORE-1#$/);
    sw.save('test');
    shell.end();
  });
});

describe('exec channel', () => {
  it('runs one command without prompt or paging, at the user privilege', async () => {
    const conn = { port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password };
    const version = await execCommand(conn, 'show version');
    expect(version.code).toBe(0);
    expect(version.output).toMatch(/CORE-1 uptime is /);
    expect(version.output).not.toMatch(/CORE-1[>#]$/);
    const running = await execCommand(conn, 'show running-config');
    expect(running.output).toContain("% Invalid input detected at '^' marker.");
    expect(running.code).not.toBe(0);
  });
});
