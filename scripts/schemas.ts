// `npm run schemas`: writes schemas/<command>.schema.json from the zod schemas of every --json
// document (src/cli/json-schemas.ts). The files are committed and shipped in the package;
// test/unit/json-schemas.test.ts fails when they differ from what this writes.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../src/cli/json-schemas.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(dir, { recursive: true });
const files = jsonSchemaFiles();
// A document no longer printed leaves no schema behind.
for (const old of readdirSync(dir)) if (old.endsWith('.schema.json') && !(old in files)) rmSync(join(dir, old));
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
process.stdout.write(`${Object.keys(files).length} schemas written to ${dir}\n`);
