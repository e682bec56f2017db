// A Junos configuration as a tree of statements, on the shared ConfigTree shape: a
// node's `line` is one statement without its `{` or `;` (`interfaces`, `ge-0/0/1`,
// `unit 0`, `description "to core"`), its children the statements inside its braces.
// Pure functions: parse the curly-brace form and `set` lines, render both, apply a
// `set`/`delete`, and compare two trees as `show | compare` prints the difference.
//
// Junos knows where a statement ends and a value begins from its schema; the lab has
// no schema, so `pathOf` splits a `set` line with a small table of the hierarchy an
// EX switch's configuration uses (containers, statements that name an object, lists).
// A statement it does not know ends the path and becomes one leaf, which is what
// Junos shows for a leaf with a value.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

/** Statements that hold other statements and take no name (`system { … }`). */
const CONTAINERS = new Set([
  'system',
  'services',
  'netconf',
  'ssh',
  'login',
  'root-authentication',
  'authentication',
  'syslog',
  'interfaces',
  'vlans',
  'protocols',
  'snmp',
  'routing-options',
  'static',
  'virtual-chassis',
  'chassis',
  'ethernet-switching',
  'ethernet-switching-options',
  'inet',
  'inet6',
  'lldp',
  'lldp-med',
  'rstp',
  'igmp-snooping',
  'ntp',
  'name-server',
  'archival',
  'configuration',
  'archive-sites',
  'commit',
  'poe',
  'switch-options',
  'policy-options',
  'firewall',
  'class-of-service',
  'groups',
  'web-management',
  'http',
  'https',
  'vlan',
  'filter',
  'then',
  'from',
  'to',
  'v3',
  'usm',
  'local-engine',
  'vacm',
  'ether-options',
  '802.3ad',
  'aggregated-devices',
  'ethernet',
  'forwarding-options',
  'storm-control-profiles',
  'oam',
  'alarm',
  'dhcp-local-server',
]);

/** Statements whose next word names an object that holds statements (`user netops { … }`, `unit 0 { … }`). */
const NAMED = new Set([
  'family',
  'user',
  'unit',
  'file',
  'member',
  'group',
  'community',
  'term',
  'policy-statement',
  'prefix-list',
  'neighbor',
  'host',
  'client-list',
  'security-name',
  'access',
  'interface',
  'route',
  'server',
  'trap-group',
  'vlan-id-list',
  'profile',
  'security-model',
  'default-context-prefix',
  'context',
  'forwarding-class',
]);

/** Children of these are named objects (`interfaces { ge-0/0/1 { … } }`, `vlans { users { … } }`). */
const NAMED_CHILDREN = new Set(['interfaces', 'vlans', 'groups', 'name-server', 'archive-sites', 'authentication-order']);

/** The top-level statements an EX switch accepts in configuration mode; anything else is a syntax error. */
export const TOP_LEVEL = new Set([
  'version',
  'system',
  'chassis',
  'services',
  'security',
  'interfaces',
  'snmp',
  'forwarding-options',
  'routing-options',
  'protocols',
  'policy-options',
  'class-of-service',
  'firewall',
  'vlans',
  'poe',
  'virtual-chassis',
  'switch-options',
  'ethernet-switching-options',
  'groups',
  'apply-groups',
  'access',
  'routing-instances',
]);

/**
 * Junos prints a hierarchy in schema order, not in the order statements were made: a
 * `set system host-name` typed last still prints first. The lab knows the order of the top
 * level and of `system` (from real captures); elsewhere a new statement
 * goes after its siblings.
 */
const SCHEMA_ORDER: Record<string, readonly string[]> = {
  '': [...TOP_LEVEL],
  // As real captures print it: napalm's EX (host-name … root-authentication, radius-server, login,
  // services, ntp) and Oxidized's SRX300 (login, services, name-server, syslog).
  system: [
    'host-name',
    'domain-name',
    'domain-search',
    'time-zone',
    'authentication-order',
    'root-authentication',
    'radius-server',
    'tacplus-server',
    'login',
    'services',
    'name-server',
    'syslog',
    'commit',
    'ntp',
  ],
};

/** Statements whose value Junos stores encrypted and marks `## SECRET-DATA`. */
const SECRET_KEYWORDS = new Set(['encrypted-password', 'authentication-key', 'secret', 'authentication-password', 'privacy-password', 'pre-shared-key']);

// ---------------------------------------------------------------- words

