// One way of counting configuration lines: what the lab says a change did, what backup
// calls unsaved (+N/-M) and what check says is not saved are the same numbers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { runCli } from '../helpers/cli.js';
import { TEST_CREDENTIALS, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;

beforeAll(async () => {
  fleet = await startFleet({ count: 1, specs: [stackSpec('lc-1', 1)], credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] } });
  ({ inventory, backups } = labInventory(fleet, 'switchback-line-counts-'));
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1', SWITCHBACK_INVENTORY: '' };
});
afterAll(() => fleet.stop());

describe('line counts', () => {
  it('the lab, backup and check count an unsaved change the same way', async () => {
    // Three lines typed: an existing interface (not a change itself), a description that replaces
    // its saved one, and a hostname that replaces the saved one: two lines added, two only in startup.
    const said = await fleet.apply('lc-1', { kind: 'change', lines: ['interface GigabitEthernet1/0/9', ' description rehearsal', 'hostname LC-ONE'] });
    expect(said).toBe('lc-1: applied to running-config, not saved: unsaved +2/-2 lines');
    expect(fleet.status()[0]).toMatchObject({ unsaved: true, unsavedLines: { added: 2, removed: 2 } });

    const backup = await runCli(['backup', 'lc-1', '--inventory', inventory, '--backups', backups, '--json'], { env });
    expect(backup.code).toBe(3);
    const run = JSON.parse(backup.stdout) as { devices: { unsaved: { counts: { added: number; removed: number } } }[] };
    expect(run.devices[0]!.unsaved.counts).toEqual({ added: 2, removed: 2 });

    const check = await runCli(['check', 'lc-1', '--inventory', inventory, '--backups', backups, '--offline'], { env });
    expect(check.stdout).toContain('unsaved: running-config differs from startup-config: 2 lines not saved, 2 lines only in startup-config');
  });
});
