// A webhook endpoint for tests: a real http.Server on 127.0.0.1 that answers every POST 200
// and keeps the JSON bodies, so a test waits for the alert it expects instead of guessing how
// long the watch takes. Nothing here times anything: `waitFor` resolves on the body that
// matches, and its backstop only turns a hang into a failure that shows what did arrive.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  /** The parsed body (a `switchback` alert payload, or whatever was posted). */
  body: unknown;
  /** Milliseconds since the epoch when the POST arrived (for the figures a test prints). */
  at: number;
  path: string;
  contentType: string | undefined;
}

export interface WebhookCollector {
  url: string;
  received: ReceivedAlert[];
  /**
   * The first alert (already received or still to come) for which `match` is true. Rejects
   * after `backstopMs` (default 5 minutes: longer than any test's own time, so it is only
   * reached when something hangs) with what was received instead.
   */
  waitFor(match: (body: unknown) => boolean, what?: string, backstopMs?: number): Promise<ReceivedAlert>;
  close(): Promise<void>;
}

export async function startWebhookCollector(): Promise<WebhookCollector> {
  const received: ReceivedAlert[] = [];
  const waiters: { match: (b: unknown) => boolean; resolve: (a: ReceivedAlert) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the test's match sees what was really sent
      }
      const alert: ReceivedAlert = { body, at: Date.now(), path: req.url ?? '/', contentType: req.headers['content-type'] };
      if (req.method === 'POST') {
        received.push(alert);
        for (const w of [...waiters]) {
          if (w.match(body)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(alert);
          }
        }
      }
      res.statusCode = req.method === 'POST' ? 200 : 405;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    waitFor(match, what = 'the alert', backstopMs = 300_000) {
      const already = received.find((a) => match(a.body));
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedAlert>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${what} never arrived; received ${received.length}: ${JSON.stringify(received.map((a) => a.body)).slice(0, 2000)}`));
        }, backstopMs);
        const waiter = {
          match,
          resolve: (a: ReceivedAlert) => {
            clearTimeout(timer);
            resolve(a);
          },
        };
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
