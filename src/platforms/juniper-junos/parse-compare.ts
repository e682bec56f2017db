// `show | compare` in configuration mode: what the candidate changes against the
// committed configuration, in Junos's patch form:
//
//   [edit system]
//   -  host-name old;
//   +  host-name new;
//   [edit security address-book global]
//        address server1 { ... }          <- context, unchanged
//   +    address dc-laptop 192.168.22.7/32;
//   [edit interfaces]
//   +   ge-0/0/5 {
//   +       description "to core";
//   +   }
//
// Nothing at all (or only `[edit]` and the prompt) when the candidate is the committed
// configuration. Each added or removed statement is returned with its full path, and as
// the set-form line a user would type (`set interfaces ge-0/0/5 description "to core"`,
// `delete system host-name old`). Pure: text in, changes out.

export interface CompareChange {
  kind: 'added' | 'removed' | 'changed';
  /** The `[edit …]` path and the blocks opened above the statement: `['interfaces', 'ge-0/0/5']`. */
  path: string[];
  /** The statement as printed, without its marker, indentation, `;` or `## …` note: `description "to core"`. */
  statement: string;
  /** As a set-form line: `set …` (added), `delete …` (removed), `!` changes (activation) as printed with their path. */
  line: string;
}

export interface CompareResult {
  changes: CompareChange[];
  /** The candidate holds no uncommitted change. */
  empty: boolean;
}

const HEADER = /^\s*\[edit(?:\s+(.*?))?\]\s*$/;
const MARKED = /^([+\-!])(\s*)(.*?)\s*$/;

/** A statement's text without its `;`, its `## SECRET-DATA` note or an opening brace. */
function clean(text: string): { text: string; opens: boolean; closes: boolean } {
  const noNote = text.replace(/\s*##.*$/, '').trim();
  if (noNote === '}') return { text: '', opens: false, closes: true };
  if (noNote.endsWith('{')) return { text: noNote.slice(0, -1).trim(), opens: true, closes: false };
  return { text: noNote.replace(/;$/, '').trim(), opens: false, closes: false };
}

export function parseCompare(output: string): CompareResult {
  const changes: CompareChange[] = [];
  let edit: string[] | undefined;
  let blocks: string[] = [];
  for (const raw of output.replace(/\r\n?/g, '\n').split('\n')) {
    const header = HEADER.exec(raw);
    if (header) {
      edit = (header[1] ?? '').split(/\s+/).filter((w) => w !== '');
      blocks = [];
      continue;
    }
    if (!edit) continue; // the command's echo, warnings before the first header
    const marked = MARKED.exec(raw);
    const kind = marked ? (marked[1] === '+' ? 'added' : marked[1] === '-' ? 'removed' : 'changed') : undefined;
    const body = marked ? (marked[3] ?? '') : raw.trim();
    if (!marked && (body === '' || /^\S+@\S+[>#]/.test(body) || /^\{[\w:]+\}$/.test(body))) continue;
    if (body.startsWith('/*')) {
      // An annotation: a change of its own when marked, never a block.
      if (kind) changes.push({ kind, path: [...edit, ...blocks], statement: body, line: `${marked?.[1]} ${[...edit, ...blocks].join(' ')} ${body}`.trim() });
      continue;
    }
    const c = clean(body);
    if (c.closes) {
      blocks.pop();
      continue;
    }
    // Context lines (unmarked) such as `address server1 { ... }` open nothing: they close on their own line.
    if (c.opens && !/\{\s*\.\.\.\s*\}$/.test(body)) {
      // A new or removed block reports its statements one by one, each under this path.
      blocks.push(c.text.replace(/^(?:inactive|protect):\s*/, ''));
      continue;
    }
    if (!kind) continue;
    const path = [...edit, ...blocks];
    const words = [...path, c.text].join(' ');
    const line = kind === 'added' ? `set ${words}` : kind === 'removed' ? `delete ${words}` : `! ${words}`;
    changes.push({ kind, path, statement: c.text, line });
  }
  return { changes, empty: changes.length === 0 };
}

/** The pending changes as lines a user reads (`set …` / `delete …`), for the platform's `unsaved.parse`. */
export function pendingLines(output: string): string[] {
  return parseCompare(output).changes.map((c) => c.line);
}
