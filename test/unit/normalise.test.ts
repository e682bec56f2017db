// Configuration text as backup stores it, on real recordings: Oxidized's C9200L
// session (IOS-XE 17.9), the V-SOL OLT's paged session, NAPALM's IOS running and
// startup configs (test/fixtures/real; sources in test/fixtures/SOURCES.md).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changeRunning } from '../../src/lab/model.js';
import { setLine } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import { IOS_PAGER } from '../../src/lab/personalities/cisco-iosxe/cli.js';
import * as show from '../../src/lab/personalities/cisco-iosxe/show.js';
import { initialState } from '../../src/lab/personalities/cisco-iosxe/state.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import {
  SECRET_MASK,
  comparableConfig,
  extractConfig,
  isComplete,
  maskSecrets,
  maskedLines,
  unsavedLines,
  withoutComments,
} from '../../src/config/normalise.js';
import { PLATFORM_NAMES, platformByName } from '../../src/platforms/index.js';
import { stripTerminal } from '../../src/transport/terminal-text.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

/** What the device printed for `command` in a recorded session: echo, output, next prompt. */
function recorded(file: string, command: string): string {
  const session = parseRecordedSession(real(file));
  const exchange = session.exchanges.find((e) => e.send === `${command}\n`);
  if (!exchange) throw new Error(`${command} is not in ${file}`);
  return exchange.output;
}

const C9200L = 'oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml';
const VSOL = 'oxidized/vsololt#V1600G0-B_V1.4.13R#simulation.yaml';

// The lines IOS rewrites by itself (volatile), which normalisation drops.
const VOLATILE_SHAPES = [
  /^Building configuration/,
  /^Current configuration/,
  /^! Last configuration change/,
  /^! NVRAM config last updated/,
  /^! No configuration change since last restart/,
  /^ntp clock-period/,
  /^Using \d+ out of \d+ bytes/,
];

// ---------------------------------------------------------------- extractConfig

describe('extractConfig on the real C9200L recording', () => {
  const raw = recorded(C9200L, 'show running-config');
  const config = extractConfig(ciscoIos, raw);

  it('starts at `version 17.9`: echo, header and its `!` brackets are gone', () => {
    expect(config.startsWith('version 17.9\n')).toBe(true);
  });

  it('ends with `end` and one newline: the blank line and the prompt after it are gone', () => {
    expect(config.endsWith('\n!\nend\n')).toBe(true);
    expect(config).not.toContain('LAB-SW123_9200L#');
  });

  it('has none of the volatile lines', () => {
    const lines = config.split('\n');
    for (const shape of VOLATILE_SHAPES) expect(lines.filter((l) => shape.test(l))).toEqual([]);
  });

  it('keeps the configuration itself, banners and trailing spaces included', () => {
    expect(config).toContain('\ninterface GigabitEthernet1/0/1\n description oxidized test one\n');
    expect(config).toContain('\nbanner login ^C\n.\nLogin banner.\n.\n^C\n');
    expect(config).toContain('\naaa authorization exec default group tacacs+ if-authenticated \n');
  });

  it('is complete', () => {
    expect(isComplete(ciscoIos, config)).toBe(true);
  });

  it('reads the same over a PTY (CRLF) and through the IOS pager the lab models', () => {
    expect(extractConfig(ciscoIos, raw.replace(/\n/g, '\r\n'))).toBe(config);
    // Every 23 lines: ` --More-- `, then the erase IOS sends once space is pressed.
    const lines = raw.split('\n');
    const paged = lines.map((l, i) => (i > 0 && i % 23 === 0 ? IOS_PAGER.prompt + IOS_PAGER.erase + l : l)).join('\r\n');
    expect(paged).toContain('\b');
    expect(extractConfig(ciscoIos, paged)).toBe(config);
  });
});

