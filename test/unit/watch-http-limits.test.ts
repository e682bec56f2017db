// The watch's HTTP side bounded for `--listen 0.0.0.0`: past its number of /events streams a
// client is told 503 (with Retry-After) while the page, /metrics and /healthz still answer, and
// a stream that closes frees its place.

import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWatchHttp } from '../../src/watch/http-server.js';
import type { WatchHttp } from '../../src/watch/http-server.js';
import { sampleStatus, scriptedView } from '../helpers/scripted-watch-view.js';
import { openSse } from '../helpers/sse-client.js';
import type { SseClient } from '../helpers/sse-client.js';

let http: WatchHttp | undefined;
const streams: SseClient[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await http?.close();
});

function status(url: string): Promise<{ code: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ code: res.statusCode!, ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}), body }));
    }).on('error', reject);
  });
}

describe('watch HTTP limits', () => {
  it('refuses an /events stream past the limit, keeps serving the rest, and frees a place when one closes', async () => {
    http = await startWatchHttp({ view: scriptedView(sampleStatus(Date.parse('2026-12-07T20:00:00Z'))), port: 0, maxEventClients: 3 });
    const base = `http://127.0.0.1:${http.port}`;
    for (let i = 0; i < 3; i++) {
      const s = await openSse(`${base}/events`);
      streams.push(s);
      // Each open stream has had the current state: it is counted as open.
      await s.waitFor((m) => m.event === 'status', 'the first status');
    }
    const refused = await status(`${base}/events`);
    expect(refused).toMatchObject({ code: 503, retryAfter: '30' });
    expect(refused.body).toContain('too many /events streams open (3)');
    expect((await status(`${base}/healthz`)).code).toBe(200);
    expect((await status(`${base}/metrics`)).code).toBe(200);
    expect((await status(`${base}/`)).code).toBe(200);

    streams.shift()!.close();
    // The server sees the close when the socket ends: wait for it, then a new stream is let in.
    let again: SseClient | undefined;
    while (!again) {
      const s = await openSse(`${base}/events`);
      if (s.response.statusCode === 200) again = s;
      else {
        s.close();
        await new Promise((r) => setImmediate(r));
      }
    }
    streams.push(again);
    await again.waitFor((m) => m.event === 'status', 'the first status');
  });
});
