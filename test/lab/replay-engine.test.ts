// switchback's session engine against real devices' bytes: recorded SSH sessions
// (Oxidized simulations) played back by a lab server over real SSH.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { platformByName } from '../../src/platforms/index.js';
import type { CliDialect } from '../../src/transport/cli-engine.js';
import { openShell } from '../../src/transport/ssh.js';

const fixture = (file: string): RecordedSession =>
  parseRecordedSession(readFileSync(join(fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url)), file), 'utf8'));

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engineFor(session: RecordedSession, dialect: CliDialect, name: string) {
  server = await startReplayServer(session, { name });
  return openShell({ host: '127.0.0.1', port: server.port, username: 'oxidized', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 }, dialect, {
    commandTimeoutMs: 5000,
    enableSecret: '',
  });
}

/** What the recording says a command printed: its bytes without the echoed command and the closing prompt. */
function recordedOutput(session: RecordedSession, command: string): string {
  const out = session.exchanges.find((e) => e.send === command + '\n')!.output.replace(/\r\n/g, '\n');
  const lines = out.split('\n');
  return lines.slice(1, -1).join('\n');
}

describe('Cisco IOS-XE C9200L (17.9.4a), a real session', () => {
  const session = fixture('ios#C9200L-24P-4G_17.09.04a#simulation.yaml');
  const ios = platformByName('cisco-ios')!;

  it('logs in past the banner, learns the prompt, turns paging off and reads show version byte for byte', async () => {
    const shell = await engineFor(session, ios, 'c9200l');
    expect(shell.engine.info.hostname).toBe('LAB-SW123_9200L');
    expect(server!.received.slice(0, 2)).toEqual(['terminal length 0\n', 'terminal width 0\n']);
    expect(await shell.engine.run('show version')).toBe(recordedOutput(session, 'show version'));
    shell.close();
  });

  it('reads show running-config byte for byte, header to end', async () => {
    const shell = await engineFor(session, ios, 'c9200l');
    const running = await shell.engine.run('show running-config');
    expect(running).toBe(recordedOutput(session, 'show running-config'));
    expect(running.startsWith('Building configuration...')).toBe(true);
    expect(running.trimEnd().endsWith('end')).toBe(true);
    shell.close();
  });
});

describe('V-SOL OLT, a real paged session (" --More-- " + NUL, 10-character erase)', () => {
  const session = fixture('vsololt#V1600G0-B_V1.4.13R#simulation.yaml');
  const dialect: CliDialect = {
    prompt: /^(\S+?)(\([^)]*\))?[>#] ?$/,
    loginQuestions: [],
    setup: [],
    // Unanchored at the start: where a long line wraps, the pager follows text on the same line.
    pagers: [/ ?--More-- ?$/],
    pagerKey: ' ',
  };

  it('answers all 67 pagers and returns the configuration without pager, erase or NUL', async () => {
    const shell = await engineFor(session, dialect, 'vsol');
    const running = await shell.engine.run('show running-config');
    expect(server!.received.filter((s) => s === ' ')).toHaveLength(67);
    expect(running).not.toMatch(/--More--|\x08|\x00/);
    // The same text as the recording with each page's pager (at its end) and erase (at the next page's start) cut out…
    const start = session.exchanges.findIndex((e) => e.send === 'show running-config\n');
    const pages = [session.exchanges[start]!.output];
    for (let i = start + 1; session.exchanges[i]?.send === ' '; i++) pages.push(session.exchanges[i]!.output);
    const interjected = pages.filter((p) => !/ --More-- \x00$/.test(p) && p !== pages[pages.length - 1]).length;
    const expected = pages
      .map((p) => p.replace(/^\x08{10} {10}\x08{10}/, '').replace(/ --More-- \x00[\s\S]*$/, ''))
      .join('')
      .replace(/\r*\n\r*/g, '\n')
      .split('\n')
      .slice(1, -1);
    const got = running.split('\n');
    // …except where the device logged to the session while its pager waited (5 times): as on
    // a terminal, a log message may keep a line of its own or be overwritten by the next page.
    expect(interjected).toBe(5);
    expect(got.length).toBeGreaterThanOrEqual(expected.length);
    expect(got.length).toBeLessThanOrEqual(expected.length + interjected);
    expect(got.filter((l) => /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d +ONU /.test(l)).length).toBeLessThanOrEqual(interjected);
    // Every other line comes through verbatim and in order.
    let at = 0;
    const missing = expected.filter((want) => {
      const found = got.indexOf(want, at);
      if (found < 0) return true;
      at = found + 1;
      return false;
    });
    expect(missing.length).toBeLessThanOrEqual(interjected);
    shell.close();
  });
});