describe('extractConfig', () => {
  it('gives the same text for NAPALM’s IOS running and startup configs, which differ only in their headers', () => {
    const running = extractConfig(ciscoIos, real('napalm/ios/test_get_config/normal/show_running_config.txt'));
    const startup = extractConfig(ciscoIos, real('napalm/ios/test_get_config/normal/show_startup_config.txt'));
    expect(running.startsWith('version 15.5\n')).toBe(true);
    expect(running).toBe(startup);
    expect(isComplete(ciscoIos, startup)).toBe(true);
  });

  it('drops an echo that follows the prompt, and the `Using … bytes` header of a startup config', () => {
    const raw = 'sw1#show startup-config\r\nUsing 1366 out of 2097152 bytes\r\n!\r\nhostname sw1\r\n!\r\nend\r\n\r\nsw1#';
    expect(extractConfig(ciscoIos, raw)).toBe('hostname sw1\n!\nend\n');
  });

  it('keeps ntp clock-period out even in the middle of the configuration', () => {
    expect(extractConfig(ciscoIos, 'hostname sw1\nntp clock-period 36028797\nntp server 10.0.0.1\nend\n')).toBe('hostname sw1\nntp server 10.0.0.1\nend\n');
  });

  it('returns nothing for nothing', () => {
    expect(extractConfig(ciscoIos, 'show running-config\r\n\r\nsw1#')).toBe('');
  });

  it('drops a line any one volatile pattern matches, whatever their flags and groups (read as one expression only where that reads the same)', () => {
    const mixed = {
      ...ciscoIos,
      volatile: [/^clock stamp (\d+) \1$/, /^UPTIME \d+$/i, /^(?<word>cycle) \k<word>$/, /^ntp clock-period \d+\s*$/g],
    };
    const raw = 'hostname sw1\nclock stamp 7 7\nclock stamp 7 8\nuptime 12\ncycle cycle\nntp clock-period 1\nntp clock-period 2\nend\n';
    expect(extractConfig(mixed, raw)).toBe('hostname sw1\nclock stamp 7 8\nend\n');
    const sameFlags = { ...ciscoIos, volatile: [/^a \d+$/, /^(b|c) \d+$/, /x$/] };
    expect(extractConfig(sameFlags, 'a 1\nb 2\nc d\nzx\nend\n')).toBe('c d\nend\n');
  });
});

describe('comparableConfig', () => {
  it('is withoutComments of extractConfig, on real captures read by every platform', () => {
    const files = [
      'napalm/ios/test_get_config/normal/show_running_config.txt',
      'napalm/ios/test_get_config/normal/show_startup_config.txt',
      'napalm-procurve',
      'napalm-dellos10',
    ];
    const texts: string[] = [];
    const collect = (path: string) => {
      const full = join(REAL, path);
      if (statSync(full).isDirectory()) for (const e of readdirSync(full)) collect(join(path, e));
      else texts.push(real(path));
    };
    files.forEach(collect);
    texts.push('', '\n\n', 'show running-config\r\n\r\nsw1#');
    expect(texts.length).toBeGreaterThan(10);
    for (const name of PLATFORM_NAMES) {
      const platform = platformByName(name)!;
      for (const text of texts) expect(comparableConfig(platform, text)).toBe(withoutComments(platform.syntax, extractConfig(platform, text)));
    }
  });
});

// ---------------------------------------------------------------- stripTerminal

