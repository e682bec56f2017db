// Ansible's YAML inventory (the yaml inventory plugin): top-level groups (usually `all`),
// each a mapping of `hosts:` (host → its variables, or nothing), `vars:` and `children:`
// (group → the same shape, nested). A group may appear under several parents; its hosts and
// variables add up. Vault-encrypted values (`!vault |`) are read as text: they are secrets,
// never imported anyway.

import { isMap as isYamlMap, parseDocument } from 'yaml';
import { echo } from '../echo.js';
import { addHost, emptyInventory, expandHostPattern, groupOf, splitHostPort } from './ansible-inventory.js';
import type { AnsibleInventory, Vars } from './ansible-inventory.js';

export class AnsibleYamlError extends Error {}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseAnsibleYaml(text: string): AnsibleInventory {
  const doc = parseDocument(text, { prettyErrors: true, merge: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    throw new AnsibleYamlError(
      `${at ? `line ${at.line}, column ${at.col}: ` : ''}YAML syntax: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  if (!isYamlMap(doc.contents)) throw new AnsibleYamlError('not an Ansible YAML inventory: the top level must be a mapping of groups (all: …)');
  const top = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const inv = emptyInventory();
  for (const [name, body] of Object.entries(top)) readGroup(inv, name, body, name);
  return inv;
}

function readGroup(inv: AnsibleInventory, name: string, body: unknown, path: string): void {
  const group = groupOf(inv, name);
  if (body === null || body === undefined) return;
  if (!isMap(body)) {
    inv.skipped.push({ where: path, kind: 'bad-line', reason: 'a group must be a mapping of hosts:, vars: and children:' });
    return;
  }
  if (isMap(body.vars)) Object.assign(group.vars, body.vars);
  else if (body.vars !== undefined && body.vars !== null) inv.skipped.push({ where: `${path}.vars`, kind: 'bad-line', reason: 'vars: must be a mapping' });
  if (isMap(body.hosts)) {
    for (const [pattern, vars] of Object.entries(body.hosts)) {
      const where = `${path}.hosts.${pattern}`;
      if (vars !== null && vars !== undefined && !isMap(vars)) {
        inv.skipped.push({ where, name: pattern, kind: 'bad-line', reason: "a host's value must be a mapping of its variables, or nothing" });
        continue;
      }
      const { host, port } = splitHostPort(pattern);
      const names = expandHostPattern(host);
      if (!names) {
        inv.skipped.push({ where, name: pattern, kind: 'bad-line', reason: 'a host range [from:to] that cannot be expanded' });
        continue;
      }
      const own: Vars = { ...(vars ?? {}) };
      if (port !== undefined && own.ansible_port === undefined) own.ansible_port = port;
      for (const n of names) addHost(inv, name, n, own, where);
    }
  } else if (body.hosts !== undefined && body.hosts !== null)
    inv.skipped.push({ where: `${path}.hosts`, kind: 'bad-line', reason: 'hosts: must be a mapping of host names (a list is not Ansible YAML)' });
  if (isMap(body.children)) {
    for (const [child, childBody] of Object.entries(body.children)) {
      if (!group.children.includes(child)) group.children.push(child);
      readGroup(inv, child, childBody, `${path}.children.${child}`);
    }
  } else if (body.children !== undefined && body.children !== null)
    inv.skipped.push({ where: `${path}.children`, kind: 'bad-line', reason: 'children: must be a mapping of groups' });
  for (const key of Object.keys(body))
    if (!['hosts', 'vars', 'children'].includes(key))
      inv.skipped.push({ where: `${path}.${echo(key)}`, kind: 'bad-line', reason: 'not hosts:, vars: or children: (a host belongs under hosts:)' });
}
