// The issue's "done when", as a person does it, in three processes: `switchback lab up
// --trap-to --syslog-to` (the switches, each on its own loopback address, sending what their
// OS sends), `switchback watch --recover auto` with a webhook, and `switchback lab event SW
// power-cycle --lose-config` typed in another shell. With nothing else typed: an alert naming
// the switch with "lost: factory default, N lines missing", then one saying it was restored,
// verified and saved — and `switchback check` agrees it is back. The seconds from the switch
// answering to the alert, and from the event to the restore, are printed, never asserted.
// Then a watch stopped and started again (--recover never) does not alert a finding it
// already alerted: what it alerted is in <backups>/.watch-state.json.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WatchStatus } from '../../src/watch/status.js';
import { alertSchemaProblems } from '../helpers/alert-schema.js';
import { runCli, startCli } from '../helpers/cli.js';
import type { CheckJson } from '../helpers/cli.js';
import { labUpEnv } from '../helpers/lab.js';
import { freeUdpPort, startWatch } from '../helpers/watch-run.js';
import type { RunningWatch } from '../helpers/watch-run.js';
import { sendSyslog, syslogLine } from '../helpers/watch-traffic.js';
import { startWebhookCollector } from '../helpers/watch-webhook.js';
import type { WebhookCollector } from '../helpers/watch-webhook.js';

interface WatchPayload {
  command: string;
  summary: string;
  devices: { device: string; status: string }[];
  watch?: {
    device: string;
    diagnosis: string[];
    events: { kind: string; source: string; detail: string }[];
    recover?: { outcome: string; detail: string; command?: string };
  };
}
const payload = (b: unknown) => b as WatchPayload;

const dir = mkdtempSync(join(tmpdir(), 'switchback-watch-e2e-'));
const inventory = join(dir, 'devices', 'lab.yaml');
const backups = join(dir, 'backups');
const SW = 'lab-sw-01';

let lab: Awaited<ReturnType<typeof startCli>>;
let env: Record<string, string>;
let hook: WebhookCollector;
let watch: RunningWatch;
let trapPort: number;
let syslogPort: number;
/** The watch's options every test here gives (the lab's inventory, repository and trap community). */
let watchArgs: string[];

beforeAll(async () => {
  hook = await startWebhookCollector();
  // The watch's ports, chosen first: the lab is told where to send before the watch can read the lab's inventory.
  trapPort = await freeUdpPort();
  syslogPort = await freeUdpPort();
  lab = await startCli(
    [
      'lab',
      'up',
      '--devices',
      '2',
      '--platform',
      'cisco-ios',
      '--inventory',
      inventory,
      '--trap-to',
      `127.0.0.1:${trapPort}`,
      '--syslog-to',
      `127.0.0.1:${syslogPort}`,
    ],
    /Ctrl-C stops the lab/,
    { env: { NO_COLOR: '1' } },
  );
  env = { NO_COLOR: '1', ...labUpEnv(lab.stdout()) };
  const backup = await runCli(['backup', '--inventory', inventory, '--backups', backups], { env });
  expect(backup.code, backup.stderr).toBe(0);
  // The lab's switches send SNMPv3 traps as its inventory polls them (its user and keys): the
  // watch accepts them with nothing but the inventory.
  watchArgs = ['--inventory', inventory, '--backups', backups];
  watch = await startWatch([...watchArgs, '--webhook', hook.url, '--recover', 'auto', '--sweep-interval', '0'], {
    env,
    http: true,
    trapPort,
    syslogPort,
  });
});
afterAll(async () => {
  if (watch?.alive()) await watch.stop();
  if (lab) {
    lab.child.kill('SIGINT');
    await lab.exited;
  }
  await hook?.close();
});

