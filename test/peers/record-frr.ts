// Records real sessions with real FRRouting (behind real OpenSSH) into test/fixtures/frr/,
// byte for byte, for the parser tests and the platform: `npx tsx test/peers/record-frr.ts`
// (as root, with Debian's frr, openssh-server, snmpd installed). It prints the SOURCES.md line.
//
// The switch is `leaf1`, FRR pathspace `fabric`; the sessions are typed the way switchback
// types them (a vt100 terminal, Enter as a carriage return).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frrVersion, startFrrSwitch } from './frr-switch.js';
import { connectFrr, execFrr, openShell, outputOf, prompts } from './frr-ssh.js';

const OUT = join(import.meta.dirname, '..', 'fixtures', 'frr');
const NAME = 'leaf1';
const PATHSPACE = 'fabric';

mkdirSync(OUT, { recursive: true });
const save = (file: string, text: string) => writeFileSync(join(OUT, file), text);
const p = prompts(NAME);

const sw = await startFrrSwitch({ name: NAME, pathspace: PATHSPACE });
try {
  // 1. A login to bash that starts vtysh: the whole session as received.
  {
    const client = await connectFrr(sw, 'shell');
    const sh = await openShell(client);
    await sh.expect(p.bash);
    save('vtysh-banner.txt', outputOf(await sh.type(`vtysh -N ${PATHSPACE}`, p.vtysh), p.vtysh));
    await sh.type('terminal length 0', p.vtysh);
    save('show-running-config-factory.txt', outputOf(await sh.type('show running-config', p.vtysh), p.vtysh));
    save('show-version.txt', outputOf(await sh.type('show version', p.vtysh), p.vtysh));
    save('write-memory.txt', outputOf(await sh.type('write memory', p.vtysh), p.vtysh));
    await sh.type('configure terminal', p.config);
    await sh.type('interface eth0', p.config);
    await sh.type(' description uplink to spine1', p.config);
    await sh.type('exit', p.config);
    await sh.type('ip route 192.0.2.0/24 Null0', p.config);
    save('configure-unknown-command.txt', outputOf(await sh.type('ip route bogus', p.config), p.config));
    await sh.type('router bgp 65001', p.config);
    await sh.type(' bgp router-id 10.255.0.1', p.config);
    await sh.type(' neighbor 169.254.240.1 remote-as 65000', p.config);
    await sh.type('end', p.vtysh);
    save('show-running-config.txt', outputOf(await sh.type('show running-config', p.vtysh), p.vtysh));
    await sh.type('configure terminal', p.config);
    await sh.type('no ip route 192.0.2.0/24 Null0', p.config);
    await sh.type('end', p.vtysh);
    save('show-running-config-after-no.txt', outputOf(await sh.type('show running-config', p.vtysh), p.vtysh));
    save('show-startup-config.txt', outputOf(await sh.type('show startup-config', p.vtysh), p.vtysh));
    await sh.type('exit', p.bash);
    save('session-shell.txt', sh.received());
    sh.close();
    // The file FRR boots from, read on an exec channel as switchback reads it.
    const cat = await execFrr(client, `cat /etc/frr/${PATHSPACE}/frr.conf`);
    if (cat.code !== 0) throw new Error(`cat failed: ${cat.stderr}`);
    save('frr.conf-factory', cat.stdout);
    client.end();
  }

  // 2. The change saved, the file read again.
  {
    await sw.configure('ip route 198.51.100.0/24 Null0');
    const client = await connectFrr(sw, 'shell', 'key');
    const sh = await openShell(client);
    await sh.expect(p.bash);
    await sh.type(`vtysh -N ${PATHSPACE}`, p.vtysh);
    await sh.type('terminal length 0', p.vtysh);
    await sh.type('write memory', p.vtysh);
    await sh.type('exit', p.bash);
    sh.close();
    const cat = await execFrr(client, `cat /etc/frr/${PATHSPACE}/frr.conf`);
    save('frr.conf', cat.stdout);
    client.end();
  }

  // 3. A login that lands in vtysh.
  {
    const client = await connectFrr(sw, 'vtysh');
    const sh = await openShell(client);
    await sh.expect(p.vtysh);
    await sh.type('terminal length 0', p.vtysh);
    await sh.type('show running-config', p.vtysh);
    await sh.expect(/$/, 1).catch(() => undefined);
    sh.close();
    save('session-vtysh.txt', sh.received());
    // An exec channel on this login runs its command in vtysh (`vtysh -c`), not in a shell: exit 1.
    const cat = await execFrr(client, `cat /etc/frr/${PATHSPACE}/frr.conf`);
    if (cat.code !== 1) throw new Error(`cat on the vtysh login exited ${cat.code}`);
    save('vtysh-login-exec-cat.txt', cat.stdout + cat.stderr);
    client.end();
  }

  // 4. FRR's daemons down: what vtysh says, started from bash.
  {
    await sw.frrDown();
    const client = await connectFrr(sw, 'shell');
    const sh = await openShell(client);
    await sh.expect(p.bash);
    save('daemons-down.txt', outputOf(await sh.type(`vtysh -N ${PATHSPACE}`, p.bash), p.bash));
    await sh.type('exit', /$/, 1).catch(() => undefined);
    sh.close();
    save('session-daemons-down.txt', sh.received());
    client.end();
  }
} finally {
  await sw.stop();
}

const pkg = execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}', 'frr'], { encoding: 'utf8' });
const ssh = execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}', 'openssh-server'], { encoding: 'utf8' });
const version = frrVersion();
const date = new Date().toISOString().slice(0, 10);
console.log(
  `- \`frr/*\` — recorded ${date} from real FRRouting ${version} (Debian package ${pkg}) behind OpenSSH (${ssh}), ` +
    `switch \`${NAME}\`, pathspace \`${PATHSPACE}\`, by test/peers/record-frr.ts (ssh2, vt100 terminal); unmodified bytes`,
);
