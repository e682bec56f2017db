// The aruba-aoscx platform's parsers and configuration data on every real AOS-CX capture in
// test/fixtures/real (SOURCES.md): four Oxidized session recordings (6100 10.10, 6300M 10.13
// with CRLF, 6410 10.10, 8325H 10.15) and what Oxidized stored from them, Oxidized's prompt
// list, ntc-templates' two `show vsf detail` captures, and centreon's VSF member walk.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractConfig, isComplete, maskSecrets, significant, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { parseRecordedSession, unescapeRuby } from '../../src/lab/recorded-session.js';
import { arubaAoscx } from '../../src/platforms/aruba-aoscx/index.js';
import { VSF_MEMBER_ENTRY } from '../../src/platforms/aruba-aoscx/parse-vsf-mib.js';
import { platformByName } from '../../src/platforms/index.js';
import { walkRows } from '../helpers/snmpwalk.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

const RECORDINGS = {
  '6100': 'aoscx#6100-48G_PL.10.10.1090',
  '6300M': 'aoscx#6300M-48G-4SFP56_10.13.1101',
  '6410': 'aoscx#R0X25A-6410_FL.10.10.1100',
  '8325H': 'aoscx#8325H_HL.10.15.1020',
} as const;
type Model = keyof typeof RECORDINGS;

const session = (m: Model) => parseRecordedSession(real(`oxidized/${RECORDINGS[m]}#simulation.yaml`));
/** What the recording says a command printed (echo, output and the closing prompt, as the engine reads them). */
const answer = (m: Model, command: string): string => session(m).exchanges.find((e) => e.send === `${command}\n`)?.output ?? '';
/** The configuration as switchback stores it from the recorded `show running-config`. */
const running = (m: Model): string => extractConfig(arubaAoscx, answer(m, 'show running-config'));
const MODELS = Object.keys(RECORDINGS) as Model[];

describe('registry', () => {
  it('is in the platform registry under its inventory name', () => {
    expect(platformByName('aruba-aoscx')).toBe(arubaAoscx);
  });
});

describe('prompt', () => {
  it('matches the last line of every recorded answer, and the name is group 1', () => {
    const names: Record<Model, string> = { '6100': 'TEST-SW1235', '6300M': 'loc0-ms-sw1', '6410': 'Switch-cx', '8325H': 'xx-xxxx-sw01' };
    for (const m of MODELS) {
      const init = session(m).initPrompt;
      expect(arubaAoscx.prompt.exec(init)?.[1]).toBe(names[m]);
      for (const e of session(m).exchanges.filter((x) => x.send !== 'exit\n')) expect(arubaAoscx.prompt.exec(e.output)?.[1]).toBe(names[m]);
    }
  });

  it('passes Oxidized’s list of real AOS-CX prompts (a redraw after \\r, a name with a space)', () => {
    const list = parse(real('oxidized/aoscx#generic#prompt.yaml')) as { pass: string[] };
    for (const p of list.pass.map(unescapeRuby)) expect(arubaAoscx.prompt.test(p)).toBe(true);
    expect(arubaAoscx.prompt.exec('\rssh prompt# ')?.[1]).toBe('ssh prompt');
  });

  it('knows configuration-mode prompts, and no configuration or show line is a prompt', () => {
    expect(arubaAoscx.prompt.exec('sw1(config)# ')?.[1]).toBe('sw1');
    expect(arubaAoscx.prompt.exec('sw1(config-if)# ')?.[1]).toBe('sw1');
    for (const m of MODELS) {
      for (const line of running(m).split('\n')) expect(arubaAoscx.prompt.test(line)).toBe(false);
    }
    expect(arubaAoscx.prompt.test('Member ID                        : 1')).toBe(false);
  });
});

describe('show version (four real recordings, CRLF in the 6300M one)', () => {
  it('reads the software version, whatever the OS calls itself (ArubaOS-CX, AOS-CX from 10.15)', () => {
    const want: Record<Model, string> = { '6100': 'PL.10.10.1090', '6300M': 'FL.10.13.1101', '6410': 'FL.10.10.1100', '8325H': 'HL.10.15.1020' };
    for (const m of MODELS) expect(arubaAoscx.parseVersion(answer(m, 'show version'))).toEqual({ version: want[m], serials: [], members: [] });
    expect(answer('6300M', 'show version')).toContain('\r\n');
  });
});

