// The aruba-aoscx platform against the four real recorded AOS-CX sessions (Oxidized's
// 6100 10.10, 6300M 10.13 with CRLF line ends, 6410 10.10, 8325H 10.15), played back by the
// lab's replay server over real SSH and read by switchback's session engine. The recordings
// are interactive (echo, output, `name# ` prompt), so they are replayed as they are.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete } from '../../src/config/normalise.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { arubaAoscx } from '../../src/platforms/aruba-aoscx/index.js';
import { openShell } from '../../src/transport/ssh.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url));
const RECORDINGS: [string, string, string][] = [
  ['aoscx#6100-48G_PL.10.10.1090', 'TEST-SW1235', 'PL.10.10.1090'],
  ['aoscx#6300M-48G-4SFP56_10.13.1101', 'loc0-ms-sw1', 'FL.10.13.1101'],
  ['aoscx#R0X25A-6410_FL.10.10.1100', 'Switch-cx', 'FL.10.10.1100'],
  ['aoscx#8325H_HL.10.15.1020', 'xx-xxxx-sw01', 'HL.10.15.1020'],
];

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine(recording: RecordedSession, name: string) {
  server = await startReplayServer(recording, { name });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'oxidized', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    arubaAoscx,
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
    .output.replace(/\r\n/g, '\n')
    .split('\n');
  return lines.slice(1, -1).join('\n');
}

describe.each(RECORDINGS)('AOS-CX %s, a real recorded session', (file, hostname, version) => {
  const recording = parseRecordedSession(readFileSync(join(FIXTURES, `${file}#simulation.yaml`), 'utf8'));

  it('logs in past the last-login banner, learns the name, turns paging off with `no page`, reads show version', async () => {
    const shell = await engine(recording, hostname);
    expect(shell.engine.info.hostname).toBe(hostname);
    expect(server!.received[0]).toBe('no page\n');
    const out = await shell.engine.run('show version');
    expect(out).toBe(recordedOutput(recording, 'show version'));
    expect(arubaAoscx.parseVersion(out).version).toBe(version);
    shell.close();
  });

  it('the stored running config is the recording’s byte for byte, without the volatile `Current configuration:` header', async () => {
    const shell = await engine(recording, hostname);
    const raw = await shell.engine.run('show running-config');
    const stored = extractConfig(arubaAoscx, raw);
    const recorded = recordedOutput(recording, 'show running-config').split('\n');
    // The recording's first line is the header, then a bare `!` separator; the rest is stored as is.
    expect(recorded[0]).toBe('Current configuration:');
    expect(recorded[1]).toBe('!');
    expect(stored).toBe(recorded.slice(2).join('\n') + '\n');
    expect(isComplete(arubaAoscx, stored)).toBe(true);
    expect(stored.split('\n')[1]).toBe('!export-password: default');
    shell.close();
  });
});
