// The watch's alert: the device, the events, the diagnosis and the recover outcome, masked
// like every alert, and valid against the shipped schema.

import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/normalise.js';
import type { CheckedDevice } from '../../src/jobs/check.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import { buildAlert } from '../../src/report/alert.js';
import type { AlertContext } from '../../src/report/alert.js';
import { slackMessage } from '../../src/report/slack.js';
import { alertSchemaProblems } from '../helpers/alert-schema.js';
import { checkedDevice } from '../helpers/watch-fixtures.js';

const ctx = (exitCode: number, over: Partial<AlertContext> = {}): AlertContext => ({
  exitCode,
  host: 'watch-host',
  platformOf: () => ciscoIos,
  secretValues: [],
  ...over,
});

const checked: CheckedDevice = checkedDevice({
  findings: [
    { kind: 'rebooted', message: 'rebooted at 2026-12-07T20:00:00Z (30 s ago; snmpEngineBoots 3 → 4)' },
    {
      kind: 'lost',
      message: 'lost: running-config is a factory default: 3 lines of last-good.cfg missing',
      lines: ['snmp-server community Secret123 RO', 'hostname SW-1', 'vlan 10'],
      cause: 'factory-default',
    },
  ],
  durationMs: 1200,
});

const base = {
  command: 'watch' as const,
  device: 'sw-1',
  events: [{ kind: 'reload', source: 'trap', detail: 'trap 1.3.6.1.6.3.1.1.5.1 (coldStart)', at: Date.parse('2026-12-07T20:00:05Z') }],
  checked,
  diagnosis: ['rebooted at 2026-12-07T20:00:00Z (engine-boots)', 'lost: factory default, 3 lines missing (first: snmp-server community Secret123 RO)'],
  startedAt: '2026-12-07T20:00:05.000Z',
  finishedAt: '2026-12-07T20:00:20.000Z',
};

describe('watch alert', () => {
  it('names the device and the diagnosis in the summary; lines masked; valid against the schema', () => {
    const p = buildAlert(base, ctx(3))!;
    expect(p.command).toBe('watch');
    expect(p.summary).toMatch(/^watch: sw-1: rebooted at .*; lost: factory default, 3 lines missing/);
    expect(p.devices.map((d) => d.device)).toEqual(['sw-1']);
    expect(p.watch?.events).toEqual([{ kind: 'reload', source: 'trap', detail: 'trap 1.3.6.1.6.3.1.1.5.1 (coldStart)', at: '2026-12-07T20:00:05.000Z' }]);
    // The first missing line is a community: masked in the diagnosis as in the finding's lines.
    expect(JSON.stringify(p)).not.toContain('Secret123');
    expect(p.watch?.diagnosis[1]).toContain(SECRET_MASK);
    expect(alertSchemaProblems(p)).toEqual([]);
    expect(slackMessage(p).text).toContain('sw-1');
  });

  it('ask: the exact command; restored: the outcome; a device that never answered: a failure', () => {
    const asked = buildAlert(
      {
        ...base,
        recover: {
          outcome: 'asked',
          detail: 'not restored automatically (--recover ask); to restore: switchback recover sw-1',
          command: 'switchback recover sw-1',
        },
      },
      ctx(3),
    )!;
    expect(asked.watch?.recover).toEqual({
      outcome: 'asked',
      detail: expect.stringContaining('to restore: switchback recover sw-1'),
      command: 'switchback recover sw-1',
    });
    expect(asked.summary).toContain('to restore: switchback recover sw-1');
    expect(alertSchemaProblems(asked)).toEqual([]);

    const gone = buildAlert(
      {
        ...base,
        checked: null,
        failure: { stage: 'answer', reason: 'sw-1 did not answer within 900 s' },
        diagnosis: ['did not answer again: did not answer within 900 s'],
      },
      ctx(1),
    )!;
    expect(gone.outcome).toBe('failures');
    expect(gone.devices[0]).toMatchObject({ device: 'sw-1', status: 'unreachable', failure: { stage: 'answer' } });
    expect(alertSchemaProblems(gone)).toEqual([]);
  });
});
