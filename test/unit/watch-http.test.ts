// The HTTP side of `switchback watch` (src/watch/http-server.ts, status-page.ts,
// watch-metrics.ts) against a hand-built status: what a NOC browser, a Prometheus scrape and
// a health probe get; device text escaped; nothing but GET; /events messages when the status
// changes.

import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWatchHttp } from '../../src/watch/http-server.js';
import type { WatchHttp } from '../../src/watch/http-server.js';
import { escapeHtml, memberRows, renderStatusPage } from '../../src/watch/status-page.js';
import type { WatchStatus } from '../../src/watch/status.js';
import { parseExposition, promtoolCheck, samplesOf, valueOf } from '../helpers/prometheus.js';
import { sampleStatus, scriptedView, withDevice } from '../helpers/scripted-watch-view.js';
import { openSse } from '../helpers/sse-client.js';

const NOW = Date.parse('2026-12-07T20:00:00Z');

let servers: WatchHttp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(status: WatchStatus = sampleStatus(NOW), options: { keepaliveMs?: number; throttleMs?: number } = {}) {
  const view = scriptedView(status);
  const http = await startWatchHttp({ view, port: 0, ...options });
  servers.push(http);
  return { view, http, url: `http://127.0.0.1:${http.port}` };
}

function call(url: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' || method === 'PUT' ? 'recover=all' : undefined);
  });
}

const HOSTILE = '<img src=x onerror="alert(1)">&sw\'1';
const HOSTILE_FINDING = 'lost: 3 lines missing (first: description </script><script>alert(2)</script>)';

function hostileStatus(): WatchStatus {
  const s = sampleStatus(NOW);
  return {
    ...withDevice(s, 'core-stack', (d) => ({
      ...d,
      name: HOSTILE,
      host: '"><b>host',
      lastCheck: { at: NOW - 1000, status: 'findings', findings: [{ kind: 'lost<>', message: HOSTILE_FINDING }] },
      members: [{ number: 1, feed: '<A>', role: 'active', state: 'ready' }],
    })),
    recent: [{ device: HOSTILE, kind: 'reload', detail: 'syslog %SYS-5-RESTART: <b>System restarted</b> & "quoted"', source: 'syslog', at: NOW - 5000 }],
  };
}

describe('watch HTTP: the status page', () => {
  it('escapes every piece of device and inventory text, in text and in attributes', () => {
    const html = renderStatusPage(hostileStatus(), { ok: false, problems: ['trap receiver: <closed>'] });
    for (const raw of [HOSTILE, HOSTILE_FINDING, '"><b>host', '<b>System restarted</b>', '<closed>', '<A>', 'lost<>'])
      expect(html, `raw text in the page: ${raw}`).not.toContain(raw);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain(escapeHtml(HOSTILE_FINDING));
    expect(html).toContain(`data-device="${escapeHtml(HOSTILE)}"`);
    // The only script element is the page's own.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('serves the page with a CSP that allows its own inline script and style by hash, and nothing else inline', async () => {
    const { url } = await serve(hostileStatus());
    const page = await call(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.body)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)![1]!;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    // Nothing from elsewhere: no URL with a scheme or a protocol-relative one in the page.
    expect(page.body).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(page.body).toContain("new EventSource('events')");
  });

  it('groups the members by power feed and shows a member lost as soon as its member-lost event arrives, before any check', () => {
    let s = sampleStatus(NOW);
    s = { ...s, recent: [{ device: 'core-stack', kind: 'member-lost', member: 2, detail: 'trap cswStackMemberRemoved', source: 'trap', at: NOW - 2000 }] };
    const rows = memberRows(s.devices[0]!, s.recent);
    expect(rows.map((r) => [r.number, r.health])).toEqual([
      [1, 'up'],
      [2, 'lost'],
      [3, 'up'],
    ]);
    const html = renderStatusPage(s, { ok: true, problems: [] });
    expect(html).toMatch(/<tr data-feed="B" data-device="core-stack" data-member="2" class="member lost">/);
    expect(html).toContain('1 of 3 members lost'); // feed B: core-stack 2, dist-vc 1, edge-2
    // A check after the event decides again (the member came back ready).
    const after = withDevice(s, 'core-stack', (d) => ({ ...d, lastCheck: { at: NOW, status: 'ok', findings: [] } }));
    expect(memberRows(after.devices[0]!, after.recent)[1]!.health).toBe('up');
    // The check saw it missing: lost by the check's word.
    const missing = withDevice(s, 'core-stack', (d) => ({
      ...d,
      lastCheck: { at: NOW, status: 'findings', findings: [] },
      members: d.members.map((m) => (m.number === 2 ? { ...m, state: 'missing' } : m)),
    }));
    expect(memberRows(missing.devices[0]!, missing.recent)[1]).toMatchObject({ health: 'lost', why: 'missing' });
  });
});

