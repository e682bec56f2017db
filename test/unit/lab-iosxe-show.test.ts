// The lab's IOS-XE personality against real captures: every output is read with
// the same column slices and regexes as a real device's output, so a lab that
// drifts from the real format fails here, not in a parser test later.
// The captures are in test/fixtures/real/ (sources and licences in test/fixtures/SOURCES.md).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { countLines, renderConfig } from '../../src/lab/config-tree.js';
import { BOOT_DURATION_MS, changeRunning, memberDown, powerCycle, save } from '../../src/lab/model.js';
import { hostnameOf, parseConfig, setLine } from '../../src/lab/personalities/cisco-iosxe/config-text.js';
import { IOS_ROLE, IOS_STATE } from '../../src/lab/personalities/cisco-iosxe/stack-words.js';
import type { SwitchState } from '../../src/lab/model.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import * as show from '../../src/lab/personalities/cisco-iosxe/show.js';
import { factoryDefaultConfig, initialConfig, initialState } from '../../src/lab/personalities/cisco-iosxe/state.js';

// ---------------------------------------------------------------- captures

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

/** Oxidized writes non-printables Ruby-style (`\x20`, `\"`, `\t`); turn them back into bytes. */
function unescapeRuby(text: string): string {
  const simple: Record<string, string> = { t: '\t', r: '\r', n: '\n', e: '\x1b' };
  return text.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_all, esc: string) =>
    esc.startsWith('x') && esc.length === 3 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : (simple[esc] ?? esc),
  );
}

const C9200L = 'oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml';
/** One command's output from the C9200L session recording, without the echoed command and the next prompt. */
function c9200l(command: string): string {
  const doc = parseYaml(real(C9200L)) as { commands: Record<string, string> };
  const recorded = doc.commands[`${command}\n`];
  if (recorded === undefined) throw new Error(`${command} is not in ${C9200L}`);
  const lines = unescapeRuby(recorded).split('\n');
  return lines.slice(1, -1).join('\n') + '\n';
}

const lines = (text: string): string[] => text.split('\n');

// ---------------------------------------------------------------- the lab switch under test

const NOW = Date.UTC(2024, 7, 20, 9, 37, 40);
const SPEC: LabSwitchSpec = {
  name: 'core-stack-1',
  hostname: 'core-stack-1',
  index: 3,
  members: [
    { number: 1, priority: 15, model: 'C9300-48P', feed: 'A' },
    { number: 2, priority: 14, model: 'C9300-48P', feed: 'B' },
    { number: 3, priority: 1, model: 'C9300-48P', feed: 'A' },
  ],
  provisioned: [4],
};
const fresh = (spec: LabSwitchSpec = SPEC): SwitchState => initialState(spec, NOW);

// ---------------------------------------------------------------- shared readers

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = `(\\d\\d):(\\d\\d):(\\d\\d) ([A-Z]{3,4}) (${DAYS.join('|')}) (${MONTHS.join('|')}) (\\d{1,2}) (\\d{4})`;
const LAST_CHANGE = new RegExp(`^! Last configuration change at ${TIME}( by (\\S+))?$`);
const NVRAM_UPDATED = new RegExp(`^! NVRAM config last updated at ${TIME}( by (\\S+))?$`);
const NO_CHANGE = /^! No configuration change since last restart$/;
const CURRENT = /^Current configuration : (\d+) bytes$/;
const USING = /^Using (\d+) out of (\d+) bytes$/;

/** A UTC time in IOS's header format back to epoch ms (only meaningful for UTC, as the lab prints). */
function timeOf(match: RegExpExecArray): number {
  const [, hh, mm, ss, , , mon, day, year] = match;
  return Date.UTC(Number(year), MONTHS.indexOf(mon ?? ''), Number(day), Number(hh), Number(mm), Number(ss));
}

interface ConfigHeader {
  preamble: string[];
  comments: string[];
  body: string;
}

/**
 * Split `show running-config` / `show startup-config` output as a backup tool
 * would: the preamble lines, the `!`-framed comment block, the body from the
 * first configuration line to `end`.
 */
function splitConfigOutput(output: string): ConfigHeader {
  const all = lines(output);
  const firstBang = all.indexOf('!');
  let i = firstBang + 1;
  while (all[i]?.startsWith('! ')) i++;
  expect(all[i]).toBe('!');
  const end = all.lastIndexOf('end');
  return { preamble: all.slice(0, firstBang), comments: all.slice(firstBang + 1, i), body: all.slice(i + 1, end + 1).join('\n') + '\n' };
}

