// The settle window: the first event opens it, each event extends it by the quiet time, never
// past the maximum from the first; an event during a check makes the device go round again.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTLE, QUIET, settleDue, settleEvent, settleFinish, settleTake, settleWait } from '../../src/watch/settle.js';
import type { SettleState } from '../../src/watch/settle.js';

const cfg = { quietMs: 5_000, maxMs: 60_000 };

describe('settle window', () => {
  it('defaults to 5 s quiet, 60 s at most', () => {
    expect(DEFAULT_SETTLE).toEqual(cfg);
  });

  it('opens on the first event and is due after the quiet time', () => {
    const s = settleEvent(QUIET, 1_000, cfg);
    expect(s).toMatchObject({ phase: 'settling', firstAt: 1_000, dueAt: 6_000, events: 1 });
    expect(settleDue(s, 5_999)).toBe(false);
    expect(settleDue(s, 6_000)).toBe(true);
    expect(settleWait(s, 2_000)).toBe(4_000);
  });

  it('each event extends it by the quiet time', () => {
    let s = settleEvent(QUIET, 0, cfg);
    s = settleEvent(s, 3_000, cfg);
    s = settleEvent(s, 7_000, cfg);
    expect(s).toMatchObject({ dueAt: 12_000, events: 3 });
  });

  it('never stays open past the maximum from the first event, however many events come', () => {
    let s: SettleState = QUIET;
    // A storm: an event every 100 ms for two minutes.
    for (let t = 0; t <= 120_000; t += 100) s = settleEvent(s, t, cfg);
    expect(s).toMatchObject({ phase: 'settling', firstAt: 0, dueAt: 60_000 });
    expect(settleDue(s, 60_000)).toBe(true);
  });

  it('an out-of-order (older) event never shortens the window', () => {
    let s = settleEvent(QUIET, 10_000, cfg);
    s = settleEvent(s, 2_000, cfg);
    expect(s).toMatchObject({ dueAt: 15_000 });
  });

  it('taken: events mark it to go round once more; finishing opens a fresh window from then', () => {
    let s = settleTake(settleEvent(QUIET, 0, cfg), 5_000);
    expect(s).toMatchObject({ phase: 'busy', again: false });
    expect(settleDue(s, 99_999)).toBe(false);
    s = settleEvent(s, 6_000, cfg);
    s = settleEvent(s, 7_000, cfg);
    expect(s).toMatchObject({ phase: 'busy', again: true, eventsSince: 2 });
    const next = settleFinish(s, 20_000, cfg);
    expect(next).toMatchObject({ phase: 'settling', firstAt: 20_000, dueAt: 25_000, events: 2 });
  });

  it('finishing with nothing new is quiet', () => {
    expect(settleFinish(settleTake(settleEvent(QUIET, 0, cfg), 5_000), 9_000, cfg)).toEqual(QUIET);
  });
});
