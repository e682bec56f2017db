// Configuration mode of a lab ArubaOS-Switch: lines typed at the `(config)#` level or inside
// a context (`interface 1/5` → `(eth-1/5)#`, `vlan 30` → `(vlan-30)#`, `stacking`), applied
// to the running configuration tree, which keeps the switch's own order (ordered.ts). A
// context's lines are indented three spaces and closed by an indented `exit` node.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';
import type { Member } from '../../model.js';
import { orderChildren, orderTop } from './ordered.js';

/** Where the session is: the configuration level, or inside one context. */
export type Context = { kind: 'config' } | { kind: 'context'; line: string; mode: string };

export type Outcome = { kind: 'ok'; context: Context; changed: boolean } | { kind: 'leave' } | { kind: 'error'; message: string };

/** The first words of a line the lab accepts at all; anything else is `Invalid input: <word>`. */
const KNOWN = new Set(
  (
    'hostname name untagged tagged ip ipv6 logging timesync sntp time web-management snmp-server spanning-tree tftp password console ' +
    'lacp flow-control poe-lldp-detect power-over-ethernet module member trunk speed-duplex disable enable aaa radius-server ' +
    'tacacs-server banner qos lldp loop-protect dhcp-snooping ntp crypto include-credentials snmpv3 mirror monitor autorun ' +
    'telnet-server rest-interface interface vlan stacking vsf exit end'
  ).split(' '),
);

/** Settings that exist once where they stand: a new value replaces the old. By their first words, `no ` stripped. */
function settingOf(line: string): string | undefined {
  const l = line.replace(/^no /, '');
  const keyed =
    /^(sntp server priority \d+|member \d+ (?:type|priority)|snmp-server community \S+|ip default-gateway|ip address|hostname|name|time timezone|time daylight-time-rule|console baud-rate|snmp-server (?:location|contact)|sntp unicast|timesync)\b/.exec(
      l,
    );
  return keyed?.[1];
}

/** Settings that print as a `no` line when they are off (the real capture's `no untagged 35`, `no web-management`, a VLAN's `no ip address`). */
const SHOWN_OFF = /^(?:untagged|web-management|tftp (?:client|server)|autorun|telnet-server|ip address$)/;

const child = (line: string): ConfigNode => ({ line, children: [], indent: 3 });
const exitNode = (): ConfigNode => child('exit');

/** A port as `1/5` (member/port) on a stack, or `5` on a standalone switch (one member); valid when its member has that many ports. */
function validPort(port: string, members: Member[]): boolean {
  const m = /^(?:(\d+)\/)?(\d+)$/.exec(port);
  if (!m || (m[1] === undefined && members.length !== 1)) return false;
  const member = m[1] === undefined ? members[0] : members.find((x) => x.number === Number(m[1]));
  return member !== undefined && Number(m[2]) >= 1 && Number(m[2]) <= member.ports;
}

/** The context a line opens, with the mode the prompt shows, or undefined. */
function contextOf(line: string): { mode: string } | undefined {
  let m = /^interface (\S+)$/.exec(line);
  if (m) return { mode: `eth-${m[1]}` };
  m = /^vlan (\d+)$/.exec(line);
  if (m) return { mode: `vlan-${m[1]}` };
  if (line === 'stacking') return { mode: 'stacking' };
  if (line === 'vsf') return { mode: 'vsf' };
  return undefined;
}

/** Apply one typed line. `running` is changed in place. */
export function applyLine(running: ConfigTree, members: Member[], at: Context, typed: string): Outcome {
  const line = typed.trim().replace(/\s+/g, ' ');
  if (line === '') return { kind: 'ok', context: at, changed: false };
  if (line === 'end' || line === 'exit') {
    prune(running);
    return line === 'exit' && at.kind === 'context' ? { kind: 'ok', context: { kind: 'config' }, changed: false } : { kind: 'leave' };
  }
  const bare = line.replace(/^no /, '');
  const word = bare.split(' ')[0] ?? '';
  if (!KNOWN.has(word)) return { kind: 'error', message: `Invalid input: ${word}` };

  if (at.kind === 'config') {
    const ctx = contextOf(line);
    if (ctx) {
      const opened = openContext(running, members, line);
      if (opened.kind === 'error') return opened;
      return { kind: 'ok', context: { kind: 'context', line, mode: ctx.mode }, changed: opened.created };
    }
    if (/^no vlan \d+$/.test(line)) return removeVlan(running, line.slice(3));
    if (/^no (?:interface|stacking|vsf)\b/.test(line)) return { kind: 'error', message: `Invalid input: ${word}` };
    const changed = setLine(running, line, false);
    orderTop(running);
    return { kind: 'ok', context: at, changed };
  }

  if (contextOf(line)) {
    // A context line typed inside another leaves the one it is in, as the switch does.
    prune(running);
    return applyLine(running, members, { kind: 'config' }, line);
  }
  if (!running.some((n) => n.line === at.line)) openContext(running, members, at.line);
  const node = running.find((n) => n.line === at.line);
  if (!node) return { kind: 'error', message: 'Invalid input: context' };
  const body = node.children.filter((c) => c.line !== 'exit');
  const changed = setLine(body, line, at.line.startsWith('vlan '));
  node.children = [
    ...orderChildren(
      at.line,
      body.map((c) => ({ ...c, indent: 3 })),
    ),
    exitNode(),
  ];
  return { kind: 'ok', context: at, changed };
}

