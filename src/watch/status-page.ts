// The status page `switchback watch` serves on `/`: for the NOC during maintenance, read-only.
// Rendered on the server from the status snapshot (status.ts), so it is whole with JavaScript
// off (it then reloads itself every 30 s); a small inline script, nothing fetched from
// anywhere, listens on /events and swaps in the server's re-rendered <main> at each change, so
// the page and its live updates are one renderer, not two that drift apart. Pure: a snapshot
// in, HTML out.
//
// Everything shown is escaped: device names, hosts, finding messages and event details are
// text from the inventory and from the devices themselves. The script and the style are fixed
// strings whose SHA-256 goes into the Content-Security-Policy (`default-src 'self'`, no
// 'unsafe-inline'), so the page runs them and nothing else even if an escape were missed;
// re-rendered HTML carries classes and data attributes only (no style attributes, no
// handlers), which that policy would refuse.

import { createHash } from 'node:crypto';
import type { DeviceView, WatchEvent, WatchStatus } from './status.js';

export interface Health {
  ok: boolean;
  problems: string[];
}

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

/** An age in a few characters, as the NOC reads it across the room: `40 s`, `12 min`, `5 h`, `3 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 120 * 60) return `${Math.floor(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** An age that the page's script keeps counting between updates (data-at: the time, ms since the epoch). */
function age(at: number, now: number): string {
  return `<time datetime="${new Date(at).toISOString()}" data-at="${at}" title="${new Date(at).toISOString()}">${formatAge(now - at)}</time>`;
}

/** A member is `up` (the last check saw it ready), `lost` (seen otherwise, or a member-lost event since), or `unknown`. */
export type MemberHealth = 'up' | 'lost' | 'unknown';

export interface MemberRow {
  device: string;
  number: number;
  feed?: string;
  role?: string;
  state?: string;
  health: MemberHealth;
  /** Why it counts as lost: the check's word or the event. */
  why?: string;
}

/**
 * The members of a device as the page shows them. A `member-lost` event newer than the last
 * check (and not followed by a `member-added` for that member) marks the member lost at
 * once: during a feed-off the traps arrive seconds before the check can run, and that is when
 * the NOC looks. A switch the last check could not reach counts all its members lost.
 */
export function memberRows(device: DeviceView, recent: readonly WatchEvent[]): MemberRow[] {
  const checkedAt = device.lastCheck?.at ?? -Infinity;
  return device.members.map((m) => {
    // `recent` is newest first: the first event about this member decides.
    const latest = recent.find(
      (ev) => ev.device === device.name && ev.member === m.number && (ev.kind === 'member-lost' || ev.kind === 'member-added') && ev.at > checkedAt,
    );
    const base = {
      device: device.name,
      number: m.number,
      ...(m.feed !== undefined ? { feed: m.feed } : {}),
      ...(m.role !== undefined ? { role: m.role } : {}),
      ...(m.state !== undefined ? { state: m.state } : {}),
    };
    if (latest?.kind === 'member-lost') return { ...base, health: 'lost', why: `${latest.kind} (${latest.source})` };
    if (latest?.kind === 'member-added') return { ...base, health: 'unknown', why: 'member-added, not checked since' };
    // A switch that does not answer has lost all its members as far as the NOC can tell (a standalone switch on a dead feed).
    if (device.lastCheck?.status === 'unreachable') return { ...base, health: 'lost', why: 'switch unreachable' };
    if (m.state === undefined) return { ...base, health: 'unknown' };
    return m.state === 'ready' ? { ...base, health: 'up' } : { ...base, health: 'lost', why: m.state };
  });
}

const NO_FEED = '';