function checkComment(line: string): 'change' | 'nvram' | 'none' {
  if (LAST_CHANGE.test(line)) return 'change';
  if (NVRAM_UPDATED.test(line)) return 'nvram';
  if (NO_CHANGE.test(line)) return 'none';
  throw new Error(`not an IOS config comment line: ${JSON.stringify(line)}`);
}

/** Cut a line at fixed column starts (taken from the real captures), trimming each field. */
function columns(line: string, starts: number[]): string[] {
  return starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length).trim());
}

// ---------------------------------------------------------------- state

describe('initialState', () => {
  it('elects roles as StackWise does at boot and provisions members without hardware', () => {
    const s = fresh();
    // The model's generic roles and states, in the words StackWise prints.
    expect(s.members.map((m) => [m.number, IOS_ROLE[m.role], IOS_STATE[m.state], m.powered])).toEqual([
      [1, 'Active', 'Ready', true],
      [2, 'Standby', 'Ready', true],
      [3, 'Member', 'Ready', true],
      [4, 'Member', 'Provisioned', false],
    ]);
    const byPriority = fresh({ ...SPEC, members: SPEC.members.map((m) => ({ ...m, priority: m.number === 3 ? 15 : m.number === 2 ? 9 : 1 })) });
    expect(byPriority.members.filter((m) => m.role !== 'member').map((m) => [m.number, IOS_ROLE[m.role]])).toEqual([
      [2, 'Standby'],
      [3, 'Active'],
    ]);
  });

  it('fills every field: one boot, no faults, a clean fleet whose startup equals running', () => {
    const s = fresh();
    expect(s.boots).toBe(1);
    expect(s.up).toBe(true);
    expect(Object.values(s.faults).every((v) => v === false || v === 0)).toBe(true);
    expect(s.startup).not.toBe(s.running);
    expect(renderConfig(s.startup ?? [])).toBe(renderConfig(s.running));
    expect(s.bootedAt).toBeLessThan(NOW);
    expect(s.runningChangedAt).toBeGreaterThan(s.bootedAt);
    expect(s.startupChangedAt ?? 0).toBeGreaterThanOrEqual(s.runningChangedAt);
    expect(s.runningSavedAt).toBe(s.startupChangedAt);
    expect(hostnameOf(s.running)).toBe(SPEC.hostname);
    expect(s.members.filter((m) => m.powered).every((m) => m.version === '17.09.04a')).toBe(true);
  });

  it('is deterministic from spec.index, with serials and MACs shaped like the real ones', () => {
    expect(JSON.stringify(fresh())).toBe(JSON.stringify(fresh()));
    const other = fresh({ ...SPEC, index: 4 });
    const present = fresh().members.filter((m) => m.powered);
    for (const m of present) {
      expect(other.members.find((o) => o.number === m.number)?.serial).not.toBe(m.serial);
      // Shapes of FOC1932D0LB / FCW2223G0B9 (genieparser captures) and 689c.e2ff.b9d9.
      expect(m.serial).toMatch(/^[A-Z]{3}\d{4}[A-Z0-9]{4}$/);
      expect(m.mac).toMatch(/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/);
    }
    expect(new Set(present.map((m) => m.mac)).size).toBe(present.length);
    expect(new Set(present.map((m) => m.serial)).size).toBe(present.length);
  });

  it('gives one member an older release with mixedVersions', () => {
    const versions = fresh({ ...SPEC, mixedVersions: true })
      .members.filter((m) => m.powered)
      .map((m) => m.version);
    expect(new Set(versions).size).toBe(2);
    expect(versions.filter((v) => v !== '17.09.04a')).toHaveLength(1);
  });
});

