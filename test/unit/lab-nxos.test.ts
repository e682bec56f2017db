// The Cisco NX-OS lab personality driven through its CLI session with an injected clock: what
// it prints is read back by the cisco-nxos platform's own parsers (the lab and the platform
// agree on the real captures' layouts), `show vpc` from the pair view round-trips to the same
// PairState, and checkpoints and `rollback running-config checkpoint NAME atomic` really put
// running back.

import { describe, expect, it } from 'vitest';
import { extractConfig, isComplete, unsavedLines } from '../../src/config/normalise.js';
import { renderConfig } from '../../src/lab/config-tree.js';
import * as model from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { ciscoNxosPersonality as p } from '../../src/lab/personalities/cisco-nxos/index.js';
import { nxos } from '../../src/lab/personalities/cisco-nxos/state.js';
import { personalityFor } from '../../src/lab/personalities/index.js';
import { ciscoNxos as platform } from '../../src/platforms/cisco-nxos/index.js';

function lab() {
  const clock = { t: Date.parse('2026-01-05T10:00:00Z') };
  const state = p.initialState(
    { name: 'nx-1', hostname: 'nx-1', index: 1, members: [{ number: 1, priority: 1, model: 'N9K-C93180YC-FX3', feed: 'A' }] },
    clock.t,
  );
  const host: CliHost = { state, now: () => clock.t, save: (by) => model.save(state, by, clock.t), touchRunning() {} };
  const cli = p.openCli(host, 'admin', 15, '');
  const run = (line: string) => cli.input(line).output;
  return { state, host, clock, cli, run };
}

describe('the session as the platform reads it', () => {
  it('is in the lab registry; greets with the NX-OS banner and a `name# ` prompt drawn after \\r', () => {
    expect(personalityFor('cisco-nxos')).toBe(p);
    const { cli } = lab();
    const greeting = cli.greeting();
    expect(greeting).toContain('Cisco Nexus Operating System (NX-OS) Software');
    expect(greeting.endsWith('\rnx-1# ')).toBe(true);
    expect(platform.prompt.exec(greeting)?.[1]).toBe('nx-1');
    expect(cli.input('terminal length 0').output).toBe('');
    expect(cli.pageLength()).toBe(0);
    expect(platform.pagers.some((re) => re.test(cli.pager.prompt))).toBe(true);
  });

  it('show version and show running-config read back with the platform’s parsers; one chassis', () => {
    const { run, state } = lab();
    const v = platform.parseVersion(run('show version'));
    expect(v).toMatchObject({ hostname: 'nx-1', version: '10.4(5)', model: 'Nexus9000 C93180YC-FX3', serials: [state.members[0]!.serial] });
    expect(state.members).toHaveLength(1);
    const running = extractConfig(platform, run('show running-config'));
    expect(running.split('\n')[0]).toBe('version 10.4(5) Bios:version 01.11');
    expect(isComplete(platform, running)).toBe(true);
    expect(platform.isFactoryDefault!(running)).toBe(false);
    expect(platform.isFactoryDefault!(renderConfig(p.factoryDefault()))).toBe(true);
    expect(unsavedLines(platform.syntax, running, extractConfig(platform, run('show startup-config'))).counts).toEqual({ added: 0, removed: 0 });
  });

  it('refuses an unknown command with the words the platform counts as a refusal', () => {
    const { run } = lab();
    const out = run('show inventory all');
    expect(out).toMatch(/\^\n% Invalid command at '\^' marker\.\n$/);
    expect(platform.errors.some((re) => re.test(out))).toBe(true);
  });

  it('configuration mode: contexts in the prompt, two-space lines, NX-OS’s order; unsaved until copy running-config startup-config', () => {
    const { run, cli, state } = lab();
    run('configure terminal');
    expect(platform.restore.find((s) => s.kind === 'line-merge')!.kind).toBe('line-merge');
    expect(cli.prompt()).toBe('nx-1(config)# ');
    run('interface Ethernet1/2');
    expect(cli.prompt()).toBe('nx-1(config-if)# ');
    run('description finance-server');
    run('vlan 40');
    expect(cli.prompt()).toBe('nx-1(config-vlan)# ');
    run('end');
    const text = renderConfig(state.running);
    expect(text).toContain('interface Ethernet1/2\n  switchport access vlan 30\n  description finance-server\n');
    // vlan 40 sits with the VLANs, not at the end where it was typed.
    expect(text.indexOf('vlan 40')).toBeLessThan(text.indexOf('vrf context management'));
    expect(model.isUnsaved(state)).toBe(true);
    const saved = run('copy running-config startup-config');
    expect(platform.persist.kind === 'save' && platform.persist.ok.test(saved)).toBe(true);
    expect(model.isUnsaved(state)).toBe(false);
    expect(run('show startup-config')).toMatch(/^!Startup config saved at: /m);
  });
});

