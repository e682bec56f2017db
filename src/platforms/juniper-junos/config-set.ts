// Junos configuration in `display set` form: one full path per line, no parents.
// switchback stores a Junos configuration as set lines (`show configuration |
// display set`), while some captures (Oxidized's `show configuration`, NETCONF's
// text format, a config file) are in curly-brace form. braceToSet turns the second
// into the first, so a stored set-form configuration can be compared with a
// brace-form capture line for line. Pure: text in, lines out.

/** A token of brace-form text: a word or quoted string, or one of the punctuation marks. */
type Token = { kind: 'word'; text: string } | { kind: '{' | '}' | ';' | '[' | ']' };

/**
 * Split brace-form text into tokens. Dropped on the way: `#` comments to the end of the
 * line (`## Last commit: …`, the `## SECRET-DATA` note after a secret) and `/* … *\/`
 * annotations, which `display set` does not print either. A quoted string is one word
 * with its quotes (and backslash escapes) kept as written, as `display set` keeps them.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '{' || c === '}' || c === ';' || c === '[' || c === ']') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'word', text: text.slice(i, Math.min(j + 1, text.length)) });
      i = j + 1;
    } else {
      let j = i;
      // A word ends at white space or punctuation; a quote inside a word belongs to it.
      while (j < text.length && !/[\s{};[\]]/.test(text[j] ?? '')) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Statement prefixes that are not part of the path: `inactive:` makes a `deactivate` line, `protect:` a `protect` line. */
const FLAGS: Record<string, string> = { 'inactive:': 'deactivate', 'protect:': 'protect' };
/** Load-file markers that say how to merge, not what is configured. */
const LOAD_MARKERS = new Set(['replace:', 'delete:', 'merge:', 'update:']);

/**
 * Curly-brace Junos configuration → `display set` lines, in the order of the text.
 * `a { b { c d; } }` → `set a b c d`; `x [ p q ];` → `set x p`, `set x q`; an empty
 * statement or block (`ssh;`, `rstp { }`) → `set … ssh`; `inactive: s` → the set lines
 * of `s`, then `deactivate … s` (as Junos prints them). Lines that are already set form
 * (`set …`, `deactivate …`) pass through, so either form can be given.
 */
export function braceToSet(config: string): string[] {
  const text = config.replace(/\r\n?/g, '\n');
  if (isSetForm(text)) return setLinesOf(text);
  const out: string[] = [];
  const path: string[] = [];
  // Per open block: how many lines were written before it opened, and its flag lines to write when it closes.
  const open: { before: number; flags: string[] }[] = [];
  let words: string[] = [];
  let flags: string[] = [];
  // A `[ a b ]` list: its values, where it stands among the words, and whether it is still open.
  let list: string[] | undefined;
  let listAt = 0;
  let inList = false;

  const statement = (): string[] => {
    if (list === undefined) return [words.join(' ')];
    const values = list.length > 0 ? list : [''];
    return values.map((v) => [...words.slice(0, listAt), v, ...words.slice(listAt)].filter((w) => w !== '').join(' '));
  };
  const reset = (): void => {
    words = [];
    flags = [];
    list = undefined;
    listAt = 0;
    inList = false;
  };

  for (const token of tokenize(text)) {
    if (token.kind === 'word') {
      if (inList) list?.push(token.text);
      else if (words.length === 0 && FLAGS[token.text]) flags.push(FLAGS[token.text] ?? '');
      else if (words.length === 0 && LOAD_MARKERS.has(token.text)) continue;
      else words.push(token.text);
    } else if (token.kind === '[') {
      list = [];
      listAt = words.length;
      inList = true;
    } else if (token.kind === ']') {
      inList = false;
    } else if (token.kind === ';') {
      if (words.length > 0 || (list?.length ?? 0) > 0) {
        for (const s of statement()) {
          const full = [...path, s].join(' ');
          out.push(`set ${full}`);
          for (const f of flags) out.push(`${f} ${full}`);
        }
      }
      reset();
    } else if (token.kind === '{') {
      path.push(words.join(' '));
      open.push({ before: out.length, flags });
      reset();
    } else {
      // `}`: close the innermost block; an empty block still configures its own statement.
      const block = open.pop();
      const full = path.join(' ');
      if (block && out.length === block.before && full !== '') out.push(`set ${full}`);
      for (const f of block?.flags ?? []) out.push(`${f} ${full}`);
      path.pop();
      reset();
    }
  }
  return out;
}

/** True when the text is `display set` output: its statements start with `set`, not with braces. */
export function isSetForm(config: string): boolean {
  let set = 0;
  let brace = 0;
  const lines = config.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Decided once the lines left could not change it: a set-form configuration is known
    // halfway through, not at its end (checked for every Junos device of an offline check).
    const left = lines.length - i;
    if (set > 0 && set >= brace + left) return true;
    if (set + left < brace) return false;
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^(?:set|deactivate|protect|delete) \S/.test(line)) set++;
    else if (/[{};]\s*(?:##.*)?$/.test(line)) brace++;
  }
  return set > 0 && set >= brace;
}

/** The statements of set-form text: `set`/`deactivate`/`protect` lines, trimmed; comments and blanks dropped. */
export function setLinesOf(config: string): string[] {
  return config
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(?:set|deactivate|protect) \S/.test(l));
}

/**
 * The line that undoes one set-form line, for `load set`: `set a b c` → `delete a b c`
 * (Junos deletes a leaf given with its value, and one value of a list), `deactivate a`
 * → `activate a`, `protect a` → `unprotect a`. Undefined for anything else.
 */
export function deleteFor(setLine: string): string | undefined {
  const line = setLine.trim();
  const m = /^(set|deactivate|protect) (\S.*)$/.exec(line);
  if (!m) return undefined;
  const verb = m[1] === 'set' ? 'delete' : m[1] === 'deactivate' ? 'activate' : 'unprotect';
  return `${verb} ${m[2] ?? ''}`;
}

/**
 * What `load set terminal` needs to turn `running` into `target` (both set form): a
 * delete for each line of running that the target lacks, then every line of the target
 * (setting a line that exists changes nothing). Deletes come first so a leaf's new
 * value is not deleted after it is set. A delete whose parent went first only earns a
 * `warning: statement not found`.
 */
export function loadSetLines(target: string[], running: string[]): string[] {
  const wanted = new Set(target.map((l) => l.trim()));
  const deletes = running
    .map((l) => l.trim())
    .filter((l) => !wanted.has(l))
    .map(deleteFor)
    .filter((l): l is string => l !== undefined);
  // `set` lines before `deactivate`/`protect` ones: a statement must exist to be deactivated.
  const sets = target.map((l) => l.trim()).filter((l) => l.startsWith('set '));
  const flags = target.map((l) => l.trim()).filter((l) => /^(?:deactivate|protect) /.test(l));
  return [...deletes, ...sets, ...flags];
}
