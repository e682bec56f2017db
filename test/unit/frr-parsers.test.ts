// FRR's pure parsers against real recordings from real FRRouting 8.4.4 (test/fixtures/frr,
// made by test/peers/record-frr.ts; see test/fixtures/SOURCES.md). Expected values were
// read from the recordings by eye.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFactoryDefault } from '../../src/platforms/frr/factory-default.js';
import { parseVersion } from '../../src/platforms/frr/parse-version.js';

const FRR = fileURLToPath(new URL('../fixtures/frr/', import.meta.url));
const recorded = (file: string): string => readFileSync(join(FRR, file), 'utf8');

describe('frr show version', () => {
  it('reads the version and the host name from the real output (CRLF as the terminal sent it)', () => {
    const facts = parseVersion(recorded('show-version.txt'));
    expect(facts).toEqual({ hostname: 'leaf1', version: '8.4.4', serials: [], members: [] });
  });

  it('reads the same from a whole recorded session (banner, prompts and all)', () => {
    const session = recorded('session-shell.txt');
    const from = session.indexOf('leaf1# show version');
    expect(parseVersion(session.slice(from)).hostname).toBe('leaf1');
  });

  it('other FRR versions and host names print the same banner', () => {
    expect(parseVersion('FRRouting 10.1.1 (spine-02.dc1) on Linux(5.10.0-cl-1-amd64).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\n')).toEqual({
      hostname: 'spine-02.dc1',
      version: '10.1.1',
      serials: [],
      members: [],
    });
  });

  it('says nothing it did not read: not FRR, or FRR down', () => {
    expect(parseVersion(recorded('daemons-down.txt'))).toEqual({ serials: [], members: [] });
    expect(parseVersion('Cisco IOS XE Software, Version 17.09.04a\n')).toEqual({ serials: [], members: [] });
  });
});

describe('frr factory default', () => {
  it('the saved file of a fresh switch is a factory default (no `end` in it)', () => {
    const saved = recorded('frr.conf-factory');
    expect(saved).not.toMatch(/^end$/m);
    expect(isFactoryDefault(saved)).toBe(true);
  });

  it('the running config of a fresh switch is a factory default (with `end`, CRLF, header)', () => {
    expect(isFactoryDefault(recorded('show-running-config-factory.txt'))).toBe(true);
  });

  it('a switch with a route, an interface description or a router is not', () => {
    expect(isFactoryDefault(recorded('frr.conf'))).toBe(false);
    expect(isFactoryDefault(recorded('show-running-config.txt'))).toBe(false);
    expect(isFactoryDefault(recorded('show-running-config-after-no.txt'))).toBe(false);
  });

  it('one configured line is enough to make it not a default', () => {
    const fresh = recorded('frr.conf-factory');
    expect(isFactoryDefault(`${fresh}ip route 192.0.2.0/24 Null0\n`)).toBe(false);
    expect(isFactoryDefault(`${fresh}log syslog informational\n`)).toBe(false);
  });

  it('forwarding on (no line) or off, comments and either profile are still FRR’s own', () => {
    const text = ['# written by hand', 'frr version 8.4.4', 'frr defaults datacenter', 'hostname leaf9', 'ip forwarding', '!', ''].join('\n');
    expect(isFactoryDefault(text)).toBe(true);
  });

  it('an empty or missing file is no configuration, not a default one', () => {
    expect(isFactoryDefault('')).toBe(false);
    expect(isFactoryDefault('!\n')).toBe(false);
    expect(isFactoryDefault(recorded('show-startup-config.txt'))).toBe(false);
  });
});
