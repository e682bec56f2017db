// `lab up --trap-to / --syslog-to HOST:PORT`: what the options take, and what they refuse (before
// any switch starts, as a usage error).

import { describe, expect, it } from 'vitest';
import { EmitTargetError, parseEmitTarget } from '../../src/lab/emitter.js';
import { runCli } from '../helpers/cli.js';

describe('a receiver as --trap-to / --syslog-to give it', () => {
  it('takes HOST:PORT and [IPv6]:PORT', () => {
    expect(parseEmitTarget('127.0.0.1:1162', '--trap-to')).toEqual({ host: '127.0.0.1', port: 1162 });
    expect(parseEmitTarget('nms.example.net:514', '--syslog-to')).toEqual({ host: 'nms.example.net', port: 514 });
    expect(parseEmitTarget('[::1]:162', '--trap-to')).toEqual({ host: '::1', port: 162 });
  });

  it.each(['127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', ':162', '127.0.0.1:16x'])('refuses %s, naming the option', (given) => {
    expect(() => parseEmitTarget(given, '--trap-to')).toThrow(EmitTargetError);
    expect(() => parseEmitTarget(given, '--trap-to')).toThrow(/--trap-to takes HOST:PORT/);
  });

  it('lab up refuses a bad one as a usage error, before starting anything', async () => {
    const r = await runCli(['lab', 'up', '--devices', '1', '--syslog-to', 'localhost']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--syslog-to takes HOST:PORT/);
  });

  it('lab up takes --trap-version 3 or 2c, and refuses anything else as a usage error', async () => {
    const r = await runCli(['lab', 'up', '--devices', '1', '--trap-to', '127.0.0.1:1162', '--trap-version', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--trap-version.*Allowed choices are 3, 2c/);
  });
});
