// The cisco-nxos platform against the two real recorded NX-OS sessions (Oxidized's Nexus 93180
// 10.4(5) and Nexus 5548 7.3(13), the latter with CRLF line ends), played back by the lab's
// replay server over real SSH and read by switchback's session engine.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete } from '../../src/config/normalise.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { ciscoNxos } from '../../src/platforms/cisco-nxos/index.js';
import { openShell } from '../../src/transport/ssh.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url));
const RECORDINGS: [string, string][] = [
  ['nxos#C93180YC-FX3J_10.4.5', '10.4(5)'],
  ['nxos#N5548_7.3.13', '7.3(13)N1(1)'],
];

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine(recording: RecordedSession) {
  server = await startReplayServer(recording, { name: 'TEST-12345' });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'oxidized', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    ciscoNxos,
    {
      commandTimeoutMs: 5000,
      enableSecret: '',
    },
  );
}

/** The recorded answer without the echoed command and the closing prompt, line ends as LF. */
function recordedOutput(recording: RecordedSession, command: string): string {
  const lines = recording.exchanges
    .find((e) => e.send === `${command}\n`)!
    .output.replace(/\r+\n/g, '\n')
    .split('\n');
  return lines.slice(1, -1).join('\n');
}

describe.each(RECORDINGS)('NX-OS %s, a real recorded session', (file, version) => {
  const recording = parseRecordedSession(readFileSync(join(FIXTURES, `${file}#simulation.yaml`), 'utf8'));

  it('logs in to the `#` prompt drawn after \\r, turns paging off with `terminal length 0`, reads show version', async () => {
    const shell = await engine(recording);
    expect(shell.engine.info.hostname).toBe('TEST-12345');
    expect(server!.received[0]).toBe('terminal length 0\n');
    const out = await shell.engine.run('show version');
    expect(ciscoNxos.parseVersion(out).version).toBe(version);
    expect(ciscoNxos.parseVersion(out).hostname).toBe('TEST-12345');
    shell.close();
  });

  it('the stored running config is the recording’s byte for byte, without the volatile header lines', async () => {
    const shell = await engine(recording);
    const raw = await shell.engine.run('show running-config');
    const stored = extractConfig(ciscoNxos, raw);
    const recorded = recordedOutput(recording, 'show running-config').split('\n');
    // The recording: a blank line, `!Command:`, (10.x) `!Running configuration last done at:`, `!Time:`, a blank line, then `version …`.
    const start = recorded.findIndex((l) => /^version \d/.test(l));
    const header = recorded.slice(0, start).filter((l) => l.trim() !== '');
    expect(header.length).toBeGreaterThanOrEqual(2);
    for (const l of header) expect(ciscoNxos.volatile.some((re) => re.test(l))).toBe(true);
    const body = recorded.slice(start);
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    expect(stored).toBe(body.join('\n') + '\n');
    expect(isComplete(ciscoNxos, stored)).toBe(true);
    shell.close();
  });
});
