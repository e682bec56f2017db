// The lab's pure parts: the stack model's events and elections, IOS command
// matching, configuration mode, and lab event parsing.

import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/lab/command-match.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import { parseConfig } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import { parseLabEvent } from '../../src/lab/events.js';
import * as model from '../../src/lab/model.js';
import { applyConfigLine } from '../../src/lab/personalities/cisco-iosxe/config-mode.js';
import type { ConfigLevel } from '../../src/lab/personalities/cisco-iosxe/config-mode.js';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { IOS_ROLE } from '../../src/lab/personalities/cisco-iosxe/stack-words.js';
import { stackSpec } from '../helpers/lab.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

function fourMembers() {
  return ciscoIosxe.initialState(stackSpec('m-1', 4), NOW);
}

describe('stack model', () => {
  it('elects the highest priority Active and the next Standby at boot', () => {
    const s = fourMembers();
    expect(s.members.map((m) => IOS_ROLE[m.role])).toEqual(['Active', 'Standby', 'Member', 'Member']);
  });

  it('Active down: the Standby takes over and a new Standby is elected; no pre-emption when it returns', () => {
    const s = fourMembers();
    model.memberDown(s, 1);
    expect(model.activeMember(s)?.number).toBe(2);
    expect(s.members.find((m) => m.role === 'standby')?.number).toBe(3);
    model.memberUp(s, 1, ciscoIosxe.factoryDefault(), NOW);
    expect(model.activeMember(s)?.number).toBe(2);
    expect(s.members.find((m) => m.number === 1)).toMatchObject({ role: 'member', state: 'ready' });
  });

  it('power-cycle boots from startup: unsaved lines go, boots +1, nothing written since boot', () => {
    const s = fourMembers();
    model.changeRunning(s, (t) => [...t.slice(0, -1), { line: 'ip route 10.9.9.0 255.255.255.0 192.0.2.9', children: [] }, ...t.slice(-1)], 'x', NOW);
    expect(model.isUnsaved(s)).toBe(true);
    model.powerCycle(s, ciscoIosxe.factoryDefault(), NOW + 1000);
    expect(model.isUnsaved(s)).toBe(false);
    expect(renderConfig(s.running)).not.toContain('10.9.9.0');
    expect(s.boots).toBe(2);
    expect(s.startupChangedAt).toBeNull();
    // IOS applying the startup config counts as a change after boot, but never in the future.
    expect(s.runningChangedAt).toBeGreaterThan(s.bootedAt);
    expect(s.runningChangedAt).toBeLessThanOrEqual(NOW + 1000);
  });

  it('power-cycle losing the config: no startup, factory running config, hostname Switch', () => {
    const s = fourMembers();
    model.powerCycle(s, ciscoIosxe.factoryDefault(), NOW, true);
    expect(s.startup).toBeNull();
    expect(ciscoIosxe.hostname(s)).toBe('Switch');
    expect(model.isUnsaved(s)).toBe(true);
  });
});

describe('IOS command matching', () => {
  const table = [
    { words: ['show', 'running-config'] },
    { words: ['show', 'startup-config'] },
    { words: ['show', 'switch'] },
    { words: ['show', 'switch', 'detail'] },
    { words: ['terminal', 'length', '<n>'] },
  ];
  it('takes unique prefixes and arguments', () => {
    expect(matchCommand(table, 'sh run')).toMatchObject({ kind: 'ok', command: { words: ['show', 'running-config'] } });
    expect(matchCommand(table, 'sh sw det')).toMatchObject({ kind: 'ok', command: { words: ['show', 'switch', 'detail'] } });
    expect(matchCommand(table, 'term len 0')).toMatchObject({ kind: 'ok', args: ['0'] });
  });
  it('says ambiguous, incomplete and where the input is invalid', () => {
    expect(matchCommand(table, 'sh s').kind).toBe('ambiguous');
    expect(matchCommand(table, 'terminal length').kind).toBe('incomplete');
    expect(matchCommand(table, 'show runing-config')).toEqual({ kind: 'invalid', at: 5 });
  });
});