describe('initialConfig', () => {
  const config = initialConfig(SPEC);

  it('is a StackWise config: a provision line and interfaces per member (provisioned ones too), ending in end', () => {
    const top = parseConfig(config).map((n) => n.line);
    for (const n of [1, 2, 3, 4]) {
      expect(top).toContain(`switch ${n} provision c9300-48p`);
      expect(top).toContain(`interface GigabitEthernet${n}/0/48`);
      for (const p of [1, 2, 3, 4]) expect(top).toContain(`interface GigabitEthernet${n}/1/${p}`);
    }
    expect(top).not.toContain('interface GigabitEthernet5/0/1');
    expect(top[0]).toBe('version 17.9');
    expect(top[top.length - 1]).toBe('end');
    expect(config.endsWith('\nend\n')).toBe(true);
  });

  it('round-trips through config-tree byte for byte', () => {
    expect(renderConfig(parseConfig(config))).toBe(config);
    expect(renderConfig(parseConfig(factoryDefaultConfig()))).toBe(factoryDefaultConfig());
  });

  it('uses documentation and benchmark address ranges only', () => {
    const addresses = [...config.matchAll(/\b(\d{1,3}(?:\.\d{1,3}){3})\b/g)].map((m) => m[1] ?? '');
    const hosts = addresses.filter((a) => !a.startsWith('255.') && !a.startsWith('0.'));
    expect(hosts.length).toBeGreaterThan(0);
    for (const a of hosts) expect(a).toMatch(/^(192\.0\.2\.|198\.51\.100\.|198\.1[89]\.)/);
  });

  it('grows by five lines per extra interface per member (benchmark sizes)', () => {
    const base = countLines(parseConfig(config));
    const big = countLines(parseConfig(initialConfig({ ...SPEC, extraInterfacesPerMember: 300 })));
    expect(big - base).toBe(5 * 300 * 4);
    expect(big).toBeGreaterThan(5000);
  });

  it('factory default has no hostname (prompt Switch) and no users', () => {
    const tree = parseConfig(factoryDefaultConfig());
    expect(hostnameOf(tree)).toBe('Switch');
    expect(tree.some((n) => n.line.startsWith('username') || n.line.startsWith('enable secret'))).toBe(false);
    expect(tree[tree.length - 1]?.line).toBe('end');
  });
});

// ---------------------------------------------------------------- running / startup

describe('show running-config and show startup-config', () => {
  const realRunning = c9200l('show running-config');
  const napalmRunning = real('napalm/ios/test_get_config/normal/show_running_config.txt');

  it('the real captures fit the header readers (so the readers are the real format)', () => {
    for (const output of [realRunning, napalmRunning]) {
      const h = splitConfigOutput(output);
      expect(h.preamble.slice(0, 2)).toEqual(['Building configuration...', '']);
      expect(h.preamble[2]).toMatch(CURRENT);
      h.comments.forEach(checkComment);
      expect(h.body.startsWith('version ')).toBe(true);
    }
    expect(splitConfigOutput(realRunning).comments.map(checkComment)).toEqual(['change', 'nvram']);
  });

  it('the lab header matches the real header line for line, and counts its bytes', () => {
    const s = fresh();
    const out = show.showRunning(s, NOW);
    const h = splitConfigOutput(out);
    const realH = splitConfigOutput(realRunning);
    expect(h.preamble.slice(0, 2)).toEqual(realH.preamble.slice(0, 2));
    const n = CURRENT.exec(h.preamble[2] ?? '');
    expect(n).not.toBeNull();
    expect(h.comments.map(checkComment)).toEqual(['change', 'nvram']);
    // N counts what follows the line up to `end` and its newline.
    const after = out.slice(out.indexOf('\n', out.indexOf('Current configuration')) + 1);
    expect(Number(n?.[1])).toBe(Buffer.byteLength(after.slice(0, after.lastIndexOf('end\n') + 4)));
    // IOS leaves an empty line after `end` before the prompt, as the capture shows.
    expect(out.slice(-6)).toBe(realRunning.slice(-6));
  });

  it('the body is the running tree: parseConfig(body) equals state.running', () => {
    const s = fresh();
    expect(parseConfig(splitConfigOutput(show.showRunning(s, NOW)).body)).toEqual(s.running);
  });

  it('reports the last change, its time and its user in IOS time format', () => {
    const s = fresh();
    const at = NOW + 3_723_000;
    changeRunning(s, (t) => (setLine(t, 'ntp server 192.0.2.125', () => false), t), 'alice', at);
    const comments = splitConfigOutput(show.showRunning(s, at)).comments;
    const change = LAST_CHANGE.exec(comments[0] ?? '');
    expect(change?.[10]).toBe('alice');
    expect(change?.[4]).toBe('UTC');
    expect(change && timeOf(change)).toBe(Math.floor(at / 1000) * 1000);
    const weekday = change?.[5];
    expect(weekday).toBe(DAYS[new Date(at).getUTCDay()]);
  });

  it('after a power cycle: no configuration change since last restart, and the body is startup', () => {
    const s = fresh();
    changeRunning(s, (t) => (setLine(t, 'ntp server 192.0.2.125', () => false), t), 'alice', NOW);
    powerCycle(s, parseConfig(factoryDefaultConfig()), NOW + 60_000);
    const h = splitConfigOutput(show.showRunning(s, NOW + 200_000));
    // NVRAM's own header survives the reboot, so IOS still says when it was last written.
    expect(h.comments.map(checkComment)).toEqual(['none', 'nvram']);
    expect(h.body).not.toContain('192.0.2.125');
    expect(parseConfig(h.body)).toEqual(s.running);
  });

  it('show startup-config: Using N out of 2097152 bytes, the same comment block, the body', () => {
    const s = fresh();
    const out = show.showStartup(s);
    const first = USING.exec(lines(out)[0] ?? '');
    expect(first?.[2]).toBe('2097152');
    const after = out.slice(out.indexOf('\n') + 1);
    expect(Number(first?.[1])).toBe(Buffer.byteLength(after.slice(0, after.lastIndexOf('end\n') + 4)));
    const h = splitConfigOutput(out);
    expect(h.comments.map(checkComment)).toEqual(['change', 'nvram']);
    expect(parseConfig(h.body)).toEqual(s.startup);
  });

  it('after save, startup shows the save time; with NVRAM erased it is not present', () => {
    const s = fresh();
    const at = NOW + 10_000;
    changeRunning(s, (t) => (setLine(t, 'ntp server 192.0.2.125', () => false), t), 'alice', at);
    save(s, 'bob', at + 5_000);
    const nvram = NVRAM_UPDATED.exec(splitConfigOutput(show.showStartup(s)).comments[1] ?? '');
    expect(nvram?.[10]).toBe('bob');
    expect(nvram && timeOf(nvram)).toBe(Math.floor((at + 5_000) / 1000) * 1000);
    powerCycle(s, parseConfig(factoryDefaultConfig()), NOW + 60_000, true);
    expect(show.showStartup(s)).toBe('startup-config is not present\n');
    expect(hostnameOf(s.running)).toBe('Switch');
  });
});

