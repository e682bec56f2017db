// The Prometheus text renderer (src/report/metrics.ts) and a run's metric families
// (src/report/run-metrics.ts): escaping, one HELP and TYPE per family with its samples
// together, what is left out, and Prometheus' own checker on the result.

import { describe, expect, it } from 'vitest';
import { escapeHelp, escapeLabelValue, formatValue, renderMetrics, sampleValue } from '../../src/report/metrics.js';
import type { MetricFamily } from '../../src/report/metrics.js';
import { runFamilies } from '../../src/report/run-metrics.js';
import type { RunFigures } from '../../src/report/run-metrics.js';
import { parseExposition, promtoolCheck, samplesOf, valueOf } from '../helpers/prometheus.js';

const gauge = (name: string, samples: MetricFamily['samples'], help = `help of ${name}`): MetricFamily => ({ name, help, type: 'gauge', samples });

describe('renderMetrics', () => {
  it('escapes label values (backslash, double quote, newline) and HELP text (backslash, newline)', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeHelp('one\\two\nthree "quoted"')).toBe('one\\\\two\\nthree "quoted"');
    const text = renderMetrics([gauge('x_y', [{ labels: { device: 'sw "core"\\1\nb' }, value: 1 }], 'a \\ help\nline')]);
    expect(text).toBe(['# HELP x_y a \\\\ help\\nline', '# TYPE x_y gauge', 'x_y{device="sw \\"core\\"\\\\1\\nb"} 1', ''].join('\n'));
    // Read back by a parser that is not the renderer, the value is the original.
    expect(parseExposition(text).samples[0]!.labels.device).toBe('sw "core"\\1\nb');
    expect(promtoolCheck(text).code).toBe(0);
  });

  it('writes each family once, HELP then TYPE then its samples together, in the order first given', () => {
    const text = renderMetrics([
      gauge('b_metric', [{ labels: { device: 'one' }, value: 1 }]),
      gauge('a_metric', [{ labels: {}, value: 2 }]),
      gauge('b_metric', [{ labels: { device: 'two' }, value: 3 }]),
    ]);
    expect(text.split('\n')).toEqual([
      '# HELP b_metric help of b_metric',
      '# TYPE b_metric gauge',
      'b_metric{device="one"} 1',
      'b_metric{device="two"} 3',
      '# HELP a_metric help of a_metric',
      '# TYPE a_metric gauge',
      'a_metric 2',
      '',
    ]);
    const types = parseExposition(text).types.map(([n]) => n);
    expect(types).toEqual([...new Set(types)]);
  });

  it('sorts label names, so the text does not depend on how the labels were built', () => {
    const a = renderMetrics([gauge('m', [{ labels: { kind: 'x', device: 'd', command: 'c' }, value: 1 }])]);
    const b = renderMetrics([gauge('m', [{ labels: { command: 'c', device: 'd', kind: 'x' }, value: 1 }])]);
    expect(a).toBe(b);
    expect(a).toContain('m{command="c",device="d",kind="x"} 1');
  });

  it('leaves out a family without samples, and renders nothing at all as an empty text', () => {
    expect(renderMetrics([gauge('empty', []), gauge('full', [{ labels: {}, value: 0 }])])).not.toContain('empty');
    expect(renderMetrics([])).toBe('');
  });

  it('refuses what Prometheus would reject: a bad metric or label name, a reserved label, the same series twice, a family typed two ways', () => {
    expect(() => renderMetrics([gauge('bad-name', [{ labels: {}, value: 1 }])])).toThrow(/metric name/);
    expect(() => renderMetrics([gauge('m', [{ labels: { 'bad-label': 'x' }, value: 1 }])])).toThrow(/label name/);
    expect(() => renderMetrics([gauge('m', [{ labels: { __name__: 'x' }, value: 1 }])])).toThrow(/label name/);
    expect(() =>
      renderMetrics([
        gauge('m', [
          { labels: { a: '1' }, value: 1 },
          { labels: { a: '1' }, value: 2 },
        ]),
      ]),
    ).toThrow(/twice/);
    expect(() => renderMetrics([gauge('m', [{ labels: {}, value: 1 }]), { ...gauge('m', [{ labels: { a: '1' }, value: 1 }]), type: 'counter' }])).toThrow(
      /different/,
    );
  });

  it('spells values as Prometheus reads them', () => {
    expect([0, 1, -0, 0.25, 1765000000.5, NaN, Infinity, -Infinity].map(formatValue)).toEqual(['0', '1', '0', '0.25', '1765000000.5', 'NaN', '+Inf', '-Inf']);
    const text = renderMetrics([
      gauge('v', [
        { labels: { k: 'nan' }, value: NaN },
        { labels: { k: 'inf' }, value: Infinity },
        { labels: { k: 'small' }, value: 1e-7 },
      ]),
    ]);
    expect(promtoolCheck(text).code).toBe(0);
  });

  it('reads back one series (sampleValue), labels in any order, escaped values included', () => {
    const labels = { command: 'backup', shard: '1/2', odd: 'a"b\\c' };
    const text = renderMetrics([
      gauge('t_seconds', [
        { labels: { command: 'backup' }, value: 5 },
        { labels, value: 1765000000 },
      ]),
    ]);
    expect(sampleValue(text, 't_seconds', { odd: 'a"b\\c', shard: '1/2', command: 'backup' })).toBe(1765000000);
    expect(sampleValue(text, 't_seconds', { command: 'backup' })).toBe(5);
    expect(sampleValue(text, 't_seconds', { command: 'check' })).toBeUndefined();
    expect(sampleValue('garbage\nt_seconds{command="backup"} notanumber\n', 't_seconds', { command: 'backup' })).toBeUndefined();
  });
});

