// The juniper-junos platform against a real recorded Junos session (Oxidized's
// SRX300 22.4 recording, test/fixtures/real/oxidized/), played back by the lab's
// replay server over real SSH and read by switchback's session engine.
//
// Oxidized recorded this session on SSH exec channels (one channel per command), so the
// recording holds each command's answer and the login banner but no prompt and no echo.
// The test frames each recorded answer as the interactive CLI shows it — the command's
// echo before, a `user@host> ` prompt after (user and host are the recording's own:
// Oxidized logged in as `oxidized`; the file names the SRX300) — and changes no byte of
// the answers themselves. The recording has the configuration in brace form only
// (`show configuration | display omit`); the platform stores set form, so the stored
// configuration is that capture in set form.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractConfig, isComplete } from '../../src/config/normalise.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import type { RecordedSession } from '../../src/lab/recorded-session.js';
import { startReplayServer } from '../../src/lab/replay-server.js';
import type { ReplayServer } from '../../src/lab/replay-server.js';
import { braceToSet } from '../../src/platforms/juniper-junos/config-set.js';
import { juniperJunos } from '../../src/platforms/juniper-junos/index.js';
import { openShell } from '../../src/transport/ssh.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/real/oxidized/', import.meta.url));
const recording = parseRecordedSession(readFileSync(join(FIXTURES, 'junos#srx300_22.4#simulation.yaml'), 'utf8'));
/** What Oxidized stored from the same session: its `# ` lines are show version and hardware, then the configuration. */
const oxidizedStored = readFileSync(join(FIXTURES, 'junos#srx300_22.4#output.txt'), 'utf8')
  .split('\n')
  .filter((l) => !/^# |^#$/.test(l))
  .join('\n');

const PROMPT = 'oxidized@srx300> ';
const CONFIG = 'show configuration | display omit';

/** The recording as an interactive session: echo + answer + prompt for each command (see the header). */
function interactive(session: RecordedSession): RecordedSession {
  return {
    initPrompt: `${session.initPrompt}\r\n\r\n${PROMPT}`,
    ordered: session.ordered,
    exchanges: session.exchanges.map((e) => ({
      send: e.send,
      output: `${e.send.replace(/\n$/, '')}\r\n${e.output}${e.output.endsWith('\n') ? '' : '\r\n'}\r\n${PROMPT}`,
    })),
  };
}

const answer = (command: string): string => recording.exchanges.find((e) => e.send === `${command}\n`)?.output ?? '';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engine() {
  server = await startReplayServer(interactive(recording), { name: 'srx300' });
  return openShell(
    { host: '127.0.0.1', port: server.port, username: 'oxidized', password: 'x', verifyHostKey: () => true, connectTimeoutMs: 5000 },
    juniperJunos,
    {
      commandTimeoutMs: 5000,
      enableSecret: '',
    },
  );
}

describe('Juniper SRX300 (Junos 22.4R3-S2.11), a real recorded session', () => {
  it('logs in past the banner, turns paging off as Oxidized did, and reads show version', async () => {
    const shell = await engine();
    expect(server!.received.slice(0, 2)).toEqual(['set cli screen-length 0\n', 'set cli screen-width 0\n']);
    const version = await shell.engine.run('show version');
    expect(version.trim()).toBe(answer('show version').trim());
    expect(juniperJunos.parseVersion(version)).toMatchObject({ model: 'srx300', version: '22.4R3-S2.11', members: [] });
    shell.close();
  });

  it('the stored configuration is the recording’s, without the documented volatile `## Last commit:` line', async () => {
    const shell = await engine();
    const raw = await shell.engine.run(CONFIG);
    const stored = extractConfig(juniperJunos, raw);
    const recorded = answer(CONFIG).replace(/\r\n/g, '\n');
    const withoutVolatile = recorded
      .split('\n')
      .filter((l) => !juniperJunos.volatile.some((re) => re.test(l)))
      .join('\n')
      .trim();
    expect(recorded).toContain('## Last commit: 2024-12-06 11:41:05 UTC by root');
    expect(stored.trim()).toBe(withoutVolatile);
    // Only that line went: the rest is byte for byte, and Oxidized stored the same text.
    expect(recorded.split('\n').length - stored.trim().split('\n').length).toBe(1 + (recorded.endsWith('\n') ? 1 : 0));
    expect(oxidizedStored).toContain(stored.trim());

    // In the form the platform stores (set lines), the capture is complete and holds every statement.
    const setForm = braceToSet(stored).join('\n');
    expect(isComplete(juniperJunos, setForm)).toBe(true);
    expect(juniperJunos.errors.some((re) => re.test(setForm))).toBe(false);
    expect(braceToSet(stored)).toEqual(braceToSet(recorded));
    expect(setForm.split('\n')).toContain('set snmp location "42 Wallaby Way, Sydney"');
    // An SRX with a configuration is not a factory-default EX.
    expect(juniperJunos.isFactoryDefault?.(setForm)).toBe(false);
    shell.close();
  });
});
