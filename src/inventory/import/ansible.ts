// An Ansible inventory (INI or YAML) to import entries: each host's variables resolved as
// Ansible resolves them, then the few switchback reads. Precedence, lowest first (Ansible's
// "variable precedence" list): the inventory file's group vars (`all`, then deeper groups,
// groups of one depth in name order), inventory group_vars/ files the same way, the file's
// host vars, host_vars/ files. A host without `ansible_network_os` is not a network device
// to Ansible and is reported, not imported.

import { echo } from '../echo.js';
import { isTemplated } from './entry.js';
import type { Note, ParseResult, Skipped, SourceEntry } from './entry.js';
import { parseAnsibleIni } from './ansible-ini.js';
import type { AnsibleInventory, Vars } from './ansible-inventory.js';
import { parseAnsibleYaml } from './ansible-yaml.js';

export interface AnsibleOptions {
  /** Variables from group_vars/<group>.yml beside the inventory, by group. */
  groupVars?: Record<string, Vars>;
  /** Variables from host_vars/<host>.yml beside the inventory, by host. */
  hostVars?: Record<string, Vars>;
}

/** YAML (JSON being YAML too) when the text reads as a mapping of groups, INI otherwise (as Ansible tries its plugins). */
export function looksLikeYaml(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '' && !/^\s*[#;]/.test(l));
  return first !== undefined && (/^(---|\s*\{)/.test(first) || /^[^\s[=]+:\s*(#.*)?$/.test(first.trimEnd()));
}

export function parseAnsible(text: string, opts: AnsibleOptions = {}): ParseResult {
  return resolveAnsible(looksLikeYaml(text) ? parseAnsibleYaml(text) : parseAnsibleIni(text), opts);
}

/** Connections whose `ansible_port` is the SSH port of the device's CLI. */
const SSH_CONNECTIONS = [
  'ssh',
  'paramiko',
  'paramiko_ssh',
  'smart',
  'network_cli',
  'ansible.netcommon.network_cli',
  'ansible.builtin.ssh',
  'ansible.builtin.paramiko_ssh',
];
const PASSWORDS = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password', 'ansible_become_password', 'ansible_become_pass'];
const KEY_FILES = ['ansible_ssh_private_key_file', 'ansible_private_key_file'];

export function resolveAnsible(inv: AnsibleInventory, opts: AnsibleOptions = {}): ParseResult {
  const entries: SourceEntry[] = [];
  const skipped: Skipped[] = [...inv.skipped];
  const notes: Note[] = [];
  const left = new Map<string, string[]>(); // a variable left out → the hosts it was left out of

  const parents = new Map<string, Set<string>>();
  for (const [name, g] of inv.groups) for (const c of g.children) (parents.get(c) ?? parents.set(c, new Set()).get(c)!).add(name);
  const depthMemo = new Map<string, number>();
  const depth = (g: string, seen = new Set<string>()): number => {
    if (g === 'all') return 0;
    const known = depthMemo.get(g);
    if (known !== undefined) return known;
    if (seen.has(g)) return 1; // a cycle (Ansible refuses one); do not loop
    seen.add(g);
    const ps = [...(parents.get(g) ?? [])].filter((p) => p !== g);
    const d = 1 + Math.max(0, ...ps.map((p) => depth(p, seen)));
    depthMemo.set(g, d);
    return d;
  };
  const ancestors = (g: string, out = new Set<string>()): Set<string> => {
    for (const p of parents.get(g) ?? []) if (!out.has(p)) (out.add(p), ancestors(p, out));
    return out;
  };

  for (const [hostName, host] of inv.hosts) {
    const direct = [...inv.groups].filter(([, g]) => g.hosts.includes(hostName)).map(([n]) => n);
    const all = new Set<string>(['all']);
    for (const g of direct.length > 0 ? direct : ['ungrouped']) {
      all.add(g);
      for (const a of ancestors(g)) all.add(a);
    }
    const order = [...all].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    const vars: Vars = {};
    for (const g of order) Object.assign(vars, inv.groups.get(g)?.vars);
    for (const g of order) Object.assign(vars, opts.groupVars?.[g]);
    Object.assign(vars, host.vars, opts.hostVars?.[hostName]);

    const where = host.where;
    const text = (key: string): string | undefined => {
      const v = vars[key];
      return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
    };
    const model = text('ansible_network_os');
    if (model === undefined || model === '') {
      skipped.push({ where, name: hostName, kind: 'no-model', reason: 'no ansible_network_os: not a network device to Ansible' });
      continue;
    }
    if (isTemplated(model)) {
      skipped.push({ where, name: hostName, kind: 'templated', reason: 'ansible_network_os is a template; switchback does not evaluate templates' });
      continue;
    }
    const rawHost = text('ansible_host') ?? text('ansible_ssh_host');
    let address: string | undefined;
    if (rawHost !== undefined && isTemplated(rawHost)) {
      if (/^\{\{\s*inventory_hostname\s*\}\}$/.test(rawHost)) address = undefined;
      else {
        skipped.push({ where, name: hostName, kind: 'templated', reason: 'ansible_host is a template; switchback does not evaluate templates' });
        continue;
      }
    } else address = rawHost;

    const entry: SourceEntry = { where, name: hostName, model, ...(address !== undefined && address !== '' ? { host: address } : {}) };
    const connection = text('ansible_connection');
    const portText = text('ansible_port') ?? text('ansible_ssh_port');
    if (portText !== undefined) {
      const port = Number(portText);
      if (connection !== undefined && !SSH_CONNECTIONS.includes(connection))
        leave(left, `ansible_port (for ansible_connection ${echo(connection)}, not SSH)`, hostName);
      else if (!Number.isInteger(port) || port < 1 || port > 65535) leave(left, 'ansible_port (not a port number)', hostName);
      else if (port !== 22) entry.port = port;
    }
    const user = text('ansible_user') ?? text('ansible_ssh_user');
    if (user !== undefined && user !== '') {
      if (isTemplated(user)) leave(left, 'ansible_user (a template)', hostName);
      else if (isVaulted(user)) leave(left, 'ansible_user (vault-encrypted)', hostName);
      else entry.username = user;
    }
    for (const key of PASSWORDS) if (vars[key] !== undefined && vars[key] !== null && vars[key] !== '') leave(left, key, hostName);
    for (const key of KEY_FILES) {
      const path = text(key);
      if (path === undefined || path === '') continue;
      if (isVaulted(path)) leave(left, `${key} (vault-encrypted)`, hostName);
      else if (!isTemplated(path) && (path.startsWith('/') || path.startsWith('~/'))) entry.privateKeyFile = path;
      else leave(left, `${key} (not an absolute path)`, hostName);
    }
    const groups = [...all].filter((g) => g !== 'all' && g !== 'ungrouped');
    if (groups.length > 0) {
      // The most specific group the host is listed in (the first listed of the deepest).
      const own = direct.filter((g) => g !== 'all' && g !== 'ungrouped');
      const deepest = own.reduce<string | undefined>((best, g) => (best === undefined || depth(g) > depth(best) ? g : best), undefined);
      if (deepest !== undefined) entry.group = deepest;
      entry.tags = groups.sort();
    }
    entries.push(entry);
  }
  for (const [what, hosts] of left) {
    const secret = PASSWORDS.includes(what);
    notes.push({
      where: hosts.length === 1 ? `host ${echo(hosts[0]!)}` : `${hosts.length} hosts`,
      message: secret ? `${what} not imported: secrets are never written in the inventory (credentials use env:NAME or file:PATH)` : `${what} not imported`,
    });
  }
  return { entries, skipped, notes };
}

/**
 * A value `!vault |` encrypted (read as its text, `$ANSIBLE_VAULT;1.1;AES256` and the hex
 * lines): only ansible-vault can read it, and as a login name or path it would be wrong (and
 * too long for the inventory, so the whole import would fail to load).
 */
const isVaulted = (value: string): boolean => value.startsWith('$ANSIBLE_VAULT;');

function leave(left: Map<string, string[]>, what: string, host: string): void {
  (left.get(what) ?? left.set(what, []).get(what)!).push(host);
}
