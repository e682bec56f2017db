// The contract's syntax for the platforms not built yet, on their real captures
// (test/fixtures/real; sources in test/fixtures/SOURCES.md):
// - blocks closed by `exit`, not indented (Dell OS6; Broadcom EFOS, the FASTPATH CLI OS6 comes
//   from): parents, the real unsaved VLAN 666, the restore plan, a cut capture;
// - no end marker (NX-OS, AOS-CX): a `prompt-returned` rule that still catches a capture
//   missing its head, too small, or (exit-closed) cut before its last `exit`.
// The syntax data below is how docs/PLATFORMS.md fills the fields; the platforms themselves
// are built in issues 15/16.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeLastGood } from '../../src/config/health-gate.js';
import { extractConfig, isComplete, linesInPlace, significantLineCount, unsavedLines, whyIncomplete } from '../../src/config/normalise.js';
import { compareWithTarget, planPush } from '../../src/config/push-plan.js';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { readRunning } from '../../src/jobs/capture.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import type { ConfigSyntax, ExitClosedHierarchy, Platform, PlatformConfigure } from '../../src/platforms/platform.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

/** What the device printed for `command` in a recorded session. */
function recorded(file: string, command: string): string {
  const exchange = parseRecordedSession(real(file)).exchanges.find((e) => e.send === `${command}\n`);
  if (!exchange) throw new Error(`${command} is not in ${file}`);
  return exchange.output;
}

// ---------------------------------------------------------------- exit-closed (Dell OS6)

/** Dell OS6 as docs/PLATFORMS.md §3.2 fills `syntax`: the block openers seen in the real captures. */
const OPENS = [
  /^vlan \d[\d,-]*$/,
  /^interface /,
  /^stack$/,
  /^line (?:console|telnet|ssh)$/,
  /^logging [\d.:a-fA-F]+$/,
  /^radius-server host /,
  /^management access-list /,
  /^ip vrf \S+$/,
  /^vpc domain /,
  /^vlan database$/,
  /^class-map /,
  /^policy-map /,
  /^class /,
];
const OS6: ConfigSyntax = {
  comment: /^\s*!/,
  hierarchy: {
    kind: 'exit-closed',
    opens: OPENS,
    close: /^exit$/,
    frame: [/^configure$/],
  },
  complete: { kind: 'prompt-returned', header: /^!Current Configuration:$/, within: 5, minLines: 1 },
  completeSays: 'not a whole configuration',
};

/** OS6's line-merge data as far as the plan needs it (typing is not built for OS6). */
const OS6_CONFIGURE: PlatformConfigure = {
  enter: 'configure',
  leave: 'end',
  up: 'exit',
  inConfigMode: /\(config[^)]*\)#\s*$/,
  topLevel: /\(config\)#\s*$/,
  errors: [/^% /m],
  refusalShown: (e) => e,
  questions: [],
  unknownQuestion: /\?\s*$/,
  decline: 'n',
  wholeBlocks: [],
  groupOf: () => undefined,
  unmanaged: [],
  negate: (line) => (line.startsWith('no ') ? line.slice(3) : `no ${line}`),
  // One allowed-VLAN list per port; the VLAN list line names every VLAN (typing a new one adds).
  replaces: (added, removed) =>
    (/^switchport trunk allowed vlan /.test(added.trim()) && /^switchport trunk allowed vlan /.test(removed.trim())) ||
    (/^vlan \d+[,-]/.test(added.trim()) && /^vlan \d+[,-]/.test(removed.trim())),
  execLevel: [/^reload\b/],
  typeBanner: (unit) => unit,
};

const RUNNING = real('napalm-dellos6/test_get_config/normal/show_running_config.txt');
const STARTUP = real('napalm-dellos6/test_get_config/normal/show_startup_config.txt');

