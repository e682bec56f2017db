// Oxidized's CSV source (lib/oxidized/source/csv.rb): one device a line, fields split by the
// source's `delimiter` (a regexp, `/:/` by default) and picked by its `map:` (column of each
// field: `name: 0, model: 1` by default, the `name:model` lines of router.db). Lines whose
// first non-blank character is `#` are comments. As Oxidized does, "nil" means no value.

import { isIP } from 'node:net';
import { echo } from '../echo.js';
import type { Note, ParseResult, Skipped, SourceEntry } from './entry.js';

/** The fields of Oxidized's `map:` and `vars_map:` this import reads (the secrets only to say they were left out). */
export const OXIDIZED_FIELDS = ['name', 'ip', 'model', 'group', 'username', 'password', 'enable'] as const;
export type OxidizedField = (typeof OXIDIZED_FIELDS)[number];
export type OxidizedMap = Partial<Record<OxidizedField, number>>;

export interface OxidizedOptions {
  /** The source's `map:` (and `vars_map: { enable: N }`); default `{ name: 0, model: 1 }`. */
  map?: OxidizedMap;
  /** The source's `delimiter`: text split on as it is, or a RegExp; default `/:/`. */
  delimiter?: string | RegExp;
  /** The config's global `model:`, which Oxidized uses for a line without one. */
  defaultModel?: string;
  /** The config's `model_map:` (a name of yours → an Oxidized model), applied to each line's model as Oxidized does. */
  modelMap?: Record<string, string>;
}

export const OXIDIZED_DEFAULT_MAP: OxidizedMap = { name: 0, model: 1 };

export function parseOxidized(text: string, opts: OxidizedOptions = {}): ParseResult {
  const map = opts.map ?? OXIDIZED_DEFAULT_MAP;
  const delimiter = opts.delimiter ?? /:/;
  const entries: SourceEntry[] = [];
  const skipped: Skipped[] = [];
  const secrets = { password: 0, enable: 0 };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line) || line.trim() === '') return;
    const where = `line ${i + 1}`;
    const data = line.split(delimiter);
    const field = (f: OxidizedField): string | undefined => {
      const at = map[f];
      const v = at === undefined ? undefined : data[at]?.trim();
      return v === undefined || v === '' || v === 'nil' ? undefined : v;
    };
    const name = field('name');
    if (name === undefined) {
      skipped.push({ where, kind: 'bad-line', reason: `no name in column ${map.name ?? 0} (is the delimiter or --map right for this file?)` });
      return;
    }
    if (severalFields(name)) {
      // Not quoted: the rest of the line may be the username, password and enable columns.
      skipped.push({ where, kind: 'bad-line', reason: `the name column holds several fields: is the delimiter right for this file (--delimiter)?` });
      return;
    }
    const written = field('model') ?? opts.defaultModel;
    const model = written !== undefined && opts.modelMap && Object.hasOwn(opts.modelMap, written) ? opts.modelMap[written] : written;
    if (model === undefined) {
      skipped.push({
        where,
        name,
        kind: 'no-model',
        reason: `no model in column ${map.model ?? '(none mapped)'}; Oxidized would use its config's default \`model:\` — give it with --model-default`,
      });
      return;
    }
    if (field('password') !== undefined) secrets.password++;
    if (field('enable') !== undefined) secrets.enable++;
    const ip = field('ip');
    const group = field('group');
    const username = field('username');
    entries.push({
      where,
      name,
      model,
      ...(ip !== undefined ? { host: ip } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(username !== undefined ? { username } : {}),
    });
  });
  const notes: Note[] = [];
  for (const [field, count] of Object.entries(secrets))
    if (count > 0)
      notes.push({
        where: `column ${map[field as OxidizedField]}`,
        message: `the ${field} of ${count} device${count === 1 ? '' : 's'} not imported: secrets are never written in the inventory (credentials use env:NAME or file:PATH)`,
      });
  return { entries, skipped, notes };
}

/**
 * A name that is more than one field: the file was split with another delimiter than its
 * own (a `,` file read with the default `:`), so the name column holds the whole line. A
 * device name or address never holds these; a colon only in an IPv6 address.
 */
function severalFields(name: string): boolean {
  return /[\s,;|]/.test(name) || (name.includes(':') && isIP(name) === 0);
}

/**
 * `--map name=0,ip=1,model=2` (Oxidized's `map:` as one option) to a map, or the problem with it.
 * Columns count from 0, as in Oxidized's config.
 */
export function parseOxidizedMap(spec: string): OxidizedMap | string {
  const map: OxidizedMap = {};
  for (const part of spec.split(',')) {
    const m = /^\s*([a-z_]+)\s*[=:]\s*(\d{1,3})\s*$/.exec(part);
    if (!m) return `--map takes field=column pairs separated by commas (name=0,model=1), not "${echo(part)}"`;
    const [, field, column] = m as unknown as [string, string, string];
    if (!(OXIDIZED_FIELDS as readonly string[]).includes(field)) return `--map: unknown field "${echo(field)}" (known: ${OXIDIZED_FIELDS.join(', ')})`;
    map[field as OxidizedField] = Number(column);
  }
  if (map.name === undefined) return '--map must give the column of name';
  return map;
}

/** `--delimiter`: text as it is (`,`), or a regexp between slashes as Oxidized writes one (`/[,;]/`). */
export function parseDelimiter(spec: string): string | RegExp | { problem: string } {
  if (spec === '') return { problem: '--delimiter must not be empty' };
  const m = /^\/(.+)\/$/.exec(spec);
  if (!m) return spec;
  try {
    return new RegExp(m[1]!);
  } catch {
    return { problem: `--delimiter: "${echo(spec)}" is not a valid regular expression` };
  }
}
