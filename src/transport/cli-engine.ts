// The interactive CLI engine: given a byte channel to a device's shell, get to a
// privileged prompt (answering login questions, starting the CLI from a Linux shell
// where the login lands in one, entering enable mode, turning paging off) and run
// commands, answering any pager on the way. Vendor facts arrive as plain data (a
// CliDialect); the engine knows no vendor.

import { StringDecoder } from 'node:string_decoder';
import { OutputBuffer } from './output-buffer.js';
import { lastLine, stripTerminal } from './terminal-text.js';
import type { Transcript } from './transcript.js';

/** The most one command (or the login) may print when the inventory sets no maxOutput. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** The parts of a platform the engine needs (jobs build it from a Platform and the device's options). */
export interface CliDialect {
  prompt: RegExp;
  loginQuestions: { pattern: RegExp; answer: string }[];
  enable?: { command: string; unprivileged: RegExp; passwordPrompt: RegExp; failure: RegExp };
  /**
   * The login may land in a Linux shell (its `prompt`, tested before the CLI's, so it must not
   * match the CLI's own): then `start` is typed, and the CLI's prompt must follow. Output
   * matching `failure` (or the shell prompt again) means the CLI did not start.
   */
  shell?: { prompt: RegExp; start: string; failure: RegExp[] };
  setup: string[];
  pagers: RegExp[];
  pagerKey: string;
  /**
   * Leaving politely where the device asks on the way: the command, and the questions
   * answered (a save question is answered no: saving is never a side effect of leaving).
   * A question not listed is not answered; the session is closed instead.
   */
  logout?: { command: string; questions: { pattern: RegExp; answer: string }[] };
}

/** A duplex text channel: an SSH shell, or anything that behaves like one in tests. */
export interface Channel {
  write(text: string): void;
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once when the far end closes or the connection drops. */
  onClose(listener: (reason: string) => void): void;
}

export interface EngineOptions {
  /** One command (or the login) may take this long. */
  commandTimeoutMs: number;
  /** Enable secret, if the device asks for one. */
  enableSecret?: string;
  /** The whole session must be done by then (ms since epoch); a hung device fails alone. */
  deadline?: number;
  /** Line ending to send after a command (`\n` for almost everything). */
  newline?: string;
  /**
   * How long the device must stay quiet after something that looks like a prompt (or
   * a pager followed by other text) before the engine believes it. A configuration
   * line can look like a prompt; a device never keeps talking after a real one.
   */
  settleMs?: number;
  /**
   * The most one command (or the login) may print, in bytes (default 64 MiB): a device that
   * prints more fails with `too-large` instead of growing the process without bound.
   */
  maxOutputBytes?: number;
  /** --verbose: every exchange of the session, told as it happens (typed secrets by name only). */
  transcript?: Transcript;
}

export interface CliSessionInfo {
  hostname: string;
  /** The privileged prompt as learnt, e.g. `core-1#`. */
  prompt: string;
}

