// An aruba-os-switch lab switch (a 3-member 2930M backplane stack) seen through a plain SSH
// client and through switchback's session engine with the platform's own data: the login
// screen that waits for a key, operator and manager levels, `no page`, the show commands the
// platform reads (parsed by the platform's parsers), configuration mode with contexts closed
// by `exit`, `write memory`, the logout dialog, and the stack after its commander loses power.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { cliDialect } from '../../src/jobs/capture.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { isUnsaved } from '../../src/lab/model.js';
import { arubaOsSwitch as platform } from '../../src/platforms/aruba-os-switch/index.js';
import { openShell as openEngine } from '../../src/transport/ssh.js';
import { openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let sw: LabSwitch;

beforeAll(async () => {
  fleet = await startFleet({
    count: 1,
    platform: 'aruba-os-switch',
    specs: [
      {
        name: 'aos-1',
        hostname: 'AOS-1',
        index: 5,
        platform: 'aruba-os-switch',
        members: [
          { number: 1, priority: 255, model: 'JL322A', feed: 'A' },
          { number: 2, priority: 200, model: 'JL322A', feed: 'B' },
          { number: 3, priority: 128, model: 'JL320A', feed: 'A' },
        ],
      },
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  sw = fleet.get('aos-1');
});
afterAll(() => fleet.stop());

const engine = () =>
  openEngine(
    {
      host: '127.0.0.1',
      port: sw.ports.ssh,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      verifyHostKey: () => true,
      connectTimeoutMs: 5000,
    },
    cliDialect(platform, {}),
    { commandTimeoutMs: 5000, enableSecret: TEST_CREDENTIALS.enableSecret },
  );

const login = async (): Promise<Shell> => {
  const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });
  const screen = await shell.readUntil(/Press any key to continue[^\n]*$/);
  expect(screen).toContain('\x1b[2J');
  shell.send(' ');
  await shell.readUntil(/AOS-1> $/);
  shell.send('enable\n');
  await shell.readUntil(/Password: $/);
  shell.send(TEST_CREDENTIALS.enableSecret + '\n');
  await shell.readUntil(/AOS-1# $/);
  return shell;
};
const run = async (shell: Shell, line: string, until: RegExp) => {
  shell.send(line + '\n');
  return (await shell.readUntil(until)).replace(/\r\n/g, '\n');
};

describe('the session through a plain SSH client', () => {
  it('waits for a key at the login screen, lands at the operator level and enters the manager level', async () => {
    const shell = await login();
    shell.end();
  });

  it('configuration mode: contexts by their prompts, `exit` back up, an invalid line refused, `end` to the manager level', async () => {
    const shell = await login();
    expect(await run(shell, 'configure terminal', /AOS-1\(config\)# $/)).toBeTruthy();
    expect(await run(shell, 'vlan 40', /AOS-1\(vlan-40\)# $/)).toBeTruthy();
    await run(shell, 'name "LAB"', /AOS-1\(vlan-40\)# $/);
    await run(shell, 'exit', /AOS-1\(config\)# $/);
    expect(await run(shell, 'interface 1/3', /AOS-1\(eth-1\/3\)# $/)).toBeTruthy();
    await run(shell, 'exit', /AOS-1\(config\)# $/);
    expect(await run(shell, 'interface 9/1', /AOS-1\(config\)# $/)).toContain('Module not present for port or invalid port: 9/1');
    expect(await run(shell, 'frobnicate', /AOS-1\(config\)# $/)).toContain('Invalid input: frobnicate');
    await run(shell, 'end', /AOS-1# $/);
    await run(shell, 'no page', /AOS-1# $/);
    const running = await run(shell, 'show running-config', /AOS-1# $/);
    expect(running).toContain('vlan 40\n   name "LAB"\n   no ip address\n   exit\n');
    // A port context left with nothing set in it is not listed.
    expect(running).not.toContain('interface 1/3');
    expect(isUnsaved(sw.state)).toBe(true);
    shell.end();
  });

  it('logout with unsaved changes asks to save; answered no, the configuration stays unsaved', async () => {
    const shell = await login();
    shell.send('logout\n');
    await shell.readUntil(/Do you want to log out \[y\/n\]\? $/);
    shell.send('y');
    await shell.readUntil(/Do you want to save current configuration \[y\/n\]\? $/);
    shell.send('n');
    await shell.closed;
    expect(isUnsaved(sw.state)).toBe(true);
  });
});

describe('through the engine with the platform’s data', () => {
  it('reads what backup reads: a complete running config, startup, show system and the stack', async () => {
    const shell = await engine();
    expect(shell.engine.info.hostname).toBe('AOS-1');
    const running = extractConfig(platform, await shell.engine.run('show running-config'));
    expect(isComplete(platform, running)).toBe(true);
    expect(running.split('\n')[0]).toMatch(/^; JL322A Configuration Editor; Created on release #WC\.16\.10\.0018$/);
    const startup = extractConfig(platform, await shell.engine.run('show config'));
    // The unsaved VLAN of the test above, as backup would count it.
    expect(unsavedLines(platform.syntax, running, startup).counts).toEqual({ added: 3, removed: 0 });
    const facts = platform.parseVersion(await shell.engine.run('show system'));
    expect(facts.hostname).toBe('AOS-1');
    expect(facts.version).toBe('WC.16.10.0018');
    const members = platform.stack!.parse(await shell.engine.run('show stacking detail'));
    expect(members.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'standby', 'ready'],
      [3, 'member', 'ready'],
    ]);
    await shell.engine.logout?.();
    shell.close();
    // Leaving never saved.
    expect(isUnsaved(sw.state)).toBe(true);
  });

  it('write memory saves', async () => {
    const shell = await engine();
    const out = await shell.engine.run('write memory');
    expect(platform.persist.kind === 'save' && platform.persist.ok.test(out)).toBe(true);
    expect(isUnsaved(sw.state)).toBe(false);
    shell.close();
  });
});

describe('the stack on power events', () => {
  it('the commander loses power: the standby becomes commander, member 3 standby; both lost later: the last member reloads from startup', async () => {
    await fleet.apply('aos-1', { kind: 'member-down', member: 1 });
    expect(sw.state.members.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'member', 'removed'],
      [2, 'active', 'ready'],
      [3, 'standby', 'ready'],
    ]);
    const shell = await engine();
    const members = platform.stack!.parse(await shell.engine.run('show stacking detail'));
    expect(members.map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'unknown', 'removed'],
      [2, 'active', 'ready'],
      [3, 'standby', 'ready'],
    ]);
    shell.close();
    await fleet.apply('aos-1', { kind: 'change', lines: ['vlan 41', 'exit'] });
    const boots = sw.state.boots;
    await fleet.apply('aos-1', { kind: 'member-down', member: 2 });
    await fleet.apply('aos-1', { kind: 'member-down', member: 3 });
    expect(sw.state.up).toBe(false);
    await fleet.apply('aos-1', { kind: 'member-up', member: 1 });
    expect(sw.state.boots).toBeGreaterThan(boots);
    expect(JSON.stringify(sw.state.running)).not.toContain('vlan 41');
  });
});
