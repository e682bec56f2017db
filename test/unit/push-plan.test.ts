// The restore plan on the real C9200L configuration (Oxidized's recorded session of an
// IOS-XE 17.9 switch, test/fixtures/real; sources in test/fixtures/SOURCES.md): what is
// typed to get from what a switch runs to a target, and how the result is judged.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig } from '../../src/config/normalise.js';
import { compareWithTarget, describeLines, execLevelLines, planPush, typingFor, unitsOf } from '../../src/config/push-plan.js';
import type { PlanItem } from '../../src/config/push-plan.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const session = parseRecordedSession(readFileSync(join(REAL, 'oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml'), 'utf8'));
const C9200L = extractConfig(ciscoIos, session.exchanges.find((e) => e.send === 'show running-config\n')!.output);
const configure = ciscoIos.restore.find((s) => s.kind === 'line-merge')!.configure;

/** The real config with `edit` applied to its lines. */
const edited = (edit: (lines: string[]) => string[]) => edit(C9200L.split('\n')).join('\n');
const typed = (items: PlanItem[]) => items.map((i) => ({ change: i.change, parents: i.line.parents, type: i.type }));

describe('planPush on the real C9200L configuration', () => {
  it('has nothing to type when the switch runs the target', () => {
    const plan = planPush(ciscoIos.syntax, configure, C9200L, C9200L);
    expect(plan.items).toEqual([]);
    expect(plan.unremovable).toEqual([]);
  });

  it('types a lost description under its interface, and removes a line the target lacks with its `no` form', () => {
    const running = edited((ls) => ls.filter((l) => l !== ' description oxidized two').concat()).replace(
      'ip ssh version 2\n',
      'ip ssh version 2\nlogging host 10.9.9.9\n',
    );
    const plan = planPush(ciscoIos.syntax, configure, running, C9200L);
    expect(typed(plan.items)).toEqual([
      { change: 'remove', parents: [], type: ['no logging host 10.9.9.9'] },
      { change: 'add', parents: ['interface GigabitEthernet1/0/2'], type: ['description oxidized two'] },
    ]);
    expect(describeLines(plan.items)).toEqual(['- logging host 10.9.9.9', '  interface GigabitEthernet1/0/2', '+  description oxidized two']);
  });

  it('does not `no` a value the target replaces: a new description, an address for `no ip address`, shutdown for no shutdown', () => {
    const target = C9200L.replace(' description oxidized two\n', ' description uplink two\n').replace(
      'interface Vlan1\n no ip address\n shutdown\n',
      'interface Vlan1\n ip address 10.0.0.5 255.255.255.0\n no shutdown\n',
    );
    const plan = planPush(ciscoIos.syntax, configure, C9200L, target);
    expect(plan.items.every((i) => i.change === 'add')).toBe(true);
    expect(typed(plan.items)).toEqual([
      { change: 'add', parents: ['interface GigabitEthernet1/0/2'], type: ['description uplink two'] },
      { change: 'add', parents: ['interface Vlan1'], type: ['ip address 10.0.0.5 255.255.255.0'] },
      { change: 'add', parents: ['interface Vlan1'], type: ['no shutdown'] },
    ]);
  });

  it('removes a whole block with one line, and keeps a physical port it cannot remove (its sub-lines go one by one)', () => {
    const target = edited((ls) => {
      const at = ls.indexOf('interface Vlan2');
      const portAt = ls.indexOf('interface GigabitEthernet1/0/1');
      // Drop interface Vlan2 (3 lines) and the whole Gi1/0/1 block (6 lines).
      return ls.filter((_, i) => !(i >= at && i < at + 3) && !(i >= portAt && i < portAt + 6));
    });
    const plan = planPush(ciscoIos.syntax, configure, C9200L, target);
    const removals = typed(plan.items).filter((i) => i.change === 'remove');
    expect(removals).toContainEqual({ change: 'remove', parents: [], type: ['no interface Vlan2'] });
    expect(removals.filter((r) => r.parents[0] === 'interface Vlan2')).toEqual([]);
    expect(removals.filter((r) => r.parents[0] === 'interface GigabitEthernet1/0/1').map((r) => r.type[0])).toEqual([
      'no description oxidized test one'.replace(' oxidized test one', ''),
      'no switchport access vlan 2',
      'no switchport mode access',
      'snmp trap link-status',
      'no spanning-tree portfast',
    ]);
    expect(plan.unremovable.map((l) => l.text)).toEqual(['interface GigabitEthernet1/0/1']);
  });

  it('types a banner whole, with a delimiter its text does not contain', () => {
    const running = edited((ls) => {
      const at = ls.indexOf('banner exec ^C');
      return ls.filter((_, i) => i < at || i > at + 4);
    });
    const plan = planPush(ciscoIos.syntax, configure, running, C9200L);
    expect(plan.items).toHaveLength(1);
    // The text holds `#`, so `#` cannot end it.
    expect(plan.items[0]!.type).toEqual([
      'banner exec %',
      '### EXAMPLE IOS-XE 17.09.04a config on a C9200L-24P-4G ###',
      'Retrieved 2024-09-09 by @robertcheramy',
      '### ###',
      '%',
    ]);
  });

  it('replaces a changed banner without removing it first, and removes one the target lacks', () => {
    const changed = planPush(ciscoIos.syntax, configure, C9200L, C9200L.replace('Login banner.', 'Authorised use only.'));
    expect(changed.items.map((i) => [i.change, i.type[0]])).toEqual([['add', 'banner login #']]);
    const gone = planPush(ciscoIos.syntax, configure, C9200L, C9200L.replace(/banner login \^C\n[\s\S]*?\^C\n/, ''));
    expect(gone.items.map((i) => i.type)).toEqual([['no banner login']]);
  });

  it('leaves `version` alone: it follows the software, not the configuration', () => {
    expect(planPush(ciscoIos.syntax, configure, C9200L.replace('version 17.9', 'version 17.12'), C9200L).items).toEqual([]);
  });

  it('takes a user, an enable secret and a community out with the short `no` forms IOS accepts', () => {
    const running = C9200L.replace(
      'ip ssh version 2\n',
      'ip ssh version 2\nusername intruder privilege 15 secret 9 $9$abc\nsnmp-server community guessme RO\n',
    );
    expect(planPush(ciscoIos.syntax, configure, running, C9200L).items.map((i) => i.type[0])).toEqual([
      'no username intruder',
      'no snmp-server community guessme',
    ]);
  });
});