describe('stripTerminal', () => {
  it('on the real V-SOL paged recording, joined page by page, leaves no backspace, pager or NUL', () => {
    const session = parseRecordedSession(real(VSOL));
    const start = session.exchanges.findIndex((e) => e.send === 'show running-config\n');
    const pages = [session.exchanges[start]];
    for (const e of session.exchanges.slice(start + 1)) {
      if (e.send !== ' ') break;
      pages.push(e);
    }
    const joined = pages.map((e) => e?.output ?? '').join('');
    expect(pages.length).toBeGreaterThan(10);
    expect(joined).toContain('--More--');
    expect(joined).toContain('\b');
    expect(joined).toContain('\x00');

    const text = stripTerminal(joined, ciscoIos.pagers);
    expect(text).not.toContain('\b');
    expect(text).not.toContain('--More--');
    expect(text).not.toContain('\x00');
    expect(text).not.toContain('\r');
    // Where the pages meet, the lines are whole: page 1 ends `exit`, page 2 starts `!`;
    // page 3 starts mid-interface with `storm-control unknow fps 512` (read from the recording).
    expect(text).toContain('\nipv6 nd mtu-option\nexit\n!\n!\n');
    expect(text.split('\n')).toContain('storm-control unknow fps 512');
    expect(text.split('\n').filter((l) => /^\s+$/.test(l))).toEqual([]);
  });

  it('removes ESC[K, colours and cursor moves, and applies `\\b \\b` erasure', () => {
    const erase = '\b \b'.repeat(10);
    expect(stripTerminal('one\r\n\x1b[K --More-- ' + erase + '\x1b[Ktwo\r\n', ciscoIos.pagers)).toBe('one\ntwo\n');
    expect(stripTerminal('\x1b[7m--More--\x1b[27m\x1b[8Dthree', ciscoIos.pagers)).toBe('three');
    expect(stripTerminal('\x1b]0;title\x07sw1#')).toBe('sw1#');
  });

  it('redraws a line after a carriage return, as a terminal does', () => {
    expect(stripTerminal(' -- More -- \r            \rinterface Vlan1\r\n', ciscoIos.pagers)).toBe('interface Vlan1\n');
  });

  it('drops a line that only held a pager nobody erased, and keeps a tab', () => {
    expect(stripTerminal('a\n<--- More --->\n  \tquit\n', ciscoIos.pagers)).toBe('a\n  \tquit\n');
  });
});

// ---------------------------------------------------------------- isComplete

describe('isComplete', () => {
  const config = extractConfig(ciscoIos, recorded(C9200L, 'show running-config'));

  it('refuses a configuration cut before `end`', () => {
    expect(isComplete(ciscoIos, config.slice(0, config.length / 2))).toBe(false);
  });

  it('refuses output that holds an IOS error', () => {
    expect(isComplete(ciscoIos, `${config}% Invalid input detected at '^' marker.\n`)).toBe(false);
    expect(isComplete(ciscoIos, `%Error opening nvram:/startup-config (No such file or directory)\nend\n`)).toBe(false);
  });
});

// ---------------------------------------------------------------- maskSecrets

