// The dell-os10 platform against real OS10 bytes, played back by the lab's replay server over real
// SSH and read by switchback's session engine.
//
// No recorded OS10 session is public (Oxidized has no OS10 simulation; the shared SOURCES.md), so
// this session is assembled from real pieces and says which are whose:
// - real (napalm-dellos10's captures of one 10.3.9999E switch named `OS10`, unchanged): the answers
//   to `show version | display-xml`, `show running-configuration` and `show startup-configuration`
//   — the last is what the mock holds after its own echo `OS10# show startup-configuration`
//   (the mock pasted two reads together; that echo shows the prompt `OS10# ` and how OS10 echoes);
// - real (a public lab report, test/fixtures/real/os10-vlt): the answer to `show vlt 1`, the
//   command the platform sends for the inventory's `pair: { domain: 1 }`;
// - ours: the framing — the echo before each answer, `\r\n` line ends, the `OS10# ` prompt after,
//   `terminal length 0` answered with the prompt alone, and `% Error: Unrecognized command.`
//   (the refusal OS10's users quote) for anything else.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { captureOn, cliDialect } from '../../src/jobs/capture.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { dellOs10 as p } from '../../src/platforms/dell-os10/index.js';
import { pairCommand } from '../../src/platforms/platform.js';
import { openShell } from '../../src/transport/ssh.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

const RUNNING = real('napalm-dellos10/mocked_data/test_get_config/normal/show_running_configuration.txt');
const STARTUP_MOCK = real('napalm-dellos10/mocked_data/test_get_config/normal/show_startup_configuration.txt');
const ECHO = 'OS10# show startup-configuration\n';
const STARTUP = STARTUP_MOCK.slice(STARTUP_MOCK.lastIndexOf(ECHO) + ECHO.length);
const VERSION = real('napalm-dellos10/mocked_data/test_get_facts/normal/show_version___display_xml.txt');
const VLT = real('os10-vlt/leaf5_show_vlt_1.txt');
const PROMPT = 'OS10# ';

const answerOf = (command: string, output: string) => ({ send: `${command}\n`, output: `${command}\r\n${crlf(output.replace(/\n?$/, '\n'))}${PROMPT}` });

const session: RecordedSession = {
  initPrompt: `\r\n${PROMPT}`,
  // Unordered: a backup may read the pair before or after the configuration.
  ordered: false,
  exchanges: [
    { send: 'terminal length 0\n', output: `terminal length 0\r\n${PROMPT}` },
    answerOf('show version | display-xml', VERSION),
    answerOf('show running-configuration', RUNNING),
    answerOf('show startup-configuration', STARTUP),
    answerOf('show vlt 1', VLT),
  ],
};

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine() {
  server = await startReplayServer(session, { name: 'os10', refusal: (line) => `${line}\r\n% Error: Unrecognized command.\r\n${PROMPT}` });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'admin', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    cliDialect(p, {}),
    { commandTimeoutMs: 5000 },
  );
}

describe('OS10: a session assembled from real captures (napalm-dellos10 10.3.9999E, a real `show vlt`)', () => {
  it('turns paging off, learns the prompt, reads the XML version and the VLT pair', async () => {
    const shell = await engine();
    expect(server!.received[0]).toBe('terminal length 0\n');
    expect(shell.engine.info.hostname).toBe('OS10');
    expect(p.parseVersion(await shell.engine.run('show version | display-xml'))).toMatchObject({ hostname: 'OS10', version: '10.3.9999E', model: 'S6000-VM' });
    expect(p.pair!.parse(await shell.engine.run(pairCommand(p.pair!, { domain: '1' })))).toEqual({
      peer: 'up',
      peerLink: 'up',
      role: 'secondary',
      domain: '1',
    });
    shell.close();
  });

  it('the stored running config is the capture’s, byte for byte without the change stamp; startup compares equal', async () => {
    const shell = await engine();
    const stored = extractConfig(p, await shell.engine.run('show running-configuration'));
    const startup = extractConfig(p, await shell.engine.run('show startup-configuration'));
    const lines = RUNNING.split('\n');
    expect(lines[1]).toMatch(/^! Last configuration change at /);
    const recorded = [lines[0], ...lines.slice(2)].join('\n').replace(/\n*$/, '\n');
    expect(stored).toBe(recorded);
    expect(isComplete(p, stored)).toBe(true);
    expect(unsavedLines(p.syntax, stored, startup).counts).toEqual({ added: 0, removed: 0 });
    shell.close();
  });

  it('a whole backup capture (captureOn): version facts, no stack members, running and startup as recorded, the pair by its domain', async () => {
    const shell = await engine();
    const device = {
      engine: shell.engine,
      hostKey: shell.hostKey,
      exec: (command: string) => shell.exec(command, { timeoutMs: 5000, maxBytes: 1 << 20 }),
      options: {},
      deadline: Date.now() + 30_000,
      close: () => shell.close(),
    };
    // One peer of VLT domain 1 in the inventory: the capture sends `show vlt 1`, the real output's command.
    const capture = await captureOn(device, p, { readPair: { domain: '1' } });
    expect(server!.received).toContain('show vlt 1\n');
    expect(capture.pair).toEqual({ state: { peer: 'up', peerLink: 'up', role: 'secondary', domain: '1' } });
    expect(server!.received).toContain('show running-configuration\n');
    expect(server!.received).toContain('show startup-configuration\n');
    expect(capture.version).toMatchObject({ hostname: 'OS10', version: '10.3.9999E', uptimeSeconds: 1925299 });
    // Not a stack: one unit, as every platform without one is recorded.
    expect(capture.members).toEqual([{ number: 1, role: 'active', state: 'ready' }]);
    expect(capture.running).toBe(extractConfig(p, RUNNING));
    expect(unsavedLines(p.syntax, capture.running, capture.startup!).counts).toEqual({ added: 0, removed: 0 });
    shell.close();
  });

  it('a command OS10 does not know is refused, and the engine says so', async () => {
    const shell = await engine();
    const out = await shell.engine.run('show stacking');
    expect(p.errors.some((re) => re.test(out))).toBe(true);
    shell.close();
  });
});
