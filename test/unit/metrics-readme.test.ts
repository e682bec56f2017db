// The README's "Metrics" section against the code: every metric a run writes is in its table
// (and nothing else is), and its alert rules are rules Prometheus accepts (`promtool check rules`).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFamilies } from '../../src/report/run-metrics.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const section = README.slice(README.indexOf('\n## Metrics\n'), README.indexOf('\n## ', README.indexOf('\n## Metrics\n') + 1));

describe('README: Metrics', () => {
  it('names every metric a run writes, and only those', () => {
    const families = runFamilies({
      command: 'backup',
      startedAt: '2026-12-07T02:15:00Z',
      finishedAt: '2026-12-07T02:16:00Z',
      exitCode: 0,
      success: true,
      results: [],
      findingKinds: [],
      devices: [],
    }).map((f) => f.name);
    const documented = [...section.matchAll(/^\| `(switchback_[a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...families].sort());
  });

  it('gives alert rules that promtool accepts, on the metrics it documents', () => {
    const rules = /```yaml\n(groups:\n[\s\S]*?)```/.exec(section)?.[1];
    expect(rules).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), 'switchback-rules-')), 'rules.yml');
    writeFileSync(file, rules!);
    const run = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    if (run.error) throw new Error(`promtool could not be run (${run.error.message}): install Debian's prometheus package`);
    expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS: 2 rules found');
    expect(run.status).toBe(0);
    for (const name of rules!.match(/switchback_[a-z_]+/g) ?? []) expect(section).toContain(`| \`${name}\` |`);
  });
});
