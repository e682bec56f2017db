// The status page in a real browser: Debian's chromium, headless, against startWatchHttp
// with a scripted view (the engine's side played by the test). What a NOC operator would see
// during a feed-off: the page renders, its script runs under the page's CSP (no inline code
// but its own, nothing fetched from elsewhere), it follows the status live as the events and
// then the checks arrive, it says so when the watch goes away, and it is whole with
// JavaScript off. The screenshot is kept in test-artifacts/ (gitignored).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchHttp } from '../../src/watch/http-server.js';
import type { WatchHttp } from '../../src/watch/http-server.js';
import type { WatchEvent, WatchStatus } from '../../src/watch/status.js';
import { sampleStatus, scriptedView, withDevice } from '../helpers/scripted-watch-view.js';
import type { ScriptedView } from '../helpers/scripted-watch-view.js';
import { launchChromium, pngSize } from './chromium.js';
import type { Browser } from './chromium.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let browser: Browser;
let view: ScriptedView;
let http: WatchHttp;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  console.log(`browser: ${browser.version}`);
  view = scriptedView(sampleStatus(Date.now()));
  http = await startWatchHttp({ view, port: 0 });
  url = `http://127.0.0.1:${http.port}/`;
});

afterAll(async () => {
  await http?.close();
  await browser?.close();
});

/** Feed B goes off: the stack and the virtual chassis lose their feed-B members (traps), edge-2 goes dark (its peer says so). */
function feedOffEvents(s: WatchStatus): WatchStatus {
  const at = Date.now();
  const events: WatchEvent[] = [
    { device: 'core-stack', kind: 'member-lost', member: 2, detail: 'trap cswStackMemberRemoved member 2', source: 'trap', at },
    { device: 'dist-vc', kind: 'member-lost', member: 1, detail: 'syslog VC member 1 down', source: 'syslog', at },
    { device: 'edge-1', kind: 'pair-peer-lost', detail: 'syslog VSX peer <edge-2> lost', source: 'syslog', at },
  ];
  let next: WatchStatus = { ...s, now: at, recent: [...events.reverse(), ...s.recent] };
  for (const name of ['core-stack', 'dist-vc', 'edge-1']) next = withDevice(next, name, (d) => ({ ...d, phase: 'settling', lastEventAt: at }));
  return { ...next, counters: { ...next.counters, events: { ...next.counters.events, 'member-lost': 2, 'pair-peer-lost': 1 } } };
}

/** The checks ran: the members missing by the check's word, edge-2 unreachable. */
function feedOffChecked(s: WatchStatus): WatchStatus {
  const at = Date.now();
  const missing = (member: number) => (m: { number: number }) => (m.number === member ? { ...m, state: 'missing' } : m);
  let next: WatchStatus = { ...s, now: at, counters: { ...s.counters, checks: s.counters.checks + 4 } };
  next = withDevice(next, 'core-stack', (d) => ({
    ...d,
    phase: 'quiet',
    members: d.members.map(missing(2)),
    lastCheck: { at, status: 'findings', findings: [{ kind: 'stack', message: 'stack member 2 missing (feed B)' }] },
  }));
  next = withDevice(next, 'dist-vc', (d) => ({
    ...d,
    phase: 'quiet',
    members: d.members.map(missing(1)),
    lastCheck: { at, status: 'findings', findings: [{ kind: 'stack', message: 'stack member 1 missing (feed B)' }] },
  }));
  next = withDevice(next, 'edge-1', (d) => ({
    ...d,
    phase: 'quiet',
    lastCheck: { at, status: 'findings', findings: [{ kind: 'pair', message: 'peer edge-2 not seen' }] },
  }));
  next = withDevice(next, 'edge-2', (d) => ({ ...d, lastCheck: { at, status: 'unreachable', findings: [] } }));
  return next;
}

const lostOnFeed = (feed: string) => `document.querySelectorAll('tr.member.lost[data-feed="${feed}"]').length`;

