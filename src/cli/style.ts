// How output looks: colour only on a terminal and never with NO_COLOR; plain lines otherwise.

export interface Style {
  color: boolean;
  tty: boolean;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env, noColorFlag = false): Style {
  const tty = stream.isTTY === true;
  // https://no-color.org: any non-empty NO_COLOR disables colour.
  const color = tty && !noColorFlag && !(env.NO_COLOR && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    color,
    tty,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}

/** A plain text table: columns padded to the widest cell (colour codes not counted). */
export function table(header: string[], rows: string[][]): string {
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - visible(c))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** One progress line on stderr, redrawn in place, only on a terminal (cron gets the plain result alone). */
export function terminalProgress(
  err: Style,
  wanted: boolean,
): { update(d: { device: string; status: string }, done: number, total: number): void; clear(): void } {
  const on = err.tty && wanted;
  return {
    update: (d, done, total) => {
      if (on) process.stderr.write(`\r\x1b[K[${done}/${total}] ${d.device} ${d.status}`);
    },
    clear: () => {
      if (on) process.stderr.write('\r\x1b[K');
    },
  };
}
