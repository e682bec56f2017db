// The parsers of other tools' inventories, on samples in each tool's real format
// (test/fixtures/import/, sources in test/fixtures/SOURCES.md): what they read, and what
// they leave out and say so.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnsible } from '../../src/inventory/import/ansible.js';
import { expandHostPattern } from '../../src/inventory/import/ansible-inventory.js';
import { parseDelimiter, parseOxidized, parseOxidizedMap } from '../../src/inventory/import/oxidized.js';
import { parseRancid } from '../../src/inventory/import/rancid.js';
import { parseOxidizedConfig } from '../../src/inventory/import/oxidized-config.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/import/${path}`, import.meta.url), 'utf8');

describe("Oxidized's CSV source", () => {
  it('reads the default name:model layout', () => {
    const r = parseOxidized(fixture('oxidized/podman-compose.router.db'));
    expect(r.entries).toEqual([{ where: 'line 1', name: 'asternos-device', model: 'asternos' }]);
    expect(r.skipped).toEqual([]);
  });

  it("reads the docs' layout with its map, and never keeps the password or enable columns", () => {
    const text = fixture('oxidized/sources-colon.router.db');
    const r = parseOxidized(text, { map: { name: 0, ip: 1, model: 2, username: 3, password: 4, enable: 5 } });
    expect(r.entries).toEqual([{ where: 'line 1', name: 'rtr01.local', host: '192.168.1.1', model: 'ios', username: 'oxidized' }]);
    expect(JSON.stringify(r)).not.toContain('5uP3R53cR3T');
    expect(JSON.stringify(r)).not.toContain('T0p53cR3t');
    expect(r.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/^the password of 1 device not imported: secrets are never written/),
      expect.stringMatching(/^the enable of 1 device not imported/),
    ]);
  });

  it('takes another delimiter, as text or as a regexp between slashes', () => {
    const map = parseOxidizedMap('name=0,ip=1,model=2');
    expect(map).toEqual({ name: 0, ip: 1, model: 2 });
    for (const spec of [',', '/,/']) {
      const delimiter = parseDelimiter(spec);
      if (typeof delimiter === 'object' && 'problem' in delimiter) throw new Error(delimiter.problem);
      const r = parseOxidized(fixture('oxidized/sources-comma.router.db'), { map: map as object, delimiter });
      expect(r.entries).toEqual([{ where: 'line 1', name: 'rtr01.local', host: '192.168.1.1', model: 'ios' }]);
    }
    expect(parseOxidizedMap('name=0,modle=1')).toMatch(/unknown field "modle"/);
    expect(parseOxidizedMap('model=1')).toMatch(/must give the column of name/);
    expect(parseDelimiter('/[/')).toEqual({ problem: expect.stringMatching(/not a valid regular expression/) });
  });

  it('a file read with the wrong delimiter (the whole line in the name column) is never quoted: its other columns may be passwords', () => {
    const comma = fixture('oxidized/sources-comma.router.db');
    const colon = fixture('oxidized/sources-colon.router.db');
    for (const r of [
      parseOxidized(comma), // `,` file, the default `:` delimiter
      parseOxidized(comma, { defaultModel: 'ios' }),
      parseOxidized(colon, { delimiter: ',', map: { name: 0, ip: 1, model: 2 } }),
      parseOxidized(colon, { delimiter: ',', defaultModel: 'ios' }),
    ]) {
      expect(r.entries).toEqual([]);
      expect(r.skipped).toEqual([{ where: 'line 1', kind: 'bad-line', reason: expect.stringMatching(/delimiter/) }]);
      expect(JSON.stringify(r)).not.toContain('5uP3R53cR3T');
    }
    // An IPv6 address is a name with colons in it, read with another delimiter.
    expect(parseOxidized('2001:db8::1,ios\n', { delimiter: ',' }).entries).toEqual([{ where: 'line 1', name: '2001:db8::1', model: 'ios' }]);
  });

  it("reads the docs' group layout (map: model 0, name 1, group 2), skips comments and blank lines, says what it cannot read", () => {
    const text = '# core\nios:core-sw1:core\n\n  # access\nprocurve:acc-sw1:access\n:nameless:x\nnil:sw9:x\n';
    const r = parseOxidized(text, { map: { model: 0, name: 1, group: 2 } });
    expect(r.entries).toEqual([
      { where: 'line 2', name: 'core-sw1', model: 'ios', group: 'core' },
      { where: 'line 5', name: 'acc-sw1', model: 'procurve', group: 'access' },
    ]);
    expect(r.skipped.map((s) => [s.where, s.kind])).toEqual([
      ['line 6', 'no-model'],
      ['line 7', 'no-model'],
    ]);
    expect(parseOxidized('sw9:\n', { defaultModel: 'junos' }).entries).toEqual([{ where: 'line 1', name: 'sw9', model: 'junos' }]);
  });
});

