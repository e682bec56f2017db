// The dell-os6 platform object's data: the save and its question against the dialog OS6 prints
// (fake-switches' Dell test, a Dell N3048 operator's notes), the refusal texts, how lines are
// negated and replaced in configuration mode, the pager, and the words it uses. (The parsers are
// tested on the real captures in dellos6-parsers.test.ts; the EFOS replay in test/lab.)

import { describe, expect, it } from 'vitest';
import { dellOs6, SAVE_QUESTION } from '../../src/platforms/dell-os6/index.js';
import { negate, replaces } from '../../src/platforms/dell-os6/configure.js';

const configure = dellOs6.restore[0]!.kind === 'line-merge' ? dellOs6.restore[0]!.configure : undefined!;

describe('save: copy running-config startup-config and its question', () => {
  const dialog =
    '\nThis operation may take a few minutes.\nManagement interfaces will not be available during this time.\n\nAre you sure you want to save? (y/n) ';
  it('answers the question with the one key y and knows the success text', () => {
    expect(dellOs6.persist).toMatchObject({ kind: 'save', command: 'copy running-config startup-config', words: 'copy running-config startup-config' });
    expect(SAVE_QUESTION.pattern.test(dialog)).toBe(true);
    expect(SAVE_QUESTION.answer).toBe('y');
    if (dellOs6.persist.kind !== 'save') return;
    expect(dellOs6.persist.ok.test('y\n\nConfiguration Saved!\n')).toBe(true);
    expect(dellOs6.persist.ok.test('\n\nConfiguration Not Saved!\n')).toBe(false);
  });
});

describe('configuration mode', () => {
  it('recognises OS6’s refusals, not its normal output', () => {
    for (const refusal of [
      "% Invalid input detected at '^' marker.",
      'Command not found / Incomplete command. Use ? to list commands.',
      'ERROR: This VLAN does not exist.',
      'An invalid interface has been used for this function',
    ])
      expect(configure.errors.some((re) => re.test(refusal))).toBe(true);
    expect(configure.errors.some((re) => re.test('Configuration Saved!'))).toBe(false);
  });

  it('knows its modes by the prompt', () => {
    expect(configure.inConfigMode.test('switch1(config-if-Te1/0/1)#')).toBe(true);
    expect(configure.inConfigMode.test('switch1(config-vlan666)#')).toBe(true);
    expect(configure.topLevel.test('switch1(config)#')).toBe(true);
    expect(configure.topLevel.test('switch1(config-stack)#')).toBe(false);
    expect(configure.inConfigMode.test('switch1#')).toBe(false);
  });

  it('removes a one-value setting by its keyword, never a VLAN list, and types over what holds one value', () => {
    expect(negate('name "TEST"')).toBe('no name');
    expect(negate('description "Interface 4"')).toBe('no description');
    expect(negate('interface vlan 666')).toBe('no interface vlan 666');
    expect(negate('no ip http server')).toBe('ip http server');
    expect(negate('vlan 666,699,707')).toBeUndefined();
    expect(negate('exit')).toBeUndefined();
    expect(replaces('hostname "b"', 'hostname "a"')).toBe(true);
    expect(replaces('switchport trunk allowed vlan 666,699', 'switchport trunk allowed vlan 699')).toBe(true);
    expect(replaces('vlan 666,699', 'vlan 699,707')).toBe(true);
    expect(replaces('shutdown', 'no shutdown')).toBe(true);
    expect(replaces('ip address 10.0.0.1 255.0.0.0', 'description "x"')).toBe(false);
  });

  it('declines a question it does not know and never types a line that acts', () => {
    expect(configure.unknownQuestion.test('Are you sure? (y/n) ')).toBe(true);
    expect(configure.execLevel.some((re) => re.test('reload'))).toBe(true);
    expect(configure.execLevel.some((re) => re.test('copy running-config startup-config'))).toBe(true);
    expect(configure.execLevel.some((re) => re.test('hostname "x"'))).toBe(false);
  });
});

describe('session and words', () => {
  it('pages with FASTPATH’s pager, turns paging off, enables', () => {
    expect(dellOs6.setup).toEqual(['terminal length 0']);
    expect(dellOs6.pagers.some((p) => p.test('--More-- or (q)uit'))).toBe(true);
    expect(dellOs6.pagers.some((p) => p.test('--More--'))).toBe(true);
    expect(dellOs6.session.kind === 'cli' && dellOs6.session.enable?.passwordPrompt.test('Password:')).toBe(true);
  });

  it('names the roles as OS6 does and stacks by the backplane rule', () => {
    expect(dellOs6.stack).toMatchObject({
      model: 'backplane',
      command: 'show switch',
      roleWords: { active: 'management unit', standby: 'standby', member: 'member' },
    });
    expect(dellOs6.words).toEqual({ running: 'running-config', startup: 'startup-config' });
  });
});
