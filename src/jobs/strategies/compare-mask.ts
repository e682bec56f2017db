// A switch's own comparison (the commit-confirmed dry run) shown with its secrets masked when
// the platform gives no whole-path form of it (CommitConfirmedStrategy.compareLines). The
// secret patterns read one statement; in a hierarchical comparison a statement may not name
// the keyword that makes it secret — `community NAME {` under a `[section snmp]`-like header —
// so each line is masked with its context in front of it: the bracketed section header and the
// lines it is indented under, longest context first. Pure: text and a mask in, lines out.

import { SECRET_MASK } from '../../config/normalise.js';

/** A section header in a comparison: a whole line in brackets. */
const HEADER = /^\[\s*(.*?)\s*\]\s*$/;
/** A change's mark (`+`, `-`, `!`), the indentation, the statement. */
const LINE = /^([+\-!]?)(\s*)(.*?)\s*$/;

/** The comparison's non-blank lines, each masked with its context; marks and indentation kept. */
export function maskCompare(output: string, mask: (line: string) => string): string[] {
  const out: string[] = [];
  let header: string[] = [];
  let open: { col: number; text: string }[] = [];
  for (const raw of output.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') continue;
    const h = HEADER.exec(raw);
    if (h) {
      header = (h[1] ?? '').split(/\s+/).filter((w) => w !== '');
      open = [];
      out.push(mask(raw));
      continue;
    }
    const [, mark = '', indent = '', body = ''] = LINE.exec(raw)!;
    const col = mark.length + indent.length;
    while (open.length > 0 && open[open.length - 1]!.col >= col) open.pop();
    const context = [...header, ...open.map((o) => o.text)];
    out.push(mark + indent + maskInContext(body, context, mask));
    const text = statement(body);
    if (text !== '') open.push({ col, text });
  }
  return out;
}

/** A statement without the block punctuation around it (`{`, `}`, `;`), as context. */
function statement(body: string): string {
  return body
    .replace(/\s*\{\s*(?:\.\.\.\s*\})?$/, '')
    .replace(/;$/, '')
    .replace(/^\}$/, '')
    .trim();
}

/**
 * `body` masked alone, or else with each tail of its context in front of it: the first that a
 * secret pattern matches decides. A mask that lands in the context leaves the body as it is (that
 * context line is masked where it is shown); one that spans both masks the whole body.
 */
export function maskInContext(body: string, context: string[], mask: (line: string) => string): string {
  const alone = mask(body);
  if (alone !== body) return alone;
  for (let k = 0; k < context.length; k++) {
    const prefix = context.slice(k).join(' ') + ' ';
    const whole = prefix + body;
    const masked = mask(whole);
    if (masked === whole) continue;
    if (masked.startsWith(prefix)) return masked.slice(prefix.length);
    if (masked.endsWith(' ' + body)) return body;
    return SECRET_MASK;
  }
  return body;
}