function feedsSection(status: WatchStatus): string {
  const byFeed = new Map<string, MemberRow[]>();
  for (const d of status.devices)
    for (const row of memberRows(d, status.recent)) {
      const feed = row.feed ?? NO_FEED;
      // Pushed, not copied: a feed of a large estate has thousands of members, and the page is rendered per /events message.
      const rows = byFeed.get(feed);
      if (rows) rows.push(row);
      else byFeed.set(feed, [row]);
    }
  // A fleet of standalone switches without feeds in its inventory has nothing to show here.
  const stacksOrFeeds = status.devices.some((d) => d.members.length > 1 || d.members.some((m) => m.feed !== undefined));
  if (!stacksOrFeeds) return '<section id="feeds"><h2>Power feeds</h2><p class="muted">No stacks or power feeds in the inventory.</p></section>';
  const feeds = [...byFeed.keys()].sort((a, b) => (a === NO_FEED ? 1 : b === NO_FEED ? -1 : a.localeCompare(b)));
  const blocks = feeds.map((feed) => {
    const rows = byFeed.get(feed)!;
    const lost = rows.filter((r) => r.health === 'lost').length;
    const title = feed === NO_FEED ? 'No feed given' : `Feed ${e(feed)}`;
    const summary =
      lost === 0
        ? `<span class="ok">${rows.length} members, none lost</span>`
        : `<span class="bad">${lost} of ${rows.length} members lost${lost === rows.length ? ' — the whole feed' : ''}</span>`;
    const body = rows
      .map(
        (r) =>
          `<tr data-feed="${e(feed)}" data-device="${e(r.device)}" data-member="${r.number}" class="member ${r.health}"><td>${e(r.device)}</td><td>${r.number}</td><td>${e(r.role ?? '')}</td><td>${e(r.state ?? '')}</td><td class="${r.health === 'lost' ? 'bad' : r.health === 'up' ? 'ok' : 'muted'}">${r.health}${r.why !== undefined && r.health !== 'up' ? ` <span class="muted">(${e(r.why)})</span>` : ''}</td></tr>`,
      )
      .join('');
    return `<div class="feed${lost > 0 ? ' feed-lost' : ''}" data-feed="${e(feed)}"><h3>${title} <small>${summary}</small></h3><table><thead><tr><th>switch</th><th>member</th><th>role</th><th>state</th><th></th></tr></thead><tbody>${body}</tbody></table></div>`;
  });
  return `<section id="feeds"><h2>Power feeds</h2>${blocks.join('')}</section>`;
}

const PHASE_WORDS: Record<DeviceView['phase'], string> = {
  quiet: 'quiet',
  settling: 'settling (events arriving)',
  waiting: 'waiting for it to answer',
  checking: 'checking',
  recovering: 'restoring',
};

