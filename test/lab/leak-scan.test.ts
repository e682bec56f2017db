// The leak scan: a full lab cycle through the real CLI (backup; check live, offline and
// over SNMP; diff in each form; history; restore and recover, dry run and real; ready and
// ready --save; each in text and --json) with a recognisable value in every secret-bearing
// construct the IOS platform knows and in every inventory secret (SSH password, enable
// secret, SNMPv3 auth and priv keys, v2c community). No canary may appear in stdout,
// stderr, a commit message (full bodies), state.json, the run status file or an alert (every
// command that alerts runs with an exec hook that collects its payloads). The stored
// configurations (running.cfg, startup.cfg, last-good.cfg) hold secrets on purpose:
// restore types them back, so they are not scanned.
//
// Failures name where and how many, never the matched text: the test's own output must
// stay free of the canaries too.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { simpleGit } from 'simple-git';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK, secretPatternFor } from '../../src/config/normalise.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import { runCli } from '../helpers/cli.js';
import { canaryCredentials, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

/** Every canary starts with this, so one search finds them all. */
const CANARY = 'LEAKCANARY';

/** Inventory secrets: what switchback logs in and polls with. */
const CREDENTIALS = canaryCredentials(CANARY);

/**
 * Configuration holding a canary in each secret-bearing construct, one lab event per
 * block, each line indented as IOS prints it under its parents.
 */
const CANARY_BLOCKS: string[][] = [
  ['tacacs server T1', ' address ipv4 192.0.2.9', ` key 0 a key with ${CANARY}tacacs in it`],
  ['radius server R1', ' address ipv4 192.0.2.10 auth-port 1812 acct-port 1813', ` key ${CANARY}radius`, ` pac key 7 ${CANARY}pac`],
  ['aaa group server tacacs+ TG', ` server-private 192.0.2.11 key 7 ${CANARY}private`],
  ['aaa server radius dynamic-author', ` client 192.0.2.12 server-key 7 ${CANARY}dynauth`],
  [`tacacs-server key 7 ${CANARY}tacacsserver`, `radius-server host 192.0.2.13 auth-port 1645 acct-port 1646 key 7 ${CANARY}radhost`],
  [`enable password 0 ${CANARY}enablepw`, `username leaker privilege 15 secret 0 ${CANARY}usersecret`, `username leaker2 password 0 ${CANARY}userpw`],
  [
    `snmp-server community ${CANARY}community RO`,
    `snmp-server host 192.0.2.15 version 2c ${CANARY}traphost`,
    `snmp-server user leaker netops v3 auth sha ${CANARY}v3auth priv aes 128 ${CANARY}v3priv`,
  ],
  [`ntp authentication-key 1 md5 ${CANARY}ntp 7`],
  ['key chain KC', ' key 1', `  key-string 7 ${CANARY}keystring`],
  [
    'interface GigabitEthernet1/0/10',
    ` ip ospf authentication-key ${CANARY}ospf`,
    ` ip ospf message-digest-key 1 md5 ${CANARY}md5`,
    ` standby 1 authentication ${CANARY}hsrp`,
    ` standby 3 authentication md5 key-string ${CANARY}hsrpmd5`,
    ` vrrp 2 authentication text ${CANARY}vrrp`,
    ` ipv6 ospf authentication ipsec spi 500 sha1 ${CANARY}ospfv3`,
    ` ipv6 ospf encryption ipsec spi 1001 esp aes-cbc 128 ${CANARY}esp sha1 ${CANARY}espauth`,
  ],
  [
    'router ospf 1',
    ` area 1 virtual-link 192.0.2.16 authentication-key ${CANARY}vlink`,
    ` area 2 virtual-link 192.0.2.26 message-digest-key 1 md5 ${CANARY}vlinkmd5`,
  ],
  ['router bgp 65000', ' neighbor 192.0.2.17 remote-as 65001', ` neighbor 192.0.2.17 password 7 ${CANARY}bgp`],
  ['router isis', ` area-password ${CANARY}isis`, ` domain-password ${CANARY}isisdomain`],
  [
    `crypto isakmp key 6 ${CANARY}isakmp address 192.0.2.18`,
    'crypto keyring KR',
    ` pre-shared-key address 192.0.2.19 key ${CANARY}keyring`,
    ` pre-shared-key hostname peer1 key ${CANARY}keyringhost`,
  ],
  ['crypto ikev2 keyring K2', ' peer P1', '  address 192.0.2.20', `  pre-shared-key local 0 ${CANARY}ikev2`],
  ['crypto ikev2 profile PR', ` authentication remote pre-share key ${CANARY}preshare`],
  ['crypto isakmp client configuration group G', ` key ${CANARY}group`],
  ['line vty 0 4', ` password 0 ${CANARY}vty`],
  [
    `ip ftp password ${CANARY}ftp`,
    `ip http client password 0 ${CANARY}http`,
    `vtp password ${CANARY}vtp`,
    `key config-key password-encrypt ${CANARY}configkey`,
  ],
  ['archive', ` path ftp://backup:${CANARY}url@192.0.2.7/$h`],
];

/**
 * Constructs of the platform that a lab switch (a C9300 stack) has no place for: an
 * autonomous AP's SSID, a wireless controller's WLAN, a DMVPN tunnel, a manually keyed
 * crypto map. test/unit/mask-secrets.test.ts covers them.
 */
const NOT_ON_THE_LAB = [
  ' wpa-psk ascii 0 x',
  ' security wpa psk set-key ascii 0 x',
  ' ip nhrp authentication x',
  ' set session-key inbound esp 256 cipher x authenticator y',
];

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

/** Everything the CLI printed, by command. */
const printed: { what: string; stdout: string; stderr: string }[] = [];

/** Every alert the commands that alert sent (an exec hook appends each payload here), scanned like their output. */
let alerts: string;
const ALERTING = ['backup', 'check', 'ready', 'restore', 'recover'];

async function cli(...args: string[]) {
  const hook = ALERTING.includes(args[0]!) ? ['--exec-hook', `cat >> '${alerts}'`] : [];
  const run = await runCli([...args, '--inventory', inventory, '--backups', backups, ...hook], { env });
  printed.push({ what: args.join(' '), stdout: run.stdout, stderr: run.stderr });
  return run;
}

const running = (name: string) => renderConfig(fleet.get(name).state.running);

/** A line fit to print in a failure: its canaries blanked out. */
const blank = (line: string) => line.replaceAll(CANARY, '…');

/** Where the canary occurs in `text`, as a count (never the text itself). */
const canaries = (text: string) => text.split(CANARY).length - 1;

beforeAll(async () => {
  fleet = await startFleet({ count: 2, specs: [stackSpec('lk-a', 2, 1), stackSpec('lk-b', 1, 2)], credentials: CREDENTIALS });
  let dir: string;
  ({ dir, inventory, backups } = labInventory(fleet, 'switchback-leak-'));
  alerts = join(dir, 'alerts.jsonl');
  // lk-b polls with the v2c community, so that inventory secret is used as well.
  const doc = parse(readFileSync(inventory, 'utf8')) as { devices: { name: string; snmp: Record<string, unknown> }[] };
  const b = doc.devices.find((d) => d.name === 'lk-b')!;
  b.snmp = { version: 2, community: 'env:SWITCHBACK_LAB_COMMUNITY', port: b.snmp.port };
  writeFileSync(inventory, stringify(doc));
  env = labEnv(fleet.exports());
  env.NO_COLOR = '1';
  expect((await cli('backup')).code).toBe(0);
}, 300_000);
afterAll(() => fleet?.stop());

describe('leak scan', () => {
  it('the canaries cover every secret construct of the platform and land where they were typed', async () => {
    const lines = CANARY_BLOCKS.flat();
    const covered = new Set([...lines, ...NOT_ON_THE_LAB].map((l) => secretPatternFor(ciscoIos, l)));
    expect(ciscoIos.secrets.filter((p) => !covered.has(p)).map(String)).toEqual([]);
    // Every canary line is one the platform masks (a line no pattern knows would prove nothing).
    expect(lines.filter((l) => l.includes(CANARY) && secretPatternFor(ciscoIos, l) === undefined).length).toBe(0);

    for (const name of ['lk-a', 'lk-b']) for (const block of CANARY_BLOCKS) await fleet.apply(name, { kind: 'change', lines: block });
    for (const name of ['lk-a', 'lk-b']) {
      const have = new Set(
        running(name)
          .split('\n')
          .map((l) => l.trimEnd()),
      ); // IOS ends some lines with a space
      // Named with the canary blanked out, so that a failure prints none.
      expect(lines.filter((l) => !have.has(l)).map(blank), `${name}: canary lines not where typed`).toEqual([]);
    }
  });

  it('backup, check, diff and history show the unsaved secrets masked', { timeout: 600_000 }, async () => {
    const backupJson = await cli('backup', '--json');
    expect(backupJson.code).toBe(3);
    expect(backupJson.stdout).toContain(SECRET_MASK);
    await cli('backup');
    for (const mode of [[], ['--offline'], ['--snmp']]) {
      await cli('check', ...mode);
      await cli('check', ...mode, '--json');
    }
    expect(printed.find((p) => p.what === 'check')?.stdout).toContain(SECRET_MASK);

    // A secret changed since the backup, so that `diff --live --against backup` has one to show.
    await fleet.apply('lk-a', { kind: 'change', lines: ['tacacs server T1', ` key 0 ${CANARY}live`] });
    const revs = (await simpleGit(backups).log()).all.map((c) => c.hash);
    const first = revs[revs.length - 1]!;
    // [form, whether it has a secret line to show]: last good is the backup's running
    // config, so only the live side differs from it.
    const forms: [string[], boolean][] = [
      [[], true],
      [['--live'], true],
      [['--live', '--against', 'backup'], true],
      [['--against', 'good'], false],
      [['--live', '--against', 'good'], true],
      [['--against', first], true],
    ];
    for (const [form, shows] of forms) {
      const text = await cli('diff', 'lk-a', ...form);
      if (shows) expect(text.stdout, `diff ${form.join(' ')}`).toContain(SECRET_MASK);
      await cli('diff', 'lk-a', ...form, '--json');
    }
    await cli('history');
    await cli('history', '--json');
  });

  it('restore and recover, dry run and real, type the secrets and show none', { timeout: 900_000 }, async () => {
    for (const name of ['lk-a', 'lk-b']) await fleet.apply(name, { kind: 'save' });
    expect((await cli('backup')).code).toBe(0);
    expect(canaries(readFileSync(join(backups, 'lk-b', 'last-good.cfg'), 'utf8'))).toBeGreaterThan(0);

    const lose = () => fleet.apply('lk-b', { kind: 'power-cycle', loseConfig: true });
    const restored = () => expect(running('lk-b')).toContain(` key 0 a key with ${CANARY}tacacs in it\n`);

    await lose();
    expect((await cli('restore', 'lk-b', '--dry-run')).stdout).toContain(SECRET_MASK);
    await cli('restore', 'lk-b', '--dry-run', '--json');
    await cli('recover', '--dry-run');
    await cli('recover', '--dry-run', '--json');

    for (const run of [
      ['restore', 'lk-b', '--yes'],
      ['restore', 'lk-b', '--yes', '--json'],
      ['recover', '--yes'],
      ['recover', '--yes', '--json'],
    ]) {
      await cli(...run);
      restored();
      await lose();
    }
    // Back to the configuration with its secrets for what follows.
    await cli('restore', 'lk-b', '--yes');
    restored();
  });

  it('ready and ready --save show the unsaved secrets masked', { timeout: 600_000 }, async () => {
    const change = (n: number) => fleet.apply('lk-a', { kind: 'change', lines: ['tacacs server T1', ` key 0 ${CANARY}ready${n}`] });
    await cli('backup');
    await change(1);
    expect((await cli('ready')).stdout).toContain(SECRET_MASK);
    await cli('ready', '--json');
    await cli('ready', '--save', '--yes');
    expect(fleet.status().find((s) => s.name === 'lk-a')?.unsaved).toBe(false);
    await change(2);
    await cli('ready', '--save', '--yes', '--json');
    expect(fleet.status().find((s) => s.name === 'lk-a')?.unsaved).toBe(false);
  });

  it('no canary in anything printed, any commit message, state.json (any version) or the run status', async () => {
    const found: string[] = [];
    const count = (where: string, text: string) => {
      const n = canaries(text);
      if (n > 0) found.push(`${where}: ${n}`);
    };
    for (const p of printed) {
      count(`${p.what} (stdout)`, p.stdout);
      count(`${p.what} (stderr)`, p.stderr);
    }
    const log = await simpleGit(backups).raw(['log', '--all', '--format=%H%n%B']);
    count('commit messages', log);
    // …and every version of them the history holds (a secret committed once stays in git).
    const history = await simpleGit(backups).raw(['log', '--all', '-p', '--format=%H', '--', '.', ':(exclude)*.cfg']);
    count('committed state.json, run status and known hosts, every version', history);
    // Every file the tool keeps beside the configurations: state.json, the run status, known hosts…
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === '.git' ? [] : e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const kept = files(backups).filter((f) => !f.endsWith('.cfg'));
    expect(kept.some((f) => f.endsWith('state.json'))).toBe(true);
    expect(kept.some((f) => f.endsWith('.run-status.json'))).toBe(true);
    for (const f of kept) count(relative(backups, f), readFileSync(f, 'utf8'));
    // The alerts: every run with findings or failures sent one, with its lines and diffs.
    const sent = readFileSync(alerts, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.some((l) => l.includes(SECRET_MASK))).toBe(true);
    count('alert payloads (exec hook)', sent.join('\n'));
    expect(found).toEqual([]);
    // Every command of the cycle ran (a step that stopped early would scan less).
    expect(printed.length).toBe(38);
  });
});
