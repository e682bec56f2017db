// The cisco-nxos platform's parsers and configuration data on every real NX-OS capture in
// test/fixtures/real (SOURCES.md): Oxidized's two session recordings (Nexus 93180 10.4(5),
// Nexus 5548 7.3(13)) and what Oxidized stored from them, napalm nxos_ssh's running/startup
// pair (a real unsaved change) and N7009 `show version`, ntc-templates' and genieparser's
// `show version`, and genieparser's seven real `show vpc` outputs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, maskSecrets, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { ciscoNxos } from '../../src/platforms/cisco-nxos/index.js';
import { negate, replaces } from '../../src/platforms/cisco-nxos/configure.js';
import { detectPlatform } from '../../src/jobs/snmp-facts.js';
import { platformByName } from '../../src/platforms/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

const RECORDINGS = { '93180': 'nxos#C93180YC-FX3J_10.4.5', N5548: 'nxos#N5548_7.3.13' } as const;
type Model = keyof typeof RECORDINGS;
const MODELS = Object.keys(RECORDINGS) as Model[];
const session = (m: Model) => parseRecordedSession(real(`oxidized/${RECORDINGS[m]}#simulation.yaml`));
const answer = (m: Model, command: string): string => session(m).exchanges.find((e) => e.send === `${command}\n`)?.output ?? '';
const running = (m: Model): string => extractConfig(ciscoNxos, answer(m, 'show running-config'));

describe('registry', () => {
  it('is in the platform registry under its inventory name, with no stack and a vPC pair', () => {
    expect(platformByName('cisco-nxos')).toBe(ciscoNxos);
    expect(ciscoNxos.stack).toBeUndefined();
    expect(ciscoNxos.pair?.model).toBe('vpc');
    expect(ciscoNxos.pair?.command).toBe('show vpc');
  });
});

describe('SNMP detection', () => {
  it('a Nexus is cisco-nxos, not cisco-ios, though both sit under Cisco’s enterprise number', () => {
    const banner = real('ntc-templates/cisco_nxos/show_version/cisco_nxos_show_version.raw').split('\n').slice(0, 3).join('\n');
    expect(detectPlatform('1.3.6.1.4.1.9.12.3.1.3.1812', banner)).toEqual({ platform: 'cisco-nxos', by: 'sysObjectID and sysDescr' });
    expect(detectPlatform('1.3.6.1.4.1.9.12.3.1.3.1812', 'Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(5), RELEASE SOFTWARE')?.platform).toBe(
      'cisco-nxos',
    );
    expect(detectPlatform('1.3.6.1.4.1.9.1.2494', 'Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a')?.platform).toBe(
      'cisco-ios',
    );
  });
});

describe('prompt', () => {
  it('matches the last line of every recorded answer (drawn after \\r), and the name is group 1', () => {
    for (const m of MODELS) {
      expect(ciscoNxos.prompt.exec(session(m).initPrompt)?.[1]).toBe('TEST-12345');
      for (const e of session(m).exchanges.filter((x) => x.send !== 'exit\n')) expect(ciscoNxos.prompt.exec(e.output)?.[1]).toBe('TEST-12345');
    }
  });

  it('knows configuration-mode prompts; no configuration line is a prompt', () => {
    expect(ciscoNxos.prompt.exec('\rsw1(config)# ')?.[1]).toBe('sw1');
    expect(ciscoNxos.prompt.exec('sw1(config-if)# ')?.[1]).toBe('sw1');
    expect(ciscoNxos.prompt.exec('sw1(config-vpc-domain)# ')?.[1]).toBe('sw1');
    for (const m of MODELS) for (const line of running(m).split('\n')) expect(ciscoNxos.prompt.test(line)).toBe(false);
  });

  it('reads the real refusal as an error', () => {
    const refused = answer('N5548', 'show inventory all');
    expect(ciscoNxos.errors.some((re) => re.test(refused))).toBe(true);
    expect(ciscoNxos.errors.some((re) => re.test(answer('N5548', 'show inventory')))).toBe(false);
  });
});

