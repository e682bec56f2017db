// `show vsf detail` on AOS-CX (ntc-templates' two real captures): a `VSF Stack` block
// (stack MAC, `Secondary`, topology, split status, `Software Version`), then one block per
// member from `Member ID : N` with `Key : value` lines — MAC, `Type` (the part number),
// `Model`, `Status`, serial. The status is the member's role while it is in the stack:
// `Master` in 10.05, `Conductor` from 10.10 (both captured), `Standby`, `Member`; any other
// word (`Not Present`, `Booting`, `Version Mismatch`: the ARUBAWIRED-VSFv2-MIB states, as
// the CLI is assumed to print them) means the member is not working in the stack.

import type { StackMember } from '../platform.js';

/** The status word → role and state. Unknown words keep their text (lower-cased) as the state. */
export function vsfStatus(status: string): Pick<StackMember, 'role' | 'state'> {
  const s = status
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (s === 'conductor' || s === 'master' || s === 'commander') return { role: 'active', state: 'ready' };
  if (s === 'standby') return { role: 'standby', state: 'ready' };
  if (s === 'member' || s === 'ready') return { role: 'member', state: 'ready' };
  // The MIB's not_present: configured, not there (no power, unplugged, or never joined).
  if (s === 'not-present') return { role: 'member', state: 'removed' };
  if (s === 'booting' || s === 'standby-booting') return { role: 'member', state: 'initializing' };
  if (s === 'version-mismatch') return { role: 'member', state: 'version-mismatch' };
  return { role: 'unknown', state: s };
}

/** `aa:bb:cc:dd:ee:ff` → dotted lower case (`aabb.ccdd.eeff`), the contract's MAC form. */
export function dottedMac(mac: string): string | undefined {
  const hex = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return hex.length === 12 ? `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}` : undefined;
}

export function parseVsfDetail(output: string): StackMember[] {
  const lines = output.replace(/\r/g, '').split('\n');
  const members: StackMember[] = [];
  let version: string | undefined;
  let current: StackMember | undefined;
  for (const line of lines) {
    const kv = /^\s*([A-Za-z][\w ]*?)\s*:[ \t]*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    const [, key = '', value = ''] = kv;
    if (key === 'Member ID') {
      const n = Number.parseInt(value, 10);
      current = Number.isFinite(n) ? { number: n, role: 'unknown', state: 'unknown' } : undefined;
      if (current) members.push(current);
      continue;
    }
    if (!current) {
      if (key === 'Software Version' && value) version = value;
      continue;
    }
    if (key === 'Status' && value) Object.assign(current, vsfStatus(value));
    else if (key === 'MAC Address') {
      const mac = dottedMac(value);
      if (mac) current.mac = mac;
    } else if (key === 'Type' && value) current.model = value;
    else if (key === 'Serial Number' && value) current.serial = value;
  }
  // The stack runs one software version: the stack block's, on every member in it.
  if (version) for (const m of members) if (m.state === 'ready') m.version = version;
  return members;
}
