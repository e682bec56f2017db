// The terminal side of a lab switch's interactive shell: echo and line editing,
// the pager, and the faults that make a switch misbehave on the wire. It joins a
// personality's CliSession (what the switch says) to a byte stream (how it says it).

import type { Faults } from './model.js';
import type { CliReply, CliSession } from './personality.js';

export interface TerminalIo {
  write(bytes: string): void;
  /** Cut the connection without a goodbye (power loss, mid-output drop). */
  drop(): void;
  /** Close politely (exit/logout). */
  close(): void;
}

export interface TerminalOptions {
  cli: CliSession;
  faults: () => Faults;
  /** Rows of the client's PTY (pager page = rows − 1 unless the session set a page length). */
  rows: number;
}

/** A terminal that gives no size pages at 24 rows (a VT100's) unless the session says otherwise. */
const DEFAULT_ROWS = 24;

export function openTerminal(io: TerminalIo, opts: TerminalOptions): { feed(data: string): void; resize(rows: number): void } {
  const { cli } = opts;
  let rows = opts.rows > 0 ? opts.rows : DEFAULT_ROWS;
  let line = '';
  let noEcho = false;
  let lastWasCr = false;
  let busy: Promise<void> = Promise.resolve();
  /** Lines still to show when the pager is waiting for a key; null when not paging. */
  let paged: string[] | null = null;
  let closeAfterPaging = false;
  /** The last reply asked a question that one key answers. */
  let keyWanted = false;
  /** The drop-after-lines fault cut the link: ignore anything still queued. */
  let dropped = false;
  let hung = opts.faults().hangAfterLogin;
  let sentBytes = 0;

  const wire = (text: string) => text.replace(/\r?\n/g, '\r\n');

  /** Write command output through the faults: garbage, noise, drip, drop. Returns false once dropped. */
  const emit = async (text: string): Promise<boolean> => {
    const f = opts.faults();
    const out = garble(wire(text), f);
    if (f.dropAfterBytes !== undefined && sentBytes + out.length > f.dropAfterBytes) {
      const room = Math.max(0, f.dropAfterBytes - sentBytes);
      await writeSlowly(out.slice(0, room), f);
      io.drop();
      return false;
    }
    sentBytes += out.length;
    await writeSlowly(out, f);
    return true;
  };

  const writeSlowly = async (out: string, f: Faults) => {
    if (!f.drip) {
      io.write(out);
      return;
    }
    for (let i = 0; i < out.length; i += f.drip.chunkBytes) {
      io.write(out.slice(i, i + f.drip.chunkBytes));
      await sleep(f.drip.pauseMs);
    }
  };

  const pageLines = () => {
    const len = cli.pageLength();
    if (len === 0) return Infinity;
    return (len ?? rows) - 1;
  };

  const showPage = async (lines: string[]) => {
    const n = pageLines();
    const page = lines.slice(0, n);
    const rest = lines.slice(n);
    // Every page ends its last line; the pager or the prompt follows on a line of its own.
    if (!(await emit(page.join('\n') + '\n'))) return;
    if (rest.length > 0) {
      paged = rest;
      io.write(cli.pager.prompt);
    } else {
      paged = null;
      finishCommand();
    }
  };

  const finishCommand = () => {
    if (closeAfterPaging) {
      io.close();
      return;
    }
    io.write(cli.prompt());
  };

  /** A key pressed at the pager: space shows a page, Enter one line, anything else quits. */
  const pagerKey = async (key: string) => {
    const rest = paged ?? [];
    io.write(cli.pager.erase);
    if (key === ' ') await showPage(rest);
    else if (key === '\r' || key === '\n') {
      const [next, ...more] = rest;
      if (!(await emit((next ?? '') + '\n'))) return;
      if (more.length > 0) {
        paged = more;
        io.write(cli.pager.prompt);
      } else {
        paged = null;
        finishCommand();
      }
    } else {
      paged = null;
      finishCommand();
    }
  };

  const runLine = async (typed: string, isKey = false) => {
    const f = opts.faults();
    // drop-after-lines: the link goes as the next configuration line is typed, before the
    // switch acts on it (a key answering a question is not a line).
    const counting = f.dropAfterLines && !isKey && cli.inConfigMode() ? f.dropAfterLines : undefined;
    if (counting && counting.typed >= counting.lines) return dropNow();
    if (counting) counting.typed += 1;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    await answer(cli.input(typed));
  };

  const dropNow = () => {
    dropped = true;
    io.drop();
  };

  /** Print a reply, and the prompt after it, once any work it is still doing has finished. */
  const answer = async (reply: CliReply): Promise<void> => {
    noEcho = reply.noEcho ?? false;
    keyWanted = reply.key ?? false;
    closeAfterPaging = reply.close ?? false;
    if (reply.pageable && !reply.later) {
      const lines = reply.output.replace(/\n$/, '').split('\n');
      if (reply.output === '') finishCommand();
      else await showPage(lines);
      return;
    }
    if (reply.output && !(await emit(reply.output))) return;
    if (reply.later) {
      // The prompt must not come back before the command is done (a TFTP fetch, say).
      return answer(
        await reply.later.catch((err: unknown) => {
          const message = (err as Error).message;
          return { output: cli.failed ? cli.failed(message) : message + '\n' };
        }),
      );
    }
    if (reply.close) io.close();
    else io.write(cli.prompt());
  };

  const handle = async (ch: string) => {
    if (dropped) return; // a dropped link carries nothing more
    if (paged) {
      await pagerKey(ch);
      return;
    }
    if (ch === '\n' && lastWasCr) {
      lastWasCr = false; // the \n of a \r\n pair
      return;
    }
    lastWasCr = ch === '\r';
    if (keyWanted) {
      // A one-key question takes one key, Enter or not, and the switch moves to a new line.
      const enter = ch === '\r' || ch === '\n';
      io.write((enter || noEcho ? '' : ch) + '\r\n');
      await runLine(enter ? '' : ch, true);
      return;
    }
    if (ch === '\r' || ch === '\n') {
      io.write('\r\n');
      const typed = line;
      line = '';
      await runLine(typed);
      return;
    }
    if (ch === '\x7f' || ch === '\b') {
      if (line.length > 0) {
        line = line.slice(0, -1);
        if (!noEcho) io.write('\b \b');
      }
      return;
    }
    const key = cli.keys?.[ch];
    if (key) {
      // A control key the OS reads: what was typed on the line goes with it, unless the key abandons it.
      io.write(key.echo);
      const typed = key.discardTyped ? key.line : line + key.line;
      line = '';
      await runLine(typed);
      return;
    }
    if (ch < ' ' && ch !== '\t') return;
    line += ch;
    if (!noEcho) io.write(ch);
  };

  if (!hung) io.write(wire(cli.greeting()));

  return {
    feed(data: string) {
      if (hung) return; // a hung switch swallows everything
      for (const ch of data) busy = busy.then(() => handle(ch));
    },
    resize(r: number) {
      if (r > 0) rows = r;
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What the garbage and noise faults do to output on its way to the wire. */
export function garble(out: string, f: Faults): string {
  if (f.garbage) return garbage(out.length);
  if (f.ansiNoise) return noise(out);
  return out;
}

const NOISE = ['\x1b[K', '\x1b[0m', '\x00', '\x1b[?25h', '\x1b[1m', ''];

/** Deterministic noise at line starts, where real terminals and pagers leave theirs. */
function noise(text: string): string {
  let i = 0;
  return text.replace(/(^|\n)/g, (m) => m + (NOISE[i++ % NOISE.length] ?? ''));
}

function garbage(length: number): string {
  let x = 0x2545f491;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode((x >>> 0) % 256);
  }
  return out;
}
