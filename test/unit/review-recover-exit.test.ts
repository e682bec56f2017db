// Review (h-review): recover's exit code against README ("0 every switch that needed it is
// verified and saved"). A verified restore that was not saved is a finding (3), as restore
// counts it: a power loss would undo it.
import { describe, expect, it } from 'vitest';
import { exitCodeOfRecover } from '../../src/cli/recover.js';
import type { RecoverRun } from '../../src/jobs/recover.js';

const restore = (save: object) =>
  ({
    device: 'a',
    mode: 'commit-confirmed',
    target: { label: 'last good', commit: null },
    durationMs: 1,
    status: 'verified',
    plan: { add: 1, remove: 0, lines: [], unremovable: [] },
    push: { typed: 1, of: 1, rejected: [], skipped: [] },
    verification: { same: true, missing: [], leftOver: [], unremovable: [] },
    save,
  }) as never;

const run = (save: object): RecoverRun =>
  ({
    startedAt: '',
    finishedAt: '',
    dryRun: false,
    check: {} as never,
    selected: ['a'],
    restores: [restore(save)],
    notRestored: [],
    recorded: null,
    declined: false,
  }) as RecoverRun;

describe('review: recover exit code', () => {
  it('verified and saved: 0', () => expect(exitCodeOfRecover(run({ state: 'saved' }))).toBe(0));
  it('verified, not saved (--no-save; a commit left to roll back): not 0', () => {
    expect(exitCodeOfRecover(run({ state: 'not-saved', why: 'no-save', rollsBack: 'the switch rolls back … within 5 min' }))).not.toBe(0);
  });
  it('verified, not saved (--no-save): findings, 3', () => expect(exitCodeOfRecover(run({ state: 'not-saved', why: 'no-save', confirmed: true }))).toBe(3));
  it('verified, the save failed: 1', () => expect(exitCodeOfRecover(run({ state: 'failed', reason: 'x' }))).toBe(1));
});
