// Stack members from ENTITY-MIB (RFC 6933) entPhysicalTable: the vendor-neutral fallback
// when a platform has no stack table of its own, or its agent does not serve it. Every
// `chassis(3)` row is a member. Pure: rows in, members out; the walking is the job's.
//
// What ENTITY-MIB cannot say: role (active / standby) and state. It lists only the
// hardware that is present, so every member it lists is `ready` and a member that lost
// power is simply absent (the comparison with the inventory's members reports it missing).
//
// Here rather than in config/ (configuration text) or transport/ (no vendor knowledge):
// it reads SNMP rows into StackMembers exactly as a platform's stack-table parser does, and
// the names it recognises (`Switch 2`, `Member 2`, `FPC 1`) are vendors' conventions.

import type { SnmpRow, StackMember } from './platform.js';

/** entPhysicalEntry. */
export const ENT_PHYSICAL_ENTRY = '1.3.6.1.2.1.47.1.1.1.1';

/** The columns read: the class to find the chassis rows, then the rest for those rows only. */
export const ENT_COLUMN = { class: 5, parentRelPos: 6, name: 7, softwareRev: 10, serialNum: 11, modelName: 13 } as const;

/** PhysicalClass chassis(3). */
export const ENT_CLASS_CHASSIS = 3;

/** The column to walk first: entPhysicalClass. */
export const ENT_CLASS_COLUMN = `${ENT_PHYSICAL_ENTRY}.${ENT_COLUMN.class}`;

const DETAIL_COLUMNS = [ENT_COLUMN.parentRelPos, ENT_COLUMN.name, ENT_COLUMN.softwareRev, ENT_COLUMN.serialNum, ENT_COLUMN.modelName];

/** Rows of entPhysicalTable by index, then column; rows of other tables are ignored. Leading dots accepted. */
function byIndex(rows: SnmpRow[]): Map<number, Map<number, SnmpRow['value']>> {
  const prefix = ENT_PHYSICAL_ENTRY + '.';
  const out = new Map<number, Map<number, SnmpRow['value']>>();
  for (const row of rows) {
    const oid = row.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const arcs = oid.slice(prefix.length).split('.');
    if (arcs.length !== 2) continue; // entPhysicalIndex is a single arc
    const column = Number(arcs[0]);
    const index = Number(arcs[1]);
    if (!Number.isInteger(column) || !Number.isInteger(index)) continue;
    const cells = out.get(index) ?? new Map<number, SnmpRow['value']>();
    out.set(index, cells);
    cells.set(column, row.value);
  }
  return out;
}

function asNumber(v: SnmpRow['value'] | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

function asText(v: SnmpRow['value'] | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).replace(/\0/g, '').trim();
  return s === '' ? undefined : s;
}

/** entPhysicalIndex of every chassis(3) row, ascending (from a walk of entPhysicalClass, or more). */
export function chassisIndexes(rows: SnmpRow[]): number[] {
  return [...byIndex(rows)]
    .filter(([, cells]) => asNumber(cells.get(ENT_COLUMN.class)) === ENT_CLASS_CHASSIS)
    .map(([index]) => index)
    .sort((a, b) => a - b);
}

/** The instances to GET for those chassis rows: ParentRelPos, Name, SoftwareRev, SerialNum, ModelName. */
export function chassisDetailOids(indexes: number[]): string[] {
  return indexes.flatMap((i) => DETAIL_COLUMNS.map((c) => `${ENT_PHYSICAL_ENTRY}.${c}.${i}`));
}

/**
 * The member number a chassis name carries: `Switch 2`, `Member 2`, `Stack Member 2`,
 * `Chassis 2`, `FPC 1`, `Unit 3` (case-insensitive; the first such word followed by a number).
 */
export function memberNumberFromName(name: string | undefined): number | undefined {
  if (!name) return undefined;
  const m = /\b(?:switch|member|chassis|fpc|unit)\s*[-:#]?\s*(\d{1,4})(?![\w.])/i.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Stack members from entPhysicalTable rows (the class column and the detail columns of the
 * chassis rows, in any order; other rows are ignored). Numbers, all from one rule:
 * - every chassis name carries a number, all different: those (`Switch 2` is member 2);
 * - else every row has an entPhysicalParentRelPos ≥ 0, all different: those, plus one when
 *   they start at 0 (IOS-XE writes member 1's chassis at position 0);
 * - else the order of entPhysicalIndex: 1, 2, 3…
 * Role `unknown`, state `ready`; serial, model and version (entPhysicalSoftwareRev, as the
 * agent writes it) when not empty. Sorted by number.
 */
export function parseEntityChassis(rows: SnmpRow[]): StackMember[] {
  const table = byIndex(rows);
  const chassis = chassisIndexes(rows).map((index) => ({ index, cells: table.get(index)! }));
  if (chassis.length === 0) return [];

  const distinct = (ns: (number | undefined)[]): ns is number[] => ns.every((n) => n !== undefined) && new Set(ns).size === ns.length;
  const fromNames = chassis.map((c) => memberNumberFromName(asText(c.cells.get(ENT_COLUMN.name))));
  const relPos = chassis.map((c) => {
    const p = asNumber(c.cells.get(ENT_COLUMN.parentRelPos));
    return p !== undefined && p >= 0 ? p : undefined;
  });
  let numbers: number[];
  if (distinct(fromNames)) numbers = fromNames;
  else if (distinct(relPos)) numbers = Math.min(...relPos) === 0 ? relPos.map((p) => p + 1) : relPos;
  else numbers = chassis.map((_, i) => i + 1);

  return chassis
    .map(({ cells }, i): StackMember => {
      const member: StackMember = { number: numbers[i]!, role: 'unknown', state: 'ready' };
      const model = asText(cells.get(ENT_COLUMN.modelName));
      const serial = asText(cells.get(ENT_COLUMN.serialNum));
      const version = asText(cells.get(ENT_COLUMN.softwareRev));
      if (model) member.model = model;
      if (serial) member.serial = serial;
      if (version) member.version = version;
      return member;
    })
    .sort((a, b) => a.number - b.number);
}
