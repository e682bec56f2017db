// The alert's payload (src/report/alert.ts) and its Slack text (src/report/slack.ts), from
// run results as the jobs return them: it fires on failures and findings only, lists the
// devices worth a look with their findings, failures and diff, masks every line with the
// platform's patterns (every platform's when the platform is unknown) and replaces the
// inventory's secret values wherever they occur.

import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/normalise.js';
import type { BackupRun, DeviceOutcome } from '../../src/jobs/backup-result.js';
import type { CheckRun, CheckedDevice } from '../../src/jobs/check.js';
import type { ReadyRun } from '../../src/jobs/ready.js';
import { compareConfigs } from '../../src/jobs/diff.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import { alertFires, buildAlert, MAX_LINES, scrubbed } from '../../src/report/alert.js';
import type { AlertContext, AlertDiff } from '../../src/report/alert.js';
import { hunkLines } from '../../src/report/changes.js';
import { hookLabel } from '../../src/report/exec-hook.js';
import { SLACK_TEXT_LIMIT, slackMessage } from '../../src/report/slack.js';
import { alertSchemaProblems } from '../helpers/alert-schema.js';

const ctx = (exitCode: number, over: Partial<AlertContext> = {}): AlertContext => ({
  exitCode,
  host: 'backup-host',
  platformOf: () => ciscoIos,
  secretValues: [],
  ...over,
});

const ok = (device: string, over: Partial<Exclude<DeviceOutcome, { status: 'failed' }>> = {}): DeviceOutcome => ({
  device,
  durationMs: 5,
  status: 'unchanged',
  unsaved: null,
  noStartup: false,
  stack: null,
  lastGood: 'same',
  ...over,
});

const run = (devices: DeviceOutcome[], commit: string | null = 'a'.repeat(40)): BackupRun => ({
  startedAt: '2026-12-07T02:15:00.000Z',
  finishedAt: '2026-12-07T02:16:00.000Z',
  devices,
  commit,
  notes: [],
});

const OLD = ['hostname SW1', 'snmp-server community OldCommunity1 RO', 'interface Gi1/0/1', ' description uplink', 'end', ''].join('\n');
const NEW = ['hostname SW1', 'snmp-server community NewCommunity2 RO', 'interface Gi1/0/1', ' description uplink to core', 'end', ''].join('\n');

function changedDiff(): AlertDiff {
  // As changes.ts makes it, but with the secrets shown: the alert must mask them all the same.
  const d = compareConfigs(ciscoIos, OLD, NEW, { context: 2, showSecrets: true });
  return { from: 'bbbbbbb', to: 'aaaaaaa', added: d.added, removed: d.removed, lines: hunkLines(d.hunks) };
}

describe('when an alert fires', () => {
  it('on failures (1) and findings (3), never on a clean run (0) or a bad invocation (2)', () => {
    expect([0, 1, 2, 3].map(alertFires)).toEqual([false, true, false, true]);
    expect(buildAlert({ command: 'backup', run: run([ok('sw1')]), diffs: new Map() }, ctx(0))).toBeNull();
  });
});