describe('exit-closed blocks, on the real Dell OS6 captures', () => {
  const lines = linesInPlace(OS6, RUNNING);
  const parentsOf = (text: string) => lines.find((l) => l.text.trim() === text)?.parents;

  it('finds each line’s block: the opener above it, not yet closed by `exit`', () => {
    expect(parentsOf('name "TEST"')).toEqual(['vlan 666']);
    expect(parentsOf('name "Replication"')).toEqual(['vlan 4002']);
    expect(parentsOf('description "syslog"')).toEqual(['logging 192.0.2.246']);
    expect(parentsOf('member 1 1    ! N4032')).toEqual(['stack']);
    expect(parentsOf('ip vrf forwarding TEST')).toEqual(['interface vlan 666']);
    expect(parentsOf('switchport trunk allowed vlan 666,699,707,710,3840,4002')).toEqual(['interface port-channel 50']);
    expect(parentsOf('peer detection enable')).toEqual(['vpc domain 1']);
  });

  it('puts top-level lines after a closed block at the top again, and `configure` above nothing', () => {
    expect(parentsOf('hostname "switch1"')).toEqual([]);
    expect(parentsOf('logging snmp')).toEqual([]);
    expect(parentsOf('system jumbo mtu 9216')).toEqual([]);
    expect(parentsOf('enable password 38d0fe97e68c78d01484299c1eba409f encrypted')).toEqual([]);
    // The closers and the frame are structure: marked, and never configuration.
    expect(lines.filter((l) => l.structure).map((l) => l.text.trim())).toEqual(expect.arrayContaining(['configure', 'exit']));
    expect(lines.filter((l) => l.structure && l.text.trim() !== 'exit' && l.text.trim() !== 'configure')).toEqual([]);
  });

  it('finds the real unsaved change: VLAN 666, its interface and the trunk list, under their blocks', () => {
    expect(unsavedLines(OS6, RUNNING, STARTUP)).toEqual({
      added: [
        'vlan 666,699,707,710,3840,4000-4002',
        'vlan 666',
        'name "TEST"',
        'interface vlan 666',
        'ip vrf forwarding TEST',
        'ip address 192.0.2.129 255.255.255.252',
        'interface port-channel 50',
        'switchport trunk allowed vlan 666,699,707,710,3840,4002',
      ],
      removed: ['vlan 699,707,710,3840,4000-4002', 'interface port-channel 50', 'switchport trunk allowed vlan 699,707,710,3840,4002'],
      counts: { added: 7, removed: 2 },
    });
    expect(unsavedLines(OS6, STARTUP, STARTUP).counts).toEqual({ added: 0, removed: 0 });
  });

  it('does not count `exit` or `configure` as configuration', () => {
    const text = '!Current Configuration:\nconfigure\nvlan 10\nname "x"\nexit\nhostname "a"\nexit\n';
    expect(significantLineCount(OS6, text)).toBe(3);
  });

  it('plans the restore of the unsaved change: each line in its block, the old trunk list typed over', () => {
    const plan = planPush(OS6, OS6_CONFIGURE, STARTUP, RUNNING);
    expect(plan.items.map((i) => [i.change, i.line.parents, i.type])).toEqual([
      ['add', [], ['vlan 666,699,707,710,3840,4000-4002']],
      ['add', [], ['vlan 666']],
      ['add', ['vlan 666'], ['name "TEST"']],
      ['add', [], ['interface vlan 666']],
      ['add', ['interface vlan 666'], ['ip vrf forwarding TEST']],
      ['add', ['interface vlan 666'], ['ip address 192.0.2.129 255.255.255.252']],
      ['add', ['interface port-channel 50'], ['switchport trunk allowed vlan 666,699,707,710,3840,4002']],
    ]);
    expect(compareWithTarget(OS6, OS6_CONFIGURE, RUNNING, RUNNING).same).toBe(true);
  });

  it('is complete with its header and every block closed; a capture cut before its last `exit` is not', () => {
    const p = { ...ciscoIos, syntax: OS6, errors: [/^% /m] } as Platform;
    expect(isComplete(p, RUNNING)).toBe(true);
    expect(isComplete(p, STARTUP)).toBe(true);
    // Cut inside an interface block.
    const all = RUNNING.split('\n');
    const cut = all.slice(0, all.indexOf('interface Te2/0/12') + 2).join('\n') + '\n';
    expect(isComplete(p, cut)).toBe(false);
    expect(whyIncomplete(OS6, cut)).toBe('not a whole configuration: 2 block(s) not closed (the last opened: "interface Te2/0/12")');
    // Cut only before the very last `exit` (the frame's): caught too.
    expect(isComplete(p, RUNNING.replace(/exit\n$/, ''))).toBe(false);
    // Missing its head.
    expect(isComplete(p, RUNNING.split('\n').slice(6).join('\n'))).toBe(false);
  });

  it('reads nested blocks on the FASTPATH sibling (EFOS): a class inside a policy-map', () => {
    const efos = recorded('oxidized/efos#BES-53248_3.12.0.1#simulation.yaml', 'show running-config');
    // EFOS's own openers: its VLANs are made in `vlan database` (`vlan 10,103` opens nothing there).
    const EFOS: ConfigSyntax = { ...OS6, hierarchy: { ...(OS6.hierarchy as ExitClosedHierarchy), opens: OPENS.filter((o) => !o.test('vlan 10')) } };
    const l = linesInPlace(EFOS, efos);
    expect(l.find((x) => x.text.trim() === 'assign-queue 2')?.parents).toEqual(['policy-map InClusterRdma in', 'class CLUSTER_RDMA']);
    expect(l.find((x) => x.text.trim() === 'match cos 5')?.parents).toEqual(['class-map match-all c5']);
    expect(l.find((x) => x.text.trim() === 'vlan 10,103')?.parents).toEqual(['vlan database']);
    expect(l.find((x) => x.text.trim() === 'spanning-tree mode pvst')?.parents).toEqual([]);
  });
});

// ---------------------------------------------------------------- no end marker (NX-OS, AOS-CX)

