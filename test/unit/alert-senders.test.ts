// The alert senders against real peers: a local http.Server on 127.0.0.1 that answers,
// answers late (after the sender gave up), answers 500, or is not there at all; and real
// `sh -c` hooks that read the JSON, fail, or hang. Every wait is for an event; the short
// timeouts given here only make the failing cases end quickly.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../src/report/alert.js';
import { runExecHook } from '../../src/report/exec-hook.js';
import { postWebhook } from '../../src/report/webhook.js';

const PAYLOAD: AlertPayload = {
  source: 'switchback',
  version: 1,
  command: 'backup',
  host: 'backup-host',
  startedAt: '2026-12-07T02:15:00.000Z',
  finishedAt: '2026-12-07T02:16:00.000Z',
  exitCode: 3,
  outcome: 'findings',
  summary: 'backup: 1 changed, 1 unsaved of 2; committed 0123456789ab',
  devices: [
    { device: 'sw1', status: 'changed', findings: [{ kind: 'unsaved', message: '+1/-0 lines not saved', lines: ['+ snmp-server community <masked> RO'] }] },
  ],
  unlisted: 1,
};

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
  servers = [];
});

/** A server on 127.0.0.1 whose `answer` is called once each request's body is in. */
async function server(answer: (res: ServerResponse, req: IncomingMessage) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
      answer(res, req);
    });
  });
  servers.push(s);
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/services/T000/B000/SECRETPATH`, received };
}

/** A port nobody listens on: one just given back by a server. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const port = (s.address() as AddressInfo).port;
  await new Promise((done) => s.close(done));
  return port;
}

describe('webhook', () => {
  it("never repeats the URL's secret path when the receiver's answer quotes it (Express: `Cannot POST /services/…`)", async () => {
    const srv = await server((res, req) => res.writeHead(404, { 'content-type': 'text/html' }).end(`<pre>Cannot POST ${req.url}</pre>`));
    const d = await postWebhook({ url: `${srv.url}?token=x`, format: 'json' }, PAYLOAD);
    expect(d).toMatchObject({ outcome: 'failed', httpStatus: 404 });
    expect(d.detail).toMatch(/^HTTP 404: <pre>Cannot POST \/…<\/pre>$/);
    expect(JSON.stringify(d)).not.toContain('SECRETPATH');
    expect(JSON.stringify(d)).not.toContain('token=x');
  });

  it('posts the payload as JSON to the URL, and says HTTP 204', async () => {
    const srv = await server((res) => res.writeHead(204).end());
    const d = await postWebhook({ url: srv.url, format: 'json' }, PAYLOAD);
    expect(d).toMatchObject({ target: 'webhook', outcome: 'sent', detail: 'HTTP 204', httpStatus: 204 });
    expect(srv.received).toHaveLength(1);
    expect(srv.received[0]).toMatchObject({ method: 'POST', url: '/services/T000/B000/SECRETPATH', contentType: 'application/json; charset=utf-8' });
    expect(JSON.parse(srv.received[0]!.body)).toEqual(PAYLOAD);
  });

  it('posts Slack-compatible text with --webhook-format slack', async () => {
    const srv = await server((res) => res.writeHead(200).end('ok'));
    const d = await postWebhook({ url: srv.url, format: 'slack' }, PAYLOAD);
    expect(d.outcome).toBe('sent');
    const body = JSON.parse(srv.received[0]!.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain('*switchback backup* on backup-host: findings (exit 3)');
    expect(body.text).toContain('+ snmp-server community &lt;masked&gt; RO');
  });

  it('never names the URL path (a webhook path is its secret) in what it reports', async () => {
    const srv = await server((res) => res.writeHead(500).end('boom'));
    const d = await postWebhook({ url: srv.url, format: 'json' }, PAYLOAD);
    expect(d.to).toBe(`${new URL(srv.url).origin}/…`);
    expect(JSON.stringify(d)).not.toContain('SECRETPATH');
  });

  it('a 500 is a failure with the status and the start of the answer', async () => {
    const srv = await server((res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('internal\ntrouble'));
    const d = await postWebhook({ url: srv.url, format: 'json' }, PAYLOAD);
    expect(d).toMatchObject({ outcome: 'failed', detail: 'HTTP 500: internal trouble', httpStatus: 500 });
    expect(srv.received).toHaveLength(1); // no retry
  });

  it('a redirect is not followed', async () => {
    const srv = await server((res) => res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end());
    const d = await postWebhook({ url: srv.url, format: 'json' }, PAYLOAD);
    expect(d).toMatchObject({ outcome: 'failed', detail: 'HTTP 302 (a redirect: not followed)' });
  });

  it('a receiver that answers only after the sender gave up is a failure: no answer within the time', async () => {
    let answeredLate: () => void = () => undefined;
    const late = new Promise<void>((done) => (answeredLate = done));
    // The answer is written when the sender has closed the connection: after its timeout, whatever the machine's load.
    const srv = await server((res, req) =>
      req.socket.once('close', () => {
        res.end('too late');
        answeredLate();
      }),
    );
    const d = await postWebhook({ url: srv.url, format: 'json' }, PAYLOAD, { timeoutMs: 300 });
    expect(d).toMatchObject({ outcome: 'failed', detail: 'no answer within 0.3 s' });
    await late;
    expect(JSON.parse(srv.received[0]!.body)).toEqual(PAYLOAD);
  });

  it('a refused connection is a failure with its code', async () => {
    const port = await closedPort();
    const d = await postWebhook({ url: `http://127.0.0.1:${port}/hook`, format: 'json' }, PAYLOAD);
    expect(d.outcome).toBe('failed');
    expect(d.detail).toMatch(/^ECONNREFUSED: /);
  });

  it('an address that is not http(s) is a failure, nothing sent', async () => {
    const d = await postWebhook({ url: 'ftp://127.0.0.1/x', format: 'json' }, PAYLOAD);
    expect(d).toMatchObject({ outcome: 'failed', detail: 'the address must be an http:// or https:// address, not ftp:' });
  });
});