describe("RANCID's router.db", () => {
  it('reads RANCID 3 (;), imports only devices that are up, and says why the others are not', () => {
    const r = parseRancid(fixture('rancid/man-page-3.router.db'));
    expect(r.entries.map((e) => [e.name, e.model])).toEqual([
      ['scooby.shrubbery.net', 'cisco'],
      ['dial1.paris', 'cisco'],
      ['border1.paris', 'juniper'],
    ]);
    expect(r.skipped).toEqual([
      { where: 'line 3', name: 'core1.paris', kind: 'not-up', reason: 'state "down", not up: RANCID does not collect it (in testing until 5/5/2001.)' },
      { where: 'line 4', name: 'core2.paris', kind: 'not-up', reason: 'state "ticketed", not up: RANCID does not collect it (Ticket 6054234, 5/3/2001)' },
    ]);
  });

  it('reads the : of RANCID before 3.0 the same way', () => {
    const old = parseRancid(fixture('rancid/man-page-2001.router.db'));
    const now = parseRancid(fixture('rancid/man-page-3.router.db'));
    expect(old.entries).toEqual(now.entries);
    expect(old.skipped.map((s) => s.name)).toEqual(['core1.paris', 'core2.paris']);
  });

  it('ignores the comment field (an address written there is not the host), and a line without a state is not up', () => {
    const r = parseRancid(fixture('rancid/faddr-group_02_4rows.router.db'));
    expect(r.entries).toEqual([
      { where: 'line 1', name: 'cisco-ios-15-7206', model: 'cisco-lab' },
      { where: 'line 2', name: 'juniper-junos-17-vmx', model: 'juniper-lab' },
    ]);
    const errors = parseRancid(fixture('rancid/faddr-group_03_router_db_errors.router.db'));
    expect(errors.entries).toEqual([]);
    expect(errors.skipped).toEqual([{ where: 'line 1', name: 'juniper-junos-17-vmx', kind: 'not-up', reason: 'state "", not up: RANCID does not collect it' }]);
  });

  it('drops spaces around fields and takes the state in any case, as control_rancid does; an IPv6 device works with ;', () => {
    const r = parseRancid('# comment\n  sw1.example.net ; cisco ; UP \n2001:db8::1;arista;up\n');
    expect(r.entries.map((e) => [e.name, e.model])).toEqual([
      ['sw1.example.net', 'cisco'],
      ['2001:db8::1', 'arista'],
    ]);
  });
});

