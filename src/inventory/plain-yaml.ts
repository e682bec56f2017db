// A fast reader for the plain part of YAML that inventories are made of: block mappings and
// lists, one `key: value` or `- value` a line, plain or simply quoted scalars, whole-line
// comments. The `yaml` package reads any YAML and says where a mistake is, but reads about
// 1 MB a second: a 5,000-device inventory cost every check and backup a second. Anything
// outside this subset (anchors, merge keys, flow collections, block scalars, escapes,
// trailing comments, tabs, a float, a duplicate key, …) gives undefined, and the caller reads
// the text with `yaml`, which also finds and places every error. What it does accept, it
// reads as `yaml`'s core schema does (test/unit/inventory-plain-yaml.test.ts compares them).

type Line = { indent: number; body: string };

/** Not in the subset: the caller falls back to the full parser. */
class NotPlain extends Error {}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
/** Characters that make a line more than the subset anywhere in the file (tabs, CR, controls, BOM). */
const OUTSIDE = /[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
/** A plain scalar may not start with an indicator, nor hold `: `, ` #` or flow brackets. */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const PLAIN_INSIDE = /: | #|[[\]{}]|:$/;
/** yaml 1.2 core schema: the scalars this reader resolves, and the ones it leaves to `yaml`. */
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = [
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** The document as plain data, or undefined when it is not (only) the plain subset. */
export function readPlainYaml(text: string): unknown {
  if (OUTSIDE.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    lines.push({ indent: raw.length - body.length, body: body.trimEnd() });
  }
  // An empty document, directives, document markers, a document set in from the margin: `yaml` says what they are.
  if (lines.length === 0 || lines[0]?.indent !== 0 || lines.some((l) => l.indent === 0 && /^(?:%|---|\.\.\.)/.test(l.body))) return undefined;
  try {
    const cursor = { i: 0 };
    const top = block(lines, cursor);
    return cursor.i === lines.length ? top : undefined;
  } catch (err) {
    if (err instanceof NotPlain) return undefined;
    throw err;
  }
}

const isItem = (body: string) => body === '-' || body.startsWith('- ');

function block(lines: Line[], at: { i: number }): unknown {
  const first = lines[at.i] as Line;
  return isItem(first.body) ? list(lines, at, first.indent) : mapping(lines, at, first.indent);
}

function mapping(lines: Line[], at: { i: number }, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let line = lines[at.i]; line !== undefined && line.indent === indent; line = lines[at.i]) {
    const m = KEY_LINE.exec(line.body);
    if (!m) throw new NotPlain();
    const key = m[1] as string;
    // `yaml` refuses an implicit key over 1024 characters.
    if (key.length > 1024 || key === '__proto__' || Object.hasOwn(out, key) || typeof scalar(key) !== 'string') throw new NotPlain();
    at.i++;
    const rest = m[2] ?? '';
    const next = lines[at.i];
    if (rest !== '') out[key] = scalar(rest);
    else if (next !== undefined && next.indent > indent) out[key] = block(lines, at);
    // A list may stand at its key's indent (`tags:` then `- a` under the `t`).
    else if (next !== undefined && next.indent === indent && isItem(next.body)) out[key] = list(lines, at, indent);
    else out[key] = null;
  }
  if ((lines[at.i]?.indent ?? -1) > indent) throw new NotPlain();
  return out;
}

function list(lines: Line[], at: { i: number }, indent: number): unknown[] {
  const out: unknown[] = [];
  for (let line = lines[at.i]; line !== undefined && line.indent === indent && isItem(line.body); line = lines[at.i]) {
    if (line.body === '-') {
      at.i++;
      const next = lines[at.i];
      out.push(next !== undefined && next.indent > indent ? block(lines, at) : null);
      continue;
    }
    const rest = line.body.slice(1);
    const content = rest.trimStart();
    if (isItem(content)) throw new NotPlain();
    if (KEY_LINE.test(content)) {
      // `- name: a`: a mapping whose keys stand at the column of `name`.
      const column = indent + 1 + rest.length - content.length;
      lines[at.i] = { indent: column, body: content };
      out.push(mapping(lines, at, column));
    } else {
      out.push(scalar(content));
      at.i++;
    }
  }
  if ((lines[at.i]?.indent ?? -1) > indent) throw new NotPlain();
  return out;
}

function scalar(text: string): unknown {
  if (text.startsWith('"')) {
    const m = /^"([^"\\]*)"$/.exec(text);
    if (!m) throw new NotPlain();
    return m[1];
  }
  if (text.startsWith("'")) {
    const m = /^'([^']*)'$/.exec(text);
    if (!m) throw new NotPlain();
    return m[1];
  }
  if (PLAIN_START.test(text) || PLAIN_INSIDE.test(text)) throw new NotPlain();
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT.test(text)) return parseInt(text, 10);
  if (OTHER_NUMBER.some((re) => re.test(text))) throw new NotPlain();
  return text;
}
