// An Ansible inventory as both of its static formats (INI and YAML) describe it: groups with
// their variables, child groups and hosts, and each host's own variables. ansible-ini.ts and
// ansible-yaml.ts fill it; ansible.ts resolves each host's variables as Ansible would.

import type { Skipped } from './entry.js';

export type Vars = Record<string, unknown>;

export interface AnsibleGroup {
  vars: Vars;
  children: string[];
  /** Host names in the order the file lists them. */
  hosts: string[];
}

export interface AnsibleHost {
  vars: Vars;
  /** Where it is first listed. */
  where: string;
}

export interface AnsibleInventory {
  /** In the order the file defines them; `all` and `ungrouped` are implicit. */
  groups: Map<string, AnsibleGroup>;
  hosts: Map<string, AnsibleHost>;
  /** Lines or entries that could not be read. */
  skipped: Skipped[];
}

export function emptyInventory(): AnsibleInventory {
  return { groups: new Map(), hosts: new Map(), skipped: [] };
}

export function groupOf(inv: AnsibleInventory, name: string): AnsibleGroup {
  let g = inv.groups.get(name);
  if (!g) inv.groups.set(name, (g = { vars: {}, children: [], hosts: [] }));
  return g;
}

/** List `host` in `group` (again: its variables merge, the later winning, as Ansible merges them). */
export function addHost(inv: AnsibleInventory, group: string, host: string, vars: Vars, where: string): void {
  const g = groupOf(inv, group);
  if (!g.hosts.includes(host)) g.hosts.push(host);
  const h = inv.hosts.get(host);
  if (h) Object.assign(h.vars, vars);
  else inv.hosts.set(host, { vars: { ...vars }, where });
}

/**
 * A host pattern's ranges expanded, as Ansible does: `sw[01:03].dc` is sw01.dc, sw02.dc and
 * sw03.dc (a leading zero keeps the width), `[a:c]` letters, `[1:9:2]` a stride. Undefined
 * when a range is malformed; at most `limit` names (a typo like `[1:9999999]` is refused).
 */
export function expandHostPattern(pattern: string, limit = 10_000): string[] | undefined {
  const m = /^(.*?)\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\](.*)$/i.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, strideText, tail] = m as unknown as [string, string, string, string, string | undefined, string];
  const stride = strideText === undefined ? 1 : Number(strideText);
  if (stride < 1) return undefined;
  const rest = expandHostPattern(tail, limit);
  if (!rest) return undefined;
  const items: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const [a, b] = [Number(from), Number(to)];
    if (b < a || (b - a) / stride + 1 > limit) return undefined;
    const width = from.startsWith('0') ? from.length : 0;
    for (let n = a; n <= b; n += stride) items.push(String(n).padStart(width, '0'));
  } else if (/^[a-z]$/i.test(from) && /^[a-z]$/i.test(to)) {
    const [a, b] = [from.charCodeAt(0), to.charCodeAt(0)];
    if (b < a) return undefined;
    for (let c = a; c <= b; c += stride) items.push(String.fromCharCode(c));
  } else return undefined;
  if (items.length * rest.length > limit) return undefined; // checked before building: `[1:9999][1:9999]` is 10^8 names
  return items.flatMap((i) => rest.map((r) => `${head}${i}${r}`));
}

/** `host:2222` or `[2001:db8::1]:2222` to the host and its port; a bare IPv6 address stays whole. */
export function splitHostPort(pattern: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(pattern);
  if (v6) return { host: v6[1]!, port: Number(v6[2]) };
  const m = /^([^:]+):(\d+)$/.exec(pattern);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: pattern };
}