describe('switchback watch on the lab, three processes as a person runs them', () => {
  it('lab event SW power-cycle --lose-config: alerted "lost: factory default", then restored, verified, saved — nothing typed', async () => {
    const cycledAt = Date.now();
    // Dark for 3 s, as a switch that boots; it says it rebooted once it answers again.
    const event = await runCli(['lab', 'event', SW, 'power-cycle', '--lose-config', '--boot-time', '3s', '--inventory', inventory], { env });
    expect(event.code, event.stderr).toBe(0);

    const lost = await hook.waitFor(
      (b) => payload(b).command === 'watch' && payload(b).watch?.device === SW && payload(b).watch?.recover === undefined,
      'the "lost" alert',
    );
    const p = payload(lost.body);
    expect(alertSchemaProblems(lost.body)).toEqual([]);
    expect(p.summary).toMatch(new RegExp(`^watch: ${SW}: `));
    const diagnosis = p.watch!.diagnosis.join('\n');
    expect(diagnosis).toMatch(/^rebooted at /m);
    expect(diagnosis).toMatch(/^lost: factory default, \d+ lines missing \(first: .+\)$/m);
    // What announced it: the switch's own notices — its coldStart trap and its restart syslog
    // line — not the sweep (it is off).
    expect(p.watch!.events.filter((e) => e.kind === 'reload').map((e) => e.source)).toEqual(expect.arrayContaining(['trap', 'syslog']));

    const restored = await hook.waitFor(
      (b) => payload(b).command === 'watch' && payload(b).watch?.device === SW && payload(b).watch?.recover !== undefined,
      'the recover alert',
    );
    const r = payload(restored.body);
    expect(alertSchemaProblems(restored.body)).toEqual([]);
    expect(r.watch!.recover).toMatchObject({ outcome: 'restored', detail: expect.stringMatching(/verified, saved/) });
    expect(r.summary).toMatch(/restored .*, verified, saved/);

    // The other switch said nothing and was left alone.
    expect(watch.lines.filter((l) => l.what === 'checked').map((l) => l.device)).not.toContain('lab-sw-02');
    expect(hook.received.map((a) => payload(a.body).watch?.device)).not.toContain('lab-sw-02');

    // And a person's own check agrees: the switch runs last good again, saved.
    const check = await runCli(['check', '--json', '--inventory', inventory, '--backups', backups], { env });
    const checked = (JSON.parse(check.stdout) as CheckJson).devices.find((d) => d.device === SW)!;
    expect(checked.findings.filter((f) => f.kind === 'lost' || f.kind === 'unsaved')).toEqual([]);

    // The switch announces its reboot once it answers again (as a real one does): its first
    // event is when it was back; `answered` is when the watch, after the settle window, found it so.
    const backAt = Date.parse(watch.lines.find((l) => l.what === 'event' && l.device === SW)!.at);
    const answeredAt = Date.parse(watch.lines.find((l) => l.what === 'answered' && l.device === SW)!.at);
    const status = JSON.parse((await watch.get('/status.json')).body) as WatchStatus;
    // Nothing the lab sent was refused.
    for (const v of status.receivers) expect(v.dropped, v.kind).toEqual({});
    const rx = status.receivers.map((v) => `${v.kind} ${v.received} received, dropped ${JSON.stringify(v.dropped)}`).join('; ');
    console.log(
      [
        `watch e2e (lab up, watch, lab event as three processes; settle 5 s default):`,
        `  switch back (its reboot notice) → "lost" alert ${((lost.at - backAt) / 1000).toFixed(1)} s (settle ${((answeredAt - backAt) / 1000).toFixed(1)} s, then check ${((lost.at - answeredAt) / 1000).toFixed(1)} s); power-cycle typed → "lost" alert ${((lost.at - cycledAt) / 1000).toFixed(1)} s (3 s dark)`,
        `  switch back → "restored, verified, saved" alert ${((restored.at - backAt) / 1000).toFixed(1)} s; power-cycle typed → restored ${((restored.at - cycledAt) / 1000).toFixed(1)} s`,
        `  alert: ${p.summary}`,
        `  then: ${r.summary}`,
        `  receivers: ${rx}; events ${JSON.stringify(status.counters.events)}`,
      ].join('\n'),
    );

    expect(await watch.stop()).toBe(0);
  });

  it('a restarted watch does not alert the same finding again (its state in the repository), and says so', async () => {
    const SW2 = 'lab-sw-02';
    const args = [...watchArgs, '--webhook', hook.url, '--recover', 'never', '--sweep-interval', '0'];
    const first = await startWatch(args, { env, trapPort, syslogPort });
    try {
      const event = await runCli(['lab', 'event', SW2, 'power-cycle', '--lose-config', '--boot-time', '2s', '--inventory', inventory], { env });
      expect(event.code, event.stderr).toBe(0);
      const lost = await hook.waitFor((b) => payload(b).watch?.device === SW2, `the alert for ${SW2}`);
      expect(payload(lost.body).watch!.diagnosis.join('\n')).toMatch(/^lost: factory default, \d+ lines missing/m);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(existsSync(join(backups, '.watch-state.json'))).toBe(true);

    // Started again, the switch (still wrong: nobody restored it) says it restarted once more —
    // a restart line from its address, as a relay replaying its log would send.
    const again = await startWatch(args, { env, trapPort, syslogPort });
    try {
      const host = (parse(readFileSync(inventory, 'utf8')) as { devices: { name: string; host: string }[] }).devices.find((d) => d.name === SW2)!.host;
      await sendSyslog(host, { host: '127.0.0.1', port: syslogPort }, [syslogLine(SW2.toUpperCase(), '%SYS-5-RESTART: System restarted --')]);
      const checked = await again.waitForLine((l) => l.what === 'checked' && l.device === SW2, `the check of ${SW2} after the restart`);
      expect(checked.message).toMatch(/lost: factory default/);
      const said = await again.waitForLine((l) => l.what === 'alert' && l.device === SW2, `what the restarted watch did about ${SW2}'s alert`);
      expect(said.message).toMatch(/alerted before: not alerted again/);
      expect(hook.received.filter((a) => payload(a.body).watch?.device === SW2)).toHaveLength(1);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