describe('Ansible inventories', () => {
  it("reads the network guide's INI: groups, :children, :vars inherited, host vars; passwords left out and said", () => {
    const text = fixture('ansible/best-practices.ini');
    const r = parseAnsible(text);
    const eos = r.entries.find((e) => e.name === 'veos01');
    expect(eos).toEqual({
      where: 'line 12',
      name: 'veos01',
      model: 'arista.eos.eos',
      host: 'veos-01.example.net',
      username: 'my_eos_user',
      group: 'eos',
      tags: ['eos', 'switches'],
    });
    expect(r.entries.find((e) => e.name === 'ios03')).toMatchObject({
      model: 'cisco.ios.ios',
      host: 'ios-03.example.net',
      username: 'my_ios_user',
      group: 'ios',
    });
    expect(r.entries.map((e) => e.name)).toEqual(['veos01', 'veos02', 'veos03', 'veos04', 'ios01', 'ios02', 'ios03', 'vyos01', 'vyos02', 'vyos03']);
    const all = JSON.stringify(r);
    for (const secret of ['my_eos_password', 'my_ios_password', 'my_vyos_password']) expect(all).not.toContain(secret);
    expect(r.notes).toEqual([
      { where: '10 hosts', message: expect.stringMatching(/^ansible_password not imported: secrets are never written in the inventory/) },
    ]);
  });

  it("reads the getting-started YAML: nested children, the parent group's vars, and hosts that are not network devices reported", () => {
    const r = parseAnsible(fixture('ansible/first-inventory.yml'));
    expect(r.entries.map((e) => [e.name, e.host, e.model, e.username, e.group])).toEqual([
      ['leaf01', '10.16.10.11', 'vyos.vyos.vyos', 'my_vyos_user', 'leafs'],
      ['leaf02', '10.16.10.12', 'vyos.vyos.vyos', 'my_vyos_user', 'leafs'],
      ['spine01', '10.16.10.13', 'vyos.vyos.vyos', 'my_vyos_user', 'spines'],
      ['spine02', '10.16.10.14', 'vyos.vyos.vyos', 'my_vyos_user', 'spines'],
    ]);
    expect(r.entries[0]?.tags).toEqual(['datacenter', 'leafs', 'network']);
    expect(r.skipped).toEqual([
      { where: 'webservers.hosts.webserver01', name: 'webserver01', kind: 'no-model', reason: 'no ansible_network_os: not a network device to Ansible' },
      { where: 'webservers.hosts.webserver02', name: 'webserver02', kind: 'no-model', reason: 'no ansible_network_os: not a network device to Ansible' },
    ]);
  });

  it('a vault-encrypted ansible_user (or key file) is left out and said, never written as the login name', () => {
    const vault = ['$ANSIBLE_VAULT;1.1;AES256', '6231336539666234306139346433616338', '6134333665353966363534333632666535'];
    const text = [
      'all:',
      '  hosts:',
      '    sw1:',
      '      ansible_host: 10.0.0.1',
      '      ansible_network_os: cisco.ios.ios',
      '      ansible_user: !vault |',
      ...vault.map((l) => `        ${l}`),
      '      ansible_ssh_private_key_file: !vault |',
      ...vault.map((l) => `        ${l}`),
      '',
    ].join('\n');
    const r = parseAnsible(text);
    expect(r.entries).toEqual([{ where: expect.any(String), name: 'sw1', host: '10.0.0.1', model: 'cisco.ios.ios' }]);
    expect(r.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/^ansible_user \(vault-encrypted\) not imported/),
      expect.stringMatching(/^ansible_ssh_private_key_file \(vault-encrypted\) not imported/),
    ]);
  });

  it("a REST connection's port is not the SSH port; the INI and YAML forms of one host read the same", () => {
    const rest = parseAnsible(fixture('ansible/aoscx-rest.yml'));
    expect(rest.entries).toEqual([{ where: 'all.hosts.aoscx_1', name: 'aoscx_1', host: '10.0.0.1', model: 'arubanetworks.aoscx.aoscx', username: 'admin' }]);
    expect(JSON.stringify(rest)).not.toContain('"password"');
    const cli = parseAnsible(fixture('ansible/aoscx-cli.ini'));
    expect(cli.entries).toEqual([{ ...rest.entries[0], where: 'line 1' }]);
    const withPort = parseAnsible('all:\n  hosts:\n    sw1:\n      ansible_network_os: ios\n      ansible_connection: httpapi\n      ansible_port: 443\n');
    expect(withPort.entries[0]?.port).toBeUndefined();
    expect(withPort.notes.map((n) => n.message)).toEqual(['ansible_port (for ansible_connection httpapi, not SSH) not imported']);
  });

  it('precedence: a deeper group wins over its parent, host vars over groups, group_vars/ files over the inventory file', () => {
    const text = `[all:vars]
ansible_network_os=eos
ansible_port=2200

[dc:children]
core

[dc:vars]
ansible_user=dc_user

[core]
sw1 ansible_user=own_user
sw2:2222
sw[08:10].example.net

[core:vars]
ansible_network_os=nxos
`;
    const r = parseAnsible(text, {
      groupVars: { dc: { ansible_network_os: 'junos' }, core: { ansible_user: 'from_group_vars' } },
      hostVars: { sw2: { ansible_user: 'from_host_vars' } },
    });
    const by = Object.fromEntries(r.entries.map((e) => [e.name, e]));
    expect(Object.keys(by)).toEqual(['sw1', 'sw2', 'sw08.example.net', 'sw09.example.net', 'sw10.example.net']);
    expect(by.sw1).toMatchObject({ model: 'junos', username: 'own_user', port: 2200, group: 'core', tags: ['core', 'dc'] });
    expect(by.sw2).toMatchObject({ username: 'from_host_vars', port: 2222 });
    expect(by['sw09.example.net']).toMatchObject({ username: 'from_group_vars' });
  });

  it('templates are never evaluated: a templated host is reported, {{ inventory_hostname }} is the name itself', () => {
    const r = parseAnsible(`all:
  vars:
    ansible_network_os: cisco.nxos.nxos
  hosts:
    edge-sw.example.com:
      ansible_host: "{{inventory_hostname}}"
    other:
      ansible_host: "{{ lookup('env', 'X') }}"
      ansible_ssh_private_key_file: /etc/keys/other
`);
    expect(r.entries.map((e) => [e.name, e.host])).toEqual([['edge-sw.example.com', undefined]]);
    expect(r.skipped).toEqual([
      { where: 'all.hosts.other', name: 'other', kind: 'templated', reason: 'ansible_host is a template; switchback does not evaluate templates' },
    ]);
  });

  it('an SSH key file with an absolute path becomes a file: reference; a vault value is never read', () => {
    const r = parseAnsible(`all:
  hosts:
    sw1:
      ansible_network_os: junos
      ansible_ssh_private_key_file: ~/.ssh/network
      ansible_password: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          3965
`);
    expect(r.entries).toEqual([{ where: 'all.hosts.sw1', name: 'sw1', model: 'junos', privateKeyFile: '~/.ssh/network' }]);
    expect(JSON.stringify(r)).not.toContain('ANSIBLE_VAULT');
  });

  it('expands host ranges as Ansible does, and refuses one that is malformed or huge', () => {
    expect(expandHostPattern('www[01:03].example.com')).toEqual(['www01.example.com', 'www02.example.com', 'www03.example.com']);
    expect(expandHostPattern('db-[a:c]-node')).toEqual(['db-a-node', 'db-b-node', 'db-c-node']);
    expect(expandHostPattern('sw[1:9:4]')).toEqual(['sw1', 'sw5', 'sw9']);
    expect(expandHostPattern('sw[9:1]')).toBeUndefined();
    expect(expandHostPattern('sw[1:99999999]')).toBeUndefined();
    expect(expandHostPattern('sw[1:9999]-[1:9999]')).toBeUndefined();
  });

  it('tells INI from YAML (and JSON, which is YAML) by the first line, as the inventory plugins would', () => {
    const json = parseAnsible('{"all": {"hosts": {"sw1": {"ansible_network_os": "eos", "ansible_host": "192.0.2.1"}}}}');
    expect(json.entries).toEqual([{ where: 'all.hosts.sw1', name: 'sw1', model: 'eos', host: '192.0.2.1' }]);
    const ini = parseAnsible('# hosts\nsw1 ansible_network_os=eos ansible_host=192.0.2.1\n');
    expect(ini.entries).toEqual([{ where: 'line 2', name: 'sw1', model: 'eos', host: '192.0.2.1' }]);
  });

  it('a YAML syntax error is said with its line, never with the text', () => {
    expect(() => parseAnsible('all:\n  hosts:\n    sw1: {ansible_password: s3cret\n')).toThrow(/^line \d+, column \d+: YAML syntax/);
    try {
      parseAnsible('all:\n  hosts:\n    sw1: {ansible_password: s3cret\n');
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cret');
    }
  });
});

