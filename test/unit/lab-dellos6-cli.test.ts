// The lab's Dell OS6 personality on its own (no SSH): its configuration text against the real
// N4032 capture, configuration mode with `exit`-closed modes, the save and its question, show
// switch read back by the platform's parser, and the election by the backplane rule.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unsavedLines } from '../../src/config/normalise.js';
import { memberDown, NO_FAULTS } from '../../src/lab/model.js';
import type { SwitchState } from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { openOs6Cli } from '../../src/lab/personalities/dell-os6/cli.js';
import { parseOs6, renderOs6 } from '../../src/lab/personalities/dell-os6/config-text.js';
import { dellOs6Personality, electOs6, STANDBY_SYNC_MS } from '../../src/lab/personalities/dell-os6/index.js';
import { showStackPorts, showSwitch, showVersion } from '../../src/lab/personalities/dell-os6/show.js';
import { dellOs6, parseStack, parseStackPorts, parseVersion, stackLinks } from '../../src/platforms/dell-os6/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const RUNNING = readFileSync(join(REAL, 'napalm-dellos6/test_get_config/normal/show_running_config.txt'), 'utf8');

function labSwitch(feeds = ['A', 'B', 'B']): { state: SwitchState; host: CliHost; saves: string[] } {
  const state = dellOs6Personality.initialState(
    {
      name: 'n1',
      hostname: 'n1',
      index: 3,
      members: feeds.map((feed, i) => ({ number: i + 1, priority: i === 0 ? 15 : i === 1 ? 10 : 1, model: 'N4032', feed })),
    },
    Date.now(),
  );
  state.faults = { ...NO_FAULTS };
  const saves: string[] = [];
  const host: CliHost = {
    state,
    now: () => Date.now(),
    save: (by) => {
      saves.push(by);
      state.startup = JSON.parse(JSON.stringify(state.running)) as SwitchState['running'];
    },
    touchRunning: () => undefined,
  };
  return { state, host, saves };
}

describe('the lab’s OS6 configuration text', () => {
  it('reads and prints the real N4032 configuration back byte for byte (blocks, `exit`s, `!` before each port)', () => {
    const body = RUNNING.split('\n').slice(5).join('\n');
    expect(renderOs6(parseOs6(body)).join('\n') + '\n').toBe(body);
  });
});

describe('the lab’s OS6 CLI', () => {
  it('enable, terminal length 0, configuration modes by `exit`; the change is unsaved until saved with its question', () => {
    const { state, host, saves } = labSwitch();
    const cli = openOs6Cli(host, 'admin', 1, 'en-secret');
    expect(cli.greeting()).toMatch(/\nn1>$/);
    expect(cli.input('enable').output).toBe('Password:');
    cli.input('en-secret');
    expect(cli.prompt()).toBe('n1#');
    expect(cli.input('terminal length 0').output).toBe('');
    cli.input('configure');
    expect(cli.prompt()).toBe('n1(config)#');
    cli.input('vlan 666');
    expect(cli.prompt()).toBe('n1(config-vlan666)#');
    cli.input('name "TEST"');
    cli.input('exit');
    cli.input('interface vlan 666');
    expect(cli.prompt()).toBe('n1(config-if-vlan666)#');
    cli.input('ip address 192.0.2.129 255.255.255.252');
    cli.input('exit');
    cli.input('exit');
    expect(cli.prompt()).toBe('n1#');
    const running = dellOs6Personality.showRunning(state, Date.now());
    expect(running).toMatch(/^vlan 10,20,99,666\nexit\n/m);
    expect(running).toContain('vlan 666\nname "TEST"\nexit\n');
    expect(dellOs6Personality.unsavedCounts!(state)).toEqual({ added: 5, removed: 1 });

    const ask = cli.input('copy running-config startup-config');
    expect(ask.key).toBe(true);
    expect(ask.output).toMatch(/Are you sure you want to save\? \(y\/n\) $/);
    expect(dellOs6.persist.kind === 'save' && dellOs6.persist.questions?.[0]?.pattern.test(ask.output)).toBe(true);
    expect(cli.input('y').output).toContain('Configuration Saved!');
    expect(saves).toEqual(['admin']);
    expect(dellOs6Personality.unsavedCounts!(state)).toEqual({ added: 0, removed: 0 });
  });

  it('refuses what it does not know in OS6’s words, and `no` removes a block and a VLAN', () => {
    const { state, host } = labSwitch();
    const cli = openOs6Cli(host, 'admin', 15, '');
    expect(cli.input('shizzle').output).toMatch(/% Invalid input detected at '\^' marker\./);
    expect(dellOs6.errors.some((re) => re.test(cli.input('show').output))).toBe(true);
    cli.input('configure');
    cli.input('no interface vlan 99');
    cli.input('no vlan 20');
    cli.input('end');
    const running = dellOs6Personality.showRunning(state, Date.now());
    expect(running).not.toContain('interface vlan 99');
    expect(running).toMatch(/^vlan 10,99$/m);
    expect(running).not.toContain('name "Voice"');
  });

  it('prints show switch, show version and stack-ports as the platform’s parsers read the real ones', () => {
    const { state } = labSwitch();
    expect(parseStack(showSwitch(state)).map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'standby', 'ready'],
      [3, 'member', 'ready'],
    ]);
    expect(parseVersion(showVersion(state))).toMatchObject({ model: 'N4032', version: '6.2.0.5' });
    expect(stackLinks(parseStackPorts(showStackPorts(state)))).toHaveLength(6);
  });
});

describe('the lab’s OS6 election (backplane)', () => {
  it('a lost management unit: the standby takes over and a new standby is elected', () => {
    const { state } = labSwitch();
    memberDown(state, 1, { elect: electOs6() });
    expect(state.members.map((m) => [m.number, m.role])).toEqual([
      [1, 'member'],
      [2, 'active'],
      [3, 'standby'],
    ]);
  });

  it('management unit and standby lost together: the unit left reloads from startup, unsaved lines gone', () => {
    const { state, host } = labSwitch(['A', 'A', 'B']);
    const cli = openOs6Cli(host, 'admin', 15, '');
    for (const l of ['configure', 'hostname "changed"', 'end']) cli.input(l);
    const boots = state.boots;
    let t = Date.now();
    const clock = () => t;
    const elect = electOs6(clock);
    memberDown(state, 1, { elect });
    t += 10; // moments later: the new management unit goes too, before any standby synced
    const said = memberDown(state, 2, { elect });
    expect(said?.says).toMatch(/no standby could take over .* elected unit 3 and reloaded from startup-config/);
    expect(state.boots).toBe(boots + 1);
    expect(state.members.find((m) => m.number === 3)?.role).toBe('active');
    expect(unsavedLines(dellOs6.syntax, dellOs6Personality.showRunning(state, t), dellOs6Personality.showStartup(state)).counts).toEqual({
      added: 0,
      removed: 0,
    });
    expect(STANDBY_SYNC_MS).toBeGreaterThan(10);
  });
});
