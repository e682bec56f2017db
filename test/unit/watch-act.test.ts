// What the alert says a restore did: restored, verified, saved — or where it stopped.

import { describe, expect, it } from 'vitest';
import type { DeviceRestore } from '../../src/jobs/restore.js';
import { restoreWords } from '../../src/watch/act.js';

// The label as resolveTarget writes it: it names its commit.
const common = { device: 'sw-1', mode: 'merge', target: { label: 'last good (abcdef1)', commit: 'abcdef1234567890' }, durationMs: 12_345 };
const r = (over: object) => ({ ...common, ...over }) as unknown as DeviceRestore;

describe('restore words', () => {
  it('verified and saved: restored', () => {
    expect(restoreWords(r({ status: 'verified', save: { state: 'saved' } }))).toEqual({
      outcome: 'restored',
      detail: 'restored last good (abcdef1), verified, saved in 12.3 s',
    });
  });

  it('verified, save failed: failed, and says it is not saved', () => {
    expect(restoreWords(r({ status: 'verified', save: { state: 'failed', reason: 'write memory refused' } }))).toEqual({
      outcome: 'failed',
      detail: 'restored last good (abcdef1) and verified, NOT saved (write memory refused)',
    });
  });

  it('not verified, or failed at a stage: failed, with where', () => {
    expect(restoreWords(r({ status: 'not-verified' })).detail).toBe('restored last good (abcdef1), NOT verified: what it runs now is not the target');
    expect(restoreWords(r({ status: 'failed', stage: 'connect', reason: 'connection refused' }))).toEqual({
      outcome: 'failed',
      detail: 'restore of last good (abcdef1) failed at connect: connection refused',
    });
  });
});
