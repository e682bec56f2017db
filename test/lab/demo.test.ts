// `switchback demo`, the README's first command, as a newcomer runs it: the mixed lab
// fleet through the whole incident, every platform the lab runs playing its part, and the
// one command that puts last good back on every switch that came back wrong.

import { describe, expect, it } from 'vitest';
import { PERSONALITIES } from '../../src/lab/personalities/index.js';
import { runCli } from '../helpers/cli.js';

interface DemoJson {
  backups: string;
  steps: { step: string; lab: string[]; exitCode: number; backup: { commit: string | null } }[];
  recover: { restores: { device: string; status: string; save: { state: string } }[] };
  afterRecover: { exitCode: number; devices: { device: string; findings: unknown[] }[] };
}

describe('switchback demo', () => {
  it('runs two switches of every lab platform through the incident; recover verifies and saves every lost one', async () => {
    const run = await runCli(['demo', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const demo = JSON.parse(run.stdout) as DemoJson;
    const platforms = PERSONALITIES.map((p) => p.platform);
    expect(demo.steps[0]!.step).toContain(`${2 * platforms.length} lab switches`);
    expect(demo.steps[0]!.step).toContain(platforms.join(', '));
    // The exit codes the cron job would see: clean, clean, unsaved, unreachable, lost/unsaved, held.
    expect(demo.steps.map((s) => s.exitCode)).toEqual([0, 0, 3, 1, 3, 3]);
    // A night with no change makes no commit.
    expect(demo.steps[1]!.backup.commit).toBeNull();
    // Switches are dealt out a platform each in turn: the first of each platform loses its configuration.
    const lost = platforms.map((_, i) => `lab-sw-${String(i + 1).padStart(2, '0')}`);
    const restored = demo.recover.restores;
    for (const name of lost) expect(restored.map((r) => r.device)).toContain(name);
    for (const r of restored) expect([r.device, r.status, r.save.state]).toEqual([r.device, 'verified', 'saved']);
    // The check over SNMP after recover finds nothing on the switches that lost their configuration.
    expect(demo.afterRecover.exitCode).toBe(0);
    expect(demo.afterRecover.devices.map((d) => d.device)).toEqual(lost);
    for (const d of demo.afterRecover.devices) expect([d.device, d.findings]).toEqual([d.device, []]);
  });
});
