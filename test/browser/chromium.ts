// Debian's `chromium`, headless, driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on the child's fd 3, answers and events on its fd 4, each
// a JSON text ended by a NUL byte): no WebSocket, no puppeteer, nothing downloaded. Enough of
// the protocol for a page test: open a tab, load a URL, run an expression in the page (and
// wait for a promise it returns), read the DOM, take a screenshot, collect what the console
// and the CSP reported. As root (CI, this sandbox) chromium needs --no-sandbox.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Json = Record<string, unknown>;

/** How long waitFor lets the page take before it fails with what the page shows (the test's own timeout is longer). */
const BACKSTOP_MS = 120_000;

export interface Tab {
  /** Runs `expression` in the page (awaiting it if it is a promise); its value as JSON. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Resolves once `predicate` (a function's source, run in the page) is true: checked now and at each DOM change. */
  waitFor(predicate: string, what: string): Promise<void>;
  navigate(url: string): Promise<void>;
  /** The document as the page's DOM holds it now (works with scripts off). */
  html(): Promise<string>;
  screenshot(): Promise<Buffer>;
  /** Console messages, log entries (CSP violations land here) and uncaught exceptions, as text. */
  reports: string[];
}

export interface Browser {
  open(options?: { width?: number; height?: number; javaScript?: boolean }): Promise<Tab>;
  version: string;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'switchback-chromium-'));
  const child: ChildProcess = spawn(
    'chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) =>
      reject(new Error(`chromium could not be started (${err.message}): install Debian's chromium package (apt-get install chromium)`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await spawned;

  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void; method: string }>();
  const listeners = new Set<(method: string, params: Json, sessionId?: string) => void>();
  let buffer = Buffer.alloc(0);
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end: number;
    while ((end = buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(buffer.subarray(0, end).toString('utf8')) as Json;
      buffer = buffer.subarray(end + 1);
      if (typeof message.id === 'number') {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (!w) continue;
        if (message.error) w.reject(new Error(`${w.method}: ${JSON.stringify(message.error)}`));
        else w.resolve((message.result ?? {}) as Json);
      } else if (typeof message.method === 'string') {
        for (const l of listeners) l(message.method, (message.params ?? {}) as Json, message.sessionId as string | undefined);
      }
    }
  });
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`chromium exited while ${w.method} was pending; its last words: ${stderr}`));
    waiting.clear();
  });

  const send = (method: string, params: Json = {}, sessionId?: string): Promise<Json> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const version = String((await send('Browser.getVersion')).product);

  const open = async (options: { width?: number; height?: number; javaScript?: boolean } = {}): Promise<Tab> => {
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const s = (method: string, params: Json = {}) => send(method, params, sessionId);
    const reports: string[] = [];
    let loaded: (() => void) | undefined;
    listeners.add((method, params, from) => {
      if (from !== sessionId) return;
      if (method === 'Page.loadEventFired') loaded?.();
      else if (method === 'Log.entryAdded') {
        const entry = params.entry as { level: string; source: string; text: string };
        reports.push(`log ${entry.level} (${entry.source}): ${entry.text}`);
      } else if (method === 'Runtime.consoleAPICalled')
        reports.push(
          `console.${String(params.type)}: ${(params.args as { value?: unknown; description?: string }[]).map((a) => a.value ?? a.description).join(' ')}`,
        );
      else if (method === 'Runtime.exceptionThrown')
        reports.push(`exception: ${JSON.stringify((params.exceptionDetails as Json).exception ?? params.exceptionDetails)}`);
    });
    await s('Page.enable');
    await s('Runtime.enable');
    await s('Log.enable');
    await s('Emulation.setDeviceMetricsOverride', { width: options.width ?? 1280, height: options.height ?? 900, deviceScaleFactor: 1, mobile: false });
    if (options.javaScript === false) await s('Emulation.setScriptExecutionDisabled', { value: true });

    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = (await s('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value?: T }; exceptionDetails?: Json };
      if (r.exceptionDetails) throw new Error(`in the page: ${JSON.stringify(r.exceptionDetails)}`);
      return r.result.value as T;
    };
    return {
      reports,
      evaluate,
      navigate: async (url) => {
        const done = new Promise<void>((resolve) => (loaded = resolve));
        const nav = (await s('Page.navigate', { url })) as { errorText?: string };
        if (nav.errorText) throw new Error(`${url}: ${nav.errorText}`);
        await done;
      },
      waitFor: async (predicate, what) => {
        const ok = await evaluate<boolean>(`new Promise((resolve) => {
          const ok = () => { try { return Boolean((${predicate})()); } catch { return false; } };
          if (ok()) return resolve(true);
          const observer = new MutationObserver(() => { if (ok()) { observer.disconnect(); resolve(true); } });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          // A backstop, not a measure: a page that never shows it fails with what it shows instead.
          setTimeout(() => resolve(false), ${BACKSTOP_MS});
        })`);
        if (!ok) throw new Error(`the page never showed ${what}; it shows: ${await evaluate<string>('document.body.innerText')}`);
      },
      html: async () => {
        const { root } = (await s('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
        return String(((await s('DOM.getOuterHTML', { nodeId: root.nodeId })) as { outerHTML: string }).outerHTML);
      },
      screenshot: async () => Buffer.from(String(((await s('Page.captureScreenshot', { format: 'png' })) as { data: string }).data), 'base64'),
    };
  };

  return {
    version,
    open,
    close: async () => {
      await send('Browser.close').catch(() => undefined);
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
