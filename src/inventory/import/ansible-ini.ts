// Ansible's INI inventory (the ini inventory plugin): `[group]` sections of host lines
// (`name [key=value …]`), `[group:vars]` of `key=value` lines, `[group:children]` of group
// names; hosts before any section are ungrouped; `#` and `;` start comment lines. Values are
// kept as the text they are, quotes removed; only the few variables switchback reads matter.

import { echo } from '../echo.js';
import { addHost, emptyInventory, expandHostPattern, groupOf, splitHostPort } from './ansible-inventory.js';
import type { AnsibleInventory, Vars } from './ansible-inventory.js';

export function parseAnsibleIni(text: string): AnsibleInventory {
  const inv = emptyInventory();
  let section: { group: string; kind: 'hosts' | 'vars' | 'children' } = { group: 'ungrouped', kind: 'hosts' };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trim();
    const where = `line ${i + 1}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(\w+))?\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      const [, group, kind] = header as unknown as [string, string, string | undefined];
      if (kind !== undefined && kind !== 'vars' && kind !== 'children') {
        inv.skipped.push({ where, kind: 'bad-line', reason: `section [${echo(group)}:${echo(kind)}]: Ansible knows :vars and :children` });
        section = { group: '', kind: 'vars' }; // its lines are skipped with it
        return;
      }
      section = { group: group.trim(), kind: kind === undefined ? 'hosts' : (kind as 'vars' | 'children') };
      groupOf(inv, section.group);
      return;
    }
    if (section.group === '') return;
    if (section.kind === 'children') {
      const child = line.split(/\s+/)[0]!;
      const g = groupOf(inv, section.group);
      if (!g.children.includes(child)) g.children.push(child);
      groupOf(inv, child);
      return;
    }
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0) {
        inv.skipped.push({ where, kind: 'bad-line', reason: `in [${echo(section.group)}:vars]: not key=value` });
        return;
      }
      groupOf(inv, section.group).vars[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
      return;
    }
    const tokens = tokenize(line);
    if (!tokens) {
      inv.skipped.push({ where, kind: 'bad-line', reason: 'a quote is not closed' });
      return;
    }
    const [pattern, ...assignments] = tokens as [string, ...string[]];
    const vars: Vars = {};
    for (const a of assignments) {
      const eq = a.indexOf('=');
      if (eq <= 0) {
        inv.skipped.push({ where, name: pattern, kind: 'bad-line', reason: `"${echo(a)}" is not key=value` });
        return;
      }
      vars[a.slice(0, eq)] = unquote(a.slice(eq + 1));
    }
    const { host, port } = splitHostPort(pattern);
    const names = expandHostPattern(host);
    if (!names) {
      inv.skipped.push({ where, name: pattern, kind: 'bad-line', reason: 'a host range [from:to] that cannot be expanded' });
      return;
    }
    for (const name of names)
      addHost(inv, section.group, name, port !== undefined && vars.ansible_port === undefined ? { ...vars, ansible_port: port } : vars, where);
  });
  return inv;
}

/** Shell-like words: quotes keep spaces, a word starting with `#` starts a comment. Undefined on an open quote. */
function tokenize(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      [word, started] = ['', false];
    } else if (c === '#' && !started) break;
    else {
      word += c;
      started = true;
    }
  }
  if (quote) return undefined;
  if (started) words.push(word);
  return words;
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}
