// The JSON Schemas the package ships (schemas/*.schema.json), compiled by ajv: a validator
// that is not zod, so a document is checked by something other than the code that described it.

import ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The shipped files by name (`backup`, `lab-status`, `error`), as read from the package folder. */
export function shippedSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const f of readdirSync(SCHEMAS_DIR))
    if (f.endsWith('.schema.json')) out[f.replace(/\.schema\.json$/, '')] = JSON.parse(readFileSync(SCHEMAS_DIR + f, 'utf8')) as object;
  return out;
}

// ajv is CommonJS: under NodeNext its default export is the module object, the class is on it.
const Ajv2020 = ajv2020.default;

const cache = new Map<string, ValidateFunction>();

/** A validator for one shipped schema; ajv in strict mode (a `type` list, as zod writes a union of plain types, allowed), every error reported. */
export function validatorFor(name: string): ValidateFunction {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = shippedSchemas()[name];
  if (!schema) throw new Error(`no schemas/${name}.schema.json`);
  const v = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
  cache.set(name, v);
  return v;
}

/** The document's errors against its command's schema, in words ([] when it is valid). */
export function schemaErrors(name: string, doc: unknown): string[] {
  const v = validatorFor(name);
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