/** A port context left with nothing set in it is not printed: the switch lists only ports with settings. */
function prune(running: ConfigTree): void {
  for (let i = running.length - 1; i >= 0; i--) {
    const n = running[i]!;
    if (/^interface /.test(n.line) && n.children.every((c) => c.line === 'exit')) running.splice(i, 1);
  }
}

function openContext(running: ConfigTree, members: Member[], line: string): { kind: 'ok'; created: boolean } | { kind: 'error'; message: string } {
  if (running.some((n) => n.line === line)) return { kind: 'ok', created: false };
  const port = /^interface (\S+)$/.exec(line)?.[1];
  if (port !== undefined && !validPort(port, members)) return { kind: 'error', message: `Module not present for port or invalid port: ${port}` };
  const vlan = /^vlan (\d+)$/.exec(line)?.[1];
  if (vlan !== undefined && (Number(vlan) < 1 || Number(vlan) > 4094)) return { kind: 'error', message: `Invalid input: ${vlan}` };
  // A new VLAN starts with the name and the `no ip address` the switch gives it; an interface or the stacking context with nothing.
  const children = vlan !== undefined ? [child(`name "VLAN${vlan}"`), child('no ip address')] : [];
  running.push({ line, children: [...children, exitNode()] });
  orderTop(running);
  return { kind: 'ok', created: vlan !== undefined };
}

function removeVlan(running: ConfigTree, line: string): Outcome {
  if (line === 'vlan 1') return { kind: 'error', message: 'The default VLAN cannot be deleted.' };
  const i = running.findIndex((n) => n.line === line);
  if (i >= 0) running.splice(i, 1);
  return { kind: 'ok', context: { kind: 'config' }, changed: i >= 0 };
}

/** Set or unset `line` among `nodes` (siblings); returns whether anything changed. */
function setLine(nodes: ConfigNode[], line: string, inVlan: boolean): boolean {
  const before = nodes.map((n) => n.line).join('\n');
  const remove = (pred: (l: string) => boolean) => {
    for (let i = nodes.length - 1; i >= 0; i--) if (pred(nodes[i]!.line)) nodes.splice(i, 1);
  };
  const add = (l: string) => {
    if (!nodes.some((n) => n.line === l)) nodes.push({ line: l, children: [] });
  };
  if (line.startsWith('no ')) {
    const x = line.slice(3);
    const key = settingOf(x);
    if (nodes.some((n) => n.line === x)) remove((l) => l === x);
    else if (key !== undefined && nodes.some((n) => settingOf(n.line) === key && n.line !== line)) remove((l) => settingOf(l) === key);
    else if (/^sntp server \S+$/.test(x)) remove((l) => new RegExp(`^sntp server priority \\d+ ${x.slice(12).replace(/\./g, '\\.')}$`).test(l));
    else if (nodes.some((n) => n.line.startsWith(x + ' '))) remove((l) => l.startsWith(x + ' '));
    else if (SHOWN_OFF.test(x)) {
      if (key !== undefined) remove((l) => settingOf(l) === key);
      add(line);
    }
    // A VLAN without an address says so.
    if (inVlan && /^ip address\b/.test(x)) add('no ip address');
  } else {
    const key = settingOf(line);
    remove((l) => l === `no ${line}` || (key !== undefined && settingOf(l) === key && l !== line));
    add(line);
  }
  return nodes.map((n) => n.line).join('\n') !== before;
}
