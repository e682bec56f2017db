// The aruba-os-switch platform against real ProCurve / ArubaOS-Switch bytes, played back by
// the lab's replay server over real SSH and read by switchback's session engine.
//
// No recorded ProCurve session is public (the shared SOURCES.md: Oxidized has no ProCurve
// simulation), so this session is assembled from real pieces and says so: the login screen
// is exscript's raw capture of a 5406zl (`hp_pro_curve.1`: VT100 codes, the banner, `Press any
// key to continue`); the answers to `show running-config`, `show config` and `show system`
// are napalm-procurve's captures of a 2910al, unchanged. The test frames them as the
// interactive CLI does — the echo before, a `HP-E2910al-48G-PoE# ` prompt after (the name the
// configuration holds) — and scripts the logout dialog as netmiko and Oxidized expect it
// (`Do you want to log out [y/n]?`, `Do you want to save current configuration [y/n/^C]?`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { captureOn, cliDialect } from '../../src/jobs/capture.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { arubaOsSwitch as p } from '../../src/platforms/aruba-os-switch/index.js';
import { openShell } from '../../src/transport/ssh.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'latin1');
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

const RUNNING = real('napalm-procurve/test_get_config/normal/show_running_config.txt');
const STARTUP = real('napalm-procurve/test_get_config/normal/show_config.txt');
const SYSTEM = real('napalm-procurve/test_get_facts/normal/show_system.txt');
const BANNER = real('exscript/banners/hp_pro_curve.1').replace(/\n$/, '');
const PROMPT = 'HP-E2910al-48G-PoE# ';

const answerOf = (command: string, output: string) => ({ send: `${command}\n`, output: `${command}\r\n${crlf(output)}\r\n${PROMPT}` });

const session: RecordedSession = {
  // The real login screen, then (after the key) the screen cleared and the prompt on it, as the switch draws it.
  initPrompt: BANNER,
  ordered: true,
  exchanges: [
    { send: ' ', output: `\x1b[2J\x1b[?7l\x1b[3;23r\x1b[?6l\x1b[24;1H\x1b[?25h\r\n${PROMPT}` },
    { send: 'no page\n', output: `no page\r\n${PROMPT}` },
    // In the order a backup reads them (captureOn): version, stack (refused below), running, startup.
    answerOf('show system', SYSTEM),
    answerOf('show running-config', RUNNING),
    answerOf('show config', STARTUP),
    { send: 'logout\n', output: 'logout\r\n\r\nDo you want to log out [y/n]? ' },
    { send: 'y', output: 'y\r\nDo you want to save current configuration [y/n/^C]? ' },
    { send: 'n', output: 'n\r\n' },
  ],
};

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine() {
  // What the recording does not hold is refused as ProCurve words it, naming the word it does not know
  // (a 2910al does not stack: `show stacking detail` → `Invalid input: stacking`).
  server = await startReplayServer(session, {
    name: 'procurve',
    refusal: (line) => `${line}\r\nInvalid input: ${line.split(' ')[1] ?? line}\r\n${PROMPT}`,
  });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'manager', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    cliDialect(p, {}),
    { commandTimeoutMs: 5000 },
  );
}

describe('ProCurve: a session assembled from real captures (5406zl login screen, 2910al outputs)', () => {
  it('answers "Press any key" behind the VT100 codes, turns paging off, and learns the prompt', async () => {
    const shell = await engine();
    expect(server!.received.slice(0, 2)).toEqual([' ', 'no page\n']);
    expect(shell.engine.info.hostname).toBe('HP-E2910al-48G-PoE');
    const facts = p.parseVersion(await shell.engine.run('show system'));
    expect([facts.hostname, facts.version, facts.serials]).toEqual(['bb-switch-failover', 'I.10.105', ['SG637SK06M']]);
    shell.close();
  });

  it('the stored running config is the capture’s, byte for byte without the volatile header; startup compares equal', async () => {
    const shell = await engine();
    const stored = extractConfig(p, await shell.engine.run('show running-config'));
    const startup = extractConfig(p, await shell.engine.run('show config'));
    const recorded = RUNNING.split('\n')
      .filter((l) => !p.volatile.some((re) => re.test(l)))
      .join('\n')
      .replace(/^\n+/, '');
    expect(recorded.split('\n').length).toBe(RUNNING.split('\n').length - 3); // the header and the blank lines around it
    expect(stored).toBe(recorded.replace(/\n*$/, '\n'));
    expect(isComplete(p, stored)).toBe(true);
    expect(unsavedLines(p.syntax, stored, startup).counts).toEqual({ added: 0, removed: 0 });
    shell.close();
  });

  it('a whole backup capture (captureOn): version facts, no stack on a switch that does not stack, running and startup as recorded', async () => {
    const shell = await engine();
    const device = {
      engine: shell.engine,
      hostKey: shell.hostKey,
      exec: (command: string) => shell.exec(command, { timeoutMs: 5000, maxBytes: 1 << 20 }),
      options: {},
      deadline: Date.now() + 30_000,
      close: () => shell.close(),
    };
    const capture = await captureOn(device, p);
    // Neither stacking technology lists members on a 2910al: both are asked, backplane first, then VSF.
    expect(server!.received.filter((r) => r.startsWith('show'))).toEqual([
      'show system\n',
      'show stacking detail\n',
      'show vsf detail\n',
      'show running-config\n',
      'show config\n',
    ]);
    expect(capture.version).toMatchObject({ hostname: 'bb-switch-failover', version: 'I.10.105', serials: ['SG637SK06M'] });
    // Neither read lists a member: the switch is its own one member, as any switch that does not stack.
    expect(capture.members).toEqual([{ number: 1, role: 'active', state: 'ready' }]);
    expect(capture.running).toBe(extractConfig(p, RUNNING));
    expect(capture.startup).toBe(capture.running);
    shell.close();
  });

  it('logs out answering yes to leaving and no to saving: never `y` to the save question', async () => {
    const shell = await engine();
    await shell.engine.logout?.();
    expect(server!.received.slice(-3)).toEqual(['logout\n', 'y', 'n']);
    shell.close();
  });
});