describe('checkpoint and rollback', () => {
  const cr = platform.restore.find((s) => s.kind === 'checkpoint-rollback');
  if (cr?.kind !== 'checkpoint-rollback') throw new Error('cisco-nxos has a checkpoint-rollback strategy');

  it('`checkpoint NAME` keeps running; `rollback running-config checkpoint NAME atomic` puts it back whole', () => {
    const { run, state } = lab();
    const before = renderConfig(state.running);
    expect(cr.taken.test(run(cr.checkpoint('sb-1')))).toBe(true);
    run('configure terminal');
    run('hostname changed');
    run('no vlan 30');
    run('end');
    expect(renderConfig(state.running)).not.toBe(before);
    const out = run(cr.rollback('sb-1'));
    expect(cr.ok.test(out)).toBe(true);
    expect(cr.errors.some((re) => re.test(out))).toBe(false);
    expect(renderConfig(state.running)).toBe(before);
    expect(run('show checkpoint summary')).toContain('1) sb-1:');
    expect(run(cr.remove!('sb-1'))).toBe('');
    expect(nxos(state).checkpoints.size).toBe(0);
  });

  it('a name in use, or an unknown checkpoint, is refused in words the strategy counts as errors', () => {
    const { run } = lab();
    run(cr.checkpoint('sb-2'));
    expect(cr.errors.some((re) => re.test(run(cr.checkpoint('sb-2'))))).toBe(true);
    const missing = run(cr.rollback('nope'));
    expect(cr.ok.test(missing)).toBe(false);
    expect(cr.errors.some((re) => re.test(missing))).toBe(true);
  });
});

describe('show vpc from the pair view', () => {
  it('a peer’s built configuration carries its vPC lines (domain, role priority, keepalive, peer link); a lone switch none', () => {
    const spec = { name: 'nx-p', hostname: 'nx-p', index: 3, members: [{ number: 1, priority: 1, model: 'N9K-C93180YC-FX3' }] };
    const paired = renderConfig(p.initialState({ ...spec, pair: { peer: 'nx-q', domain: '10', role: 'secondary' } } as typeof spec, 0).running);
    expect(paired).toContain('feature vpc\n');
    expect(paired).toContain('vpc domain 10\n  role priority 200\n  peer-keepalive destination 198.51.100.1 source 198.51.100.2 vrf management\n');
    expect(paired).toContain('interface port-channel1\n  switchport mode trunk\n  vpc peer-link\n');
    expect(paired.indexOf('vpc domain 10')).toBeLessThan(paired.indexOf('interface port-channel1'));
    expect(paired.indexOf('interface port-channel10')).toBeLessThan(paired.indexOf('interface Ethernet1/1'));
    expect(isComplete(platform, paired)).toBe(true);
    expect(renderConfig(p.initialState(spec, 0).running)).not.toContain('vpc');
  });

  it('no pair: what a switch with no vPC prints, read as nothing known', () => {
    const { run } = lab();
    const out = run('show vpc');
    expect(out).toMatch(/^vPC domain id\s+: Not configured$/m);
    expect(platform.pair!.parse(out)).toEqual({ peer: 'unknown', peerLink: 'unknown', role: 'unknown' });
  });

  it('each pair state prints as NX-OS words it, and the platform reads it back to the same PairState', () => {
    const { run, state } = lab();
    const cases: [model.LabPairView, object][] = [
      [
        { domain: '10', peer: 'nx-2', peerUp: true, peerLinkUp: true, role: 'primary' },
        { peer: 'up', peerLink: 'up', role: 'primary', domain: '10' },
      ],
      [
        { domain: '10', peer: 'nx-2', peerUp: true, peerLinkUp: false, role: 'secondary' },
        { peer: 'up', peerLink: 'down', role: 'secondary', domain: '10' },
      ],
      [
        { domain: '10', peer: 'nx-2', peerUp: false, peerLinkUp: false, role: 'primary' },
        { peer: 'down', peerLink: 'down', role: 'primary', domain: '10' },
      ],
      [
        { domain: '10', peer: 'nx-2', peerUp: false, peerLinkUp: true, role: 'secondary' },
        { peer: 'down', peerLink: 'up', role: 'secondary', domain: '10' },
      ],
      [
        { domain: '200', peer: 'nx-2', peerUp: true, peerLinkUp: true, role: 'secondary' },
        { peer: 'up', peerLink: 'up', role: 'secondary', domain: '200' },
      ],
    ];
    for (const [view, read] of cases) {
      state.pair = view;
      const out = run('show vpc');
      expect(platform.pair!.parse(out)).toEqual(read);
    }
    state.pair = cases[0]![0];
    expect(run('show vpc')).toMatch(/^Peer status\s+: peer adjacency formed ok$/m);
    expect(run('show vpc')).toMatch(/^1 +Po1 +up +/m);
  });
});