describe("Oxidized's config", () => {
  it("the podman example: the source's Ruby regexp delimiter and map; its credentials never read", () => {
    const config = parseOxidizedConfig(fixture('oxidized/podman-compose.config'));
    expect(config).toEqual({ file: '~/.config/oxidized/router.db', delimiter: /:/, map: { name: 0, model: 1, ip: 2 } });
    if ('problem' in config) throw new Error(config.problem);
    // Its router.db has no third column: the host is the name.
    expect(parseOxidized(fixture('oxidized/podman-compose.router.db'), config).entries).toEqual([
      { where: 'line 1', name: 'asternos-device', model: 'asternos' },
    ]);
  });

  it("the docs' advanced example: model_map applied to each line, the default model for a line without one, the password and enable columns only counted", () => {
    const config = parseOxidizedConfig(fixture('oxidized/docs-advanced.config'));
    if ('problem' in config) throw new Error(config.problem);
    expect(config).toMatchObject({
      defaultModel: 'junos',
      modelMap: { cisco: 'ios', juniper: 'junos' },
      map: { name: 0, model: 1, username: 2, password: 3, enable: 4 },
    });
    expect(JSON.stringify(config)).not.toContain('S3cr3tx');
    // Lines in the layout that page gives: hostname:model:username:password:enable_password.
    const r = parseOxidized('core1:cisco:admin:pw-1:en-1\nedge1::admin:pw-2:\n', config);
    expect(r.entries).toEqual([
      { where: 'line 1', name: 'core1', model: 'ios', username: 'admin' },
      { where: 'line 2', name: 'edge1', model: 'junos', username: 'admin' },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/pw-|en-1/);
  });

  it('a source other than csv, or a map without name, is said', () => {
    expect(parseOxidizedConfig('source:\n  default: sql\n')).toEqual({ problem: 'its source is sql, not csv: export the nodes as CSV and give --map' });
    expect(parseOxidizedConfig('source:\n  csv:\n    map:\n      model: 1\n')).toEqual({ problem: 'source.csv.map has no name (Oxidized requires one)' });
    expect(parseOxidizedConfig('source: [\n')).toEqual({ problem: expect.stringMatching(/^YAML syntax/) });
  });
});