/** Split a statement into words, a quoted string counting as one (quotes kept). */
export function words(text: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|\[|\]|[^\s[\]"]+/g;
  for (const m of text.matchAll(re)) out.push(m[0]);
  return out;
}

/** A word as stored: kept as typed, quotes and all, so a configuration reads back byte for byte. */
function quote(word: string): string {
  return word;
}

/** Split a set line's path (without `set`) into the statements along it: the last one is the leaf or the object set. */
export function pathOf(ws: string[], within: readonly string[] = []): string[] {
  const path: string[] = [];
  let i = 0;
  // Typed at an `edit` level, the words continue the statement the level names.
  let parent = words(within[within.length - 1] ?? '')[0] ?? '';
  while (i < ws.length) {
    const w = ws[i]!;
    if (NAMED_CHILDREN.has(parent)) {
      path.push(quote(w));
      parent = '';
      i += 1;
      continue;
    }
    if (CONTAINERS.has(w)) {
      path.push(w);
      parent = w;
      i += 1;
      continue;
    }
    if (NAMED.has(w) && i + 2 < ws.length) {
      // `user netops class super-user`: `user netops` holds `class super-user`.
      path.push(`${w} ${quote(ws[i + 1]!)}`);
      parent = w;
      i += 2;
      continue;
    }
    // Anything else: the rest of the line is one leaf statement (`host-name sw1`, `members [ a b ]`).
    path.push(ws.slice(i).map(quote).join(' '));
    break;
  }
  return path;
}

/** Whether two sibling statements are the same setting (a new value replaces the old one). */
function sameKey(a: string, b: string): boolean {
  if (a === b) return true;
  const [ka = '', ...ra] = words(a);
  const [kb = '', ...rb] = words(b);
  if (ka !== kb || ra.length === 0 || rb.length === 0) return false;
  // A named object or a list entry is its own statement: `user a` and `user b` live side by side.
  if (NAMED.has(ka) || ka === 'address' || ka === 'members' || /^\d/.test(ka)) return false;
  return true;
}

// ---------------------------------------------------------------- set / delete

/** `set PATH`: make the statements along the path; a leaf with a new value replaces its old value. */
export function setPath(tree: ConfigTree, path: string[]): void {
  let siblings = tree;
  path.forEach((stmt, i) => {
    const last = i === path.length - 1;
    let node = siblings.find((n) => n.line === stmt);
    if (!node && last) {
      const old = siblings.findIndex((n) => sameKey(n.line, stmt) && n.children.length === 0);
      if (old >= 0) {
        siblings[old]!.line = stmt;
        node = siblings[old];
      }
    }
    if (!node) {
      node = { line: stmt, children: [] };
      insert(siblings, node, i === 0 ? '' : (words(path[i - 1]!)[0] ?? ''));
    }
    siblings = node.children;
  });
}

function insert(siblings: ConfigTree, node: ConfigNode, parent: string): void {
  const order = SCHEMA_ORDER[parent];
  if (!order || !order.includes(words(node.line)[0] ?? '')) {
    siblings.push(node);
    return;
  }
  const rank = (n: ConfigNode) => {
    const r = order.indexOf(words(n.line)[0] ?? '');
    return r < 0 ? order.length : r;
  };
  const at = siblings.findIndex((n) => rank(n) > rank(node));
  if (at < 0) siblings.push(node);
  else siblings.splice(at, 0, node);
}

/**
 * `delete PATH`: remove the statement the path names and all below it. A last word
 * that is a leaf's keyword removes that leaf whatever its value (`delete system
 * host-name`). Returns false when there was nothing to delete.
 */
export function deletePath(tree: ConfigTree, path: string[]): boolean {
  let siblings = tree;
  for (let i = 0; i < path.length; i++) {
    const stmt = path[i]!;
    const last = i === path.length - 1;
    let at = siblings.findIndex((n) => n.line === stmt);
    if (at < 0 && last) at = siblings.findIndex((n) => n.line.startsWith(stmt + ' ') && n.children.length === 0);
    if (at < 0 && last) at = siblings.findIndex((n) => n.line.startsWith(stmt + ' '));
    if (at < 0) return false;
    if (last) {
      siblings.splice(at, 1);
      return true;
    }
    siblings = siblings[at]!.children;
  }
  return false;
}

/** The node at a path of statements (an `edit` level), or undefined. */
export function nodeAt(tree: ConfigTree, path: string[]): ConfigNode | undefined {
  let node: ConfigNode | undefined;
  let siblings = tree;
  for (const stmt of path) {
    node = siblings.find((n) => n.line === stmt);
    if (!node) return undefined;
    siblings = node.children;
  }
  return node;
}

// ---------------------------------------------------------------- parse

export class JunosSyntaxError extends Error {}

/** The curly-brace form (what `show configuration` prints and `load override terminal` reads). */
export function parseCurly(text: string): ConfigTree {
  const root: ConfigTree = [];
  const stack: ConfigTree[] = [root];
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const raw of clean.replace(/\r\n?/g, '\n').split('\n')) {
    let line = raw.replace(/\s*##.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    // A line may close blocks and hold a statement (`} ssh;`) only in hand-made text; take it apart.
    while (line !== '') {
      if (line.startsWith('}')) {
        if (stack.length === 1) throw new JunosSyntaxError('unbalanced }');
        stack.pop();
        line = line.slice(1).trim();
        continue;
      }
      const m = /^((?:"(?:[^"\\]|\\.)*"|[^;{}"])+)([;{])(.*)$/.exec(line);
      if (!m) throw new JunosSyntaxError(`syntax error: ${line}`);
      const stmt = words(m[1]!.trim()).map(quote).join(' ');
      const node: ConfigNode = { line: stmt, children: [] };
      stack[stack.length - 1]!.push(node);
      if (m[2] === '{') stack.push(node.children);
      line = (m[3] ?? '').trim();
    }
  }
  if (stack.length !== 1) throw new JunosSyntaxError('missing }');
  return root;
}