describe('exec hook', () => {
  it('runs the command with sh -c, the JSON on its standard input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-hook-'));
    const file = join(dir, 'alert.json');
    const d = await runExecHook(`cat > '${file}'; echo done`, PAYLOAD);
    expect(d).toMatchObject({ target: 'exec-hook', outcome: 'sent', detail: 'exit 0', exitCode: 0 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(PAYLOAD);
  });

  it('a hook that exits 1 is a failure with its exit code and the end of its stderr', async () => {
    const d = await runExecHook(`cat >/dev/null; echo 'ticket system said no' >&2; exit 1`, PAYLOAD);
    expect(d).toMatchObject({ outcome: 'failed', detail: 'exit 1', exitCode: 1, stderrTail: 'ticket system said no' });
  });

  it('a hook that does not read its input is no failure of ours', async () => {
    const d = await runExecHook('true', PAYLOAD);
    expect(d).toMatchObject({ outcome: 'sent', exitCode: 0 });
  });

  it('a hook that hangs is killed, with what it started, and reported', async () => {
    // The shell's child (sleep) holds the pipes: only killing the whole group ends the wait.
    const d = await runExecHook(`echo 'waiting' >&2; sleep 600 & wait`, PAYLOAD, { timeoutMs: 300, graceMs: 300 });
    expect(d).toMatchObject({ outcome: 'failed', stderrTail: 'waiting' });
    expect(d.detail).toMatch(/^killed after 0\.3 s/);
  });

  it('a hook that ignores SIGTERM is killed all the same', async () => {
    const d = await runExecHook(`trap '' TERM; echo 'stubborn' >&2; while :; do sleep 1; done`, PAYLOAD, { timeoutMs: 300, graceMs: 300 });
    expect(d).toMatchObject({ outcome: 'failed', signal: 'SIGKILL' });
    expect(d.detail).toMatch(/^killed after 0\.3 s/);
  });
});