describe('show vsf detail (ntc-templates, 10.05 and 10.10)', () => {
  it('a two-member 10.05 stack: Master is the conductor, Standby the standby; MACs, part numbers, serials, the stack’s version', () => {
    const members = arubaAoscx.stack!.parse(real('ntc-templates/aruba_aoscx/show_vsf_detail/show_vsf_detail.raw'));
    expect(members).toEqual([
      { number: 1, role: 'active', state: 'ready', mac: '883a.3097.d040', model: 'JL658A', serial: 'LTRSN123124', version: 'FL.10.05.0021' },
      { number: 2, role: 'standby', state: 'ready', mac: '883a.3096.4dc0', model: 'JL658A', serial: 'LTRSN123124', version: 'FL.10.05.0021' },
    ]);
    // ntc-templates' own reading of the same capture agrees on members, statuses and serials.
    const expected = (
      parse(real('ntc-templates/aruba_aoscx/show_vsf_detail/show_vsf_detail.yml')) as { parsed_sample: { member_id: string; status: string }[] }
    ).parsed_sample;
    expect(expected.filter((r) => r.member_id !== 'Stack').map((r) => [Number(r.member_id), r.status])).toEqual([
      [1, 'Master'],
      [2, 'Standby'],
    ]);
  });

  it('a standalone 10.10 switch: `Conductor` is the word now, and one member is no stack to fail over', () => {
    const members = arubaAoscx.stack!.parse(real('ntc-templates/aruba_aoscx/show_vsf_detail/show_vsf_detail2.raw'));
    expect(members).toEqual([
      { number: 1, role: 'active', state: 'ready', mac: '89ab.cdef.0123', model: 'JL659A', serial: 'SG1234ABCD', version: 'FL.10.10.1030' },
    ]);
    const expected = (
      parse(real('ntc-templates/aruba_aoscx/show_vsf_detail/show_vsf_detail2.yml')) as { parsed_sample: { member_id: string; status: string }[] }
    ).parsed_sample;
    expect(expected.filter((r) => r.member_id !== 'Stack').map((r) => [Number(r.member_id), r.status])).toEqual([[1, 'Conductor']]);
  });

  it('a member that is not present is gone, not a role; error text is no member', () => {
    const text = 'VSF Stack\n  Software Version : FL.10.13.1101\nMember ID : 1\n  Status : Conductor\nMember ID : 2\n  Status : Not Present\n';
    expect(arubaAoscx.stack!.parse(text).map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'member', 'removed'],
    ]);
    expect(arubaAoscx.stack!.parse('Invalid input: vsf\n')).toEqual([]);
    expect(arubaAoscx.stack!.roleWords).toEqual({ active: 'conductor', standby: 'standby', member: 'member' });
    expect(arubaAoscx.stack!.model).toBe('vsf');
  });
});

describe('SNMP (centreon’s real 4-member AOS-CX walk)', () => {
  const walk = walkRows(real('centreon-plugins/aruba/aoscx/snmp/slim_aoscx-stack.snmpwalk'));

  it('reads the VSF member table: commander 3 → conductor, standby 4, member 5; priority, MAC', () => {
    expect(arubaAoscx.snmp!.stack!.table).toBe(VSF_MEMBER_ENTRY);
    const members = arubaAoscx.snmp!.stack!.parse(walk);
    expect(members.map((m) => [m.number, m.role, m.state, m.priority, m.mac])).toEqual([
      [1, 'active', 'ready', 200, '9020.c247.9dc0'],
      [2, 'standby', 'ready', 150, '3821.c736.3980'],
      [3, 'member', 'ready', 128, '9460.d5f5.b4c0'],
      [4, 'member', 'ready', 128, '9460.d5f5.e500'],
    ]);
    // The walk's serials are anonymised strings; they are read as they are.
    expect(members[0]!.serial).toBe('Anonymized 160');
  });

  it('detects AOS-CX by its sysObjectID (wndDeviceIds), and not an IOS one', () => {
    const d = arubaAoscx.snmp!.detect;
    expect(d.sysObjectIdPrefixes.some((p) => '1.3.6.1.4.1.47196.4.1.1.1.100'.startsWith(p))).toBe(true);
    expect(d.sysObjectIdPrefixes.some((p) => '1.3.6.1.4.1.9.1.2494'.startsWith(p))).toBe(false);
  });
});