describe('configuration mode', () => {
  const apply = (text: string, lines: string[]) => {
    const tree = parseConfig(text);
    let levels: ConfigLevel[] = [];
    for (const l of lines) {
      const out = applyConfigLine(tree, levels, l);
      if (out.kind === 'ok') levels = out.levels;
      else if (out.kind !== 'end') throw new Error(`${l}: ${out.kind}`);
    }
    return renderConfig(tree);
  };
  const base = 'hostname A\n!\ninterface GigabitEthernet1/0/1\n description old\n shutdown\n!\nno ip http server\nend\n';

  it('replaces single-value lines, removes with no, and keeps IOS order', () => {
    const out = apply(base, ['interface GigabitEthernet1/0/1', ' description new', ' no shutdown', 'interface GigabitEthernet1/0/2', ' description two']);
    expect(out).toBe(
      'hostname A\n!\ninterface GigabitEthernet1/0/1\n description new\ninterface GigabitEthernet1/0/2\n description two\n!\nno ip http server\nend\n',
    );
  });

  it('a global command typed in a sub-mode leaves the sub-mode, as IOS does', () => {
    const out = apply(base, ['interface GigabitEthernet1/0/1', 'hostname B']);
    expect(out).toContain('hostname B\n');
    expect(out).not.toContain(' hostname B');
  });

  it('default-on features keep their no form; turning one on removes it', () => {
    expect(apply(base, ['ip http server'])).not.toContain('no ip http server');
    expect(apply(base, ['no service pad'])).toContain('no service pad');
  });

  it('expands abbreviations and interface names', () => {
    expect(apply(base, ['int gi1/0/1', 'desc short'])).toContain('interface GigabitEthernet1/0/1\n description short\n');
  });

  it('reads a banner up to its delimiter', () => {
    const tree = parseConfig(base);
    const out = applyConfigLine(tree, [], 'banner motd #');
    expect(out.kind).toBe('banner');
  });
});

describe('the lab accepts its own configuration', () => {
  it('every line of a generated stack config, typed into a factory-default switch, is accepted', () => {
    const spec = stackSpec('typed-1', 3);
    const state = ciscoIosxe.initialState(spec, NOW);
    const text = renderConfig(state.running);
    model.powerCycle(state, ciscoIosxe.factoryDefault(), NOW, true);
    const host = { state, now: () => NOW, save: () => undefined, touchRunning: () => undefined };
    const cli = ciscoIosxe.openCli(host, 'test', 15, 'x');
    const refused: string[] = [];
    for (const line of ['configure terminal', ...text.split('\n').filter((l) => l !== 'end' && l.trim() !== ''), 'end']) {
      const reply = cli.input(line);
      if (reply.output.includes('% ')) refused.push(line);
    }
    expect(refused).toEqual([]);
  });
});

describe('lab events from the command line', () => {
  it('parses each event', () => {
    expect(parseLabEvent(['power-cycle', '--lose-config'])).toEqual({ kind: 'power-cycle', loseConfig: true });
    expect(parseLabEvent(['member-down', '2'])).toEqual({ kind: 'member-down', member: 2 });
    expect(parseLabEvent(['fault', 'drop', '4096'])).toEqual({ kind: 'fault', fault: { kind: 'drop', afterBytes: 4096 } });
    expect(parseLabEvent(['change', 'interface Gi1/0/1\n description x'])).toEqual({ kind: 'change', lines: ['interface Gi1/0/1', ' description x'] });
    expect(parseLabEvent(['set-uptime', '500d'])).toEqual({ kind: 'set-uptime', seconds: 500 * 86400 });
  });
  it('refuses what it cannot parse, saying what it wanted', () => {
    expect(() => parseLabEvent(['member-down'])).toThrow('member-down needs a member number');
    expect(() => parseLabEvent(['fault', 'melt'])).toThrow('unknown fault "melt"');
    expect(() => parseLabEvent(['explode'])).toThrow('unknown event "explode"');
  });
});