describe('a backup alert', () => {
  const devices: DeviceOutcome[] = [
    ok('sw1', {
      status: 'changed',
      unsaved: {
        added: ['enable secret 9 $9$UnsavedSecret', 'interface Gi1/0/2', ' description new port'],
        removed: ['username old secret 0 RemovedSecret'],
        counts: { added: 2, removed: 1 },
      },
    }),
    { device: 'sw2', durationMs: 9, status: 'failed', stage: 'auth', reason: 'the login was refused for user netops with password Hunter2Pass' },
    ok('sw3'),
  ];
  const payload = buildAlert({ command: 'backup', run: run(devices), diffs: new Map([['sw1', changedDiff()]]) }, ctx(1, { secretValues: ['Hunter2Pass'] }))!;
  const text = JSON.stringify(payload);

  it('fits the JSON Schema a receiver gets', () => {
    expect(alertSchemaProblems(payload)).toEqual([]);
    expect(alertSchemaProblems(slackMessage(payload), 'slack')).toEqual([]);
    // The schema is a real check: an unknown field or a clean run's exit code does not fit.
    expect(alertSchemaProblems({ ...payload, extra: 1 })).not.toEqual([]);
    expect(alertSchemaProblems({ ...payload, exitCode: 0 })).not.toEqual([]);
  });

  it('says what ran, where, and the summary of the commit', () => {
    expect(payload).toMatchObject({ source: 'switchback', version: 1, command: 'backup', host: 'backup-host', exitCode: 1, outcome: 'failures' });
    expect(payload.summary).toBe(`backup: 1 changed, 1 unsaved, 1 failed of 3; committed ${'a'.repeat(12)}`);
  });

  it('lists the devices with something to say, and counts the others', () => {
    expect(payload.devices.map((d) => d.device)).toEqual(['sw1', 'sw2']);
    expect(payload.unlisted).toBe(1);
    expect(payload.devices[1]).toMatchObject({ device: 'sw2', status: 'failed', failure: { stage: 'auth' }, findings: [] });
  });

  it('carries the unsaved lines and the diff since the previous commit, masked', () => {
    const sw1 = payload.devices[0]!;
    expect(sw1.findings[0]).toMatchObject({
      kind: 'unsaved',
      lines: [`+ enable secret 9 ${SECRET_MASK}`, '+ interface Gi1/0/2', '+  description new port', `- username old secret 0 ${SECRET_MASK}`],
    });
    expect(sw1.diff).toMatchObject({ from: 'bbbbbbb', to: 'aaaaaaa', added: 2, removed: 2 });
    expect(sw1.diff!.lines).toContain(`-snmp-server community ${SECRET_MASK} RO`);
    expect(sw1.diff!.lines).toContain(`+snmp-server community ${SECRET_MASK} RO`);
    expect(sw1.diff!.lines).toContain('+ description uplink to core');
    expect(sw1.diff!.lines[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
  });

  it('holds no secret: neither a configuration secret nor an inventory value quoted in a reason', () => {
    for (const s of ['UnsavedSecret', 'RemovedSecret', 'OldCommunity1', 'NewCommunity2', 'Hunter2Pass']) expect(text).not.toContain(s);
    expect(payload.devices[1]!.failure!.reason).toBe(`the login was refused for user netops with password ${SECRET_MASK}; previous backup kept`);
  });

  it('masks with every platform when the device platform is not known', () => {
    const unknown = buildAlert({ command: 'backup', run: run(devices), diffs: new Map([['sw1', changedDiff()]]) }, ctx(1, { platformOf: () => undefined }))!;
    expect(JSON.stringify(unknown)).not.toMatch(/UnsavedSecret|RemovedSecret|OldCommunity1|NewCommunity2/);
  });

  it('cuts a long list of lines and counts the rest', () => {
    const many = Array.from({ length: MAX_LINES + 50 }, (_, i) => `interface Gi1/0/${i}`);
    const p = buildAlert(
      { command: 'backup', run: run([ok('sw9', { unsaved: { added: many, removed: [], counts: { added: many.length, removed: 0 } } })]), diffs: new Map() },
      ctx(3),
    )!;
    expect(p.devices[0]!.findings[0]!.lines).toHaveLength(MAX_LINES);
    expect(p.devices[0]!.findings[0]!.moreLines).toBe(50);
  });
});

describe('a check alert', () => {
  const device = (name: string, over: Partial<CheckedDevice>): CheckedDevice => ({
    device: name,
    status: 'ok',
    findings: [],
    notes: [],
    checkedVia: ['snmp'],
    platform: 'cisco-ios',
    uptimeSeconds: 100,
    reboot: null,
    stack: null,
    pair: null,
    lastBackupAt: null,
    comparedWith: null,
    durationMs: 3,
    ...over,
  });
  const check: CheckRun = {
    mode: 'live',
    maxAgeSeconds: 93600,
    startedAt: '2026-12-07T03:00:00.000Z',
    finishedAt: '2026-12-07T03:00:05.000Z',
    devices: [
      device('sw1', {
        status: 'findings',
        findings: [{ kind: 'unsaved', message: 'running differs from startup', lines: ['+ snmp-server community Plain3 RO'] }],
      }),
      device('sw2', { status: 'unreachable', findings: [{ kind: 'unreachable', message: 'connect: connection refused' }] }),
      device('sw3', {}),
    ],
    counts: {
      total: 3,
      ok: 1,
      withFindings: 1,
      unreachable: 1,
      overSnmp: 3,
      overSsh: 1,
      byKind: {
        unreachable: 1,
        rebooted: 0,
        lost: 0,
        'lost-unsaved': 0,
        unsaved: 1,
        'startup-unreadable': 0,
        stack: 0,
        'pair-peer-lost': 0,
        'pair-link-down': 0,
        stale: 0,
      },
    },
  };
  const payload = buildAlert({ command: 'check', run: check }, ctx(1))!;

  it('has the findings with their lines masked, and the unreachable switch as a failure', () => {
    expect(alertSchemaProblems(payload)).toEqual([]);
    expect(payload.summary).toBe('check (live): 3 devices, 1 ok, 1 with findings (1 unreachable, 1 unsaved), 1 unreachable');
    expect(payload.devices).toEqual([
      {
        device: 'sw1',
        status: 'findings',
        findings: [{ kind: 'unsaved', message: 'running differs from startup', lines: [`+ snmp-server community ${SECRET_MASK} RO`] }],
      },
      { device: 'sw2', status: 'unreachable', failure: { stage: 'unreachable', reason: 'connect: connection refused' }, findings: [] },
    ]);
    expect(payload.unlisted).toBe(1);
  });

  it('as Slack text: escaped, code blocks for the lines, within the limit', () => {
    const { text } = slackMessage(payload);
    expect(text).toContain('*switchback check* on backup-host: failures (exit 1)');
    expect(text).toContain('*sw2* unreachable\n• failed (unreachable): connect: connection refused');
    expect(text).toContain(`\`\`\`\n+ snmp-server community &lt;masked&gt; RO\n\`\`\``);
    expect(text).not.toContain('<masked>');
    expect(text).not.toContain('Plain3');
  });
});

describe('Slack text of a large alert', () => {
  it('is cut at whole lines with its code block closed, and says where the rest is', () => {
    const many = Array.from({ length: MAX_LINES }, (_, i) => `interface GigabitEthernet1/0/${i}`);
    const devices = Array.from({ length: 5 }, (_, i) => ok(`sw${i}`, { unsaved: { added: many, removed: [], counts: { added: many.length, removed: 0 } } }));
    const { text } = slackMessage(buildAlert({ command: 'backup', run: run(devices), diffs: new Map() }, ctx(3))!);
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_LIMIT);
    expect(text.split('\n').filter((l) => l === '```').length % 2).toBe(0);
    expect(text).toMatch(/_… \d+ more lines: the JSON format \(--webhook-format json\) or --exec-hook carries everything_$/);
  });
});

describe('scrubbed', () => {
  it('replaces every secret value in every string, the longest first', () => {
    expect(scrubbed({ a: ['x pass123 y', { b: 'pass123456' }], n: 3 }, ['pass123', 'pass123456', ''])).toEqual({
      a: [`x ${SECRET_MASK} y`, { b: SECRET_MASK }],
      n: 3,
    });
  });
});

describe('ready, restore and recover alerts', () => {
  const plan = { add: 2, remove: 1, lines: ['+ enable secret 9 $9$PlanSecret', '+ interface Gi1/0/9', '- snmp-server community PlanComm RO'], unremovable: [] };
  const target = { label: 'good (last-good.cfg)', commit: 'c'.repeat(40) };

  it('a restore that did not verify is a failure at verify, with the lines that differ, masked', () => {
    const p = buildAlert(
      {
        command: 'restore',
        result: {
          device: 'sw1',
          mode: 'merge',
          target,
          durationMs: 1500,
          status: 'not-verified',
          plan,
          push: { typed: 3, of: 3, rejected: [{ line: 'username x secret 0 RejectedSecret', error: '% Invalid input' }], skipped: [] },
          verification: { same: false, missing: ['snmp-server community MissingComm RO'], leftOver: [], unremovable: [] },
          save: { state: 'not-saved', why: 'not-verified' },
        },
        recorded: null,
        startedAt: '2026-12-07T04:00:00.000Z',
        finishedAt: '2026-12-07T04:00:01.500Z',
      },
      ctx(1),
    )!;
    expect(alertSchemaProblems(p)).toEqual([]);
    expect(p.summary).toBe('restore sw1 from good (last-good.cfg) (merge): failed at verify');
    const d = p.devices[0]!;
    expect(d.failure).toEqual({ stage: 'verify', reason: `restored good (last-good.cfg) (ccccccc), and what it runs now is not the target` });
    expect(d.findings).toEqual([
      { kind: 'not-verified', message: '1 target line missing, 0 lines left over', lines: [`- snmp-server community ${SECRET_MASK} RO`] },
      { kind: 'rejected', message: '1 line refused by the switch', lines: [`username x secret 0 ${SECRET_MASK}`, '  % Invalid input'] },
    ]);
    expect(JSON.stringify(p)).not.toMatch(/RejectedSecret|MissingComm/);
  });

  it('a dry-run restore with a plan is a finding with the plan, masked', () => {
    const p = buildAlert(
      {
        command: 'restore',
        result: { device: 'sw1', mode: 'merge', target, durationMs: 5, status: 'planned', plan },
        recorded: null,
        startedAt: 'a',
        finishedAt: 'b',
      },
      ctx(3),
    )!;
    expect(p.devices[0]!.findings).toEqual([
      {
        kind: 'plan',
        message: 'would restore good (last-good.cfg) (ccccccc): +2/-1 lines (a dry run: nothing typed)',
        lines: [`+ enable secret 9 ${SECRET_MASK}`, '+ interface Gi1/0/9', `- snmp-server community ${SECRET_MASK} RO`],
      },
    ]);
  });

  it('ready: a switch not checked is a failure, the items that warn or fail are findings', () => {
    const ready: ReadyRun = {
      feed: 'A',
      maxAgeSeconds: 86400,
      startedAt: 's',
      finishedAt: 'f',
      recorded: null,
      verdict: { ready: false, notReady: 2, unchecked: 1, problems: 2, warnings: 1, saveFailures: 0 },
      devices: [
        {
          device: 'sw1',
          status: 'not-ready',
          notes: [],
          durationMs: 1,
          items: [
            { item: 'reachable', state: 'pass', reason: 'SSH and SNMP answer' },
            { item: 'saved', state: 'fail', reason: 'unsaved', lines: ['+ snmp-server community ReadyComm RO'] },
            { item: 'power', state: 'warn', reason: 'failover: member 2 takes over' },
          ],
        },
        { device: 'sw2', status: 'unchecked', notes: [], durationMs: 1, items: [{ item: 'reachable', state: 'fail', reason: 'connect: refused' }] },
        { device: 'sw3', status: 'ready', notes: [], durationMs: 1, items: [{ item: 'reachable', state: 'pass', reason: 'ok' }] },
      ],
    };
    const p = buildAlert({ command: 'ready', run: ready }, ctx(1))!;
    expect(alertSchemaProblems(p)).toEqual([]);
    expect(p.summary).toBe('ready: NOT READY for losing feed A: 2 switches, 2 problems; 1 could not be checked');
    expect(p.devices).toEqual([
      {
        device: 'sw1',
        status: 'not-ready',
        findings: [
          { kind: 'saved', message: 'fail: unsaved', lines: [`+ snmp-server community ${SECRET_MASK} RO`] },
          { kind: 'power', message: 'warn: failover: member 2 takes over' },
        ],
      },
      { device: 'sw2', status: 'unchecked', failure: { stage: 'reachable', reason: 'connect: refused' }, findings: [] },
    ]);
    expect(p.unlisted).toBe(1);
  });
});

describe('the exec hook as printed', () => {
  it('is its program only: the rest of a command line may carry a token', () => {
    expect(hookLabel("curl -H 'Authorization: Bearer T0KEN' https://x")).toBe('curl …');
    expect(hookLabel('/usr/local/bin/page-noc')).toBe('/usr/local/bin/page-noc');
  });

  it('never shows the value of a variable set in front of the program (the usual way to hand a script its token)', () => {
    expect(hookLabel('PD_TOKEN=s3cr3t /usr/local/bin/page-noc')).toBe('PD_TOKEN=… /usr/local/bin/page-noc');
    expect(hookLabel('A=1 B=s3cr3t page --now')).toBe('A=… B=… page …');
    expect(hookLabel('TOKEN=s3cr3t')).toBe('TOKEN=…');
    expect(hookLabel("TOKEN='s3c r3t' page")).toBe('TOKEN=… …');
  });
});
