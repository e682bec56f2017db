// The CLI engine waits for the device to go quiet after something that looks like a prompt
// (a configuration line can look like one), except where nothing but the echo of the command
// came before it: a setup command answered by the prompt alone is done at once. The clock is
// frozen after login, so a read that waited for quiet would never finish until it moves.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCliEngine } from '../../src/transport/cli-engine.js';
import type { Channel, CliDialect } from '../../src/transport/cli-engine.js';

const DIALECT: CliDialect = { prompt: /^([\w.-]+)[>#] ?$/, loginQuestions: [], setup: [], pagers: [/ ?--More-- ?/], pagerKey: ' ' };

/** Echoes each command, prints its output (if any) and the prompt, each piece on its own turn of the event loop. */
function fakeDevice(outputs: Record<string, string>): Channel {
  let listener: ((chunk: Buffer) => void) | undefined;
  const send = (text: string) => setImmediate(() => listener?.(Buffer.from(text.replace(/\n/g, '\r\n'))));
  return {
    write(text) {
      const command = text.trim();
      send(command + '\n');
      const out = outputs[command];
      if (out !== undefined) send(out + '\n');
      send('sw#');
    },
    onData(l) {
      listener = l;
      send('\nsw#');
    },
    onClose() {},
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('cli engine: when a prompt is believed', () => {
  it('a command answered by its echo and the prompt alone is done without waiting for quiet; output is not', async () => {
    const engine = await startCliEngine(fakeDevice({ 'show version': 'Version 17.9\nsw#\nuptime is 3 weeks' }), DIALECT, {
      commandTimeoutMs: 600_000,
      settleMs: 50,
    });
    // From here on no time passes unless the test moves the clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    expect(await engine.run('terminal length 0')).toBe('');

    let version: string | undefined;
    const reading = engine.run('show version').then((t) => (version = t));
    // Everything has arrived (a few turns of the event loop), but the device has not been quiet for settleMs.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(version).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60);
    await reading;
    // The line that looked like the prompt stayed in the output.
    expect(version).toBe('Version 17.9\nsw#\nuptime is 3 weeks');
  });

  it('a configuration that ends with its end line is done at the prompt after it; a prompt-like line inside one still waits', async () => {
    const config = 'hostname sw\nbanner motd ^C\nsw#\n^C\nend';
    const engine = await startCliEngine(
      fakeDevice({ 'show running-config': config, 'show running-config all': config + '\n', 'show startup-config': 'hostname sw\nsw#' }),
      DIALECT,
      {
        commandTimeoutMs: 600_000,
        settleMs: 50,
      },
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The clock never moves: these reads end only because `end` came right before the prompt
    // (with an empty line between, as real IOS-XE prints it, in the second).
    expect(await engine.run('show running-config', { endLine: /^end\s*$/ })).toBe(config);
    expect(await engine.run('show running-config all', { endLine: /^end\s*$/ })).toBe(config + '\n');

    // No end line before the prompt: the prompt-like line in the text waits for quiet as before.
    let startup: string | undefined;
    const reading = engine.run('show startup-config', { endLine: /^end\s*$/ }).then((t) => (startup = t));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(startup).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60);
    await reading;
    expect(startup).toBe('hostname sw\nsw#');
  });
});