/** `set …` / `delete …` lines applied to a tree (what `load set terminal` does). */
export function applySetLines(tree: ConfigTree, text: string): { errors: string[] } {
  const errors: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [verb, ...rest] = words(line);
    const path = pathOf(rest);
    if ((verb !== 'set' && verb !== 'delete') || path.length === 0 || !TOP_LEVEL.has(words(path[0]!)[0] ?? '')) {
      errors.push(line);
      continue;
    }
    if (verb === 'set') setPath(tree, path);
    else deletePath(tree, path);
  }
  return { errors };
}

// ---------------------------------------------------------------- render

function annotate(line: string): string {
  const key = words(line)[0] ?? '';
  return SECRET_KEYWORDS.has(key) ? ' ## SECRET-DATA' : '';
}

/** Junos indents four spaces a level, ends a leaf with `;` and marks secret values. */
export function renderCurly(tree: ConfigTree, depth = 0): string[] {
  const out: string[] = [];
  const pad = ' '.repeat(4 * depth);
  for (const n of tree) {
    if (n.children.length === 0) out.push(`${pad}${n.line};${annotate(n.line)}`);
    else {
      out.push(`${pad}${n.line} {`);
      out.push(...renderCurly(n.children, depth + 1));
      out.push(`${pad}}`);
    }
  }
  return out;
}

/** `| display set`: one `set` line per leaf (and per empty object), in the order of the tree. */
export function renderSet(tree: ConfigTree, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const n of tree) {
    const path = [...prefix, n.line];
    // The set form carries no `## SECRET-DATA` note: Junos prints that comment in the brace form only.
    if (n.children.length === 0) out.push(`set ${path.join(' ')}`);
    else out.push(...renderSet(n.children, path));
  }
  return out;
}

// ---------------------------------------------------------------- compare

/**
 * `show | compare`: for each place the trees differ, a `[edit PATH]` header naming the
 * deepest statement both share, then the removed statements (`-`) and the added ones
 * (`+`), each with its whole block. Junos indents them under the header as in
 * napalm's real EX4200 capture (`[edit system]` / `-  host-name ex4200-7;`): the sign,
 * then four spaces a level less two.
 */
export function compareTrees(from: ConfigTree, to: ConfigTree): string {
  const out: string[] = [];
  const walk = (a: ConfigTree, b: ConfigTree, path: string[]) => {
    const removed = a.filter((x) => !b.some((y) => y.line === x.line));
    const added = b.filter((y) => !a.some((x) => x.line === y.line));
    if (removed.length > 0 || added.length > 0) {
      out.push(`[edit${path.length ? ' ' + path.join(' ') : ''}]`);
      for (const n of removed) out.push(...signed('-', n));
      for (const n of added) out.push(...signed('+', n));
    }
    for (const y of b) {
      const x = a.find((n) => n.line === y.line);
      if (x && (x.children.length > 0 || y.children.length > 0)) walk(x.children, y.children, [...path, y.line]);
    }
  };
  walk(from, to, []);
  return out.length ? out.join('\n') + '\n' : '';
}

function signed(sign: '+' | '-', node: ConfigNode): string[] {
  return renderCurly([node], 1).map((l) => sign + l.slice(2));
}

/** The statements of a compare that Junos would apply, as `+`/`-` lines (what "unsaved" lists). */
export function compareLines(compare: string): string[] {
  return compare.split('\n').filter((l) => /^[+-]/.test(l));
}

export function sameTree(a: ConfigTree, b: ConfigTree): boolean {
  return renderSet(a).join('\n') === renderSet(b).join('\n');
}