describe('describeLines masks before it marks', () => {
  it('shows a lost secret line masked: secret patterns are anchored at the start of a line', () => {
    const running = C9200L.replace(/^username rocks .*\n/m, '');
    const plan = planPush(ciscoIos.syntax, configure, running, C9200L);
    const shown = describeLines(plan.items, (l) => l.replace(/(secret 9 )\S+/, '$1<masked>'));
    expect(shown).toEqual(['+ username rocks secret 9 <masked>']);
  });
});

describe('typingFor: from where the session is to where a change goes', () => {
  const item = (parents: string[], text: string, change: 'add' | 'remove' = 'add'): PlanItem => ({
    change,
    line: { text, parents, key: text },
    type: [text.trim()],
  });

  it('goes up out of levels not shared and into the parents not yet entered', () => {
    const af6 = item(['router bgp 65000', ' address-family ipv6'], '  neighbor 2001:db8::1 activate');
    expect(typingFor(['router bgp 65000', ' address-family ipv4'], af6, undefined)).toEqual({ ups: 1, context: [' address-family ipv6'], opens: false });
    expect(typingFor([], af6, undefined)).toEqual({ ups: 0, context: ['router bgp 65000', ' address-family ipv6'], opens: false });
  });

  it('says a line opens a level when the next change sits under it', () => {
    const vlan = item([], 'interface Vlan30');
    const child = item(['interface Vlan30'], ' description new');
    expect(typingFor(['interface Vlan2'], vlan, child)).toEqual({ ups: 1, context: [], opens: true });
    expect(typingFor([], vlan, item([], 'ip route 0.0.0.0 0.0.0.0 10.0.0.1')).opens).toBe(false);
  });
});