describe('the real C9200L running-config through config-tree', () => {
  const body = splitConfigOutput(c9200l('show running-config')).body;

  // Two real constructs a naive tree would lose: trailing spaces IOS leaves on some
  // lines, and `snmp mib expression` children that IOS indents by two spaces.
  it('has the constructs that make a round trip hard', () => {
    expect(lines(body).some((l) => / $/.test(l))).toBe(true);
    expect(lines(body).some((l) => /^ {2}expression/.test(l))).toBe(true);
  });

  it('renders back byte-identical', () => {
    expect(renderConfig(parseConfig(body))).toBe(body);
  });
});

// ---------------------------------------------------------------- show switch

/** Column starts of a `show switch` member row, as in genieparser's ShowSwitch captures. */
const SWITCH_COLUMNS = [0, 1, 9, 18, 37, 44, 52];
interface SwitchRow {
  current: boolean;
  number: number;
  role: string;
  mac: string;
  priority: number;
  hw: string;
  state: string;
}

function parseSwitchTable(output: string): { stackMac: string; kind: string; header: string[]; rows: SwitchRow[] } {
  const all = lines(output).filter((l) => l !== 'show switch detail');
  const mac = /^Switch\/Stack Mac Address : ([0-9a-f.]{14}) +- (Local|Foreign) Mac Address$/.exec(all[0] ?? '');
  if (!mac) throw new Error(`no stack MAC line: ${all[0]}`);
  const dash = all.findIndex((l) => /^-{20,}$/.test(l));
  const rows: SwitchRow[] = [];
  for (const line of all.slice(dash + 1)) {
    if (!/^[* ]\d/.test(line)) break;
    const [mark, number, role, rowMac, priority, hw, state] = columns(line, SWITCH_COLUMNS);
    expect(role).toMatch(/^(Active|Standby|Member)$/);
    expect(rowMac).toMatch(/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/);
    expect(priority).toMatch(/^\d+$/);
    expect(hw).toMatch(/^(V\d\d|\d*)$/);
    expect(state).toMatch(/^(Ready|Provisioned|Removed|V-Mismatch|Initializing|Unprovisioned)$/);
    rows.push({
      current: mark === '*',
      number: Number(number),
      role: role ?? '',
      mac: rowMac ?? '',
      priority: Number(priority),
      hw: hw ?? '',
      state: state ?? '',
    });
  }
  return { stackMac: mac[1] ?? '', kind: mac[2] ?? '', header: all.slice(1, dash + 1), rows };
}

