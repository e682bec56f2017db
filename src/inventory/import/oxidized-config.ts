// What `switchback inventory import --from oxidized --config FILE` takes from Oxidized's own
// config (~/.config/oxidized/config, YAML): the CSV source's `delimiter` (a Ruby regexp,
// `!ruby/regexp /:/`), `map` and `vars_map`, the `model_map` Oxidized applies to each model,
// and the default `model`. Credentials in it are never read.

import { parseDocument } from 'yaml';
import type { ScalarTag } from 'yaml';
import { echo } from '../echo.js';
import { OXIDIZED_FIELDS, parseDelimiter } from './oxidized.js';
import type { OxidizedField, OxidizedMap, OxidizedOptions } from './oxidized.js';

/** `!ruby/regexp /:/` as its text: parseDelimiter reads the slashes. */
const RUBY_REGEXP: ScalarTag = { tag: '!ruby/regexp', resolve: (value: string) => value };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface OxidizedConfig extends OxidizedOptions {
  /** `source.csv.file`, as written (`~` not expanded). */
  file?: string;
}

/** The source settings of an Oxidized config, or the problem with it. */
export function parseOxidizedConfig(text: string): OxidizedConfig | { problem: string } {
  const doc = parseDocument(text, { customTags: [RUBY_REGEXP] });
  const first = doc.errors[0];
  if (first)
    return {
      problem: `YAML syntax${first.linePos?.[0] ? ` at line ${first.linePos[0].line}` : ''}: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
    };
  const top: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isMap(top)) return { problem: 'not an Oxidized config (a YAML mapping with source:)' };
  const out: OxidizedConfig = {};
  if (typeof top.model === 'string' && top.model !== '') out.defaultModel = top.model;
  if (isMap(top.model_map)) {
    const modelMap: Record<string, string> = {};
    for (const [k, v] of Object.entries(top.model_map)) if (typeof v === 'string') modelMap[k] = v;
    out.modelMap = modelMap;
  }
  const source = isMap(top.source) ? top.source : undefined;
  if (source?.default !== undefined && source.default !== 'csv')
    return { problem: `its source is ${echo(String(source.default))}, not csv: export the nodes as CSV and give --map` };
  const csv = isMap(source?.csv) ? source.csv : undefined;
  if (!csv) return out;
  if (typeof csv.file === 'string') out.file = csv.file;
  if (typeof csv.delimiter === 'string') {
    const d = parseDelimiter(csv.delimiter);
    if (typeof d === 'object' && 'problem' in d) return { problem: `source.csv.delimiter: ${d.problem.replace(/^--delimiter: /, '')}` };
    out.delimiter = d;
  }
  const map: OxidizedMap = {};
  for (const [section, allowed] of [
    [csv.map, OXIDIZED_FIELDS.filter((f) => f !== 'enable')],
    [csv.vars_map, ['enable']],
  ] as const)
    if (isMap(section))
      for (const [k, v] of Object.entries(section))
        if ((allowed as readonly string[]).includes(k) && typeof v === 'number' && Number.isInteger(v) && v >= 0) map[k as OxidizedField] = v;
  if (Object.keys(map).length > 0) {
    if (map.name === undefined) return { problem: 'source.csv.map has no name (Oxidized requires one)' };
    out.map = map;
  }
  return out;
}
