// Every command's --json, run for real on the lab, is the document its shipped JSON Schema
// (schemas/<command>.schema.json) describes, checked by ajv — a validator that is not the code
// that wrote the schema. The runs include a switch that fails, findings (unsaved, a reboot into
// a factory default), a dry-run restore and recover, and a command that stops on an error.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/cli/json-output.js';
import { runCli, startCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/json-schemas.js';
import { labRun } from '../helpers/lab-run.js';
import type { LabRun } from '../helpers/lab-run.js';

let lab: LabRun;

beforeAll(async () => {
  lab = await labRun('switchback-json-schemas-', ['js-a', 'js-b', 'js-c']);
});
afterAll(() => lab?.fleet.stop());

/** The document a run printed, checked against `schema`: exactly one JSON document on stdout, schemaVersion first. */
function valid(schema: string, run: CliRun): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not one JSON document on stdout (exit ${run.code}): ${run.stdout.slice(0, 200)} / ${run.stderr.slice(0, 400)}`);
  }
  expect(Object.keys(doc)[0]).toBe('schemaVersion');
  expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
  expect(schemaErrors(schema, doc), `${schema}: ${run.stdout.slice(0, 300)}`).toEqual([]);
  return doc;
}

describe('--json against the shipped schemas, on the lab', () => {
  it('inventory, backup (clean, then with an unsaved change and a switch that fails), history, good', async () => {
    valid('inventory', await runCli(['inventory', '--json', '--inventory', lab.inventory], { env: lab.env }));
    const first = await lab.cli('backup', '--json');
    expect(first.code, first.stderr).toBe(0);
    valid('backup', first);

    await lab.fleet.apply('js-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/5', ' description json-schema test'] });
    await lab.fleet.apply('js-c', { kind: 'fault', fault: { kind: 'refuse-auth' } });
    const second = await lab.cli('backup', '--json');
    expect(second.code).toBe(1);
    const doc = valid('backup', second) as { devices: { device: string; status: string; unsaved?: unknown }[] };
    expect(doc.devices.find((d) => d.device === 'js-c')?.status).toBe('failed');
    expect(doc.devices.find((d) => d.device === 'js-a')?.unsaved).not.toBeNull();
    await lab.fleet.apply('js-c', { kind: 'clear-faults' });

    const history = await lab.cli('history', 'js-a', '--json');
    expect(history.code).toBe(0);
    expect((valid('history', history) as { commits: unknown[] }).commits.length).toBe(2);

    const good = await lab.cli('good', 'js-a', '--reason', 'json schema test', '--json');
    expect(good.code, good.stderr).toBe(0);
    valid('good', good);
  });

  it('check live, --offline and --snmp; diff from the backups and live', async () => {
    for (const mode of [[], ['--offline'], ['--snmp']]) {
      const run = await lab.cli('check', ...mode, '--json');
      expect([0, 1, 3], `check ${mode.join(' ')}: ${run.stderr}`).toContain(run.code);
      valid('check', run);
    }
    for (const form of [[], ['--live'], ['--against', 'good']]) {
      const run = await lab.cli('diff', 'js-a', ...form, '--json');
      expect([0, 3], `diff ${form.join(' ')}: ${run.stderr}`).toContain(run.code);
      valid('diff', run);
    }
  });

  it('after a reboot into a factory default: check finds it, restore and recover plan it (dry run), restore does it, ready', async () => {
    await lab.fleet.apply('js-b', { kind: 'power-cycle', loseConfig: true });
    const check = await lab.cli('check', '--json');
    const checked = valid('check', check) as { devices: { device: string; findings: { kind: string }[] }[] };
    expect(checked.devices.find((d) => d.device === 'js-b')?.findings.map((f) => f.kind)).toContain('lost');

    const restore = await lab.cli('restore', 'js-b', '--dry-run', '--json');
    expect(restore.code, restore.stderr).toBe(3);
    expect((valid('restore', restore) as { status: string }).status).toBe('planned');

    const recover = await lab.cli('recover', '--dry-run', '--json');
    expect(recover.code, recover.stderr).toBe(3);
    expect((valid('recover', recover) as { selected: string[] }).selected).toContain('js-b');

    // And for real: verified, saved, and the backup taken after it recorded.
    const restored = await lab.cli('restore', 'js-b', '--yes', '--json');
    expect(restored.code, restored.stderr).toBe(0);
    const r = valid('restore', restored) as { status: string; recorded: { backups: unknown[] } | null };
    expect([r.status, r.recorded?.backups.length]).toEqual(['verified', 1]);

    for (const feed of [[], ['--feed', 'A']]) {
      const ready = await lab.cli('ready', ...feed, '--json');
      expect([0, 1, 3], `ready ${feed.join(' ')}: ${ready.stderr}`).toContain(ready.code);
      valid('ready', ready);
    }
  });

  it('a command stopped by an error prints the error document, a usage error too', async () => {
    const run = await lab.cli('diff', 'no-such-switch', '--json');
    expect(run.code).toBe(2);
    expect((valid('error', run) as { error: string }).error).toContain('no-such-switch');
    const usage = await lab.cli('backup', '--no-such-option', '--json');
    expect(usage.code).toBe(2);
    expect((valid('error', usage) as { error: string }).error).toContain('--no-such-option');
  });

  it('a document without a required field fails its schema (the check is not vacuous)', async () => {
    const doc = valid('backup', await lab.cli('backup', '--json')) as { devices: Record<string, unknown>[] };
    delete doc.devices[0]!.status;
    expect(schemaErrors('backup', doc)).not.toEqual([]);
    const { exitCode: _gone, ...noExit } = doc as Record<string, unknown>;
    expect(schemaErrors('backup', noExit).join('\n')).toMatch(/exitCode/);
  });

  it('lab up, status, event and feed', async () => {
    const inventory = join(mkdtempSync(join(tmpdir(), 'switchback-json-lab-')), 'lab.yaml');
    const up = await startCli(['lab', 'up', '--devices', '2', '--json', '--inventory', inventory], /\n}\n$/);
    try {
      valid('lab-up', { code: null, stdout: up.stdout(), stderr: '' });
      const status = valid('lab-status', await runCli(['lab', 'status', '--json', '--inventory', inventory])) as { switches: { name: string }[] };
      const name = status.switches[0]!.name;
      valid('lab-event', await runCli(['lab', 'event', name, 'save', '--json', '--inventory', inventory]));
      valid('lab-feed', await runCli(['lab', 'feed', 'A', 'on', '--json', '--inventory', inventory]));
    } finally {
      up.child.kill('SIGINT');
      await up.exited;
    }
  });
});