/** A run of three devices: one fine in a stack, one unsaved, one failed that had a backup once. */
function figures(over: Partial<RunFigures> = {}): RunFigures {
  return {
    command: 'backup',
    startedAt: '2026-12-07T02:15:00.000Z',
    finishedAt: '2026-12-07T02:15:42.500Z',
    exitCode: 1,
    success: false,
    results: ['new', 'changed', 'unchanged', 'failed'],
    findingKinds: ['unsaved', 'startup-unreadable', 'stack', 'last-good-held'],
    devices: [
      {
        device: 'core-1',
        result: 'unchanged',
        success: true,
        lastSuccessAt: '2026-12-07T02:15:40.000Z',
        durationMs: 1500,
        unsaved: { unsaved: false },
        findings: ['stack'],
        stack: { ready: 2, expected: 3 },
      },
      {
        device: 'edge "2"',
        result: 'changed',
        success: true,
        lastSuccessAt: '2026-12-07T02:15:41.000Z',
        durationMs: 800,
        unsaved: { unsaved: true, lines: { added: 3, removed: 1 } },
        findings: ['unsaved'],
      },
      { device: 'edge-3', result: 'failed', success: false, lastSuccessAt: '2026-12-06T02:15:00.000Z', durationMs: 30000, findings: [] },
      { device: 'never', result: 'failed', success: false, lastSuccessAt: null, durationMs: 10, findings: [] },
    ],
    ...over,
  };
}

describe('runFamilies', () => {
  it("passes Prometheus' checker, every family prefixed switchback_, typed once, with HELP", () => {
    const text = renderMetrics(runFamilies(figures({ labels: { shard: '1/2' }, lastSuccessAt: 1765000000 })));
    const check = promtoolCheck(text);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    const parsed = parseExposition(text);
    const names = parsed.types.map(([n]) => n);
    expect(names).toEqual([...new Set(names)]);
    for (const n of names) expect(n).toMatch(/^switchback_/);
    for (const n of names) expect(parsed.helps.get(n)).toBeTruthy();
    for (const s of parsed.samples) expect(s.labels).toMatchObject({ command: 'backup', shard: '1/2' });
  });

  it('says per device what a user alerts on: last success (0 when never), unsaved only where known, findings by kind, stack members', () => {
    const p = parseExposition(renderMetrics(runFamilies(figures())));
    expect(valueOf(p, 'switchback_device_last_success_timestamp_seconds', { device: 'edge-3' })).toBe(Date.parse('2026-12-06T02:15:00Z') / 1000);
    expect(valueOf(p, 'switchback_device_last_success_timestamp_seconds', { device: 'never' })).toBe(0);
    expect(valueOf(p, 'switchback_device_success', { device: 'edge-3' })).toBe(0);
    expect(valueOf(p, 'switchback_device_success', { device: 'core-1' })).toBe(1);
    expect(valueOf(p, 'switchback_device_unsaved', { device: 'edge "2"' })).toBe(1);
    expect(valueOf(p, 'switchback_device_unsaved', { device: 'core-1' })).toBe(0);
    expect(samplesOf(p, 'switchback_device_unsaved', { device: 'edge-3' })).toEqual([]);
    expect(valueOf(p, 'switchback_device_unsaved_lines', { device: 'edge "2"', change: 'added' })).toBe(3);
    expect(valueOf(p, 'switchback_device_unsaved_lines', { device: 'edge "2"', change: 'removed' })).toBe(1);
    expect(valueOf(p, 'switchback_device_findings', { device: 'core-1', kind: 'stack' })).toBe(1);
    expect(samplesOf(p, 'switchback_device_findings', { device: 'core-1', kind: 'unsaved' })).toEqual([]);
    expect(valueOf(p, 'switchback_device_stack_members_ready', { device: 'core-1' })).toBe(2);
    expect(valueOf(p, 'switchback_device_stack_members_expected', { device: 'core-1' })).toBe(3);
    expect(valueOf(p, 'switchback_device_duration_seconds', { device: 'edge-3' })).toBe(30);
  });

  it('gives the run totals, zeros included: devices by result and by finding kind, start, duration, exit code, success', () => {
    const p = parseExposition(renderMetrics(runFamilies(figures())));
    expect(valueOf(p, 'switchback_run_devices', { result: 'failed' })).toBe(2);
    expect(valueOf(p, 'switchback_run_devices', { result: 'new' })).toBe(0);
    expect(valueOf(p, 'switchback_run_devices_with_findings', { kind: 'unsaved' })).toBe(1);
    expect(valueOf(p, 'switchback_run_devices_with_findings', { kind: 'last-good-held' })).toBe(0);
    expect(valueOf(p, 'switchback_run_start_timestamp_seconds')).toBe(Date.parse('2026-12-07T02:15:00Z') / 1000);
    expect(valueOf(p, 'switchback_run_duration_seconds')).toBe(42.5);
    expect(valueOf(p, 'switchback_run_exit_code')).toBe(1);
    expect(valueOf(p, 'switchback_run_success')).toBe(0);
    // Not known (no earlier success carried over): left out, not 0.
    expect(samplesOf(p, 'switchback_run_last_success_timestamp_seconds')).toEqual([]);
  });
});
