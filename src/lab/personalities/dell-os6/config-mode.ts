// Typing in OS6 configuration mode on a lab switch: a line that opens a mode enters its block
// (made when it is new), `exit` goes up one mode (and out of configuration mode from the top),
// `end` leaves, `no …` removes, and a setting that holds one value replaces the old one.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import { compressVlans, expandVlans, isBlock, modeOf } from './config-text.js';

/** The blocks entered, outermost first; empty at `(config)`. */
export type ConfigPath = ConfigNode[];

export type Outcome =
  { kind: 'ok'; path: ConfigPath; changed: boolean } | { kind: 'leave' } | { kind: 'invalid'; at: number } | { kind: 'error'; message: string };

/** Settings that hold one value where they stand: typing one replaces the old. */
const ONE_VALUE =
  /^(hostname|name|description|snmp-server location|snmp-server contact|ip domain-name|ip default-gateway|clock timezone|exec-timeout|switchport mode|switchport access vlan|switchport trunk allowed vlan|switchport trunk native vlan|ip address(?= \d+\.\d+\.\d+\.\d+ \d+\.\d+\.\d+\.\d+(?: \d+\.\d+\.\d+\.\d+)?$)|channel-group) /;

/** What acts instead of configuring (typed in configuration mode, OS6 refuses it there). */
const EXEC_ONLY = /^(?:reload|copy|write|erase|delete|boot|script|clear|configure)\b/;

export function keyOf(line: string): string | undefined {
  return ONE_VALUE.exec(line.trim())?.[1];
}

const VLAN_LIST = /^vlan (\d[\d,-]*)$/;

export function modeName(path: ConfigPath): string {
  const last = path[path.length - 1];
  return last ? (modeOf(last.line) ?? 'config') : 'config';
}

/** The VLAN list line at the top (`vlan 666,699,…`), made when missing. */
function vlanList(tree: ConfigTree): ConfigNode | undefined {
  return tree.find((n) => VLAN_LIST.test(n.line) && /[,-]/.test(n.line)) ?? tree.find((n) => VLAN_LIST.test(n.line) && n.children.length === 0);
}

function addToVlanList(tree: ConfigTree, vlans: number[]): void {
  const list = vlanList(tree);
  const now = list ? expandVlans(VLAN_LIST.exec(list.line)![1]!) : [];
  const line = `vlan ${compressVlans([...now, ...vlans])}`;
  if (list) list.line = line;
  else tree.unshift({ line, children: [] });
}

function removeFromVlanList(tree: ConfigTree, vlans: number[]): void {
  const list = vlanList(tree);
  if (!list) return;
  const left = expandVlans(VLAN_LIST.exec(list.line)![1]!).filter((v) => !vlans.includes(v));
  if (left.length === 0) tree.splice(tree.indexOf(list), 1);
  else list.line = `vlan ${compressVlans(left)}`;
}

export function applyLine(tree: ConfigTree, path: ConfigPath, typed: string): Outcome {
  const line = typed.trim();
  if (line === '' || line.startsWith('!')) return { kind: 'ok', path, changed: false };
  if (line === 'end') return { kind: 'leave' };
  if (line === 'exit') return path.length === 0 ? { kind: 'leave' } : { kind: 'ok', path: path.slice(0, -1), changed: false };
  if (!/^[a-z]/i.test(line) || EXEC_ONLY.test(line)) return { kind: 'invalid', at: 0 };
  const here = path[path.length - 1]?.children ?? tree;

  if (line.startsWith('no ')) {
    if (remove(tree, here, path, line.slice(3).trim())) return { kind: 'ok', path, changed: true };
    // Nothing to remove: the line turns off something on by default (`no ip http server`), and shows as such.
    if (here.some((n) => n.line.trim() === line)) return { kind: 'ok', path, changed: false };
    here.push({ line, children: [] });
    return { kind: 'ok', path, changed: true };
  }
  // Turning on what a `no` line turned off removes that line.
  const negated = here.findIndex((n) => n.line.trim() === `no ${line}`);
  if (negated >= 0) {
    here.splice(negated, 1);
    return { kind: 'ok', path, changed: true };
  }

  // A VLAN list at the top: the VLANs it names exist (OS6 keeps one list line).
  const list = path.length === 0 ? VLAN_LIST.exec(line) : null;
  if (list && /[,-]/.test(list[1]!)) {
    const existing = vlanList(tree);
    const vlans = expandVlans(list[1]!);
    const node = existing ?? { line: '', children: [] };
    node.line = `vlan ${compressVlans([...(existing ? expandVlans(VLAN_LIST.exec(existing.line)![1]!) : []), ...vlans])}`;
    if (!existing) tree.unshift(node);
    return { kind: 'ok', path: [...path, node], changed: true };
  }

  if (isBlock(line)) {
    let node = here.find((n) => n.line.trim() === line);
    let changed = false;
    if (!node) {
      node = { line, children: [] };
      here.push(node);
      changed = true;
    }
    if (list) {
      // One VLAN: it joins the list too.
      const before = vlanList(tree)?.line;
      addToVlanList(tree, [Number(list[1])]);
      changed = changed || vlanList(tree)?.line !== before;
    }
    return { kind: 'ok', path: [...path, node], changed };
  }

  const key = keyOf(line);
  const same = key !== undefined ? here.find((n) => keyOf(n.line) === key) : undefined;
  if (same) {
    if (same.line === line) return { kind: 'ok', path, changed: false };
    same.line = line;
    return { kind: 'ok', path, changed: true };
  }
  if (here.some((n) => n.line.trim() === line)) return { kind: 'ok', path, changed: false };
  here.push({ line, children: [] });
  return { kind: 'ok', path, changed: true };
}

/** `no X`: the block X, the setting X (or its keyword's one value), or the VLAN X. */
function remove(tree: ConfigTree, here: ConfigTree, path: ConfigPath, what: string): boolean {
  const before = here.length;
  const vlan = path.length === 0 ? VLAN_LIST.exec(`vlan ${what.replace(/^vlan /, '')}`) : null;
  if (path.length === 0 && what.startsWith('vlan ') && vlan) {
    const vlans = expandVlans(vlan[1]!);
    for (let i = here.length - 1; i >= 0; i--) {
      const m = /^vlan (\d+)$/.exec(here[i]!.line.trim());
      if (m && vlans.includes(Number(m[1]))) here.splice(i, 1);
    }
    const listBefore = vlanList(tree)?.line;
    removeFromVlanList(tree, vlans);
    return here.length !== before || vlanList(tree)?.line !== listBefore;
  }
  const key = keyOf(what) ?? (ONE_VALUE.test(what + ' ') ? what : undefined);
  for (let i = here.length - 1; i >= 0; i--) {
    const l = here[i]!.line.trim();
    if (l === what || l.startsWith(what + ' ') || (key !== undefined && keyOf(l) === key)) here.splice(i, 1);
  }
  return here.length !== before;
}
