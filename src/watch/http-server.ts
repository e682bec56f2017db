// The HTTP side of `switchback watch`: /metrics (Prometheus), /healthz, /status.json, /events
// (Server-Sent Events) and the status page on `/`. Read-only by construction: GET and HEAD
// only (anything else 405), no route changes anything, and the watch's view is only read.
// Listens on 127.0.0.1 unless told otherwise: the page names every switch and what it lost,
// which is for the NOC, not the whole network.
//
// /events is one subscription to the view shared by every client: a change schedules one
// message, built once and written to all, at most one per `throttleMs` (a trap storm changes
// the status thousands of times a second; a browser needs two repaints a second at most, and
// the last state always goes out). A comment line every `keepaliveMs` keeps proxies and
// NAT from closing an idle stream and lets a client notice a dead one.

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderMetrics } from '../report/metrics.js';
import { PAGE_CSP, renderStatusMain, renderStatusPage } from './status-page.js';
import type { WatchView } from './status.js';
import { watchFamilies } from './watch-metrics.js';

export interface WatchHttpOptions {
  view: WatchView;
  /** Default 127.0.0.1. */
  address?: string;
  /** 0: any free port (the one taken is in the result). */
  port: number;
  /** Between two /events keepalive comments; default 15 s. */
  keepaliveMs?: number;
  /** The least time between two /events messages; default 500 ms (two a second). */
  throttleMs?: number;
  /** /events streams open at once; default MAX_EVENT_CLIENTS. */
  maxEventClients?: number;
}

export interface WatchHttp {
  address: string;
  port: number;
  /** Ends the event streams and stops listening; resolves once the server is closed. */
  close(): Promise<void>;
}

/** Headers on every answer: nothing cached (it is live state), nothing sniffed, no framing, no referrer. */
const COMMON = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/** For everything but the page: it is data, never a document that runs anything. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

const ALLOWED = 'GET, HEAD';

/** Bytes an /events client may leave unread before it is dropped: a few dozen messages of a large estate. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * A NOC wall, a few laptops and a proxy or two hold /events open; 64 is far beyond that. The
 * bound matters with `--listen 0.0.0.0`: every stream costs a rendered page per change, and
 * past it a client gets 503 (the page falls back to its own reload).
 */
const MAX_EVENT_CLIENTS = 64;
/** Connections at once, streams included: the server stays answerable to a scrape and a probe. */
const MAX_CONNECTIONS = 256;
/** A request's headers must arrive within this (a client that opens and trickles holds a socket). */
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * A socket with nothing read or written for this long is closed: a reader that stopped reading
 * a page or /metrics. An /events stream writes a keepalive every 15 s, so it is never idle that long.
 */
const IDLE_TIMEOUT_MS = 60_000;

/** One /events message: the snapshot (for any client) and the page's <main> re-rendered (for the page). */
function eventMessage(view: WatchView, id: number): string {
  const status = view.status();
  const data = JSON.stringify({ status, html: renderStatusMain(status, view.health()) });
  return `event: status\nid: ${id}\ndata: ${data}\n\n`;
}

export async function startWatchHttp(options: WatchHttpOptions): Promise<WatchHttp> {
  const { view } = options;
  const keepaliveMs = options.keepaliveMs ?? 15_000;
  const throttleMs = options.throttleMs ?? 500;

  // The event streams.
  const clients = new Set<ServerResponse>();
  let unsubscribe: (() => void) | undefined;
  let keepalive: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;
  let lastSentAt = -Infinity;
  let messageId = 0;

  const broadcast = (): void => {
    pending = undefined;
    lastSentAt = Date.now();
    let message: string;
    try {
      message = eventMessage(view, ++messageId);
    } catch {
      return; // A snapshot that cannot be built now is tried again at the next change.
    }
    for (const res of clients) {
      // A client that stopped reading (a laptop asleep with the page open) would have every
      // message buffered here for it: past a bound it is dropped, and its EventSource reconnects.
      if (res.writableLength > MAX_BUFFERED) res.destroy();
      else res.write(message);
    }
  };
  const onChange = (): void => {
    if (pending !== undefined) return;
    pending = setTimeout(broadcast, Math.max(0, lastSentAt + throttleMs - Date.now()));
    pending.unref();
  };
  const addClient = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { ...COMMON, 'content-security-policy': DATA_CSP, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    res.flushHeaders();
    // The state as it is now, so a client (or one reconnecting) does not wait for a change.
    res.write(`retry: 3000\n\n${eventMessage(view, ++messageId)}`);
    clients.add(res);
    if (unsubscribe === undefined) unsubscribe = view.subscribe(onChange);
    if (keepalive === undefined) {
      keepalive = setInterval(() => {
        for (const c of clients) c.write(': keepalive\n\n');
      }, keepaliveMs);
      keepalive.unref();
    }
    req.on('close', () => {
      clients.delete(res);
      if (clients.size > 0) return;
      unsubscribe?.();
      unsubscribe = undefined;
      clearInterval(keepalive);
      keepalive = undefined;
      clearTimeout(pending);
      pending = undefined;
    });
  };

  const send = (res: ServerResponse, code: number, type: string, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(code, {
      ...COMMON,
      'content-security-policy': DATA_CSP,
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', `${req.method} is not served here: the watch's HTTP side is read-only (${ALLOWED})\n`, { allow: ALLOWED });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://watch.invalid').pathname;
    switch (path) {
      case '/':
        send(res, 200, 'text/html; charset=utf-8', renderStatusPage(view.status(), view.health()), { 'content-security-policy': PAGE_CSP });
        return;
      case '/status.json':
        send(res, 200, 'application/json; charset=utf-8', `${JSON.stringify(view.status())}\n`);
        return;
      case '/metrics':
        send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', renderMetrics(watchFamilies(view.status())));
        return;
      case '/healthz': {
        const health = view.health();
        send(res, health.ok ? 200 : 503, 'text/plain; charset=utf-8', health.ok ? 'ok\n' : health.problems.map((p) => `${p}\n`).join(''));
        return;
      }
      case '/events':
        if (clients.size >= (options.maxEventClients ?? MAX_EVENT_CLIENTS)) {
          send(res, 503, 'text/plain; charset=utf-8', `too many /events streams open (${clients.size}): reload the page later\n`, { 'retry-after': '30' });
          return;
        }
        if (req.method === 'HEAD') {
          res.writeHead(200, { ...COMMON, 'content-type': 'text/event-stream; charset=utf-8' });
          res.end();
          return;
        }
        addClient(req, res);
        return;
      case '/favicon.ico':
        // Browsers ask for it on their own; no content, rather than a 404 in every console.
        res.writeHead(204, COMMON);
        res.end();
        return;
      default:
        send(res, 404, 'text/plain; charset=utf-8', 'not found: /, /status.json, /events, /metrics and /healthz are served\n');
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `the watch's status could not be rendered: ${(err as Error).message}\n`);
      else res.destroy();
    }
  });

  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = HEADERS_TIMEOUT_MS * 3;
  server.setTimeout(Math.max(IDLE_TIMEOUT_MS, keepaliveMs * 2), (socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `watch HTTP: cannot listen on ${options.address ?? '127.0.0.1'}:${options.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`,
        ),
      ),
    );
    server.listen(options.port, options.address ?? '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;

  return {
    address: bound.address,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(pending);
        clearInterval(keepalive);
        unsubscribe?.();
        unsubscribe = undefined;
        for (const res of clients) res.end();
        clients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