describe('maskSecrets', () => {
  const config = extractConfig(ciscoIos, recorded(C9200L, 'show running-config'));
  const masked = maskSecrets(ciscoIos, config);
  const changed = (before: string, after: string): [string, string][] => {
    const a = before.split('\n');
    return after
      .split('\n')
      .map((l, i): [string, string] => [a[i] ?? '', l])
      .filter(([x, y]) => x !== y);
  };

  it('masks exactly the secrets of the real C9200L config, keeping what follows them', () => {
    expect(changed(config, masked).map(([, after]) => after)).toEqual([
      ` client 10.10.10.10 server-key ${SECRET_MASK}`,
      ` client 10.10.20.20 server-key 7 ${SECRET_MASK}`,
      `enable secret 9 ${SECRET_MASK}`,
      `username oxidized secret 9 ${SECRET_MASK}`,
      `username rocks secret 9 ${SECRET_MASK}`,
      `snmp-server community ${SECRET_MASK} RW 5`,
      `snmp-server host 10.42.0.33 version 2c ${SECRET_MASK} `,
      `snmp-server host 10.42.0.34 version 2c ${SECRET_MASK} `,
      `snmp-server host 10.42.0.35 vrf Mgmt-vrf informs version 2c ${SECRET_MASK}  tty vtp`,
    ]);
    // An SNMPv3 host names a user, not a secret; the banners say nothing secret.
    expect(masked).toContain('snmp-server host 10.42.0.36 vrf Mgmt-vrf informs version 3 auth oxidized  bfd bridge transceiver\n');
    expect(masked).not.toContain('SECRET_');
  });

  it.each([
    ['enable password cisco', `enable password ${SECRET_MASK}`],
    ['username cisco privilege 15 password 0 cisco', `username cisco privilege 15 password 0 ${SECRET_MASK}`],
    ['tacacs-server key 7 0822455D0A16', `tacacs-server key 7 ${SECRET_MASK}`],
    [
      'radius-server host 10.0.0.1 auth-port 1645 acct-port 1646 key 7 121A0C041104',
      `radius-server host 10.0.0.1 auth-port 1645 acct-port 1646 key 7 ${SECRET_MASK}`,
    ],
    [' key 7 070C285F4D06', ` key 7 ${SECRET_MASK}`], // under `tacacs server ISE`
    [' key plaintext', ` key ${SECRET_MASK}`],
    ['  key-string 7 1511021F0725', `  key-string 7 ${SECRET_MASK}`],
    [' password 7 094F471A1A0A', ` password 7 ${SECRET_MASK}`], // under `line vty 0 4`
    [' neighbor 10.0.0.2 password 7 01100F175804', ` neighbor 10.0.0.2 password 7 ${SECRET_MASK}`],
    [' ip ospf message-digest-key 1 md5 7 0822455D0A16', ` ip ospf message-digest-key 1 md5 7 ${SECRET_MASK}`],
    ['crypto isakmp key 6 secretkey address 10.0.0.1', `crypto isakmp key 6 ${SECRET_MASK} address 10.0.0.1`],
  ])('masks %j', (line, expected) => {
    expect(maskSecrets(ciscoIos, line)).toBe(expected);
  });

  it.each([
    'service password-encryption',
    'security passwords min-length 8',
    'password encryption aes',
    'key chain OSPF',
    ' key 1',
    ' description reset the password every month',
    'aaa authentication enable default group tacacs+ enable',
  ])('leaves %j alone', (line) => {
    expect(maskSecrets(ciscoIos, line)).toBe(line);
  });

  it('leaves a certificate block alone: its hex is public (synthetic block in the shape IOS prints)', () => {
    const cert = [
      'crypto pki certificate chain TP-self-signed-1234567890',
      ' certificate self-signed 01',
      '  30820330 30820218 A0030201 02020101 300D0609 2A864886 F70D0101 05050030',
      '  31312F30 2D060355 04031326 494F532D 53656C66 2D536967 6E65642D 43657274',
      '  \tquit',
    ].join('\n');
    expect(maskSecrets(ciscoIos, cert)).toBe(cert);
  });

  it('leaves banner text alone even when it says password', () => {
    const banner = 'banner motd ^C\nNever share your password with anyone\n^C\nend\n';
    expect(maskSecrets(ciscoIos, banner)).toBe(banner);
  });

  it('names the masked lines', () => {
    expect(maskedLines(masked)).toHaveLength(9);
    expect(maskedLines(config)).toEqual([]);
  });
});

// ---------------------------------------------------------------- unsavedLines

