// What a device printed since the engine last cleared it, kept so that capture costs the
// output's size once. Appending every chunk to one string and re-reading that string on
// every chunk (for the prompt, the pager) cost the square of the size: 88 s for 16 MB.
// Here chunks wait in an array and are joined once; prompt and pager detection read only
// a short tail, kept up to date as chunks arrive.

/** Enough for the last line (lastLine reads 512 characters) and the last three (600). */
const TAIL_CHARS = 1024;
/** What the pager-erase check reads of the start. */
const HEAD_CHARS = 8;

export class OutputBuffer {
  private chunks: string[] = [];
  private tailText = '';
  private headText = '';
  /** Characters since the last clear. */
  length = 0;
  /** Line feeds since the last clear (a line ending survives stripTerminal as one `\n`). */
  lineFeeds = 0;

  append(text: string): void {
    if (text === '') return;
    this.chunks.push(text);
    this.length += text.length;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineFeeds++;
    this.tailText = (this.tailText + (text.length > TAIL_CHARS ? text.slice(-TAIL_CHARS) : text)).slice(-TAIL_CHARS);
    if (this.headText.length < HEAD_CHARS) this.headText = (this.headText + text).slice(0, HEAD_CHARS);
  }

  /** The last characters received (up to 1 KiB): where a prompt or a pager is. */
  tail(): string {
    return this.tailText;
  }

  /** The first characters received since the last clear. */
  head(): string {
    return this.headText;
  }

  /** Everything since the last clear, joined (once: the joined text replaces the chunks). */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  clear(): void {
    this.chunks = [];
    this.tailText = '';
    this.headText = '';
    this.length = 0;
    this.lineFeeds = 0;
  }
}