describe('show version', () => {
  it('the 93180 10.4(5) recording', () => {
    const v = ciscoNxos.parseVersion(answer('93180', 'show version'));
    expect(v).toMatchObject({ hostname: 'TEST-12345', version: '10.4(5)', model: 'Nexus9300 C93180YC-FX3H', serials: ['FDO20000000'], members: [] });
    expect(v.uptimeSeconds).toBe(217 * 86400 + 3 * 3600 + 52 * 60 + 47);
    expect(v.lastReloadReason).toBe('Reset due to upgrade');
  });

  it('the N5548 7.3(13) recording (CRLF, `system:` version)', () => {
    const v = ciscoNxos.parseVersion(answer('N5548', 'show version'));
    expect(v).toMatchObject({ hostname: 'TEST-12345', version: '7.3(13)N1(1)', model: 'Nexus5548', serials: ['FOC00000001'] });
    expect(v.lastReloadReason).toBe('Disruptive upgrade');
  });

  it('napalm N7009, ntc-templates N9K 6.1 and 10.4, genieparser 9.3', () => {
    expect(ciscoNxos.parseVersion(real('napalm/nxos_ssh/test_get_facts/7009_6_2_14/show_version.txt'))).toMatchObject({
      hostname: 'EGGS-SW01',
      version: '6.2(14)',
      model: 'Nexus7000 C7009',
      serials: ['JAF1602BKEN'],
      lastReloadReason: 'Reset Requested by CLI command reload',
    });
    expect(ciscoNxos.parseVersion(real('ntc-templates/cisco_nxos/show_version/cisco_nxos_show_version.raw'))).toMatchObject({
      hostname: 'N9K1',
      version: '6.1(2)I3(1)',
      model: 'Nexus9000 C9396PX',
      serials: ['SAL1819S6LU'],
    });
    expect(ciscoNxos.parseVersion(real('ntc-templates/cisco_nxos/show_version/cisco_nxos_show_version5.raw'))).toMatchObject({
      hostname: 'N9K-LAB-15',
      version: '10.4(5)',
      serials: ['FLM27400B3D'],
    });
    const g = ciscoNxos.parseVersion(real('genieparser/nxos/ShowVersion/golden_output_1_output.txt'));
    expect(g.version).toBe('9.3(6uu)I9(1uu)');
    expect(g.model).toBe('Nexus9000 C9396PX');
  });
});

