// A 3-member juniper-junos lab VC on two power feeds (members 0 and 2 on A, 1 on B):
// losing feed A leaves one member of three — with split detection (the default) that
// part goes inactive and nothing answers; with `no-split-detection` the backup takes
// over. These are the outcomes `ready --feed A` must predict for a Virtual Chassis.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { juniperJunosPersonality } from '../../src/lab/personalities/juniper-junos/index.js';
import { execCommand, openShell } from '../helpers/ssh-shell.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';

let fleet: LabFleet;
let sw: LabSwitch;

beforeAll(async () => {
  fleet = await startFleet({
    count: 1,
    platform: 'juniper-junos',
    registry: [juniperJunosPersonality()],
    specs: [
      {
        name: 'vc-2',
        hostname: 'vc-2',
        index: 9,
        members: [1, 2, 3].map((number) => ({ number, priority: 1, model: 'ex4300-24p', feed: number === 2 ? 'B' : 'A' })),
      },
    ],
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
  });
  sw = fleet.get('vc-2');
});
afterAll(() => fleet.stop());

const user = { username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password };
const exec = (command: string) => execCommand({ port: sw.ports.ssh, ...user }, command);

describe('a Virtual Chassis losing a power feed', () => {
  it('with split detection, one member of three left goes inactive: the VC stops answering', async () => {
    const said = await fleet.feed('A', false);
    // Both feed-A members go at once for the VC: one member of three is left, the backup.
    expect(said.join('\n')).toContain('split detection: 1 of 3 members left with the backup; the VC part is inactive');
    // Its members keep power, but none is master: nothing manages it.
    expect(sw.state.members.filter((m) => m.powered)).toHaveLength(1);
    expect(sw.state.members.some((m) => m.role === 'active')).toBe(false);
    await expect(openShell({ port: sw.ports.ssh, ...user })).rejects.toThrow(/ECONNREFUSED|connect/i);
  });

  it('feed A back: the VC forms again with every member present', async () => {
    await fleet.feed('A', true);
    const vc = (await exec('show virtual-chassis')).output;
    expect(vc.match(/ Prsnt /g)).toHaveLength(3);
    expect(vc).toMatch(/^0 \(FPC 0\) .* Master\* /m);
  });

  it('with no-split-detection committed to both REs, the backup takes over when feed A goes', async () => {
    const shell = await openShell({ port: sw.ports.ssh, ...user });
    await shell.readUntil(/netops@vc-2> $/);
    shell.send('configure\n');
    await shell.readUntil(/netops@vc-2# $/);
    shell.send('set virtual-chassis no-split-detection\n');
    await shell.readUntil(/netops@vc-2# $/);
    shell.send('commit synchronize and-quit\n');
    expect(await shell.readUntil(/netops@vc-2> $/)).toContain('commit complete');
    shell.end();
    await fleet.feed('A', false);
    expect(sw.state.members.find((m) => m.role === 'active')?.number).toBe(1);
    const login = await openShell({ port: sw.ports.ssh, ...user });
    expect(await login.readUntil(/netops@vc-2> $/)).toContain('{master:1}');
    login.end();
    const vc = (await exec('show virtual-chassis')).output;
    expect(vc).toMatch(/^1 \(FPC 1\) .* Master\* /m);
    expect(vc.match(/NotPrsnt/g)).toHaveLength(2);
    // The configuration it runs is the synchronised one.
    expect((await exec('show configuration virtual-chassis no-split-detection')).output).toContain('no-split-detection;');
  });
});