describe('status page in headless chromium (scripted view)', () => {
  it('renders, runs its script under the CSP, follows a feed-off live, and keeps a screenshot', async () => {
    const tab = await browser.open({ width: 1280, height: 1400 });
    await tab.navigate(url);
    // The script ran (the CSP let it) and /events is connected.
    await tab.waitFor(`() => document.body.dataset.live === 'on'`, 'the live feed connected');
    expect(await tab.evaluate<number>(`document.querySelectorAll('tr.device').length`)).toBe(4);
    expect(await tab.evaluate<string[]>(`[...document.querySelectorAll('div.feed')].map((f) => f.dataset.feed)`)).toEqual(['A', 'B']);
    expect(await tab.evaluate<number>(`document.querySelectorAll('tr.member.lost').length`)).toBe(0);

    // Feed B off: the traps arrive; the page shows the lost members without a reload.
    view.update(feedOffEvents);
    await tab.waitFor(`() => ${lostOnFeed('B')} === 2`, 'two members lost on feed B');
    expect(await tab.evaluate<number>(lostOnFeed('A'))).toBe(0);
    expect(await tab.evaluate<string>(`document.querySelector('div.feed[data-feed="B"] h3').textContent`)).toContain('2 of 3 members lost');
    expect(await tab.evaluate<string>(`document.querySelector('tr.device[data-device="core-stack"] td.phase').textContent`)).toContain('settling');
    // Device text arrives escaped through the live path too.
    expect(await tab.evaluate<string>(`document.querySelector('#events').textContent`)).toContain('VSX peer <edge-2> lost');
    expect(await tab.evaluate<number>(`document.querySelectorAll('#events b').length`)).toBe(0);

    // The checks finish: the findings show, the phases go back to quiet.
    view.update(feedOffChecked);
    await tab.waitFor(
      `() => document.querySelector('tr.device[data-device="core-stack"]').textContent.includes('stack member 2 missing (feed B)')`,
      "core-stack's finding",
    );
    expect(await tab.evaluate<string>(`document.querySelector('tr.device[data-device="edge-2"]').textContent`)).toContain('unreachable');
    // edge-2, dark, counts too: the whole of feed B is lost, feed A untouched.
    await tab.waitFor(`() => ${lostOnFeed('B')} === 3`, 'three members lost on feed B');
    expect(await tab.evaluate<string>(`document.querySelector('div.feed[data-feed="B"] h3').textContent`)).toContain('3 of 3 members lost — the whole feed');
    expect(await tab.evaluate<number>(lostOnFeed('A'))).toBe(0);
    const updates = await tab.evaluate<string>('document.body.dataset.updates');
    console.log(`page re-rendered ${updates} time(s) from /events`);

    const png = await tab.screenshot();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'watch-page-feed-off-scripted.png');
    writeFileSync(file, png);
    const size = pngSize(png);
    console.log(`screenshot: ${file} (${png.length} bytes, ${size.width}x${size.height})`);
    expect(size).toEqual({ width: 1280, height: 1400 });
    expect(png.length).toBeGreaterThan(20_000); // a page with tables, not a blank one

    // Nothing refused by the CSP, no script error.
    expect(tab.reports.filter((r) => /Content Security Policy|exception|error/i.test(r))).toEqual([]);
  });

  // The tests below read the state the first one left (feed B off, checked): they run in order, in one file.
  it('with JavaScript off, shows the same state server-rendered (and reloads itself)', async () => {
    const tab = await browser.open({ javaScript: false });
    await tab.navigate(url);
    const html = await tab.html();
    expect(html).toContain('stack member 2 missing (feed B)');
    expect(html).toMatch(/<tr data-feed="B" data-device="dist-vc" data-member="1" class="member lost">/);
    expect(html).toContain('as of loading (reloads every 30 s)'); // the script did not run
    expect(html).toContain('http-equiv="refresh"');
  });

  it('says so when the watch goes away', async () => {
    const tab = await browser.open();
    await tab.navigate(url);
    await tab.waitFor(`() => document.body.dataset.live === 'on'`, 'the live feed connected');
    await http.close();
    await tab.waitFor(`() => document.body.dataset.live === 'off'`, 'the feed marked lost');
    expect(await tab.evaluate<string>(`document.getElementById('live').textContent`)).toContain('not connected to the watch');
  });
});
