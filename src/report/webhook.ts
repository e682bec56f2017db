// POST an alert to a webhook (--webhook URL): the payload as JSON, or a Slack-compatible
// `{ "text": … }` (--webhook-format slack). Node's own http/https client, one request,
// bounded in time, never retried. What became of it is returned, never thrown: a failed
// alert is reported and the run it reports on stands.

import http from 'node:http';
import https from 'node:https';
import { shownUrl, urlProblem } from '../inventory/run-settings.js';
import type { WebhookFormat } from '../inventory/run-settings.js';
import type { AlertPayload } from './alert.js';
import type { AlertDelivery } from './delivery.js';
import { oneLine } from './delivery.js';
import { slackMessage } from './slack.js';

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
}

/**
 * The whole exchange (connect, TLS, send, the status line) must end within this. A chat
 * webhook answers in well under a second; one that has not answered in 10 s is down or
 * stuck, and the run it reports on has finished its work: a cron job, a systemd unit or a
 * Kubernetes Job must not hang on its alert. Long enough for a TLS handshake across a
 * continent on a loaded link, short enough that a dead receiver costs a run 10 s.
 */
export const WEBHOOK_TIMEOUT_MS = 10_000;

// No retry, on purpose (there is no setting for it). The alert goes out after the run; a
// failure that needs a person is still there at the next scheduled run, which alerts again,
// so a lost alert is late, not lost, and the run's own exit code and output say the same
// meanwhile. A retry after a timeout may post the message twice (the receiver may have taken
// the first and answered late), and every retry lengthens a run that is done.

/** The body as sent, for the format. */
export function webhookBody(payload: AlertPayload, format: WebhookFormat): string {
  return JSON.stringify(format === 'slack' ? slackMessage(payload) : payload);
}

/**
 * The receiver's answer without the parts of the address that are its secret (the path and
 * query hold the token; the password of `user:password@`): a receiver that does not know the
 * path says so quoting it (Express: `Cannot POST /services/T…/B…/…`), and the answer is printed.
 */
function withoutSecretParts(text: string, url: URL): string {
  const decoded = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const parts: [string, string][] = [];
  if (url.pathname !== '/' || url.search !== '') for (const p of [url.pathname + url.search, url.pathname]) parts.push([p, '/…'], [decoded(p), '/…']);
  if (url.search.length > 1) parts.push([url.search.slice(1), '…'], [decoded(url.search.slice(1)), '…']);
  if (url.password !== '') parts.push([url.password, '…'], [decoded(url.password), '…']);
  return parts
    .filter(([p]) => p.length > 1)
    .sort((a, b) => b[0].length - a[0].length)
    .reduce((t, [p, shown]) => t.split(p).join(shown), text);
}

export function postWebhook(target: WebhookTarget, payload: AlertPayload, opts: { timeoutMs?: number } = {}): Promise<AlertDelivery> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  // Scheme, host and port only: a webhook's path (Slack's `/services/T…/B…/…`) is its password.
  const to = shownUrl(target.url);
  const started = Date.now();
  const body = Buffer.from(webhookBody(payload, target.format));
  const result = (outcome: AlertDelivery['outcome'], detail: string, httpStatus?: number): AlertDelivery => ({
    target: 'webhook',
    to,
    outcome,
    detail,
    durationMs: Date.now() - started,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  });
  const problem = urlProblem(target.url);
  if (problem) return Promise.resolve(result('failed', `the address ${problem}`));
  const url = new URL(target.url);

  return new Promise((resolve) => {
    let settled = false;
    let status: number | undefined;
    const finish = (d: AlertDelivery) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(d);
    };
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        // No keep-alive socket left behind to hold the process open after the run.
        agent: false,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'user-agent': 'switchback' },
      },
      (res) => {
        status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          res.resume();
          finish(result('sent', `HTTP ${status}`, status));
          return;
        }
        // Anything else is a failure, a redirect included: a POST is not sent on to another place
        // than the one configured. The start of the receiver's answer says why (Slack: `invalid_token`).
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 300) text += chunk;
        });
        const said = () => {
          const why = res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 ? ' (a redirect: not followed)' : '';
          const start = oneLine(withoutSecretParts(text, url), 160);
          finish(result('failed', `HTTP ${status}${why}${start ? `: ${start}` : ''}`, status));
        };
        res.on('end', said);
        res.on('close', said);
        res.on('error', said);
      },
    );
    const timer = setTimeout(
      () => finish(result('failed', `${status === undefined ? 'no answer' : `HTTP ${status}, the rest not`} within ${timeoutMs / 1000} s`, status)),
      timeoutMs,
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish(result('failed', err.code ? `${err.code}: ${oneLine(err.message, 160)}` : oneLine(err.message, 160))),
    );
    req.end(body);
  });
}
