// The fault a restore must survive: the SSH link drops halfway through typing a
// configuration (`fault drop-after-lines N`). Driven over real SSH, and set and seen
// through the real `switchback lab` CLI as an engineer rehearsing it would.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLabEvent } from '../../src/lab/events.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet, SwitchStatus } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { runCli, startCli } from '../helpers/cli.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';
import { openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

async function oneSwitch(): Promise<LabSwitch> {
  fleet = await startFleet({ count: 1, specs: [stackSpec('dist-1', 2)], credentials: TEST_CREDENTIALS, hostKeySeed: 'push-faults' });
  return fleet.get('dist-1');
}

async function privileged(port: number, creds: { username: string; password: string; enable: string }, prompt = 'DIST-1', host = '127.0.0.1'): Promise<Shell> {
  const shell = await openShell({ host, port, username: creds.username, password: creds.password });
  await shell.readUntil(new RegExp(`${prompt}>$`));
  shell.send(`enable\n${creds.enable}\nterminal length 0\n`);
  await shell.readUntil(new RegExp(`terminal length 0\\r\\n${prompt}#$`));
  return shell;
}

const TEST_LOGIN = { username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, enable: TEST_CREDENTIALS.enableSecret };

async function run(shell: Shell, line: string, prompt: RegExp): Promise<string> {
  shell.send(line + '\n');
  return (await shell.readUntil(prompt)).replace(/\r\n/g, '\n');
}

const CONFIG = /DIST-1\(config[^)]*\)#$/;

describe('fault drop-after-lines N', () => {
  it('applies the first N configuration lines and drops the link as line N+1 is typed', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'fault', fault: { kind: 'drop-after-lines', lines: 3 } });
    const shell = await privileged(sw.ports.ssh, TEST_LOGIN);
    // Exec-mode lines do not count: only what is typed in configuration mode does.
    await run(shell, 'show clock', /DIST-1#$/);
    await run(shell, 'show privilege', /DIST-1#$/);
    await run(shell, 'configure terminal', CONFIG);
    await run(shell, 'interface GigabitEthernet1/0/5', CONFIG);
    await run(shell, ' description line-two', CONFIG);
    await run(shell, 'interface GigabitEthernet1/0/6', CONFIG);
    shell.send(' description line-four\n');
    await shell.closed;
    // The line was echoed, and then nothing: no prompt, no answer to it.
    expect(shell.received().endsWith(' description line-four\r\n')).toBe(true);

    await sw.apply({ kind: 'clear-faults' });
    const after = await privileged(sw.ports.ssh, TEST_LOGIN);
    const running = await run(after, 'show running-config', /DIST-1#$/);
    expect(running).toContain('interface GigabitEthernet1/0/5\n description line-two\n');
    expect(running).not.toContain('line-four');
    after.end();
  });

  it('counts configuration lines across sessions since the fault was set, and clear-faults ends it', async () => {
    const sw = await oneSwitch();
    await sw.apply({ kind: 'fault', fault: { kind: 'drop-after-lines', lines: 2 } });
    const first = await privileged(sw.ports.ssh, TEST_LOGIN);
    await run(first, 'configure terminal', CONFIG);
    await run(first, 'interface GigabitEthernet1/0/7', CONFIG);
    await run(first, 'end', /DIST-1#$/);
    first.end();
    const second = await privileged(sw.ports.ssh, TEST_LOGIN);
    await run(second, 'configure terminal', CONFIG);
    second.send('interface GigabitEthernet1/0/8\n');
    await second.closed;

    await sw.apply({ kind: 'clear-faults' });
    const third = await privileged(sw.ports.ssh, TEST_LOGIN);
    await run(third, 'configure terminal', CONFIG);
    for (const line of ['interface GigabitEthernet1/0/8', ' description after-clear', 'end']) await run(third, line, /DIST-1(\(config[^)]*\))?#$/);
    expect(await run(third, 'show running-config | include after-clear', /DIST-1#$/)).toContain(' description after-clear');
    third.end();
  });

  it('is an event people type: `fault drop-after-lines N`', () => {
    expect(parseLabEvent(['fault', 'drop-after-lines', '40'])).toEqual({ kind: 'fault', fault: { kind: 'drop-after-lines', lines: 40 } });
    expect(() => parseLabEvent(['fault', 'drop-after-lines'])).toThrow('fault drop-after-lines needs LINES of configuration before the drop');
  });
});

describe('drop-after-lines from the switchback lab CLI', () => {
  it('lab event sets it, lab status shows it, the link drops on line N+1, clear-faults ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-push-faults-'));
    const inventory = join(dir, 'devices', 'lab.yaml');
    const lab = await startCli(['lab', 'up', '--devices', '1', '--inventory', inventory], /Ctrl-C stops the lab/, { env: { NO_COLOR: '1' } });
    try {
      const env = Object.fromEntries(
        lab
          .stdout()
          .split('\n')
          .map((l) => /^\s*export (\w+)=(\S+)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1]!, m[2]!]),
      );
      const status = async () =>
        (JSON.parse((await runCli(['lab', 'status', '--json', '--inventory', inventory])).stdout) as { switches: SwitchStatus[] }).switches;
      const set = await runCli(['lab', 'event', 'lab-sw-01', 'fault', 'drop-after-lines', '1', '--inventory', inventory]);
      expect(set.code).toBe(0);
      expect((await status())[0]?.faults).toEqual(['drop-after-lines 1']);
      expect((await runCli(['lab', 'status', '--inventory', inventory])).stdout).toMatch(/^lab-sw-01\s.*\sdrop-after-lines 1\s+cisco-ios\s*$/m);

      const device = (parse(readFileSync(inventory, 'utf8')) as { devices: { host: string; port: number }[] }).devices[0]!;
      const login = { username: env.SWITCHBACK_LAB_USER!, password: env.SWITCHBACK_LAB_PASSWORD!, enable: env.SWITCHBACK_LAB_ENABLE! };
      const shell = await privileged(device.port, login, 'LAB_SW_01', device.host);
      await run(shell, 'configure terminal', /LAB_SW_01\(config\)#$/);
      await run(shell, 'interface GigabitEthernet1/0/3', /LAB_SW_01\(config-if\)#$/);
      shell.send(' description never\n');
      await shell.closed;

      await runCli(['lab', 'event', 'lab-sw-01', 'clear-faults', '--inventory', inventory]);
      expect((await status())[0]?.faults).toEqual([]);
    } finally {
      lab.child.kill('SIGINT');
      await lab.exited;
    }
  });
});