describe('show switch', () => {
  const realC3850 = real('genieparser/iosxe/ShowSwitch/golden_output_c3850_output.txt');
  const realProvisioned = real('genieparser/iosxe/ShowSwitch/golden_output_1_output.txt');

  it('the column reader reads the real captures', () => {
    expect(parseSwitchTable(realC3850).rows).toEqual([
      { current: true, number: 1, role: 'Active', mac: '689c.e2ff.b9d9', priority: 3, hw: 'V04', state: 'Ready' },
      { current: false, number: 2, role: 'Standby', mac: 'c800.84ff.7e00', priority: 2, hw: 'V05', state: 'Ready' },
      { current: false, number: 3, role: 'Member', mac: 'c800.84ff.4800', priority: 1, hw: 'V05', state: 'Ready' },
      { current: false, number: 4, role: 'Member', mac: '00cc.fcff.7b00', priority: 15, hw: '0', state: 'V-Mismatch' },
    ]);
    expect(parseSwitchTable(realProvisioned).rows[1]).toEqual({
      current: false,
      number: 2,
      role: 'Member',
      mac: '0000.0000.0000',
      priority: 0,
      hw: '',
      state: 'Provisioned',
    });
  });

  it('the lab prints the real header lines and rows the same reader reads into the members', () => {
    const s = fresh();
    const lab = parseSwitchTable(show.showSwitch(s));
    expect(lab.header).toEqual(parseSwitchTable(realC3850).header);
    expect(lab.kind).toBe('Local');
    expect(lab.stackMac).toBe(s.members[0]?.mac);
    expect(lab.rows).toEqual(
      s.members.map((m) => ({
        current: m.role === 'active',
        number: m.number,
        role: IOS_ROLE[m.role],
        mac: m.state === 'provisioned' ? '0000.0000.0000' : m.mac,
        priority: m.state === 'provisioned' ? 0 : m.priority,
        hw: m.state === 'provisioned' ? '' : m.hwVersion,
        state: IOS_STATE[m.state],
      })),
    );
    // Row padding as the c3850 capture: the state column is 21 wide.
    expect(lines(show.showSwitch(s))[5]?.length).toBe(lines(realC3850)[5]?.length);
  });

  it('after the Active loses power: the Standby is Active, the old one Removed, the stack MAC foreign', () => {
    const s = fresh();
    const oldMac = s.members[0]?.mac;
    memberDown(s, 1);
    const lab = parseSwitchTable(show.showSwitch(s));
    expect(lab.rows.find((r) => r.current)?.number).toBe(2);
    expect(lab.rows[0]).toMatchObject({ number: 1, role: 'Member', mac: '0000.0000.0000', priority: 0, state: 'Removed' });
    expect(lab.stackMac).toBe(oldMac);
    expect(lab.kind).toBe('Foreign');
  });
});

// ---------------------------------------------------------------- show switch detail

/** Column starts of a stack-port row, as in the genieparser c3850 and ntc detail01 captures. */
const PORT_COLUMNS = [0, 3, 14, 25, 42];

function parsePortTable(output: string): { header: string[]; rows: { number: number; p1: string; p2: string; n1: string; n2: string }[] } {
  const all = lines(output);
  const title = all.findIndex((l) => l.trim().startsWith('Stack Port Status'));
  const rows = [];
  for (const line of all.slice(title + 3)) {
    if (!/^ +\d/.test(line)) break;
    const [number, p1, p2, n1, n2] = columns(line, PORT_COLUMNS);
    for (const status of [p1, p2]) expect(status).toMatch(/^(OK|DOWN)$/);
    for (const n of [n1, n2]) expect(n).toMatch(/^(\d+|None)$/);
    rows.push({ number: Number(number), p1: p1 ?? '', p2: p2 ?? '', n1: n1 ?? '', n2: n2 ?? '' });
  }
  return { header: all.slice(title - 3, title + 3), rows };
}

