// `switchback watch` as a user runs it: the real CLI, a lab switch that sends its coldStart
// trap and syslog to the watch's ports, a real webhook receiver. `lab event SW power-cycle
// --lose-config` with nothing typed gives an alert naming the switch with "lost: factory
// default, N lines missing"; with --recover auto the switch is restored, verified and saved
// and the alert says so. SIGTERM: exit 0, state written. Figures printed, never asserted.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli, startCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { alertSchemaProblems } from '../helpers/alert-schema.js';
import { stackSpec } from '../helpers/lab.js';
import { startWatchLab, watchOnLab } from '../helpers/watch-lab.js';
import { startWebhookCollector } from '../helpers/watch-webhook.js';
import type { WebhookCollector } from '../helpers/watch-webhook.js';

interface Payload {
  command: string;
  summary: string;
  devices: { device: string; status: string }[];
  watch?: { device: string; diagnosis: string[]; events: { kind: string; source: string }[]; recover?: { outcome: string; detail: string } };
}

let fleet: LabFleet;
let webhook: WebhookCollector;
let hook: string;
let inventory: string;
let backups: string;
let env: Record<string, string>;
let trapPort: number;
let syslogPort: number;

async function webhookWhere(match: (p: Payload) => boolean): Promise<{ at: number; body: Payload }> {
  const hit = await webhook.waitFor((b) => match(b as Payload));
  return { at: hit.at, body: hit.body as Payload };
}

beforeAll(async () => {
  webhook = await startWebhookCollector();
  hook = webhook.url;
  let backup: CliRun;
  ({ fleet, inventory, backups, env, trapPort, syslogPort, backup } = await startWatchLab(
    // A stack of one, and two stacks of two whose member 2 hangs on feed B.
    [stackSpec('wc-a', 1, 1), stackSpec('wc-b', 2, 2), stackSpec('wc-c', 2, 3)],
    'switchback-watch-cli-',
  ));
  expect(backup.code).toBe(0);
});
afterAll(async () => {
  await fleet?.stop();
  await webhook?.close();
});

