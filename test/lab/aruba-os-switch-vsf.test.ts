// ArubaOS-Switch VSF (a 2930F pair) on the lab, through the real CLI over real SSH and SNMP:
// the platform's stacking command is refused on a VSF switch, so its stack read falls
// through to `show vsf detail`; backup stores the VSF members and the model that applied;
// `ready --feed` judges by the VSF rule in the platform's role words (the standby takes
// over; commander and standby on one feed: no member is left and the fabric stops
// forwarding); feed A goes dark and check sees the member missing; recover restores as on
// the backplane stack.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/lab/config-tree.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { isUnsaved } from '../../src/lab/model.js';
import { cliDialect } from '../../src/jobs/capture.js';
import { arubaOsSwitch as platform } from '../../src/platforms/aruba-os-switch/index.js';
import { openShell as openEngine } from '../../src/transport/ssh.js';
import type { LabSwitchSpec } from '../../src/lab/personality.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory } from '../helpers/lab.js';

/** A 2930F VSF fabric, member i+1 on feeds[i]: priority 255 (commander), 200 (standby), 128 for the rest. */
function vsfSpec(name: string, index: number, feeds: string[]): LabSwitchSpec {
  return {
    name,
    hostname: name.toUpperCase(),
    index,
    platform: 'aruba-os-switch',
    members: feeds.map((feed, i) => ({ number: i + 1, priority: i === 0 ? 255 : i === 1 ? 200 : 128, model: 'JL256A', feed })),
  };
}

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({
    count: 2,
    platform: 'aruba-os-switch',
    specs: [
      // vs-a: commander on feed A, standby on B.
      vsfSpec('vs-a', 21, ['A', 'B']),
      // vs-b: a fabric of three, commander and standby on feed A, member 3 on B.
      vsfSpec('vs-b', 22, ['A', 'A', 'B']),
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  ({ inventory, backups } = labInventory(fleet, 'switchback-aos-vsf-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
});
afterAll(() => fleet?.stop());

const cli = (...args: string[]) => runCli([...args, '--inventory', inventory, '--backups', backups], { env });
const json = <T>(out: string) => JSON.parse(out) as T;

interface CheckJson {
  devices: {
    device: string;
    status: string;
    findings: { kind: string; message: string; lines?: string[] }[];
    stack?: { members: { number: number; role: string; state: string }[] } | null;
  }[];
}

interface StateJson {
  members: { number: number; role: string; state: string; model?: string; serial?: string }[];
  stackModel?: string;
  stack: { active?: number } | null;
}

/** What a command prints on a lab switch, read with switchback's own session engine and the platform's data. */
async function typed(name: string, command: string): Promise<string> {
  const shell = await openEngine(
    {
      host: '127.0.0.1',
      port: fleet.get(name).ports.ssh,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      verifyHostKey: () => true,
      connectTimeoutMs: 5000,
    },
    cliDialect(platform, {}),
    { commandTimeoutMs: 5000, enableSecret: TEST_CREDENTIALS.enableSecret },
  );
  try {
    return await shell.engine.run(command);
  } finally {
    await shell.engine.logout?.();
    shell.close();
  }
}

const stateOf = (device: string): StateJson => json<StateJson>(readFileSync(join(backups, device, 'state.json'), 'utf8'));

describe('an ArubaOS-Switch VSF fabric (2930F pair)', () => {
  it('the lab switch answers as a VSF switch: `show stacking` refused, `show vsf detail` lists commander and standby', async () => {
    expect(await typed('vs-a', 'show stacking detail')).toMatch(/^Invalid input: stacking/m);
    const vsf = await typed('vs-a', 'show vsf detail');
    expect(vsf).toMatch(/^VSF Domain ID\s+: 1$/m);
    expect(platform.stack!.parse(vsf).map((m) => [m.number, m.role, m.state])).toEqual([
      [1, 'active', 'ready'],
      [2, 'standby', 'ready'],
    ]);
    expect(renderConfig(fleet.get('vs-a').state.running)).toMatch(/^vsf\n {3}enable domain 1\n/m);
  });

  it('backup stores the VSF members and that the VSF model applied', async () => {
    const run = await cli('backup');
    expect(run.stdout + run.stderr).toMatch(/vs-a/);
    expect(run.code).toBe(0);
    const state = stateOf('vs-a');
    expect(state.stackModel).toBe('vsf');
    expect(state.members.map((m) => [m.number, m.role, m.state, m.model])).toEqual([
      [1, 'active', 'ready', 'Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch'],
      [2, 'standby', 'ready', 'Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch'],
    ]);
    expect(state.stack?.active).toBe(1);
  });

  it('ready --feed A: the standby takes over on vs-a; vs-b is an outage by the VSF rule', async () => {
    const run = await cli('ready', '--feed', 'A');
    expect(run.code).toBe(3);
    const section = (name: string) => run.stdout.split(/\n(?=\S)/).find((s) => s.startsWith(name))!;
    expect(section('vs-a')).toMatch(/pass\s+stack\s+2\/2 members ready, commander 1, standby 2/);
    expect(section('vs-a')).toMatch(/WARN\s+power\s+failover: the commander member 1 is on feed A; the standby, member 2, takes over/);
    expect(section('vs-b')).toMatch(
      /FAIL\s+power\s+OUTAGE: the commander \(1\) and the standby \(2\) are both on feed A; no member is left to be commander and the stack stops forwarding/,
    );
  });

  it('feed A goes dark: the standby becomes commander and check sees member 1 missing', async () => {
    const said = (await fleet.feed('A', false)).join('\n');
    expect(said).toMatch(/vs-a: member 1 lost power; member 2 is now Commander/);
    const vsf = await typed('vs-a', 'show vsf detail');
    expect(vsf).toMatch(/^Member ID\s+: 1\n(?:.*\n){4}Status\s+: Missing$/m);
    const run = await cli('check', 'vs-a', '--json');
    expect(run.code).toBe(3);
    const [a] = json<CheckJson>(run.stdout).devices;
    const stack = a!.findings.find((f) => f.kind === 'stack');
    expect(stack?.message).toMatch(/member 1 missing/);
    await fleet.feed('A', true);
  });

  it('a power cycle that loses the configuration, then recover --yes restores, verifies and saves', async () => {
    await fleet.apply('vs-a', { kind: 'power-cycle', loseConfig: true });
    const check = await cli('check', 'vs-a', '--json');
    expect(check.code).toBe(3);
    const [a] = json<CheckJson>(check.stdout).devices;
    expect(a!.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['rebooted', 'lost']));

    const run = await cli('recover', '--yes', 'vs-a');
    expect(run.stdout + run.stderr).toMatch(/vs-a: VERIFIED .* verified, saved/);
    expect(run.code).toBe(0);
    const state = fleet.get('vs-a').state;
    expect(renderConfig(state.running)).toContain('hostname "VS-A"');
    expect(renderConfig(state.running)).toContain('   member 1 priority 255');
    expect(isUnsaved(state)).toBe(false);
    const after = await cli('check', 'vs-a', '--json');
    const [b] = json<CheckJson>(after.stdout).devices;
    expect(b!.findings.map((f) => f.kind)).not.toEqual(expect.arrayContaining(['lost']));
    expect(b!.findings.map((f) => f.kind)).not.toEqual(expect.arrayContaining(['unsaved']));
  });
});
