// The FRR switch harness (frr-switch.ts) proved with plain ssh2 and the project's SNMP client:
// two real FRR switches at once, each in its own network and UTS namespace, logged into the
// two ways a whitebox allows (bash that starts vtysh, or straight into vtysh), saved, read
// back, power-cycled and emptied. What they print is compared with the recordings in
// test/fixtures/frr (re-record with `npx tsx test/peers/record-frr.ts` when FRR changes).
//
// Needs root and Debian's frr, openssh-server, snmpd (.ci/run installs them); fails, never
// skips, without them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFactoryDefault } from '../../src/platforms/frr/factory-default.js';
import { parseVersion } from '../../src/platforms/frr/parse-version.js';
import { openSnmp } from '../../src/transport/snmp.js';
import { connectFrr, execFrr, openShell, outputOf, prompts } from './frr-ssh.js';
import type { Shell } from './frr-ssh.js';
import { frrVersion, requireFrrHarness, startFrrSwitch } from './frr-switch.js';
import type { FrrSwitch } from './frr-switch.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/frr/', import.meta.url));
const recorded = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

const OID = {
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
};

let leaf: FrrSwitch;
let spine: FrrSwitch;
const clients: Client[] = [];

beforeAll(async () => {
  requireFrrHarness();
  // Two at once, different names, default pathspaces (one per switch).
  [leaf, spine] = await Promise.all([startFrrSwitch({ name: 'leaf1' }), startFrrSwitch({ name: 'spine1' })]);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.end();
  await Promise.all([leaf?.stop(), spine?.stop()]);
}, 120_000);

async function login(sw: FrrSwitch, mode: 'shell' | 'vtysh', auth: 'password' | 'key' = 'password'): Promise<Client> {
  const c = await connectFrr(sw, mode, auth);
  clients.push(c);
  return c;
}

/** Bash, then `vtysh -N <pathspace>`, then `terminal length 0`: where switchback will stand. */
async function vtyshFromBash(sw: FrrSwitch, auth: 'password' | 'key' = 'password'): Promise<Shell> {
  const p = prompts(sw.name);
  const sh = await openShell(await login(sw, 'shell', auth));
  await sh.expect(p.bash);
  await sh.type(`vtysh -N ${sw.pathspace}`, p.vtysh);
  expect(outputOf(await sh.type('terminal length 0', p.vtysh), p.vtysh)).toBe('');
  return sh;
}

async function snmpGet(sw: FrrSwitch, version: 2 | 3, oids: string[]) {
  const session =
    version === 2
      ? openSnmp({ host: sw.address, port: sw.snmp.port, version: 2, community: sw.snmp.community, timeoutMs: 2000, retries: 1 })
      : openSnmp({
          host: sw.address,
          port: sw.snmp.port,
          version: 3,
          user: sw.snmp.v3.user,
          auth: sw.snmp.v3.auth,
          priv: sw.snmp.v3.priv,
          timeoutMs: 2000,
          retries: 1,
        });
  try {
    return await session.get(oids);
  } finally {
    session.close();
  }
}

