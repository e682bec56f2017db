// A juniper-junos lab switch (a 3-member EX Virtual Chassis) seen through a plain SSH
// client: the Junos login and prompts, paging, configuration mode with the shared
// candidate, show | compare, load … terminal ended by Ctrl-D, commit confirmed rolling
// back by itself, the exec channel, and the VC after its master loses power.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { juniperJunosPersonality } from '../../src/lab/personalities/juniper-junos/index.js';
import { whenRolledBack } from '../../src/lab/personalities/juniper-junos/state.js';
import { execCommand, openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let sw: LabSwitch;

const OP = /\n\{master:\d\}\r\nnetops@vc-1> $/;
const CONF = /\[edit[^\]]*\]\r\nnetops@vc-1# $/;

beforeAll(async () => {
  fleet = await startFleet({
    count: 1,
    // A commit-confirmed minute lasts 5 s on this lab (the personality's lab-only knob): long
    // enough for a second session to see the trial configuration on a loaded machine (200 ms
    // raced it), and the rollback itself is waited for as an event.
    platform: 'juniper-junos',
    registry: [juniperJunosPersonality({ commitMinuteMs: 5000 })],
    specs: [
      {
        name: 'vc-1',
        hostname: 'vc-1',
        index: 7,
        members: [1, 2, 3].map((number) => ({ number, priority: 1, model: 'ex4300-48p', feed: number % 2 === 1 ? 'A' : 'B' })),
      },
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  sw = fleet.get('vc-1');
});
afterAll(() => fleet.stop());

const login = async (rows = 24): Promise<Shell> => {
  const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, rows });
  await shell.readUntil(/netops@vc-1> $/);
  return shell;
};
const run = async (shell: Shell, line: string, until = OP) => {
  shell.send(line + '\n');
  return (await shell.readUntil(until)).replace(/\r\n/g, '\n');
};
const exec = (command: string) => execCommand({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password }, command);

describe('operational mode', () => {
  it('greets with the Junos banner and the {master:0} line above the prompt', async () => {
    const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });
    const greeting = await shell.readUntil(/netops@vc-1> $/);
    expect(greeting).toMatch(/^--- JUNOS 21\.4R3-S4\.9 built .*\r\n\{master:0\}\r\nnetops@vc-1> $/);
    shell.end();
  });

  it('pages with ---(more)--- until set cli screen-length 0 turns paging off', async () => {
    const shell = await login(24);
    shell.send('show configuration\n');
    const first = await shell.readUntil(/---\(more\)---$/);
    expect(first).toContain('## Last commit:');
    shell.send('q');
    await shell.readUntil(OP);
    expect(await run(shell, 'set cli screen-length 0')).toContain('Screen length set to 0');
    expect(await run(shell, 'set cli screen-width 0')).toContain('Screen width set to 0');
    const whole = await run(shell, 'show configuration');
    expect(whole).not.toContain('---(more)---');
    expect(whole).toMatch(/version 21\.4R3-S4\.9;\n/);
    expect(whole).toMatch(/encrypted-password "\$6\$[^"]+"; ## SECRET-DATA/);
    shell.end();
  });

  it('shows the Virtual Chassis, version per member, and the configuration as set lines', async () => {
    const shell = await login();
    await run(shell, 'set cli screen-length 0');
    const vc = await run(shell, 'show virtual-chassis');
    expect(vc).toMatch(/^0 \(FPC 0\)  Prsnt    PE3700070000 ex4300-48p 255  Master\*      N  1  vcp-1$/m);
    expect(vc).toMatch(/^1 \(FPC 1\)  Prsnt    PE3700070001 ex4300-48p 255  Backup       N  2  vcp-1$/m);
    expect(vc).toMatch(/^2 \(FPC 2\)  Prsnt    PE3700070002 ex4300-48p 128  Linecard     N  0  vcp-1$/m);
    const version = await run(shell, 'show version');
    expect(version.match(/^fpc\d:$/gm)).toEqual(['fpc0:', 'fpc1:', 'fpc2:']);
    const set = await run(shell, 'show configuration | display set');
    expect(set).toContain('set system host-name vc-1\n');
    expect(set).toContain('set virtual-chassis member 0 mastership-priority 255\n');
    expect(await run(shell, 'show virtual-chasis')).toMatch(/\n {18}\^\nunknown command\.\n/);
    shell.end();
  });

  it('answers commands on an exec channel without a prompt, exit status 1 for an error', async () => {
    const set = await exec('show configuration | display set');
    expect(set.code).toBe(0);
    expect(set.output).toMatch(/^set version 21\.4R3-S4\.9\r\n/);
    expect(set.output).not.toContain('netops@vc-1');
    const bad = await exec('show nonsense');
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('unknown command.');
  });
});

