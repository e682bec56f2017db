// --verbose: each command that opens SSH sessions prints their transcript on stderr (each line
// sent and received, with the device's name and its direction), with the configuration's
// secrets masked by the platform's patterns and no secret of the inventory anywhere: the
// password, the enable secret typed at the unprivileged prompt, the SNMP community and keys.
// Every secret is a recognisable canary; a failure says where and how many, never the text.

import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/normalise.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { platformByName } from '../../src/platforms/index.js';
import { runCli } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { canaryCredentials, labEnv, labInventory, stackSpec } from '../helpers/lab.js';

const CANARY = 'VERBOSECANARY';

const CREDENTIALS = canaryCredentials(CANARY, { community: 'community', v3auth: 'v3auth', v3priv: 'v3priv' });

/** Secrets in the configuration the switch shows: each line one the platform masks. */
const SECRET_LINES = [
  `enable secret 0 ${CANARY}enablecfg`,
  `username admin privilege 15 secret 0 ${CANARY}user`,
  `snmp-server community ${CANARY}cfgcommunity RO`,
  'tacacs server T1',
  ' address ipv4 192.0.2.9',
  ` key 0 ${CANARY}tacacs`,
];

let fleet: LabFleet;
let inventory: string;
let backups: string;
let env: Record<string, string>;
let platform: ReturnType<typeof platformByName>;
const printed: { what: string; run: CliRun }[] = [];

async function cli(...args: string[]): Promise<CliRun> {
  const run = await runCli([...args, '--inventory', inventory, '--backups', backups], { env });
  printed.push({ what: args.join(' '), run });
  return run;
}

const canaries = (text: string) => text.split(CANARY).length - 1;
/** The transcript lines of one device in a run's stderr, by direction. */
const transcript = (run: CliRun, device: string, dir: '>' | '<') => run.stderr.split('\n').filter((l) => l.startsWith(`${device} ${dir} `));

beforeAll(async () => {
  // vb-a logs in unprivileged (the lab's privilege 1) and types the enable secret; vb-b polls with the v2c community.
  fleet = await startFleet({ count: 2, specs: [stackSpec('vb-a', 1, 1), stackSpec('vb-b', 1, 2)], credentials: CREDENTIALS });
  ({ inventory, backups } = labInventory(fleet, 'switchback-verbose-'));
  const doc = parse(readFileSync(inventory, 'utf8')) as { devices: { name: string; platform: string; snmp: Record<string, unknown> }[] };
  const b = doc.devices.find((d) => d.name === 'vb-b')!;
  b.snmp = { version: 2, community: 'env:SWITCHBACK_LAB_COMMUNITY', port: b.snmp.port };
  writeFileSync(inventory, stringify(doc));
  platform = platformByName(doc.devices[0]!.platform);
  env = { ...labEnv(fleet.exports()), NO_COLOR: '1' };
  for (const name of ['vb-a', 'vb-b']) {
    await fleet.apply(name, { kind: 'change', lines: SECRET_LINES });
    await fleet.apply(name, { kind: 'save' });
  }
}, 300_000);
afterAll(() => fleet?.stop());

describe('--verbose', () => {
  it('backup: the commands sent and the configuration received, secrets masked, the enable secret typed by name only', async () => {
    const quiet = await cli('backup');
    expect(quiet.code, quiet.stderr).toBe(0);
    // Without --verbose no transcript at all.
    expect(transcript(quiet, 'vb-a', '>')).toEqual([]);

    const run = await cli('backup', '--verbose');
    expect(run.code).toBe(0);
    const sent = transcript(run, 'vb-a', '>');
    expect(sent).toContain(`vb-a > ${platform!.commands.running}`);
    expect(sent).toContain(`vb-a > ${SECRET_MASK} (the enable secret)`);
    const received = transcript(run, 'vb-a', '<');
    // The configuration came back line by line, its secrets masked.
    expect(received.some((l) => l.startsWith('vb-a <  address ipv4 192.0.2.9'))).toBe(true);
    expect(received.filter((l) => l.includes(SECRET_MASK)).length).toBeGreaterThanOrEqual(4);
    // The other switch has its own lines, named.
    expect(transcript(run, 'vb-b', '>')).toContain(`vb-b > ${platform!.commands.running}`);
  });

  it('with --json, stdout stays one JSON document and the transcript goes to stderr', async () => {
    const run = await cli('backup', '--verbose', '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { devices: unknown[] }).devices.length).toBe(2);
    expect(transcript(run, 'vb-a', '>').length).toBeGreaterThan(0);
  });

  it('check live, diff --live, ready, restore and recover (dry runs) show their sessions the same way', async () => {
    // An unsaved change makes check log in over SSH.
    await fleet.apply('vb-a', { kind: 'change', lines: ['interface GigabitEthernet1/0/3', ' description verbose'] });
    const check = await cli('check', 'vb-a', '--verbose');
    expect(check.code).toBe(3);
    expect(transcript(check, 'vb-a', '>')).toContain(`vb-a > ${platform!.commands.running}`);

    const diff = await cli('diff', 'vb-a', '--live', '--verbose');
    expect(diff.code).toBe(3);
    expect(transcript(diff, 'vb-a', '<').some((l) => l.includes(SECRET_MASK))).toBe(true);

    const ready = await cli('ready', '--verbose');
    expect(transcript(ready, 'vb-a', '>')).toContain(`vb-a > ${SECRET_MASK} (the enable secret)`);

    await fleet.apply('vb-b', { kind: 'power-cycle', loseConfig: true });
    const restore = await cli('restore', 'vb-b', '--dry-run', '--verbose');
    expect(restore.code, restore.stderr.slice(-300)).toBe(3);
    expect(transcript(restore, 'vb-b', '>')).toContain(`vb-b > ${platform!.commands.running}`);
    const recover = await cli('recover', '--dry-run', '--verbose');
    expect(recover.code).toBe(3);
    expect(transcript(recover, 'vb-b', '<').length).toBeGreaterThan(0);

    // A real restore types the configuration: the lines typed are in the transcript, masked.
    const typed = await cli('restore', 'vb-b', '--yes', '--verbose');
    expect(typed.code, typed.stderr.slice(-300)).toBe(0);
    const lines = transcript(typed, 'vb-b', '>');
    expect(lines.some((l) => l.includes('tacacs server T1'))).toBe(true);
    expect(lines.some((l) => l.includes(SECRET_MASK) && !l.includes('(the enable secret)'))).toBe(true);
  });

  it('no secret anywhere in what any run printed', () => {
    expect(printed.length).toBe(9);
    const found = printed.flatMap(({ what, run }) =>
      [
        [`${what} (stdout)`, canaries(run.stdout)],
        [`${what} (stderr)`, canaries(run.stderr)],
      ].filter(([, n]) => (n as number) > 0),
    );
    expect(found).toEqual([]);
  });
});
