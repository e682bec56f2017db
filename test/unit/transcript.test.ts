// The --verbose transcript of one device (jobs/transcript.ts): prefixed by device and
// direction, configuration secrets masked by the platform's patterns, and every secret value
// of the inventory replaced wherever it appears, even in text no pattern knows.

import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/normalise.js';
import { deviceTranscript } from '../../src/jobs/transcript.js';
import { platformByName } from '../../src/platforms/index.js';

const platform = platformByName('cisco-ios')!;

function lines(secrets: string[] = []) {
  const out: string[] = [];
  const t = deviceTranscript('core-1', platform, secrets, (l) => out.push(l));
  return { t, out };
}

describe('deviceTranscript', () => {
  it('says who and which way, line by line; a bare key by its name', () => {
    const { t, out } = lines();
    t({ dir: 'sent', text: 'show clock\n' });
    t({ dir: 'received', text: 'show clock\r\n10:00:00 UTC\r\ncore-1#' });
    t({ dir: 'sent', text: ' ' });
    t({ dir: 'sent', text: '\n' });
    t({ dir: 'sent', text: '\x03\n' });
    expect(out.join('')).toBe(
      [
        'core-1 > show clock',
        'core-1 < show clock',
        'core-1 < 10:00:00 UTC',
        'core-1 < core-1#',
        'core-1 > (space)',
        'core-1 > (Enter)',
        'core-1 > (Ctrl-C)',
        '',
      ].join('\n'),
    );
  });

  it('a typed secret is named, never shown', () => {
    const { t, out } = lines();
    t({ dir: 'sent', text: 'the enable secret', secret: true });
    expect(out).toEqual([`core-1 > ${SECRET_MASK} (the enable secret)\n`]);
  });

  it("masks the platform's secret lines, and the inventory's secret values anywhere", () => {
    const line = 'tacacs server T1\n key 0 hunter2';
    const { t, out } = lines(['s3cret-pass', 'comm']);
    t({ dir: 'received', text: `${line}\nbanner says s3cret-pass and community comm` });
    t({ dir: 'sent', text: 'echo s3cret-pass\n' });
    const all = out.join('');
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('s3cret-pass');
    expect(all).not.toMatch(/\bcomm\b/);
    expect(all).toContain(SECRET_MASK);
  });
});
