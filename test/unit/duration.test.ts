// One duration parser for the CLI (--max-age) and the lab (set-uptime).

import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from '../../src/config/duration.js';
import { parseLabEvent } from '../../src/lab/events.js';

describe('parseDuration', () => {
  it('reads a whole number and a unit', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('26h')).toBe(26 * 3600);
    expect(parseDuration('3d')).toBe(3 * 86_400);
    expect(parseDuration(' 500d ')).toBe(500 * 86_400);
  });

  it('refuses anything else, saying what it wants and what it got', () => {
    for (const bad of ['', '26', 'h', '1.5h', '-3d', '3 d', '3w', '0s', '26hours', 'x'.repeat(100)]) {
      expect(() => parseDuration(bad), bad).toThrow(DurationError);
    }
    expect(() => parseDuration('3w')).toThrow('a duration is a whole number and a unit (s, m, h or d), e.g. 90s, 5m, 26h or 3d; got "3w"');
  });

  it('is what the lab reads too', () => {
    expect(parseLabEvent(['set-uptime', '26h'])).toEqual({ kind: 'set-uptime', seconds: 26 * 3600 });
    expect(() => parseLabEvent(['set-uptime', '26'])).toThrow('set-uptime: a duration is a whole number and a unit');
  });
});
