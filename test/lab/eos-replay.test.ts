// The arista-eos platform against the real recorded EOS session (Oxidized's DCS-7050SX3-48YC8
// 4.29.2F recording), played back by the lab's replay server over real SSH and read by
// switchback's session engine. The recording is interactive (echo, output, `eos-test-01#`) and is
// replayed as it is. Oxidized did not type `terminal length 0` (it pipes `| no-more` instead), so
// the replay answers switchback's setup lines with a refusal; the session goes on, as it would on a
// switch that refused them, and the configuration command pipes `| no-more` itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete } from '../../src/config/normalise.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { aristaEos } from '../../src/platforms/arista-eos/index.js';
import { openShell } from '../../src/transport/ssh.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url));
const FILE = 'eos#DCS-7050SX3-48YC8_4.29.2F';
const recording = parseRecordedSession(readFileSync(join(FIXTURES, `${FILE}#simulation.yaml`), 'utf8'));

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine() {
  // EOS's own refusal for a line it does not know.
  server = await startReplayServer(recording, { name: 'eos-test-01', refusal: (line) => `${line}\r\n% Invalid input\r\neos-test-01#` });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'oxidized', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    aristaEos,
    {
      commandTimeoutMs: 5000,
      enableSecret: '',
    },
  );
}

/** The recorded answer without the echoed command and the closing prompt, line ends as LF. */
function recordedOutput(command: string): string {
  const lines = recording.exchanges
    .find((e) => e.send === `${command}\n`)!
    .output.replace(/\r\n/g, '\n')
    .split('\n');
  return lines.slice(1, -1).join('\n');
}

describe('Arista DCS-7050SX3-48YC8 (EOS 4.29.2F), a real recorded session', () => {
  it('logs in at `eos-test-01#` (no enable needed), learns the name, types `terminal length 0` first', async () => {
    const shell = await engine();
    expect(shell.engine.info.hostname).toBe('eos-test-01');
    expect(server!.received[0]).toBe('terminal length 0\n');
    const inventory = await shell.engine.run('show inventory | no-more');
    expect(inventory).toBe(recordedOutput('show inventory | no-more'));
    shell.close();
  });

  it('the stored running config is the recording’s byte for byte (it holds no volatile line: `! Time:` was excluded by the switch)', async () => {
    const shell = await engine();
    const raw = await shell.engine.run(aristaEos.commands.running);
    const stored = extractConfig(aristaEos, raw);
    const recorded = recordedOutput(aristaEos.commands.running);
    expect(recorded).not.toMatch(/^! Time:/m);
    expect(stored).toBe(recorded + '\n');
    expect(stored.split('\n')[0]).toBe('! device: eos-test-01 (DCS-7050SX3-48YC8, EOS-4.29.2F)');
    expect(isComplete(aristaEos, stored)).toBe(true);
    shell.close();
  });
});
