import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPlainYaml } from '../../src/inventory/plain-yaml.js';

/** What the `yaml` package reads (as load.ts asks it), or undefined when it finds an error. */
function yamlReads(text: string): unknown {
  const doc = parseDocument(text, { merge: true });
  return doc.errors.length > 0 ? undefined : doc.toJS();
}

const INVENTORY = `# site dc1
defaults:
  credentials:
    username: env:SW_USER
    password: "file:/etc/switchback/pw"
  snmp:
    version: 3
    auth:
      protocol: sha
      key: 'env:SNMP_AUTH'
devices:
  - name: core-1
    host: 10.0.0.1
    port: 022
    platform: cisco-ios
    tags:
      - stack
      - core room 2
    stack:
      members:
        - number: 1
          feed: A
        -   number: 2
            feed: B

  - name: edge-1
    host: edge-1.example.net
    enabled: true
    notes: ~
    snmp:
    pair:
      peer: edge-2
      domain: "10"
- name: stray
`;

describe('readPlainYaml: the plain subset, read as yaml reads it', () => {
  it.each([
    ['an inventory', INVENTORY.replace('- name: stray\n', '')],
    ['a list at its key’s indent', 'devices:\n- name: a\n  tags:\n  - x\n- name: b\n  tags:\nother: 1\n'],
    ['empty items and values', 'a:\nb:\n  -\n  - \n  -\n    c: 1\nd: Null\n'],
    ['booleans, null and whole numbers', 'a: True\nb: FALSE\nc: null\nd: +7\ne: x-y\n'],
    ['text that only looks special', 'a: env:X\nb: a:b\nc: 1.2.3\nd: 10.0.0.1/24\ne: a  b\n'],
  ])('%s', (_label, text) => {
    const plain = readPlainYaml(text);
    expect(plain).not.toBeUndefined();
    expect(plain).toStrictEqual(yamlReads(text));
  });

  it.each([
    ['a list item where a key should be', INVENTORY],
    ['an anchor and a merge key', 'x-c: &c\n  group: lab\ndevices:\n  - <<: *c\n    name: a\n'],
    ['a trailing comment', 'a: b # why\n'],
    ['a float', 'name: 1.10\n'],
    ['a hex number', 'port: 0x16\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a flow list', 'tags: [a, b]\n'],
    ['a block scalar', 'notes: |\n  two\n  lines\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a quote inside single quotes', "a: 'it''s'\n"],
    ['a tab', 'a:\n\tb: 1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a multi-line plain value', 'a: one\n  two\n'],
    ['an empty file', '\n# nothing\n'],
    ['a key that is not text', 'true: 1\n'],
  ])('leaves %s to yaml', (_label, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('never reads a text differently from yaml: 3,000 seeded edits of an inventory', () => {
    const pieces = [
      ' ',
      '  ',
      '-',
      '- ',
      ':',
      ': ',
      '#',
      ' #',
      '"',
      "'",
      '\n',
      '\n  ',
      '\n- ',
      'true',
      'null',
      '1.5',
      '0x1',
      '~',
      '[',
      '{',
      '&a',
      '*a',
      '!',
      '|',
      '>',
      '?',
      ',',
      '%',
      '@',
      '---',
      '1',
      '+1',
      'a: b',
      '<<: ',
      '\t',
      'é',
      '\\',
      '  - ',
      'TRUE',
      '.5',
      '1e3',
      '.inf',
      '0o7',
      '007',
    ];
    let seed = 17;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const base = INVENTORY.replace('- name: stray\n', '');
    let read = 0;
    for (let k = 0; k < 3000; k++) {
      let text = base;
      for (let j = 1 + next(3); j > 0; j--) {
        const at = next(text.length + 1);
        text = text.slice(0, at) + (next(4) === 0 ? '' : pieces[next(pieces.length)]) + text.slice(at + (next(3) === 0 ? next(4) : 0));
      }
      const plain = readPlainYaml(text);
      if (plain === undefined) continue;
      read++;
      expect(plain, text).toStrictEqual(yamlReads(text));
    }
    // Most edits stay plain, so the comparison is not vacuous.
    expect(read).toBeGreaterThan(1000);
  });
});
