// The checkpoint-rollback strategy (jobs/strategies/checkpoint-rollback.ts) against a scripted
// switch, for what the lab cannot easily show: a checkpoint the switch does not confirm stops the
// run before anything is typed; a rollback that itself fails is said, and what is left on the
// switch (the checkpoint to put back by hand) is named; nothing to change takes no checkpoint.
// The lab story (refused and dropped lines rolled back for real) is test/lab/nxos-incident.test.ts.

import { describe, expect, it } from 'vitest';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { chooseStrategy } from '../../src/jobs/restore.js';
import { checkpointRollback } from '../../src/jobs/strategies/checkpoint-rollback.js';
import { RestoreFailure } from '../../src/jobs/strategies/types.js';
import type { PushReport } from '../../src/jobs/strategies/types.js';
import { ciscoNxos } from '../../src/platforms/cisco-nxos/index.js';
import type { CheckpointRollbackStrategy, PlatformConfigure } from '../../src/platforms/platform.js';
import type { Typed, TypingDialect } from '../../src/transport/cli-engine.js';

const CR = ciscoNxos.restore.find((s) => s.kind === 'checkpoint-rollback') as CheckpointRollbackStrategy;
const MERGE = ciscoNxos.restore.find((s) => s.kind === 'line-merge') as { kind: 'line-merge'; configure: PlatformConfigure };

const RUNNING = '\n!Command: show running-config\n!Time: Mon Dec  1 14:37:04 2025\n\nversion 10.4(5)\nhostname a\nvlan 10\n  name users\nline vty\n';
const TARGET = 'version 10.4(5)\nhostname b\nvlan 10\n  name users\nline vty\n';

/** A switch that answers typed lines from `answers` (by the start of the line), and prints `running` for show running-config. */
function scripted(answers: [RegExp, string][]) {
  const typed: string[] = [];
  let inConfig = false;
  const shell: DeviceShell = {
    engine: {
      info: { hostname: 'a', prompt: 'a#' },
      run: async () => RUNNING,
      type: async (lines: string[], d: TypingDialect): Promise<Typed> => {
        const line = lines[0]!;
        typed.push(line);
        if (line === 'configure terminal') inConfig = true;
        if (line === 'end') inConfig = false;
        const output = answers.find(([re]) => re.test(line))?.[1] ?? '';
        const error = output.split('\n').find((l) => d.errors.some((re) => re.test(l)));
        return { output, prompt: inConfig ? 'a(config)# ' : 'a# ', ...(error ? { error } : {}) };
      },
    },
    hostKey: { algo: 'ssh-ed25519', base64: '' },
    exec: async () => ({ code: 0, stdout: '', stderr: '' }),
    options: {},
    deadline: Date.now() + 60_000,
    close: () => undefined,
  };
  return { shell, typed };
}

const ctx = (shell: DeviceShell) => ({ shell, device: { name: 'a' } as never, platform: ciscoNxos, target: TARGET, longStepMs: 60_000 });
const push = (of: number): PushReport => ({ typed: 0, of, rejected: [], skipped: [] });

describe('checkpoint-rollback', () => {
  it('is the platform’s default restore, chosen by its name too', () => {
    expect(chooseStrategy(ciscoNxos, undefined)).toBe(CR);
    expect(chooseStrategy(ciscoNxos, 'checkpoint-rollback')).toBe(CR);
    expect(chooseStrategy(ciscoNxos, 'merge')).toBe(MERGE);
  });

  it('the dry run is the line-merge plan; nothing is typed', async () => {
    const { shell, typed } = scripted([]);
    const run = checkpointRollback(ctx(shell), CR, MERGE.configure);
    const { plan, changes } = await run.plan(RUNNING);
    expect(changes).toBe(1);
    expect(plan.lines).toEqual(['+ hostname b']);
    await run.abandon();
    expect(typed).toEqual([]);
  });

  it('a checkpoint the switch does not confirm: stopped before anything is typed', async () => {
    const { shell, typed } = scripted([[/^checkpoint /, 'ERROR: Maximum number of checkpoints reached']]);
    const run = checkpointRollback(ctx(shell), CR, MERGE.configure);
    await run.plan(RUNNING);
    const err = await run.apply(push(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreFailure);
    expect((err as RestoreFailure).message).toMatch(
      /^taking checkpoint switchback-[0-9a-f]{8}: the switch refused it \(ERROR: Maximum number of checkpoints reached\)$/,
    );
    expect(typed).toEqual([typed[0]]);
    expect(typed[0]).toMatch(/^checkpoint switchback-[0-9a-f]{8}$/);
    expect(run.pending?.()).toBeUndefined();
  });

  it('a refused line whose rollback fails too: both said, and the checkpoint to put back by hand named', async () => {
    const { shell, typed } = scripted([
      [/^checkpoint /, '.......Done'],
      [/^hostname /, "% Invalid command at '^' marker."],
      [/^rollback /, 'Rollback failed.'],
    ]);
    const run = checkpointRollback(ctx(shell), CR, MERGE.configure);
    await run.plan(RUNNING);
    const p = push(1);
    const err = (await run.apply(p).catch((e: unknown) => e)) as RestoreFailure;
    expect(err.stage).toBe('push');
    expect(err.message).toMatch(/^1 line\(s\) refused; rolling back to checkpoint (switchback-[0-9a-f]{8}): the switch refused it \(Rollback failed\.\)$/);
    const name = /checkpoint (switchback-[0-9a-f]{8})/.exec(err.message)![1]!;
    expect(typed).toEqual([`checkpoint ${name}`, 'configure terminal', 'hostname b', 'end', `rollback running-config checkpoint ${name} atomic`]);
    expect(p.rejected).toEqual([{ line: '+ hostname b', error: "% Invalid command at '^' marker." }]);
    expect(run.pending?.()).toBe(
      `checkpoint ${name} on the switch holds the configuration from before the restore (put it back with: rollback running-config checkpoint ${name} atomic)`,
    );
  });

  it('nothing to change: no checkpoint is taken', async () => {
    const { shell, typed } = scripted([]);
    const run = checkpointRollback({ ...ctx(shell), target: 'version 10.4(5)\nhostname a\nvlan 10\n  name users\nline vty\n' }, CR, MERGE.configure);
    expect((await run.plan(RUNNING)).changes).toBe(0);
    await run.apply(push(0));
    expect(await run.confirm?.()).toBe(false);
    expect(typed).toEqual([]);
  });
});
