// state.json's facts, and what changed in them, as plain data. Pure functions.
//
// The same switch must give the same bytes: a commit is made whenever state.json differs
// from the last one, so nothing in it may depend on how the switch happened to answer
// this time — the order it listed its members in, or which member's console answered
// the version command (the Active, which a failover moves; its model and serial came first).
// And a commit that does change state.json must say what changed: `describeStateChange`
// gives the words the table and the commit body print.

import type { ConfigWords, StackMember, VersionFacts } from '../platforms/platform.js';

export interface StableFacts {
  /** The model of the lowest-numbered member that reports one (a standalone switch: its model). */
  model: string | null;
  /** Members' serials by member number, then any others as the switch listed them. */
  serials: string[];
  /** By member number. */
  members: StackMember[];
}

const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;

export function stableFacts(version: VersionFacts, members: StackMember[]): StableFacts {
  const rows = [...version.members].sort(byNumber);
  const serials = [...rows.map((m) => m.serial), ...version.serials].filter((s, i, all): s is string => s !== undefined && all.indexOf(s) === i);
  return {
    model: rows.find((m) => m.model !== undefined)?.model ?? version.model ?? null,
    serials,
    members: [...members].sort(byNumber),
  };
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Equal as JSON, whatever the order of keys (state.json is written with sorted keys, objects are built in any order). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (isRecord(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const word = (v: unknown) => (v === undefined || v === null ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Keys whose change the backup's table already shows in its own column or note: `unsaved`
 * (UNSAVED, and it follows from running and startup), `startupPresent` (UNSAVED `no
 * startup`), `lastGoodHeld` while held (REASON `last good kept`). `stack` is shown as
 * ready/expected/missing (STACK), all but which member is Active.
 */
// Said in their own words elsewhere in the backup's line (the UNSAVED column, the not-synchronised note).
const SHOWN_ELSEWHERE = new Set(['unsaved', 'startupPresent', 'notSynced']);

function membersChange(before: unknown, after: unknown): string[] {
  const list = (v: unknown) => new Map((Array.isArray(v) ? v.filter(isRecord) : []).map((m) => [Number(m.number), m]));
  const [b, a] = [list(before), list(after)];
  const numbers = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
  return numbers.flatMap((n): string[] => {
    const [was, now] = [b.get(n), a.get(n)];
    if (!was) return [`member ${n} new`];
    if (!now) return [`member ${n} gone`];
    if (same(was, now)) return [];
    if (was.state !== now.state) return [`member ${n} ${word(was.state)} → ${word(now.state)}`];
    if (was.role !== now.role) return [`member ${n} ${word(was.role)} → ${word(now.role)}`];
    const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => !same(was[k], now[k])).sort();
    return [`member ${n} ${fields.join(', ')}`];
  });
}

function setChange(what: string, before: unknown, after: unknown): string {
  const [b, a] = [Array.isArray(before) ? before.map(word) : [], Array.isArray(after) ? after.map(word) : []];
  const added = a.filter((x) => !b.includes(x));
  const removed = b.filter((x) => !a.includes(x));
  return added.length + removed.length === 0 ? `${what} order` : `${what} ${[...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`)].join(' ')}`;
}

/**
 * What differs between the committed state.json (`before`, as parsed; anything for none)
 * and the one written now, in words: `active member 1 → 2`, `member 1 removed → ready`,
 * `version 17.09.04a → 17.12.1`. Empty when nothing the table does not already show changed;
 * `alsoShown` names more keys the caller shows itself (`snmp` when it says "rebooted").
 * `startup`: the platform's word for its startup configuration (ConfigWords); without one,
 * the word this message always had.
 */
/** A stored pair view in a few words (a reason stays out: it may be long). */
function pairWords(v: unknown): string {
  if (!isRecord(v)) return 'none';
  if (typeof v.unreadable === 'string') return 'unreadable';
  return `peer ${word(v.peer)}, link ${word(v.peerLink)}, ${word(v.role)}`;
}

export function describeStateChange(before: unknown, after: Json, alsoShown: string[] = [], startup: ConfigWords['startup'] = 'startup-config'): string[] {
  const was = isRecord(before) ? before : {};
  const keys = [...new Set([...Object.keys(was), ...Object.keys(after)])].sort();
  return keys.flatMap((key): string[] => {
    const [b, a] = [was[key], after[key]];
    if (same(b, a) || SHOWN_ELSEWHERE.has(key) || alsoShown.includes(key)) return [];
    switch (key) {
      case 'members':
        return membersChange(b, a);
      case 'serials':
        return [setChange('serials', b, a)];
      case 'stack': {
        const [ab, aa] = [isRecord(b) ? b.active : undefined, isRecord(a) ? a.active : undefined];
        return same(ab, aa) ? [] : [`active member ${word(ab)} → ${word(aa)}`];
      }
      case 'lastGoodHeld':
        return a === undefined ? ['last good no longer held'] : [];
      case 'startupUnreadable': // while unreadable, the startup-unreadable note says why
        return a === undefined ? [`${startup} readable again`] : [];
      case 'hostKey':
        return [`host key ${isRecord(a) ? word(a.fingerprint) : 'none'}`];
      case 'snmp':
        return [`boot record ${isRecord(a) ? `${word(a.bootedAt)} (boots ${word(a.engineBoots)})` : 'none'}`];
      case 'snmpCapture':
        return ['what SNMP capture read'];
      case 'pair': // a redundant pair's view from this peer: `pair peer up, link up, primary → peer down, link down, primary`
        return [`pair ${pairWords(b)} → ${pairWords(a)}`];
      case 'capturedVia': // absent: over SSH
        return [`captured via ${word(b ?? 'ssh')} → ${word(a ?? 'ssh')}`];
      case 'stackModel':
        return [`stack model ${word(b)} → ${word(a)}`];
      case 'platform':
      case 'hostname':
      case 'version':
      case 'model':
        return [`${key} ${word(b)} → ${word(a)}`];
      default:
        return [key];
    }
  });
}
