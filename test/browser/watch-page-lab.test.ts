// The status page in a real browser (Debian's chromium, headless) against a live lab during a
// feed-off: lab switches on their own loopback addresses send their traps and syslog to a
// real `switchback watch --http-port` (the CLI, as a user runs it), and the page, open in the
// browser, shows the feed-B members lost as the notices arrive, then the checks' findings —
// with nothing reloaded. The screenshot is kept in test-artifacts/ (gitignored). Figures
// printed, never asserted.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabFleet } from '../../src/lab/fleet.js';
import { startCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { stackSpec } from '../helpers/lab.js';
import { parseExposition, promtoolCheck, valueOf } from '../helpers/prometheus.js';
import { startWatchLab, watchOnLab } from '../helpers/watch-lab.js';
import { launchChromium, pngSize } from './chromium.js';
import type { Browser } from './chromium.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let fleet: LabFleet;
let browser: Browser;
let inventory: string;
let backups: string;
let env: Record<string, string>;
let trapPort: number;
let syslogPort: number;

beforeAll(async () => {
  let backup: CliRun;
  ({ fleet, inventory, backups, env, trapPort, syslogPort, backup } = await startWatchLab(
    // Two stacks of two whose member 2 hangs on feed B, and a switch of one on feed A.
    [stackSpec('wp-a', 2, 1), stackSpec('wp-b', 2, 2), stackSpec('wp-c', 1, 3)],
    'switchback-watch-page-',
  ));
  expect(backup.code).toBe(0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await fleet?.stop();
});

const lostOnFeed = (feed: string) => `document.querySelectorAll('tr.member.lost[data-feed="${feed}"]').length`;
const deviceRow = (name: string) => `document.querySelector('tr.device[data-device="${name}"]')`;

describe('status page in headless chromium against a live lab', () => {
  it('feed B off: the page shows the lost members as the notices arrive, then the findings, live', async () => {
    const watch = await startCli(
      [...watchOnLab({ inventory, backups, trapPort, syslogPort }), '--http-port', '0', '--settle', '1s', '--sweep-interval', '0', '--json'],
      /"what":"started","message":"listening[^\n]*\n/,
      { env },
    );
    try {
      const started = watch
        .stdout()
        .split('\n')
        .filter((l) => l.includes('"what":"started"') && l.includes('listening'))
        .map((l) => JSON.parse(l) as { data?: { httpPort?: number } })[0]!;
      const port = started.data?.httpPort;
      expect(port).toBeGreaterThan(0);
      const url = `http://127.0.0.1:${port}/`;

      const tab = await browser.open({ width: 1280, height: 1200 });
      await tab.navigate(url);
      await tab.waitFor(`() => document.body.dataset.live === 'on'`, 'the live feed connected');
      expect(await tab.evaluate<string[]>(`[...document.querySelectorAll('tr.device')].map((r) => r.dataset.device)`)).toEqual(['wp-a', 'wp-b', 'wp-c']);
      expect(await tab.evaluate<string[]>(`[...document.querySelectorAll('div.feed')].map((f) => f.dataset.feed)`)).toEqual(['A', 'B']);
      expect(await tab.evaluate<number>(lostOnFeed('B'))).toBe(0);

      const offAt = Date.now();
      await fleet.feed('B', false);
      await tab.waitFor(`() => ${lostOnFeed('B')} === 2`, 'both feed-B members lost');
      const lostShownS = (Date.now() - offAt) / 1000;
      // The check's own finding, as `check` words it (the alert's diagnosis adds the feed).
      for (const name of ['wp-a', 'wp-b'])
        await tab.waitFor(`() => /member 2 missing/.test(${deviceRow(name)}.querySelector('ul.findings')?.textContent ?? '')`, `${name}'s stack finding`);
      const findingsShownS = (Date.now() - offAt) / 1000;
      expect(await tab.evaluate<number>(lostOnFeed('A'))).toBe(0);
      expect(await tab.evaluate<string>(`document.querySelector('div.feed[data-feed="B"] h3').textContent`)).toContain('2 of 2 members lost — the whole feed');
      // The notices the page shows came from the switches' own addresses, through the receivers.
      const events = await tab.evaluate<string[]>(`[...document.querySelectorAll('#events tr.event')].map((r) => r.dataset.device + ' ' + r.className)`);
      expect(
        events
          .filter((e) => /member-lost/.test(e))
          .map((e) => e.split(' ')[0])
          .sort(),
      ).toEqual(expect.arrayContaining(['wp-a', 'wp-b']));
      const received = await tab.evaluate<string[]>(`[...document.querySelectorAll('#receivers td.received')].map((td) => td.textContent)`);
      expect(received.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      // What Prometheus and a health probe get from the same watch at the same moment.
      const metrics = await (await fetch(`${url}metrics`)).text();
      const check = promtoolCheck(metrics);
      expect(check.output).toBe('');
      expect(check.code).toBe(0);
      const m = parseExposition(metrics);
      for (const device of ['wp-a', 'wp-b']) expect(valueOf(m, 'switchback_watch_device_member_ready', { device, member: '2', feed: 'B' })).toBe(0);
      expect(valueOf(m, 'switchback_watch_device_member_ready', { device: 'wp-a', member: '1', feed: 'A' })).toBe(1);
      expect(valueOf(m, 'switchback_watch_events_total', { kind: 'member-lost' })).toBeGreaterThanOrEqual(2);
      expect(valueOf(m, 'switchback_watch_checks_total')).toBeGreaterThanOrEqual(2);
      const healthz = await fetch(`${url}healthz`);
      expect([healthz.status, await healthz.text()]).toEqual([200, 'ok\n']);

      const png = await tab.screenshot();
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, 'watch-page-feed-off-lab.png');
      writeFileSync(file, png);
      const size = pngSize(png);
      expect(size).toEqual({ width: 1280, height: 1200 });
      expect(png.length).toBeGreaterThan(20_000);
      expect(tab.reports.filter((r) => /Content Security Policy|exception|error/i.test(r))).toEqual([]);
      console.log(
        `watch page (lab): feed B off → members shown lost ${lostShownS.toFixed(1)} s, → findings shown ${findingsShownS.toFixed(1)} s (settle 1 s); ` +
          `page re-rendered ${await tab.evaluate<string>('document.body.dataset.updates')} time(s); screenshot ${file} (${png.length} bytes, ${size.width}x${size.height})`,
      );
      await fleet.feed('B', true);
    } finally {
      watch.child.kill('SIGTERM');
    }
    expect(await watch.exited).toBe(0);
  });
});
