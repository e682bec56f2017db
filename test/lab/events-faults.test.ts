// Lab events and faults as a client sees them: power cycles, lost configs,
// members losing power, and switches that misbehave on the wire.

import { afterEach, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';
import { fetchHostKey, openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

async function oneSwitch(members = 2, seed = 'events-test'): Promise<LabSwitch> {
  fleet = await startFleet({ count: 1, specs: [stackSpec('dist-1', members)], credentials: TEST_CREDENTIALS, hostKeySeed: seed });
  return fleet.get('dist-1');
}

const login = (sw: LabSwitch) => openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });

async function privileged(sw: LabSwitch, prompt = 'DIST-1'): Promise<Shell> {
  const shell = await login(sw);
  await shell.readUntil(new RegExp(`${prompt}>$`));
  shell.send(`enable\n${TEST_CREDENTIALS.enableSecret}\nterminal length 0\n`);
  await shell.readUntil(new RegExp(`terminal length 0\\r\\n${prompt}#$`));
  return shell;
}

async function run(shell: Shell, command: string, prompt = 'DIST-1#'): Promise<string> {
  shell.send(command + '\n');
  return (await shell.readUntil(new RegExp(`${prompt}$`))).replace(/\r\n/g, '\n');
}

describe('power events', () => {
  it('power-cycle: the session drops, unsaved lines are gone, boots +1, running = startup', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/3', ' description unsaved-change'] });
    const shell = await privileged(sw);
    expect(await run(shell, 'show running-config | include unsaved-change')).toContain('description unsaved-change');
    const boots = sw.state.boots;
    await sw.apply({ kind: 'power-cycle', loseConfig: false });
    await shell.closed;
    expect(sw.state.boots).toBe(boots + 1);
    const after = await privileged(sw);
    expect(await run(after, 'show running-config | include unsaved-change')).not.toContain('description unsaved-change');
    expect(await run(after, 'show archive config differences')).toContain('!No changes were found');
    expect(await run(after, 'show version')).toMatch(/DIST-1 uptime is (0|1) minutes?/);
    after.end();
  });

  it('power-cycle losing the config: factory hostname, no startup-config, no interface config', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'power-cycle', loseConfig: true });
    const shell = await privileged(sw, 'Switch');
    expect(await run(shell, 'show startup-config', 'Switch#')).toContain('startup-config is not present');
    const running = await run(shell, 'show running-config', 'Switch#');
    expect(running).not.toContain('hostname DIST-1');
    expect(running).not.toContain('description');
    shell.end();
  });

  it('the Active member loses power: it is Removed, the Standby becomes Active, and it rejoins as a Member', async () => {
    const sw = await oneSwitch(3);
    const shell = await privileged(sw);
    const message = await sw.apply({ kind: 'member-down', member: 1 });
    expect(message).toContain('member 2 is now Active');
    await shell.closed; // sessions ran on the old Active
    const again = await privileged(sw);
    const table = await run(again, 'show switch');
    expect(table).toMatch(/^ 1\s+Member\s+\S+\s+\d+\s+\S+\s+Removed/m);
    expect(table).toMatch(/^\*2\s+Active\s+/m);
    expect(table).toMatch(/^ 3\s+Standby\s+/m);
    await sw.apply({ kind: 'member-up', member: 1 });
    const back = await run(again, 'show switch');
    expect(back).toMatch(/^ 1\s+Member\s+\S+\s+\d+\s+\S+\s+Ready/m);
    expect(back).toMatch(/^\*2\s+Active\s+/m);
    again.end();
  });

  it('a stack whose members all lose power answers nothing until power returns, then boots', async () => {
    const sw = await oneSwitch(2);
    await sw.apply({ kind: 'member-down', member: 1 });
    await sw.apply({ kind: 'member-down', member: 2 });
    await expect(login(sw)).rejects.toThrow();
    const boots = sw.state.boots;
    await sw.apply({ kind: 'member-up', member: 2 });
    expect(sw.state.boots).toBe(boots + 1);
    const shell = await privileged(sw);
    expect(await run(shell, 'show switch')).toMatch(/^ 1\s+Member\s+\S+\s+\d+\s+\S+\s+Removed/m);
    shell.end();
  });

  it('a member that is not there is a clear error', async () => {
    const sw = await oneSwitch(2);
    await expect(sw.apply({ kind: 'member-down', member: 7 })).rejects.toThrow('dist-1 has no stack member 7 (members: 1, 2)');
  });
});

describe('host keys', () => {
  it('are the same across restarts of the same lab switch and change with new-host-key', async () => {
    const first = await oneSwitch(1, 'seed-a');
    const key1 = await fetchHostKey(first.ports.ssh);
    await fleet!.stop();
    const second = await oneSwitch(1, 'seed-a');
    const key2 = await fetchHostKey(second.ports.ssh);
    expect(key2.equals(key1)).toBe(true);
    await second.apply({ kind: 'new-host-key' });
    const key3 = await fetchHostKey(second.ports.ssh);
    expect(key3.equals(key1)).toBe(false);
  });
});

describe('faults', () => {
  it('refuse-auth: correct credentials are refused', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'fault', fault: { kind: 'refuse-auth' } });
    await expect(login(sw)).rejects.toThrow(/authentication/i);
    await sw.apply({ kind: 'clear-faults' });
    (await login(sw)).end();
  });

  it('hang: login succeeds and then nothing comes back', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'fault', fault: { kind: 'hang' } });
    const shell = await login(sw);
    shell.send('\n');
    await expect(shell.readUntil(/DIST-1[>#]$/, 1500)).rejects.toThrow(/timed out/);
    shell.end();
  });

  it('drop: the connection closes in the middle of the configuration', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw);
    await sw.apply({ kind: 'fault', fault: { kind: 'drop', afterBytes: 2000 } });
    shell.send('show running-config\n');
    await shell.closed;
    const got = shell.received();
    expect(got).toContain('Building configuration...');
    expect(got).not.toMatch(/\r\nend\r\n/);
  });

  it('drip: output arrives in small pieces but complete', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw);
    await sw.apply({ kind: 'fault', fault: { kind: 'drip', chunkBytes: 512, pauseMs: 1 } });
    expect(await run(shell, 'show switch')).toMatch(/\*1\s+Active/);
    shell.end();
  });

  it('noise: ANSI codes and NULs in the output; stripped, the output is the clean one', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw);
    const clean = await run(shell, 'show running-config');
    await sw.apply({ kind: 'fault', fault: { kind: 'noise' } });
    const noisy = await run(shell, 'show running-config');
    expect(noisy).not.toBe(clean);
    expect(noisy).toMatch(/\x1b\[/);
    // eslint-disable-next-line no-control-regex
    expect(noisy.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x00/g, '')).toBe(clean);
    shell.end();
  });

  it('garbage: the answer to a command is not its output', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw);
    await sw.apply({ kind: 'fault', fault: { kind: 'garbage' } });
    const out = await run(shell, 'show running-config');
    expect(out).not.toContain('hostname DIST-1');
    expect(out.length).toBeGreaterThan(1000);
    shell.end();
  });

  it('latency: commands still answer, after the delay', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw);
    await sw.apply({ kind: 'fault', fault: { kind: 'latency', ms: 200 } });
    expect(await run(shell, 'show switch')).toMatch(/\*1\s+Active/);
    expect(sw.state.faults.latencyMs).toBe(200);
    shell.end();
  });
});
