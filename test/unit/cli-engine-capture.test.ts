// The CLI engine reading large outputs: many small chunks give the output exactly (a
// capture that re-read everything on every chunk took minutes for a few MB), pages are
// joined, and a device that prints more than the limit fails with `too-large`.

import { describe, expect, it, vi } from 'vitest';
import { CliError, startCliEngine } from '../../src/transport/cli-engine.js';
import { OutputBuffer } from '../../src/transport/output-buffer.js';
import type { Channel, CliDialect } from '../../src/transport/cli-engine.js';

const DIALECT: CliDialect = { prompt: /^([\w.-]+)[>#] ?$/, loginQuestions: [], setup: [], pagers: [/ ?--More-- ?/], pagerKey: ' ' };
const PAGER = ' --More-- ';
const ERASE = '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10);

/** `n` bytes (about) of configuration lines, as a device prints them (no trailing newline). */
function config(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i % 3 === 0 ? `interface GigabitEthernet1/0/${i}` : i % 3 === 1 ? ` description link ${i} to rack ${i % 97}` : '!';
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * A device behind a fake channel: prints its prompt, echoes each command and answers it in
 * `chunkBytes` chunks (each delivered on its own turn of the event loop, as a socket does),
 * paging every `pageLines` lines if set.
 */
function fakeDevice(outputs: Record<string, string>, opts: { chunkBytes: number; pageLines?: number }): Channel {
  let listener: ((chunk: Buffer) => void) | undefined;
  let queue: Promise<void> = Promise.resolve();
  let pages: string[] = [];
  const send = (text: string) => {
    const wire = Buffer.from(text.replace(/\n/g, '\r\n'));
    queue = queue.then(async () => {
      for (let i = 0; i < wire.length; i += opts.chunkBytes) {
        listener?.(wire.subarray(i, i + opts.chunkBytes));
        await new Promise((r) => setImmediate(r));
      }
    });
  };
  const nextPage = () => {
    const page = pages.shift() ?? '';
    if (pages.length > 0) send(page + '\n' + PAGER);
    else send(page + '\nsw#');
  };
  return {
    write(text) {
      if (text === ' ' && pages.length > 0) {
        send(ERASE);
        nextPage();
        return;
      }
      const command = text.trim();
      const out = outputs[command] ?? '';
      send(command + '\n');
      const lines = out === '' ? [] : out.split('\n');
      const per = opts.pageLines ?? Infinity;
      pages = [];
      for (let i = 0; i < lines.length; i += per) pages.push(lines.slice(i, i + per).join('\n'));
      if (pages.length === 0) send('sw#');
      else nextPage();
    },
    onData(l) {
      listener = l;
      send('\nsw#');
    },
    onClose() {},
  };
}

const start = (channel: Channel, maxOutputBytes?: number) =>
  startCliEngine(channel, DIALECT, { commandTimeoutMs: 600_000, settleMs: 20, ...(maxOutputBytes !== undefined ? { maxOutputBytes } : {}) });

describe('cli engine: large outputs', () => {
  it('4 MB in 1 KiB chunks comes back exactly', async () => {
    const text = config(4 * 1024 * 1024);
    const engine = await start(fakeDevice({ 'show running-config': text }, { chunkBytes: 1024 }));
    const got = await engine.run('show running-config');
    expect(got.length).toBe(text.length);
    expect(got === text).toBe(true);
  });

  it('reads the whole output a bounded number of times, however many chunks it came in (linear, not quadratic)', async () => {
    // Work counted, not timed: the characters the engine joins and reads whole. Re-reading
    // everything received on every chunk (the old engine) would count chunks × size here.
    const text = config(2 * 1024 * 1024);
    const engine = await start(fakeDevice({ 'show running-config': text }, { chunkBytes: 1024 }));
    const joined = vi.spyOn(OutputBuffer.prototype, 'text');
    try {
      expect((await engine.run('show running-config')) === text).toBe(true);
      const read = joined.mock.results.reduce((sum, r) => sum + (r.value as string).length, 0);
      expect(read).toBeLessThanOrEqual(2 * (text.length + 1024));
    } finally {
      joined.mockRestore();
    }
  });

  it('a paged output is joined exactly, the pagers cut out', async () => {
    const text = config(512 * 1024);
    const engine = await start(fakeDevice({ 'show running-config': text }, { chunkBytes: 512, pageLines: 1000 }));
    const got = await engine.run('show running-config');
    expect(got.includes('More')).toBe(false);
    expect(got === text).toBe(true);
  });

  it('a command that prints more than the limit fails with too-large', async () => {
    const engine = await start(fakeDevice({ 'show running-config': config(3 * 1024 * 1024), 'show version': 'Version 1' }, { chunkBytes: 4096 }), 1024 * 1024);
    const err = await engine.run('show running-config').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).kind).toBe('too-large');
    expect((err as CliError).message).toContain('more than 1 MB while running "show running-config"');
  });

  it('the limit is per command: two outputs under it each pass', async () => {
    const text = config(600 * 1024);
    const engine = await start(fakeDevice({ a: text, b: text }, { chunkBytes: 4096 }), 1024 * 1024);
    expect((await engine.run('a')) === text).toBe(true);
    expect((await engine.run('b')) === text).toBe(true);
  });

  it('the limit counts every page of one command', async () => {
    const engine = await start(fakeDevice({ 'show running-config': config(3 * 1024 * 1024) }, { chunkBytes: 4096, pageLines: 5000 }), 1024 * 1024);
    const err = await engine.run('show running-config').catch((e: unknown) => e);
    expect((err as CliError).kind).toBe('too-large');
  });
});