/** A platform with no end marker, made from IOS's by the fields docs/PLATFORMS.md gives it. */
function noEndMarker(over: { prompt: RegExp; volatile: RegExp[]; header: RegExp; errors: RegExp[] }): Platform {
  return {
    ...ciscoIos,
    name: 'no-end-marker',
    prompt: over.prompt,
    volatile: over.volatile,
    errors: over.errors,
    syntax: {
      comment: /^\s*!/,
      hierarchy: 'indent',
      complete: { kind: 'prompt-returned', header: over.header, within: 5, minLines: 3 },
      completeSays: 'not a whole configuration',
    },
  };
}

const NXOS = noEndMarker({
  prompt: /^\r?([\w.@_()-]+)# ?$/,
  // Differ between running and startup, or change by themselves [V1].
  volatile: [/^!Command: show /, /^!Time: /, /^!Running configuration last done at: /, /^!Startup config saved at: /],
  header: /^version \d/,
  errors: [/^% Invalid command/m],
});
const AOSCX = noEndMarker({
  prompt: /^([\w.-]+)[#>] $/,
  volatile: [/^Current configuration:$/, /^Startup configuration:$/],
  header: /^!Version ArubaOS-CX /,
  errors: [/^% /m],
});

describe('complete without an end marker: the prompt returned, and the text shows what it can', () => {
  const nxos = extractConfig(NXOS, recorded('oxidized/nxos#C93180YC-FX3J_10.4.5#simulation.yaml', 'show running-config'));
  const cx6300 = extractConfig(AOSCX, recorded('oxidized/aoscx#6300M-48G-4SFP56_10.13.1101#simulation.yaml', 'show running-config'));
  const cx6100 = extractConfig(AOSCX, recorded('oxidized/aoscx#6100-48G_PL.10.10.1090#simulation.yaml', 'show running-config'));

  it('accepts the real NX-OS and AOS-CX running configs, which end with a configuration line', () => {
    expect(nxos.split('\n')[0]).toMatch(/^version 10\.4\(5\)/);
    expect(nxos.trimEnd().split('\n').pop()).toMatch(/^snmp-server user /);
    expect(isComplete(NXOS, nxos)).toBe(true);
    expect(cx6300.split('\n')[0]).toBe('!Version ArubaOS-CX FL.10.13.1101');
    expect(isComplete(AOSCX, cx6300)).toBe(true);
    expect(isComplete(AOSCX, cx6100)).toBe(true);
    // An end-marker rule would have refused every one of them.
    expect(isComplete(ciscoIos, nxos)).toBe(false);
  });

  it('refuses a capture missing its head, one too small to be a configuration, and error text', () => {
    expect(isComplete(NXOS, nxos.split('\n').slice(1).join('\n'))).toBe(false);
    expect(whyIncomplete(NXOS.syntax, nxos.split('\n').slice(1).join('\n'))).toBe('not a whole configuration: no header (/^version \\d/) in its first 5 lines');
    expect(isComplete(AOSCX, cx6300.split('\n').slice(4).join('\n'))).toBe(false);
    expect(isComplete(AOSCX, '!Version ArubaOS-CX FL.10.13.1101\nhostname a\n')).toBe(false);
    expect(whyIncomplete(AOSCX.syntax, '!Version ArubaOS-CX FL.10.13.1101\nhostname a\n')).toBe(
      'not a whole configuration: 1 line(s) of configuration, fewer than 3',
    );
    expect(isComplete(NXOS, `${nxos}% Invalid command at '^' marker.\n`)).toBe(false);
  });

  it('a backup reads the real running config whole, and names what a cut one lacks', async () => {
    const raw = recorded('oxidized/nxos#C93180YC-FX3J_10.4.5#simulation.yaml', 'show running-config');
    const shellPrinting = (output: string): DeviceShell => ({
      engine: { info: { hostname: 'TEST-12345', prompt: 'TEST-12345#' }, run: async () => output, type: async () => ({ output: '', prompt: '' }) },
      hostKey: { algo: 'ssh-ed25519', base64: '' },
      exec: async () => ({ code: 0, stdout: '', stderr: '' }),
      options: {},
      deadline: Date.now() + 60_000,
      close: () => undefined,
    });
    expect(await readRunning(shellPrinting(raw), NXOS)).toBe(nxos);
    const headless = raw.split('\n').slice(8).join('\n');
    await expect(readRunning(shellPrinting(headless), NXOS)).rejects.toMatchObject({
      stage: 'incomplete',
      message: expect.stringMatching(/^running-config is incomplete: not a whole configuration: no header \(\/\^version \\d\/\) in its first 5 lines \(header/),
    });
  });

  it('the health gate holds last good with what the text lacks, in words', () => {
    const cut = nxos.split('\n').slice(3).join('\n');
    expect(judgeLastGood({ platform: NXOS, running: cut, lastGood: nxos, rebooted: false })).toEqual({
      advance: false,
      kind: 'incomplete',
      reason: 'last good kept: the capture is incomplete (not a whole configuration: no header (/^version \\d/) in its first 5 lines)',
    });
    expect(judgeLastGood({ platform: NXOS, running: nxos, lastGood: nxos, rebooted: false })).toEqual({ advance: true });
  });
});
