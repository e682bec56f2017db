// Alerts end to end: the real CLI on the lab, a real http.Server on 127.0.0.1 as the
// webhook, real `sh -c` hooks. A switch whose configuration holds secrets gets unsaved
// lines; backup, check, ready and restore alert with the summary, the findings, the diff of
// what changed, every secret masked (the configuration's, and every inventory secret); a
// clean run alerts nobody; a webhook that answers 500 or is not there, and a hook that
// exits 1, are reported while the run keeps its own exit code.

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/normalise.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { AlertPayload } from '../../src/report/alert.js';
import type { AlertDelivery } from '../../src/report/delivery.js';
import { alertSchemaProblems } from '../helpers/alert-schema.js';
import { schemaErrors } from '../helpers/json-schemas.js';
import { runCli } from '../helpers/cli.js';
import { FAULTY, canaryCredentials, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** Every secret in this test starts with it: one search finds them all. */
const CANARY = 'ALERTCANARY';
const CREDENTIALS = canaryCredentials(CANARY);

let fleet: LabFleet;
let inventory: string;
let backups: string;
let dir: string;
let env: Record<string, string>;
let server: Server;
let hook: string;
/** What switchback shows of the webhook: scheme, host and port, never the path (its token). */
let shown: string;
/** What the webhook received, in order; the status it answers with is `answer`. */
const received: string[] = [];
let answer = 204;

beforeAll(async () => {
  fleet = await startFleet({ count: 2, specs: [stackSpec('al-a', 1, 1), stackSpec('al-b', 1, 2)], credentials: CREDENTIALS });
  ({ dir, inventory, backups } = labInventory(fleet, 'switchback-alerts-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.writeHead(answer).end(answer === 500 ? 'receiver broke' : '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T1/B2/PATHTOKEN`;
  shown = `${new URL(hook).origin}/…`;
  // A configuration secret on each switch, saved: the first backup is clean.
  for (const name of ['al-a', 'al-b']) {
    await fleet.apply(name, {
      kind: 'change',
      lines: [`snmp-server community ${CANARY}saved RO`, 'tacacs server T1', ' address ipv4 192.0.2.9', ` key 0 ${CANARY}tacacs`],
    });
    await fleet.apply(name, { kind: 'save' });
  }
}, 300_000);
afterAll(async () => {
  await fleet?.stop();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
});

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });
const canaries = (text: string) => text.split(CANARY).length - 1;
const lastPosted = () => JSON.parse(received[received.length - 1]!) as AlertPayload;

describe('alerts on the lab', () => {
  it('a clean run alerts nobody (--json says alerts: [])', async () => {
    const run = await cli('backup', '--json', '--webhook', hook);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { alerts: AlertDelivery[] }).alerts).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('backup with unsaved, changed lines holding secrets posts the summary, the findings and the diff, masked', async () => {
    await fleet.apply('al-a', {
      kind: 'change',
      lines: [
        `snmp-server community ${CANARY}unsaved RW`,
        'interface GigabitEthernet1/0/5',
        ' description alert test port',
        'tacacs server T1',
        ` key 0 ${CANARY}changed`,
      ],
    });
    const run = await cli('backup', '--json', '--webhook', hook);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout) as { alerts: AlertDelivery[]; exitCode: number };
    expect(out.exitCode).toBe(3);
    expect(out.alerts).toEqual([expect.objectContaining({ target: 'webhook', outcome: 'sent', httpStatus: 204, to: shown })]);
    expect(schemaErrors('backup', out)).toEqual([]); // `alerts` as the shipped schema describes it
    expect(received).toHaveLength(1);
    expect(canaries(received[0]!)).toBe(0);

    const p = lastPosted();
    expect(p).toMatchObject({ source: 'switchback', version: 1, command: 'backup', exitCode: 3, outcome: 'findings', unlisted: 1 });
    expect(p.summary).toMatch(/^backup: 1 changed, 1 unsaved of 2; committed [0-9a-f]{12}$/);
    expect(p.devices.map((d) => d.device)).toEqual(['al-a']);
    const a = p.devices[0]!;
    expect(a.status).toBe('changed');
    const unsaved = a.findings.find((f) => f.kind === 'unsaved')!;
    expect(unsaved.lines).toEqual(expect.arrayContaining([`+ snmp-server community ${SECRET_MASK} RW`, '+  description alert test port']));
    expect(a.diff).toMatchObject({ added: expect.any(Number), removed: expect.any(Number) });
    expect(a.diff!.lines).toEqual(
      expect.arrayContaining([`+snmp-server community ${SECRET_MASK} RW`, '+ description alert test port', `+ key 0 ${SECRET_MASK}`]),
    );
    // The text output says the alert went, on stderr.
    const text = await cli('backup', '--webhook', hook);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain(`alert sent: webhook ${shown} (HTTP 204)`);
    expect(text.stderr).not.toContain('PATHTOKEN');
    expect(canaries(received[1]!)).toBe(0);
  });

  it('check and ready alert too, Slack-compatible on request; an exec hook gets the JSON on stdin', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchback-alert-hook-')), 'alert.json');
    const envFile = `${file}.env`;
    const check = await cli('check', '--webhook', hook, '--webhook-format', 'slack', '--exec-hook', `cat > '${file}'; env > '${envFile}'`);
    expect(check.code).toBe(3);
    const slack = JSON.parse(received[received.length - 1]!) as { text: string };
    expect(Object.keys(slack)).toEqual(['text']);
    expect(slack.text).toContain('*switchback check*');
    expect(slack.text).toContain('*al-a* findings');
    expect(slack.text).toContain(`+ snmp-server community &lt;masked&gt; RW`);
    expect(canaries(slack.text)).toBe(0);
    const hooked = readFileSync(file, 'utf8');
    expect(canaries(hooked)).toBe(0);
    const p = JSON.parse(hooked) as AlertPayload;
    expect(p.command).toBe('check');
    expect(p.devices.find((d) => d.device === 'al-a')!.findings.map((f) => f.kind)).toContain('unsaved');
    // The hook inherits the environment, but not the variables the inventory reads the switches' secrets from.
    const hookEnv = readFileSync(envFile, 'utf8')
      .split('\n')
      .map((l) => l.split('=')[0]);
    const secretVars = [...readFileSync(inventory, 'utf8').matchAll(/env:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    expect(secretVars.length).toBeGreaterThan(0);
    for (const name of secretVars) expect(env[name], name).toBeDefined();
    for (const name of secretVars) expect(hookEnv, name).not.toContain(name);
    expect(hookEnv).toContain('NO_COLOR');

    const ready = await cli('ready', '--webhook', hook, '--json');
    expect(ready.code).toBe(3);
    const r = lastPosted();
    expect(r.command).toBe('ready');
    expect(r.summary).toMatch(/^ready: NOT READY: 1 switch/);
    expect(r.devices.find((d) => d.device === 'al-a')!.findings.map((f) => f.kind)).toContain('saved');
    expect(canaries(received[received.length - 1]!)).toBe(0);
  });

  it('a webhook that answers 500 or is not there, and a hook that exits 1, are reported; the exit code is the run’s', async () => {
    answer = 500;
    const failed = await cli(
      'check',
      '--offline',
      '--webhook',
      hook,
      '--exec-hook',
      `cat >/dev/null; echo "pager said ${CANARY}sshpass no" >&2; exit 1`,
      '--json',
    );
    answer = 204;
    expect(failed.code).toBe(3);
    const out = JSON.parse(failed.stdout) as { alerts: AlertDelivery[]; exitCode: number };
    expect(out.exitCode).toBe(3);
    expect(out.alerts).toEqual([
      expect.objectContaining({ target: 'webhook', outcome: 'failed', httpStatus: 500, detail: 'HTTP 500: receiver broke' }),
      expect.objectContaining({ target: 'exec-hook', outcome: 'failed', exitCode: 1, detail: 'exit 1', stderrTail: `pager said ${SECRET_MASK} no` }),
    ]);
    expect(failed.stderr).toMatch(
      /switchback: alert not delivered: webhook http:\/\/127\.0\.0\.1:\d+\/…: HTTP 500: receiver broke; the run's result and exit code stand/,
    );
    expect(failed.stderr).toMatch(/switchback: alert not delivered: exec-hook .*: exit 1 \(stderr: pager said <masked> no\)/);
    expect(canaries(failed.stdout + failed.stderr)).toBe(0);

    // Nobody listening: the port of a server just closed.
    const gone = createServer();
    await new Promise<void>((done) => gone.listen(0, '127.0.0.1', done));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((done) => gone.close(done));
    const refused = await cli('check', '--offline', '--webhook', `http://127.0.0.1:${port}/x`, '--quiet');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/switchback: alert not delivered: webhook http:\/\/127\.0\.0\.1:\d+\/…: ECONNREFUSED: /);
  });

  it('a bad webhook URL is a usage error before anything is contacted', async () => {
    const before = received.length;
    const run = await cli('check', '--offline', '--webhook', 'ftp://example.com/x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--webhook must be an http:// or https:// address, not ftp:');
    expect(received).toHaveLength(before);
  });

  it('a backup whose switch cannot be reached alerts with the failure (exit 1)', async () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as { devices: Record<string, unknown>[] };
    const gone = createServer();
    await new Promise<void>((done) => gone.listen(0, '127.0.0.1', done));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((done) => gone.close(done));
    doc.devices.push({ name: 'al-gone', host: '127.0.0.1', port, platform: 'cisco-ios', ...FAULTY, snmp: { ...FAULTY.snmp, port } });
    const variant = join(dir, 'with-gone.yaml');
    writeFileSync(variant, stringify(doc));
    const run = await runCli(['backup', 'al-gone', '--inventory', variant, '--backups', backups, '--webhook', hook], { env });
    expect(run.code).toBe(1);
    const p = lastPosted();
    expect(p).toMatchObject({ command: 'backup', exitCode: 1, outcome: 'failures' });
    expect(p.devices).toEqual([
      expect.objectContaining({ device: 'al-gone', status: 'failed', failure: expect.objectContaining({ stage: expect.any(String) }) }),
    ]);
  });

  it('restore --dry-run of a switch that lost its configuration alerts with the plan, masked', async () => {
    await fleet.apply('al-b', { kind: 'power-cycle', loseConfig: true });
    const run = await cli('restore', 'al-b', '--dry-run', '--webhook', hook);
    expect(run.code).toBe(3);
    const p = lastPosted();
    expect(p.command).toBe('restore');
    // The whole configuration is missing: the first MAX_LINES lines of the plan, the rest counted.
    const plan = p.devices[0]!.findings.find((f) => f.kind === 'plan')!;
    expect(plan.message).toMatch(/^would restore /);
    expect(plan.lines!.length + (plan.moreLines ?? 0)).toBeGreaterThan(100);
    expect(canaries(received[received.length - 1]!)).toBe(0);

    const recover = await cli('recover', '--dry-run', '--json', '--webhook', hook);
    expect(recover.code).toBe(3);
    expect((JSON.parse(recover.stdout) as { alerts: AlertDelivery[] }).alerts).toEqual([expect.objectContaining({ outcome: 'sent' })]);
    const r = lastPosted();
    expect(r).toMatchObject({ command: 'recover', exitCode: 3 });
    expect(r.summary).toMatch(/^recover: 1 switch to restore, a dry run/);
    expect(r.devices.find((d) => d.device === 'al-b')!.findings.map((f) => f.kind)).toContain('plan');
    expect(canaries(received[received.length - 1]!)).toBe(0);
  });

  it("the inventory's defaults set the webhook (as an env: reference) and the exec hook; flags win", async () => {
    const doc = parse(readFileSync(inventory, 'utf8')) as { defaults: Record<string, unknown> };
    const file = join(mkdtempSync(join(tmpdir(), 'switchback-alert-hook-')), 'alert.json');
    doc.defaults.webhook = 'env:ALERT_TEST_WEBHOOK';
    doc.defaults.webhookFormat = 'slack';
    doc.defaults.execHook = `cat > '${file}'`;
    const variant = join(dir, 'with-alerts.yaml');
    writeFileSync(variant, stringify(doc));
    const before = received.length;
    const run = await runCli(['check', '--offline', '--inventory', variant, '--backups', backups], { env: { ...env, ALERT_TEST_WEBHOOK: hook } });
    expect(run.code).toBe(3);
    expect(received).toHaveLength(before + 1);
    expect(Object.keys(JSON.parse(received[before]!) as object)).toEqual(['text']);
    expect((JSON.parse(readFileSync(file, 'utf8')) as AlertPayload).command).toBe('check');
    // --webhook-format on the command line wins over webhookFormat: slack.
    await runCli(['check', '--offline', '--inventory', variant, '--backups', backups, '--webhook-format', 'json'], {
      env: { ...env, ALERT_TEST_WEBHOOK: hook },
    });
    expect(lastPosted()).toMatchObject({ source: 'switchback', command: 'check' });

    // A shell without the cron job's environment (the on-call engineer's): the run goes on, the exec
    // hook still fires, and the webhook is said not to have been reached, naming the reference.
    const count = received.length;
    const oncall = await runCli(['check', '--offline', '--inventory', variant, '--backups', backups, '--json'], { env: { ...env, ALERT_TEST_WEBHOOK: '' } });
    expect(oncall.code).toBe(3);
    expect(received).toHaveLength(count);
    expect((JSON.parse(oncall.stdout) as { alerts: AlertDelivery[] }).alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: 'webhook', outcome: 'failed', detail: expect.stringMatching(/ALERT_TEST_WEBHOOK/) }),
        expect.objectContaining({ target: 'exec-hook', outcome: 'sent' }),
      ]),
    );
    expect(oncall.stderr).toMatch(/alert not delivered: webhook .*ALERT_TEST_WEBHOOK/);
  });

  it('every body the webhook received fits the JSON Schema of its format', () => {
    expect(received.length).toBeGreaterThan(8);
    for (const body of received) {
      const doc = JSON.parse(body) as object;
      expect(alertSchemaProblems(doc, 'text' in doc ? 'slack' : 'json')).toEqual([]);
    }
  });
});
