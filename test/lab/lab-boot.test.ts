// A power-cycled lab switch says it rebooted once it is back and answering — as a real switch's
// agent sends coldStart after boot, never as the power goes — whether it comes back at once (the
// default) or stays dark for a boot time first (`power-cycle --boot-time 30s`). What a receiver
// gets is switchback's own trap receiver's record; the probes are what `watch` would try (an SNMP
// GET of sysUpTime, a TCP connection to the SSH port). No test assumes how fast anything is: each
// waits for the notification, then looks. A dark switch is given a boot time far longer than any
// test (10 minutes) and its boot is ended by the lab's own control (`lab event SW boot-done`) once
// the test has looked at it dark — so the looks never race a timer.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventSyntaxError, parseLabEvent } from '../../src/lab/events.js';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import { LabEventError } from '../../src/lab/model.js';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapReceiver, TrapRecord } from '../../src/transport/trap-receiver.js';
import { runCli, startCli } from '../helpers/cli.js';
import { labTrapUser, TEST_CREDENTIALS, stackSpec, tcpOpens } from '../helpers/lab.js';

const COLD_START = '1.3.6.1.6.3.1.1.5.1';
const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
const WAIT = { timeout: 30_000, interval: 50 };
const FIVE_HUNDRED_DAYS_TICKS = 500 * 86_400 * 100;
/** Longer than any test runs: the boot ends when the test says `boot-done`, never on its own. */
const TEN_MINUTES_MS = 10 * 60_000;
const V3 = TEST_CREDENTIALS.snmpV3;

/** sysUpTime.0 over SNMP v2c, or null when the agent does not answer within `timeoutMs`. */
const upTime = (host: string, port: number, timeoutMs = 2000) =>
  new Promise<number | null>((resolve) => {
    const session = snmp.createSession(host, TEST_CREDENTIALS.snmpCommunity, { port, version: snmp.Version2c, timeout: timeoutMs, retries: 0 });
    session.get([SYS_UP_TIME], (err, vbs) => {
      session.close();
      resolve(err || !vbs ? null : Number(vbs[0]!.value));
    });
  });

/** What was true of the switch the moment its coldStart reached the receiver. */
interface AtColdStart {
  record: TrapRecord;
  sshOpens: boolean;
  snmpUpTime: number | null;
}