describe('configuration text', () => {
  it('stores the recorded running configs from `version` on, the header comments dropped, complete without an end marker', () => {
    for (const m of MODELS) {
      const text = running(m);
      expect(text.split('\n')[0]).toMatch(/^version \d/);
      expect(text).not.toMatch(/!Time:|!Command:|!Running configuration last done at:/);
      expect(isComplete(ciscoNxos, text)).toBe(true);
    }
    expect(running('N5548').trimEnd().split('\n').pop()).toMatch(/^boot system bootflash:\/n5000-uk9\.7\.3\.13\.N1\.1\.bin/);
  });

  it('stores what Oxidized stored from the 93180 recording, less its volatile header line', () => {
    const stored = real('oxidized/nxos#C93180YC-FX3J_10.4.5#output.txt');
    const config = stored.slice(stored.indexOf('\n!Command: show running-config'));
    const kept = config
      .split('\n')
      .filter((l) => l !== '' && !ciscoNxos.volatile.some((re) => re.test(l)))
      .join('\n');
    expect(
      running('93180')
        .split('\n')
        .filter((l) => l !== '')
        .join('\n'),
    ).toBe(kept);
  });

  it('refuses a cut capture and an error', () => {
    const text = running('93180');
    expect(isComplete(ciscoNxos, text.split('\n').slice(1).join('\n'))).toBe(false);
    expect(whyIncomplete(ciscoNxos.syntax, 'version 10.4(5)\nhostname a\n')).toMatch(/fewer than 3/);
    expect(isComplete(ciscoNxos, `${text}% Invalid command at '^' marker.\n`)).toBe(false);
  });

  it('napalm’s real running/startup pair: the headers differ only in volatile lines; the unsaved change is snmp and mac-address lines', () => {
    const run = extractConfig(ciscoNxos, real('napalm/nxos_ssh/test_get_config/normal/show_running_config.txt'));
    const start = extractConfig(ciscoNxos, real('napalm/nxos_ssh/test_get_config/normal/show_startup_config.txt'));
    expect(start).not.toMatch(/Startup config saved at/);
    const diff = unsavedLines(ciscoNxos.syntax, run, start);
    expect(diff.added).toContain('snmp-server contact Kirk Byers');
    expect(diff.removed).toContain('snmp-server location Test');
    expect(diff.added.some((l) => /^\s+mac-address 2cc2\.604f\.feb2$/.test(l))).toBe(true);
    expect(diff.counts.added).toBe(diff.counts.removed);
    expect(diff.counts.added).toBeGreaterThan(3);
    // A running config compared with itself, read at another time, is saved.
    expect(unsavedLines(ciscoNxos.syntax, run, run).counts).toEqual({ added: 0, removed: 0 });
  });

  it('masks the real secrets, keeps the rest readable', () => {
    const run = maskSecrets(ciscoNxos, extractConfig(ciscoNxos, real('napalm/nxos_ssh/test_get_config/normal/show_running_config.txt')));
    expect(run).toContain('username admin password 5 <masked>');
    expect(run).not.toContain('$5$aH4ttsPk');
    expect(run).toContain('snmp-server community <masked>');
    expect(run).not.toContain('bogus123');
    expect(run).toContain('snmp-server user pyclass network-admin auth md5 <masked>');
    expect(run).toContain('no password strength-check');
    const r93 = maskSecrets(ciscoNxos, running('93180'));
    expect(r93).not.toContain('AAAAAAAAAABBBBBBBBBB');
    expect(r93).toContain('snmp-server user admin network-admin auth md5 <masked>');
  });

  it('no real configuration is a factory default; the skeleton is', () => {
    for (const m of MODELS) expect(ciscoNxos.isFactoryDefault?.(running(m))).toBe(false);
    expect(ciscoNxos.isFactoryDefault?.(extractConfig(ciscoNxos, real('napalm/nxos_ssh/test_get_config/normal/show_startup_config.txt')))).toBe(false);
    expect(
      ciscoNxos.isFactoryDefault?.(
        'version 10.4(5)\nvlan 1\nvrf context management\ninterface Ethernet1/1\ninterface mgmt0\n  vrf member management\nline console\nline vty\n',
      ),
    ).toBe(true);
  });

  it('configuration data: no forms and settings that replace each other', () => {
    expect(negate('hostname a')).toBe('no hostname');
    expect(negate('interface Ethernet1/1')).toBeUndefined();
    expect(negate('vlan 666')).toBe('no vlan 666');
    expect(negate('username bob password 5 $5$x role network-operator')).toBe('no username bob');
    expect(replaces('hostname b', 'hostname a')).toBe(true);
    expect(replaces('vlan 2', 'vlan 3')).toBe(false);
  });
});

describe('show vpc (genieparser’s real outputs)', () => {
  const vpc = (n: number) => ciscoNxos.pair!.parse(real(`genieparser/nxos/ShowVpc/golden_output_${n}_output.txt`));

  it('a formed pair: peer and peer link up, the role, the domain', () => {
    expect(vpc(1)).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '1' });
    expect(vpc(2)).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '10' });
    expect(vpc(4)).toEqual({ peer: 'up', peerLink: 'up', role: 'secondary', domain: '1' });
    expect(vpc(7)).toEqual({ peer: 'up', peerLink: 'up', role: 'primary', domain: '200' });
  });

  it('a failed consistency check is still a formed pair (the secondary)', () => {
    expect(vpc(3)).toEqual({ peer: 'up', peerLink: 'up', role: 'secondary', domain: '10' });
  });

  it('peer link down with the keepalive alive: the peer answers, the link is down', () => {
    expect(vpc(5)).toEqual({ peer: 'up', peerLink: 'down', role: 'primary', domain: '100' });
  });

  it('vPC not configured: nothing known, no domain', () => {
    expect(vpc(6)).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
  });

  it('the operational role counts after a failover', () => {
    const text = real('genieparser/nxos/ShowVpc/golden_output_7_output.txt').replace(/vPC role( +): primary/, 'vPC role$1: secondary, operational primary');
    expect(ciscoNxos.pair!.parse(text).role).toBe('primary');
  });
});
