// The dell-os6 platform against a real recorded session of its FASTPATH sibling (Oxidized's
// Broadcom EFOS 3.12 recording on a BES-53248, test/fixtures/real/oxidized/), played back by the
// lab's replay server over real SSH and read by switchback's session engine. No Dell OS6
// recording is public; EFOS is the CLI OS6 comes from (same `enable`, `terminal length 0`,
// `show running-config` with `!` header comments and `exit`-closed blocks), with its hostname in
// parentheses in the prompt. The recording is interactive (echo and prompt included): it is
// replayed unchanged.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete, linesInPlace } from '../../src/config/normalise.js';
import { cliDialect } from '../../src/jobs/capture.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { dellOs6 } from '../../src/platforms/dell-os6/index.js';
import { openShell } from '../../src/transport/ssh.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url));
const recording = parseRecordedSession(readFileSync(join(FIXTURES, 'efos#BES-53248_3.12.0.1#simulation.yaml'), 'utf8'));
/** What Oxidized stored from the same session: its `! ! ` notes of two other commands, then the configuration. */
const oxidizedStored = readFileSync(join(FIXTURES, 'efos#BES-53248_3.12.0.1#output.txt'), 'utf8')
  .split('\n')
  .filter((l) => !/^! ! /.test(l))
  .join('\n');

const answer = (command: string): string => recording.exchanges.find((e) => e.send === `${command}\n`)?.output ?? '';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine() {
  server = await startReplayServer(recording, {
    name: 'bes-53248',
    // FASTPATH's refusal for a command it does not know.
    refusal: (line) => `${line}\r\n                          ^\r\n% Invalid input detected at '^' marker.\r\n\r\n(Metro_Switch_A_1)#`,
  });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'admin', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    cliDialect(dellOs6, {}),
    { commandTimeoutMs: 5000, enableSecret: '' },
  );
}

describe('Broadcom EFOS 3.12 on a BES-53248 (the FASTPATH CLI of Dell OS6), a real recorded session', () => {
  it('logs in past the RCF banner at `(host)>`, enables, and turns paging off as Oxidized did', async () => {
    const shell = await engine();
    expect(server!.received.slice(0, 2)).toEqual(['enable\n', 'terminal length 0\n']);
    // The hostname as the prompt prints it, parentheses included (the engine's exact prompt is built from it).
    expect(shell.engine.info).toEqual({ hostname: '(Metro_Switch_A_1)', prompt: '(Metro_Switch_A_1)#' });
    shell.close();
  });

  it('the stored configuration is the recording’s, byte for byte without the documented volatile uptime and clock lines', async () => {
    const shell = await engine();
    const raw = await shell.engine.run(dellOs6.commands.running);
    const stored = extractConfig(dellOs6, raw);
    const recorded = answer('show running-config').replace(/\r\n/g, '\n');
    const lines = recorded.split('\n');
    // The recording as the device sent it: the echo, a blank line, the configuration, the prompt.
    expect(lines[0]).toBe('show running-config');
    expect(lines.at(-1)).toBe('(Metro_Switch_A_1)#');
    const body = lines.slice(1, -1);
    const withoutVolatile = body.filter((l) => !dellOs6.volatile.some((re) => re.test(l)));
    expect(body.length - withoutVolatile.length).toBe(2);
    expect(recorded).toContain('!System Up Time          "146 days 23 hrs 39 mins 1 secs"');
    expect(stored.trim()).toBe(withoutVolatile.join('\n').trim());
    // Oxidized stored the same text.
    expect(stored.trim()).toBe(oxidizedStored.trim());

    // Complete by the platform's rule: the header, and every block closed (the frame's `exit` too).
    expect(isComplete(dellOs6, stored)).toBe(true);
    const inPlace = linesInPlace(dellOs6.syntax, stored);
    expect(inPlace.find((l) => l.text.trim() === 'addport 1/1')?.parents).toEqual(['interface 0/55']);
    // EFOS's `vlan 10,103` sits in `vlan database`; read with OS6's openers (where a VLAN list opens a
    // block), the list is the block and its `exit` closes it: every block still closes.
    expect(inPlace.find((l) => l.text.trim() === 'vlan database')?.parents).toEqual([]);
    expect(inPlace.find((l) => l.text.trim() === 'ip domain name "domain.local"')?.parents).toEqual([]);
    expect(dellOs6.isFactoryDefault?.(stored)).toBe(false);
    shell.close();
  });
});
