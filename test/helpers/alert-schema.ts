// The alert's JSON Schema as the package ships it (schemas/alert.schema.json and
// alert-slack.schema.json, generated from src/report/alert-schema.ts by `npm run schemas`)
// checked with an independent validator (ajv, strict mode): a payload the code built is
// checked against the file a receiver would use, not against the code's own types.

import ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';

const Ajv2020 = ajv2020.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const shipped = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8')) as object;
const payload = ajv.compile(shipped('alert'));
const slack = ajv.compile(shipped('alert-slack'));

/** The problems of a body against the alert's schema (json or slack), none when it fits. */
export function alertSchemaProblems(body: unknown, format: 'json' | 'slack' = 'json'): string[] {
  const validate = format === 'json' ? payload : slack;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
