// What a terminal session leaves in the text besides the text: pager erase
// sequences, ANSI/VT100 control codes, NULs, carriage returns. Stripped here so
// that prompts can be recognised and configs read, whatever the device sends.
// Pure text functions: the CLI engine uses them on the wire, config/ on captures.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g; // NUL (V-SOL pads its pager with one), BEL, stray ESC, …; keeps \b \t \n \r
// eslint-disable-next-line no-control-regex
const CSI = /\x1b\[([0-9;?]*)[ -/]*([@-~])/g; // ESC [ params final: ESC[K, colours, cursor moves
// eslint-disable-next-line no-control-regex
const OTHER_ESCAPE = /\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Za-z0-9]|[=>78DEHMc])/g; // OSC titles, charsets, keypad

/**
 * Cursor-left (`ESC[nD`) becomes n backspaces, which the line editor below
 * applies; every other CSI sequence (`ESC[K`, colours, `ESC[7m<pager>ESC[27m`)
 * only decorates and goes. ESC[K needs no emulation: after backspaces are applied
 * as deletions, nothing is ever right of the cursor.
 */
function escapesToBackspaces(text: string): string {
  return text.replace(CSI, (_all, params: string, final: string) => (final === 'D' ? '\b'.repeat(Number(params) || 1) : '')).replace(OTHER_ESCAPE, '');
}

/**
 * One line as it ends up on screen, for the ways devices erase a pager:
 * a backspace deletes the character before it (some send 9 `\b`, 8 spaces, 9 `\b`
 * after their pager; others 10 of each, or `\b \b` per character), and a `\r`
 * in the middle of a line starts it again (`<pager>\r        \rtext`). A `\r`
 * at the very end is a line ending cut in half, not a redraw.
 */
function applyLineEdits(line: string): string {
  if (!/[\b\r]/.test(line)) return line;
  const out: string[] = [];
  for (const ch of line.replace(/\r+$/, '')) {
    if (ch === '\b') out.pop();
    else if (ch === '\r') out.length = 0;
    else out.push(ch);
  }
  return out.join('');
}

/**
 * Text as a person would read it on the terminal: line endings as `\n`, control
 * codes and escape sequences gone, backspace and carriage-return erasures applied,
 * and any pager prompt the device did not erase itself removed (a line that held
 * only a pager goes entirely).
 */
export function stripTerminal(text: string, pagers: readonly RegExp[] = []): string {
  // Escapes first: an OSC title ends with BEL, and every sequence starts with ESC, which CONTROL takes away.
  let clean = text.includes('\x1b') ? escapesToBackspaces(text) : text;
  clean = clean.replace(CONTROL, '');
  // `\r*\n` as `\n`, and only where a CR comes before a line end: text with none (stored
  // configs, most SSH output already cleaned) skips the expression. One pass, whatever the
  // run of CRs (a loop of plain replaces would pass once per CR of a run: seconds on a
  // hostile output, with every other session waiting).
  if (clean.includes('\r\n')) clean = clean.replace(/\r*\n/g, '\n');
  // Most text is plain lines by now (and text stripped once is): nothing left to apply line by
  // line, and no pager to look for, is the text itself — no split and join of a whole config.
  if (pagers.length === 0 && !clean.includes('\r') && !clean.includes('\b')) return clean;
  const global = pagers.map((p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : p.flags + 'g'));
  const lines = clean.split('\n').map(applyLineEdits);
  const out: string[] = [];
  for (const line of lines) {
    const unpaged = global.reduce((l, p) => l.replace(p, ''), line);
    if (unpaged !== line && unpaged.trim() === '') continue;
    out.push(unpaged);
  }
  return out.join('\n');
}

/** The last line of a stream, cleaned, as a prompt matcher wants to see it. */
export function lastLine(text: string): string {
  const clean = stripTerminal(text.slice(-512));
  return clean.slice(clean.lastIndexOf('\n') + 1);
}
