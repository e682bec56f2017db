// The alert's JSON Schema (z.toJSONSchema of src/report/alert-schema.ts) checked with an
// independent validator (ajv, strict mode): a payload the code built is checked against the
// schema a receiver would use, not against the code's own types.

import ajv2020 from 'ajv/dist/2020.js';
import { z } from 'zod';
import { alertPayloadSchema, slackBodySchema } from '../../src/report/alert-schema.js';

const Ajv2020 = ajv2020.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const payload = ajv.compile(z.toJSONSchema(alertPayloadSchema, { target: 'draft-2020-12' }));
const slack = ajv.compile(z.toJSONSchema(slackBodySchema, { target: 'draft-2020-12' }));

/** The problems of a body against the alert's schema (json or slack), none when it fits. */
export function alertSchemaProblems(body: unknown, format: 'json' | 'slack' = 'json'): string[] {
  const validate = format === 'json' ? payload : slack;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