describe('compareWithTarget', () => {
  it('finds the switch the same as the target after an exact restore', () => {
    expect(compareWithTarget(ciscoIos.syntax, configure, C9200L, C9200L)).toMatchObject({ same: true, missing: [], leftOver: [] });
  });

  it('lists a line that did not take and a line left over', () => {
    const after = C9200L.replace(' description oxidized two\n', '').replace('ip ssh version 2\n', 'ip ssh version 2\nlogging host 10.9.9.9\n');
    const c = compareWithTarget(ciscoIos.syntax, configure, after, C9200L);
    expect(c.same).toBe(false);
    expect(c.missing.map((l) => [l.parents, l.text])).toEqual([[['interface GigabitEthernet1/0/2'], ' description oxidized two']]);
    expect(c.leftOver.map((l) => l.text)).toEqual(['logging host 10.9.9.9']);
  });

  it('does not hold a port the switch cannot remove against it', () => {
    const after = C9200L.replace('interface Vlan1\n', 'interface GigabitEthernet1/0/48\n!\ninterface Vlan1\n');
    const c = compareWithTarget(ciscoIos.syntax, configure, after, C9200L);
    expect(c.same).toBe(true);
    expect(c.unremovable.map((l) => l.text)).toEqual(['interface GigabitEthernet1/0/48']);
  });
});

describe('execLevelLines: commands a target must not hold', () => {
  it('finds do, reload and write erase, wherever they sit, but not banner text that mentions them', () => {
    const target = C9200L.replace('ip ssh version 2\n', 'ip ssh version 2\ndo write erase\nreload in 5\ninterface Vlan2\n do show clock\n').replace(
      'Login banner.',
      'do not reload this switch',
    );
    expect(execLevelLines(ciscoIos.syntax, configure, target)).toEqual(['do write erase', 'reload in 5', ' do show clock']);
    expect(execLevelLines(ciscoIos.syntax, configure, C9200L)).toEqual([]);
  });
});

describe('unitsOf', () => {
  it('keeps each banner as one unit with its text, and drops blank and `!` lines', () => {
    const units = unitsOf(ciscoIos.syntax, configure, C9200L);
    const banner = units.find((u) => u.text === 'banner login ^C');
    expect(banner?.unit).toEqual({ kind: 'banner', lines: ['banner login ^C', '.', 'Login banner.', '.', '^C'] });
    expect(units.some((u) => u.text.trim() === '!' || u.text.trim() === '')).toBe(false);
    expect(units.some((u) => u.text === 'Login banner.')).toBe(false);
  });
});

