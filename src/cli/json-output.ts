// Every `--json` document goes out through here, so each carries the same `schemaVersion`
// and is checked by the same JSON Schema the package ships (schemas/<command>.schema.json).

/**
 * The version of every `--json` document's shape. It moves only when a change could break a
 * reader that follows the schema: a field removed or renamed, its type or meaning changed, a
 * value it could not hold before. A new optional field does not move it (readers ignore what
 * they do not know, and the top-level objects are open for that).
 */
export const SCHEMA_VERSION = 1;

/** `doc` with `schemaVersion` first, as one document on stdout. */
export function printJson(doc: object): void {
  process.stdout.write(jsonText(doc));
}

/** The text printJson writes. */
function jsonText(doc: object): string {
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...doc }, null, 2) + '\n';
}