describe('show switch detail', () => {
  const realOk = real('genieparser/iosxe/ShowSwitchDetail/golden_output_c3850_output.txt');
  const realDown = real('ntc-templates/cisco_ios/show_switch_detail/cisco_ios_show_switch_detail01.raw');

  it('the column reader reads the real captures', () => {
    expect(parsePortTable(realOk).rows).toEqual([
      { number: 1, p1: 'OK', p2: 'OK', n1: '3', n2: '2' },
      { number: 2, p1: 'OK', p2: 'OK', n1: '1', n2: '3' },
      { number: 3, p1: 'OK', p2: 'OK', n1: '2', n2: '1' },
    ]);
    expect(parsePortTable(realDown).rows).toEqual([{ number: 1, p1: 'DOWN', p2: 'DOWN', n1: 'None', n2: 'None' }]);
  });

  it('the lab prints the real separator and header lines and a ring of the members', () => {
    const s = fresh();
    const out = show.showSwitchDetail(s);
    const lab = parsePortTable(out);
    expect(lab.header).toEqual(parsePortTable(realOk).header);
    expect(parseSwitchTable(out).rows).toEqual(parseSwitchTable(show.showSwitch(s)).rows);
    // Same ring as the c3850 capture: port 1 to the previous member, port 2 to the next;
    // for the same three members the rows are the capture's bytes.
    expect(lab.rows).toEqual(parsePortTable(realOk).rows);
    const portRows = (text: string) => lines(text).filter((l) => /^ +\d +(OK|DOWN) /.test(l));
    expect(portRows(out)).toEqual(portRows(realOk));
  });

  it('a member without power has no row, and its neighbours show DOWN/None towards it', () => {
    const s = fresh();
    memberDown(s, 3);
    const rows = parsePortTable(show.showSwitchDetail(s)).rows;
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    expect(rows[0]).toEqual({ number: 1, p1: 'DOWN', p2: 'OK', n1: 'None', n2: '2' });
    expect(rows[1]).toEqual({ number: 2, p1: 'OK', p2: 'DOWN', n1: '1', n2: 'None' });
  });

  it('a single member has both ports DOWN, as the ntc capture of a lone switch', () => {
    const s = fresh({ ...SPEC, members: [SPEC.members[0]!], provisioned: [] });
    const out = show.showSwitchDetail(s);
    expect(parsePortTable(out).rows).toEqual(parsePortTable(realDown).rows);
    const portRow = (text: string) => lines(text).find((l) => /^ +1 +DOWN /.test(l));
    expect(portRow(out)).toBe(portRow(realDown));
  });
});

// ---------------------------------------------------------------- show version

/** Column starts of the `Switch Ports Model SW Version SW Image Mode` table, from the real header. */
const VERSION_COLUMNS = [0, 1, 7, 13, 32, 50, 72];

function parseVersionTable(output: string): { header: string[]; rows: string[][] } {
  const all = lines(output);
  const at = all.findIndex((l) => l.startsWith('Switch Ports Model'));
  const rows: string[][] = [];
  for (const line of all.slice(at + 2)) {
    if (!/^[* ] +\d/.test(line)) break;
    const row = columns(line, VERSION_COLUMNS);
    expect(row[1]).toMatch(/^\d+$/);
    expect(row[2]).toMatch(/^\d+$/);
    expect(row[3]).toMatch(/^[A-Z0-9-]+$/);
    expect(row[4]).toMatch(/^\d+\.\d+\.\d+[a-z]?[A-Z]?$/);
    expect(row[6]).toMatch(/^(INSTALL|BUNDLE)$/);
    rows.push(row);
  }
  return { header: all.slice(at, at + 2).map((l) => l.trimEnd()), rows };
}

/** The per-member `Switch 0N` sections: number → key/value pairs. */
function parseMemberSections(output: string): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  const all = lines(output);
  all.forEach((line, i) => {
    const m = /^Switch (\d\d)$/.exec(line);
    if (!m || all[i + 1] !== '---------') return;
    const fields = new Map<string, string>();
    for (const l of all.slice(i + 2)) {
      if (/^Switch \d\d$/.test(l) || l.startsWith('Configuration register')) break;
      const kv = /^(.{35}): (.*)$/.exec(l);
      if (kv) fields.set((kv[1] ?? '').trimEnd(), (kv[2] ?? '').trimEnd());
    }
    out.set(Number(m[1]), fields);
  });
  return out;
}

function uptimeMinutes(text: string): number {
  const unit: Record<string, number> = { year: 525_600, week: 10_080, day: 1_440, hour: 60, minute: 1 };
  const parts = text.split(', ');
  return parts.reduce((sum, p) => {
    const m = /^(\d+) (year|week|day|hour|minute)(s?)$/.exec(p);
    if (!m) throw new Error(`not an IOS uptime part: ${p}`);
    expect(m[3] === '').toBe(m[1] === '1'); // singular exactly for 1
    return sum + Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
  }, 0);
}

