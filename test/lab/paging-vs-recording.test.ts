// The lab's pager against real recorded sessions: the same traits, measured the
// same way, on the lab's paged `show running-config` and on real devices' paged
// output recorded byte for byte by Oxidized (V-SOL OLT: " --More-- " as IOS
// prints it; Netgate TNSR: "--More--", with the pager on the last line).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { TEST_CREDENTIALS, stackSpec } from '../helpers/lab.js';
import { openShell } from '../helpers/ssh-shell.js';

interface PagerTraits {
  pager: string;
  erases: { back: number; spaces: number; forward: number }[];
  /** The stream with pagers and erases removed, line endings normalised. */
  content: string;
  /** Text a device sent after a pager before the key press (asynchronous log messages). */
  interjections: string[];
}

/**
 * Split a paged answer into what a pager-aware reader has to know: the pager
 * text at the end of every page but the last, and the erase sequence that
 * starts every page after a key press. Throws when the stream breaks a rule.
 */
function pagerTraits(chunks: string[]): PagerTraits {
  const last = chunks[chunks.length - 1]!;
  const first = chunks[0]!;
  const pager = first.slice(first.lastIndexOf('\n') + 1);
  const erases: PagerTraits['erases'] = [];
  const interjections: string[] = [];
  let content = '';
  chunks.forEach((chunk, i) => {
    let body = chunk;
    if (i > 0) {
      const m = /^(\x08+)( *)(\x08+)/.exec(body);
      if (!m) throw new Error(`page ${i + 1} does not start with an erase sequence: ${JSON.stringify(body.slice(0, 30))}`);
      erases.push({ back: m[1]!.length, spaces: m[2]!.length, forward: m[3]!.length });
      body = body.slice(m[0].length);
    }
    if (chunk !== last) {
      // A device may log to the session while its pager waits (a real V-SOL page here does).
      const at = body.lastIndexOf(pager);
      if (at < 0) throw new Error(`page ${i + 1} has no pager ${JSON.stringify(pager)}`);
      if (at + pager.length < body.length) interjections.push(body.slice(at + pager.length));
      body = body.slice(0, at);
    }
    content += body;
  });
  return { pager, erases, content: content.replace(/\r?\n\r?/g, '\n'), interjections };
}

const visible = (s: string) => s.replace(/\x00/g, '');

/** The traits every real pager here shows; the lab must show them too. */
function expectRealPagerShape(t: PagerTraits): void {
  expect(visible(t.pager)).toMatch(/^ ?--More-- ?$/);
  expect(t.erases.length).toBeGreaterThan(0);
  for (const e of t.erases) {
    // Back to where the pager started (or one short: IOS leaves its leading space), blank it, back again.
    expect(e.back).toBe(e.forward);
    expect(e.back).toBeGreaterThanOrEqual(visible(t.pager).length - 1);
    expect(e.back).toBeLessThanOrEqual(visible(t.pager).length);
    expect(e.spaces).toBeGreaterThanOrEqual(visible(t.pager).trim().length);
    expect(e.spaces).toBeLessThanOrEqual(e.back);
  }
  expect(t.content).not.toContain('\b');
  expect(t.content).not.toContain('--More--');
}

function recordedChunks(file: string, command: string): string[] {
  const session = parseRecordedSession(readFileSync(join(fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url)), file), 'utf8'));
  const start = session.exchanges.findIndex((e) => e.send === command);
  const chunks = [session.exchanges[start]!.output];
  for (let i = start + 1; session.exchanges[i]?.send === ' '; i++) chunks.push(session.exchanges[i]!.output);
  return chunks;
}

describe('real recorded pagers (the reference)', () => {
  it('V-SOL OLT show running-config: " --More-- " + NUL, 10-character erase', () => {
    const t = pagerTraits(recordedChunks('vsololt#V1600G0-B_V1.4.13R#simulation.yaml', 'show running-config\n'));
    expectRealPagerShape(t);
    expect(t.erases.length).toBe(67);
    // Its log messages interrupted the paged output: a reader must not take them for configuration.
    expect(t.interjections.length).toBeGreaterThan(0);
    expect(t.interjections.every((m) => /ONU|User|Port/.test(m))).toBe(true);
  });

  it('Netgate TNSR running config: "--More--", 8-character erase, pager on the last line', () => {
    const t = pagerTraits(recordedChunks('tnsr#TNSR_25.02-2_long-config-and-pager-at-last-line#simulation.yaml', 'show configuration running cli\n'));
    expectRealPagerShape(t);
  });
});

describe('the lab pager', () => {
  let fleet: LabFleet;
  let sw: LabSwitch;
  beforeAll(async () => {
    fleet = await startFleet({ count: 1, specs: [stackSpec('pager-1', 2)], credentials: TEST_CREDENTIALS });
    sw = fleet.get('pager-1');
  });
  afterAll(() => fleet.stop());

  async function session(rows: number) {
    const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password, rows });
    await shell.readUntil(/PAGER-1>$/);
    shell.send(`enable\n${TEST_CREDENTIALS.enableSecret}\n`);
    await shell.readUntil(/PAGER-1#$/);
    return shell;
  }

  it('has the shape of the real pagers, and a reader that removes pager and erase gets the unpaged output', async () => {
    const shell = await session(24);
    shell.send('show running-config\n');
    const chunks: string[] = [];
    for (;;) {
      const chunk = await shell.readUntil(/ --More-- $|PAGER-1#$/);
      chunks.push(chunk);
      if (chunk.endsWith('PAGER-1#')) break;
      shell.send(' ');
    }
    const t = pagerTraits(chunks);
    expectRealPagerShape(t);
    expect(t.pager).toBe(' --More-- ');
    expect(t.interjections).toEqual([]);

    shell.send('terminal length 0\n');
    await shell.readUntil(/PAGER-1#$/);
    shell.send('show running-config\n');
    const unpaged = (await shell.readUntil(/PAGER-1#$/)).replace(/\r?\n\r?/g, '\n');
    expect(t.content).toBe(unpaged);
    // Every page but the last is one screen: the PTY rows less the pager line.
    const pageLines = chunks.slice(0, -1).map((c) => (c.replace(/^\x08+ *\x08+/, '').match(/\n/g) ?? []).length);
    expect(new Set(pageLines.slice(1))).toEqual(new Set([23]));
    shell.end();
  });
});