describe('watch HTTP: read-only', () => {
  it('answers anything but GET and HEAD with 405 and the methods it allows, and changes nothing', async () => {
    const { url, view } = await serve();
    const before = JSON.stringify(view.status());
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const path of ['/', '/status.json', '/metrics', '/events', '/recover']) {
        const r = await call(`${url}${path}`, method);
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.allow).toBe('GET, HEAD');
      }
    }
    expect(JSON.stringify(view.status())).toBe(before);
    expect((await call(`${url}/nothing-here`)).status).toBe(404);
    const head = await call(`${url}/status.json`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('listens on 127.0.0.1 unless told otherwise', async () => {
    const { http } = await serve();
    expect(http.address).toBe('127.0.0.1');
  });
});

describe('watch HTTP: /healthz and /status.json', () => {
  it('/healthz is 200 ok when healthy, 503 with the problems when not', async () => {
    const { url, view } = await serve();
    const ok = await call(`${url}/healthz`);
    expect([ok.status, ok.body]).toEqual([200, 'ok\n']);
    view.setHealth({ ok: false, problems: ['trap receiver closed: EADDRINUSE', 'engine loop stalled'] });
    const bad = await call(`${url}/healthz`);
    expect(bad.status).toBe(503);
    expect(bad.body).toBe('trap receiver closed: EADDRINUSE\nengine loop stalled\n');
  });

  it('/status.json is the snapshot as the view gives it', async () => {
    const status = hostileStatus();
    const { url } = await serve(status);
    const r = await call(`${url}/status.json`);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.body)).toEqual(status);
  });
});