describe('unsavedLines', () => {
  const startup = [
    'hostname sw1',
    '!',
    'interface GigabitEthernet1/0/7',
    ' switchport mode access',
    '!',
    'interface GigabitEthernet1/0/8',
    ' description old',
    '!',
    'end',
    '',
  ].join('\n');

  it('reports nothing when running and startup agree', () => {
    expect(unsavedLines(ciscoIos.syntax, startup, startup)).toEqual({ added: [], removed: [], counts: { added: 0, removed: 0 } });
  });

  it('reports an indented line with its parent', () => {
    const running = startup.replace(' switchport mode access', ' description x\n switchport mode access');
    expect(unsavedLines(ciscoIos.syntax, running, startup)).toEqual({
      added: ['interface GigabitEthernet1/0/7', ' description x'],
      removed: [],
      counts: { added: 1, removed: 0 },
    });
  });

  it('reports a changed line as removed from startup and added to running, each with its parent', () => {
    const running = startup.replace(' description old', ' description new');
    expect(unsavedLines(ciscoIos.syntax, running, startup)).toEqual({
      added: ['interface GigabitEthernet1/0/8', ' description new'],
      removed: ['interface GigabitEthernet1/0/8', ' description old'],
      counts: { added: 1, removed: 1 },
    });
  });

  it('prints a new block once, in running order, and ignores `!` lines', () => {
    const running = startup.replace('end\n', 'interface Vlan2\n ip address 10.0.0.1 255.255.255.0\n!\n!\nntp server 10.0.0.9\nend\n');
    expect(unsavedLines(ciscoIos.syntax, running, startup).added).toEqual(['interface Vlan2', ' ip address 10.0.0.1 255.255.255.0', 'ntp server 10.0.0.9']);
  });

  it('follows nesting deeper than one level', () => {
    const base = 'router bgp 65000\n address-family ipv4\n  neighbor 10.0.0.2 activate\n exit-address-family\nend\n';
    const running = base.replace('  neighbor 10.0.0.2 activate\n', '  neighbor 10.0.0.2 activate\n  neighbor 10.0.0.3 activate\n');
    expect(unsavedLines(ciscoIos.syntax, running, base).added).toEqual(['router bgp 65000', ' address-family ipv4', '  neighbor 10.0.0.3 activate']);
  });

  it('reports changed banner text under its banner', () => {
    const base = 'banner motd ^C\nAuthorised users only\n^C\nend\n';
    expect(unsavedLines(ciscoIos.syntax, base.replace('Authorised', 'Authorized'), base)).toEqual({
      added: ['banner motd ^C', 'Authorized users only'],
      removed: ['banner motd ^C', 'Authorised users only'],
      counts: { added: 1, removed: 1 },
    });
  });

  it('sees reordered access-list entries, whose order matters', () => {
    const base = 'access-list 10 permit 10.0.0.1\naccess-list 10 deny any\nend\n';
    const running = 'access-list 10 deny any\naccess-list 10 permit 10.0.0.1\nend\n';
    const diff = unsavedLines(ciscoIos.syntax, running, base);
    expect(diff.added.length + diff.removed.length).toBeGreaterThan(0);
  });

  it('still reports every line, with its parent, when too much differs for a sequence diff', () => {
    const ports = (description: string) =>
      Array.from({ length: 1500 }, (_, i) => `interface GigabitEthernet1/0/${i}\n description ${description} ${i}\n!`).join('\n') + '\nend\n';
    const diff = unsavedLines(ciscoIos.syntax, ports('new'), ports('old'));
    expect(diff.added).toHaveLength(3000);
    expect(diff.removed).toHaveLength(3000);
    expect(diff.added.slice(0, 2)).toEqual(['interface GigabitEthernet1/0/0', ' description new 0']);
  });

  it('finds an unsaved change on a lab switch between its extracted running and startup configs', () => {
    const NOW = Date.UTC(2024, 7, 20, 9, 37, 40);
    const spec: LabSwitchSpec = { name: 'sw', hostname: 'sw', index: 1, members: [{ number: 1, priority: 15, model: 'C9300-48P', feed: 'A' }] };
    const state = initialState(spec, NOW);
    const same = unsavedLines(ciscoIos.syntax, extractConfig(ciscoIos, show.showRunning(state, NOW)), extractConfig(ciscoIos, show.showStartup(state)));
    expect(same).toEqual({ added: [], removed: [], counts: { added: 0, removed: 0 } });

    changeRunning(
      state,
      (tree) => {
        const port = tree.find((n) => n.line === 'interface GigabitEthernet1/0/7');
        if (!port) throw new Error('the lab switch has no GigabitEthernet1/0/7');
        setLine(port.children, 'description x', () => false);
        return tree;
      },
      'ops',
      NOW + 1000,
    );
    const running = extractConfig(ciscoIos, show.showRunning(state, NOW + 2000));
    const startup = extractConfig(ciscoIos, show.showStartup(state));
    expect(unsavedLines(ciscoIos.syntax, running, startup)).toEqual({
      added: ['interface GigabitEthernet1/0/7', ' description x'],
      removed: [],
      counts: { added: 1, removed: 0 },
    });
  });
});
