// The incident story on real FRRouting behind real OpenSSH, with the real CLI (bin/switchback):
// backup → an unsaved change flagged with its line → a power event (one switch also loses its
// frr.conf) → `check` says rebooted / lost / lost-unsaved → `recover --yes` verified and saved →
// the switch survives another power event. Switches from frr-switch.ts (root; Debian's frr,
// openssh-server, snmpd); fails, never skips, without them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { requireFrrHarness, startFrrSwitch } from './frr-switch.js';
import type { FrrSwitch } from './frr-switch.js';

let leaf: FrrSwitch;
let spine: FrrSwitch;
let dir: string;

interface Finding {
  kind: string;
  lines?: string[];
  cause?: string;
  message?: string;
}
interface CheckDevice {
  device: string;
  status: string;
  findings: Finding[];
}

beforeAll(async () => {
  requireFrrHarness();
  [leaf, spine] = await Promise.all([startFrrSwitch({ name: 'leaf1' }), startFrrSwitch({ name: 'spine1' })]);
  dir = mkdtempSync(join(tmpdir(), 'switchback-frr-incident-'));
  writeFileSync(join(dir, 'spine1.key'), spine.ssh.privateKey, { mode: 0o600 });
  // One logs in with a password, the other with a key; each names its FRR pathspace.
  writeFileSync(
    join(dir, 'frr.yaml'),
    [
      'devices:',
      `  - name: leaf1`,
      `    host: ${leaf.address}`,
      `    platform: frr`,
      `    platformOptions: { pathspace: ${leaf.pathspace} }`,
      `    credentials: { username: ${leaf.ssh.username}, password: env:FRR_PASSWORD }`,
      `    snmp: { version: 3, user: ${leaf.snmp.v3.user}, auth: { protocol: sha, key: env:LEAF_AUTH }, priv: { protocol: aes, key: env:LEAF_PRIV } }`,
      `  - name: spine1`,
      `    host: ${spine.address}`,
      `    platform: frr`,
      `    platformOptions: { pathspace: ${spine.pathspace} }`,
      `    credentials: { username: ${spine.ssh.username}, privateKey: file:spine1.key }`,
      `    snmp: { version: 2, community: env:SPINE_COMMUNITY }`,
      '',
    ].join('\n'),
  );
  await leaf.configure('ip route 192.0.2.0/24 Null0', 'interface eth0', ' description uplink to spine1', 'exit');
  await spine.configure('ip route 198.51.100.0/24 Null0');
  await Promise.all([leaf.vtysh('write memory'), spine.vtysh('write memory')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([leaf?.stop(), spine?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

async function sb(...args: string[]) {
  const run = await runCli([...args, '--inventory', join(dir, 'frr.yaml'), '--backups', join(dir, 'backups'), '--no-color'], {
    env: { FRR_PASSWORD: leaf.ssh.password, LEAF_AUTH: leaf.snmp.v3.auth.key, LEAF_PRIV: leaf.snmp.v3.priv.key, SPINE_COMMUNITY: spine.snmp.community },
  });
  return { ...run, json: args.includes('--json') ? JSON.parse(run.stdout) : undefined };
}

const device = (json: { devices: CheckDevice[] }, name: string) => json.devices.find((d) => d.device === name)!;
const kinds = (d: CheckDevice) => d.findings.map((f) => f.kind).sort();

describe('the incident story on real FRR', () => {
  it('backup: both captured, the unsaved line named', async () => {
    await leaf.configure('ip route 203.0.113.0/24 Null0'); // not saved
    const r = await sb('backup', '--json');
    expect(r.code, r.stderr).toBe(3); // unsaved changes
    const leafRow = r.json.devices.find((d: { device: string }) => d.device === 'leaf1');
    const spineRow = r.json.devices.find((d: { device: string }) => d.device === 'spine1');
    expect(leafRow).toMatchObject({ status: 'new', unsaved: { added: ['ip route 203.0.113.0/24 Null0'], removed: [] }, lastGood: 'advanced' });
    // Saved: nothing unsaved (null), and its frr.conf was read (no startupUnreadable).
    expect(spineRow).toMatchObject({ status: 'new', unsaved: null, noStartup: false, lastGood: 'advanced' });
    expect(spineRow.startupUnreadable).toBeUndefined();
  });

  it('check: the unsaved line, nothing else', async () => {
    const r = await sb('check', '--json');
    expect(r.code, r.stderr).toBe(3);
    expect(device(r.json, 'leaf1').findings).toEqual([expect.objectContaining({ kind: 'unsaved', lines: ['+ ip route 203.0.113.0/24 Null0'] })]);
    expect(device(r.json, 'spine1').status).toBe('ok');
  });

  it('a power event: leaf1 lost its frr.conf, spine1 kept it — check tells them apart', async () => {
    await Promise.all([leaf.loseConfig(), spine.powerCycle()]);
    const r = await sb('check', '--json');
    expect(r.code, r.stderr).toBe(3);
    const l = device(r.json, 'leaf1');
    expect(kinds(l)).toEqual(['lost', 'lost-unsaved', 'rebooted']);
    expect(l.findings.find((f) => f.kind === 'lost')).toMatchObject({ cause: 'factory-default', message: expect.stringMatching(/factory default/) });
    expect(l.findings.find((f) => f.kind === 'lost')?.lines).toEqual(['ip route 192.0.2.0/24 Null0', 'interface eth0', ' description uplink to spine1']);
    expect(l.findings.find((f) => f.kind === 'lost-unsaved')?.lines).toEqual(['ip route 203.0.113.0/24 Null0']);
    expect(kinds(device(r.json, 'spine1'))).toEqual(['rebooted']);
  });

  it('recover --yes: leaf1 restored, verified and saved to frr.conf; spine1 left alone', async () => {
    const dry = await sb('recover', '--dry-run', '--json');
    expect(dry.code, dry.stdout + dry.stderr).toBe(3); // something to restore: as on cisco-ios
    expect(dry.json.restores).toEqual([expect.objectContaining({ device: 'leaf1', status: 'planned' })]);
    expect(await leaf.vtysh('show running-config')).not.toContain('ip route 192.0.2.0/24 Null0'); // nothing typed
    const r = await sb('recover', '--yes', '--json');
    expect(r.json.restores).toEqual([expect.objectContaining({ device: 'leaf1', status: 'verified', save: { state: 'saved' } })]);
    const saved = leaf.savedConfig() ?? '';
    for (const line of ['ip route 192.0.2.0/24 Null0', 'ip route 203.0.113.0/24 Null0', ' description uplink to spine1']) {
      expect(saved).toContain(`${line}\n`);
      expect(await leaf.vtysh('show running-config')).toContain(`${line}\n`);
    }
    expect(saved).not.toMatch(/^end$/m);
    // Nothing left for a person: restored, saved, and recorded by recover's backup.
    const check = await sb('check', 'leaf1', '--json');
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(device(check.json, 'leaf1')).toMatchObject({ status: 'ok', findings: [] });
  });

  it('leaf1 survives the next power event', async () => {
    await leaf.powerCycle();
    const r = await sb('check', '--json');
    expect(kinds(device(r.json, 'leaf1'))).toEqual(['rebooted']);
    expect(await leaf.vtysh('show running-config')).toContain('ip route 192.0.2.0/24 Null0\n');
  });
});