describe('watch HTTP: /metrics', () => {
  it("is Prometheus text that promtool accepts, with the receivers', events', checks', alerts' and devices' figures", async () => {
    const s = withDevice(hostileStatus(), 'dist-vc', (d) => ({
      ...d,
      phase: 'checking',
      members: [
        { number: 0, feed: 'A', role: 'active', state: 'ready' },
        { number: 1, feed: 'B', state: 'missing' },
      ],
    }));
    const { url } = await serve(s);
    const r = await call(`${url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const check = promtoolCheck(r.body);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    const m = parseExposition(r.body);
    expect(valueOf(m, 'switchback_watch_start_timestamp_seconds')).toBe((NOW - 2 * 3600_000) / 1000);
    expect(valueOf(m, 'switchback_watch_datagrams_received_total', { receiver: 'trap' })).toBe(12);
    expect(valueOf(m, 'switchback_watch_datagrams_dropped_total', { receiver: 'trap', reason: 'unknown-community' })).toBe(2);
    expect(valueOf(m, 'switchback_watch_unknown_source_datagrams_total')).toBe(3);
    // Every event kind is written, the ones not seen as 0.
    expect(valueOf(m, 'switchback_watch_events_total', { kind: 'reload' })).toBe(1);
    expect(valueOf(m, 'switchback_watch_events_total', { kind: 'member-lost' })).toBe(0);
    expect(valueOf(m, 'switchback_watch_checks_total')).toBe(4);
    expect(valueOf(m, 'switchback_watch_alerts_total', { result: 'sent' })).toBe(1);
    expect(valueOf(m, 'switchback_watch_recover_mode', { mode: 'ask' })).toBe(1);
    expect(valueOf(m, 'switchback_watch_recover_mode', { mode: 'auto' })).toBe(0);
    // Per device: one phase series at 1; the last check's status; open findings by kind; backup age.
    expect(
      samplesOf(m, 'switchback_watch_device_phase', { device: 'dist-vc' })
        .filter((x) => x.value === 1)
        .map((x) => x.labels.phase),
    ).toEqual(['checking']);
    expect(valueOf(m, 'switchback_watch_device_last_check_status', { device: HOSTILE, status: 'findings' })).toBe(1);
    expect(valueOf(m, 'switchback_watch_device_open_findings', { device: HOSTILE, kind: 'lost<>' })).toBe(1);
    expect(valueOf(m, 'switchback_watch_device_last_backup_age_seconds', { device: 'edge-1' })).toBe(9 * 3600);
    expect(valueOf(m, 'switchback_watch_device_member_ready', { device: 'dist-vc', member: '1', feed: 'B' })).toBe(0);
    expect(valueOf(m, 'switchback_watch_device_member_ready', { device: 'dist-vc', member: '0' })).toBe(1);
    // A member whose state no check has seen is not written (unknown is not 0).
    expect(samplesOf(m, 'switchback_watch_device_member_ready', { device: 'edge-1' })).toEqual([]);
  });
});

describe('watch HTTP: /events', () => {
  it('sends the state at once, then a message when the status changes, with the page re-rendered', async () => {
    const { url, view } = await serve();
    const sse = await openSse(`${url}/events`);
    try {
      expect(sse.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const first = await sse.waitFor((m) => m.event === 'status', 'the first status');
      expect(JSON.parse(first.data).status.devices[0].phase).toBe('quiet');
      view.update((s) => ({
        ...withDevice(s, 'core-stack', (d) => ({ ...d, phase: 'settling', lastEventAt: NOW + 1000 })),
        recent: [{ device: 'core-stack', kind: 'reload', detail: 'trap coldStart <from 127.1.0.2>', source: 'trap', at: NOW + 1000 }],
      }));
      const changed = await sse.waitFor((m) => JSON.parse(m.data).status.devices[0].phase === 'settling', 'the settling status');
      const { html } = JSON.parse(changed.data) as { html: string };
      expect(html).toContain('data-device="core-stack" data-phase="settling"');
      expect(html).toContain('trap coldStart &#60;from 127.1.0.2&#62;');
    } finally {
      sse.close();
    }
  });

  it('coalesces a burst of changes (a trap storm) into few messages, the last state always sent', async () => {
    const { url, view } = await serve(sampleStatus(NOW), { throttleMs: 200 });
    const sse = await openSse(`${url}/events`);
    try {
      await sse.waitFor((m) => m.event === 'status');
      const burst = 500;
      for (let i = 1; i <= burst; i++) view.update((s) => ({ ...s, counters: { ...s.counters, checks: i } }));
      await sse.waitFor((m) => JSON.parse(m.data).status.counters.checks === burst, 'the last state of the burst');
      const sent = sse.messages.length - 1;
      console.log(`/events: ${burst} changes in a burst → ${sent} message(s)`);
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(sent).toBeLessThan(burst);
    } finally {
      sse.close();
    }
  });

  it('writes a keepalive comment while idle, and lets go of the view when the last client leaves', async () => {
    const { url, view } = await serve(sampleStatus(NOW), { keepaliveMs: 50 });
    const a = await openSse(`${url}/events`);
    const b = await openSse(`${url}/events`);
    await a.waitForComment((c) => c === 'keepalive');
    await b.waitFor((m) => m.event === 'status');
    expect(view.subscribers()).toBe(1); // one subscription for every client
    a.close();
    b.close();
    await new Promise<void>((resolve) => {
      // The server sees the clients go when their sockets close: wait for that, not for a time.
      const probe = (): void => (view.subscribers() === 0 ? resolve() : void setImmediate(probe));
      probe();
    });
    expect(view.subscribers()).toBe(0);
  });

  it('closes open event streams on close()', async () => {
    const { url, http } = await serve();
    const sse = await openSse(`${url}/events`);
    await sse.waitFor((m) => m.event === 'status');
    const ended = new Promise<void>((resolve) => sse.response.on('end', resolve));
    await http.close();
    servers = servers.filter((s) => s !== http);
    await ended;
  });
});