describe('a power-cycled switch announces its reload once it answers again', () => {
  let fleet: LabFleet;
  let receiver: TrapReceiver;
  const seen: Promise<AtColdStart>[] = [];
  beforeAll(async () => {
    receiver = await startTrapReceiver({
      address: '127.0.0.1',
      port: 0,
      communities: [],
      users: [labTrapUser()],
      onTrap: (record) => {
        if (record.trapOid !== COLD_START) return;
        // Probe at once, as a watch would: is the switch that sent it answering?
        const sw = fleet.switches.find((s) => s.address === record.from)!;
        seen.push(
          Promise.all([tcpOpens(sw.address, sw.ports.ssh), upTime(sw.address, sw.ports.snmp)]).then(([sshOpens, snmpUpTime]) => ({
            record,
            sshOpens,
            snmpUpTime,
          })),
        );
      },
    });
    fleet = await startFleet({
      count: 2,
      platform: 'cisco-ios',
      specs: [stackSpec('boot-a', 2, 1), stackSpec('boot-b', 2, 2)],
      credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
      addresses: 'per-switch',
      emit: { trap: { host: '127.0.0.1', port: receiver.port } },
    });
  });
  afterAll(async () => {
    await fleet?.stop();
    await receiver?.close();
  });

  const coldStarts = async (n: number) => {
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(n), WAIT);
    return Promise.all(seen.slice(0, n));
  };

  it('at once (no boot time): coldStart carries the new uptime, and the switch answers SSH and SNMP', async () => {
    const sw = fleet.get('boot-a');
    await fleet.apply(sw.name, { kind: 'set-uptime', seconds: 500 * 86_400 });
    await fleet.apply(sw.name, { kind: 'power-cycle', loseConfig: true });
    const [at] = await coldStarts(1);
    expect(at!.record.from).toBe(sw.address);
    const trapUpTime = Number(at!.record.varbinds.find((v) => v.oid === SYS_UP_TIME)?.value);
    // The uptime of the switch that booted, not of the one that went down 500 days after its last boot.
    expect(trapUpTime).toBeLessThan(FIVE_HUNDRED_DAYS_TICKS);
    expect(at!.sshOpens).toBe(true);
    expect(at!.snmpUpTime).not.toBeNull();
    expect(at!.snmpUpTime!).toBeLessThan(FIVE_HUNDRED_DAYS_TICKS);
    expect(sw.state.startup).toBeNull();
  });

  it('with a boot time: dark and silent first (SSH refused, SNMP unanswered, nothing sent), then coldStart once it answers', async () => {
    const sw = fleet.get('boot-b');
    await fleet.apply(sw.name, { kind: 'set-uptime', seconds: 500 * 86_400 });
    const sentBefore = sw.notifier!.counts.sent;
    const said = await fleet.apply(sw.name, { kind: 'power-cycle', loseConfig: true, bootMs: TEN_MINUTES_MS });
    expect(said).toMatch(/power lost; boots in 600 s with a factory-default configuration/);
    // Dark: nothing listens, nothing answers, nothing has been said — for as long as these looks take.
    // (The SNMP look waits 300 ms for an answer that must not come: a wait for silence has no event.)
    expect(sw.state.up).toBe(false);
    expect(sw.isBooting()).toBe(true);
    expect(await tcpOpens(sw.address, sw.ports.ssh)).toBe(false);
    expect(await upTime(sw.address, sw.ports.snmp, 300)).toBeNull();
    expect(sw.notifier!.counts.sent).toBe(sentBefore);
    expect(fleet.status().find((s) => s.name === sw.name)?.up).toBe(false);
    // Power events wait for the boot; a feed change passes it by.
    await expect(fleet.apply(sw.name, { kind: 'member-down', member: 2 })).rejects.toThrow(LabEventError);
    await expect(fleet.apply(sw.name, { kind: 'member-down', member: 2 })).rejects.toThrow(/boot-b is booting/);
    expect(await fleet.feed('B', false)).toEqual(['boot-a: member 2 lost power']);
    await fleet.feed('B', true);
    // Still dark after all that: nothing but boot-done ends this boot.
    expect(sw.isBooting()).toBe(true);
    expect(sw.notifier!.counts.sent).toBe(sentBefore);

    expect(await fleet.apply(sw.name, { kind: 'boot-done' })).toMatch(/^boot-b: booted with a factory-default configuration .*, boot \d+; answering/);
    // boot-done returns once the switch answers.
    expect(await tcpOpens(sw.address, sw.ports.ssh)).toBe(true);
    const [, at] = await coldStarts(2);
    expect(at!.record.from).toBe(sw.address);
    expect(at!.sshOpens).toBe(true);
    expect(at!.snmpUpTime).not.toBeNull();
    expect(Number(at!.record.varbinds.find((v) => v.oid === SYS_UP_TIME)?.value)).toBeLessThan(FIVE_HUNDRED_DAYS_TICKS);
    expect(sw.isBooting()).toBe(false);
    expect(sw.state.up).toBe(true);
    expect(sw.state.startup).toBeNull();
    expect(sw.state.members.every((m) => m.state === 'ready')).toBe(true);
    // Its boot is over: another boot-done has nothing to end.
    await expect(fleet.apply(sw.name, { kind: 'boot-done' })).rejects.toThrow(/boot-b is not booting/);
  });
});