describe('show version', () => {
  const realC9300 = real('genieparser/iosxe/ShowVersion/golden_output_c9300_output.txt');
  const realStack = real('ntc-templates/cisco_ios/show_version/cisco_ios_show_version1.raw');
  const realC9200L = c9200l('show version');
  const UPTIME = /^(\S+) uptime is (.+)$/m;

  it('the readers read the real captures', () => {
    expect(parseVersionTable(realC9300).rows).toEqual([['*', '1', '41', 'C9300-24P', '17.06.01', 'CAT9K_IOSXE', 'BUNDLE']]);
    expect(parseVersionTable(realStack).rows.map((r) => r[1])).toEqual(['1', '2', '3', '4']);
    expect(parseVersionTable(realC9200L).rows).toHaveLength(1);
    expect([...parseMemberSections(realStack).keys()]).toEqual([2, 3, 4]);
    for (const capture of [realC9200L, realStack]) uptimeMinutes(UPTIME.exec(capture)?.[2] ?? '');
  });

  it('the lab table has the real header and one row per present member, * on the Active', () => {
    const s = fresh({ ...SPEC, mixedVersions: true });
    const lab = parseVersionTable(show.showVersion(s, NOW));
    expect(lab.header).toEqual(parseVersionTable(realC9300).header);
    expect(lab.header).toEqual(parseVersionTable(realC9200L).header);
    expect(lab.rows).toEqual(
      s.members
        .filter((m) => m.powered)
        .map((m) => [m.role === 'active' ? '*' : '', String(m.number), String(m.ports), m.model, m.version, 'CAT9K_IOSXE', 'INSTALL']),
    );
  });

  it('per-member sections as a real stack prints them, for the present non-Active members only', () => {
    const s = fresh();
    memberDown(s, 3);
    const out = show.showVersion(s, NOW);
    const sections = parseMemberSections(out);
    expect([...sections.keys()]).toEqual([2]);
    const realKeys = [...(parseMemberSections(realStack).get(2)?.keys() ?? [])];
    const labKeys = [...(sections.get(2)?.keys() ?? [])];
    expect(labKeys.filter((k) => k !== 'CLEI Code Number')).toEqual(realKeys);
    expect(sections.get(2)?.get('System Serial Number')).toBe(s.members[1]?.serial);
    expect(parseVersionTable(out).rows.map((r) => r[1])).toEqual(['1', '2']);
    // The Active's own block uses the same keys as the single C9300 capture (with CLEI).
    const block = (text: string) =>
      lines(text)
        .filter((l) => /^.{35}: /.test(l) && !l.startsWith('Switch uptime'))
        .map((l) => l.slice(0, 35).trimEnd());
    expect(block(out).slice(0, 8)).toEqual(block(realC9300));
  });

  it('uptime from bootedAt, hostname from the running config, and the real reload lines', () => {
    const s = fresh();
    const out = show.showVersion(s, NOW);
    const m = UPTIME.exec(out);
    expect(m?.[1]).toBe('core-stack-1');
    expect(uptimeMinutes(m?.[2] ?? '')).toBe(Math.floor((NOW - s.bootedAt) / 60_000));
    for (const re of [
      /^Last reload reason: \S.*$/m,
      /^System image file is ".+"$/m,
      /^Uptime for this control processor is .+$/m,
      /^Configuration register is 0x102$/m,
    ]) {
      expect(realC9200L).toMatch(re);
      expect(out).toMatch(re);
    }
    powerCycle(s, parseConfig(factoryDefaultConfig()), NOW, true);
    // A lab boot reports having taken BOOT_DURATION_MS, as a real switch answers only after booting.
    const after = show.showVersion(s, NOW - BOOT_DURATION_MS + 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000);
    expect(UPTIME.exec(after)?.[1]).toBe('Switch');
    expect(UPTIME.exec(after)?.[2]).toBe('2 days, 3 hours, 4 minutes');
    expect(after).toMatch(/^Last reload reason: PowerOn$/m);
  });

  it('IOS uptime wording: all units below the largest, singular for 1', () => {
    expect(show.iosUptime(9 * 60_000)).toBe('9 minutes');
    expect(show.iosUptime(84 * 60_000)).toBe('1 hour, 24 minutes');
    const weeks = ((28 * 7 + 1) * 24 + 8) * 60;
    expect(show.iosUptime(weeks * 60_000)).toBe('28 weeks, 1 day, 8 hours, 0 minutes'); // ntc show_version1
  });
});

