// `configure replace tftp://…` on a lab switch over real SSH, the file served by
// switchback's own TFTP sender over real UDP: what an engineer (or restore) sees, and
// what `show running-config` says afterwards.

import { afterEach, describe, expect, it } from 'vitest';
import { ciscoIosxe } from '../../src/lab/personalities/cisco-iosxe/index.js';
import { initialConfig } from '../../src/lab/personalities/cisco-iosxe/state.js';
import { startLabSwitch } from '../../src/lab/switch.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { startTftpSender } from '../../src/transport/tftp-sender.js';
import type { TftpSender } from '../../src/transport/tftp-sender.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';
import { openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';

const HOST = '127.0.0.1';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** switchback's sender serving `content` as `filename` to the lab switch's address, for one fetch. */
async function serve(filename: string, content: string): Promise<TftpSender> {
  const s = await startTftpSender({
    address: HOST,
    port: 0,
    serve: { filename, from: HOST, content: Buffer.from(content) },
    timeoutMs: 60_000,
    retransmitMs: 300,
  });
  cleanup.push(() => s.close());
  return s;
}

/** A two-member lab switch DIST-1 that sends its TFTP requests to `tftpPort`. */
async function labSwitch(tftpPort: number): Promise<LabSwitch> {
  const sw = await startLabSwitch({
    spec: stackSpec('dist-1', 2),
    personality: ciscoIosxe,
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    address: HOST,
    hostKeySeed: 'config-replace-test',
    tftpPort,
  });
  cleanup.push(() => sw.stop());
  return sw;
}

async function privileged(sw: LabSwitch): Promise<Shell> {
  const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });
  cleanup.push(() => shell.end());
  await shell.readUntil(/DIST-1>$/);
  shell.send(`enable\n${TEST_CREDENTIALS.enableSecret}\nterminal length 0\n`);
  await shell.readUntil(/terminal length 0\r\nDIST-1#$/);
  return shell;
}

async function run(shell: Shell, command: string, prompt = /DIST-1#$/): Promise<string> {
  shell.send(command + '\n');
  return (await shell.readUntil(prompt, 15_000)).replace(/\r\n/g, '\n');
}

/** The configuration `show running-config` prints, from `version` to `end` (the header lines dropped). */
function body(showRun: string): string {
  const lines = showRun.split('\n');
  return (
    lines
      .slice(
        lines.findIndex((l) => l.startsWith('version ')),
        lines.lastIndexOf('end') + 1,
      )
      .join('\n') + '\n'
  );
}

/** Another stack's configuration: another hostname, one member fewer, other addresses. */
const other = initialConfig(stackSpec('core-9', 1, 9));

describe('configure replace tftp://…', () => {
  it('force: the switch fetches the file and its running config becomes exactly that file', async () => {
    const sender = await serve('switchback-dist-1-a1b2.cfg', other);
    const sw = await labSwitch(sender.port);
    const shell = await privileged(sw);
    const out = await run(shell, `configure replace tftp://${HOST}/switchback-dist-1-a1b2.cfg force`, /CORE-9#$/);
    expect(out).toContain(`[OK - ${Buffer.byteLength(other)} bytes]`);
    expect(out).toContain('Total number of passes: 1\nRollback Done\n');
    expect(out).not.toMatch(/^%/m);
    // The prompt came back once, after the replace, under the new hostname.
    expect(out).not.toContain('DIST-1#');
    await sender.sent;
    expect(body(await run(shell, 'show running-config', /CORE-9#$/))).toBe(other);
    // The change is unsaved, as after any configuration change.
    expect(await run(shell, 'show archive config differences', /CORE-9#$/)).toContain('+hostname CORE-9');
  });

  it('a file the server does not have: %Error naming the URL, running config untouched', async () => {
    const sender = await serve('switchback-dist-1-a1b2.cfg', other);
    const sw = await labSwitch(sender.port);
    const shell = await privileged(sw);
    const before = body(await run(shell, 'show running-config'));
    const out = await run(shell, `configure replace tftp://${HOST}/switchback-dist-1-ffff.cfg force`);
    expect(out).toMatch(/^%Error opening tftp:\/\/127\.0\.0\.1\/switchback-dist-1-ffff\.cfg \(No such file or directory\)$/m);
    expect(out).not.toContain('Rollback Done');
    expect(body(await run(shell, 'show running-config'))).toBe(before);
  });

  it('no TFTP server at all: %Error … (Timed out) once the switch gives up', async () => {
    const sender = await serve('unused.cfg', other);
    const port = sender.port;
    await sender.close(); // nothing listens on the port any more
    const sw = await labSwitch(port);
    const shell = await privileged(sw);
    const out = await run(shell, `configure replace tftp://${HOST}/x.cfg force`);
    expect(out).toMatch(/^%Error opening tftp:\/\/127\.0\.0\.1\/x\.cfg \(Timed out\)$/m);
  });

  it('a file with a line IOS refuses: a % line names it, and the running config is untouched', async () => {
    const broken = other.replace('interface Vlan99\n', 'interface Vlan99\n frobnicate the port\n');
    const sender = await serve('broken.cfg', broken);
    const sw = await labSwitch(sender.port);
    const shell = await privileged(sw);
    const before = body(await run(shell, 'show running-config'));
    const out = await run(shell, `configure replace tftp://${HOST}/broken.cfg force`);
    const number = broken.split('\n').indexOf(' frobnicate the port') + 1;
    expect(out).toContain('The following lines could not be applied:');
    expect(out).toMatch(new RegExp(`^% Invalid input detected at '\\^' marker\\. Line ${number}: frobnicate the port$`, 'm'));
    expect(out).not.toContain('Rollback Done');
    expect(body(await run(shell, 'show running-config'))).toBe(before);
  });

  it('without force IOS asks first: anything but Y leaves everything as it was, Y replaces', async () => {
    const sender = await serve('switchback-dist-1-a1b2.cfg', other);
    const sw = await labSwitch(sender.port);
    const shell = await privileged(sw);
    const before = body(await run(shell, 'show running-config'));
    const asked = await run(shell, `configure replace tftp://${HOST}/switchback-dist-1-a1b2.cfg`, /\? \[no\]: $/);
    expect(asked).toContain(
      'This will apply all necessary additions and deletions\nto replace the current running configuration with the\n' +
        'contents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\n' +
        'configuration. Enter Y if you are sure you want to proceed. ? [no]: ',
    );
    expect(await run(shell, 'no')).toBe('no\nDIST-1#');
    expect(body(await run(shell, 'show running-config'))).toBe(before);
    // Nothing was fetched: the sender is still waiting for its one request.
    await run(shell, `configure replace tftp://${HOST}/switchback-dist-1-a1b2.cfg`, /\? \[no\]: $/);
    expect(await run(shell, 'Y', /CORE-9#$/)).toContain('Rollback Done');
    await sender.sent;
    expect(body(await run(shell, 'show running-config', /CORE-9#$/))).toBe(other);
  });

  it('the sender serves one fetch only: a second replace of the same file is refused', async () => {
    const sender = await serve('once.cfg', other);
    const sw = await labSwitch(sender.port);
    const shell = await privileged(sw);
    await run(shell, `configure replace tftp://${HOST}/once.cfg force`, /CORE-9#$/);
    await sender.sent;
    const again = await run(shell, `configure replace tftp://${HOST}/once.cfg force`, /CORE-9#$/);
    expect(again).toMatch(/^%Error opening tftp:\/\/127\.0\.0\.1\/once\.cfg \(Undefined error\)$/m);
  });
});