// What IOS prints that is not a line to type on its own: levels closed by `exit-address-family`
// and `quit`, a certificate's body, a numbered ACL's ordered entries, an allowed-VLAN list
// continued with `add`. These shapes are IOS's own (show running-config); the certificate
// body is shortened.
describe('units IOS prints that restore must type whole, or not at all', () => {
  const withBlock = (block: string) => C9200L.replace('ip ssh version 2\n', `ip ssh version 2\n${block}`);

  it("never types a closing `exit-address-family`: going up is restore's own `exit`", () => {
    const bgp = 'router bgp 65000\n bgp log-neighbor-changes\n !\n address-family ipv4\n  network 10.0.0.0 mask 255.255.255.0\n exit-address-family\n';
    const plan = planPush(ciscoIos.syntax, configure, C9200L, withBlock(bgp));
    expect(plan.items.flatMap((i) => i.type)).toEqual([
      'router bgp 65000',
      'bgp log-neighbor-changes',
      'address-family ipv4',
      'network 10.0.0.0 mask 255.255.255.0',
    ]);
    expect(compareWithTarget(ciscoIos.syntax, configure, withBlock(bgp), withBlock(bgp)).same).toBe(true);
  });

  it('types a certificate with its body and its `quit` as one unit, and never removes one', () => {
    const cert = [
      'crypto pki certificate chain TP-self-signed-1234',
      ' certificate self-signed 01',
      '  30820330 30820218 A0030201 02020101 300D0609 2A864886 F70D0101 05050030',
      '  6F6E2D32 39353834 34313933 301E170D 32323035 32343130 31373235 5A170D33',
      '  \tquit',
      '',
    ].join('\n');
    const plan = planPush(ciscoIos.syntax, configure, C9200L, withBlock(cert));
    expect(plan.items.map((i) => i.type)).toEqual([
      ['crypto pki certificate chain TP-self-signed-1234'],
      [
        'certificate self-signed 01',
        '30820330 30820218 A0030201 02020101 300D0609 2A864886 F70D0101 05050030',
        '6F6E2D32 39353834 34313933 301E170D 32323035 32343130 31373235 5A170D33',
        'quit',
      ],
    ]);
    const other = planPush(ciscoIos.syntax, configure, withBlock(cert.replace('30820330', '40820330')), withBlock(cert));
    expect(other.items.map((i) => i.change)).toEqual(['add']);
    expect(other.unremovable.map((l) => l.text)).toEqual([' certificate self-signed 01']);
  });

  it('retypes a numbered ACL whole, in order, after removing it: `no access-list 10 …` removes all of list 10', () => {
    const running = withBlock('access-list 10 permit 10.0.0.1\naccess-list 10 deny   any\n');
    const target = withBlock('access-list 10 permit 10.0.0.1\naccess-list 10 permit 10.0.0.2\naccess-list 10 deny   any\n');
    expect(planPush(ciscoIos.syntax, configure, running, target).items.map((i) => [i.change, i.type])).toEqual([
      ['remove', ['no access-list 10']],
      ['add', ['access-list 10 permit 10.0.0.1', 'access-list 10 permit 10.0.0.2', 'access-list 10 deny   any']],
    ]);
    // An entry after `deny any` never matches: the order is part of the list.
    const reordered = withBlock('access-list 10 permit 10.0.0.1\naccess-list 10 deny   any\naccess-list 10 permit 10.0.0.2\n');
    expect(compareWithTarget(ciscoIos.syntax, configure, reordered, target).same).toBe(false);
  });

  it('types an allowed-VLAN list with its `add` lines together, over the old list', () => {
    const trunk = (vlans: string) =>
      C9200L.replace(' switchport trunk allowed vlan 2,3\n', ` switchport trunk allowed vlan ${vlans}\n switchport trunk allowed vlan add 5\n`);
    const plan = planPush(ciscoIos.syntax, configure, trunk('2,3'), trunk('2,4'));
    expect(plan.items.map((i) => [i.change, i.line.parents, i.type])).toEqual([
      ['add', ['interface GigabitEthernet1/0/24'], ['switchport trunk allowed vlan 2,4', 'switchport trunk allowed vlan add 5']],
    ]);
  });

  it('removes a global `login on-success log` the target lacks: only `login` under a line is one setting', () => {
    const target = C9200L.replace('login on-success log\n', 'login block-for 60 attempts 3 within 30\n');
    expect(planPush(ciscoIos.syntax, configure, C9200L, target).items.map((i) => [i.change, i.type[0]])).toEqual([
      ['remove', 'no login on-success log'],
      ['add', 'login block-for 60 attempts 3 within 30'],
    ]);
  });

  it('keeps blank lines in a banner: they are part of its text', () => {
    const spaced = C9200L.replace('.\nLogin banner.\n', '.\n\nLogin banner.\n');
    const plan = planPush(ciscoIos.syntax, configure, C9200L, spaced);
    expect(plan.items.map((i) => i.type)).toEqual([['banner login #', '.', '', 'Login banner.', '.', '#']]);
  });
});

describe('what IOS says when it refuses a typed line', () => {
  const refused = (line: string) => configure.errors.some((re) => re.test(line));
  it('is any `%` line but a warning or a console syslog message', () => {
    for (const line of [
      "% Invalid input detected at '^' marker.",
      '% Incomplete command.',
      '% Ambiguous command:  "int g1"',
      '%Error opening tftp://10.0.0.9/x.cfg (Timed out)',
      '% Bad mask /24 for address 10.0.0.1',
      '% VTP VLAN configuration not allowed when device is in CLIENT mode.',
    ])
      expect(refused(line)).toBe(true);
    for (const line of [
      '%SYS-5-CONFIG_I: Configured from console by admin on vty0',
      '% Warning: use /31 mask on non point-to-point interface cautiously',
      'Building configuration...',
    ])
      expect(refused(line)).toBe(false);
  });
});
