// The JSON Schemas shipped in schemas/ are what `npm run schemas` writes from the zod schemas
// of the --json documents (src/cli/json-schemas.ts), they compile under ajv's strict mode, and
// they are strict enough to refuse a document that lacks a required field.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/cli/json-schemas.js';
import { SCHEMA_VERSION } from '../../src/cli/json-output.js';
import { SCHEMAS_DIR, schemaErrors, shippedSchemas, validatorFor } from '../helpers/json-schemas.js';

const root = new URL('../../', import.meta.url);

describe('the shipped JSON Schemas', () => {
  it('are exactly what `npm run schemas` generates (run it and commit after changing a --json document)', () => {
    const generated = jsonSchemaFiles();
    const committed = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
    expect(committed.sort()).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated)) expect(readFileSync(SCHEMAS_DIR + name, 'utf8'), name).toBe(text);
  });

  it('are draft 2020-12, compile in ajv strict mode, and each pins schemaVersion', () => {
    const all = shippedSchemas();
    expect(Object.keys(all)).toEqual(
      expect.arrayContaining(['backup', 'check', 'diff', 'history', 'good', 'restore', 'recover', 'ready', 'inventory', 'error', 'alert', 'alert-slack']),
    );
    for (const [name, schema] of Object.entries(all)) {
      expect((schema as { $schema: string }).$schema, name).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => validatorFor(name), name).not.toThrow();
      // The alert a webhook or hook receives is not a command's --json: it carries its own `version`;
      // the watch's /status.json is an HTTP snapshot, not a --json document.
      if (name === 'alert') expect((schema as { required: string[] }).required, name).toContain('version');
      else if (name !== 'alert-slack' && name !== 'watch-status') expect(JSON.stringify(schema), name).toContain(`"const":${SCHEMA_VERSION}`);
    }
  });

  it('refuse a document without a required field, of a wrong type, or with an unknown field inside', () => {
    const error = { schemaVersion: SCHEMA_VERSION, error: 'no inventory', exitCode: 2 };
    expect(schemaErrors('error', error)).toEqual([]);
    const { exitCode: _dropped, ...withoutExit } = error;
    expect(schemaErrors('error', withoutExit).join('\n')).toMatch(/required.*exitCode/);
    expect(schemaErrors('error', { ...error, schemaVersion: 2 })).not.toEqual([]);

    const good = {
      schemaVersion: SCHEMA_VERSION,
      device: 'core-1',
      rev: null,
      revCommit: null,
      changed: true,
      missing: 0,
      added: 3,
      seeded: false,
      forced: false,
      reason: 'by hand',
      user: 'ops',
      commit: 'a'.repeat(40),
      exitCode: 0,
    };
    expect(schemaErrors('good', good)).toEqual([]);
    // Open at the top: a feature may add a field beside the command's own.
    expect(schemaErrors('good', { ...good, alerts: [] })).toEqual([]);
    const { commit: _c, ...noCommit } = good;
    expect(schemaErrors('good', noCommit).join('\n')).toMatch(/required.*commit/);
    expect(schemaErrors('good', { ...good, missing: '0' })).not.toEqual([]);

    const history = {
      schemaVersion: SCHEMA_VERSION,
      device: 'core-1',
      more: false,
      commits: [{ commit: 'b'.repeat(40), short: 'bbbbbbb', date: '2026-12-07T16:00:00.000Z', subject: 'backup: 1 changed of 1', files: ['running'] }],
    };
    expect(schemaErrors('history', history)).toEqual([]);
    // Closed inside: an unknown field in a commit is an error.
    expect(schemaErrors('history', { ...history, commits: [{ ...history.commits[0], extra: 1 }] })).not.toEqual([]);
  });

  it('travel in the package', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(Object.keys(jsonSchemaFiles()).map((f) => `schemas/${f}`)));
  });
});
