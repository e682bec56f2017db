// The alert's JSON Schema as the package ships it (schemas/alert.schema.json and
// alert-slack.schema.json, generated from src/report/alert-schema.ts by `npm run schemas`)
// checked with an independent validator (ajv, strict mode, json-schemas.ts's): a payload the
// code built is checked against the file a receiver would use, not against the code's own types.

import { validatorFor } from './json-schemas.js';

/** The problems of a body against the alert's schema (json or slack), none when it fits. */
export function alertSchemaProblems(body: unknown, format: 'json' | 'slack' = 'json'): string[] {
  const validate = validatorFor(format === 'json' ? 'alert' : 'alert-slack');
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