describe('configuration text (four real running configs)', () => {
  it('stores each without its header; complete by the prompt-returned rule; no error text in it', () => {
    for (const m of MODELS) {
      const c = running(m);
      expect(c.split('\n')[0]).toMatch(/^!Version (?:ArubaOS|AOS)-CX /);
      expect(c).not.toContain('Current configuration:');
      expect(c).not.toContain('\r');
      expect(isComplete(arubaAoscx, c)).toBe(true);
    }
    // A capture missing its head or cut to a fragment is refused.
    const cut = running('6410').split('\n').slice(3).join('\n');
    expect(whyIncomplete(arubaAoscx.syntax, cut)).toMatch(/no header/);
    expect(isComplete(arubaAoscx, '!Version ArubaOS-CX FL.10.13.1101\nhostname a\n')).toBe(false);
  });

  it('is what Oxidized stored from the same session (its `! ` lines are the other show commands)', () => {
    for (const m of MODELS) {
      const stored = real(`oxidized/${RECORDINGS[m]}#output.txt`).replace(/\r/g, '');
      const config = running(m).replace(/\n$/, '');
      // Oxidized keeps the header comment; switchback drops it (volatile): the rest is the same text.
      expect(stored).toContain(config.split('\n').slice(1).join('\n'));
    }
  });

  it('nests by indentation: the 6410’s `interface lag 247 …` holds its lacp line; `!` lines are comments', () => {
    const lines = significant(arubaAoscx.syntax, running('6410'));
    expect(lines.find((l) => l.text.trim() === 'lacp mode active')?.parents).toEqual(['interface lag 247 multi-chassis']);
    expect(lines.some((l) => l.text.startsWith('!'))).toBe(false);
    expect(lines.find((l) => l.text.trim() === 'access-level rw')?.parents).toEqual(['snmp-server community rwsnmpcom']);
  });

  it('masks every secret in the real configs: user ciphertexts, SNMP communities, trap communities', () => {
    const masked = maskSecrets(arubaAoscx, running('6410'));
    expect(masked).not.toMatch(/AQEc|AQEf|readonlycom|rwsnmpcom|trapcomm/);
    expect(masked).toContain('user admin group administrators password ciphertext <masked>');
    expect(masked).toContain('snmp-server community <masked>');
    expect(masked).toContain('snmp-server host 10.7.32.31 trap version v2c community <masked>');
    // Nothing else: a public SSH key, the version comment and the key-exchange list stay.
    expect(maskSecrets(arubaAoscx, running('8325H'))).toContain('user robot authorized-key ssh-rsa ******** oxidized@local');
    expect(masked).toContain('ssh key-exchange-algorithms curve25519-sha256');
    expect(
      maskSecrets(
        arubaAoscx,
        'radius-server host 10.0.0.1 key ciphertext AQBapXYZ\nsnmpv3 user u auth sha auth-pass ciphertext AQB1 priv aes priv-pass ciphertext AQB2\n',
      ),
    ).toBe('radius-server host 10.0.0.1 key ciphertext <masked>\nsnmpv3 user u auth sha auth-pass ciphertext <masked>\n');
  });

  it('none of the real configs is a factory default; the bare skeleton is', () => {
    for (const m of MODELS) expect(arubaAoscx.isFactoryDefault!(running(m))).toBe(false);
    const skeleton =
      '!Version ArubaOS-CX FL.10.13.1101\n!export-password: default\nled locator on\n!\nvlan 1\nspanning-tree\ninterface mgmt\n    no shutdown\n    ip dhcp\ninterface 1/1/1\n    no shutdown\n    vlan access 1\ninterface vlan 1\n    ip dhcp\n';
    expect(arubaAoscx.isFactoryDefault!(skeleton)).toBe(true);
    expect(arubaAoscx.isFactoryDefault!(`${skeleton}hostname a\n`)).toBe(false);
  });
});

describe('running vs startup through the normaliser', () => {
  // No real `show startup-config` capture of AOS-CX is public: startup is the same text under
  // the header the HPE 10.03 guide shows (`Startup configuration:`), as a `write memory` leaves it.
  const asStartup = (m: Model) =>
    answer(m, 'show running-config').replace('show running-config', 'show startup-config').replace('Current configuration:', 'Startup configuration:');

  it('each real running config and its saved copy compare equal: only the header differs, and it is volatile', () => {
    for (const m of MODELS) {
      const startup = extractConfig(arubaAoscx, asStartup(m));
      expect(startup).toBe(running(m));
      expect(unsavedLines(arubaAoscx.syntax, running(m), startup).counts).toEqual({ added: 0, removed: 0 });
    }
  });

  it('a line changed after the save is unsaved, under its parent; trailing spaces (the 6410’s trap hosts) are no change', () => {
    const startup = extractConfig(arubaAoscx, asStartup('6410'));
    const changed = running('6410').replace(
      '    description Description for interface\n    no shutdown\n    lag 247\n',
      '    description moved\n    no shutdown\n    lag 247\n',
    );
    const d = unsavedLines(arubaAoscx.syntax, changed, startup);
    expect(d.counts).toEqual({ added: 1, removed: 1 });
    expect(d.added).toEqual(['interface 1/3/1', '    description moved']);
    expect(unsavedLines(arubaAoscx.syntax, running('6410').replace(/ +\n/g, '\n'), startup).counts).toEqual({ added: 0, removed: 0 });
  });
});