describe('configuration mode', () => {
  it('shows [edit] above the # prompt, lists the candidate with show | compare, and asks before leaving changes', async () => {
    const shell = await login();
    expect(await run(shell, 'configure', CONF)).toContain('Entering configuration mode\n\n{master:0}[edit]\nnetops@vc-1# ');
    await run(shell, 'set interfaces ge-0/0/1 description "to printer"', CONF);
    expect(await run(shell, 'edit interfaces ge-0/0/1', CONF)).toContain('{master:0}[edit interfaces ge-0/0/1]\nnetops@vc-1# ');
    await run(shell, 'top', CONF);
    expect(await run(shell, 'show | compare', CONF)).toContain('[edit interfaces ge-0/0/1]\n-  description "access 0/1";\n+  description "to printer";\n');
    expect(await run(shell, 'set nonsense here', CONF)).toMatch(/\n {17}\^\nsyntax error\.\n/);
    shell.send('exit\n');
    expect(await shell.readUntil(/Exit with uncommitted changes\? \[yes,no\] \(yes\) $/)).toContain('The configuration has been changed but not committed');
    expect(await run(shell, 'yes')).toContain('Exiting configuration mode');
    // The shared candidate is still there for the next session; discard it.
    await run(shell, 'configure', CONF);
    expect(await run(shell, 'rollback 0', CONF)).toContain('load complete');
    expect(await run(shell, 'show | compare', CONF)).toBe('show | compare\n\n{master:0}[edit]\nnetops@vc-1# ');
    await run(shell, 'exit configuration-mode');
    shell.end();
  });

  it('loads a whole configuration with load override terminal, ended by Ctrl-D', async () => {
    const shell = await login();
    await run(shell, 'set cli screen-length 0');
    const current = (await exec('show configuration')).output.replace(/\r\n/g, '\n').replace(/^## Last commit:.*\n/, '');
    await run(shell, 'configure exclusive', CONF);
    shell.send('load override terminal\n');
    await shell.readUntil(/\[Type \^D at a new line to end input\]\r\n/);
    shell.send(current.replace('host-name vc-1;', 'host-name vc-1;\n    time-zone Europe/Berlin;'));
    shell.send('\x04');
    expect(await shell.readUntil(CONF)).toContain('load complete');
    expect(await run(shell, 'show | compare', CONF)).toContain('[edit system]\n+  time-zone Europe/Berlin;\n');
    shell.send('exit\n');
    await shell.readUntil(/\(yes\) $/);
    await run(shell, 'yes');
    // An exclusive session's changes are discarded on exit.
    expect((await exec('show configuration system time-zone')).output).toBe('');
    shell.end();
  });

  it('commit confirmed rolls back by itself when nobody confirms it', async () => {
    const shell = await login();
    await run(shell, 'configure exclusive', CONF);
    await run(shell, 'set system host-name vc-1-trial', /netops@vc-1# $/);
    shell.send('commit confirmed 1\n');
    const out = (await shell.readUntil(/netops@vc-1-trial# $/)).replace(/\r\n/g, '\n');
    expect(out).toContain('commit confirmed will be automatically rolled back in 1 minutes unless confirmed\ncommit complete\n');
    expect(out).toContain('# commit confirmed will be rolled back in 1 minutes\n{master:0}[edit]\n');
    expect((await exec('show configuration system host-name')).output).toBe('host-name vc-1-trial;\r\n');
    shell.end();
    // The switch rolls back on its own: wait for it, then look as a user would.
    await whenRolledBack(sw.state);
    expect((await exec('show configuration system host-name')).output).toBe('host-name vc-1;\r\n');
    const commits = (await exec('show system commit')).output.split('\r\n');
    expect(commits[0]).toMatch(/^0 {3}\S+ \S+ UTC by root via other$/);
    expect(commits[1]).toMatch(/^1 {3}\S+ \S+ UTC by netops via cli commit confirmed, rollback in 1mins$/);
  });

  it('commit synchronize answers for each routing engine', async () => {
    const shell = await login();
    await run(shell, 'configure', CONF);
    await run(shell, 'set system commit synchronize', CONF);
    const out = await run(shell, 'commit synchronize', CONF);
    expect(out).toContain('fpc0:\nconfiguration check succeeds\nfpc1:\ncommit complete\nfpc0:\ncommit complete\n');
    await run(shell, 'exit');
    shell.end();
    expect((await exec('show configuration system commit | display set')).output).toBe('set system commit synchronize\r\n');
  });
});

describe('the Virtual Chassis on power events', () => {
  it('when the master loses power the backup takes over: {master:1}, and fpc0 is NotPrsnt', async () => {
    const said = await fleet.apply('vc-1', { kind: 'member-down', member: 0 });
    expect(said).toContain('member 0 lost power');
    const shell = await login();
    expect(shell.received()).toContain('{master:1}\r\nnetops@vc-1> ');
    await run(shell, 'set cli screen-length 0', /\{master:1\}\r\nnetops@vc-1> $/);
    const vc = await run(shell, 'show virtual-chassis', /\{master:1\}\r\nnetops@vc-1> $/);
    expect(vc).toMatch(/^0 \(FPC 0\)  NotPrsnt PE3700070000 ex4300-48p 255$/m);
    expect(vc).toMatch(/^1 \(FPC 1\) .* Master\* /m);
    expect(vc).toMatch(/^2 \(FPC 2\) .* Backup /m);
    shell.end();
    await fleet.apply('vc-1', { kind: 'member-up', member: 0 });
  });
});