describe('two FRR switches, each in its own namespaces', () => {
  it('run side by side on their own addresses, each with its own host name', async () => {
    expect(leaf.address).not.toBe(spine.address);
    expect(leaf.netns).not.toBe(spine.netns);
    expect(leaf.pathspace).not.toBe(spine.pathspace);
    for (const sw of [leaf, spine]) {
      expect(sw.address).toMatch(/^169\.254\./);
      const facts = parseVersion(await sw.vtysh('show version'));
      expect(facts).toMatchObject({ hostname: sw.name, version: frrVersion() });
    }
  });

  it('bash login, `vtysh -N NAME`, `show running-config`: exactly the recorded bytes (with `end`)', async () => {
    const p = prompts('leaf1');
    const sh = await vtyshFromBash(leaf);
    const running = outputOf(await sh.type('show running-config', p.vtysh), p.vtysh);
    expect(running).toBe(recorded('show-running-config-factory.txt'));
    expect(running).toMatch(/^end\r$/m);
    expect(isFactoryDefault(running)).toBe(true);
    const version = outputOf(await sh.type('show version', p.vtysh), p.vtysh);
    expect(parseVersion(version)).toMatchObject({ hostname: 'leaf1', version: frrVersion() });
    // The interactive `show startup-config` prints nothing in FRR 8.4, as recorded.
    expect(outputOf(await sh.type('show startup-config', p.vtysh), p.vtysh)).toBe(recorded('show-startup-config.txt'));
    expect(recorded('show-startup-config.txt')).toBe('');
    sh.close();
  });

  it('a login that lands in vtysh: no shell, the vtysh prompt first', async () => {
    const p = prompts('spine1');
    const sh = await openShell(await login(spine, 'vtysh'));
    const banner = await sh.expect(p.vtysh);
    expect(banner).toContain('Hello, this is FRRouting (version');
    expect(banner).not.toMatch(/\$ $/);
    await sh.type('terminal length 0', p.vtysh);
    const running = outputOf(await sh.type('show running-config', p.vtysh), p.vtysh);
    expect(running).toBe(recorded('show-running-config-factory.txt').replaceAll('leaf1', 'spine1'));
    sh.close();
  });

  it('on the vtysh login an exec channel runs vtysh, not a shell: `cat` is an unknown command', async () => {
    const c = await login(spine, 'vtysh');
    const cat = await execFrr(c, `cat ${spine.configPath}`);
    expect(cat.code).toBe(1);
    expect(cat.stdout + cat.stderr).toBe(recorded('vtysh-login-exec-cat.txt').replace('/etc/frr/fabric/', `/etc/frr/${spine.pathspace}/`));
    const version = await execFrr(c, 'show version');
    expect(parseVersion(version.stdout).hostname).toBe('spine1');
  });

  it('configure terminal, a line, its `no` form, end: running changes, frr.conf does not until saved', async () => {
    const p = prompts('leaf1');
    const sh = await vtyshFromBash(leaf, 'key');
    await sh.type('configure terminal', p.config);
    expect(outputOf(await sh.type('ip route 192.0.2.0/24 Null0', p.config), p.config)).toBe('');
    expect(outputOf(await sh.type('ip route bogus', p.config), p.config)).toBe(recorded('configure-unknown-command.txt'));
    await sh.type('end', p.vtysh);
    expect(outputOf(await sh.type('show running-config', p.vtysh), p.vtysh)).toContain('ip route 192.0.2.0/24 Null0\r\n');
    expect(leaf.savedConfig()).toBe('');
    await sh.type('configure terminal', p.config);
    await sh.type('no ip route 192.0.2.0/24 Null0', p.config);
    await sh.type('ip route 198.51.100.0/24 Null0', p.config);
    await sh.type('end', p.vtysh);
    const running = outputOf(await sh.type('show running-config', p.vtysh), p.vtysh);
    expect(running).not.toContain('192.0.2.0/24');
    expect(running).toContain('ip route 198.51.100.0/24 Null0\r\n');
    sh.close();
  });

  it('`write memory` says [OK]; frr.conf, read with cat on an exec channel, has the line and no `end`', async () => {
    const p = prompts('leaf1');
    const sh = await vtyshFromBash(leaf);
    const written = outputOf(await sh.type('write memory', p.vtysh), p.vtysh);
    expect(written).toBe(recorded('write-memory.txt').replace('/etc/frr/fabric/', `/etc/frr/${leaf.pathspace}/`));
    expect(written).toMatch(/^\[OK\]\r$/m);
    sh.close();

    const cat = await execFrr(await login(leaf, 'shell'), `cat ${leaf.configPath}`);
    expect(cat.code).toBe(0);
    expect(cat.stdout).toContain('ip route 198.51.100.0/24 Null0\n');
    expect(cat.stdout).not.toMatch(/^end$/m);
    expect(cat.stdout.startsWith('frr version ')).toBe(true);
    expect(cat.stdout).toBe(leaf.savedConfig());
  });

  it('FRR down: vtysh says so and exits, as recorded; back up, it answers again', async () => {
    await spine.frrDown();
    const p = prompts('spine1');
    const sh = await openShell(await login(spine, 'shell'));
    await sh.expect(p.bash);
    const said = outputOf(await sh.type(`vtysh -N ${spine.pathspace}`, p.bash), p.bash);
    expect(said).toBe(recorded('daemons-down.txt'));
    expect(said).toContain('Exiting: failed to connect to any daemons.');
    sh.close();
    await spine.frrUp();
    expect(parseVersion(await spine.vtysh('show version')).hostname).toBe('spine1');
  });

  it('SNMP is a real net-snmp agent: v2c and v3 answer, sysObjectID is its Linux agent', async () => {
    const [oid, name] = await snmpGet(leaf, 3, [OID.sysObjectID, OID.sysName]);
    expect(oid?.value).toBe('1.3.6.1.4.1.8072.3.2.10');
    expect(String(name?.value)).toBe('leaf1');
    const [boots] = await snmpGet(spine, 2, [OID.snmpEngineBoots]);
    expect(typeof boots?.value).toBe('number');
  });

  it('a power cycle: the unsaved line is gone, the saved ones are back, snmpEngineBoots went up', async () => {
    await leaf.configure('ip route 203.0.113.0/24 Null0'); // never saved
    const [before] = await snmpGet(leaf, 2, [OID.snmpEngineBoots]);
    await leaf.powerCycle();
    const [after, upTime] = await snmpGet(leaf, 2, [OID.snmpEngineBoots, OID.sysUpTime]);
    expect(Number(after?.value)).toBe(Number(before?.value) + 1);
    expect(Number(upTime?.value)).toBeLessThan(6000); // hundredths: it just booted

    const running = await leaf.vtysh('show running-config');
    expect(running).toContain('ip route 198.51.100.0/24 Null0');
    expect(running).not.toContain('203.0.113.0/24');
    expect(parseVersion(await leaf.vtysh('show version')).hostname).toBe('leaf1');
    // The other switch did not notice.
    expect(parseVersion(await spine.vtysh('show version')).hostname).toBe('spine1');
  });

  it('a lost configuration: frr.conf emptied, after the cycle the switch runs FRR’s own defaults', async () => {
    await leaf.loseConfig();
    expect(leaf.savedConfig()).toBe('');
    const running = await leaf.vtysh('show running-config');
    expect(running).not.toContain('198.51.100.0/24');
    expect(isFactoryDefault(running)).toBe(true);
    // And over SSH, as switchback reads it: an empty file.
    const cat = await execFrr(await login(leaf, 'shell'), `cat ${leaf.configPath}`);
    expect(cat).toMatchObject({ code: 0, stdout: '' });
  });

  it('a removed frr.conf: cat on the exec channel says so', async () => {
    await leaf.loseConfig({ remove: true });
    expect(leaf.savedConfig()).toBeUndefined();
    const cat = await execFrr(await login(leaf, 'shell'), `cat ${leaf.configPath}`);
    expect(cat.code).not.toBe(0);
    expect(cat.stderr).toContain('No such file or directory');
    expect(isFactoryDefault(await leaf.vtysh('show running-config'))).toBe(true);
  });
});
