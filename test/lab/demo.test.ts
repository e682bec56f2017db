// `switchback demo`, the README's first command, as a newcomer runs it: the mixed lab
// fleet through the whole incident, every platform the lab runs playing its part, and the
// one command that puts last good back on every switch that came back wrong. The default
// fleet pairs the platforms that stand in pairs: `ready --feed A` names each pair's survivor
// before the UPS work, and `check` on the survivors while feed A is dark reports the lost peer.

import { describe, expect, it } from 'vitest';
import { defaultSpecs } from '../../src/lab/fleet.js';
import { PERSONALITIES } from '../../src/lab/personalities/index.js';
import { runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/json-schemas.js';

interface DemoJson {
  backups: string;
  steps: { step: string; lab: string[]; exitCode: number; backup: { commit: string | null } }[];
  recover: { restores: { device: string; status: string; save: { state: string } }[] };
  afterRecover: { exitCode: number; devices: { device: string; findings: unknown[] }[] };
  readyFeedA?: { exitCode: number; devices: { device: string; items: { item: string; state: string; reason: string }[] }[] };
  checkFeedADark?: { exitCode: number; devices: { device: string; findings: { kind: string; message: string }[] }[] };
}

describe('switchback demo', () => {
  it('runs two switches of every lab platform through the incident; recover verifies and saves every lost one', async () => {
    const run = await runCli(['demo', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const demo = JSON.parse(run.stdout) as DemoJson;
    // The document is the one schemas/demo.schema.json describes (checked by ajv, not by the code that wrote it).
    expect(schemaErrors('demo', demo)).toEqual([]);
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

    // The pairs the default fleet makes (the demo's fleet: two of every platform): each primary
    // on feed A, its survivor the secondary on feed B.
    const pairs = defaultSpecs(2 * platforms.length).flatMap((s) => (s.pair?.role === 'primary' ? [{ primary: s.name, survivor: s.pair.peer }] : []));
    expect(pairs.length).toBe(PERSONALITIES.filter((p) => p.pairs).length);
    if (pairs.length === 0) return;
    // Before the UPS work, ready --feed A names the survivor of every pair.
    const ready = demo.readyFeedA!;
    for (const { primary, survivor } of pairs) {
      const power = ready.devices.find((d) => d.device === primary)?.items.find((i) => i.item === 'power');
      expect([primary, power?.state]).toEqual([primary, 'warn']);
      expect(power!.reason).toMatch(new RegExp(`^failover: ${survivor} \\(.+\\) carries domain \\S+ alone \\(${primary} loses power with feed A\\)$`));
    }
    // While feed A is dark, check on the survivors reports the peer each lost (exit 3: findings).
    const dark = demo.checkFeedADark!;
    expect(dark.exitCode).toBe(3);
    expect(dark.devices.map((d) => d.device)).toEqual(pairs.map((p) => p.survivor));
    for (const { primary, survivor } of pairs) {
      const lostPeer = dark.devices.find((d) => d.device === survivor)!.findings.find((f) => f.kind === 'pair-peer-lost');
      expect(lostPeer?.message).toMatch(new RegExp(`^pair-peer-lost: ${survivor} lost its peer ${primary} in domain \\S+ and carries it alone`));
    }
  });
});