/** Why a session failed, in words for the run summary; `kind` lets callers react. */
export class CliError extends Error {
  constructor(
    readonly kind: 'timeout' | 'closed' | 'enable' | 'start' | 'no-prompt' | 'refused' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** What typing configuration needs to know of a device: its prompts in any mode, its refusals, its questions. */
export interface TypingDialect {
  /** A prompt in any mode, for any hostname (a typed `hostname` line changes it); group 1 is the hostname. */
  prompt: RegExp;
  errors: RegExp[];
  /** Questions a typed line is known to ask, answered when the line matches `for`. */
  questions: { pattern: RegExp; answer: string; for: RegExp }[];
  /** Any other question: answered with `decline`, and the line reported as refused. */
  unknownQuestion?: RegExp;
  decline?: string;
}

export interface Typed {
  /** What the device printed for the line(s), echo and prompt removed. */
  output: string;
  /** The prompt it ended at, e.g. `core-1(config-if)#`. */
  prompt: string;
  /** The first line of output that says the device refused it. */
  error?: string;
}

export interface CliEngine {
  info: CliSessionInfo;
  /**
   * Send a command; resolve with its output (echo and prompt removed, pagers answered and
   * stripped). `endLine`: the line a complete answer ends with (a configuration's end
   * marker); a prompt right after it is believed without waiting for quiet.
   */
  run(command: string, opts?: { endLine?: RegExp }): Promise<string>;
  /**
   * Type configuration: one line, or several typed as one (a banner, whose text lines get
   * no prompt). A single line is done at the first prompt after its echo, without waiting
   * for the device to go quiet (the echo is known, so a prompt after it is real): that
   * keeps a 5,000-line restore to seconds. The learnt prompt follows a changed hostname.
   */
  type(lines: string[], dialect: TypingDialect, timeoutMs?: number): Promise<Typed>;
  /**
   * Log out with the dialect's `logout` command, answering its questions, until the device
   * closes the session or shows its prompt again (or a few seconds pass). Never fails: the
   * caller closes the channel afterwards whatever happened. Absent or without `logout`: nothing.
   */
  logout?(): Promise<void>;
}

/** The longest a logout waits for the device to hang up. */
const LOGOUT_WAIT_MS = 10_000;

/** Get to a privileged prompt on `channel` and return an engine ready for commands. */
export async function startCliEngine(channel: Channel, dialect: CliDialect, opts: EngineOptions): Promise<CliEngine> {
  const newline = opts.newline ?? '\n';
  const decoder = new StringDecoder('utf8');
  const settleMs = opts.settleMs ?? 100;
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const buffer = new OutputBuffer();
  const transcript = opts.transcript;
  /** What arrived since the transcript last told it (only with a transcript). */
  let heard = '';
  /** Tell the transcript what arrived since it was last told. */
  const flushHeard = () => {
    if (!transcript || heard === '') return;
    const text = stripTerminal(heard);
    heard = '';
    if (text.trim() !== '') transcript({ dir: 'received', text });
  };
  /** Everything the engine types goes through here; `secret` names a secret typed, which is never shown. */
  const send = (text: string, secret?: string) => {
    if (transcript) {
      flushHeard();
      transcript(secret !== undefined ? { dir: 'sent', text: secret, secret: true } : { dir: 'sent', text });
    }
    channel.write(text);
  };
  /** Bytes the current command (or the login) printed, pages included; over maxOutput it fails. */
  let printed = 0;
  let tooLarge = false;
  /** A new command starts: nothing received for it yet. */
  const expectOutput = () => {
    buffer.clear();
    printed = 0;
  };
  let closed: string | undefined;
  let wake: (() => void) | undefined;
  let lastDataAt = Date.now();
  channel.onData((chunk) => {
    if (tooLarge) return; // the session is over; whatever still streams in is not kept
    printed += chunk.length;
    if (printed > maxOutput) {
      tooLarge = true;
      buffer.clear();
    } else {
      const text = decoder.write(chunk);
      buffer.append(text);
      if (transcript) heard += text;
    }
    lastDataAt = Date.now();
    wake?.();
  });
  // One timer at a time: arming one per chunk while the device talks would pile up thousands.
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** True once the device has been quiet for settleMs; otherwise look again when it might be. */
  const settled = (): boolean => {
    const quiet = Date.now() - lastDataAt;
    if (quiet >= settleMs) return true;
    settleTimer ??= setTimeout(
      () => {
        settleTimer = undefined;
        wake?.();
      },
      settleMs - quiet + 1,
    );
    return false;
  };
  /** A prompt at the very end of what arrived, after the device went quiet. */
  const promptAtEnd = (re: RegExp): string | undefined => {
    const line = lastLine(buffer.tail());
    return re.test(line) && settled() ? line : undefined;
  };
  channel.onClose((reason) => {
    closed = reason;
    wake?.();
  });

  /**
   * Wait until `check` says the buffer is complete (it returns a value), answering
   * nothing itself; the caller's check may write (pager answers, login questions).
   */
  const waitFor = <T>(what: string, check: () => T | undefined, timeoutMs = opts.commandTimeoutMs): Promise<T> =>
    new Promise((resolve, reject) => {
      const limit = Math.min(Date.now() + timeoutMs, opts.deadline ?? Infinity);
      const timer = setTimeout(
        () => {
          wake = undefined;
          flushHeard(); // the transcript shows what came before the wait ran out
          // Say how much came, not what: device output may hold secrets, and errors end up in logs.
          reject(new CliError('timeout', `no prompt within ${Math.round((limit - startedAt) / 1000)} s while ${what} (${buffer.length} bytes received since)`));
        },
        Math.max(0, limit - Date.now()),
      );
      const startedAt = Date.now();
      const attempt = () => {
        if (tooLarge) {
          clearTimeout(timer);
          wake = undefined;
          reject(
            new CliError('too-large', `the device printed more than ${sizeInWords(maxOutput)} while ${what} (maxOutput in the inventory raises the limit)`),
          );
          return;
        }
        let got: T | undefined;
        try {
          got = check();
        } catch (err) {
          clearTimeout(timer);
          wake = undefined;
          reject(err);
          return;
        }
        if (got !== undefined) {
          clearTimeout(timer);
          wake = undefined;
          flushHeard();
          resolve(got);
        } else if (closed !== undefined) {
          clearTimeout(timer);
          wake = undefined;
          flushHeard();
          reject(new CliError('closed', `connection closed while ${what} (${closed}; ${buffer.length} bytes received)`));
        }
      };
      wake = attempt;
      attempt();
    });

  // ---- login: answer questions until a prompt appears (a Linux shell's, where the platform may land in one)
  const shell = dialect.shell;
  let firstPrompt = await waitFor('waiting for the first prompt after login', () => {
    const line = lastLine(buffer.tail());
    if (shell && promptAtEnd(shell.prompt) !== undefined) return line;
    if (promptAtEnd(dialect.prompt) !== undefined) return line;
    const q = dialect.loginQuestions.find((x) => x.pattern.test(line));
    if (q) {
      buffer.clear();
      send(q.answer);
    }
    return undefined;
  });

  // ---- a Linux shell: start the CLI, and say why when it does not start
  if (shell && shell.prompt.test(firstPrompt)) {
    expectOutput();
    send(shell.start + newline);
    const startWord = shell.start.split(/\s+/)[0] ?? '';
    firstPrompt = await waitFor(`starting the CLI ("${startWord}")`, () => {
      const text = stripTerminal(buffer.text());
      const failed = shell.failure.find((re) => stateless(re).test(text));
      if (failed) {
        const said =
          text
            .split('\n')
            .find((l) => stateless(failed).test(l))
            ?.trim() ?? '';
        throw new CliError('start', `the CLI did not start ("${startWord}"): ${said}`);
      }
      const line = lastLine(buffer.tail());
      if (promptAtEnd(dialect.prompt) !== undefined) return line;
      // Back at the shell's prompt after the echo: the CLI ran and exited.
      if (buffer.lineFeeds > 0 && promptAtEnd(shell.prompt) !== undefined)
        throw new CliError('start', `the CLI did not start ("${startWord}"): back at the shell prompt`);
      return undefined;
    });
  }

  // ---- enable
  let prompt = firstPrompt.trim();
  if (dialect.enable?.unprivileged.test(prompt)) {
    const en = dialect.enable;
    if (opts.enableSecret === undefined) {
      throw new CliError('enable', `logged in unprivileged (prompt "${prompt}") and the inventory has no enable secret for this device`);
    }
    expectOutput();
    send(en.command + newline);
    const asked = await waitFor('entering enable mode', () => {
      const line = lastLine(buffer.tail());
      if (en.passwordPrompt.test(line)) return 'password' as const;
      if (dialect.prompt.test(line)) return 'prompt' as const;
      return undefined;
    });
    if (asked === 'password') {
      expectOutput();
      send(opts.enableSecret + newline, 'the enable secret');
      await waitFor('sending the enable secret', () => {
        const line = lastLine(buffer.tail());
        if (dialect.prompt.test(line)) return line;
        if (en.passwordPrompt.test(line)) {
          // Asked again: the secret was wrong. Give up rather than lock the account.
          send('\x03' + newline);
          throw new CliError('enable', 'the enable secret was refused');
        }
        return undefined;
      });
    }
    prompt = lastLine(buffer.tail()).trim();
    if (en.unprivileged.test(prompt) || en.failure.test(stripTerminal(buffer.text()))) {
      throw new CliError('enable', `enable mode was refused (prompt still "${prompt}")`);
    }
  }

  // ---- learn the exact prompt: the hostname as the device prints it
  const current = { hostname: dialect.prompt.exec(prompt)?.[1] ?? prompt.replace(/[>#$%\s]+$/, '') };
  let exact = promptFor(current.hostname);

  // Pager patterns as they are matched: at the end of a line (a pager never sits mid-line
  // with configuration after it; a description that mentions a pager's words must survive).
  const pagerAtEnd = dialect.pagers.map((p) => new RegExp(`(?:${p.source})\\s*$`, p.flags.replace(/[gy]/g, '')));
  const endsWithPager = (line: string) => pagerAtEnd.some((p) => p.test(line));

  const run = async (command: string, runOpts: { endLine?: RegExp } = {}): Promise<string> => {
    const endLine = runOpts.endLine && stateless(runOpts.endLine);
    expectOutput();
    send(command + newline);
    // Pages as they came, joined once at the end.
    const collected: string[] = [];
    let unerased = 0;
    let awaitingErase = false;
    await waitFor(`running "${command}"`, () => {
      if (awaitingErase && buffer.length > 0) {
        // Devices erase their own pager after the key (backspaces, CR, ESC[K); count those that do not.
        if (!/^(\x08|\r|\x1b\[)/.test(buffer.head())) unerased++;
        awaitingErase = false;
      }
      // Nothing but the echo and the prompt (a setup command's answer): the echo is known, so a
      // prompt right after it is real, as type() judges a typed line — no quiet to wait for.
      if (buffer.lineFeeds === 1 && buffer.length <= ECHO_ONLY_CHARS && promptRightAfterEcho(buffer.text(), command, exact)) return true;
      // A configuration that ends with its end marker right before the prompt is whole: a
      // prompt-like line inside it would have configuration after it, not the marker before it.
      if (endLine && promptAfterEndLine(buffer.tail(), endLine, exact)) return true;
      if (promptAtEnd(exact) !== undefined) return true;
      const tail = stripTerminal(buffer.tail().slice(-600)).split('\n').slice(-3);
      const last = tail[tail.length - 1] ?? '';
      // A pager at the very end answers at once; one with text after it (a log message
      // the device printed while its pager waited) once the device has gone quiet.
      const atEnd = endsWithPager(last);
      const beforeOtherText = !atEnd && tail.slice(0, -1).some(endsWithPager) && settled();
      if (atEnd || beforeOtherText) {
        collected.push(buffer.text());
        buffer.clear();
        // The device's erase will hit the text after the pager, not the pager: cut it out ourselves.
        if (beforeOtherText) unerased++;
        awaitingErase = atEnd;
        send(dialect.pagerKey);
      }
      return undefined;
    });
    collected.push(buffer.text());
    const text = stripTerminal(collected.join(''));
    // Every pager erased (or none came): the echo and the prompt are cut off the ends, not
    // found by splitting a whole configuration into lines and joining it again.
    if (unerased === 0) return withoutEchoAndPrompt(text, command, exact);
    const lines: string[] = [];
    // Pagers the device did not erase itself are cut out, at line ends only, as many as
    // there were; a line that held nothing but the pager goes with it.
    for (const line of text.split('\n')) {
      const p = unerased > 0 ? pagerAtEnd.find((re) => re.test(line)) : undefined;
      if (!p) {
        lines.push(line);
        continue;
      }
      unerased--;
      const rest = line.replace(p, '');
      if (rest.trim() !== '') lines.push(rest);
    }
    // Drop the echoed command and the closing prompt.
    if (lines[0]?.trim() === command.trim()) lines.shift();
    if (lines.length > 0 && exact.test(lines[lines.length - 1] ?? '')) lines.pop();
    return lines.join('\n');
  };

  const type = async (lines: string[], d: TypingDialect, timeoutMs?: number): Promise<Typed> => {
    expectOutput();
    send(lines.map((l) => l + newline).join(''));
    const prompt = stateless(d.prompt);
    // Several lines (a banner) are done only when the device is quiet at a prompt: its text may look like one.
    const quietNeeded = lines.length > 1;
    let answeredUpTo = -1;
    let declined: string | undefined;
    const typedLine = (lines[0] ?? '').trim();
    // What is typed is never put in a message: it may hold a secret anywhere after its first word.
    const what = `typing a "${typedLine.split(/\s+/)[0] ?? ''} …" line`;
    // Read on every chunk: only the tail and the running count of line ends, never the whole output.
    const check = () => {
      const last = lastLine(buffer.tail());
      if (buffer.lineFeeds >= lines.length && prompt.test(last) && (!quietNeeded || settled())) return last;
      // A question at the end, not answered yet: answer it once the device waits — a known
      // question for the line that asks it; anything else is declined. (Only a question is
      // worth waiting for quiet: settled() arms a timer, and this runs on every chunk.)
      if (buffer.length <= answeredUpTo) return undefined;
      const q = d.questions.find((x) => x.pattern.test(last) && x.for.test(typedLine));
      const unknown = !q && d.decline !== undefined && d.unknownQuestion?.test(last) === true;
      if ((!q && !unknown) || !settled()) return undefined;
      answeredUpTo = buffer.length;
      if (q) send(q.answer);
      else {
        declined = last.trim();
        send(d.decline!);
      }
      return undefined;
    };
    const ended = await waitFor(what, check, timeoutMs);
    const out = stripTerminal(buffer.text()).split('\n');
    out.pop(); // the prompt
    if (out[0]?.trim() === lines[0]?.trim()) out.shift();
    const output = out.join('\n');
    const error =
      declined !== undefined
        ? `the switch asked "${declined}" and was answered no`
        : output.split('\n').find((l) => d.errors.some((re) => stateless(re).test(l)));
    // A `hostname` line changes the prompt: later commands wait for the new one.
    const learnt = prompt.exec(ended)?.[1];
    if (learnt !== undefined && learnt !== current.hostname) {
      current.hostname = learnt;
      exact = promptFor(learnt);
    }
    return { output, prompt: ended.trim(), ...(error !== undefined ? { error: error.trim() } : {}) };
  };

  const logout = async (): Promise<void> => {
    const l = dialect.logout;
    if (!l || closed !== undefined) return;
    expectOutput();
    send(l.command + newline);
    await waitFor(
      'logging out',
      () => {
        if (closed !== undefined) return true;
        const line = lastLine(buffer.tail());
        // Back at the prompt: the device did not log out (or logged out of a nested CLI); the caller closes.
        if (buffer.lineFeeds > 0 && promptAtEnd(exact) !== undefined) return true;
        const q = l.questions.find((x) => x.pattern.test(line));
        if (q && settled()) {
          // Cleared first, so the echo of the answer is not read as the question again.
          buffer.clear();
          send(q.answer);
        }
        return undefined;
      },
      Math.min(opts.commandTimeoutMs, LOGOUT_WAIT_MS),
    ).catch(() => undefined);
  };

  for (const cmd of dialect.setup) await run(cmd);
  return {
    get info() {
      return { hostname: current.hostname, prompt };
    },
    run,
    type,
    ...(dialect.logout ? { logout } : {}),
  };
}

/** Longer than any echo and prompt: a reply this long has output to wait for. */
const ECHO_ONLY_CHARS = 2048;

/**
 * The tail ends with the prompt, and the last line before it that is not blank is the answer's
 * known last line (a device may print an empty line between its end marker and the prompt).
 */
function promptAfterEndLine(tail: string, endLine: RegExp, prompt: RegExp): boolean {
  const lines = stripTerminal(tail.slice(-600)).split('\n');
  if (!prompt.test(lines[lines.length - 1] ?? '')) return false;
  let i = lines.length - 2;
  while (i > 0 && lines[i]!.trim() === '') i--;
  return i >= 1 && endLine.test(lines[i]!);
}

/** `text` is the echoed command on one line and the prompt alone on the next. */
function promptRightAfterEcho(text: string, command: string, prompt: RegExp): boolean {
  const lines = stripTerminal(text).split('\n');
  return lines.length === 2 && lines[0]!.trim() === command.trim() && prompt.test(lines[1]!);
}

/**
 * `text` without its first line when that is the echoed command, and without its last
 * when that is the prompt: the same as splitting it into lines, shifting and popping them.
 */
function withoutEchoAndPrompt(text: string, command: string, prompt: RegExp): string {
  const nl = text.indexOf('\n');
  let rest = text;
  if ((nl < 0 ? text : text.slice(0, nl)).trim() === command.trim()) {
    if (nl < 0) return '';
    rest = text.slice(nl + 1);
  }
  const last = rest.lastIndexOf('\n');
  if (prompt.test(rest.slice(last + 1))) return last < 0 ? '' : rest.slice(0, last);
  return rest;
}

/** A copy without `g`/`y`, whose `test`/`exec` keep no state between calls. */
function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

/** The prompt of `hostname` in any mode: `sw#`, `sw>`, `sw(config-if)#`. */
function promptFor(hostname: string): RegExp {
  return new RegExp(`^${escapeRegExp(hostname)}(\\([^)]*\\))?[>#$%] ?$`);
}

/** `64 MB`, `512 KB`, `1000 bytes`: a limit as the inventory may write it. */
function sizeInWords(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
