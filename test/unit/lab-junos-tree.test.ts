// The lab's Junos configuration tree: the curly-brace and `set` forms, set/delete, and
// `show | compare` — pure functions, checked on the forms Junos prints.

import { describe, expect, it } from 'vitest';
import {
  applySetLines,
  compareTrees,
  deletePath,
  parseCurly,
  pathOf,
  renderCurly,
  renderSet,
  setPath,
  words,
} from '../../src/lab/personalities/juniper-junos/junos-tree.js';
import { factoryDefaultConfig } from '../../src/lab/personalities/juniper-junos/state.js';

const CONFIG = `## Last commit: 2024-12-06 11:41:05 UTC by root
version 21.4R3-S4.9;
system {
    host-name sw1;
    root-authentication {
        encrypted-password "$6$abc$def"; ## SECRET-DATA
    }
    login {
        user netops {
            uid 2000;
            class super-user;
        }
    }
    name-server {
        8.8.8.8;
        8.8.4.4;
    }
}
interfaces {
    ge-0/0/1 {
        description "to core";
        unit 0 {
            family ethernet-switching {
                vlan {
                    members users;
                }
            }
        }
    }
}
`;

describe('the curly-brace form', () => {
  it('reads what show configuration prints and renders it back byte for byte (without the header)', () => {
    const tree = parseCurly(CONFIG);
    expect(renderCurly(tree).join('\n') + '\n').toBe(CONFIG.split('\n').slice(1).join('\n'));
  });

  it('refuses unbalanced braces', () => {
    expect(() => parseCurly('system {\n host-name a;\n')).toThrow(/missing \}/);
    expect(() => parseCurly('}\n')).toThrow(/unbalanced/);
  });
});

describe('the set form', () => {
  it('prints one set line per leaf; the SECRET-DATA note belongs to the brace form only', () => {
    const lines = renderSet(parseCurly(CONFIG));
    expect(lines).toContain('set version 21.4R3-S4.9');
    expect(lines).toContain('set system host-name sw1');
    expect(lines).toContain('set system root-authentication encrypted-password "$6$abc$def"');
    expect(renderCurly(parseCurly(CONFIG)).join('\n')).toContain('encrypted-password "$6$abc$def"; ## SECRET-DATA');
    expect(lines).toContain('set system login user netops class super-user');
    expect(lines).toContain('set system name-server 8.8.4.4');
    expect(lines).toContain('set interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members users');
  });

  it('set lines build the same tree as the curly form (display set read back)', () => {
    const tree = parseCurly(CONFIG);
    const rebuilt: ReturnType<typeof parseCurly> = [];
    const { errors } = applySetLines(rebuilt, renderSet(tree).join('\n'));
    expect(errors).toEqual([]);
    expect(renderCurly(rebuilt)).toEqual(renderCurly(tree));
  });

  it('splits a set path at the statements Junos nests', () => {
    expect(pathOf(words('interfaces ge-0/0/2 unit 0 family inet address 10.0.0.1/24'))).toEqual([
      'interfaces',
      'ge-0/0/2',
      'unit 0',
      'family inet',
      'address 10.0.0.1/24',
    ]);
    expect(pathOf(words('system login user ops class read-only'))).toEqual(['system', 'login', 'user ops', 'class read-only']);
    expect(pathOf(words('snmp location "Rack 4"'))).toEqual(['snmp', 'location "Rack 4"']);
    // Typed at [edit interfaces]: the first word names an interface.
    expect(pathOf(words('ge-0/0/3 description x'), ['interfaces'])).toEqual(['ge-0/0/3', 'description x']);
  });

  it('a new value replaces the old one; list entries and named objects sit side by side', () => {
    const tree = parseCurly(CONFIG);
    setPath(tree, pathOf(words('system host-name sw2')));
    setPath(tree, pathOf(words('system login user ops class read-only')));
    setPath(tree, pathOf(words('system ntp server 10.0.0.1')));
    setPath(tree, pathOf(words('system ntp server 10.0.0.2')));
    const set = renderSet(tree);
    expect(set).toContain('set system host-name sw2');
    expect(set).not.toContain('set system host-name sw1');
    expect(set).toContain('set system login user netops class super-user');
    expect(set).toContain('set system login user ops class read-only');
    expect(set.filter((l) => l.startsWith('set system ntp server'))).toHaveLength(2);
  });

  it('prints a statement typed last where the schema puts it, as Junos does: host-name first under system', () => {
    const tree = parseCurly(factoryDefaultConfig());
    setPath(tree, pathOf(words('system ntp server 10.0.0.1')));
    setPath(tree, pathOf(words('system host-name sw9')));
    setPath(tree, pathOf(words('system login user ops class read-only')));
    const system = renderSet(tree).filter((l) => l.startsWith('set system '));
    expect(system[0]).toBe('set system host-name sw9');
    expect(system.at(-1)).toBe('set system ntp server 10.0.0.1');
    // login sits between root-authentication and services.
    const at = (word: string) => system.findIndex((l) => l.startsWith(`set system ${word} `));
    expect(at('root-authentication')).toBeLessThan(at('login'));
    expect(at('login')).toBeLessThan(at('services'));
  });

  it('delete removes a statement with all below it, or a leaf by its keyword; a missing one is reported', () => {
    const tree = parseCurly(CONFIG);
    expect(deletePath(tree, pathOf(words('interfaces ge-0/0/1')))).toBe(true);
    expect(deletePath(tree, pathOf(words('system host-name')))).toBe(true);
    expect(deletePath(tree, pathOf(words('system host-name')))).toBe(false);
    const set = renderSet(tree);
    expect(set.some((l) => l.includes('ge-0/0/1') || l.includes('host-name'))).toBe(false);
  });

  it('refuses a set line outside the hierarchy', () => {
    expect(applySetLines([], 'set bogus thing\nset system host-name x').errors).toEqual(['set bogus thing']);
  });
});

describe('show | compare', () => {
  it('names the deepest shared statement and lists removals then additions, as a real EX prints a changed leaf', () => {
    const from = parseCurly(CONFIG);
    const to = parseCurly(CONFIG);
    setPath(to, pathOf(words('system host-name sw9')));
    // napalm's real EX4200 capture: "[edit system]\n-  host-name ex4200-7;\n+  host-name newhostname;"
    expect(compareTrees(from, to)).toBe('[edit system]\n-  host-name sw1;\n+  host-name sw9;\n');
  });

  it('shows an added or removed block whole, and nothing when the trees agree', () => {
    const from = parseCurly(CONFIG);
    const to = parseCurly(CONFIG);
    deletePath(to, ['interfaces', 'ge-0/0/1']);
    setPath(to, pathOf(words('interfaces ge-0/0/2 unit 0 family inet address 10.0.0.1/24')));
    expect(compareTrees(from, to)).toBe(
      [
        '[edit interfaces]',
        '-  ge-0/0/1 {',
        '-      description "to core";',
        '-      unit 0 {',
        '-          family ethernet-switching {',
        '-              vlan {',
        '-                  members users;',
        '-              }',
        '-          }',
        '-      }',
        '-  }',
        '+  ge-0/0/2 {',
        '+      unit 0 {',
        '+          family inet {',
        '+              address 10.0.0.1/24;',
        '+          }',
        '+      }',
        '+  }',
        '',
      ].join('\n'),
    );
    expect(compareTrees(from, parseCurly(CONFIG))).toBe('');
  });
});
