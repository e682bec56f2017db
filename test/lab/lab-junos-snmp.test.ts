// A juniper-junos lab switch over SNMP: Junos's sysObjectID and sysDescr, the
// jnxVirtualChassisMemberTable following the VC's members and roles, reboots in
// snmpEngineBoots, and jnxCmCfgChgLatestTime moving with a commit.

import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { juniperJunosPersonality } from '../../src/lab/personalities/juniper-junos/index.js';
import { startLabSwitch } from '../../src/lab/switch.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { TEST_CREDENTIALS } from '../helpers/lab.js';

const HOST = '127.0.0.1';
const VC_MEMBER_TABLE = '1.3.6.1.4.1.2636.3.40.1.4.1.1';
let sw: LabSwitch;
let session: snmp.Session;

beforeAll(async () => {
  sw = await startLabSwitch({
    spec: {
      name: 'vc-snmp',
      hostname: 'vc-snmp',
      index: 3,
      members: [1, 2, 3].map((number) => ({ number, priority: 1, model: 'ex4300-48p', feed: number % 2 === 1 ? 'A' : 'B' })),
    },
    personality: juniperJunosPersonality(),
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    address: HOST,
    hostKeySeed: 'lab-junos-snmp',
  });
  session = snmp.createSession(HOST, TEST_CREDENTIALS.snmpCommunity, { port: sw.ports.snmp, version: snmp.Version2c, timeout: 5000, retries: 1 });
});
afterAll(async () => {
  session.close();
  await sw.stop();
});

const get = (oids: string[]) => new Promise<snmp.Varbind[]>((ok, fail) => session.get(oids, (err, vbs) => (err ? fail(err) : ok(vbs ?? []))));
const walk = (oid: string) =>
  new Promise<snmp.Varbind[]>((ok, fail) => {
    const out: snmp.Varbind[] = [];
    session.subtree(
      oid,
      20,
      (vbs) => void out.push(...vbs),
      (err) => (err ? fail(err) : ok(out)),
    );
  });

/** Column `col` of the member table, by member ID. */
async function column(col: number): Promise<Record<number, unknown>> {
  const rows = await walk(`${VC_MEMBER_TABLE}.1.${col}`);
  return Object.fromEntries(rows.map((vb) => [Number(vb.oid.split('.').pop()), Buffer.isBuffer(vb.value) ? vb.value.toString('latin1') : vb.value]));
}

describe('Junos SNMP facts', () => {
  it('answers with an EX sysObjectID and a Junos sysDescr', async () => {
    const [descr, oid] = await get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0']);
    expect(String(descr?.value)).toMatch(/^Juniper Networks, Inc\. ex4300-48p Ethernet Switch, kernel JUNOS 21\.4R3-S4\.9, Build date: /);
    expect(String(oid?.value)).toMatch(/^1\.3\.6\.1\.4\.1\.2636\.1\.1\.1\.2\.\d+$/);
  });

  it('lists the VC members with serials, models and roles master(1), backup(2), linecard(3)', async () => {
    expect(await column(3)).toEqual({ 0: 1, 1: 2, 2: 3 });
    expect(await column(2)).toEqual({ 0: 'PE3700030000', 1: 'PE3700030001', 2: 'PE3700030002' });
    expect(await column(8)).toEqual({ 0: 'ex4300-48p', 1: 'ex4300-48p', 2: 'ex4300-48p' });
    expect(await column(6)).toEqual({ 0: 255, 1: 255, 2: 128 });
  });

  it('follows a master lost to a power feed: the backup is master, the linecard backup, the lost member gone', async () => {
    await sw.apply({ kind: 'member-down', member: 0 });
    expect(await column(3)).toEqual({ 1: 1, 2: 2 });
    await sw.apply({ kind: 'member-up', member: 0 });
    // Back without pre-emption: it joins as a linecard.
    expect(await column(3)).toEqual({ 0: 3, 1: 1, 2: 2 });
  });

  it('moves jnxCmCfgChgLatestTime to the moment of a commit, made at the CLI', async () => {
    const cli = sw.personality.openCli(sw, 'netops', 15, '');
    cli.input('configure');
    cli.input('set system location building 4');
    const before = sw.sysUpTime();
    expect(cli.input('commit').output).toContain('commit complete');
    const [time, source] = await get(['1.3.6.1.4.1.2636.3.18.1.2.0', '1.3.6.1.4.1.2636.3.18.1.4.0']);
    // The commit's moment, in sysUpTime ticks: after `before`, no later than now.
    expect(Number(time?.value)).toBeGreaterThanOrEqual(before);
    expect(Number(time?.value)).toBeLessThanOrEqual(sw.sysUpTime());
    expect(source?.value).toBe(2); // cli(2)
    cli.input('exit');
  });

  it('counts a power cycle in snmpEngineBoots and boots a factory default when the configuration is lost', async () => {
    const [before] = await get(['1.3.6.1.6.3.10.2.1.2.0']);
    await sw.apply({ kind: 'power-cycle', loseConfig: true });
    const [after] = await get(['1.3.6.1.6.3.10.2.1.2.0']);
    expect(Number(after?.value)).toBe(Number(before?.value) + 1);
    const cli = sw.personality.openCli(sw, 'netops', 15, '');
    const config = cli.exec('show configuration | display set').output;
    expect(config).toContain('set system root-authentication encrypted-password');
    expect(config).not.toContain('host-name');
    expect(
      cli
        .exec('show system commit')
        .output.split('\n')
        .filter((l) => l !== ''),
    ).toHaveLength(1);
  });
});