describe('switchback watch', () => {
  it('power-cycle --lose-config: alerted with nothing typed, restored with --recover auto; SIGTERM exits 0', async () => {
    const watch = await startCli(
      [
        ...watchOnLab({ inventory, backups, trapPort, syslogPort }),
        '--webhook',
        hook,
        '--recover',
        'auto',
        '--settle',
        '1s',
        '--sweep-interval',
        '0',
        '--json',
      ],
      /"what":"started","message":"listening/,
      { env },
    );
    try {
      const cycledAt = Date.now();
      // Dark for 3 s, as a switch that boots: it says it rebooted once it answers again.
      await fleet.apply('wc-a', { kind: 'power-cycle', loseConfig: true, bootMs: 3_000 });
      const found = await webhookWhere((p) => p.command === 'watch' && p.watch?.device === 'wc-a' && p.watch?.recover === undefined);
      expect(found.body.summary).toMatch(/^watch: wc-a: /);
      expect(found.body.watch?.diagnosis.join('\n')).toMatch(/^lost: factory default, \d+ lines missing/m);
      expect(found.body.watch?.events.some((e) => e.kind === 'reload' && (e.source === 'trap' || e.source === 'syslog'))).toBe(true);
      expect(alertSchemaProblems(found.body)).toEqual([]);
      const restored = await webhookWhere((p) => p.command === 'watch' && p.watch?.device === 'wc-a' && p.watch?.recover !== undefined);
      expect(restored.body.watch?.recover).toMatchObject({ outcome: 'restored' });
      expect(restored.body.summary).toMatch(/restored last good.*, verified, saved/);
      expect(alertSchemaProblems(restored.body)).toEqual([]);
      const lines = watch
        .stdout()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { what: string; device?: string; data?: Record<string, number> });
      const answered = lines.find((l) => l.what === 'answered' && l.device === 'wc-a') as { at: string } | undefined;
      expect(answered).toBeDefined();
      // The switch sends its coldStart once it answers again (the lab, as a real one): the first event is when it answered.
      const firstEvent = lines.find((l) => l.what === 'event' && l.device === 'wc-a') as { at: string } | undefined;
      const answeredAt = Date.parse(firstEvent!.at);
      // The other switches said nothing: only wc-a was checked.
      expect(lines.filter((l) => l.what === 'checked').map((l) => l.device)).toEqual(['wc-a']);
      console.log(
        `watch cli: power-cycle (3 s dark) → alert ${((found.at - cycledAt) / 1000).toFixed(1)} s; switch answering (its coldStart) → alert ${((found.at - answeredAt) / 1000).toFixed(1)} s; ` +
          `power-cycle → restored alert ${((restored.at - cycledAt) / 1000).toFixed(1)} s (settle 1 s)`,
      );

      // Feed B off: each stack's member 2 goes; each stack is alerted with the member and its feed, and nothing is restored.
      const feedOffAt = Date.now();
      await fleet.feed('B', false);
      for (const name of ['wc-b', 'wc-c']) {
        const lost = await webhookWhere((p) => p.command === 'watch' && p.watch?.device === name);
        expect(lost.body.watch?.diagnosis).toContain('stack member 2 missing (feed B)');
        expect(lost.body.watch?.events.some((e) => e.kind === 'member-lost')).toBe(true);
        expect(lost.body.watch?.recover).toBeUndefined();
        console.log(`watch cli: feed B off → ${name} alert ${((lost.at - feedOffAt) / 1000).toFixed(1)} s`);
      }
      await fleet.feed('B', true);
    } finally {
      watch.child.kill('SIGTERM');
    }
    expect(await watch.exited).toBe(0);
    expect(watch.stdout()).toMatch(/"what":"stopped"/);
    const state = JSON.parse(readFileSync(join(backups, '.watch-state.json'), 'utf8')) as { devices: Record<string, { lastAlert?: object }> };
    expect(state.devices['wc-a']?.lastAlert).toBeDefined();
    expect(existsSync(join(backups, '.gitignore')) && readFileSync(join(backups, '.gitignore'), 'utf8')).toContain('.watch-state.json');

    // Started again (its first sweep runs at once): nothing it already said is news, nothing is alerted.
    const alertsBefore = webhook.received.length;
    const again = await startCli(
      [
        'watch',
        '--inventory',
        inventory,
        '--backups',
        backups,
        '--trap-port',
        'off',
        '--syslog-port',
        'off',
        '--webhook',
        hook,
        '--sweep-interval',
        '1h',
        '--json',
      ],
      /"what":"sweep"/,
      { env },
    );
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    const said = again
      .stdout()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { what: string; message: string });
    expect(said.find((l) => l.what === 'sweep')?.message).toMatch(/^swept 3 device\(s\) over SNMP/);
    // Only what it had received and not yet checked when stopped (feed B back on, just before the
    // SIGTERM) is taken up again; nothing else is an event.
    expect(said.filter((l) => l.what === 'event' && !/received before the watch restarted/.test(l.message))).toEqual([]);
    expect(webhook.received.length).toBe(alertsBefore);
  });

  it('a bad invocation is refused before anything listens (exit 2), saying which flag', async () => {
    const run = (...args: string[]) => runCli(['watch', '--inventory', inventory, '--backups', backups, ...args], { env });
    const cases: [string[], RegExp][] = [
      [['--settle', '10s', '--settle-max', '5s'], /--settle-max \(5s\) must be at least --settle \(10s\)/],
      [['--rate-limit', 'lots'], /--rate-limit takes COUNT\/PERIOD/],
      [['--recover', 'sometimes'], /--recover.*sometimes/],
      [['--trap-port', '70000'], /--trap-port/],
    ];
    for (const [args, said] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(said);
    }
  });
});