// ---------------------------------------------------------------- show inventory

const ENTRY = /^NAME: "([^"]*)", DESCR: "([^"]*)"\nPID: (.{18}), VID: (.{5}), SN: (\S*)$/gm;

function parseInventory(output: string): { name: string; descr: string; pid: string; vid: string; sn: string }[] {
  const entries = [...output.matchAll(ENTRY)].map((m) => ({
    name: m[1] ?? '',
    descr: m[2] ?? '',
    pid: (m[3] ?? '').trim(),
    vid: (m[4] ?? '').trim(),
    sn: m[5] ?? '',
  }));
  // Every non-empty line belongs to an entry: nothing the reader would miss.
  expect(lines(output).filter((l) => l.trim() !== '')).toHaveLength(entries.length * 2);
  return entries;
}

describe('show inventory', () => {
  const realC9200L = c9200l('show inventory');

  it('the reader reads the real captures', () => {
    expect(parseInventory(realC9200L).map((e) => e.name)).toEqual(['c92xxL Stack', 'Switch 1', 'Switch 1 - Power Supply A']);
    expect(parseInventory(real('genieparser/iosxe/ShowInventory/golden_output_c3850_output.txt'))[0]?.name).toBe('c38xx Stack');
  });

  it('the lab lists the stack, then each present member and its power supply, ending as the capture does', () => {
    const s = fresh();
    memberDown(s, 2);
    const out = show.showInventory(s);
    const entries = parseInventory(out);
    expect(entries.map((e) => e.name)).toEqual(['c93xx Stack', 'Switch 1', 'Switch 1 - Power Supply A', 'Switch 3', 'Switch 3 - Power Supply A']);
    expect(entries[0]).toMatchObject({ pid: 'C9300-48P', sn: s.members[0]?.serial });
    expect(entries[3]).toMatchObject({ descr: 'C9300-48P', sn: s.members[2]?.serial });
    const tail = (text: string) => /\n*$/.exec(text)?.[0];
    expect(tail(out)).toBe(tail(realC9200L));
  });
});

// ---------------------------------------------------------------- show archive config differences

describe('show archive config differences', () => {
  const realDiff = lines(real('genieparser/iosxe/ShowArchiveConfigDifferences/golden_output_output.txt'));
  const header = realDiff.find((l) => l.includes('Contextual Config Diffs'));
  const SIGNED = /^ *[+-]\S/;

  it('says so when nothing changed', () => {
    const out = lines(show.showArchiveConfigDifferences(fresh()));
    expect(out[0]).toBe(header);
    expect(out[1]).toBe('!No changes were found');
  });

  it('lists unsaved lines in contextual form: parent line, then signed children one space deeper', () => {
    const s = fresh();
    changeRunning(
      s,
      (t) => {
        const svi = t.find((n) => n.line === 'interface Vlan99');
        svi?.children.push({ line: 'ip helper-address 192.0.2.5', children: [] });
        return t.filter((n) => n.line !== 'ntp server 192.0.2.124').map((n) => (n.line.startsWith('hostname ') ? { ...n, line: 'hostname core-stack-9' } : n));
      },
      'alice',
      NOW,
    );
    const out = lines(show.showArchiveConfigDifferences(s));
    expect(out[0]).toBe(header);
    expect(out.slice(1, -1)).toEqual([
      '+hostname core-stack-9',
      'interface Vlan99',
      ' +ip helper-address 192.0.2.5',
      '-hostname core-stack-1',
      '-ntp server 192.0.2.124',
    ]);
    // The real capture's signed lines have the same shape.
    const realSigned = realDiff.slice(realDiff.indexOf(header ?? '') + 1).filter((l) => SIGNED.test(l));
    expect(realSigned.length).toBeGreaterThan(0);
    for (const l of [...realSigned, ...out.slice(1, -1).filter((l) => !l.startsWith('interface'))]) expect(l).toMatch(SIGNED);
    save(s, 'alice', NOW + 1_000);
    expect(lines(show.showArchiveConfigDifferences(s))[1]).toBe('!No changes were found');
  });

  it('a removed block is signed line by line under its own sign', () => {
    const s = fresh();
    changeRunning(s, (t) => t.filter((n) => n.line !== 'redundancy'), 'alice', NOW);
    expect(lines(show.showArchiveConfigDifferences(s)).slice(1, -1)).toEqual(['-redundancy', ' -mode sso']);
  });
});