function devicesSection(status: WatchStatus): string {
  const rows = status.devices.map((d) => {
    const check = d.lastCheck;
    const checkCell =
      check === undefined
        ? '<td class="muted">not yet</td>'
        : `<td class="${check.status === 'ok' ? 'ok' : 'bad'}">${check.status} ${age(check.at, status.now)} ago</td>`;
    const findings =
      check === undefined || check.findings.length === 0
        ? ''
        : `<ul class="findings">${check.findings.map((f) => `<li><span class="kind">${e(f.kind)}</span> ${e(f.message)}</li>`).join('')}</ul>`;
    const recover =
      d.recover === undefined
        ? ''
        : `<div class="recover ${d.recover.outcome === 'restored' ? 'ok' : d.recover.outcome === 'failed' ? 'bad' : 'warn'}">${d.recover.outcome} ${age(d.recover.at, status.now)} ago: ${e(d.recover.detail)}</div>`;
    return (
      `<tr data-device="${e(d.name)}" data-phase="${d.phase}" class="device phase-${d.phase}">` +
      `<td><b>${e(d.name)}</b><div class="muted">${e(d.platform)} · ${e(d.host)}</div></td>` +
      `<td class="phase">${PHASE_WORDS[d.phase]}${d.lastEventAt !== undefined ? `<div class="muted">last event ${age(d.lastEventAt, status.now)} ago</div>` : ''}</td>` +
      checkCell +
      `<td>${findings}${recover}</td>` +
      `<td>${d.lastBackupAt === undefined ? '<span class="bad">never</span>' : `${age(d.lastBackupAt, status.now)} ago`}</td>` +
      '</tr>'
    );
  });
  return `<section id="devices"><h2>Switches <small>${status.devices.length}</small></h2><table><thead><tr><th>switch</th><th>phase</th><th>last check</th><th>open findings</th><th>last backup</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function pairsSection(status: WatchStatus): string {
  const domains = new Map<string, DeviceView[]>();
  for (const d of status.devices) if (d.pair) domains.set(d.pair.domain, [...(domains.get(d.pair.domain) ?? []), d]);
  if (domains.size === 0) return '';
  const rows = [...domains]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, ds]) => {
      const peers = ds
        .map((d) => `<span data-device="${e(d.name)}" class="${d.lastCheck?.status === 'ok' ? 'ok' : d.lastCheck ? 'bad' : 'muted'}">${e(d.name)}</span>`)
        .join(' ↔ ');
      const feeds = [...new Set(ds.flatMap((d) => d.members.map((m) => m.feed).filter((f): f is string => f !== undefined)))];
      return `<tr data-domain="${e(domain)}"><td>${e(domain)}</td><td>${peers}</td><td>${feeds.map(e).join(', ')}</td></tr>`;
    });
  return `<section id="pairs"><h2>Pairs</h2><table><thead><tr><th>domain</th><th>switches</th><th>feeds</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function eventsSection(status: WatchStatus): string {
  if (status.recent.length === 0) return '<section id="events"><h2>Recent events</h2><p class="muted">None since the watch started.</p></section>';
  const rows = status.recent.map(
    (ev) =>
      `<tr class="event ${ev.kind}" data-device="${e(ev.device)}"><td>${age(ev.at, status.now)} ago</td><td>${e(ev.device)}</td><td>${ev.kind}${ev.member !== undefined ? ` member ${ev.member}` : ''}</td><td>${ev.source}</td><td class="detail">${e(ev.detail)}</td></tr>`,
  );
  return `<section id="events"><h2>Recent events</h2><table><thead><tr><th>when</th><th>switch</th><th>event</th><th>from</th><th>detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function receiversSection(status: WatchStatus): string {
  const rows = status.receivers.map((r) => {
    const dropped = Object.entries(r.dropped)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${e(reason)} ${n}`)
      .join(', ');
    return `<tr data-receiver="${r.kind}"><td>${r.kind}</td><td>${e(r.address)}:${r.port}</td><td class="received">${r.received}</td><td>${dropped === '' ? '0' : dropped}</td></tr>`;
  });
  const c = status.counters;
  const events = Object.entries(c.events)
    .map(([kind, n]) => `${e(kind)} ${n}`)
    .join(', ');
  return (
    `<section id="receivers"><h2>Receivers</h2><table><thead><tr><th>receiver</th><th>listening on</th><th>received</th><th>dropped</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `<p class="counters">events: ${events === '' ? 'none' : events} · checks ${c.checks} · alerts sent ${c.alertsSent}${c.alertsFailed > 0 ? `, <span class="bad">failed ${c.alertsFailed}</span>` : ''} · restores ${c.recoveries} · datagrams from unknown addresses ${c.unknownSources}</p></section>`
  );
}

function summarySection(status: WatchStatus, health: Health): string {
  const r = status.recover;
  const recover =
    r.mode === 'auto' && r.disabled
      ? `<span class="warn">auto, switched off by ${e(r.disableFile)} (acts as ask)</span>`
      : `${r.mode}${r.disabled ? ` <span class="warn">(kill-switch ${e(r.disableFile)} present)</span>` : ''}`;
  const busy = status.devices.filter((d) => d.phase !== 'quiet').length;
  const sweep =
    status.sweep.intervalSeconds === 0
      ? 'off'
      : `every ${status.sweep.intervalSeconds} s${status.sweep.lastAt !== undefined ? `, last ${age(status.sweep.lastAt, status.now)} ago` : ''}`;
  const healthLine = health.ok
    ? '<span class="ok">healthy</span>'
    : `<span class="bad">problems:</span><ul class="problems">${health.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>`;
  return (
    `<section id="summary" data-recover="${r.mode}" data-kill-switch="${r.disabled ? 'on' : 'off'}"><dl>` +
    `<dt>watching</dt><dd>${status.devices.length} switches, ${busy === 0 ? 'all quiet' : `<span class="warn">${busy} busy</span>`}</dd>` +
    `<dt>recover</dt><dd class="recover-mode">${recover}; ${r.recent} automatic restores recently (limit ${e(r.limit)})</dd>` +
    `<dt>kill-switch</dt><dd class="kill-switch">${r.disabled ? `<span class="warn">on</span> (${e(r.disableFile)})` : `off (${e(r.disableFile)} absent)`}</dd>` +
    `<dt>sweep</dt><dd>${sweep}</dd>` +
    `<dt>started</dt><dd>${age(status.startedAt, status.now)} ago</dd>` +
    `<dt>health</dt><dd class="health">${healthLine}</dd>` +
    '</dl></section>'
  );
}

/** The inside of the page's <main>: what /events sends re-rendered at each change. */
export function renderStatusMain(status: WatchStatus, health: Health): string {
  return [
    summarySection(status, health),
    feedsSection(status),
    devicesSection(status),
    pairsSection(status),
    eventsSection(status),
    receiversSection(status),
  ].join('\n');
}

export const PAGE_STYLE = `
:root { color-scheme: light; font: 14px/1.4 system-ui, sans-serif; }
body { margin: 0 1.5em 2em; color: #1b1f23; background: #fafafa; }
header { display: flex; align-items: baseline; gap: 1em; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.4em; margin: .5em 0; }
h2 { font-size: 1.1em; margin: 1.2em 0 .4em; }
h3 { font-size: 1em; margin: .8em 0 .3em; }
small { font-weight: normal; color: #555; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: .25em .6em; border-bottom: 1px solid #e3e3e3; }
th { font-weight: 600; background: #f0f0f0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: .8em 0; }
dt { font-weight: 600; }
dd { margin: 0; }
ul { margin: 0; padding-left: 1.2em; }
.ok { color: #116329; }
.bad { color: #b00020; font-weight: 600; }
.warn { color: #9a6700; font-weight: 600; }
.muted { color: #666; font-weight: normal; }
.kind { font-family: ui-monospace, monospace; font-size: .9em; background: #eee; padding: 0 .3em; }
.detail { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-all; }
tr.member.lost { background: #fde8ea; }
.feed-lost h3 { color: #b00020; }
tr.device:not(.phase-quiet) { background: #fff8e1; }
#live { font-size: .9em; color: #666; }
body[data-live="on"] #live { color: #116329; }
body[data-live="off"] #live { color: #b00020; font-weight: 600; }
`;

/** Re-renders <main> from /events; keeps the ages counting between messages; says when the feed is lost. */
export const PAGE_SCRIPT = `
(() => {
  'use strict';
  const main = document.getElementById('status');
  const live = document.getElementById('live');
  let offset = 0;
  const age = (ms) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 120) return s + ' s';
    if (s < 7200) return Math.floor(s / 60) + ' min';
    if (s < 172800) return Math.floor(s / 3600) + ' h';
    return Math.floor(s / 86400) + ' d';
  };
  const tick = () => {
    const now = Date.now() + offset;
    for (const el of document.querySelectorAll('time[data-at]')) el.textContent = age(now - Number(el.dataset.at));
  };
  const source = new EventSource('events');
  live.textContent = 'connecting…';
  source.addEventListener('status', (message) => {
    const data = JSON.parse(message.data);
    offset = data.status.now - Date.now();
    main.innerHTML = data.html;
    document.body.dataset.live = 'on';
    document.body.dataset.updates = String(Number(document.body.dataset.updates || '0') + 1);
    live.textContent = 'live, updated ' + new Date(data.status.now).toLocaleTimeString();
    tick();
  });
  source.addEventListener('error', () => {
    document.body.dataset.live = 'off';
    live.textContent = 'not connected to the watch: reconnecting… (what is shown may be old)';
  });
  setInterval(tick, 5000);
})();
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The page's Content-Security-Policy: its own origin only (the EventSource included), the
 * inline script and style by hash. The hashes are of the exact strings placed between the
 * tags, so those must stay as they are (no templating inside them).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  `script-src ${sha256(PAGE_SCRIPT)}`,
  `style-src ${sha256(PAGE_STYLE)}`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderStatusPage(status: WatchStatus, health: Health): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>switchback watch</title>' +
    // Without JavaScript the page reloads itself; with it, /events keeps it current.
    '<noscript><meta http-equiv="refresh" content="30"></noscript>' +
    `<style>${PAGE_STYLE}</style></head>\n` +
    '<body><header><h1>switchback watch</h1><span id="live">as of loading (reloads every 30 s)</span></header>\n' +
    `<main id="status">${renderStatusMain(status, health)}</main>\n` +
    `<script>${PAGE_SCRIPT}</script></body></html>\n`
  );
}
