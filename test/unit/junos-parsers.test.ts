// The juniper-junos parsers against every real Junos capture in test/fixtures/real
// (sources and licences in test/fixtures/SOURCES.md). Expected values were read from
// the captures by eye (and, for show version, from ntc-templates' own parsed .yml),
// not produced by the parsers. Where no real capture exists (`show | compare`, a
// pending `commit confirmed`), the text is built from the real committed configuration
// and Junos's documented output, and says so.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { braceToSet, deleteFor, isSetForm, setLinesOf } from '../../src/platforms/juniper-junos/config-set.js';
import { isFactoryDefault } from '../../src/platforms/juniper-junos/factory-default.js';
import { parseCommitHistory } from '../../src/platforms/juniper-junos/parse-commit.js';
import { parseCompare, pendingLines } from '../../src/platforms/juniper-junos/parse-compare.js';
import { parseVersion, releaseFromBanner } from '../../src/platforms/juniper-junos/parse-version.js';
import { parseStack, parseVirtualChassis } from '../../src/platforms/juniper-junos/parse-virtual-chassis.js';
import { SECRETS, VOLATILE } from '../../src/platforms/juniper-junos/volatile.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

/** The configuration Oxidized stored from the SRX300 (its `# ` lines are show version / hardware, prepended by Oxidized). */
const srxConfig = (): string =>
  real('oxidized/junos#srx300_22.4#output.txt')
    .split('\n')
    .filter((l) => !/^# |^#$/.test(l))
    .join('\n');
/** napalm's NETCONF text answer, without its XML wrapper. */
const napalmConfig = (db: 'candidate' | 'committed'): string =>
  real(`napalm/junos/test_get_config/normal/get_config__database_${db}__format_text.xml`).replace(/<\/?configuration-text>/g, '');

/** Mask a line as normalise does: the first matching pattern keeps its group 1, the rest of its match goes. */
const mask = (line: string): string => {
  const body = line.trimStart();
  const re = SECRETS.find((p) => p.test(body));
  return re ? line.slice(0, line.length - body.length) + body.replace(re, (_all, kept: string | undefined) => `${kept ?? ''}<removed>`) : line;
};

// ---------------------------------------------------------------- show version

describe('parseVersion', () => {
  it('an EX4550 Virtual Chassis: both members, the master from {master:0}, as ntc-templates parsed it', () => {
    const facts = parseVersion(real('ntc-templates/juniper_junos/show_version/juniper_junos_show_version_ex.raw'));
    const truth = (
      parseYaml(real('ntc-templates/juniper_junos/show_version/juniper_junos_show_version_ex.yml')) as {
        parsed_sample: { hostname: string; model: string; junos_version: string }[];
      }
    ).parsed_sample[0];
    expect(facts.hostname).toBe(truth?.hostname);
    expect(facts.model).toBe(truth?.model);
    expect(facts.version).toBe(truth?.junos_version);
    expect(facts.members.map((m) => [m.number, m.role, m.model, m.version])).toEqual([
      [0, 'active', 'ex4550-32f', '13.2X51-D35.3'],
      [1, 'unknown', 'ex4550-32f', '13.2X51-D35.3'],
    ]);
  });

  it('a QFX5100 (one fpc0 section, a `Junos:` line)', () => {
    const facts = parseVersion(real('ntc-templates/juniper_junos/show_version/juniper_junos_show_version_qfx5100.raw'));
    expect([facts.hostname, facts.model, facts.version]).toEqual(['asxx.xx.xx', 'qfx5100-48t-6q', '21.4R3-S3.4']);
    expect(facts.members).toHaveLength(1);
  });

  it('an SRX1500 chassis cluster: node0 primary ({primary:node0}), node1 secondary', () => {
    const facts = parseVersion(real('ntc-templates/juniper_junos/show_version/juniper_junos_show_version_srx_cluster.raw'));
    expect([facts.hostname, facts.model, facts.version]).toEqual(['lab', 'srx1500', '19.4R3-S1.3']);
    expect(facts.members.map((m) => [m.number, m.role, m.version])).toEqual([
      [0, 'active', '19.4R3-S1.3'],
      [1, 'standby', '19.4R3-S1.3'],
    ]);
  });

  it('an EX4200 with the command echo and the prompt around it', () => {
    const facts = parseVersion(real('genieparser/junos/ShowVersion/golden_output_output.txt'));
    expect([facts.hostname, facts.model, facts.version]).toEqual(['JunosHostname-1', 'ex4200-24p', '18.2R2-S1']);
    expect(facts.members.map((m) => [m.number, m.role])).toEqual([[0, 'active']]);
  });

  it('invoke-on all-routing-engines (re0): the `Junos:` release, not a package builder stamp', () => {
    const facts = parseVersion(real('genieparser/junos/ShowVersionInvokeOnAllRoutingEngines/golden_output_output.txt'));
    expect([facts.hostname, facts.model, facts.version]).toEqual(['sr_hktGDS201', 'vmx', '19.2R1.8']);
    expect(facts.members.map((m) => m.number)).toEqual([0]);
  });

  it('a VC sample shortened by its publisher: hostname and models, no version invented', () => {
    const facts = parseVersion(real('ralph/show_version_vc.txt'));
    expect(facts.hostname).toBe('rack01-sw1.dc');
    expect(facts.members.map((m) => m.model)).toEqual(['ex4500-40f', 'ex4500-40f']);
    expect(facts.version).toBeUndefined();
  });

  it('the SRX300 session: one routing engine, no Hostname line', () => {
    const session = parseYaml(real('oxidized/junos#srx300_22.4#simulation.yaml')) as { commands: Record<string, string> };
    const facts = parseVersion(session.commands['show version\n'] ?? '');
    expect([facts.hostname, facts.model, facts.version]).toEqual([undefined, 'srx300', '22.4R3-S2.11']);
    expect(facts.members).toEqual([]);
  });

  it('the release from the login banners (an EX4200 shell login, a CLI login, the SRX300 session)', () => {
    expect(releaseFromBanner(real('exscript/banners/junos.2'))).toBe('10.3R2.11');
    expect(releaseFromBanner(real('exscript/banners/junos.3'))).toBe('8.4R4.2');
    const session = parseYaml(real('oxidized/junos#srx300_22.4#simulation.yaml')) as { init_prompt: string };
    expect(releaseFromBanner(session.init_prompt)).toBe('22.4R3-S2.11');
  });

  it('a Junos release in the old package form (no `Junos:` line) from a synthetic two-line answer', () => {
    expect(parseVersion('Hostname: sw\nModel: ex2200-24t-4g\nJUNOS Base OS boot [12.3R12.4]\n').version).toBe('12.3R12.4');
  });
});

// ---------------------------------------------------------------- show virtual-chassis

describe('parseVirtualChassis', () => {
  it('a preprovisioned two-member EX4500 VC: backup and master, serials, models, priorities, where we are', () => {
    const vc = parseVirtualChassis(real('ralph/show_virtual-chassis_stacked.txt'));
    expect(vc).toMatchObject({ id: 'aaaa.bbbb.cccc', mode: 'enabled', preprovisioned: true, local: 1 });
    expect(vc.members.map((m) => [m.number, m.role, m.state, m.serial, m.model, m.priority])).toEqual([
      [0, 'standby', 'ready', 'GX1122334401', 'ex4500-40f', 129],
      [1, 'active', 'ready', 'GX1122334402', 'ex4500-40f', 129],
    ]);
  });

  it('a single-member VC: one master, the "next new member" line is not a member', () => {
    const vc = parseVirtualChassis(real('ralph/show_virtual-chassis_single.txt'));
    expect(vc).toMatchObject({ id: 'aaaa.bbbb.dddd', preprovisioned: false, local: 0 });
    expect(parseStack(real('ralph/show_virtual-chassis_single.txt')).map((m) => [m.number, m.role, m.serial])).toEqual([[0, 'active', 'GX1122334403']]);
  });

  it('a linecard and a member that is not present (the stacked capture with a third row added, in the documented columns)', () => {
    const text = `${real('ralph/show_virtual-chassis_stacked.txt').replace(/\n\{master:1\}\n?$/, '')}2 (FPC 2)  Prsnt    GX1122334404 ex4500-40f 0    Linecard     N  1  vcp-0\n3 (FPC 3)  NotPrsnt GX1122334405 ex4500-40f\n`;
    expect(parseStack(text).map((m) => [m.number, m.role, m.state, m.serial])).toEqual([
      [0, 'standby', 'ready', 'GX1122334401'],
      [1, 'active', 'ready', 'GX1122334402'],
      [2, 'member', 'ready', 'GX1122334404'],
      [3, 'unknown', 'removed', 'GX1122334405'],
    ]);
  });
});

// ---------------------------------------------------------------- show system commit

describe('parseCommitHistory', () => {
  it('reads all 50 entries of a real history, newest first, none pending', () => {
    const h = parseCommitHistory(real('genieparser/junos/ShowSystemCommit/golden_output_1_output.txt'));
    expect(h.entries).toHaveLength(50);
    expect(h.entries[0]).toEqual({ index: 0, time: '2020-03-05 16:04:34 UTC', user: 'cisco', client: 'cli' });
    expect(h.entries[49]).toMatchObject({ index: 49, time: '2020-03-02 08:42:26 UTC' });
    expect(h.pendingConfirm).toBeUndefined();
  });

  it('a commit confirmed still waiting (documented form: suffix, comment line, `rollback pending`)', () => {
    const text = [
      '0   2026-12-07 06:10:00 UTC by switchback via cli commit confirmed, rollback in 5mins',
      '    switchback restore',
      '    rollback pending',
      '1   2020-03-05 16:04:34 UTC by cisco via cli',
      '',
      '{master:0}',
    ].join('\n');
    const h = parseCommitHistory(text);
    expect(h.entries[0]).toMatchObject({ user: 'switchback', confirmedMinutes: 5, comment: 'switchback restore', rollbackPending: true });
    expect(h.pendingConfirm).toEqual({ minutes: 5, certain: true });
  });

  it('an old confirmed commit below a newer one is not pending', () => {
    const text =
      '0   2024-05-06 06:38:48 UTC by mist via netconf\n    oc-script\n1   2024-04-02 03:35:34 UTC by mist via netconf commit confirmed, rollback in 10mins\n';
    const h = parseCommitHistory(text);
    expect(h.entries[1]?.confirmedMinutes).toBe(10);
    expect(h.pendingConfirm).toBeUndefined();
  });
});

// ---------------------------------------------------------------- show | compare

describe('parseCompare', () => {
  it('nothing pending: empty output, or only the [edit] banner and the prompt', () => {
    expect(parseCompare('').empty).toBe(true);
    expect(parseCompare('show | compare\n\n[edit]\nroot@sw# ').empty).toBe(true);
  });

  it('changes to the real SRX300 configuration, as Junos prints them: each with its path and as a set/delete line', () => {
    // Synthetic: the documented `show | compare` form applied to statements of the real configuration.
    const out = [
      'show | compare',
      '[edit system]',
      '+  host-name srx-lab;',
      '[edit system name-server]',
      '-    8.8.4.4;',
      '[edit interfaces]',
      '     ge-0/0/1 { ... }',
      '+    ge-0/0/5 {',
      '+        description "to core";',
      '+        unit 0 {',
      '+            family ethernet-switching;',
      '+        }',
      '+    }',
      '[edit snmp]',
      '-   location "42 Wallaby Way, Sydney";',
      '+   location "1 Infinite Loop";',
      '',
      '[edit]',
      'root@srx# ',
    ].join('\n');
    expect(pendingLines(out)).toEqual([
      'set system host-name srx-lab',
      'delete system name-server 8.8.4.4',
      'set interfaces ge-0/0/5 description "to core"',
      'set interfaces ge-0/0/5 unit 0 family ethernet-switching',
      'delete snmp location "42 Wallaby Way, Sydney"',
      'set snmp location "1 Infinite Loop"',
    ]);
    const r = parseCompare(out);
    expect(r.empty).toBe(false);
    expect(r.changes[2]).toMatchObject({ kind: 'added', path: ['interfaces', 'ge-0/0/5'], statement: 'description "to core"' });
    // What is pending is exactly what the stored set-form configuration lacks.
    const stored = braceToSet(srxConfig());
    expect(stored).toContain('set system name-server 8.8.4.4');
    expect(stored).not.toContain('set system host-name srx-lab');
  });

  it('a secret added at the top level keeps its marker note out of the line', () => {
    const r = parseCompare('[edit]\n+  system {\n+      root-authentication {\n+          encrypted-password "$6$abc"; ## SECRET-DATA\n+      }\n+  }\n');
    expect(r.changes.map((c) => c.line)).toEqual(['set system root-authentication encrypted-password "$6$abc"']);
  });
});

// ---------------------------------------------------------------- set form

describe('braceToSet', () => {
  it('the real SRX300 configuration: statements as display set prints them, comments and SECRET-DATA notes gone', () => {
    const set = braceToSet(srxConfig());
    expect(set[0]).toBe('set version 22.4R3-S2.11');
    expect(set).toContain('set system root-authentication encrypted-password "very-secret-encrypted-password"');
    expect(set).toContain('set system services ssh');
    expect(set).toContain('set system syslog user * any emergency');
    expect(set).toContain('set system syslog archive size 100k files 3');
    expect(set).toContain('set snmp location "42 Wallaby Way, Sydney"');
    expect(set).toContain('set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services https');
    expect(set).toContain('set protocols rstp interface all');
    expect(set.at(-1)).toBe('set protocols rstp interface all');
    expect(set.some((l) => l.includes('##') || l.includes('{') || l.includes('}') || l.endsWith(';'))).toBe(false);
    // One set line per leaf: the brace text has exactly as many `;` statements.
    expect(set).toHaveLength((srxConfig().match(/;(?:\s*## SECRET-DATA)?\s*$/gm) ?? []).length);
  });

  it('napalm committed == candidate (no uncommitted change): a [ list ] becomes one line per value', () => {
    const committed = braceToSet(napalmConfig('committed'));
    expect(braceToSet(napalmConfig('candidate'))).toEqual(committed);
    expect(committed).toContain('set system authentication-order password');
    expect(committed).toContain('set system authentication-order radius');
    expect(committed).toContain('set system radius-server 10.0.0.1 timeout 3');
    expect(committed).toContain('set snmp community secure authorization read-only');
  });

  it('inactive:, protect:, /* annotations */ and set-form input', () => {
    const text = [
      '/* lab switch */',
      'system {',
      '    inactive: ntp {',
      '        server 10.0.0.1;',
      '    }',
      '    /* multi',
      '       line */',
      '    services { ssh; }',
      '}',
      'protect: vlans {',
      '    v10 { vlan-id 10; description "a {b}; c"; }',
      '}',
    ].join('\n');
    expect(braceToSet(text)).toEqual([
      'set system ntp server 10.0.0.1',
      'deactivate system ntp',
      'set system services ssh',
      'set vlans v10 vlan-id 10',
      'set vlans v10 description "a {b}; c"',
      'protect vlans',
    ]);
    const set = 'set version 22.4\n# comment\nset system host-name x\n';
    expect(isSetForm(set)).toBe(true);
    expect(isSetForm(srxConfig())).toBe(false);
    expect(braceToSet(set)).toEqual(setLinesOf(set));
  });

  it('deleteFor undoes a set line', () => {
    expect(deleteFor('set system host-name sw1')).toBe('delete system host-name sw1');
    expect(deleteFor('deactivate system ntp')).toBe('activate system ntp');
    expect(deleteFor('# comment')).toBeUndefined();
  });
});

// ---------------------------------------------------------------- volatile and secrets

describe('volatile lines and secrets', () => {
  it('the `## Last commit:` header is volatile; no statement is', () => {
    const lines = srxConfig().split('\n');
    expect(lines.filter((l) => VOLATILE.some((re) => re.test(l)))).toEqual(['## Last commit: 2024-12-06 11:41:05 UTC by root']);
    expect(VOLATILE.some((re) => re.test('## Last changed: 2020-06-20 11:44:22 CST'))).toBe(true);
  });

  it('the `{master:N}` line above a VC prompt is volatile (it moves with the master)', () => {
    const isVolatile = (l: string) => VOLATILE.some((re) => re.test(l));
    const captures = [
      'ralph/show_virtual-chassis_stacked.txt',
      'ntc-templates/juniper_junos/show_version/juniper_junos_show_version_ex.raw',
      'ntc-templates/juniper_junos/show_version/juniper_junos_show_version_srx_cluster.raw',
      'exscript/banners/junos.3',
    ];
    expect(captures.map((c) => real(c).split('\n').filter(isVolatile))).toEqual([['{master:1}'], ['{master:0}'], ['{primary:node0}'], ['{master}']]);
    // Nothing of a real configuration is.
    expect(braceToSet(srxConfig()).filter(isVolatile)).toEqual([]);
  });

  it('masks every secret of the real configurations, in set form and in brace form, and nothing else', () => {
    const secrets = ['very-secret-encrypted-password', 'CorrectHorseBattery', '$9$FAKEHASH', '$1$kasfbiuw98p43hnfwe.', '$9$sdnfh2p9', '$1$xMvNFGd6', 'secure'];
    for (const text of [braceToSet(srxConfig()).join('\n'), srxConfig(), braceToSet(napalmConfig('committed')).join('\n')]) {
      const masked = text.split('\n').map(mask).join('\n');
      for (const s of secrets.filter((x) => x !== 'secure' || text.includes('set snmp community'))) expect(masked).not.toContain(s);
    }
    const set = braceToSet(srxConfig()).map(mask);
    expect(set).toContain('set system archival configuration archive-sites "pasvftp://demouser:<removed>@203.0.113.10/backup/"');
    expect(set).toContain('set system archival configuration archive-sites "ftp://demouser2@203.0.113.11/backup/" password <removed>');
    expect(srxConfig().split('\n').map(mask)).toContain('        encrypted-password <removed>; ## SECRET-DATA');
    // Untouched: the statements that only look like secrets.
    const napalm = braceToSet(napalmConfig('committed')).map(mask);
    expect(napalm).toContain('set system authentication-order password');
    expect(napalm).toContain('set system radius-server 10.0.0.1 timeout 3');
    expect(mask('set system login password format sha512')).toBe('set system login password format sha512');
    expect(mask('set system ntp authentication-key 1 type md5 value "$9$abc"')).toBe('set system ntp authentication-key 1 type md5 value <removed>');
  });
});

// ---------------------------------------------------------------- factory default

describe('isFactoryDefault', () => {
  // Juniper's published EX4300-48P factory-default file (Junos 18.3R3+), shortened to two ports, plus a root password.
  const EX4300_DEFAULT = `system {
    auto-snapshot;
    root-authentication {
        encrypted-password "$6$abc$def"; ## SECRET-DATA
    }
    phone-home {
        server https://redirect.juniper.net;
        rfc-compliant;
    }
    services {
        ssh;
        netconf {
            ssh;
            rfc-compliant;
            yang-compliant;
        }
    }
}
protocols {
    lldp { interface all; }
    lldp-med { interface all; }
    igmp-snooping { vlan default; }
    rstp { interface all; }
}
forwarding-options { storm-control-profiles default { all; } }
poe { interface all; }
interfaces {
    ## For phone-home connectivity to PHS enable dhcp on vme and irb.
    vme { unit 0 { family inet { dhcp; } } }
    irb { unit 0 { family inet { dhcp; } } }
    ge-0/0/0 { unit 0 { family ethernet-switching { storm-control default; } } }
    ge-0/0/1 { unit 0 { family ethernet-switching { storm-control default; } } }
}
vlans { default { vlan-id 1; } }`;

  it('recognises the published EX factory default, in brace and set form', () => {
    expect(isFactoryDefault(EX4300_DEFAULT)).toBe(true);
    expect(isFactoryDefault(braceToSet(EX4300_DEFAULT).join('\n'))).toBe(true);
  });

  it('is never true for a configured switch, one added statement, or nothing', () => {
    expect(isFactoryDefault(srxConfig())).toBe(false);
    expect(isFactoryDefault(napalmConfig('committed'))).toBe(false);
    expect(isFactoryDefault(`${EX4300_DEFAULT}\nsystem { host-name sw1; }`)).toBe(false);
    expect(isFactoryDefault(EX4300_DEFAULT.replace('vlan-id 1;', 'vlan-id 1; } v10 { vlan-id 10;'))).toBe(false);
    expect(isFactoryDefault('')).toBe(false);
  });
});