describe('power-cycle --boot-time, as typed', () => {
  it('parses', () => {
    expect(parseLabEvent(['power-cycle', '--lose-config', '--boot-time', '30s'])).toEqual({ kind: 'power-cycle', loseConfig: true, bootMs: 30_000 });
    expect(parseLabEvent(['power-cycle', '--boot-time=2m'])).toEqual({ kind: 'power-cycle', loseConfig: false, bootMs: 120_000 });
    expect(parseLabEvent(['power-cycle'])).toEqual({ kind: 'power-cycle', loseConfig: false });
    expect(parseLabEvent(['boot-done'])).toEqual({ kind: 'boot-done' });
  });
  it('refuses a bad duration or word', () => {
    expect(() => parseLabEvent(['power-cycle', '--boot-time', '30'])).toThrow(EventSyntaxError);
    expect(() => parseLabEvent(['power-cycle', '--boot-time'])).toThrow(/--boot-time/);
    expect(() => parseLabEvent(['power-cycle', '--fast'])).toThrow(/takes only --lose-config and --boot-time/);
    expect(() => parseLabEvent(['boot-done', 'now'])).toThrow(/boot-done takes nothing/);
  });

  it('from the CLI: the switch is down in lab status until boot-done, then up, and its v3 coldStart comes from its own address', async () => {
    const traps: TrapRecord[] = [];
    const receiver = await startTrapReceiver({
      address: '127.0.0.1',
      port: 0,
      communities: [],
      users: [labTrapUser()],
      onTrap: (r) => traps.push(r),
    });
    const inventory = join(mkdtempSync(join(tmpdir(), 'switchback-lab-boot-')), 'lab.yaml');
    // `lab up` takes its secrets from the environment when they are set (as a restarted lab keeps them).
    const lab = await startCli(
      ['lab', 'up', '--devices', '2', '--quiet', '--inventory', inventory, '--trap-to', `127.0.0.1:${receiver.port}`],
      /Ctrl-C stops the lab/,
      {
        env: {
          NO_COLOR: '1',
          SWITCHBACK_LAB_COMMUNITY: TEST_CREDENTIALS.snmpCommunity,
          SWITCHBACK_LAB_SNMP_AUTH: V3.authKey,
          SWITCHBACK_LAB_SNMP_PRIV: V3.privKey,
        },
      },
    );
    try {
      const status = async () =>
        (
          JSON.parse((await runCli(['lab', 'status', '--json', '--inventory', inventory])).stdout) as {
            switches: { name: string; up: boolean; address: string; boots: number }[];
          }
        ).switches;
      // Dark until boot-done says otherwise, however long `lab status` (a process of its own) takes.
      const ev = await runCli(['lab', 'event', 'lab-sw-02', 'power-cycle', '--lose-config', '--boot-time', '10m', '--inventory', inventory]);
      expect(ev.code, ev.stderr).toBe(0);
      expect(ev.stdout).toContain('lab-sw-02: power lost; boots in 600 s');
      const during = (await status()).find((s) => s.name === 'lab-sw-02')!;
      const boots = during.boots;
      expect(during.up).toBe(false);
      const done = await runCli(['lab', 'event', 'lab-sw-02', 'boot-done', '--inventory', inventory]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/lab-sw-02: booted with a factory-default configuration/);
      // boot-done returned once the switch answered: lab status says up at once.
      const after = (await status()).find((x) => x.name === 'lab-sw-02')!;
      expect(after.up).toBe(true);
      expect(after.boots).toBe(boots + 1);
      expect(after.address).toBe('127.1.0.2');
      const cold = await vi.waitFor(() => {
        const t = traps.find((x) => x.trapOid === COLD_START);
        if (!t) throw new Error('no coldStart yet');
        return t;
      }, WAIT);
      expect(cold.from).toBe('127.1.0.2');
      expect(cold).toMatchObject({ version: '3', user: V3.user });
      const bad = await runCli(['lab', 'event', 'lab-sw-01', 'save', '--boot-time', '2s', '--inventory', inventory]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--boot-time goes with power-cycle');
    } finally {
      lab.child.kill('SIGINT');
      await lab.exited;
      await receiver.close();
    }
  });
});
